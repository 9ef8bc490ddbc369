"""Sync without serialising events again: the canonical JSON of a pushed event is put together from its
stored row (checked against the row's content hash), and a pulled page is stored from the canonical
texts the centre sent (hash and payload taken from the text), the same rows the long way would give."""

from __future__ import annotations

import hashlib
import json
from collections import namedtuple
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from desk_app.domain import sync_protocol as sp
from desk_app.domain.events import Event, EventKind, canonical_json, new_dossier_id, new_event_id
from desk_app.store import dossiers, outbox, pulled_pages
from tests.domain.factories import DESK_B, VN, received, then

Row = namedtuple("Row", dossiers.EVENT_COLUMNS)  # type: ignore[misc]

_leaf = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=30)
_payloads = st.dictionaries(
    st.text(min_size=1, max_size=12),
    st.recursive(
        _leaf,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=10,
    ),
    max_size=6,
)
_zones = st.sampled_from([UTC, VN, timezone(timedelta(hours=-3, minutes=-30)), timezone(timedelta(0))])
_events = st.builds(
    lambda payload, actor, seq, hlc, kind, micro, zone: Event(
        id=new_event_id(),
        dossier_id=new_dossier_id(),
        kind=kind,
        payload=payload,
        actor=actor,
        device_id=DESK_B,
        device_seq=seq,
        hlc=hlc,
        recorded_at=datetime(2025, 11, 26, 9, 15, 0, micro, tzinfo=zone),
    ),
    _payloads,
    st.text(min_size=1, max_size=40).filter(str.strip),
    st.integers(1, 2**40),
    st.integers(0, 2**62),
    st.sampled_from(list(EventKind)),
    st.integers(0, 999_999) | st.just(0),
    _zones,
)
_TRICKY = {
    "applicant_name": 'Nguyễn "Văn" Đức \\ Ðoàn\t\x01\x7f\u2028',
    "ghi_chú": "Hồ sơ\nnộp lại; ký tự 'đặc biệt' \\\" }{][",
    "nested": {"z": [1, "Ấp Bắc", {"payload": "không phải khóa ngoài", "recorded_at": 1}], "a": None},
}


def row_of(event: Event) -> Row:
    """The events row the desk stores for ``event`` (the save path's own ``event_to_row``)."""
    return Row(**dossiers.event_to_row(event))


@settings(max_examples=150, deadline=None)
@given(event=_events)
def test_text_built_from_a_stored_row_is_the_canonical_json_of_its_event(event: Event) -> None:
    expected = canonical_json(event.to_wire()).decode()
    assert outbox._text_of_row(row_of(event)) == expected  # noqa: SLF001 - the fast path itself
    assert outbox.canonical_text(row_of(event)) == expected


def test_text_built_from_a_row_keeps_vietnamese_quotes_backslashes_and_control_characters() -> None:
    event = then(EventKind.NOTE, received(applicant_name=_TRICKY["applicant_name"]), payload=_TRICKY)
    text = outbox._text_of_row(row_of(event))  # noqa: SLF001
    assert text == canonical_json(event.to_wire()).decode()
    assert hashlib.sha256(text.encode()).hexdigest() == event.content_hash()
    assert json.loads(text)["payload"]["ghi_chú"] == _TRICKY["ghi_chú"]


def test_row_whose_hash_does_not_match_is_sent_the_long_way_through_the_event() -> None:
    event = received()
    spaced = row_of(event)._replace(payload=json.dumps(dict(event.payload), ensure_ascii=False))  # not canonical
    assert outbox._text_of_row(spaced) != canonical_json(event.to_wire()).decode()  # noqa: SLF001
    assert outbox.canonical_text(spaced) == canonical_json(event.to_wire()).decode()
    wrong_hash = row_of(event)._replace(content_hash="0" * 64)
    assert outbox.canonical_text(wrong_hash) == canonical_json(event.to_wire()).decode()


def test_row_with_a_time_that_is_not_iso_is_sent_the_long_way() -> None:
    event = received()
    odd = row_of(event)._replace(recorded_at=event.recorded_at.astimezone(UTC).isoformat(timespec="microseconds"))
    assert outbox.canonical_text(odd) == canonical_json(event.to_wire()).decode()


def page_body(events: list[Event], first_seq: int = 1) -> bytes:
    """The centre's answer pulling ``events`` as its fast path writes it (stored canonical texts)."""
    texts = [sp.pulled_event_json(first_seq + n, e.canonical().decode()) for n, e in enumerate(events)]
    last = first_seq + len(events) - 1
    return sp.encode_response_with_raw_events(sp.SyncResponse(centre_time=sp.centre_now(), cursor=last), texts)


def long_way_rows(events: list[Event], first_seq: int = 1) -> list[tuple[Any, ...]]:
    """The rows of the events as the desk receives them (their wire form, time in UTC), the long way."""
    return [(*row_of(Event.from_wire(e.to_wire())), first_seq + n) for n, e in enumerate(events)]


@settings(max_examples=60, deadline=None)
@given(events=st.lists(_events, min_size=1, max_size=6))
def test_pulled_page_gives_the_rows_the_long_way_gives_without_serialising_again(events: list[Event]) -> None:
    response = sp.decode_response(page_body(events, 7))
    canonical = [e.canonical().decode() for e in events]
    assert len(response.canonical_texts) == len(events)
    for text, expected, event in zip(response.canonical_texts, canonical, events, strict=True):  # None: the long way
        assert text == expected or (text is None and {"payload", "recorded_at"} & _keys_within(event.payload))
    page = pulled_pages.prepare_page(response.pulled_canonical())
    assert page.rows == long_way_rows(events, 7)


def test_pulled_page_with_vietnamese_text_quotes_and_control_characters_stores_the_canonical_payload() -> None:
    events = [then(EventKind.NOTE, received(applicant_name=_TRICKY["applicant_name"]), payload=_TRICKY)]
    page = pulled_pages.prepare_page(sp.decode_response(page_body(events)).pulled_canonical())
    assert page.rows == long_way_rows(events)
    assert json.loads(page.rows[0][3]) == dict(events[0].payload)


def test_page_in_one_json_line_is_hashed_by_the_desk_with_the_same_outcome() -> None:
    events = [received(), then(EventKind.TRANSFERRED, received())]
    plain = sp.SyncResponse(
        centre_time=sp.centre_now(),
        cursor=2,
        events=tuple({"centre_seq": n, **e.to_wire()} for n, e in enumerate(events, start=1)),
    )
    response = sp.decode_response(sp.encode_response(plain))
    assert response.canonical_texts == ()
    assert [(text, digest) for _, _, text, digest in response.pulled_canonical()] == [(None, None)] * 2
    assert pulled_pages.prepare_page(response.pulled_canonical()).rows == long_way_rows(events)


def test_line_not_in_canonical_key_order_is_hashed_the_long_way_alone() -> None:
    events = [received(), received()]
    first = sp.pulled_event_json(1, events[0].canonical().decode())
    wire = events[1].to_wire()
    unsorted = json.dumps(
        {"centre_seq": 2, **dict(reversed(list(wire.items())))}, ensure_ascii=False, separators=(",", ":")
    )
    envelope = sp.SyncResponse(centre_time=sp.centre_now(), cursor=2)
    response = sp.decode_response(sp.encode_response_with_raw_events(envelope, [first, unsorted]))
    assert response.canonical_texts == (events[0].canonical().decode(), None)
    assert [item["id"] for item in response.events] == [e.id for e in events]
    assert pulled_pages.prepare_page(response.pulled_canonical()).rows == long_way_rows(events)


def test_page_with_a_line_that_is_not_json_is_refused_as_malformed() -> None:
    envelope = sp.SyncResponse(centre_time=sp.centre_now(), cursor=2)
    body = sp.encode_response_with_raw_events(envelope, [sp.pulled_event_json(1, received().canonical().decode()), "{"])
    with pytest.raises(sp.ProtocolError) as refused:
        sp.decode_response(body)
    assert "not valid JSON" in refused.value.english


def test_payload_holding_the_words_payload_and_recorded_at_goes_the_long_way_alone() -> None:
    plain = received()
    event = then(EventKind.NOTE, received(), payload={"x": {"payload": 1}, "y": [{"a": 1, "recorded_at": 2}]})
    response = sp.decode_response(page_body([plain, event]))
    assert response.canonical_texts == (plain.canonical().decode(), None)
    assert pulled_pages.prepare_page(response.pulled_canonical()).rows == long_way_rows([plain, event])


def test_pulled_number_beyond_64_bits_is_kept_exact() -> None:
    event = then(EventKind.NOTE, received(), payload={"big": 2**70, "small": -(2**65), "id_number": "0" * 24})
    response = sp.decode_response(page_body([event]))
    assert response.events[0]["payload"] == dict(event.payload)
    assert response.events[0]["payload"]["big"] == 2**70
    assert pulled_pages.prepare_page(response.pulled_canonical()).rows == long_way_rows([event])


def _keys_within(value: Any) -> set[str]:
    """Every object key anywhere inside a JSON value."""
    if isinstance(value, Mapping):
        return set(value).union(*(_keys_within(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys_within(v) for v in value))
    return set()


def test_request_with_event_texts_reaches_the_centre_as_the_same_events() -> None:
    events = [received(), then(EventKind.TRANSFERRED, received(applicant_name=_TRICKY["applicant_name"]))]
    request = sp.SyncRequest(
        "desk-1", "000.17.22.H56", "0.1.0", event_texts=tuple(e.canonical().decode() for e in events)
    )
    decoded = sp.decode_request(sp.encode_request(request))
    assert [Event.from_wire(w) for w in decoded.events] == events
    assert decoded.events == tuple(request.to_json()["events"])


def test_request_with_a_text_without_an_ascii_id_is_refused_before_sending() -> None:
    text = received().canonical().decode()
    bad = text.replace(',"id":"', ',"id":"ă', 1)
    try:
        sp.encode_request(sp.SyncRequest("desk-1", "000.17.22.H56", "0.1.0", event_texts=(bad,)))
    except sp.ProtocolError as exc:
        assert exc.field == "events[0]"
    else:
        raise AssertionError("a text without an ASCII id was sent")
