"""Events the centre records itself (a result ready upstream, a note from the province).

They are ordinary events with device id ``centre``: a device sequence of the centre's own, a hybrid
clock stamp after every event of the dossier the centre has seen (so they fold after them), stored
through the same path as pushed events (``ingest.store_events``), and so reach the dossier's desks
at their next sync. The state machine is checked first, as at a desk: the centre does not record an
action the dossier's status does not allow.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, or_, select, update

from centre import NotFound
from centre.core.db import upsert
from centre.models import Counter
from centre.services import projection
from centre.services.incoming import parse_incoming
from centre.services.ingest import EVENTS, store_events
from desk_app.domain.clock import HybridClock
from desk_app.domain.events import Event, EventKind, new_event_id, utc_now
from desk_app.domain.lifecycle import VIETNAM, check_allowed, fold
from desk_app.domain.sync_protocol import CENTRE_DEVICE_ID

COUNTERS = Counter.__table__
CENTRE_ACTOR = "Trung tâm Phục vụ hành chính công tỉnh"


def _next(connection: Connection, name: str, at_least: int = 0) -> int:
    """Move counter ``name`` on (locked until commit) and return its new value."""
    upsert(connection, COUNTERS, [{"name": name, "value": 0}], ["name"])
    current = connection.execute(select(COUNTERS.c.value).where(COUNTERS.c.name == name).with_for_update()).scalar_one()
    value = max(current + 1, at_least)
    connection.execute(update(COUNTERS).where(COUNTERS.c.name == name).values(value=value))
    return int(value)


def find_dossier(connection: Connection, code_or_id: str) -> tuple[str, str]:
    """(dossier id, unit) of a dossier by its code or id; NotFound otherwise."""
    table = projection.DOSSIERS
    condition = table.c.code == code_or_id.strip()
    if len(code_or_id.strip()) == 36:
        condition = or_(condition, table.c.dossier_id == code_or_id.strip())
    row = connection.execute(select(table.c.dossier_id, table.c.unit).where(condition).limit(2)).all()
    if len(row) != 1:
        raise NotFound(
            f"Không tìm thấy hồ sơ «{code_or_id}» (hoặc mã bị trùng)", f"No single dossier '{code_or_id}' (or a clash)"
        )
    return str(row[0].dossier_id), row[0].unit


def record_event(
    connection: Connection, code_or_id: str, kind: EventKind, payload: Mapping[str, Any], actor: str = CENTRE_ACTOR
) -> tuple[Event, int]:
    """Record ``kind`` on a dossier at the centre; (the event, its centre_seq). TransitionRefused if not allowed."""
    dossier_id, unit = find_dossier(connection, code_or_id)
    wires = connection.execute(select(EVENTS.c.wire).where(EVENTS.c.dossier_id == dossier_id)).scalars()
    events = [projection.event_of(w) for w in wires]
    state = fold(events)
    check_allowed(kind, state)
    last_hlc = max((e.hlc for e in events), default=0)
    stamp_floor = _next(connection, "centre_hlc", 0)
    clock = HybridClock(last=max(last_hlc, stamp_floor))
    stamp = clock.tick()
    connection.execute(update(COUNTERS).where(COUNTERS.c.name == "centre_hlc").values(value=stamp))
    body = {"at": datetime.now(VIETNAM).replace(tzinfo=None, microsecond=0).isoformat(), **dict(payload)}
    event = Event(
        id=new_event_id(),
        dossier_id=dossier_id,
        kind=kind,
        payload=body,
        actor=actor,
        device_id=CENTRE_DEVICE_ID,
        device_seq=_next(connection, "centre_device_seq"),
        hlc=stamp,
        recorded_at=utc_now(),
    )
    incoming = parse_incoming(event.to_wire())
    (seq,) = store_events(connection, unit, [incoming])
    return incoming.event, seq
