"""The sync protocol between a desk and the provincial centre, defined once for both sides.

One round trip, ``POST /api/v1/sync``, pushes the desk's unsent events and pulls what it lacks.
Both bodies are gzip-compressed JSON (media type ``application/gzip``; never ``Content-Encoding``,
so no HTTP library inflates a body behind our back and around our size limits).

Request (``SyncRequest``)::

    protocol_version   int   this module's PROTOCOL_VERSION
    app_version        str   the desk program's version ("0.1.0")
    schema_version     int   the event schema the desk writes (events.EVENT_SCHEMA_VERSION)
    device_id          str   the desk's device id (the one enrolled with the token)
    unit               str   the unit's agency id (must be the token's unit)
    events             list  pushed events, wire form (``Event.to_wire``), ≤ MAX_EVENTS_PER_PAGE,
                             in device_seq order (the desk sends each as its canonical JSON text,
                             ``SyncRequest.event_texts``: the same JSON, never re-serialised)
    cursor             int   the centre sequence number the desk holds every event up to (0: none)
    known_device_seq   int   the desk holds all its OWN events up to this device_seq; the centre
                             does not send those back (a desk restored from a backup sends a smaller
                             number and so gets its lost events back)
    page_size          int   how many events to pull at most (1..MAX_EVENTS_PER_PAGE)
    catalogue_version  str?  the catalogue version the desk holds (null: none from the centre)
    calendar_version   int   the centre calendar version the desk holds (0: none)
    ack_runs           bool  the desk reads ``ack_runs`` (absent: false)

Response (``SyncResponse``)::

    protocol_version     int
    centre_time          str   the centre's clock, UTC ISO 8601 (the desk warns when off > 5 min)
    acks                 list  {"id", "centre_seq"} for every pushed event now stored at the centre,
                               whether new or already there with the same content
    ack_runs             list  only when the desk asked: [first, last, centre_seq] for a run of the
                               desk's own pushed events device_seq first..last taken now, numbered
                               centre_seq, centre_seq + 1…; those are then left out of ``acks``
    rejections           list  {"id", "reason", "message", "message_en"}; reason is one of REASONS
    expected_device_seq  int   the next device_seq the centre expects from this desk
    events               list  pulled events: wire form plus "centre_seq", increasing; each the
                               canonical JSON the centre stores, on a line of its own (see
                               ``encode_response_with_raw_events``)
    cursor               int   the new cursor: store it in the same transaction as the events
    head                 int   the unit's highest centre_seq now (for progress: cursor / head)
    more                 bool  another page waits: sync again at once
    catalogue            obj?  the centre's current catalogue document when the desk's differs
    calendar             obj?  {"version", "overrides": [{"day", "working", "reason", "source"}]}
                               when newer than the desk's
    min_app_version      str   the oldest desk program the centre still serves pulls to
    update_required      bool  the desk is older than that: its push was taken (nothing is lost),
                               but nothing was pulled until it is updated

An error is a plain JSON object (``ErrorBody``, media type ``application/json``)::

    {"error": code, "message": vi, "message_en": en, "centre_time": iso, "min_app_version": str}

with the HTTP status of ``ERROR_STATUS[code]``: a revoked desk gets 403 ``revoked``, a protocol too
old 426 ``update_required``, an oversized body 413, a malformed one 400. Nothing is changed at the
centre by a request that gets an error.

Every limit here is enforced while decoding, before anything is stored: a compressed body over
MAX_COMPRESSED_BYTES, one that inflates beyond MAX_DECOMPRESSED_BYTES (a gzip bomb), a truncated
gzip stream, trailing bytes, invalid UTF-8 or JSON, NaN/Infinity, or a field of the wrong type is
refused with ``ProtocolError`` (an ``InvalidInput`` naming what is wrong, with its error ``code``).
Pushed events are only checked to be objects with an id here; the centre checks each one in full
and rejects it alone (reason ``malformed``) so that one bad event cannot block the rest.

Enrolment (``POST /api/v1/enrol``, plain JSON): ``EnrolRequest`` {code, device_id, app_version,
protocol_version} → ``EnrolResponse`` {token, unit, desk_number, device_id, centre_time}.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from hashlib import sha256
from typing import Any, NamedTuple

from desk_app.domain.events import EVENT_SCHEMA_VERSION, MAX_INT64, Event
from desk_app.domain.sync_bodies import (  # re-exported: the protocol's one name space
    ERR_BAD_CODE as ERR_BAD_CODE,
    ERR_CONFLICT as ERR_CONFLICT,
    ERR_FORBIDDEN as ERR_FORBIDDEN,
    ERR_INTERNAL as ERR_INTERNAL,
    ERR_MALFORMED as ERR_MALFORMED,
    ERR_NOT_FOUND as ERR_NOT_FOUND,
    ERR_REVOKED as ERR_REVOKED,
    ERR_TOO_LARGE as ERR_TOO_LARGE,
    ERR_UNAUTHORIZED as ERR_UNAUTHORIZED,
    ERR_UNSUPPORTED_PROTOCOL as ERR_UNSUPPORTED_PROTOCOL,
    ERR_UPDATE_REQUIRED as ERR_UPDATE_REQUIRED,
    ERROR_STATUS as ERROR_STATUS,
    MAX_COMPRESSED_BYTES as MAX_COMPRESSED_BYTES,
    MAX_DECOMPRESSED_BYTES as MAX_DECOMPRESSED_BYTES,
    ProtocolError as ProtocolError,
    compact_json as compact_json,
    inflate as inflate,
    inflate_start as inflate_start,
    pack as pack,
    pack_text as pack_text,
    parse_json as parse_json,
    unpack as unpack,
)

PROTOCOL_VERSION = 1
MIN_PROTOCOL_VERSION = 1
MIN_SCHEMA_VERSION = 1  # the oldest event schema the centre still takes (it upcasts anything newer than this)
MEDIA_TYPE = "application/gzip"
PROTOCOL_HEADER = "X-Sync-Protocol"
MAX_EVENTS_PER_PAGE = 5000
DEFAULT_PAGE_SIZE = 2000
MAX_EVENT_BYTES = 256 * 1024
CENTRE_DEVICE_ID = "centre"

# Rejection reasons of one pushed event.
CONFLICT = "conflict"  # the centre holds another event with this id (different content): never overwritten
GAP = "gap"  # an earlier device_seq of this desk is missing: resend from expected_device_seq, in order
SEQ_REUSED = "seq_reused"  # another event of this desk already holds this device_seq (desk restored?)
MALFORMED = "malformed"  # the event does not parse (field named in the message)
FOREIGN_DEVICE = "foreign_device"  # the event claims another device id than the token's desk
FOREIGN_DOSSIER = "foreign_dossier"  # the dossier belongs to another unit
UNSUPPORTED_SCHEMA = "unsupported_schema"  # an event schema newer than the centre knows: kept, resend later
REASONS = (CONFLICT, GAP, SEQ_REUSED, MALFORMED, FOREIGN_DEVICE, FOREIGN_DOSSIER, UNSUPPORTED_SCHEMA)

_VERSION = re.compile(r"(\d{1,6}(?:\.\d{1,6}){0,3})(?:[-+.][0-9A-Za-z.+-]{0,40})?")


def _bad(name: str, problem_vi: str, problem_en: str, code: str = ERR_MALFORMED) -> ProtocolError:
    return ProtocolError(
        f"Dữ liệu đồng bộ không hợp lệ: trường «{name}» {problem_vi}",
        f"Malformed sync data: field '{name}' {problem_en}",
        code,
        field=name,
    )


# --- versions -------------------------------------------------------------------------------------


def version_tuple(text: str) -> tuple[int, ...]:
    """The numeric part of an app version ("0.1.0", "1.2.3-rc1") for comparing; InvalidInput if none."""
    match = _VERSION.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise _bad("app_version", f"không phải số phiên bản ({text!r})", f"is not a version number ({text!r})")
    return tuple(int(part) for part in match.group(1).split("."))


def is_older(version: str, minimum: str) -> bool:
    """Whether app ``version`` is older than ``minimum`` (missing parts count as 0)."""
    a, b = version_tuple(version), version_tuple(minimum)
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)) < b + (0,) * (width - len(b))


def check_protocol_version(value: object) -> int:
    """The request's protocol version; ``update_required`` when too old, refused when unknown."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad("protocol_version", "phải là số nguyên", "must be an integer")
    if value < MIN_PROTOCOL_VERSION:
        raise ProtocolError(
            f"Phần mềm quầy quá cũ (giao thức {value}, trung tâm cần từ {MIN_PROTOCOL_VERSION}): "
            "hãy cập nhật phần mềm. Dữ liệu trên máy vẫn được giữ nguyên.",
            f"The desk program is too old (protocol {value}, the centre needs {MIN_PROTOCOL_VERSION} or newer): "
            "update it. The data on this desk is kept.",
            ERR_UPDATE_REQUIRED,
            field="protocol_version",
        )
    if value > PROTOCOL_VERSION:
        raise ProtocolError(
            f"Trung tâm chưa hỗ trợ giao thức {value} (mới nhất {PROTOCOL_VERSION}): hãy báo trung tâm tỉnh.",
            f"The centre does not support protocol {value} yet (newest {PROTOCOL_VERSION}): tell the province.",
            ERR_UNSUPPORTED_PROTOCOL,
            field="protocol_version",
        )
    return value


def check_schema_version(value: object) -> int:
    """The event schema version a desk writes; ``update_required`` when older than the centre takes."""
    if isinstance(value, bool) or not isinstance(value, int) or value > 10_000:
        raise _bad("schema_version", "phải là số nguyên", "must be an integer")
    if value < MIN_SCHEMA_VERSION:
        raise ProtocolError(
            f"Phần mềm quầy ghi sự kiện phiên bản {value}, trung tâm cần từ {MIN_SCHEMA_VERSION}: hãy cập nhật.",
            f"The desk writes event schema {value}; the centre needs {MIN_SCHEMA_VERSION} or newer: update it.",
            ERR_UPDATE_REQUIRED,
            field="schema_version",
        )
    return value


def centre_now() -> str:
    """The current UTC time in ISO 8601, as the centre states it in every answer."""
    return datetime.now(UTC).isoformat()


# --- field readers --------------------------------------------------------------------------------


def _object(data: object, name: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise _bad(name, "phải là một đối tượng JSON", "must be a JSON object")
    return data


def _int(data: Mapping[str, Any], name: str, low: int = 0, high: int = MAX_INT64, default: int | None = None) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _bad(name, f"phải là số nguyên từ {low} đến {high}", f"must be an integer from {low} to {high}")
    return value


def _opt_str(data: Mapping[str, Any], name: str, limit: int) -> str | None:
    return None if data.get(name) is None else _str(data, name, limit)


def _str(data: Mapping[str, Any], name: str, limit: int) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > limit or not _encodable(value):
        raise _bad(
            name,
            f"phải là chuỗi không rỗng, tối đa {limit} ký tự",
            f"must be a non-empty string of at most {limit} characters",
        )
    return value


def _encodable(text: str) -> bool:
    """Whether ``text`` is valid Unicode (JSON may carry lone surrogates, which no database stores)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def _bool(data: Mapping[str, Any], name: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise _bad(name, "phải là true hoặc false", "must be true or false")
    return value


def _list(data: Mapping[str, Any], name: str, limit: int) -> list[Any]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise _bad(name, "phải là một danh sách", "must be a list")
    if len(value) > limit:
        raise ProtocolError(
            f"Quá nhiều mục trong «{name}» ({len(value)}, tối đa {limit} mỗi trang)",
            f"Too many items in '{name}' ({len(value)}, at most {limit} a page)",
            ERR_TOO_LARGE,
            field=name,
        )
    return value


# --- the request ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncRequest:
    """What a desk sends: its versions, identity, unsent events and where its pull stands. Pushed
    events are ``events`` (wire forms) and ``event_texts`` (canonical JSON texts, put in the body as
    they are); on the wire both are one list, ``events`` first."""

    device_id: str
    unit: str
    app_version: str
    events: tuple[Mapping[str, Any], ...] = ()
    cursor: int = 0
    known_device_seq: int = 0
    page_size: int = DEFAULT_PAGE_SIZE
    catalogue_version: str | None = None
    calendar_version: int = 0
    schema_version: int = EVENT_SCHEMA_VERSION
    protocol_version: int = PROTOCOL_VERSION
    event_texts: tuple[str, ...] = ()
    ack_runs: bool = False

    def envelope(self) -> dict[str, Any]:
        """Every field but the events, as plain JSON data."""
        return {
            "protocol_version": self.protocol_version,
            "app_version": self.app_version,
            "schema_version": self.schema_version,
            "device_id": self.device_id,
            "unit": self.unit,
            "cursor": self.cursor,
            "known_device_seq": self.known_device_seq,
            "page_size": self.page_size,
            "catalogue_version": self.catalogue_version,
            "calendar_version": self.calendar_version,
            "ack_runs": self.ack_runs,
        }

    def to_json(self) -> dict[str, Any]:
        """The request as plain JSON data."""
        events = [dict(event) for event in self.events] + [json.loads(text) for text in self.event_texts]
        return {**self.envelope(), "events": events}


def encode_request(request: SyncRequest, level: int = 6) -> bytes:
    """The request body (gzip JSON); ProtocolError if it breaks a limit the centre would refuse.

    Checked as the centre decodes it; each of ``event_texts`` (one event's canonical JSON, put in as
    it is) only for its id. Level 6: a day's 1,500 events make 62.5 KB in 8.5 ms, against 73 KB in
    3.8 ms at level 1; over a 1 Mbit/s rural link the 10.5 KB take ~85 ms, far more than the 5 ms."""
    _list({"events": [*request.events, *request.event_texts]}, "events", MAX_EVENTS_PER_PAGE)
    request_from_json({**request.envelope(), "events": [dict(event) for event in request.events]})
    for index, text in enumerate(request.event_texts, start=len(request.events)):
        _check_event_id(index, _canonical_event_id(text))
    head = compact_json(request.envelope())
    texts = ",".join([*(compact_json(dict(event)) for event in request.events), *request.event_texts])
    body = pack_text(f'{head[:-1]},"events":[{texts}]}}', level)
    if len(body) > MAX_COMPRESSED_BYTES:
        raise ProtocolError(
            "Gói đồng bộ quá lớn: hãy gửi ít sự kiện hơn mỗi lần",
            "The sync body is too large: send fewer events at a time",
            ERR_TOO_LARGE,
        )
    return body


def _canonical_event_id(text: str) -> object:
    """The top-level id of an event's canonical JSON: its keys are sorted, and the values before ``id``
    are strings (quotes escaped) and integers, so the first ``,"id":"`` is it; a UUID has no escapes."""
    start = text.find(',"id":"') + 7 if text.startswith('{"') and text.endswith("}") else 6
    return text[start : text.find('"', start)] if start > 6 else None


def _check_event_id(index: int, event_id: object) -> None:
    if not isinstance(event_id, str) or not 0 < len(event_id) <= 64 or not event_id.isascii():
        raise _bad(
            f"events[{index}]",
            "phải là sự kiện có «id» dạng chuỗi ASCII",
            "must be an event with an ASCII string 'id'",
        )


def decode_request(body: bytes) -> SyncRequest:
    """The request in a body; ProtocolError (with its error code) for anything the protocol forbids."""
    return request_from_json(unpack(body))


def request_from_json(data: object) -> SyncRequest:
    """A ``SyncRequest`` from JSON data, the protocol version checked first (so a too-old desk hears so)."""
    top = _object(data, "request")
    check_protocol_version(top.get("protocol_version"))
    app_version = _str(top, "app_version", 50)
    version_tuple(app_version)
    events = _list(top, "events", MAX_EVENTS_PER_PAGE)
    for index, event in enumerate(events):
        _check_event_id(index, event.get("id") if isinstance(event, Mapping) else None)
    return SyncRequest(
        protocol_version=top["protocol_version"],
        app_version=app_version,
        schema_version=check_schema_version(top.get("schema_version")),
        device_id=_str(top, "device_id", 64),
        unit=_str(top, "unit", 40),
        events=tuple(events),
        cursor=_int(top, "cursor", default=0),
        known_device_seq=_int(top, "known_device_seq", default=0),
        page_size=_int(top, "page_size", 1, MAX_EVENTS_PER_PAGE, default=DEFAULT_PAGE_SIZE),
        catalogue_version=_opt_str(top, "catalogue_version", 64),
        calendar_version=_int(top, "calendar_version", default=0),
        ack_runs=_bool(top, "ack_runs"),
    )


# --- the response ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ack:
    """A pushed event the centre holds, and the centre sequence number it has there."""

    id: str
    centre_seq: int


class AckRun(NamedTuple):
    """The desk's own pushed events ``first``..``last`` (device_seq), now stored at the centre as
    ``centre_seq``, ``centre_seq`` + 1… (``SyncRequest.ack_runs``)."""

    first: int
    last: int
    centre_seq: int


@dataclass(frozen=True)
class Rejection:
    """A pushed event the centre did not take, why (one of REASONS), and what to tell a person."""

    id: str
    reason: str
    message: str
    message_en: str


@dataclass(frozen=True)
class CalendarUpdate:
    """The centre's published calendar: its version and every override day (dicts as on the wire)."""

    version: int
    overrides: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class SyncResponse:
    """What the centre answers to one sync round trip."""

    centre_time: str
    cursor: int
    head: int = 0
    acks: tuple[Ack, ...] = ()
    ack_runs: tuple[AckRun, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    expected_device_seq: int = 1
    events: tuple[Mapping[str, Any], ...] = ()
    more: bool = False
    catalogue: Mapping[str, Any] | None = None
    calendar: CalendarUpdate | None = None
    min_app_version: str = "0"
    update_required: bool = False
    protocol_version: int = PROTOCOL_VERSION
    canonical_texts: tuple[str | None, ...] = field(default=(), compare=False, repr=False)

    def envelope(self) -> dict[str, Any]:
        """Every field but ``events``, as plain JSON data."""
        return {
            "protocol_version": self.protocol_version,
            "centre_time": self.centre_time,
            "acks": [{"id": a.id, "centre_seq": a.centre_seq} for a in self.acks],
            **({"ack_runs": [list(run) for run in self.ack_runs]} if self.ack_runs else {}),
            "rejections": [
                {"id": r.id, "reason": r.reason, "message": r.message, "message_en": r.message_en}
                for r in self.rejections
            ],
            "expected_device_seq": self.expected_device_seq,
            "cursor": self.cursor,
            "head": self.head,
            "more": self.more,
            "catalogue": dict(self.catalogue) if self.catalogue is not None else None,
            "calendar": (
                {"version": self.calendar.version, "overrides": [dict(o) for o in self.calendar.overrides]}
                if self.calendar is not None
                else None
            ),
            "min_app_version": self.min_app_version,
            "update_required": self.update_required,
        }

    def to_json(self) -> dict[str, Any]:
        """The response as plain JSON data."""
        return {**self.envelope(), "events": [dict(e) for e in self.events]}

    def pulled(self) -> list[tuple[int, Event]]:
        """The pulled events as (centre_seq, Event), each checked; InvalidInput naming a bad one."""
        return [(item["centre_seq"], Event.from_wire(item)) for item in self.events]

    def pulled_canonical(self) -> list[tuple[int, Event, str | None, str | None]]:
        """``pulled`` with each event's canonical JSON, as the centre stores and sent it, and its SHA-256
        (the event's content hash, taken without serialising it again); None, None for an event that
        did not come in that form (see ``decode_response``)."""
        texts = self.canonical_texts or (None,) * len(self.events)
        return [
            (item["centre_seq"], Event.from_wire(item), text, sha256(text.encode()).hexdigest() if text else None)
            for item, text in zip(self.events, texts, strict=True)
        ]


def encode_response(response: SyncResponse, level: int = 6) -> bytes:
    """The response body (gzip JSON)."""
    return pack(response.to_json(), level)


def pulled_event_json(centre_seq: int, wire_json: str) -> str:
    """One pulled event's JSON text from the stored canonical wire JSON of the event (no re-parsing)."""
    if not wire_json.startswith("{") or wire_json.startswith("{}"):
        raise ValueError("the wire JSON must be a non-empty object")
    return f'{{"centre_seq":{int(centre_seq)},{wire_json[1:]}'


def encode_response_with_raw_events(response: SyncResponse, event_texts: Sequence[str], level: int = 1) -> bytes:
    """The response body with pulled events given as JSON texts (``pulled_event_json``): the centre's
    fast path for big pages, which never parses the stored events. ``response.events`` is ignored.
    Each event goes on a line of its own (compact JSON holds no raw line break) for the desk to cut
    the page into its events' canonical texts (``decode_response``)."""
    head = compact_json(response.envelope())
    events = ",\n".join(event_texts)
    return pack_text(f'{head[:-1]},"events":[\n{events}\n]}}' if event_texts else f'{head[:-1]},"events":[]}}', level)


def decode_response(body: bytes) -> SyncResponse:
    """The response in a body, every field checked; ProtocolError otherwise.

    When the pulled events come one a line, as ``encode_response_with_raw_events`` writes them, each
    event's canonical JSON is kept too (``SyncResponse.canonical_texts``: the stored wire form the
    centre sent, without its ``centre_seq``)."""
    data = inflate(body)
    try:
        text: str | None = data.decode()
    except UnicodeDecodeError:
        text = None  # parse_json names the fault
    response = response_from_json(parse_json(data if text is None else text))
    texts = _canonical_texts(text, response.events) if text else ()
    return replace(response, canonical_texts=texts) if texts else response


def peek_response(body: bytes) -> SyncResponse | None:
    """The envelope of an answer whose pulled events come one a line (``encode_response_with_raw_events``),
    read from the body's first 64 KiB without its events; None when it does not start that way (a
    catalogue or calendar in it, say). ProtocolError when the body is not gzip or the envelope is
    malformed. What is known before the page is read: cursor, head, more, refusals…"""
    start = inflate_start(body, 65_536)
    line, found, _ = start.partition(b"\n")
    if not found or not line.endswith(_EVENTS_OPEN):
        return None
    head = parse_json(line[: -len(_EVENTS_OPEN)] + b"}")
    if type(head) is not dict or "events" in head:
        return None
    return response_from_json({**head, "events": []})


_WIRE_KEYS = "actor device_id device_seq dossier_id hlc id kind payload recorded_at schema_version"  # sorted
_PULLED_KEYS = ("centre_seq", *_WIRE_KEYS.split())
_EVENTS_OPEN = b',"events":['


def _canonical_texts(text: str, events: Sequence[Mapping[str, Any]]) -> tuple[str | None, ...]:
    """The canonical JSON of each pulled event when the body has them one a line, each line holding
    the event that JSON parsing found at its place (its centre_seq); () otherwise (then each event is
    serialised again to be hashed). An event whose line does not show its keys in the canonical
    order, or its payload and time once (a payload with a key "payload" does not tell where it
    ends), gets None: that one is hashed the long way."""
    lines = text.split("\n")
    count = len(events)
    if not count or len(lines) != count + 2 or not lines[0].endswith(_EVENTS_OPEN.decode()) or lines[-1] != "]}":
        return ()
    texts: list[str | None] = []
    for n, item in enumerate(events, start=1):
        line = lines[n]
        prefix = f'{{"centre_seq":{item["centre_seq"]},'
        if not line.startswith(prefix) or not line.endswith("}," if n < count else "}"):
            return ()  # not the event parsing found here
        start, end = len(prefix), len(line) - (n < count)  # every event line but the last ends with a comma
        canonical = (
            line.startswith('"actor":', start)
            and tuple(item) == _PULLED_KEYS
            and line.count('"payload":') == 1
            and line.count(',"recorded_at":') == 1
        )
        texts.append("{" + line[start:end] if canonical else None)
    return tuple(texts)


def response_from_json(data: object) -> SyncResponse:
    """A ``SyncResponse`` from JSON data; ProtocolError naming the bad field."""
    top = _object(data, "response")
    check_protocol_version(top.get("protocol_version"))
    acks = [_ack(item) for item in _list(top, "acks", MAX_EVENTS_PER_PAGE)]
    ack_runs = [_ack_run(item) for item in _list(top, "ack_runs", MAX_EVENTS_PER_PAGE)]
    if sum(run.last - run.first + 1 for run in ack_runs) > MAX_EVENTS_PER_PAGE:
        raise _bad("ack_runs", "nhiều sự kiện hơn một trang", "hold more events than a page")
    rejections = []
    for item in _list(top, "rejections", MAX_EVENTS_PER_PAGE):
        rej = _object(item, "rejections[]")
        reason = _str(rej, "reason", 40)
        rejections.append(
            Rejection(_str(rej, "id", 64), reason, _str(rej, "message", 2000), str(rej.get("message_en", "")))
        )
    events = _list(top, "events", MAX_EVENTS_PER_PAGE)
    cursor = _int(top, "cursor")
    previous = 0
    for index, item in enumerate(events):
        seq = item.get("centre_seq") if type(item) is dict else None
        if type(seq) is not int:
            seq = _int(_object(item, f"events[{index}]"), "centre_seq", 1)
        if not previous < seq <= cursor:
            _int(item, "centre_seq", 1)  # a number out of range is named as such first
            raise _bad(
                f"events[{index}].centre_seq",
                "phải tăng dần và không vượt con trỏ",
                "must increase and not pass the cursor",
            )
        previous = seq
    catalogue = top.get("catalogue")
    if catalogue is not None:
        _object(catalogue, "catalogue")
    calendar = None
    if top.get("calendar") is not None:
        raw = _object(top["calendar"], "calendar")
        overrides = _list(raw, "overrides", 10_000)
        for item in overrides:
            _object(item, "calendar.overrides[]")
        calendar = CalendarUpdate(_int(raw, "version", 1), tuple(overrides))
    min_app = _str(top, "min_app_version", 50)
    version_tuple(min_app)
    return SyncResponse(
        protocol_version=top["protocol_version"],
        centre_time=_centre_time(top),
        acks=tuple(acks),
        ack_runs=tuple(ack_runs),
        rejections=tuple(rejections),
        expected_device_seq=_int(top, "expected_device_seq", 1, default=1),
        events=tuple(events),
        cursor=cursor,
        head=_int(top, "head", default=0),
        more=_bool(top, "more"),
        catalogue=catalogue,
        calendar=calendar,
        min_app_version=min_app,
        update_required=_bool(top, "update_required"),
    )


def _ack(item: object) -> Ack:
    """One acknowledgement; the usual one (a plain ASCII id, a positive number) checked in one go."""
    if type(item) is dict:
        event_id, seq = item.get("id"), item.get("centre_seq")
        if type(event_id) is str and type(seq) is int and 0 < len(event_id) <= 64 and 0 < seq <= MAX_INT64:
            if event_id.isascii() and event_id.isprintable() and not event_id.isspace():
                return Ack(event_id, seq)
    ack = _object(item, "acks[]")
    return Ack(_str(ack, "id", 64), _int(ack, "centre_seq", 1))


def _ack_run(item: object) -> AckRun:
    if type(item) is not list or len(item) != 3 or any(type(n) is not int for n in item):
        raise _bad("ack_runs[]", "phải là [đầu, cuối, số trung tâm]", "must be [first, last, centre_seq]")
    first, last, seq = item
    if not 1 <= first <= last <= MAX_INT64 or not 1 <= seq <= MAX_INT64 - (last - first):
        raise _bad("ack_runs[]", "phải là [đầu, cuối, số trung tâm]", "must be [first, last, centre_seq]")
    return AckRun(first, last, seq)


def _centre_time(top: Mapping[str, Any]) -> str:
    text = _str(top, "centre_time", 40)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _bad("centre_time", "phải là ngày giờ ISO 8601 có múi giờ", "must be an ISO 8601 date-time with a zone")
    return text


def parse_centre_time(text: str) -> datetime:
    """The centre's time of a response as an aware datetime."""
    return datetime.fromisoformat(text)


# --- errors ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorBody:
    """The JSON body of every error answer of the centre."""

    error: str
    message: str
    message_en: str
    centre_time: str = field(default_factory=centre_now)
    min_app_version: str = "0"

    def to_json(self) -> dict[str, Any]:
        """The error as plain JSON data."""
        return asdict(self)


def decode_error(body: bytes) -> ErrorBody | None:
    """The centre's error body, or None when the body is not one (a proxy's HTML page…)."""
    try:
        data = json.loads(body[:65536].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("error"), str):
        return None
    return ErrorBody(
        error=data["error"],
        message=str(data.get("message", "")),
        message_en=str(data.get("message_en", "")),
        centre_time=str(data.get("centre_time", "")),
        min_app_version=str(data.get("min_app_version", "0")),
    )


# --- enrolment ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnrolRequest:
    """A desk exchanging the one-time code the province gave it for its token."""

    code: str
    device_id: str
    app_version: str
    protocol_version: int = PROTOCOL_VERSION

    def to_json(self) -> dict[str, Any]:
        """The request as plain JSON data."""
        return asdict(self)


def enrol_request_from_json(data: object) -> EnrolRequest:
    """An ``EnrolRequest`` from JSON data; ProtocolError naming the bad field."""
    top = _object(data, "request")
    check_protocol_version(top.get("protocol_version"))
    app_version = _str(top, "app_version", 50)
    version_tuple(app_version)
    return EnrolRequest(
        code=_str(top, "code", 40),
        device_id=_str(top, "device_id", 64),
        app_version=app_version,
        protocol_version=top["protocol_version"],
    )


@dataclass(frozen=True)
class EnrolResponse:
    """The desk's token (shown once, stored hashed at the centre) and the desk it stands for."""

    token: str
    unit: str
    desk_number: int
    device_id: str
    centre_time: str

    def to_json(self) -> dict[str, Any]:
        """The response as plain JSON data."""
        return asdict(self)


def enrol_response_from_json(data: object) -> EnrolResponse:
    """An ``EnrolResponse`` from JSON data; ProtocolError naming the bad field."""
    top = _object(data, "response")
    return EnrolResponse(
        token=_str(top, "token", 200),
        unit=_str(top, "unit", 40),
        desk_number=_int(top, "desk_number", 1, 999),
        device_id=_str(top, "device_id", 64),
        centre_time=_centre_time(top),
    )
