"""The desk's side of sync in the database: what is still to send, what the centre took, what came down.

An event of this desk is unsent while its ``centre_seq`` is NULL. It is marked sent only when an
answer of the centre names it (``mark_acknowledged``), never because a request went out: a lost
answer leaves it unsent, and the next round trip sends it again (the centre acknowledges a repeat
with the same content, changing nothing).

A pulled page is stored in ONE transaction with the pull cursor (``store_page``): the events, the
refolded projections of the dossiers they touch and the new cursor are committed together or not at
all, so a cut link loses at most the page in flight and the cursor can never pass an event the desk
does not hold. An event the desk already holds with other content is a conflict: the local one is
kept, never overwritten, and the conflict is recorded for a person (``CONFLICTS_KEY``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from desk_app.domain.clock import HybridClock
from desk_app.domain.events import Event
from desk_app.domain.lifecycle import fold
from desk_app.store import dossiers, unit
from desk_app.store.models import DOSSIERS, EVENTS

CURSOR_COUNTER = "sync_cursor"
DEVICE_SEQ_COUNTER = "device_seq"
HLC_COUNTER = "hlc"
CONFLICTS_KEY = "sync_conflicts"
MAX_RECORDED_CONFLICTS = 500
_EVENTS = EVENTS
_DOSSIERS = DOSSIERS


@dataclass(frozen=True)
class Conflict:
    """An event id held with two contents: ours is kept; ``side`` says who holds the other one."""

    event_id: str
    dossier_id: str
    side: str  # "centre" (our push was refused) or "desk" (a pulled event clashes with ours)
    message: str
    message_en: str

    def to_json(self) -> dict[str, str]:
        """The conflict as a settings value."""
        return dict(self.__dict__)


@dataclass
class PageOutcome:
    """What storing one pulled page did."""

    stored: int = 0
    already_held: int = 0
    acknowledged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)
    anomalies: int = 0
    clock_capped: int = 0


# -- what to push ------------------------------------------------------------------------------------


def unsent(connection: Connection, device_id: str, limit: int, from_seq: int | None = None) -> list[dict[str, Any]]:
    """This desk's events the centre has not acknowledged, oldest first, as wire forms (at most ``limit``).

    With ``from_seq`` (the centre reported a gap: it lost events it once acknowledged, e.g. after a
    restore), every own event from that sequence number on is sent again, acknowledged or not.
    """
    query = select(_EVENTS).where(_EVENTS.c.device_id == device_id)
    if from_seq is None:
        query = query.where(_EVENTS.c.centre_seq.is_(None))
    else:
        query = query.where(_EVENTS.c.device_seq >= from_seq)
    rows = connection.execute(query.order_by(_EVENTS.c.device_seq).limit(limit))
    return [dossiers.row_to_event(row).to_wire() for row in rows]


def unsent_count(connection: Connection, device_id: str) -> int:
    """How many of this desk's events wait for the centre's acknowledgement."""
    query = select(func.count()).where(_EVENTS.c.device_id == device_id, _EVENTS.c.centre_seq.is_(None))
    return connection.execute(query).scalar_one()


def known_device_seq(connection: Connection) -> int:
    """The desk holds every one of its own events up to this device sequence number (gapless)."""
    return unit.get_counter(connection, DEVICE_SEQ_COUNTER) or 0


def cursor(connection: Connection) -> int:
    """The centre sequence number up to which the desk holds every event of its unit."""
    return unit.get_counter(connection, CURSOR_COUNTER) or 0


def mark_acknowledged(connection: Connection, acks: Iterable[tuple[str, int]]) -> int:
    """Give each event the centre named its ``centre_seq``; only those ids, only if still unsent."""
    rows = [(seq, event_id) for event_id, seq in acks]
    if not rows:
        return 0
    result = connection.exec_driver_sql("UPDATE events SET centre_seq = ? WHERE id = ? AND centre_seq IS NULL", rows)
    return max(result.rowcount, 0)


# -- what came down ----------------------------------------------------------------------------------


def store_page(
    connection: Connection,
    pulled: Sequence[tuple[int, Event]],
    new_cursor: int,
    clock: HybridClock,
    own_device_id: str,
) -> PageOutcome:
    """Store a pulled page, refold the dossiers it touches and move the cursor, in the caller's transaction.

    ``clock`` (primed with the desk's stamp) observes every pulled stamp, so the next event recorded
    here sorts after everything seen; stamps too far ahead are capped (``clock_capped``).
    """
    outcome = PageOutcome()
    rows = [(seq, event, dossiers.event_to_row(event)) for seq, event in pulled]  # hashed once each
    held = dossiers.known_hashes(connection, (event.id for _, event in pulled))
    fresh: list[tuple[int, Event, dict[str, Any]]] = []
    late_acks: list[tuple[str, int]] = []
    for seq, event, row in rows:
        if not clock.observe(event.hlc):
            outcome.clock_capped += 1
        known = held.get(event.id)
        if known is None:
            fresh.append((seq, event, row))
            held[event.id] = row["content_hash"]
        elif known == row["content_hash"]:
            outcome.already_held += 1
            late_acks.append((event.id, seq))
        else:
            outcome.conflicts.append(
                Conflict(
                    event.id,
                    event.dossier_id,
                    "desk",
                    "Trung tâm gửi về một sự kiện trùng mã với sự kiện trên máy nhưng khác nội dung: "
                    "máy giữ bản của mình, cần người kiểm tra.",
                    "The centre sent an event with the id of one on this desk but other content: "
                    "the desk keeps its own; a person must check.",
                )
            )
    outcome.acknowledged = mark_acknowledged(connection, late_acks)
    _insert_and_refold(connection, fresh, outcome)
    own = [event.device_seq for _, event, _ in fresh if event.device_id == own_device_id]
    if own:  # our own events came back (a restored desk): never hand their numbers out again
        unit.raise_counter(connection, DEVICE_SEQ_COUNTER, max(own))
    unit.raise_counter(connection, HLC_COUNTER, clock.last)
    set_cursor(connection, new_cursor)
    record_conflicts(connection, outcome.conflicts)
    return outcome


def _insert_and_refold(
    connection: Connection, fresh: Sequence[tuple[int, Event, dict[str, Any]]], outcome: PageOutcome
) -> None:
    """Insert new events with their centre_seq; refold touched dossiers (in memory when new here)."""
    if not fresh:
        return
    by_dossier: dict[str, list[Event]] = defaultdict(list)
    for _, event, _ in fresh:
        by_dossier[event.dossier_id].append(event)
    ids = list(by_dossier)
    prior: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        prior.update(connection.execute(select(_EVENTS.c.dossier_id).where(_EVENTS.c.dossier_id.in_(chunk))).scalars())
    columns = [*fresh[0][2], "centre_seq"]
    connection.exec_driver_sql(
        f"INSERT INTO events({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [(*row.values(), seq) for seq, _, row in fresh],
    )
    outcome.stored += len(fresh)
    new_states = []
    for dossier_id, events in by_dossier.items():
        state = dossiers.refresh(connection, dossier_id) if dossier_id in prior else fold(events)
        if state is None:
            continue
        outcome.anomalies += len(state.anomalies)
        if dossier_id not in prior:
            new_states.append(state)
    outcome.touched.extend(ids)
    if new_states:
        first = (connection.execute(select(func.max(_DOSSIERS.c.rowid))).scalar() or 0) + 1
        rows = [dossiers.dossier_row(s) for s in new_states]
        names = ["rowid", *rows[0]]
        connection.exec_driver_sql(
            f"INSERT INTO dossiers({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
            [(first + n, *row.values()) for n, row in enumerate(rows)],
        )
        connection.exec_driver_sql(
            "INSERT INTO dossier_search(rowid, body) VALUES (?, ?)",
            [(first + n, dossiers.search_text(s)) for n, s in enumerate(new_states)],
        )


def set_cursor(connection: Connection, value: int) -> None:
    """Store the pull cursor (only ever with the events it covers, in one transaction)."""
    connection.exec_driver_sql(
        "INSERT INTO counters(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        (CURSOR_COUNTER, value),
    )


# -- conflicts for a person --------------------------------------------------------------------------


def record_conflicts(connection: Connection, conflicts: Iterable[Conflict]) -> None:
    """Add conflicts to the list a person settles (one entry per event id and side, newest kept)."""
    items = [c.to_json() for c in conflicts]
    if not items:
        return
    current: list[Mapping[str, Any]] = unit.get_setting(connection, CONFLICTS_KEY, [])
    merged = {(c["event_id"], c["side"]): dict(c) for c in current}
    merged.update({(c["event_id"], c["side"]): c for c in items})
    unit.set_settings(connection, {CONFLICTS_KEY: list(merged.values())[-MAX_RECORDED_CONFLICTS:]})


def recorded_conflicts(connection: Connection) -> list[Conflict]:
    """The conflicts recorded so far (for the window and the report)."""
    return [Conflict(**c) for c in unit.get_setting(connection, CONFLICTS_KEY, [])]
