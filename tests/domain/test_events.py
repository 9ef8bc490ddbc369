"""Dossier events: national status codes, the wire form, the content hash, and refusing bad input."""

from __future__ import annotations

import hashlib
import json
import unicodedata
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, strategies as st

from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import (
    EVENT_SCHEMA_VERSION,
    Event,
    EventKind,
    Status,
    canonical_json,
    new_dossier_id,
    new_event_id,
    utc_now,
)
from tests.domain.factories import DESK_A, DESK_B, VN, received, then

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


def _wire(**changes: Any) -> dict[str, Any]:
    wire = then(EventKind.TRANSFERRED, received()).to_wire()
    wire.update(changes)
    return wire


def _refusal(wire: dict[str, Any]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        Event.from_wire(wire)
    return caught.value


# --- national status codes -------------------------------------------------------------------------


def test_status_codes_are_the_national_list_one_to_ten() -> None:
    assert [int(s) for s in Status] == list(range(1, 11))
    assert Status(4) is Status.PROCESSING
    assert Status(10) is Status.RETURNED


@pytest.mark.parametrize(
    ("code", "label"),
    [
        (1, "Mới đăng ký"),
        (2, "Được tiếp nhận"),
        (3, "Không được tiếp nhận"),
        (4, "Đang xử lý"),
        (5, "Yêu cầu bổ sung giấy tờ"),
        (6, "Yêu cầu thực hiện nghĩa vụ tài chính"),
        (7, "Công dân yêu cầu rút hồ sơ"),
        (8, "Dừng xử lý"),
        (9, "Đã xử lý xong"),
        (10, "Đã trả kết quả"),
    ],
)
def test_status_labels_are_the_national_wording_in_nfc(code: int, label: str) -> None:
    status = Status(code)
    assert status.label_vi == label
    assert status.label_vi == unicodedata.normalize("NFC", status.label_vi)
    assert status.label_en and status.label_en != status.label_vi


def test_event_kinds_cover_the_design_list() -> None:
    wanted = {
        "received",
        "supplement_requested",
        "supplement_received",
        "refused",
        "transferred",
        "result_received",
        "fee_paid",
        "extended",
        "stopped",
        "withdrawn",
        "result_returned",
        "details_corrected",
        "note",
    }
    assert wanted <= {kind.value for kind in EventKind}


# --- ids -------------------------------------------------------------------------------------------


def test_new_event_id_is_a_uuid_version_7() -> None:
    made = new_event_id()
    assert uuid.UUID(made).version == 7
    assert made == str(uuid.UUID(made))  # canonical lower-case, hyphenated form


def test_new_dossier_id_is_a_uuid_version_7() -> None:
    assert uuid.UUID(new_dossier_id()).version == 7


def test_event_ids_made_in_sequence_sort_in_time_order() -> None:
    ids = [new_event_id() for _ in range(200)]
    assert len(set(ids)) == 200
    assert ids == sorted(ids)


def test_utc_now_is_time_zone_aware() -> None:
    now = utc_now()
    assert now.tzinfo is not None
    assert now.utcoffset().total_seconds() == 0


# --- wire form -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(EventKind))
def test_wire_form_round_trips_for_every_kind(kind: EventKind) -> None:
    event = received() if kind is EventKind.RECEIVED else then(kind, received())
    back = Event.from_wire(event.to_wire())
    assert back == event
    assert back.content_hash() == event.content_hash()
    assert back.kind is kind


def test_wire_form_survives_json_text_unchanged() -> None:
    event = received(applicant_name="Trần Thị Ngọc Ánh")
    wire = event.to_wire()
    text = json.dumps(wire, ensure_ascii=False)
    assert json.loads(text) == wire
    assert Event.from_wire(json.loads(text)) == event
    assert "Trần Thị Ngọc Ánh" in text


def test_wire_form_names_exactly_the_event_fields() -> None:
    wire = received().to_wire()
    assert set(wire) == set(WIRE_FIELDS)
    assert wire["kind"] == "received"
    assert wire["schema_version"] == EVENT_SCHEMA_VERSION
    assert datetime.fromisoformat(wire["recorded_at"]).tzinfo is not None


_json_leaf = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=30)
_payloads = st.dictionaries(
    st.text(min_size=1, max_size=12),
    st.recursive(
        _json_leaf,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=10,
    ),
    max_size=6,
)


@given(
    payload=_payloads,
    actor=st.text(min_size=1, max_size=40).filter(str.strip),
    device_seq=st.integers(1, 2**40),
    hlc=st.integers(0, 2**62),
    kind=st.sampled_from(list(EventKind)),
    micro=st.integers(0, 999_999),
)
def test_wire_form_round_trips_any_json_payload(
    payload: dict[str, Any], actor: str, device_seq: int, hlc: int, kind: EventKind, micro: int
) -> None:
    event = Event(
        id=new_event_id(),
        dossier_id=new_dossier_id(),
        kind=kind,
        payload=payload,
        actor=actor,
        device_id=DESK_B,
        device_seq=device_seq,
        hlc=hlc,
        recorded_at=datetime(2025, 11, 26, 9, 15, 0, micro, tzinfo=VN),
    )
    wire = json.loads(json.dumps(event.to_wire()))
    back = Event.from_wire(wire)
    assert back == event
    assert back.content_hash() == event.content_hash()


# --- content hash ----------------------------------------------------------------------------------


def test_content_hash_is_equal_for_events_built_separately_with_equal_fields() -> None:
    event = received()
    twin = Event.from_wire(json.loads(json.dumps(event.to_wire())))
    assert twin is not event
    assert twin.content_hash() == event.content_hash()


def test_content_hash_is_sha256_of_the_canonical_json_wire_form() -> None:
    event = received()
    expected = hashlib.sha256(canonical_json(event.to_wire())).hexdigest()
    assert event.content_hash() == expected
    assert len(expected) == 64


def test_content_hash_does_not_depend_on_payload_key_order() -> None:
    event = received()
    wire = event.to_wire()
    reordered = dict(reversed(list(wire["payload"].items())))
    assert list(reordered) != list(wire["payload"])
    assert Event.from_wire({**wire, "payload": reordered}).content_hash() == event.content_hash()


_CHANGED: dict[str, Any] = {
    "id": new_event_id(),
    "dossier_id": new_dossier_id(),
    "kind": "stopped",
    "payload": {"at": "2025-11-26T09:15:00", "to_unit": "Công chức Văn hóa - Xã hội"},
    "actor": "Phạm Minh Tuấn",
    "device_id": DESK_B,
    "device_seq": 99,
    "hlc": 1,
    "recorded_at": "2025-11-26T09:15:00.000001+07:00",
    "schema_version": EVENT_SCHEMA_VERSION + 1,
}


@pytest.mark.parametrize("name", WIRE_FIELDS)
def test_content_hash_differs_when_any_field_changes(name: str) -> None:
    wire = _wire()
    original = Event.from_wire(wire)
    changed = Event.from_wire({**wire, name: _CHANGED[name]})
    assert changed.to_wire()[name] != original.to_wire()[name]
    assert changed.content_hash() != original.content_hash()


def test_content_hash_differs_when_one_letter_of_a_name_changes_its_tone() -> None:
    wire = _wire(payload={"applicant_name": "Nguyễn Văn Đức"})
    other = _wire(payload={"applicant_name": "Nguyễn Văn Đực"})
    assert Event.from_wire(wire).content_hash() != Event.from_wire(other).content_hash()


def test_canonical_json_is_compact_key_sorted_utf8() -> None:
    text = canonical_json({"b": 1, "a": ["Đức", 2]})
    assert text == '{"a":["Đức",2],"b":1}'.encode()


# Every character, lone surrogates and control characters included; integers past 64 bits; floats
# (which orjson writes its own way, 1e-07 against 1e-7); types the standard encoder refuses.
_ANY_TEXT = st.text(alphabet=st.characters(), max_size=12)
_ANY_JSON: Any = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | _ANY_TEXT
    | st.sampled_from([1e-07, 1e16, 1e22, 0.1, -0.0]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_ANY_TEXT, inner, max_size=4),
    max_leaves=16,
)


def _outcome(make: Any) -> tuple[str, Any]:
    try:
        return ("text", make())
    except (TypeError, ValueError) as exc:  # UnicodeEncodeError is a ValueError
        return ("refused", type(exc))


@given(st.dictionaries(_ANY_TEXT, _ANY_JSON, max_size=6), _ANY_TEXT)
def test_canonical_json_of_an_event_is_the_standard_encoders_whatever_its_payload(
    payload: dict[str, Any], actor: str
) -> None:
    event = Event.from_wire({**_wire(payload=payload), "actor": actor or "x"}) if actor.strip() else received()
    standard = _outcome(lambda: canonical_json(event.to_wire()))
    assert _outcome(event.canonical) == standard


@pytest.mark.parametrize(
    "odd",
    [
        datetime(2025, 11, 26, tzinfo=UTC),  # orjson writes it; json refuses
        (1, 2),  # orjson and json both write a list, but only plain types are given to orjson
        uuid.UUID(int=7),
        {1: "a"},  # json writes the key as "1"; orjson refuses
        2**64,  # beyond orjson
        float("nan"),
    ],
)
def test_canonical_json_of_a_payload_orjson_would_write_differently_is_the_standard_encoders(odd: Any) -> None:
    event = received(extra=odd)
    assert _outcome(event.canonical) == _outcome(lambda: canonical_json(event.to_wire()))


@given(st.datetimes(timezones=st.sampled_from([UTC, VN])))
def test_canonical_json_writes_the_time_as_utc_iso_8601_whatever_the_instant(moment: datetime) -> None:
    event = replace(received(), recorded_at=moment)
    assert event.canonical() == canonical_json(event.to_wire())
    assert json.loads(event.canonical())["recorded_at"] == moment.astimezone(UTC).isoformat()


def test_canonical_json_of_a_payload_holding_itself_is_refused_as_the_standard_encoder_refuses_it() -> None:
    loop: dict[str, Any] = {}
    loop["self"] = loop
    event = received(extra=loop)
    with pytest.raises(ValueError, match="Circular reference"):
        event.canonical()


# --- from_wire refuses malformed events ------------------------------------------------------------


@pytest.mark.parametrize("name", WIRE_FIELDS)
def test_from_wire_refuses_a_missing_field_naming_it(name: str) -> None:
    wire = _wire()
    del wire[name]
    error = _refusal(wire)
    assert name in error.message
    assert name in error.english
    assert error.message.startswith("Sự kiện không hợp lệ")


@pytest.mark.parametrize("name", ["id", "dossier_id"])
@pytest.mark.parametrize("bad", ["", "not-a-uuid", "0190f2c4-8d1e-7abc-9def", 42])
def test_from_wire_refuses_a_malformed_uuid(name: str, bad: Any) -> None:
    error = _refusal(_wire(**{name: bad}))
    assert "UUID" in error.message


def test_from_wire_refuses_a_naive_recorded_at() -> None:
    error = _refusal(_wire(recorded_at="2025-11-26T09:15:00"))
    assert "recorded_at" in error.message
    assert "time zone" in error.english


def test_from_wire_refuses_a_recorded_at_that_is_not_a_date() -> None:
    error = _refusal(_wire(recorded_at="hôm qua"))
    assert "hôm qua" in error.message


def test_from_wire_accepts_any_utc_offset() -> None:
    event = Event.from_wire(_wire(recorded_at="2025-11-26T02:15:00+00:00"))
    assert event.recorded_at == datetime(2025, 11, 26, 2, 15, tzinfo=UTC)


@pytest.mark.parametrize("bad", [0, -1, -(2**40)])
def test_from_wire_refuses_a_device_seq_below_one(bad: int) -> None:
    error = _refusal(_wire(device_seq=bad))
    assert "device_seq" in error.message


@pytest.mark.parametrize("name", ["hlc", "schema_version"])
def test_from_wire_refuses_a_negative_integer_field(name: str) -> None:
    assert name in _refusal(_wire(**{name: -1})).message


@pytest.mark.parametrize("name", ["device_seq", "hlc", "schema_version"])
@pytest.mark.parametrize("bad", [True, False, "7", 7.0, None, [7]])
def test_from_wire_refuses_a_non_integer_such_as_a_bool(name: str, bad: Any) -> None:
    error = _refusal(_wire(**{name: bad}))
    assert name in error.message
    assert name in error.english


@pytest.mark.parametrize("bad", ["deleted", "RECEIVED", "", "tiếp nhận"])
def test_from_wire_refuses_an_unknown_kind_naming_it(bad: str) -> None:
    error = _refusal(_wire(kind=bad))
    assert repr(bad) in error.message


@pytest.mark.parametrize("bad", [["code"], "code=1", 3, None])
def test_from_wire_refuses_a_payload_that_is_not_an_object(bad: Any) -> None:
    assert "payload" in _refusal(_wire(payload=bad)).message


def test_from_wire_refuses_something_that_is_not_an_object() -> None:
    with pytest.raises(InvalidInput):
        Event.from_wire(["id", "kind"])  # type: ignore[arg-type]


def test_from_wire_copies_the_payload_so_the_sender_cannot_change_it() -> None:
    wire = _wire()
    event = Event.from_wire(wire)
    wire["payload"]["to_unit"] = "đã sửa"
    assert event.payload["to_unit"] != "đã sửa"


# --- ordering --------------------------------------------------------------------------------------


def test_sort_key_orders_by_clock_then_device_then_id() -> None:
    first = received(device=DESK_B)
    same_stamp_other_desk = then(EventKind.NOTE, first, device=DESK_A, hlc=first.hlc)
    later = then(EventKind.NOTE, first, device=DESK_A)
    ordered = sorted([later, first, same_stamp_other_desk], key=lambda e: e.sort_key)
    assert ordered == [same_stamp_other_desk, first, later]
    ids = sorted([new_event_id(), new_event_id()])
    a = then(EventKind.NOTE, first, hlc=later.hlc, event_id=ids[1])
    b = then(EventKind.NOTE, first, hlc=later.hlc, event_id=ids[0])
    assert sorted([a, b], key=lambda e: e.sort_key) == [b, a]


def test_event_is_immutable() -> None:
    event = received()
    with pytest.raises(AttributeError):
        event.kind = EventKind.NOTE  # type: ignore[misc]
