"""The clerk's actions on a dossier: allowed paths, refusals by status, bad input refused with nothing written.

Every test works on a real desk in a temporary folder; times are fixed (received Monday 2/3/2026
09:15, a 5-working-day procedure due Monday 9/3/2026 09:15).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.domain.errors import DeskError, InvalidInput, TransitionRefused
from desk_app.domain.events import EventKind, Status
from desk_app.domain.intake import IntakeForm, Person
from desk_app.services import actions
from desk_app.services.accounts import create_account
from desk_app.services.desk import Desk

RECEIVED_AT = datetime(2026, 3, 2, 9, 15)  # Monday
FIVE_DAYS = "1.004884"  # 5 working days
APPLICANT = Person("Lê Thị Mai", "038190012345", address="Thôn Yên Lạc, xã Đông Sơn", phone="0912345678")


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path)
    opened.ensure_demo_unit()
    yield opened
    opened.close()


@pytest.fixture
def dossier(desk: Desk) -> str:
    return desk.receive(IntakeForm(APPLICANT, FIVE_DAYS), "canbo1", now=RECEIVED_AT).state.dossier_id


def _events(desk: Desk, dossier_id: str) -> list[EventKind]:
    return [event.kind for event in desk.dossier(dossier_id)[1]]


def _last(desk: Desk, dossier_id: str) -> dict:
    return dict(desk.dossier(dossier_id)[1][-1].payload)


def test_supplement_pauses_the_clock_and_resuming_after_a_weekend_pushes_the_due_date(desk: Desk, dossier: str) -> None:
    assert desk.dossier(dossier)[0].due_at == datetime(2026, 3, 9, 9, 15)
    paused = actions.request_supplement(
        desk,
        dossier,
        ["Bản sao Giấy khai sinh", "  Sổ hộ khẩu  "],
        "Thiếu giấy tờ chứng minh nơi cư trú",
        "Chị Hoa, 0987654321",
        "canbo1",
        now=datetime(2026, 3, 5, 10, 0),  # Thursday
    )
    assert paused.status is Status.AWAITING_SUPPLEMENT and paused.paused_at == datetime(2026, 3, 5, 10, 0)
    assert _last(desk, dossier)["items"] == ["Bản sao Giấy khai sinh", "Sổ hộ khẩu"]
    # Thu 10:00 → Mon 10:00: 5 h Thursday + 8 h Friday + 3 h Monday = 2 working days; the weekend is free
    resumed = actions.receive_supplement(desk, dossier, "canbo1", now=datetime(2026, 3, 9, 10, 0))
    assert resumed.status is Status.RECEIVED and resumed.paused_at is None
    assert resumed.due_at == datetime(2026, 3, 11, 9, 15)
    payload = _last(desk, dossier)
    assert payload["due_at"] == "2026-03-11T09:15:00" and payload["previous_due_at"] == "2026-03-09T09:15:00"
    assert payload["at"] == "2026-03-09T10:00:00"


def test_a_supplement_paused_over_a_weekend_only_keeps_the_due_date(desk: Desk, dossier: str) -> None:
    actions.request_supplement(desk, dossier, ["Tờ khai"], "Thiếu tờ khai", "", "canbo1", datetime(2026, 3, 6, 17, 0))
    resumed = actions.receive_supplement(desk, dossier, "canbo1", now=datetime(2026, 3, 9, 7, 0))
    assert resumed.due_at == datetime(2026, 3, 9, 9, 15)


def test_a_supplement_request_without_any_missing_item_is_refused_and_nothing_is_written(
    desk: Desk, dossier: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        actions.request_supplement(desk, dossier, ["  ", ""], "Thiếu giấy tờ", "", "canbo1", RECEIVED_AT)
    assert "ít nhất một giấy tờ" in caught.value.text("vi") and "at least one" in caught.value.text("en")
    with pytest.raises(InvalidInput, match="Lý do yêu cầu bổ sung không được để trống"):
        actions.request_supplement(desk, dossier, ["Tờ khai"], " ", "", "canbo1", RECEIVED_AT)
    assert _events(desk, dossier) == [EventKind.RECEIVED]


def test_receiving_a_supplement_never_asked_for_is_refused_in_the_clerks_words(desk: Desk, dossier: str) -> None:
    with pytest.raises(TransitionRefused) as caught:
        actions.receive_supplement(desk, dossier, "canbo1", now=RECEIVED_AT)
    assert caught.value.text("vi").startswith("Không thể nhận hồ sơ bổ sung: hồ sơ đang ở trạng thái «Được tiếp nhận»")
    assert _events(desk, dossier) == [EventKind.RECEIVED]


def test_refusal_records_its_reason_and_closes_the_dossier(desk: Desk, dossier: str) -> None:
    state = actions.refuse(desk, dossier, "Hồ sơ không thuộc thẩm quyền của xã", "canbo1", RECEIVED_AT)
    assert state.status is Status.REFUSED and state.finished_at == RECEIVED_AT
    assert _last(desk, dossier) == {
        "at": "2026-03-02T09:15:00",
        "reason": "Hồ sơ không thuộc thẩm quyền của xã",
        "status_before": Status.RECEIVED.value,
    }
    with pytest.raises(TransitionRefused, match="Không thể chuyển hồ sơ đi xử lý: hồ sơ đang ở trạng thái"):
        actions.transfer(desk, dossier, "Công chức Tư pháp - Hộ tịch", "canbo1", RECEIVED_AT)
    with pytest.raises(InvalidInput, match="Lý do từ chối không được để trống"):
        actions.refuse(desk, desk.receive(IntakeForm(APPLICANT, FIVE_DAYS), "canbo1").state.dossier_id, "", "canbo1")


def test_transfer_and_result_received_make_the_control_sheet_rows(desk: Desk, dossier: str) -> None:
    with pytest.raises(InvalidInput, match="Nơi chuyển đến không được để trống"):
        actions.transfer(desk, dossier, "", "canbo1")
    assert _events(desk, dossier) == [EventKind.RECEIVED]
    handed = actions.transfer(desk, dossier, "Công chức Địa chính", "canbo1", datetime(2026, 3, 2, 10, 0))
    assert handed.status is Status.PROCESSING
    back = actions.receive_result(
        desk, dossier, "Công chức Địa chính", "Đã ký xác nhận", "canbo1", datetime(2026, 3, 4, 15, 30)
    )
    assert back.status is Status.RESULT_READY and back.finished_at == datetime(2026, 3, 4, 15, 30)
    assert _last(desk, dossier)["from_unit"] == "Công chức Địa chính"


def test_payment_requested_then_paid_resumes_processing(desk: Desk, dossier: str) -> None:
    actions.transfer(desk, dossier, "Công chức Tư pháp - Hộ tịch", "canbo1", datetime(2026, 3, 2, 10, 0))
    waiting = actions.request_payment(desk, dossier, 18_000, "canbo1", datetime(2026, 3, 2, 11, 0), "Lệ phí")
    assert waiting.status is Status.AWAITING_PAYMENT
    paid = actions.record_fee(desk, dossier, actions.parse_amount("18.000 đ"), "cash", "canbo1", RECEIVED_AT)
    assert paid.status is Status.PROCESSING and paid.fee_paid == 18_000
    assert _last(desk, dossier)["method"] == "cash"


@pytest.mark.parametrize(("amount", "method"), [(0, "cash"), (-5, "cash"), (True, "cash"), (10_000, "bitcoin")])
def test_a_fee_with_a_bad_amount_or_method_is_refused_and_nothing_is_written(
    desk: Desk, dossier: str, amount: int, method: str
) -> None:
    with pytest.raises(InvalidInput):
        actions.record_fee(desk, dossier, amount, method, "canbo1", RECEIVED_AT)
    assert _events(desk, dossier) == [EventKind.RECEIVED]


def test_an_amount_typed_with_letters_is_refused() -> None:
    assert actions.parse_amount("1.250.000") == 1_250_000
    with pytest.raises(InvalidInput, match="Số tiền không hợp lệ"):
        actions.parse_amount("mười nghìn")


def test_only_a_leader_signs_an_extension(desk: Desk, dossier: str) -> None:
    create_account(desk, "canbo1", "Phạm Văn Bình", "clerk", "mat-khau-dai")
    create_account(desk, "lanhdao", "Trần Quốc Hùng", "leader", "mat-khau-dai")
    new_due = datetime(2026, 3, 12, 9, 15)
    with pytest.raises(DeskError) as caught:
        actions.extend(desk, dossier, new_due, "Cần xác minh", "canbo1", "canbo1", RECEIVED_AT)
    assert "Chỉ lãnh đạo mới được ký gia hạn" in caught.value.text("vi")
    assert "Only a leader" in caught.value.text("en")
    assert _events(desk, dossier) == [EventKind.RECEIVED]
    state = actions.extend(desk, dossier, new_due, "Cần xác minh nơi cư trú", "lanhdao", "lanhdao", RECEIVED_AT)
    assert state.due_at == new_due and state.original_due_at == datetime(2026, 3, 9, 9, 15)
    payload = _last(desk, dossier)
    assert payload["signer"] == "Trần Quốc Hùng" and payload["previous_due_at"] == "2026-03-09T09:15:00"


def test_an_extension_must_move_the_due_date_later(desk: Desk, dossier: str) -> None:
    create_account(desk, "lanhdao", "Trần Quốc Hùng", "leader", "mat-khau-dai")
    with pytest.raises(InvalidInput, match="phải sau hạn hiện tại"):
        actions.extend(desk, dossier, datetime(2026, 3, 9, 9, 15), "Cần xác minh", "lanhdao", "lanhdao")
    assert _events(desk, dossier) == [EventKind.RECEIVED]


def test_stop_and_withdraw_end_the_dossier_with_their_reason(desk: Desk, dossier: str) -> None:
    other = desk.receive(IntakeForm(APPLICANT, FIVE_DAYS), "canbo1", now=RECEIVED_AT).state.dossier_id
    assert actions.stop(desk, dossier, "Có tranh chấp đất đai", "canbo1", RECEIVED_AT).status is Status.STOPPED
    assert actions.withdraw(desk, other, "Công dân xin rút", "canbo1", RECEIVED_AT).status is Status.WITHDRAWN
    with pytest.raises(TransitionRefused, match="Không thể rút hồ sơ: hồ sơ đang ở trạng thái «Dừng xử lý»"):
        actions.withdraw(desk, dossier, "Công dân xin rút", "canbo1")


def test_the_result_is_returned_with_the_citizens_rating_and_by_post(desk: Desk, dossier: str) -> None:
    with pytest.raises(TransitionRefused, match="Không thể trả kết quả"):
        actions.return_result(desk, dossier, "Hài lòng", "canbo1", RECEIVED_AT)
    actions.receive_result(desk, dossier, "Công chức Văn hóa - Xã hội", "", "canbo1", RECEIVED_AT)
    with pytest.raises(InvalidInput, match="Đánh giá phải là một trong"):
        actions.return_result(desk, dossier, "Tuyệt vời", "canbo1", RECEIVED_AT)
    with pytest.raises(InvalidInput, match="Hình thức trả kết quả không hợp lệ"):
        actions.return_result(desk, dossier, "Hài lòng", "canbo1", RECEIVED_AT, delivery="drone")
    state = actions.return_result(
        desk, dossier, "Rất hài lòng", "canbo1", datetime(2026, 3, 6, 8, 0), "Cán bộ nhiệt tình", "post"
    )
    assert state.status is Status.RETURNED and state.rating == "Rất hài lòng"
    assert _last(desk, dossier)["delivery"] == "post" and _last(desk, dossier)["comment"] == "Cán bộ nhiệt tình"


def test_a_correction_keeps_the_old_value(desk: Desk, dossier: str) -> None:
    state = actions.correct_detail(desk, dossier, "applicant_phone", "0987 654 321", "canbo1", RECEIVED_AT, "Ghi nhầm")
    assert state.detail("applicant_phone") == "0987654321"
    payload = _last(desk, dossier)
    assert (payload["old"], payload["new"], payload["field"]) == ("0912345678", "0987654321", "applicant_phone")
    renamed = actions.correct_detail(desk, dossier, "applicant_name", "Lê Thị Mây", "canbo1", RECEIVED_AT)
    assert renamed.detail("applicant_name") == "Lê Thị Mây"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("applicant_id_number", "038190012", "ID number"),  # 9 digits is an old ID: accepted below instead
        ("applicant_id_number", "99919001234", "12 digits"),
        ("applicant_phone", "12345", "not valid"),
        ("applicant_name", "Lê Thị 2", "digits"),
        ("received_at", "2026-03-01", "cannot be corrected"),
        ("applicant_phone", "0912345678", "same as the current"),
    ],
)
def test_a_bad_correction_is_refused_and_nothing_is_written(
    desk: Desk, dossier: str, field: str, value: str, message: str
) -> None:
    if value == "038190012":
        actions.correct_detail(desk, dossier, field, value, "canbo1", RECEIVED_AT)  # an old 9-digit ID is fine
        assert _events(desk, dossier)[-1] is EventKind.DETAILS_CORRECTED
        return
    with pytest.raises(InvalidInput) as caught:
        actions.correct_detail(desk, dossier, field, value, "canbo1", RECEIVED_AT)
    assert message in caught.value.text("en")
    assert _events(desk, dossier) == [EventKind.RECEIVED]


def test_a_note_is_kept_and_an_empty_one_refused(desk: Desk, dossier: str) -> None:
    actions.add_note(desk, dossier, "Công dân hẹn chiều thứ Sáu đến nhận", "canbo1", RECEIVED_AT)
    assert _last(desk, dossier) == {"at": "2026-03-02T09:15:00", "text": "Công dân hẹn chiều thứ Sáu đến nhận"}
    with pytest.raises(InvalidInput, match="Nội dung ghi chú không được để trống"):
        actions.add_note(desk, dossier, "   ", "canbo1")
    assert len(_events(desk, dossier)) == 2


def test_an_unknown_dossier_is_named_in_the_refusal(desk: Desk) -> None:
    with pytest.raises(DeskError, match="Không tìm thấy hồ sơ"):
        actions.add_note(desk, "khong-co", "Ghi chú", "canbo1")
