"""Dossier events: the append-only log a dossier is made of, and the national status codes.

An event is immutable and made where it happens (UUIDv7 id, the desk's device id, a gapless
per-device sequence number and a hybrid-clock stamp). The same event set gives the same dossier on
every replica, because the fold (``desk_app.domain.lifecycle``) orders events by
``(hlc, device_id, id)``. ``content_hash`` is what sync compares: the same id with other content is
a conflict, never silently overwritten.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from hashlib import sha256
from json.encoder import encode_basestring
from types import MappingProxyType
from typing import Any

import orjson

from desk_app.domain.errors import InvalidInput

EVENT_SCHEMA_VERSION = 1


class Status(IntEnum):
    """The national dossier status codes (TrangThaiHoSo 1–10, as synced to the national portal)."""

    SUBMITTED_ONLINE = 1
    RECEIVED = 2
    REFUSED = 3
    PROCESSING = 4
    AWAITING_SUPPLEMENT = 5
    AWAITING_PAYMENT = 6
    WITHDRAWN = 7
    STOPPED = 8
    RESULT_READY = 9
    RETURNED = 10

    @property
    def label_vi(self) -> str:
        """The status as the national list names it."""
        return _STATUS_VI[self]

    @property
    def label_en(self) -> str:
        """The status in English."""
        return _STATUS_EN[self]


_STATUS_VI = {
    Status.SUBMITTED_ONLINE: "Mới đăng ký",
    Status.RECEIVED: "Được tiếp nhận",
    Status.REFUSED: "Không được tiếp nhận",
    Status.PROCESSING: "Đang xử lý",
    Status.AWAITING_SUPPLEMENT: "Yêu cầu bổ sung giấy tờ",
    Status.AWAITING_PAYMENT: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Status.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    Status.STOPPED: "Dừng xử lý",
    Status.RESULT_READY: "Đã xử lý xong",
    Status.RETURNED: "Đã trả kết quả",
}
_STATUS_EN = {
    Status.SUBMITTED_ONLINE: "Submitted online",
    Status.RECEIVED: "Received",
    Status.REFUSED: "Refused",
    Status.PROCESSING: "Being processed",
    Status.AWAITING_SUPPLEMENT: "Waiting for supplements",
    Status.AWAITING_PAYMENT: "Waiting for payment",
    Status.WITHDRAWN: "Withdrawn by the citizen",
    Status.STOPPED: "Processing stopped",
    Status.RESULT_READY: "Result ready",
    Status.RETURNED: "Result returned",
}


class EventKind(StrEnum):
    """What happened to a dossier. The printed form, where there is one, is named in the comment."""

    RECEIVED = "received"  # Mẫu 01
    SUPPLEMENT_REQUESTED = "supplement_requested"  # Mẫu 02
    SUPPLEMENT_RECEIVED = "supplement_received"
    REFUSED = "refused"  # Mẫu 03
    TRANSFERRED = "transferred"  # control sheet (Mẫu 06) row: desk → processing unit
    RESULT_RECEIVED = "result_received"  # control sheet row: processing unit → desk
    PAYMENT_REQUESTED = "payment_requested"
    FEE_PAID = "fee_paid"
    EXTENDED = "extended"  # Mẫu 04: apology and new due date
    STOPPED = "stopped"  # Mẫu 05
    WITHDRAWN = "withdrawn"  # Mẫu 05, at the citizen's request
    RESULT_RETURNED = "result_returned"
    DETAILS_CORRECTED = "details_corrected"
    NOTE = "note"
    PAPER_SCANNED = "paper_scanned"  # a scanned paper or result file attached (SHA-256 in the payload)


def new_event_id() -> str:
    """A fresh UUIDv7: unique without coordination, roughly time-ordered."""
    import uuid6  # imported on first use: it costs ~30 ms, and reading the desk needs none

    return str(uuid6.uuid7())


def new_dossier_id() -> str:
    """A fresh id for a dossier, made at the desk that receives it."""
    return new_event_id()


MAX_INT64 = 2**63 - 1
#: The fields of an event's wire form, in the order an ``events`` row holds them.
WIRE_FIELDS = (
    "id",
    "dossier_id",
    "kind",
    "payload",
    "actor",
    "device_id",
    "device_seq",
    "hlc",
    "recorded_at",
    "schema_version",
)


@dataclass(frozen=True)
class Event:
    """One immutable fact about one dossier. Its payload is read-only; equal ids mean the same event."""

    id: str
    dossier_id: str
    kind: EventKind
    payload: Mapping[str, Any]
    actor: str
    device_id: str
    device_seq: int
    hlc: int
    recorded_at: datetime
    schema_version: int = EVENT_SCHEMA_VERSION

    def __post_init__(self) -> None:
        if not isinstance(self.payload, MappingProxyType):
            object.__setattr__(self, "payload", MappingProxyType(dict(self.payload)))

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def sort_key(self) -> tuple[int, str, str]:
        """The fold's order: hybrid-clock stamp, then device, then id."""
        return (self.hlc, self.device_id, self.id)

    def to_wire(self) -> dict[str, Any]:
        """The event as plain JSON-ready data (the sync protocol's and the store's form)."""
        return {
            "id": self.id,
            "dossier_id": self.dossier_id,
            "kind": self.kind.value,
            "payload": dict(self.payload),
            "actor": self.actor,
            "device_id": self.device_id,
            "device_seq": self.device_seq,
            "hlc": self.hlc,
            "recorded_at": _utc_iso(self.recorded_at),
            "schema_version": self.schema_version,
        }

    def canonical(self) -> bytes:
        """The canonical JSON of the wire form (``canonical_json(self.to_wire())``), made once per event.

        The event is immutable, so the bytes are kept on the instance (outside the dataclass fields:
        equality, ``repr`` and ``dataclasses.replace`` are unaffected). Raises like ``canonical_json``."""
        cached = self.__dict__.get("_canonical")
        if cached is None:
            cached = self.__dict__["_canonical"] = _canonical_of(self)
        return cached

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON form: equal for equal events on every replica (made once)."""
        cached = self.__dict__.get("_content_hash")
        if cached is None:
            cached = self.__dict__["_content_hash"] = sha256(self.canonical()).hexdigest()
        return cached

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Event:
        """An event from its wire form; InvalidInput naming the field when malformed."""
        if cls is Event and type(data) is dict:
            event = _well_formed(data)
            if event is not None:
                return event
        return cls._checked_from_wire(data)

    @classmethod
    def _checked_from_wire(cls, data: Mapping[str, Any]) -> Event:
        """``from_wire`` field by field, naming the first field at fault."""
        if not isinstance(data, Mapping):
            raise _malformed("sự kiện", "event", "không phải là một đối tượng JSON", "is not a JSON object")
        for name in WIRE_FIELDS:
            if name not in data:
                raise _malformed(name, name, "bị thiếu", "is missing")
        for name in ("id", "dossier_id"):
            _check_uuid(name, data[name])
        for name in ("actor", "device_id"):
            value = data[name]
            if not isinstance(value, str) or not value.strip() or len(value) > 200:
                raise _malformed(name, name, "phải là một tên (chuỗi không rỗng)", "must be a non-empty name")
        try:
            kind = EventKind(data["kind"])
        except ValueError:
            raise _malformed(
                "kind", "kind", f"không rõ loại {data['kind']!r}", f"unknown kind {data['kind']!r}"
            ) from None
        payload = data["payload"]
        if not isinstance(payload, Mapping):
            raise _malformed("payload", "payload", "không phải là một đối tượng", "is not an object")
        numbers = {
            "device_seq": data["device_seq"],
            "hlc": data["hlc"],
            "schema_version": data.get("schema_version", 1),
        }
        for name, value in numbers.items():
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_INT64:
                raise _malformed(
                    name, name, "phải là số nguyên không âm 64 bit", "must be a non-negative 64-bit integer"
                )
        if numbers["device_seq"] < 1:
            raise _malformed("device_seq", "device_seq", "bắt đầu từ 1", "starts at 1")
        try:
            recorded_at = datetime.fromisoformat(str(data["recorded_at"]))
        except ValueError:
            recorded_at = None
        if recorded_at is None or recorded_at.tzinfo is None:
            raise _malformed(
                "recorded_at",
                "recorded_at",
                f"phải là ngày giờ ISO 8601 có múi giờ ({data['recorded_at']!r})",
                f"must be an ISO 8601 date-time with a time zone ({data['recorded_at']!r})",
            )
        return cls(
            id=data["id"],
            dossier_id=data["dossier_id"],
            kind=kind,
            payload=MappingProxyType(dict(payload)),
            actor=data["actor"],
            device_id=data["device_id"],
            device_seq=numbers["device_seq"],
            hlc=numbers["hlc"],
            recorded_at=recorded_at,
            schema_version=numbers["schema_version"],
        )


_KINDS = {kind.value: kind for kind in EventKind}
_WIRE_KEYS = frozenset(WIRE_FIELDS)
_new_event = object.__new__
_from_iso = datetime.fromisoformat


def _well_formed(data: dict[str, Any]) -> Event | None:
    """``Event.from_wire`` of a plain dict whose every field has exactly the expected type and passes
    the checks, built without the dataclass ``__init__``; None whenever anything is off, and the
    field-by-field path then names the fault (or accepts a value of a subclass type)."""
    if not _WIRE_KEYS <= data.keys():
        return None
    ident, dossier, actor, device = data["id"], data["dossier_id"], data["actor"], data["device_id"]
    seq, hlc, version, payload, at = (
        data["device_seq"],
        data["hlc"],
        data["schema_version"],
        data["payload"],
        data["recorded_at"],
    )
    kind = data["kind"]
    kind = _KINDS.get(kind) if type(kind) is str else None
    if (
        kind is None
        or not _plain(ident, dossier, actor, device, seq, hlc, version)
        or type(at) is not str
        or not isinstance(payload, Mapping)
        or not (1 <= seq <= MAX_INT64 and 0 <= hlc <= MAX_INT64 and 0 <= version <= MAX_INT64)
        or len(actor) > 200
        or len(device) > 200
        or not actor.strip()
        or not device.strip()
        or _uuid_match(ident) is None
        or _uuid_match(dossier) is None
    ):
        return None
    try:
        recorded_at = _from_iso(at)
    except ValueError:
        return None
    if recorded_at.tzinfo is None:
        return None
    event = _new_event(Event)
    event.__dict__.update(
        id=ident,
        dossier_id=dossier,
        kind=kind,
        payload=MappingProxyType(dict(payload)),
        actor=actor,
        device_id=device,
        device_seq=seq,
        hlc=hlc,
        recorded_at=recorded_at,
        schema_version=version,
    )
    return event


def _plain(
    ident: object, dossier: object, actor: object, device: object, seq: object, hlc: object, version: object
) -> bool:
    """Whether an event's top-level fields have their plain types: ids and names ``str``, the device
    sequence number, stamp and schema version ``int`` (not a subclass such as ``bool``)."""
    return (
        type(ident) is str
        and type(dossier) is str
        and type(actor) is str
        and type(device) is str
        and type(seq) is int
        and type(hlc) is int
        and type(version) is int
    )


def _canonical_of(event: Event) -> bytes:
    """``canonical_json(event.to_wire())``. When every top-level field has its plain type: written by
    orjson when it writes the payload exactly as the standard encoder (``_same_in_orjson``), else
    built around the payload's canonical JSON (the key order below is the sorted one). Otherwise
    literally."""
    fields = event.__dict__
    ident, dossier, actor, device = fields["id"], fields["dossier_id"], fields["actor"], fields["device_id"]
    seq, hlc, version, kind = fields["device_seq"], fields["hlc"], fields["schema_version"], fields["kind"]
    if type(kind) is not EventKind or not _plain(ident, dossier, actor, device, seq, hlc, version):
        return canonical_json(event.to_wire())
    payload = dict(fields["payload"])
    if _same_in_orjson(payload):
        at = fields["recorded_at"]
        wire = {
            "actor": actor,
            "device_id": device,
            "device_seq": seq,
            "dossier_id": dossier,
            "hlc": hlc,
            "id": ident,
            "kind": kind.value,
            "payload": payload,
            "recorded_at": at if at.tzinfo is UTC and type(at) is datetime else _utc_iso(at),  # orjson: isoformat()
            "schema_version": version,
        }
        try:
            return _orjson_dumps(wire, option=_SORT_KEYS)
        except orjson.JSONEncodeError:  # a lone surrogate, an integer beyond 64 bits, deep nesting…
            pass  # the standard encoder writes it, or raises as it always did
    try:
        payload = _encode_unchecked(payload)
    except RecursionError:  # a cycle, or nesting deeper than the interpreter allows: raise as always
        payload = _encode_canonical(payload)
    at = _encode_string(_utc_iso(fields["recorded_at"]))
    return (
        f'{{"actor":{_encode_string(actor)},"device_id":{_encode_string(device)},"device_seq":{seq},'
        f'"dossier_id":{_encode_string(dossier)},"hlc":{hlc},"id":{_encode_string(ident)},'
        f'"kind":{_encode_string(kind)},"payload":{payload},"recorded_at":{at},"schema_version":{version}}}'
    ).encode()


def _same_in_orjson(payload: dict[str, Any]) -> bool:
    """Whether orjson writes this payload exactly as the canonical encoder does: only plain ``dict``,
    ``list``, ``str``, ``int``, ``bool`` and None inside. orjson writes floats its own way (``1e-7``
    where ``json`` writes ``1e-07``) and some types ``json`` refuses (datetimes, tuples, dataclasses);
    what it cannot write at all it refuses (``orjson.JSONEncodeError``), and the caller falls back.
    A payload of more than ``_ORJSON_VALUES`` values (a cycle never ends) is left to that encoder."""
    stack: list[Any] = [payload]
    for _ in range(_ORJSON_VALUES):
        if not stack:
            return True
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif kind is not str and kind is not int and kind is not bool and value is not None:
            return False
    return False


_ORJSON_VALUES = 10_000


def _utc_iso(moment: datetime) -> str:
    return (moment if moment.tzinfo is UTC else moment.astimezone(UTC)).isoformat()


def _malformed(name_vi: str, name_en: str, problem_vi: str, problem_en: str) -> InvalidInput:
    return InvalidInput(
        f"Sự kiện không hợp lệ: trường «{name_vi}» {problem_vi}",
        f"Malformed event: field '{name_en}' {problem_en}",
        field=name_en,
    )


#: The canonical (lowercase, hyphenated) text of a UUID: exactly what ``str(uuid.UUID(text)) == text`` accepts.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_uuid_match = _CANONICAL_UUID.fullmatch


def is_canonical_uuid(value: object) -> bool:
    """Whether ``value`` is a UUID's canonical text (lowercase, hyphenated), as event ids must be."""
    return type(value) is str and _uuid_match(value) is not None


def _check_uuid(name: str, value: object) -> None:
    if not isinstance(value, str) or _CANONICAL_UUID.fullmatch(value) is None:
        raise _malformed(
            name, name, f"không phải là UUID dạng chuẩn ({value!r})", f"is not a canonical UUID ({value!r})"
        )


_CANONICAL_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_encode_canonical = _CANONICAL_ENCODER.encode
# the same output without the cycle bookkeeping; a cycle then ends in RecursionError, and the
# checking encoder is asked again so that it raises what it always raised
_encode_unchecked = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), check_circular=False
).encode
_encode_string = encode_basestring  # what that encoder writes a string with (C when available)
# orjson writes strings, integers and sorted keys exactly as that encoder does (non-ASCII as UTF-8,
# the same escapes), five to ten times faster: see ``_same_in_orjson`` for what it is given
_orjson_dumps, _SORT_KEYS = orjson.dumps, orjson.OPT_SORT_KEYS


def canonical_json(data: Any) -> bytes:
    """Compact, key-sorted UTF-8 JSON: the form that hashes are taken over (one encoder, made once)."""
    return _CANONICAL_ENCODER.encode(data).encode()


def canonical_payload(canonical: bytes) -> bytes:
    """The payload's JSON inside an event's canonical JSON (``Event.canonical``), without serialising again.

    Canonical JSON sorts keys, so the top level reads ``{"actor":…,"kind":…,"payload":{…},"recorded_at":…}``;
    the first ``"payload":`` is the top-level key (earlier values are strings, whose quotes are escaped)
    and the last ``,"recorded_at":`` closes the payload.
    """
    start = canonical.index(b'"payload":') + len(b'"payload":')
    return canonical[start : canonical.rindex(b',"recorded_at":')]


def utc_now() -> datetime:
    """The current time, time-zone aware (UTC), for ``Event.recorded_at``."""
    return datetime.now(UTC)
