"""Ingest: events pushed by a desk (or recorded by the centre) enter the centre's log exactly once.

Idempotent by event id. An id the centre already holds with the same content hash is acknowledged
again with its existing ``centre_seq`` (a lost answer followed by a retry changes nothing); with
other content it is rejected (``conflict``), recorded in ``rejected_events`` for a person, and the
stored event is never overwritten. Every event must carry the token's own device id.

Gaps. The centre keeps, per desk, ``last_device_seq``: the highest device sequence number up to
which it holds every event of that desk. New events are taken in device_seq order while they are
contiguous; the first one that is not (``> expected``) and every one after it is rejected ``gap``,
and the answer's ``expected_device_seq`` says where to resend from. We chose this over holding
out-of-order events in a backlog (ODK's way): the desk always sends its oldest unsent events first,
so a gap only comes from a bug or lost data, and a hold-back queue would hide it. An unknown event
reusing an already accepted device_seq (a desk restored from an old backup) is ``seq_reused``.

Sequencing (why a reader's cursor can never skip an event committed late). Within a unit, centre
sequence numbers are handed out by ``UPDATE units SET last_seq = last_seq + n … RETURNING`` inside
the inserting transaction. That row lock is held until commit, so a second inserter of the same unit
waits, and reads the new ``last_seq`` only after the first one committed: commit order equals
sequence order within a unit. A reader (``services.pull``) first reads ``last_seq`` (committed
value H), then the events numbered ≤ H: every one of them belongs to a committed transaction, and
no transaction can later commit a number ≤ H. A plain auto-increment would let a slow transaction
commit number 7 after a reader has already moved its cursor to 8. Pulls are per unit, so units
never wait for each other. On SQLite (embedded try-out) writers are serialised by ``BEGIN IMMEDIATE``.

Here the lock is taken as late as possible: parsing, hashing and every check happen before it; only
the insert and the projection fold (which must see a stable event set per dossier) run under it. A
push of the desk's next events, all new and in order, is taken by ``services.push_in_step`` instead,
which takes the lock first and checks each event while PostgreSQL stores the ones before it.

Round trips (PostgreSQL; each one costs a waiting thread the interpreter lock again under load):
one pipeline locks the desk's row and reads the held ids and foreign dossiers; a second takes the
unit's counter, reads the touched dossiers' earlier events and updates the desk; the events go in
with one COPY (text format written here), and the dossiers are folded while PostgreSQL stores it;
a third pipeline saves the projections and flags code clashes. SQLite takes the same steps one by one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from centre.core.db import among, array_literal, copy_lines, copy_text, is_postgres, pipelined, upsert
from centre.models import Desk, EventRow, RejectedEvent, Unit
from centre.services import projection
from centre.services.incoming import Incoming, parse_incoming, payload_json
from desk_app.domain import sync_protocol as sp
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import EVENT_SCHEMA_VERSION, EventKind

EVENTS = EventRow.__table__
UNITS = Unit.__table__
DESKS = Desk.__table__
REJECTED = RejectedEvent.__table__
_EVENT_COLUMNS = (
    "id",
    "unit",
    "dossier_id",
    "device_id",
    "device_seq",
    "hlc",
    "kind",
    "actor",
    "payload",
    "recorded_at",
    "schema_version",
    "content_hash",
    "centre_seq",
    "received_at",
    "wire",
)
_RECORDED = (sp.CONFLICT, sp.SEQ_REUSED, sp.FOREIGN_DOSSIER, sp.FOREIGN_DEVICE, sp.MALFORMED)


@dataclass(frozen=True)
class DeskIdentity:
    """The desk a token stands for."""

    id: int
    unit: str
    desk_number: int
    device_id: str


@dataclass
class PushOutcome:
    """What a push did: acknowledgements, rejections, and the next device_seq the centre expects.

    The events it took are ``taken`` (device_seq first..last, numbered in step), acknowledged in
    ``acks`` from position ``taken_at`` on."""

    acks: list[sp.Ack] = field(default_factory=list)
    rejections: list[sp.Rejection] = field(default_factory=list)
    expected_device_seq: int = 1
    taken: sp.AckRun | None = None
    taken_at: int = 0

    def answer_acks(self, as_runs: bool) -> tuple[tuple[sp.Ack, ...], tuple[sp.AckRun, ...]]:
        """The acknowledgements as the answer carries them: with ``as_runs`` (the desk reads
        ``ack_runs``), the events taken now as one run, the others one by one."""
        if not as_runs or self.taken is None:
            return tuple(self.acks), ()
        end = self.taken_at + self.taken.last - self.taken.first + 1
        return (*self.acks[: self.taken_at], *self.acks[end:]), (self.taken,)


_MESSAGES = {
    sp.CONFLICT: ("Trung tâm đã có sự kiện cùng mã với nội dung khác", "The centre holds another event with this id"),
    sp.GAP: ("Thiếu sự kiện trước đó của quầy: gửi lại theo thứ tự", "An earlier event of this desk is missing"),
    sp.SEQ_REUSED: (
        "Số thứ tự sự kiện này của quầy đã được dùng (máy được khôi phục từ bản sao cũ?)",
        "This desk sequence number is already used (was the desk restored from an old backup?)",
    ),
    sp.FOREIGN_DEVICE: ("Sự kiện mang mã máy của quầy khác", "The event claims another desk's device id"),
    sp.FOREIGN_DOSSIER: ("Hồ sơ thuộc đơn vị khác", "The dossier belongs to another unit"),
    sp.UNSUPPORTED_SCHEMA: (
        "Trung tâm chưa đọc được phiên bản sự kiện này; quầy giữ lại và gửi sau",
        "The centre cannot read this event version yet; the desk keeps it and sends it later",
    ),
}


def _rejection(event_id: str, reason: str, detail: tuple[str, str] | None = None) -> sp.Rejection:
    vi, en = detail or _MESSAGES[reason]
    return sp.Rejection(event_id, reason, vi, en)


@dataclass
class Checked:
    """Pushed events checked on their own, before any database work: the first of each id
    (``candidates``), its exact repeats, and the rejections found so far (with what to record)."""

    candidates: dict[str, Incoming] = field(default_factory=dict)
    repeats: list[Incoming] = field(default_factory=list)
    rejections: list[sp.Rejection] = field(default_factory=list)
    to_record: list[tuple[sp.Rejection, str, str]] = field(default_factory=list)


def check_pushed(desk: DeskIdentity, wires: Sequence[Mapping[str, Any]]) -> Checked:
    """Parse and check every pushed event of ``desk`` (no database: run it before a transaction opens)."""
    checked = Checked()
    candidates, repeats, rejections, to_record = (
        checked.candidates,
        checked.repeats,
        checked.rejections,
        checked.to_record,
    )
    for wire in wires:
        event_id = str(wire["id"])
        try:
            incoming = parse_incoming(wire)
        except InvalidInput as exc:
            rejection = _rejection(event_id, sp.MALFORMED, (exc.message, exc.english))
            raw = json.dumps(wire, sort_keys=True, default=str)
            to_record.append((rejection, hashlib.sha256(raw.encode()).hexdigest(), raw))
            rejections.append(rejection)
            continue
        reason = None
        if incoming.event.schema_version > EVENT_SCHEMA_VERSION:
            reason = sp.UNSUPPORTED_SCHEMA
        elif incoming.event.device_id != desk.device_id:
            reason = sp.FOREIGN_DEVICE
        elif event_id in candidates and candidates[event_id].content_hash != incoming.content_hash:
            reason = sp.CONFLICT
        if reason is not None:
            rejections.append(_rejection(event_id, reason))
            to_record.append((rejections[-1], incoming.content_hash, incoming.wire))
        elif event_id in candidates:
            repeats.append(incoming)
        else:
            candidates[event_id] = incoming
    return checked


def push(
    connection: Connection,
    desk: DeskIdentity,
    wires: Sequence[Mapping[str, Any]],
    app_version: str,
    checked: Checked | None = None,
) -> PushOutcome:
    """Take a desk's pushed events in one transaction (the caller's): acks, rejections, expected seq.

    ``checked`` is ``check_pushed(desk, wires)`` when the caller made it before the transaction."""
    checked = checked if checked is not None else check_pushed(desk, wires)
    candidates, repeats, to_record = checked.candidates, checked.repeats, list(checked.to_record)
    outcome = PushOutcome(rejections=list(checked.rejections))
    last, held, foreign = _held(connection, desk, candidates)
    fresh = []
    for event_id, incoming in candidates.items():
        row = held.get(event_id)
        if row is None:
            fresh.append(incoming)
        elif row[0] == incoming.content_hash:
            outcome.acks.append(sp.Ack(event_id, row[1]))
        else:
            outcome.rejections.append(_rejection(event_id, sp.CONFLICT))
            to_record.append((outcome.rejections[-1], incoming.content_hash, incoming.wire))
    accepted: list[Incoming] = []
    expected, blocked = last + 1, False
    for incoming in sorted(fresh, key=lambda i: i.event.device_seq):
        seq, event_id = incoming.event.device_seq, incoming.event.id
        reason = None
        if blocked or seq > expected:
            reason, blocked = sp.GAP, True
        elif seq < expected:
            reason = sp.SEQ_REUSED
        elif incoming.event.dossier_id in foreign:
            reason, blocked = sp.FOREIGN_DOSSIER, True
        if reason is None:
            accepted.append(incoming)
            expected += 1
            continue
        outcome.rejections.append(_rejection(event_id, reason))
        if reason in _RECORDED:
            to_record.append((outcome.rejections[-1], incoming.content_hash, incoming.wire))
    seen = {"last_device_seq": expected - 1, "last_seen": datetime.now(UTC), "app_version": app_version}
    if is_postgres(connection):  # in the same round trip as the unit's counter
        desk_update = [(SEEN_SQL, {**seen, "id": desk.id})]
        seqs = store_events(connection, desk.unit, accepted, desk_update) if accepted else []
        if not accepted:
            pipelined(connection, desk_update)
    else:
        seqs = store_events(connection, desk.unit, accepted)
        connection.execute(update(DESKS).where(DESKS.c.id == desk.id).values(**seen))
    if accepted:  # device_seq expected… one after another (see above), numbered in step
        outcome.taken = sp.AckRun(accepted[0].event.device_seq, accepted[-1].event.device_seq, seqs[0])
        outcome.taken_at = len(outcome.acks)
    outcome.acks.extend(sp.Ack(i.event.id, s) for i, s in zip(accepted, seqs, strict=True))
    known = {a.id: a.centre_seq for a in outcome.acks}
    outcome.acks.extend(sp.Ack(i.event.id, known[i.event.id]) for i in repeats if i.event.id in known)
    outcome.expected_device_seq = expected
    record_rejections(connection, desk, to_record)
    return outcome


SEEN_SQL = (
    "UPDATE desks SET last_device_seq = %(last_device_seq)s, last_seen = %(last_seen)s, "
    "app_version = %(app_version)s WHERE id = %(id)s"
)


def _held(
    connection: Connection, desk: DeskIdentity, candidates: Mapping[str, Incoming]
) -> tuple[int, dict[str, tuple[str, int]], set[str]]:
    """Lock the desk's row and read its last device_seq, the (content hash, centre_seq) of the
    candidates the centre already holds, and which of their dossiers belong to another unit."""
    dossiers = {i.event.dossier_id for i in candidates.values()}
    if is_postgres(connection):
        statements: list[tuple[str, Any]] = [(LOCK_DESK_SQL, (desk.id,))]
        if candidates:
            statements.append((_HELD_SQL, (array_literal(list(candidates)),)))
            statements.append((FOREIGN_SQL, (array_literal(list(dossiers)), desk.unit)))
        results = pipelined(connection, statements)
        last = results[0][0][0]
        held = {r[0]: (r[1], r[2]) for r in results[1]} if candidates else {}
        foreign = {r[0] for r in results[2]} if candidates else set()
        return last, held, foreign
    query = select(DESKS.c.last_device_seq).where(DESKS.c.id == desk.id).with_for_update()
    last = connection.execute(query).scalar_one()
    if not candidates:
        return last, {}, set()
    query = select(EVENTS.c.id, EVENTS.c.content_hash, EVENTS.c.centre_seq)
    rows = connection.execute(query.where(among(connection, EVENTS.c.id, candidates)))
    table = projection.DOSSIERS
    query = select(table.c.dossier_id).where(among(connection, table.c.dossier_id, dossiers), table.c.unit != desk.unit)
    foreign = {str(d) for d in connection.execute(query).scalars()}
    return last, {str(r.id): (r.content_hash, r.centre_seq) for r in rows}, foreign


LOCK_DESK_SQL = "SELECT last_device_seq FROM desks WHERE id = %s FOR UPDATE"
_HELD_SQL = "SELECT id::text, content_hash, centre_seq FROM events WHERE id = ANY(%s::uuid[])"
FOREIGN_SQL = "SELECT dossier_id::text FROM dossiers WHERE dossier_id = ANY(%s::uuid[]) AND unit <> %s"


def store_events(
    connection: Connection, unit: str, items: Sequence[Incoming], also: Sequence[tuple[str, Any]] = ()
) -> list[int]:
    """Insert checked new events of ``unit`` with consecutive centre sequence numbers; fold projections.

    Takes the unit's sequence lock (held until the caller's transaction ends): see the module docstring.
    On PostgreSQL, the raw statements ``also`` run in the same round trip as the lock.
    """
    if not items:
        return []
    now = datetime.now(UTC)
    if is_postgres(connection):
        lines = _copy_lines(unit, items, now)  # made before the lock
        dossiers = array_literal(list({i.event.dossier_id for i in items}))
        results = pipelined(connection, [(_NEXT_SEQ_SQL, (len(items), unit)), (EARLIER_SQL, (dossiers, unit)), *also])
        top = results[0][0][0]
        first = top - len(items) + 1
        data = b"".join([b"%s%d\n" % (line, first + n) for n, line in enumerate(lines)])
        earlier = [r[0] for r in results[1]]  # read under the lock, before this COPY: no event twice

        def fold() -> list[tuple[str, Any]]:
            return projection.refold(connection, unit, [i.event for i in items], earlier, defer=True)

        pipelined(connection, copy_lines(connection, EVENTS, COPY_COLUMNS, data, fold))  # fold while PG stores
        return list(range(first, top + 1))
    top = connection.execute(
        update(UNITS)
        .where(UNITS.c.id == unit)
        .values(last_seq=UNITS.c.last_seq + len(items))
        .returning(UNITS.c.last_seq)
    ).scalar_one()
    first = top - len(items) + 1
    projection.refold(connection, unit, [i.event for i in items])
    rows = [
        (
            i.event.id,
            unit,
            i.event.dossier_id,
            i.event.device_id,
            i.event.device_seq,
            i.event.hlc,
            i.event.kind.value,
            i.event.actor,
            json.loads(payload_json(i.wire)),
            i.event.recorded_at,
            i.event.schema_version,
            i.content_hash,
            first + n,
            now,
            i.wire,
        )
        for n, i in enumerate(items)
    ]
    connection.execute(insert(EVENTS), [dict(zip(_EVENT_COLUMNS, row, strict=True)) for row in rows])
    return list(range(first, top + 1))


_NEXT_SEQ_SQL = "UPDATE units SET last_seq = last_seq + %s WHERE id = %s RETURNING last_seq"
EARLIER_SQL = "SELECT wire FROM events WHERE dossier_id = ANY(%s::uuid[]) AND unit = %s"
COPY_COLUMNS = tuple(c for c in _EVENT_COLUMNS if c != "centre_seq") + ("centre_seq",)


def _copy_lines(unit: str, items: Sequence[Incoming], now: datetime) -> list[bytes]:
    """Each event's ``events`` row in COPY's text format (``copy_line``), made before the lock."""
    unit_bytes, received = copy_text(unit).encode(), now.isoformat().encode()
    return [copy_line(item, unit_bytes, received) for item in items]


def copy_line(item: Incoming, unit: bytes, received: bytes) -> bytes:
    """A checked event's ``events`` row in COPY's text format (UTF-8), in ``COPY_COLUMNS`` order up to
    (without) its centre_seq, which goes last so that the line can be made before the number is known;
    ``unit`` is the unit's id as COPY text, ``received`` the time it came in (ISO 8601), both UTF-8.

    Made from the event's canonical JSON bytes (``Event.canonical``, already there): the wire is those
    bytes, the payload and recorded_at are cut out of them (``canonical_payload``). Ids are canonical
    UUIDs, kinds and hashes plain ASCII, numbers plain: only the free texts (device id, actor, the JSON
    texts) can hold a byte COPY must see escaped."""
    event = item.event
    canonical = event.canonical()
    end = canonical.rindex(b',"recorded_at":"')
    return b"%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t" % (
        event.id.encode(),
        unit,
        event.dossier_id.encode(),
        copy_text(event.device_id).encode(),
        event.device_seq,
        event.hlc,
        _KIND_BYTES[event.kind],
        copy_text(event.actor).encode(),
        _copy_bytes(canonical[canonical.index(b'"payload":') + 10 : end]),
        canonical[end + 16 : canonical.rindex(b'","schema_version":')],
        event.schema_version,
        item.content_hash.encode(),
        received,
        _copy_bytes(canonical),
    )


_KIND_BYTES = {kind: kind.value.encode() for kind in EventKind}


def _copy_bytes(value: bytes) -> bytes:
    """UTF-8 JSON text escaped for COPY: JSON has no raw tab or line break, only backslashes."""
    return value.replace(b"\\", b"\\\\") if b"\\" in value else value


def record_rejections(
    connection: Connection, desk: DeskIdentity, items: Sequence[tuple[sp.Rejection, str, str]]
) -> None:
    """Keep the rejections a person must see (conflicts, reused sequence numbers, foreign claims)."""
    now = datetime.now(UTC)
    rows = [
        {
            "unit": desk.unit,
            "desk_id": desk.id,
            "event_id": r.id[:64],
            "content_hash": content_hash,
            "reason": r.reason,
            "message": r.message_en,
            "wire": wire,
            "first_seen_at": now,
        }
        for r, content_hash, wire in items
        if r.reason in _RECORDED
    ]
    upsert(connection, REJECTED, rows, ["event_id", "content_hash", "reason"])
