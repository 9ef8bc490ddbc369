"""Pushing events: idempotent by id, conflicts never overwrite, gaps are refused, claims are checked."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from sqlalchemy import Engine, select

from centre.models import Desk, EventRow, RejectedEvent
from desk_app.domain import sync_protocol as sp
from desk_app.domain.events import Event, EventKind
from tests.centre.helpers import TestDesk, counts


def _reasons(response: sp.SyncResponse) -> dict[str, str]:
    return {r.id: r.reason for r in response.rejections}


def test_new_events_are_acknowledged_with_consecutive_centre_numbers(enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    first = desk.receive(1)
    events = [first, desk.act(EventKind.TRANSFERRED, first), desk.receive(2)]
    response = desk.sync(events)
    assert [(a.id, a.centre_seq) for a in response.acks] == [(e.id, n) for n, e in enumerate(events, start=1)]
    assert response.rejections == ()
    assert response.expected_device_seq == 4


def test_a_desk_that_reads_runs_gets_the_events_taken_now_as_one_run_and_the_others_by_id(
    enrol: Callable[..., TestDesk],
) -> None:
    desk, other = enrol(), enrol(desk_number=2)
    other.sync([other.receive(1), other.receive(2)])  # the unit's numbers 1 and 2
    events = [desk.receive(n) for n in range(1, 6)]
    first = desk.sync(events[:2], ack_runs=True)
    assert first.ack_runs == (sp.AckRun(1, 2, 3),) and first.acks == ()
    again = desk.sync(events, ack_runs=True)  # the first two were taken already: acknowledged by id
    assert [(a.id, a.centre_seq) for a in again.acks] == [(events[0].id, 3), (events[1].id, 4)]
    assert again.ack_runs == (sp.AckRun(3, 5, 5),)
    classic = desk.sync([desk.receive(6)])  # a desk that does not read runs
    assert classic.ack_runs == () and [a.centre_seq for a in classic.acks] == [8]


def test_same_id_same_content_is_acknowledged_again_with_its_number(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    desk = enrol()
    event = desk.receive(1)
    first = desk.sync([event])
    again = desk.sync([event])
    assert again.acks == first.acks
    assert again.rejections == ()
    assert counts(engine) == (1, 1)


def test_lost_answer_then_retry_of_a_bigger_batch_changes_nothing_twice(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    desk = enrol()
    batch = [desk.receive(n) for n in range(1, 6)]
    desk.sync(batch[:3])  # the answer "was lost": the desk resends everything unsent
    response = desk.sync(batch)
    assert sorted(a.centre_seq for a in response.acks) == [1, 2, 3, 4, 5]
    assert counts(engine) == (5, 5)


def test_same_id_other_content_is_rejected_and_never_overwrites(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk = enrol()
    event = desk.receive(1)
    desk.sync([event])
    forged = dataclasses.replace(event, payload={**event.payload, "applicant_name": "Trần Thị Mai"})
    response = desk.sync([forged])
    assert _reasons(response) == {event.id: sp.CONFLICT}
    assert response.acks == ()
    with engine.connect() as connection:
        stored = connection.execute(select(EventRow.content_hash).where(EventRow.id == event.id)).scalar_one()
        kept = connection.execute(select(RejectedEvent.reason, RejectedEvent.content_hash)).all()
    assert stored == event.content_hash()
    assert kept == [(sp.CONFLICT, forged.content_hash())]


def test_gap_accepts_the_contiguous_part_and_rejects_the_rest_until_resent_in_order(
    enrol: Callable[..., TestDesk],
) -> None:
    desk = enrol()
    events = [desk.receive(n) for n in range(1, 6)]
    response = desk.sync([events[0], events[1], events[3], events[4]])
    assert [a.id for a in response.acks] == [events[0].id, events[1].id]
    assert _reasons(response) == {events[3].id: sp.GAP, events[4].id: sp.GAP}
    assert response.expected_device_seq == 3
    resent = desk.sync(events[2:])
    assert [a.centre_seq for a in resent.acks] == [3, 4, 5]
    assert resent.expected_device_seq == 6


def test_events_pushed_out_of_order_in_one_request_are_taken_in_device_order(enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    events = [desk.receive(n) for n in range(1, 4)]
    response = desk.sync(list(reversed(events)))
    assert {a.id: a.centre_seq for a in response.acks} == {e.id: n for n, e in enumerate(events, start=1)}


def test_unknown_event_reusing_an_accepted_device_seq_is_flagged_not_stored(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    desk = enrol()
    desk.sync([desk.receive(1)])
    desk.next_seq = 1  # as if the desk had been restored from an old backup
    response = desk.sync([desk.receive(2)])
    assert list(_reasons(response).values()) == [sp.SEQ_REUSED]
    assert counts(engine) == (1, 1)


def test_event_claiming_another_desks_device_id_is_refused(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk_a, desk_b = enrol(desk_number=1), enrol(desk_number=2)
    claimed = dataclasses.replace(desk_a.receive(1), device_id=desk_b.device_id)
    response = desk_a.sync([claimed])
    assert _reasons(response) == {claimed.id: sp.FOREIGN_DEVICE}
    assert counts(engine) == (0, 0)


def test_malformed_event_is_rejected_alone_with_its_field_named(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk = enrol()
    good = desk.receive(1)
    bad = {**desk.receive(2).to_wire(), "kind": "không-rõ"}
    answer = desk.post(sp.pack({**desk.request([good]).to_json(), "events": [good.to_wire(), bad]}))
    response = sp.decode_response(answer.content)
    assert [a.id for a in response.acks] == [good.id]
    assert response.rejections[0].reason == sp.MALFORMED
    assert "kind" in response.rejections[0].message_en
    assert counts(engine) == (1, 1)


def test_payload_with_a_nul_character_is_malformed_not_a_server_error(enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    event = desk.receive(1, applicant_name="Nguyễn\x00Văn")
    response = desk.sync([event])
    assert _reasons(response) == {event.id: sp.MALFORMED}


def test_event_of_a_newer_schema_is_kept_back_for_later(enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    event = dataclasses.replace(desk.receive(1), schema_version=99)
    response = desk.sync([event])
    assert _reasons(response) == {event.id: sp.UNSUPPORTED_SCHEMA}
    assert response.expected_device_seq == 1


def test_the_same_event_twice_in_one_request_is_stored_once(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk = enrol()
    event = desk.receive(1)
    response = desk.sync([event, event])
    assert [(a.id, a.centre_seq) for a in response.acks] == [(event.id, 1), (event.id, 1)]
    assert counts(engine) == (1, 1)


def test_desk_progress_is_kept_for_the_next_push(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk = enrol()
    desk.sync([desk.receive(n) for n in range(1, 4)])
    with engine.connect() as connection:
        last = connection.execute(select(Desk.last_device_seq, Desk.last_seen)).one()
    assert last.last_device_seq == 3
    assert last.last_seen is not None


def test_a_full_page_of_events_goes_in_one_request(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk = enrol()
    events: list[Event] = []
    for number in range(1, 301):
        first = desk.receive(number)
        events += [first, desk.act(EventKind.TRANSFERRED, first)]
    response = desk.sync(events)
    assert len(response.acks) == 600
    assert counts(engine) == (600, 300)
