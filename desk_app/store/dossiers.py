"""The event log and its projection: append events, keep each dossier's row and search entry current.

``append`` is the only way events enter the database. In the caller's write transaction it stores
each event, re-folds every dossier the events touch from *all* of that dossier's events (so an older
event arriving late by sync is placed where it belongs), rewrites the dossier's row and, when its
text changed, its search entry (``refresh``, which a pulled page uses too). One transaction: a
dossier is either wholly saved (event, row, search) or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection, delete, select

from desk_app.domain.events import Event, EventKind, canonical_payload
from desk_app.domain.lifecycle import DossierState, fold
from desk_app.store.dossier_rows import DOSSIER_COLUMNS, dossier_values, search_text
from desk_app.store.models import DOSSIERS, EVENTS

_EVENTS = EVENTS
_DOSSIERS = DOSSIERS


def event_to_row(event: Event) -> dict[str, Any]:
    """The ``events`` row of an event."""
    return {
        "id": event.id,
        "dossier_id": event.dossier_id,
        "kind": event.kind.value,
        "payload": canonical_payload(event.canonical()).decode(),  # the hashed form's own payload text
        "actor": event.actor,
        "device_id": event.device_id,
        "device_seq": event.device_seq,
        "hlc": event.hlc,
        "recorded_at": event.recorded_at.isoformat(),
        "schema_version": event.schema_version,
        "content_hash": event.content_hash(),
    }


def own_event_values(event: Event) -> tuple[Any, ...]:
    """The values ``INSERT_OWN_EVENT`` binds for an event recorded at this desk: its row, and the
    canonical JSON a push sends until the centre acknowledges it."""
    row = event_to_row(event)
    return (*(row[c] for c in EVENT_COLUMNS), event.canonical().decode())


def row_to_event(row: Any) -> Event:
    """The event stored in an ``events`` row."""
    return Event(
        id=row.id,
        dossier_id=row.dossier_id,
        kind=EventKind(row.kind),
        payload=json.loads(row.payload),
        actor=row.actor,
        device_id=row.device_id,
        device_seq=row.device_seq,
        hlc=row.hlc,
        recorded_at=datetime.fromisoformat(row.recorded_at),
        schema_version=row.schema_version,
    )


# The save path runs these on every dossier a clerk saves: plain SQL, no statement compilation.
# An event's own columns; ``centre_seq`` and ``wire`` are the outbox's (``store.outbox``).
EVENT_COLUMNS = tuple(c.name for c in _EVENTS.columns if c.name not in ("centre_seq", "wire"))
assert DOSSIER_COLUMNS == tuple(c.name for c in _DOSSIERS.columns if c.name != "rowid"), "dossier_rows is the table"
_SELECT_EVENTS = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE dossier_id = ?"
# an event recorded here, with its canonical JSON kept for the push (``own_event_values``)
INSERT_OWN_EVENT = (
    f"INSERT INTO events({', '.join(EVENT_COLUMNS)}, wire) VALUES ({', '.join('?' * (len(EVENT_COLUMNS) + 1))})"
)
_INSERT_DOSSIER = f"INSERT INTO dossiers({', '.join(DOSSIER_COLUMNS)}) VALUES ({', '.join('?' * len(DOSSIER_COLUMNS))})"
_UPDATE_DOSSIER = f"UPDATE dossiers SET {', '.join(f'{c} = ?' for c in DOSSIER_COLUMNS)} WHERE rowid = ?"
_FOLD_ORDER = attrgetter("sort_key")
_IN_LIST = "IN (SELECT value FROM json_each(?))"  # a JSON array of keys: one statement for any number
_SELECT_EVENTS_OF_MANY = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE dossier_id {_IN_LIST}"
_ROWIDS = f"SELECT id, rowid FROM dossiers WHERE id {_IN_LIST}"
_SEARCH_BODIES = f"SELECT rowid, body FROM dossier_search WHERE rowid {_IN_LIST}"
_DELETE_SEARCH = "DELETE FROM dossier_search WHERE rowid = ?"
INSERT_SEARCH = "INSERT INTO dossier_search(rowid, body) VALUES (?, ?)"


def events_of(connection: Connection, dossier_id: str) -> list[Event]:
    """Every stored event of one dossier, in the fold's order."""
    rows = connection.exec_driver_sql(_SELECT_EVENTS, (dossier_id,)).all()
    return sorted((row_to_event(r) for r in rows), key=_FOLD_ORDER)


def known_hashes(connection: Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """The content hash of each of these event ids that is already stored."""
    ids = list(event_ids)
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = connection.execute(select(_EVENTS.c.id, _EVENTS.c.content_hash).where(_EVENTS.c.id.in_(chunk)))
        found.update({r.id: r.content_hash for r in rows})
    return found


def refresh(connection: Connection, dossier_ids: Iterable[str]) -> dict[str, DossierState | None]:
    """Re-fold dossiers from all their events and rewrite their rows; returns each one's state (None
    while its events hold no receipt: it has no row yet).

    A few statements for any number of dossiers (a pulled page can touch thousands the desk already
    holds). A search entry is rewritten only when its text changed: a dossier's later events (sent
    on, result, fee, returned) leave its code, names and numbers as they were.
    """
    ids = list(dict.fromkeys(dossier_ids))
    if not ids:
        return {}
    events: dict[str, list[Event]] = {dossier_id: [] for dossier_id in ids}
    for row in connection.exec_driver_sql(_SELECT_EVENTS_OF_MANY, (json.dumps(ids),)).all():
        events[row.dossier_id].append(row_to_event(row))
    states = {dossier_id: fold(sorted(own, key=_FOLD_ORDER)) for dossier_id, own in events.items()}
    live = {dossier_id: state for dossier_id, state in states.items() if state is not None}
    rowids: dict[str, int] = dict(connection.exec_driver_sql(_ROWIDS, (json.dumps(list(live)),)).all())
    updates = [(*dossier_values(live[d]), rowid) for d, rowid in rowids.items()]
    if updates:
        connection.exec_driver_sql(_UPDATE_DOSSIER, updates)
        held = dict(connection.exec_driver_sql(_SEARCH_BODIES, (json.dumps(list(rowids.values())),)).all())
        texts = {rowid: search_text(live[d]) for d, rowid in rowids.items()}
        changed = [(rowid, text) for rowid, text in texts.items() if held.get(rowid) != text]
        stale = [(rowid,) for rowid, _ in changed if rowid in held]
        if stale:
            connection.exec_driver_sql(_DELETE_SEARCH, stale)
        if changed:
            connection.exec_driver_sql(INSERT_SEARCH, changed)
    for dossier_id, state in live.items():
        if dossier_id not in rowids:  # its receipt has just arrived
            rowid = connection.exec_driver_sql(_INSERT_DOSSIER, dossier_values(state)).lastrowid
            connection.exec_driver_sql(INSERT_SEARCH, (rowid, search_text(state)))
    return states


def append(connection: Connection, events: Sequence[Event]) -> dict[str, DossierState | None]:
    """Store new events and refresh the dossiers they touch; returns each touched dossier's state.

    The caller has checked that the ids are new (``known_hashes``); a repeated id raises the
    database's integrity error and, the transaction being the caller's, nothing is written.
    """
    if not events:
        return {}
    connection.exec_driver_sql(INSERT_OWN_EVENT, [own_event_values(e) for e in events])
    return refresh(connection, (e.dossier_id for e in events))


def state_of(connection: Connection, dossier_id: str) -> DossierState | None:
    """The current state of one dossier, folded from its events (a handful: cheaper than storing it)."""
    return fold(events_of(connection, dossier_id))


def delete_dossier_rows(connection: Connection) -> None:
    """Drop every projection row and search entry (before a full rebuild from the log)."""
    connection.execute(delete(_DOSSIERS))
    connection.exec_driver_sql("DELETE FROM dossier_search")
