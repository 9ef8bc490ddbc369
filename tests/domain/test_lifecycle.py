"""The dossier's state machine and the fold: what each status allows, and one state on every replica."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import given, strategies as st

from desk_app.domain.errors import TransitionRefused
from desk_app.domain.events import Event, EventKind, Status
from desk_app.domain.lifecycle import (
    ACTION_EN,
    ACTION_VI,
    TRANSITIONS,
    Anomaly,
    DossierState,
    apply,
    check_allowed,
    fold,
    refusal,
)
from tests.domain.factories import DESK_A, DESK_B, DUE_AT, ONE_MS, RECEIVED_AT, history, received, then

K = EventKind
S = Status
OPEN = {S.RECEIVED, S.PROCESSING, S.AWAITING_SUPPLEMENT, S.AWAITING_PAYMENT}

#: The rules, written out independently of the code: kind → (allowed from, leads to; None = unchanged).
RULES: dict[EventKind, tuple[set[Status], Status | None]] = {
    K.RECEIVED: ({S.SUBMITTED_ONLINE}, S.RECEIVED),
    K.SUPPLEMENT_REQUESTED: ({S.RECEIVED, S.PROCESSING}, S.AWAITING_SUPPLEMENT),
    K.SUPPLEMENT_RECEIVED: ({S.AWAITING_SUPPLEMENT}, None),
    K.REFUSED: ({S.SUBMITTED_ONLINE, S.RECEIVED, S.PROCESSING, S.AWAITING_SUPPLEMENT}, S.REFUSED),
    K.TRANSFERRED: ({S.RECEIVED, S.PROCESSING}, S.PROCESSING),
    K.RESULT_RECEIVED: ({S.RECEIVED, S.PROCESSING}, S.RESULT_READY),
    K.PAYMENT_REQUESTED: ({S.RECEIVED, S.PROCESSING}, S.AWAITING_PAYMENT),
    K.FEE_PAID: (OPEN | {S.RESULT_READY}, None),
    K.EXTENDED: (set(OPEN), None),
    K.STOPPED: (set(OPEN), S.STOPPED),
    K.WITHDRAWN: (set(OPEN), S.WITHDRAWN),
    K.RESULT_RETURNED: ({S.RESULT_READY}, S.RETURNED),
    K.DETAILS_CORRECTED: (set(Status), None),
    K.NOTE: (set(Status), None),
    K.PAPER_SCANNED: (set(Status), None),
}

ACTIONS_AFTER_RECEIPT = [kind for kind in EventKind if kind is not K.RECEIVED]
ALLOWED = [(k, s) for k in ACTIONS_AFTER_RECEIPT for s in Status if s in RULES[k][0]]
REFUSED = [(k, s) for k in ACTIONS_AFTER_RECEIPT for s in Status if s not in RULES[k][0]]


def _state_at(status: Status) -> tuple[DossierState, Event]:
    """A received dossier forced into ``status``, and its receipt."""
    receipt = received()
    state = fold([receipt])
    assert state is not None
    return replace(state, status=status), receipt


def _fold(events: list[Event]) -> DossierState:
    state = fold(events)
    assert state is not None
    return state


# --- the table -------------------------------------------------------------------------------------


def test_transition_table_is_the_documented_one() -> None:
    assert set(TRANSITIONS) == set(EventKind)
    for kind, (allowed, target) in TRANSITIONS.items():
        assert (set(allowed), target) == RULES[kind], kind


def test_every_action_has_a_vietnamese_and_an_english_name() -> None:
    assert set(ACTION_VI) == set(EventKind) == set(ACTION_EN)
    assert all(ACTION_VI[k] and ACTION_EN[k] and ACTION_VI[k] != ACTION_EN[k] for k in EventKind)


@pytest.mark.parametrize(("kind", "status"), ALLOWED)
def test_action_is_allowed_from_its_statuses_and_leads_where_the_rules_say(kind: EventKind, status: Status) -> None:
    state, receipt = _state_at(status)
    check_allowed(kind, state)
    assert refusal(kind, status) is None
    after = apply(state, then(kind, receipt))
    assert after is not None
    assert after.anomalies == ()
    target = RULES[kind][1]
    if target is not None:
        assert after.status is target
    elif kind is K.SUPPLEMENT_RECEIVED or (kind is K.FEE_PAID and status is S.AWAITING_PAYMENT):
        assert after.status is S.PROCESSING  # no pause recorded: resumes processing
    else:
        assert after.status is status
    assert after.event_count == state.event_count + 1


@pytest.mark.parametrize(("kind", "status"), REFUSED)
def test_action_is_refused_from_every_other_status_naming_it_in_vietnamese(kind: EventKind, status: Status) -> None:
    state, _ = _state_at(status)
    with pytest.raises(TransitionRefused) as caught:
        check_allowed(kind, state)
    error = caught.value
    assert f"Không thể {ACTION_VI[kind]}" in error.message
    assert f"«{status.label_vi}»" in error.message
    for allowed in RULES[kind][0]:
        assert f"«{allowed.label_vi}»" in error.message
    assert f"'{status.label_en}'" in error.english
    assert error.text("en") == error.english
    assert error.text("vi") == error.message


@pytest.mark.parametrize(("kind", "status"), REFUSED)
def test_refused_action_arriving_by_sync_is_kept_as_an_anomaly_and_changes_nothing(
    kind: EventKind, status: Status
) -> None:
    state, receipt = _state_at(status)
    event = then(kind, receipt, device=DESK_B)
    after = apply(state, event)
    assert after is not None
    assert replace(after, anomalies=(), event_count=state.event_count, last_hlc=state.last_hlc) == state
    assert after.event_count == state.event_count + 1
    (anomaly,) = after.anomalies
    assert anomaly.event_id == event.id
    assert anomaly.kind is kind
    assert anomaly.device_id == DESK_B
    assert anomaly.status_then is status
    assert f"«{status.label_vi}»" in anomaly.message_vi
    assert anomaly.message_en


def test_returning_the_result_while_processing_is_refused_with_the_clerks_words() -> None:
    state = _fold(history(K.TRANSFERRED))
    with pytest.raises(TransitionRefused) as caught:
        check_allowed(K.RESULT_RETURNED, state)
    assert caught.value.message == (
        "Không thể trả kết quả: hồ sơ đang ở trạng thái «Đang xử lý». "
        "Chỉ làm được khi hồ sơ ở trạng thái «Đã xử lý xong»."
    )
    assert caught.value.english == (
        "Cannot return the result: the dossier is 'Being processed'. This is only possible when it is 'Result ready'."
    )


@pytest.mark.parametrize("status", [s for s in Status if s is not S.SUBMITTED_ONLINE])
def test_receiving_a_dossier_twice_is_refused(status: Status) -> None:
    state, _ = _state_at(status)
    with pytest.raises(TransitionRefused) as caught:
        check_allowed(K.RECEIVED, state)
    assert "đã được tiếp nhận" in caught.value.message


def test_second_receipt_arriving_by_sync_is_an_anomaly_not_a_new_dossier() -> None:
    first = received()
    again = received(dossier_id=first.dossier_id, device=DESK_B, hlc=first.hlc + ONE_MS, code="X-1")
    state = _fold([first, again])
    assert state.code == first.payload["code"]
    assert [a.event_id for a in state.anomalies] == [again.id]
    assert state.event_count == 2


def test_receipt_is_allowed_for_a_new_dossier() -> None:
    check_allowed(K.RECEIVED, None)
    assert refusal(K.RECEIVED, None) is None


@pytest.mark.parametrize("kind", ACTIONS_AFTER_RECEIPT)
def test_any_action_before_receipt_is_refused(kind: EventKind) -> None:
    with pytest.raises(TransitionRefused) as caught:
        check_allowed(kind, None)
    assert caught.value.message == f"Không thể {ACTION_VI[kind]}: hồ sơ chưa được tiếp nhận."
    assert "has not been received" in caught.value.english


# --- the receipt -----------------------------------------------------------------------------------


def test_receipt_opens_the_dossier_with_its_code_and_due_date() -> None:
    receipt = received()
    state = _fold([receipt])
    assert state.dossier_id == receipt.dossier_id
    assert state.code == "000.17.22.H56-251126-0001"
    assert state.status is S.RECEIVED
    assert state.received_at == RECEIVED_AT
    assert state.due_at == state.original_due_at == DUE_AT
    assert state.detail("applicant_name") == "Nguyễn Văn Đức"
    assert state.event_count == 1
    assert state.last_hlc == receipt.hlc
    assert state.anomalies == ()


def test_fold_of_no_events_or_no_receipt_has_no_state() -> None:
    assert fold([]) is None
    notes = history(K.NOTE)[1:]
    assert fold(notes) is None


# --- pauses: supplement and payment ----------------------------------------------------------------


@pytest.mark.parametrize(("before", "status_before"), [((), S.RECEIVED), ((K.TRANSFERRED,), S.PROCESSING)])
def test_supplement_pauses_at_five_and_resumes_the_status_before_it(
    before: tuple[EventKind, ...], status_before: Status
) -> None:
    events = history(*before)
    asked = then(K.SUPPLEMENT_REQUESTED, events[-1], {"at": "2025-11-27T10:00:00"})
    paused = _fold([*events, asked])
    assert paused.status is S.AWAITING_SUPPLEMENT
    assert paused.paused_at == datetime(2025, 11, 27, 10, 0)
    assert paused.resumed_status is status_before
    back = then(K.SUPPLEMENT_RECEIVED, asked, {"at": "2025-12-01T08:30:00"})
    resumed = _fold([*events, asked, back])
    assert resumed.status is status_before
    assert resumed.paused_at is None
    assert resumed.resumed_status is None


def test_supplement_received_replaces_the_due_date_with_the_one_in_its_payload() -> None:
    events = history(K.TRANSFERRED, K.SUPPLEMENT_REQUESTED)
    new_due = datetime(2025, 12, 3, 9, 15)
    back = then(K.SUPPLEMENT_RECEIVED, events[-1], {"due_at": new_due.isoformat()})
    state = _fold([*events, back])
    assert state.due_at == new_due
    assert state.original_due_at == DUE_AT


def test_supplement_received_without_a_due_date_keeps_the_due_date() -> None:
    state = _fold(history(K.SUPPLEMENT_REQUESTED, K.SUPPLEMENT_RECEIVED))
    assert state.due_at == DUE_AT


@pytest.mark.parametrize(("before", "status_before"), [((), S.RECEIVED), ((K.TRANSFERRED,), S.PROCESSING)])
def test_fee_payment_from_six_returns_to_the_status_before_the_request(
    before: tuple[EventKind, ...], status_before: Status
) -> None:
    waiting = _fold(history(*before, K.PAYMENT_REQUESTED))
    assert waiting.status is S.AWAITING_PAYMENT
    paid = _fold(history(*before, K.PAYMENT_REQUESTED, K.FEE_PAID))
    assert paid.status is status_before
    assert paid.resumed_status is None
    assert paid.fee_paid == 8000


def test_fees_paid_add_up_and_do_not_change_a_result_ready_status() -> None:
    events = history(K.TRANSFERRED, K.RESULT_RECEIVED)
    first = then(K.FEE_PAID, events[-1], {"amount": 8000})
    second = then(K.FEE_PAID, first, {"amount": 2000})
    state = _fold([*events, first, second])
    assert state.status is S.RESULT_READY
    assert state.fee_paid == 10_000


def test_fee_paid_while_waiting_for_a_supplement_keeps_the_pause() -> None:
    state = _fold(history(K.TRANSFERRED, K.SUPPLEMENT_REQUESTED, K.FEE_PAID))
    assert state.status is S.AWAITING_SUPPLEMENT
    assert state.resumed_status is S.PROCESSING
    back = _fold(history(K.TRANSFERRED, K.SUPPLEMENT_REQUESTED, K.FEE_PAID, K.SUPPLEMENT_RECEIVED))
    assert back.status is S.PROCESSING


# --- due dates, extension, overdue -----------------------------------------------------------------


def test_extension_changes_the_due_date_but_not_the_original_one() -> None:
    events = history(K.TRANSFERRED)
    new_due = datetime(2025, 12, 5, 16, 0)
    extended = then(K.EXTENDED, events[-1], {"new_due_at": new_due.isoformat()})
    state = _fold([*events, extended])
    assert state.due_at == new_due
    assert state.original_due_at == DUE_AT
    assert state.status is S.PROCESSING


def test_second_extension_replaces_the_first_and_original_still_stays() -> None:
    events = history(K.TRANSFERRED)
    one = then(K.EXTENDED, events[-1], {"new_due_at": "2025-12-05T16:00:00"})
    two = then(K.EXTENDED, one, {"new_due_at": "2025-12-10T16:00:00"})
    state = _fold([*events, one, two])
    assert state.due_at == datetime(2025, 12, 10, 16, 0)
    assert state.original_due_at == DUE_AT


AFTER_DUE = DUE_AT + timedelta(days=3)


@pytest.mark.parametrize(
    "kinds",
    [(), (K.TRANSFERRED,)],
    ids=["received", "processing"],
)
def test_open_dossier_past_its_due_time_is_overdue(kinds: tuple[EventKind, ...]) -> None:
    state = _fold(history(*kinds))
    assert state.is_overdue(AFTER_DUE)
    assert state.is_overdue(DUE_AT + timedelta(minutes=1))


def test_dossier_is_not_overdue_at_or_before_its_due_time() -> None:
    state = _fold(history(K.TRANSFERRED))
    assert not state.is_overdue(DUE_AT)
    assert not state.is_overdue(DUE_AT - timedelta(hours=5))


def test_extended_dossier_is_judged_against_its_new_due_date() -> None:
    events = history(K.TRANSFERRED)
    extended = then(K.EXTENDED, events[-1], {"new_due_at": (AFTER_DUE + timedelta(days=1)).isoformat()})
    assert not _fold([*events, extended]).is_overdue(AFTER_DUE)


@pytest.mark.parametrize(
    "kinds",
    [
        (K.TRANSFERRED, K.SUPPLEMENT_REQUESTED),
        (K.SUPPLEMENT_REQUESTED,),
        (K.TRANSFERRED, K.RESULT_RECEIVED),
        (K.TRANSFERRED, K.RESULT_RECEIVED, K.RESULT_RETURNED),
        (K.TRANSFERRED, K.STOPPED),
        (K.WITHDRAWN,),
        (K.REFUSED,),
    ],
    ids=["paused-processing", "paused-received", "result-ready", "returned", "stopped", "withdrawn", "refused"],
)
def test_paused_finished_or_returned_dossier_is_never_overdue(kinds: tuple[EventKind, ...]) -> None:
    state = _fold(history(*kinds))
    assert not state.is_overdue(AFTER_DUE)
    assert not state.is_overdue(datetime(2030, 1, 1))


# --- finishing, returning, correcting --------------------------------------------------------------


def test_result_received_sets_the_finish_time_from_its_payload() -> None:
    events = history(K.TRANSFERRED)
    done = then(K.RESULT_RECEIVED, events[-1], {"at": "2025-11-27T15:40:00"})
    state = _fold([*events, done])
    assert state.status is S.RESULT_READY
    assert state.finished_at == datetime(2025, 11, 27, 15, 40)


@pytest.mark.parametrize("kind", [K.REFUSED, K.STOPPED, K.WITHDRAWN])
def test_side_exits_record_when_the_dossier_finished(kind: EventKind) -> None:
    events = history(K.TRANSFERRED)
    end = then(kind, events[-1], {"at": "2025-11-27T08:05:00"})
    state = _fold([*events, end])
    assert state.status is RULES[kind][1]
    assert state.finished_at == datetime(2025, 11, 27, 8, 5)


def test_result_returned_records_when_and_the_citizens_rating() -> None:
    events = history(K.TRANSFERRED, K.RESULT_RECEIVED)
    given_back = then(K.RESULT_RETURNED, events[-1], {"at": "2025-11-28T09:00:00", "rating": "rất hài lòng"})
    state = _fold([*events, given_back])
    assert state.status is S.RETURNED
    assert state.returned_at == datetime(2025, 11, 28, 9, 0)
    assert state.rating == "rất hài lòng"


def test_corrected_detail_keeps_the_old_value_in_the_receipt_and_detail_gives_the_new() -> None:
    events = history(K.TRANSFERRED)
    fix = then(
        K.DETAILS_CORRECTED,
        events[-1],
        {"field": "applicant_name", "old": "Nguyễn Văn Đức", "new": "Nguyễn Văn Đực"},
    )
    state = _fold([*events, fix])
    assert state.received["applicant_name"] == "Nguyễn Văn Đức"
    assert state.detail("applicant_name") == "Nguyễn Văn Đực"
    assert state.detail("applicant_phone") == "0912345678"
    assert state.detail("no_such_detail") is None
    assert state.status is S.PROCESSING


def test_two_corrections_of_one_detail_end_with_the_later_on_every_replica() -> None:
    events = history()
    a = then(K.DETAILS_CORRECTED, events[-1], {"field": "applicant_phone", "new": "0911111111"})
    b = then(K.DETAILS_CORRECTED, a, {"field": "applicant_phone", "new": "0922222222"}, device=DESK_B)
    for order in ([*events, a, b], [b, a, *events], [a, b, *events]):
        assert _fold(order).detail("applicant_phone") == "0922222222"


def test_note_and_correction_are_allowed_after_the_result_is_returned() -> None:
    state = _fold(history(K.TRANSFERRED, K.RESULT_RECEIVED, K.RESULT_RETURNED, K.NOTE, K.DETAILS_CORRECTED))
    assert state.status is S.RETURNED
    assert state.anomalies == ()
    assert state.event_count == 6


# --- determinism -----------------------------------------------------------------------------------


def _desk_story() -> list[Event]:
    """A dossier worked on from two desks, with one conflict and one event from a clock far behind."""
    r = received(device=DESK_A)
    t = then(K.TRANSFERRED, r)
    note_b = then(K.NOTE, t, device=DESK_B)
    ask = then(K.SUPPLEMENT_REQUESTED, note_b, device=DESK_A)
    fix_b = then(K.DETAILS_CORRECTED, ask, device=DESK_B)
    got = then(K.SUPPLEMENT_RECEIVED, fix_b, {"due_at": "2025-12-02T09:15:00"}, device=DESK_A)
    ext = then(K.EXTENDED, got, device=DESK_B)
    pay = then(K.PAYMENT_REQUESTED, ext, device=DESK_A)
    paid = then(K.FEE_PAID, pay, device=DESK_B)
    done = then(K.RESULT_RECEIVED, paid, device=DESK_A)
    back_a = then(K.RESULT_RETURNED, done, {"rating": "hài lòng"}, device=DESK_A)
    back_b = then(K.RESULT_RETURNED, done, {"rating": "không hài lòng"}, device=DESK_B, hlc=back_a.hlc)
    early = then(K.NOTE, r, device=DESK_B, hlc=r.hlc - 3600 * 1000 * ONE_MS)
    return [r, t, note_b, ask, fix_b, got, ext, pay, paid, done, back_a, back_b, early]


STORY = _desk_story()
STORY_STATE = _fold(STORY)


def test_story_folds_to_the_expected_state() -> None:
    state = STORY_STATE
    assert state.status is S.RETURNED
    assert state.rating == "hài lòng"  # DESK_A sorts before DESK_B at the same stamp
    assert state.due_at == DUE_AT + timedelta(days=5)  # the extension came after the supplement
    assert state.original_due_at == DUE_AT
    assert state.fee_paid == 8000
    assert state.detail("applicant_phone") == "0987654321"
    assert state.event_count == len(STORY)
    assert {a.event_id for a in state.anomalies} == {STORY[11].id, STORY[12].id}


@given(st.permutations(STORY))
def test_fold_gives_the_same_state_for_any_permutation_of_the_events(events: list[Event]) -> None:
    assert fold(events) == STORY_STATE


@given(st.data())
def test_events_merged_from_several_desks_give_one_state_in_any_arrival_order(data: st.DataObject) -> None:
    by_desk = {
        desk: sorted((e for e in STORY if e.device_id == desk), key=lambda e: e.device_seq) for desk in (DESK_A, DESK_B)
    }
    # A replica receives each desk's log in pages; pages from the desks interleave arbitrarily.
    queues = {desk: list(events) for desk, events in by_desk.items()}
    arrived: list[Event] = []
    while any(queues.values()):
        desk = data.draw(st.sampled_from([d for d, q in queues.items() if q]))
        page = data.draw(st.integers(1, len(queues[desk])))
        arrived.extend(queues[desk][:page])
        del queues[desk][:page]
    assert len(arrived) == len(STORY)
    assert fold(arrived) == STORY_STATE
    assert fold(by_desk[DESK_B] + by_desk[DESK_A]) == fold(by_desk[DESK_A] + by_desk[DESK_B])


def _conflict_base() -> list[Event]:
    return history(K.TRANSFERRED, K.RESULT_RECEIVED)


@given(st.data())
def test_two_desks_both_returning_the_result_gives_one_return_and_one_anomaly(data: st.DataObject) -> None:
    base = _conflict_base()
    ret_a = then(K.RESULT_RETURNED, base[-1], {"rating": "rất hài lòng"}, device=DESK_A)
    ret_b = then(K.RESULT_RETURNED, base[-1], {"rating": "không hài lòng"}, device=DESK_B, hlc=ret_a.hlc + 7)
    states = [fold(data.draw(st.permutations([*base, ret_a, ret_b]))) for _ in range(3)]
    state = states[0]
    assert state is not None and all(s == state for s in states)
    assert state.status is S.RETURNED
    assert state.rating == "rất hài lòng"
    (anomaly,) = state.anomalies
    assert (anomaly.event_id, anomaly.device_id, anomaly.status_then) == (ret_b.id, DESK_B, S.RETURNED)
    assert "«Đã trả kết quả»" in anomaly.message_vi


@pytest.mark.parametrize(("result_first", "winner"), [(True, S.RESULT_READY), (False, S.STOPPED)])
def test_one_desk_records_the_result_while_another_stops_one_wins_one_anomaly(
    result_first: bool, winner: Status
) -> None:
    base = history(K.TRANSFERRED)
    done = then(K.RESULT_RECEIVED, base[-1], device=DESK_A, hlc=base[-1].hlc + (1 if result_first else 3))
    stop = then(K.STOPPED, base[-1], device=DESK_B, hlc=base[-1].hlc + 2)
    loser = stop if result_first else done
    for order in ([*base, done, stop], [stop, done, *base], [done, *base, stop]):
        state = _fold(order)
        assert state.status is winner
        assert [a.event_id for a in state.anomalies] == [loser.id]


def test_one_desk_returns_while_another_not_yet_synced_stops_the_return_wins() -> None:
    r, t, done = _conflict_base()
    # DESK_B has seen the transfer but not the result, and stops processing a moment after the result.
    stop = then(K.STOPPED, t, device=DESK_B, hlc=done.hlc + 1)
    back = then(K.RESULT_RETURNED, done, device=DESK_A, hlc=done.hlc + 2 * ONE_MS)
    for order in ([r, t, done, stop, back], [back, stop, done, t, r], [stop, r, back, t, done]):
        state = _fold(order)
        assert state.status is S.RETURNED
        (anomaly,) = state.anomalies
        assert (anomaly.event_id, anomaly.kind, anomaly.status_then) == (stop.id, K.STOPPED, S.RESULT_READY)


_FINISHERS = [K.RESULT_RECEIVED, K.STOPPED, K.WITHDRAWN, K.REFUSED]


@given(
    first=st.sampled_from(_FINISHERS),
    second=st.sampled_from(_FINISHERS),
    gap_a=st.integers(1, 10 * ONE_MS),
    gap_b=st.integers(1, 10 * ONE_MS),
    order=st.randoms(use_true_random=False),
)
def test_any_concurrent_conflict_gives_exactly_one_effect_and_one_anomaly_on_every_order(
    first: EventKind, second: EventKind, gap_a: int, gap_b: int, order: random.Random
) -> None:
    base = history(K.TRANSFERRED)
    a = then(first, base[-1], device=DESK_A, hlc=base[-1].hlc + gap_a)
    b = then(second, base[-1], device=DESK_B, hlc=base[-1].hlc + gap_b)
    events = [*base, a, b]
    winner, loser = sorted([a, b], key=lambda e: e.sort_key)
    reference = _fold(events)
    assert reference.status is RULES[winner.kind][1]
    assert [x.event_id for x in reference.anomalies] == [loser.id]
    shuffled = list(events)
    order.shuffle(shuffled)
    assert fold(shuffled) == reference


def test_events_sorting_before_the_receipt_become_anomalies_not_lost() -> None:
    # DESK_A's clock is a year ahead; DESK_B capped the receipt's stamp and its own events sort earlier.
    r = received(device=DESK_A)
    year = 365 * 24 * 3600 * 1000 * ONE_MS
    t_b = then(K.TRANSFERRED, r, device=DESK_B, hlc=r.hlc - year)
    note_b = then(K.NOTE, t_b, device=DESK_B)
    later = then(K.NOTE, r, device=DESK_A)
    for order in ([r, t_b, note_b, later], [later, note_b, t_b, r]):
        state = _fold(order)
        assert state.status is S.RECEIVED  # the early transfer did not move the status
        assert state.event_count == 4
        assert [a.event_id for a in state.anomalies] == [t_b.id, note_b.id]
        assert all(a.status_then is None and a.device_id == DESK_B for a in state.anomalies)
        assert "trước khi hồ sơ được tiếp nhận" in state.anomalies[0].message_vi
        assert "chuyển hồ sơ đi xử lý" in state.anomalies[0].message_vi
        assert "before the dossier was received" in state.anomalies[0].message_en


def test_anomaly_is_a_frozen_record() -> None:
    anomaly = Anomaly("e", K.NOTE, DESK_A, None, "vi", "en")
    with pytest.raises(AttributeError):
        anomaly.kind = K.FEE_PAID  # type: ignore[misc]
