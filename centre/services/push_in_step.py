"""A push of events that follow on in step, checked while PostgreSQL stores them.

Nearly every push is a desk's next events: its own, all new, in device_seq order from the one the
centre expects, each id once. For such a push the outcome is known before a single event is parsed:
every event is taken, numbered in order after the unit's head (``services.ingest``). So the unit's
sequence lock is taken first, and each event goes into the COPY as soon as it is checked: PostgreSQL
stores the first events while the last are still being parsed and hashed, on the other core.

The first event that turns out otherwise (malformed, of a schema this centre cannot read) abandons
the COPY and everything since a savepoint, which also lets go of the unit's lock; ``ingest.push``
then takes the push the long way, and gives the same outcome as for any push. A push that does not
look in step from the start (``plan``) never comes here.

None of its events can be held already: the centre holds exactly a desk's events up to its
``last_device_seq`` (it takes them gapless), and these come after it. So their ids are not looked up
first (1,500 index probes, 2–4 ms); an id the centre does hold all the same (another desk's event
with that id, which only a broken or hostile desk sends) fails the COPY on the primary key, and the
push goes the long way, which names the conflict.

The unit's lock is held while the events are checked, ~10 µs an event (15 ms for a day's 1,500): the
desks of one unit then wait that much longer for each other, and in exchange the push takes about the
time of the COPY instead of the checks and the COPY one after the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from sqlalchemy import Connection

from centre.core.db import array_literal, copy_text, pipelined
from centre.services import projection
from centre.services.incoming import Incoming, parse_incoming
from centre.services.ingest import (
    COPY_COLUMNS,
    EARLIER_SQL,
    EVENTS,
    FOREIGN_SQL,
    LOCK_DESK_SQL,
    SEEN_SQL,
    DeskIdentity,
    PushOutcome,
    copy_line,
)
from desk_app.domain import sync_protocol as sp
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import EVENT_SCHEMA_VERSION, is_canonical_uuid

_LOCK_UNIT_SQL = "SELECT last_seq FROM units WHERE id = %s FOR UPDATE"
_MOVE_HEAD_SQL = "UPDATE units SET last_seq = %s WHERE id = %s"
_SAVEPOINT = "push_in_step"
_LINES_A_WRITE = 64  # events sent to PostgreSQL at a time (~100 KB)


@dataclass(frozen=True)
class InStep:
    """A push that looks in step: its events, their dossiers, the first device_seq."""

    wires: Sequence[Mapping[str, Any]]
    dossiers: list[str]
    first_device_seq: int


class _NotInStep(Exception):
    """An event of the push turned out not to be taken as it is."""


def plan(desk: DeskIdentity, wires: Sequence[Mapping[str, Any]]) -> InStep | None:
    """The push as ``InStep`` when, read without parsing, its events are the desk's own, with distinct
    canonical ids, numbered one after another in the order sent; None otherwise (or when empty)."""
    if not wires:
        return None
    ids, dossiers, next_seq = [], set(), None
    for wire in wires:
        if type(wire) is not dict:
            return None
        ident, dossier, seq = wire.get("id"), wire.get("dossier_id"), wire.get("device_seq")
        if type(seq) is not int or (next_seq is not None and seq != next_seq):
            return None
        if wire.get("device_id") != desk.device_id:
            return None
        if not is_canonical_uuid(ident) or not is_canonical_uuid(dossier):
            return None
        ids.append(ident)
        dossiers.add(dossier)
        next_seq = seq + 1
    if len(set(ids)) != len(ids):
        return None
    return InStep(wires, sorted(dossiers), wires[0]["device_seq"])


def push(connection: Connection, desk: DeskIdentity, in_step: InStep, app_version: str) -> PushOutcome | None:
    """Take an in-step push in the caller's transaction (PostgreSQL): its outcome, or None, with nothing
    changed, when it is not taken as it is after all (``ingest.push`` must then take it)."""
    dossiers = array_literal(in_step.dossiers)
    results = pipelined(
        connection,
        [
            (LOCK_DESK_SQL, (desk.id,)),
            (FOREIGN_SQL, (dossiers, desk.unit)),
            (f"SAVEPOINT {_SAVEPOINT}", None),
            (_LOCK_UNIT_SQL, (desk.unit,)),
            (EARLIER_SQL, (dossiers, desk.unit)),
        ],
    )
    last_device_seq, foreign, unit_head = results[0][0][0], results[1], results[3]
    if foreign or not unit_head or in_step.first_device_seq != last_device_seq + 1:
        _undo(connection)
        return None
    head = unit_head[0][0]
    try:
        items, saving = _copy_checked(connection, desk.unit, in_step, head, [row[0] for row in results[4]])
    except (_NotInStep, psycopg.errors.UniqueViolation):
        _undo(connection)
        return None
    top = head + len(items)
    seen = {
        "last_device_seq": in_step.first_device_seq + len(items) - 1,
        "last_seen": datetime.now(UTC),
        "app_version": app_version,
        "id": desk.id,
    }
    pipelined(connection, [(_MOVE_HEAD_SQL, (top, desk.unit)), (SEEN_SQL, seen), *saving])
    acks = [sp.Ack(item.event.id, head + n) for n, item in enumerate(items, start=1)]
    taken = sp.AckRun(in_step.first_device_seq, in_step.first_device_seq + len(items) - 1, head + 1)
    return PushOutcome(acks=acks, expected_device_seq=in_step.first_device_seq + len(items), taken=taken)


def _copy_checked(
    connection: Connection, unit: str, in_step: InStep, head: int, earlier: list[str]
) -> tuple[list[Incoming], list[tuple[str, Any]]]:
    """Check each event and send its row into a COPY right away, numbered after ``head``; then fold the
    touched dossiers while PostgreSQL stores the last rows. The events, and the statements that save
    the fold. _NotInStep (the COPY abandoned) at the first event that is not taken as it is."""
    raw = connection.connection.dbapi_connection
    assert raw is not None
    unit_bytes, received = copy_text(unit).encode(), datetime.now(UTC).isoformat().encode()
    items: list[Incoming] = []
    lines: list[bytes] = []
    with raw.cursor() as cursor:  # type: ignore[attr-defined]
        with cursor.copy(f"COPY {EVENTS.name} ({', '.join(COPY_COLUMNS)}) FROM STDIN") as copy:
            for wire in in_step.wires:
                try:
                    item = parse_incoming(wire)
                except InvalidInput:
                    raise _NotInStep from None
                if item.event.schema_version > EVENT_SCHEMA_VERSION:
                    raise _NotInStep
                items.append(item)
                lines.append(b"%s%d\n" % (copy_line(item, unit_bytes, received), head + len(items)))
                if len(lines) == _LINES_A_WRITE:
                    copy.write(b"".join(lines))
                    lines.clear()
            copy.write(b"".join(lines))
            saving = projection.refold(connection, unit, [item.event for item in items], earlier, defer=True)
    return items, saving


def _undo(connection: Connection) -> None:
    """Back to before the unit's lock was taken: nothing of the push is left, and the unit is free."""
    pipelined(connection, [(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}", None)])
