"""The sync protocol's wire format: round trips, hard limits, and clear refusals of bad bodies."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from hypothesis import given, strategies as st

from desk_app.domain import sync_protocol as sp
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import EventKind, canonical_json
from desk_app.domain.sync_protocol import (
    ERR_MALFORMED,
    ERR_TOO_LARGE,
    ERR_UNSUPPORTED_PROTOCOL,
    ERR_UPDATE_REQUIRED,
    MAX_EVENTS_PER_PAGE,
    PROTOCOL_VERSION,
    Ack,
    AckRun,
    CalendarUpdate,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    ProtocolError,
    Rejection,
    SyncRequest,
    SyncResponse,
    centre_now,
    decode_error,
    decode_request,
    decode_response,
    encode_request,
    encode_response,
    encode_response_with_raw_events,
    enrol_request_from_json,
    enrol_response_from_json,
    inflate,
    is_older,
    pack,
    pulled_event_json,
    unpack,
)
from tests.domain.factories import DESK_A, history, received

UNIT = "000.17.22.H56"


def _request(**changes: Any) -> SyncRequest:
    events = tuple(e.to_wire() for e in history(EventKind.TRANSFERRED, EventKind.RESULT_RECEIVED))
    fields: dict[str, Any] = {
        "device_id": DESK_A,
        "unit": UNIT,
        "app_version": "0.1.0",
        "events": events,
        "cursor": 41,
        "known_device_seq": 3,
        "catalogue_version": "2026.1",
        "calendar_version": 2,
    }
    fields.update(changes)
    return SyncRequest(**fields)


def _refused(body: bytes) -> ProtocolError:
    with pytest.raises(ProtocolError) as caught:
        decode_request(body)
    return caught.value


def test_request_round_trips_through_gzip_json() -> None:
    request = _request()
    body = encode_request(request)
    assert body[:2] == b"\x1f\x8b"
    assert decode_request(body) == request


def test_response_round_trips_with_acks_rejections_pulled_events_catalogue_and_calendar() -> None:
    events = history(EventKind.TRANSFERRED)
    response = SyncResponse(
        centre_time=centre_now(),
        cursor=8,
        head=9,
        acks=(Ack(events[0].id, 7),),
        rejections=(Rejection(events[1].id, "conflict", "Trùng mã sự kiện", "Same event id"),),
        expected_device_seq=2,
        events=({**events[1].to_wire(), "centre_seq": 8},),
        more=True,
        catalogue={"schema": 1, "version": "2026.2"},
        calendar=CalendarUpdate(3, ({"day": "2026-08-22", "working": True, "reason": "Làm bù", "source": ""},)),
        min_app_version="0.1.0",
    )
    decoded = decode_response(encode_response(response))
    assert decoded == response
    assert decoded.pulled() == [(8, events[1])]


def test_acknowledgements_as_runs_round_trip_and_are_absent_unless_asked() -> None:
    assert decode_request(encode_request(_request(ack_runs=True))).ack_runs
    assert not decode_request(encode_request(_request())).ack_runs
    response = SyncResponse(centre_time=centre_now(), cursor=9, ack_runs=(AckRun(3, 9, 101), AckRun(11, 11, 120)))
    assert decode_response(encode_response(response)) == response
    plain = SyncResponse(centre_time=centre_now(), cursor=9)
    assert "ack_runs" not in plain.to_json()
    assert decode_response(encode_response(plain)).ack_runs == ()


@pytest.mark.parametrize(
    "runs",
    [
        [[1, 2]],
        [[1, 2, 3, 4]],
        [[0, 2, 5]],
        [[3, 2, 5]],
        [[1, 2, 0]],
        [[1, True, 5]],
        [[1, 2.0, 5]],
        [{"first": 1, "last": 2, "centre_seq": 5}],
        [[1, MAX_EVENTS_PER_PAGE + 1, 5]],
        [[1, 2, 2**63 - 1]],
        "1-2",
    ],
)
def test_malformed_acknowledgement_runs_are_refused(runs: Any) -> None:
    data = {**SyncResponse(centre_time=centre_now(), cursor=9).to_json(), "ack_runs": runs}
    with pytest.raises(ProtocolError) as caught:
        decode_response(pack(data))
    assert caught.value.field.startswith("ack_runs")


def test_fast_path_response_with_raw_event_texts_equals_the_plain_one() -> None:
    events = history(EventKind.TRANSFERRED, EventKind.RESULT_RECEIVED)
    texts = [pulled_event_json(n, canonical_json(e.to_wire()).decode()) for n, e in enumerate(events, start=1)]
    response = SyncResponse(centre_time=centre_now(), cursor=3, head=3)
    decoded = decode_response(encode_response_with_raw_events(response, texts))
    assert [seq for seq, _ in decoded.pulled()] == [1, 2, 3]
    assert [e.content_hash() for _, e in decoded.pulled()] == [e.content_hash() for e in events]


def test_too_old_protocol_is_update_required_even_when_other_fields_are_missing() -> None:
    error = _refused(pack({"protocol_version": 0}))
    assert error.code == ERR_UPDATE_REQUIRED
    assert error.status == 426
    assert "cập nhật" in error.message


def test_protocol_newer_than_the_centre_is_refused_as_unsupported() -> None:
    error = _refused(pack({**_request().to_json(), "protocol_version": PROTOCOL_VERSION + 1}))
    assert error.code == ERR_UNSUPPORTED_PROTOCOL


def test_truncated_gzip_body_is_refused_as_cut() -> None:
    body = encode_request(_request())
    error = _refused(body[: len(body) // 2])
    assert error.code == ERR_MALFORMED
    assert "cut" in error.english


def test_body_that_is_not_gzip_is_refused() -> None:
    error = _refused(json.dumps(_request().to_json()).encode())
    assert error.code == ERR_MALFORMED


def test_corrupt_gzip_and_trailing_bytes_are_refused() -> None:
    body = bytearray(encode_request(_request()))
    body[20] ^= 0xFF
    assert _refused(bytes(body)).code == ERR_MALFORMED
    assert _refused(encode_request(_request()) + b"extra").code == ERR_MALFORMED


def test_gzip_bomb_is_refused_without_inflating_it_whole() -> None:
    bomb = gzip.compress(b" " * (2 * 1024 * 1024))
    with pytest.raises(ProtocolError) as caught:
        inflate(bomb, max_size=1024 * 1024)
    assert caught.value.code == ERR_TOO_LARGE


def test_oversized_compressed_body_is_refused_before_inflating() -> None:
    with pytest.raises(ProtocolError) as caught:
        unpack(b"\x1f\x8b" + b"\0" * 100, max_compressed=50)
    assert caught.value.code == ERR_TOO_LARGE
    assert caught.value.status == 413


def test_invalid_json_utf8_and_nan_are_refused() -> None:
    assert _refused(gzip.compress(b'{"protocol_version": 1,')).code == ERR_MALFORMED
    assert _refused(gzip.compress(b'{"a": "\xff"}')).code == ERR_MALFORMED
    assert _refused(gzip.compress(b'{"protocol_version": 1, "cursor": NaN}')).code == ERR_MALFORMED


def test_too_many_events_in_one_page_is_refused_as_too_large() -> None:
    event = received().to_wire()
    data = {**_request().to_json(), "events": [event] * (MAX_EVENTS_PER_PAGE + 1)}
    error = _refused(pack(data))
    assert error.code == ERR_TOO_LARGE
    assert error.field == "events"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("cursor", -1),
        ("cursor", "12"),
        ("cursor", True),
        ("page_size", 0),
        ("page_size", MAX_EVENTS_PER_PAGE + 1),
        ("device_id", ""),
        ("unit", None),
        ("app_version", "mới nhất"),
        ("calendar_version", 1.5),
        ("catalogue_version", 7),
        ("events", {"id": "x"}),
    ],
)
def test_field_of_the_wrong_type_or_range_is_refused_naming_it(name: str, value: Any) -> None:
    error = _refused(pack({**_request().to_json(), name: value}))
    assert error.code == ERR_MALFORMED
    assert error.field == name
    assert isinstance(error, InvalidInput)


def test_pushed_event_without_a_string_id_is_refused_whole_request() -> None:
    data = _request().to_json()
    data["events"][1] = {"kind": "note"}
    error = _refused(pack(data))
    assert error.field == "events[1]"


def test_pushed_events_are_not_checked_deeply_by_the_envelope() -> None:
    data = _request().to_json()
    data["events"][0]["kind"] = "không rõ"
    assert decode_request(pack(data)).events[0]["kind"] == "không rõ"


def test_encode_request_refuses_what_the_centre_would_refuse() -> None:
    with pytest.raises(ProtocolError):
        encode_request(_request(page_size=0))


def test_response_with_pulled_sequence_going_backwards_is_refused() -> None:
    events = history(EventKind.TRANSFERRED)
    response = SyncResponse(
        centre_time=centre_now(),
        cursor=9,
        events=({**events[0].to_wire(), "centre_seq": 9}, {**events[1].to_wire(), "centre_seq": 5}),
    )
    with pytest.raises(ProtocolError) as caught:
        decode_response(encode_response(response))
    assert "centre_seq" in (caught.value.field or "")


def test_response_pulled_event_past_the_cursor_is_refused() -> None:
    event = received().to_wire()
    response = SyncResponse(centre_time=centre_now(), cursor=3, events=({**event, "centre_seq": 4},))
    with pytest.raises(ProtocolError):
        decode_response(encode_response(response))


def test_response_without_time_zone_in_centre_time_is_refused() -> None:
    data = SyncResponse(centre_time=centre_now(), cursor=0).to_json()
    data["centre_time"] = "2026-05-20T10:00:00"
    with pytest.raises(ProtocolError) as caught:
        decode_response(pack(data))
    assert caught.value.field == "centre_time"


@pytest.mark.parametrize(
    ("version", "minimum", "older"),
    [("0.1.0", "0.2", True), ("0.2", "0.2.0", False), ("1.10.0", "1.9.9", False), ("1.0.0-rc1", "1.0.1", True)],
)
def test_app_versions_compare_numerically(version: str, minimum: str, older: bool) -> None:
    assert is_older(version, minimum) is older


def test_error_body_round_trips_and_a_proxy_page_is_not_one() -> None:
    body = json.dumps(ErrorBody("revoked", "Máy đã bị thu hồi quyền", "This desk was revoked").to_json()).encode()
    error = decode_error(body)
    assert error is not None and error.error == "revoked"
    assert decode_error(b"<html>502 Bad Gateway</html>") is None


def test_enrol_request_and_response_round_trip() -> None:
    request = EnrolRequest("7KQ3-M9XD-2F", DESK_A, "0.1.0")
    assert enrol_request_from_json(json.loads(json.dumps(request.to_json()))) == request
    response = EnrolResponse("tok", UNIT, 2, DESK_A, centre_now())
    assert enrol_response_from_json(response.to_json()) == response


def test_pulled_event_json_needs_an_object() -> None:
    with pytest.raises(ValueError):
        pulled_event_json(1, "{}")
    assert json.loads(pulled_event_json(5, '{"a":1}')) == {"centre_seq": 5, "a": 1}


@given(st.binary(max_size=200))
def test_any_bytes_decode_or_fail_with_protocol_error(body: bytes) -> None:
    try:
        decode_request(body)
    except ProtocolError:
        pass


@given(st.integers(min_value=1, max_value=200))
def test_any_truncation_of_a_valid_body_is_refused(cut: int) -> None:
    body = encode_request(_request())
    if cut < len(body):
        with pytest.raises(ProtocolError):
            decode_request(body[:-cut])


def test_event_schema_older_than_the_centre_takes_is_update_required() -> None:
    error = _refused(pack({**_request().to_json(), "schema_version": 0}))
    assert (error.code, error.field) == (ERR_UPDATE_REQUIRED, "schema_version")


def test_peek_reads_the_envelope_of_a_page_without_its_events() -> None:
    events = [received() for _ in range(3)]
    texts = [sp.pulled_event_json(n, e.canonical().decode()) for n, e in enumerate(events, start=1)]
    answer = sp.SyncResponse(centre_time=sp.centre_now(), cursor=3, head=9, more=True, expected_device_seq=4)
    body = sp.encode_response_with_raw_events(answer, texts)
    peeked = sp.peek_response(body)
    assert peeked is not None and peeked.events == ()
    assert (peeked.cursor, peeked.head, peeked.more, peeked.expected_device_seq) == (3, 9, True, 4)
    assert sp.peek_response(sp.encode_response(answer)) is None  # not one event a line: nothing to peek
    with pytest.raises(sp.ProtocolError):
        sp.peek_response(b"not gzip")
