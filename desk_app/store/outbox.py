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

Nothing here serialises an event again: a pushed event's canonical JSON is rebuilt from its row and
checked against the row's hash (``canonical_text``); a pulled page is made ready off the writer from
the canonical texts the centre sent (``prepare_page``) and written with one ``executemany`` a table.
"""

from __future__ import annotations

import hashlib
import json
from collections import namedtuple
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from sqlalchemy import Connection, func, select

from desk_app.domain import sync_protocol as sp
from desk_app.domain.clock import HybridClock
from desk_app.domain.events import Event
from desk_app.store import dossiers, unit
from desk_app.store.dossier_rows import DOSSIER_COLUMNS
from desk_app.store.models import EVENTS
from desk_app.store.multirow import insert_many
from desk_app.store.pulled_pages import (
    CONTENT_HASH,
    DEVICE_ID,
    HLC,
    PULLED_ROW_COLUMNS,
    PreparedPage,
    fold_dossier,
    prepare_page,
)

CURSOR_COUNTER = "sync_cursor"
DEVICE_SEQ_COUNTER = "device_seq"
HLC_COUNTER = "hlc"
CONFLICTS_KEY = "sync_conflicts"
MAX_RECORDED_CONFLICTS = 500
_EVENTS = EVENTS


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
    held_at: list[int] = field(default_factory=list)  # positions on the page of events held already


# -- what to push ------------------------------------------------------------------------------------


class Unsent(NamedTuple):
    """One of this desk's events to push: its id, device sequence number and canonical JSON text."""

    id: str
    device_seq: int
    text: str


_ROW_COLUMNS = (*dossiers.EVENT_COLUMNS,)
_SELECT_OWN = "SELECT id, device_seq, wire FROM events WHERE device_id = ?"
_SELECT_ROWS = f"SELECT {', '.join(_ROW_COLUMNS)} FROM events WHERE id IN (SELECT value FROM json_each(?))"
_Row = namedtuple("_Row", _ROW_COLUMNS)  # type: ignore[misc] - a row by name, for ``row_to_event``
# canonical_text reads an events row by position, and a pulled page's rows are events rows: the order is fixed there
assert (*_ROW_COLUMNS, "centre_seq") == PULLED_ROW_COLUMNS, "the events table and PULLED_ROW_COLUMNS disagree"


def unsent_texts(connection: Connection, device_id: str, limit: int, from_seq: int | None = None) -> list[Unsent]:
    """This desk's events the centre has not acknowledged, oldest first, as canonical JSON texts, at
    most ``limit``: the text kept with the event until its acknowledgement (``events.wire``), or, for
    an event stored without one (before the desk kept them; or acknowledged already), put together
    from the row (``canonical_text``).

    With ``from_seq`` (the centre reported a gap: it lost events it once acknowledged, e.g. after a
    restore), every own event from that sequence number on is sent again, acknowledged or not.
    """
    if from_seq is None:
        sql, params = f"{_SELECT_OWN} AND centre_seq IS NULL ORDER BY device_seq LIMIT ?", (device_id, limit)
    else:
        sql, params = f"{_SELECT_OWN} AND device_seq >= ? ORDER BY device_seq LIMIT ?", (device_id, from_seq, limit)
    cursor = connection.connection.cursor()  # the transaction's own DBAPI cursor: plain tuples, read once
    try:
        rows = cursor.execute(sql, params).fetchall()
        bare = [row[0] for row in rows if row[2] is None]
        if bare:  # each read whole, to be put together
            texts = {row[0]: canonical_text(row) for row in cursor.execute(_SELECT_ROWS, (json.dumps(bare),))}
            rows = [(event_id, seq, wire or texts[event_id]) for event_id, seq, wire in rows]
    finally:
        cursor.close()
    return [Unsent(*row) for row in rows]


def canonical_text(row: Any) -> str:
    """The canonical JSON of the event in an ``events`` row (``canonical_json(event.to_wire())``).

    Built from the stored texts (the payload is stored as its canonical JSON) and checked: its SHA-256
    must be the row's ``content_hash``, which was taken over the canonical JSON when the event was
    stored. A row that does not match (an older store, a hash taken from the centre) goes the long
    way, through the ``Event``, so what is sent is always the event itself."""
    text = _text_of_row(row)
    if text is not None and hashlib.sha256(text.encode()).hexdigest() == row[10]:
        return text
    return dossiers.row_to_event(_Row(*row)).canonical().decode()


def _text_of_row(row: Any) -> str | None:
    """The canonical JSON of an events row put together from its columns; None when a column does not
    fit (the hash check then sends the row the long way). Keys in sorted order, strings written as the
    canonical encoder writes them, the time in UTC as ``Event.to_wire`` gives it."""
    event_id, dossier_id, kind, payload, actor, device_id, device_seq, hlc, recorded_at, version, _ = row
    try:
        if not recorded_at.endswith("+00:00"):
            recorded_at = datetime.fromisoformat(recorded_at).astimezone(UTC).isoformat()
        if type(device_seq) is not int or type(hlc) is not int or type(version) is not int:
            return None
        return (
            f'{{"actor":{_string(actor)},"device_id":{_string(device_id)},"device_seq":{device_seq},'
            f'"dossier_id":{_string(dossier_id)},"hlc":{hlc},"id":{_string(event_id)},"kind":{_string(kind)},'
            f'"payload":{payload},"recorded_at":{_string(recorded_at)},"schema_version":{version}}}'
        )
    except (AttributeError, TypeError, ValueError):
        return None


_string = encode_basestring  # how the canonical encoder (ensure_ascii=False) writes a string


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


def mark_acknowledged(
    connection: Connection,
    acks: Iterable[tuple[str, int]],
    *,
    device_id: str = "",
    sent: Mapping[str, int] | None = None,
    runs: Sequence[sp.AckRun] = (),
) -> int:
    """Give the events the centre acknowledged their ``centre_seq`` and drop the text kept to push
    them; only events still unsent.

    ``acks`` name events by id. ``runs`` (``SyncResponse.ack_runs``) name this desk's own events
    (``device_id``'s) by device_seq range; a run is taken only when every event in it was sent in the
    request (``sent``: ids → device_seq). Acknowledgements by id of sent events numbered in step are
    stored as runs too: one statement a run ((device_id, device_seq) is unique, and an own event never
    changes)."""
    rows = [(seq, event_id) for event_id, seq in acks]
    ranges = [(r.first, r.last, r.centre_seq - r.first) for r in runs if names_sent(r, sent)] if device_id else []
    found = _acknowledged_runs(rows, sent) if rows and sent and device_id else None
    done = 0
    if found is not None:
        ranges += found
    elif rows:
        sql = "UPDATE events SET centre_seq = ?, wire = NULL WHERE id = ? AND centre_seq IS NULL"
        done += max(connection.exec_driver_sql(sql, rows).rowcount, 0)
    for first, last, offset in ranges:
        result = connection.exec_driver_sql(_ACK_RUN, (offset, device_id, first, last))
        done += max(result.rowcount, 0)
    return done


def names_sent(run: sp.AckRun, sent: Mapping[str, int] | None) -> bool:
    """Whether every device_seq of an acknowledged run is one of the ``sent`` events' (ids → device_seq,
    themselves one run)."""
    if not sent:
        return False
    low, high = min(sent.values()), max(sent.values())
    return high - low + 1 == len(sent) and low <= run.first and run.last <= high


_ACK_RUN = (
    "UPDATE events SET centre_seq = device_seq + ?, wire = NULL "
    "WHERE device_id = ? AND device_seq BETWEEN ? AND ? AND centre_seq IS NULL"
)
_MAX_RUNS = 8  # beyond that, one statement with every id


def _acknowledged_runs(rows: list[tuple[int, str]], sent: Mapping[str, int]) -> list[tuple[int, int, int]] | None:
    """The acknowledgements (centre_seq, id) as runs (first device_seq, last, centre_seq − device_seq)
    of consecutive own events numbered consecutively; None when an id was not sent or there are many runs."""
    pairs = []
    for seq, event_id in rows:
        device_seq = sent.get(event_id)
        if device_seq is None:
            return None
        pairs.append((device_seq, seq))
    pairs.sort()
    runs: list[tuple[int, int, int]] = []
    first, last, offset = pairs[0][0], pairs[0][0], pairs[0][1] - pairs[0][0]
    for device_seq, seq in pairs[1:]:
        if device_seq == last + 1 and seq - device_seq == offset:
            last = device_seq
            continue
        runs.append((first, last, offset))
        if len(runs) >= _MAX_RUNS:
            return None
        first, last, offset = device_seq, device_seq, seq - device_seq
    runs.append((first, last, offset))
    return runs


# -- what came down ----------------------------------------------------------------------------------

_INTO_EVENTS = f"events({', '.join(PULLED_ROW_COLUMNS)})"
_INTO_DOSSIERS = f"dossiers(rowid, {', '.join(DOSSIER_COLUMNS)})"
_INTO_SEARCH = "dossier_search(rowid, body)"
_HELD = "SELECT id, content_hash FROM events WHERE id IN (SELECT value FROM json_each(?))"
_PRIOR = "SELECT DISTINCT dossier_id FROM events WHERE dossier_id IN (SELECT value FROM json_each(?))"


def store_page(
    connection: Connection,
    page: PreparedPage | Sequence[tuple[int, Event]],
    new_cursor: int,
    clock: HybridClock,
    own_device_id: str,
) -> PageOutcome:
    """Store a pulled page, refold the dossiers it touches and move the cursor, in the caller's transaction.

    ``clock`` (primed with the desk's stamp) observes every pulled stamp, so the next event recorded
    here sorts after everything seen; stamps too far ahead are capped (``clock_capped``).
    """
    if not isinstance(page, PreparedPage):
        page = prepare_page([(seq, event, None, None) for seq, event in page])
    outcome = PageOutcome()
    rows = page.rows
    if rows:
        outcome.clock_capped = _observe(clock, [row[HLC] for row in rows])
    held = _held_hashes(connection, [row[0] for row in rows]) if rows else {}
    if not held and len(rows) == len({row[0] for row in rows}):
        fresh = list(range(len(rows)))  # nothing held, no id twice: the usual case
    else:
        fresh = _sort_out(rows, held, outcome)
        outcome.acknowledged = mark_acknowledged(connection, [(rows[n][0], rows[n][-1]) for n in outcome.held_at])
    _insert_and_refold(connection, page, fresh, outcome)
    own = [rows[n][6] for n in fresh if rows[n][DEVICE_ID] == own_device_id]
    if own:  # our own events came back (a restored desk): never hand their numbers out again
        unit.raise_counter(connection, DEVICE_SEQ_COUNTER, max(own))
    unit.raise_counter(connection, HLC_COUNTER, clock.last)
    set_cursor(connection, new_cursor)
    record_conflicts(connection, outcome.conflicts)
    return outcome


def _observe(clock: HybridClock, stamps: Sequence[int]) -> int:
    """Let ``clock`` observe every stamp; how many were capped as too far ahead. The newest stamp is
    seen first: when it is not capped, no other one is (and the clock has moved as far as it will)."""
    if clock.observe(max(stamps)):
        return 0
    return sum(not clock.observe(stamp) for stamp in stamps)


def _held_hashes(connection: Connection, event_ids: list[str]) -> dict[str, str]:
    """The content hash of each of these event ids that the desk already holds (one query)."""
    return dict(connection.exec_driver_sql(_HELD, (json.dumps(event_ids),)).all())


def _sort_out(rows: Sequence[tuple[Any, ...]], held: dict[str, str], outcome: PageOutcome) -> list[int]:
    """The positions of the events to store; those held with the same content are noted in
    ``outcome.held_at`` (to acknowledge), those held with other content are conflicts."""
    held = dict(held)
    fresh: list[int] = []
    for position, row in enumerate(rows):
        event_id, content_hash = row[0], row[CONTENT_HASH]
        known = held.get(event_id)
        if known is None:
            fresh.append(position)
            held[event_id] = content_hash
        elif known == content_hash:
            outcome.already_held += 1
            outcome.held_at.append(position)
        else:
            outcome.conflicts.append(
                Conflict(
                    event_id,
                    row[1],
                    "desk",
                    "Trung tâm gửi về một sự kiện trùng mã với sự kiện trên máy nhưng khác nội dung: "
                    "máy giữ bản của mình, cần người kiểm tra.",
                    "The centre sent an event with the id of one on this desk but other content: "
                    "the desk keeps its own; a person must check.",
                )
            )
    return fresh


def _insert_and_refold(connection: Connection, page: PreparedPage, fresh: Sequence[int], outcome: PageOutcome) -> None:
    """Insert new events with their centre_seq; refold the dossiers they touch: those the desk held
    events of from all their events (``dossiers.refresh``, all at once), new ones from the page as
    prepared."""
    if not fresh:
        return
    rows = page.rows
    touched: dict[str, list[int]] = {}
    for n in fresh:
        found = touched.get(rows[n][1])
        if found is None:
            touched[rows[n][1]] = [n]
        else:
            found.append(n)
    ids = list(touched)
    prior = {row[0] for row in connection.exec_driver_sql(_PRIOR, (json.dumps(ids),))}
    insert_many(connection, _INTO_EVENTS, [rows[n] for n in fresh] if len(fresh) < len(rows) else rows)
    outcome.stored += len(fresh)
    outcome.touched.extend(ids)
    new_rows: list[tuple[Any, ...]] = []
    new_search: list[str] = []
    refreshed = dossiers.refresh(connection, (dossier_id for dossier_id in touched if dossier_id in prior))
    outcome.anomalies += sum(len(state.anomalies) for state in refreshed.values() if state is not None)
    for dossier_id, positions in touched.items():
        if dossier_id in prior:
            continue
        if len(positions) == len(page.by_dossier[dossier_id]):  # all its events are new: as prepared
            folded = page.folded[dossier_id]
        else:  # an id twice on the page: fold what is stored
            folded = fold_dossier(dossiers.row_to_event(_Row(*rows[n][:-1])) for n in positions)
        if folded is not None:
            new_rows.append(folded.values)
            new_search.append(folded.search)
            outcome.anomalies += folded.anomalies
    if new_rows:
        first = (connection.exec_driver_sql("SELECT max(rowid) FROM dossiers").scalar() or 0) + 1
        rowids = range(first, first + len(new_rows))
        insert_many(connection, _INTO_DOSSIERS, [(r, *v) for r, v in zip(rowids, new_rows, strict=True)])
        insert_many(connection, _INTO_SEARCH, list(zip(rowids, new_search, strict=True)))


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
