"""The clerk's actions through the dossier page: the buttons a status allows, each dialog, the refusals.

The real page on a real desk in a temporary folder, with a synchronous task runner; Vietnamese is typed
with ``type_text`` one key at a time, Enter and Esc pressed as keys. The page's clock is a fixed value
the tests move (received Monday 2/3/2026 09:15, a 5-working-day procedure due Monday 9/3 09:15).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from desk_app.domain.events import EventKind, Status
from desk_app.domain.intake import IntakeForm, Person
from desk_app.services import actions
from desk_app.services.accounts import create_account
from desk_app.services.desk import Desk
from desk_app.ui import i18n
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_actions import ActionDialog
from desk_app.ui.dossier_page import DossierPage
from desk_app.ui.dossier_timeline import TimelineTableModel
from desk_app.ui.tasks import TaskRunner
from tests.ui import test_shell_support as support
from tests.ui.typing_helper import press, type_text

english_qm = support.english_qm

RECEIVED_AT = datetime(2026, 3, 2, 9, 15)  # Monday
FIVE_DAYS = "1.004884"
APPLICANT = Person("Lê Thị Mai", "038190012345", address="Thôn Yên Lạc, xã Đông Sơn", phone="0912345678")
K = EventKind


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path)
    opened.ensure_demo_unit()
    create_account(opened, "canbo1", "Phạm Văn Bình", "clerk", "mat-khau-dai")
    create_account(opened, "lanhdao", "Trần Quốc Hùng", "leader", "mat-khau-dai")
    yield opened
    opened.close()


@pytest.fixture
def context(qapp: object, desk: Desk) -> DeskContext:
    ctx = DeskContext(TaskRunner(synchronous=True))
    ctx.set_desk(desk)
    ctx.actor, ctx.actor_display, ctx.role = "canbo1", "Phạm Văn Bình", "clerk"
    return ctx


@pytest.fixture
def dossier(desk: Desk) -> str:
    return desk.receive(IntakeForm(APPLICANT, FIVE_DAYS), "canbo1", now=RECEIVED_AT).state.dossier_id


class Clock:
    """The page's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = RECEIVED_AT

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _page(qtbot: QtBot, context: DeskContext, dossier_id: str, clock: Clock) -> DossierPage:
    page = DossierPage(context, now=clock)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.show_dossier(dossier_id)
    return page


def _open(qtbot: QtBot, page: DossierPage, kind: EventKind) -> ActionDialog:
    qtbot.mouseClick(page.action_buttons[kind], Qt.MouseButton.LeftButton)
    dialog = page.action_dialog
    assert dialog is not None and dialog.kind is kind and dialog.isVisible()
    return dialog


def _kinds(desk: Desk, dossier_id: str) -> list[EventKind]:
    return [event.kind for event in desk.dossier(dossier_id)[1]]


def _details(page: DossierPage) -> list[str]:
    model = page.timeline
    return [model.data(model.index(row, TimelineTableModel.DETAILS)) for row in range(model.rowCount())]


def test_a_received_dossier_offers_its_allowed_actions_as_buttons_without_the_extension_for_a_clerk(
    qtbot: QtBot, context: DeskContext, dossier: str, clock: Clock
) -> None:
    page = _page(qtbot, context, dossier, clock)
    assert list(page.action_buttons) == [
        K.SUPPLEMENT_REQUESTED,
        K.REFUSED,
        K.TRANSFERRED,
        K.RESULT_RECEIVED,
        K.PAYMENT_REQUESTED,
        K.FEE_PAID,
        K.STOPPED,
        K.WITHDRAWN,
        K.DETAILS_CORRECTED,
        K.NOTE,
    ]
    assert page.action_buttons[K.REFUSED].text() == "Từ chối hồ sơ"
    assert page.open_action(K.EXTENDED) is None  # no button, no dialog


def test_a_leader_sees_the_extension_and_a_finished_dossier_offers_only_fee_return_correction_and_note(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    context.actor, context.role = "lanhdao", "leader"
    page = _page(qtbot, context, dossier, clock)
    assert K.EXTENDED in page.action_buttons
    actions.receive_result(desk, dossier, "Công chức Địa chính", "", "canbo1", RECEIVED_AT)
    context.dossierChanged.emit(dossier)
    assert list(page.action_buttons) == [K.FEE_PAID, K.RESULT_RETURNED, K.DETAILS_CORRECTED, K.NOTE]


def test_supplement_requested_then_received_through_the_dialogs_recomputes_the_due_date_over_the_weekend(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    page = _page(qtbot, context, dossier, clock)
    clock.now = datetime(2026, 3, 5, 10, 0)  # Thursday
    dialog = _open(qtbot, page, K.SUPPLEMENT_REQUESTED)
    items = dialog.widgets["items"]
    assert isinstance(items, QPlainTextEdit)
    assert dialog.line("contact").text() == "Phạm Văn Bình"
    type_text(items, "Bản sao Giấy khai sinh\nGiấy xác nhận cư trú")
    type_text(dialog.line("reason"), "Thiếu giấy tờ chứng minh nơi cư trú")
    with qtbot.waitSignal(page.formRequested, timeout=1000) as printed:
        press(dialog.line("reason"), Qt.Key.Key_Return)
    assert printed.args == [dossier, "supplement_requested"]
    assert not dialog.isVisible() and page.status_badge.text() == "Yêu cầu bổ sung giấy tờ"
    assert "Cần bổ sung: Bản sao Giấy khai sinh, Giấy xác nhận cư trú" in _details(page)[-1]
    assert list(page.action_buttons) == [K.SUPPLEMENT_RECEIVED, K.REFUSED, K.FEE_PAID, K.STOPPED, K.WITHDRAWN,
                                         K.DETAILS_CORRECTED, K.NOTE]  # fmt: skip

    clock.now = datetime(2026, 3, 9, 10, 0)  # the next Monday
    dialog = _open(qtbot, page, K.SUPPLEMENT_RECEIVED)
    press(dialog.line("note"), Qt.Key.Key_Return)
    state = desk.dossier(dossier)[0]
    assert state.status is Status.RECEIVED and state.due_at == datetime(2026, 3, 11, 9, 15)
    assert page.detail_texts()["Hẹn trả"].startswith("11/03/2026 09:15")
    assert "Tính lại sau khi bổ sung hồ sơ" in page.detail_texts()["Hẹn trả"]


def test_a_refusal_by_the_state_machine_is_shown_in_the_dialog_which_keeps_what_was_typed(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    page = _page(qtbot, context, dossier, clock)
    dialog = _open(qtbot, page, K.TRANSFERRED)
    actions.refuse(desk, dossier, "Không thuộc thẩm quyền", "canbo2", RECEIVED_AT)  # meanwhile, at another desk
    type_text(dialog.line("to_unit"), "Công chức Tư pháp - Hộ tịch")
    press(dialog.line("to_unit"), Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.error_label.isHidden()
    assert dialog.error_label.text().startswith(
        "Không thể chuyển hồ sơ đi xử lý: hồ sơ đang ở trạng thái «Không được tiếp nhận»"
    )
    assert dialog.line("to_unit").text() == "Công chức Tư pháp - Hộ tịch" and dialog.ok_button.isEnabled()
    assert _kinds(desk, dossier) == [K.RECEIVED, K.REFUSED]


def test_bad_input_is_refused_in_the_dialog_then_corrected_and_recorded(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    page = _page(qtbot, context, dossier, clock)
    dialog = _open(qtbot, page, K.FEE_PAID)
    type_text(dialog.line("amount"), "mười nghìn")
    press(dialog.line("amount"), Qt.Key.Key_Return)
    assert "Số tiền không hợp lệ" in dialog.error_label.text() and _kinds(desk, dossier) == [K.RECEIVED]
    dialog.line("amount").clear()
    type_text(dialog.line("amount"), "18.000")
    dialog.choose("method", "transfer")
    press(dialog.line("amount"), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert page.detail_texts()["Phí, lệ phí đã nộp"] == "18.000 đồng"
    assert _details(page)[-1] == "Số tiền: 18.000 đồng; Hình thức nộp: chuyển khoản"


def test_escape_cancels_and_writes_nothing(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    page = _page(qtbot, context, dossier, clock)
    dialog = _open(qtbot, page, K.REFUSED)
    type_text(dialog.line("reason"), "Hồ sơ không thuộc thẩm quyền")
    press(dialog.line("reason"), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _kinds(desk, dossier) == [K.RECEIVED]


def test_refuse_stop_and_withdraw_ask_for_their_form(
    qtbot: QtBot, context: DeskContext, desk: Desk, clock: Clock
) -> None:
    for kind, reason, status in (
        (K.REFUSED, "Hồ sơ không thuộc thẩm quyền của xã", "Không được tiếp nhận"),
        (K.STOPPED, "Có tranh chấp, chờ tòa án giải quyết", "Dừng xử lý"),
        (K.WITHDRAWN, "Công dân xin rút để bổ sung sau", "Công dân yêu cầu rút hồ sơ"),
    ):
        dossier = desk.receive(IntakeForm(APPLICANT, FIVE_DAYS), "canbo1", now=RECEIVED_AT).state.dossier_id
        page = _page(qtbot, context, dossier, clock)
        dialog = _open(qtbot, page, kind)
        type_text(dialog.line("reason"), reason)
        with qtbot.waitSignal(page.formRequested, timeout=1000) as printed:
            press(dialog.line("reason"), Qt.Key.Key_Return)
        assert printed.args == [dossier, kind.value]
        assert page.status_badge.text() == status and _details(page)[-1] == f"Lý do: {reason}"


def test_hand_over_result_back_and_return_by_post_with_the_citizens_rating(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    page = _page(qtbot, context, dossier, clock)
    dialog = _open(qtbot, page, K.TRANSFERRED)
    type_text(dialog.line("to_unit"), "Công chức Địa chính - Xây dựng")
    press(dialog.line("to_unit"), Qt.Key.Key_Return)
    assert page.status_badge.text() == "Đang xử lý"
    clock.now = datetime(2026, 3, 4, 15, 0)
    dialog = _open(qtbot, page, K.RESULT_RECEIVED)
    assert dialog.line("from_unit").text() == "Công chức Địa chính - Xây dựng"  # the unit it was handed to
    press(dialog.line("note"), Qt.Key.Key_Return)
    assert page.status_badge.text() == "Đã xử lý xong"
    dialog = _open(qtbot, page, K.RESULT_RETURNED)
    dialog.choose("rating", "Rất hài lòng")
    dialog.choose("delivery", "post")
    type_text(dialog.line("comment"), "Cán bộ hướng dẫn tận tình")
    with qtbot.assertNotEmitted(page.formRequested):
        press(dialog.line("comment"), Qt.Key.Key_Return)
    assert page.status_badge.text() == "Đã trả kết quả"
    assert page.detail_texts()["Đã trả kết quả"] == "04/03/2026 15:00 — Rất hài lòng"
    assert "Hình thức trả: qua bưu chính công ích" in _details(page)[-1]
    assert "Ý kiến: Cán bộ hướng dẫn tận tình" in _details(page)[-1]


def test_a_leader_signs_an_extension_through_the_dialog(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    context.actor, context.actor_display, context.role = "lanhdao", "Trần Quốc Hùng", "leader"
    page = _page(qtbot, context, dossier, clock)
    dialog = _open(qtbot, page, K.EXTENDED)
    assert "Trần Quốc Hùng" in dialog.info_label.text()
    dialog.widgets["new_due_at"].setDateTime(QDateTime(datetime(2026, 3, 12, 9, 15)))
    type_text(dialog.line("reason"), "Cần xác minh nơi cư trú tại xã khác")
    with qtbot.waitSignal(page.formRequested, timeout=1000) as printed:
        press(dialog.line("reason"), Qt.Key.Key_Return)
    assert printed.args == [dossier, "extended"]
    state = desk.dossier(dossier)[0]
    assert state.due_at == datetime(2026, 3, 12, 9, 15)
    assert "Người ký: Trần Quốc Hùng" in _details(page)[-1]


def test_a_clerk_account_is_refused_the_extension_even_if_the_window_thinks_it_a_leader(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    context.role = "leader"  # the account behind "canbo1" is a clerk: the service reads the role itself
    page = _page(qtbot, context, dossier, clock)
    dialog = _open(qtbot, page, K.EXTENDED)
    type_text(dialog.line("reason"), "Cần xác minh")
    press(dialog.line("reason"), Qt.Key.Key_Return)
    assert dialog.error_label.text().startswith("Chỉ lãnh đạo mới được ký gia hạn")
    assert _kinds(desk, dossier) == [K.RECEIVED]


def test_a_correction_starts_from_the_current_value_and_the_timeline_keeps_the_old_one(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    page = _page(qtbot, context, dossier, clock)
    dialog = _open(qtbot, page, K.DETAILS_CORRECTED)
    dialog.choose("field", "applicant_address")
    assert dialog.line("new").text() == "Thôn Yên Lạc, xã Đông Sơn"
    dialog.choose("field", "applicant_phone")
    assert dialog.line("new").text() == "0912345678"
    dialog.line("new").clear()
    type_text(dialog.line("new"), "0987654321")
    type_text(dialog.line("reason"), "Ghi nhầm số điện thoại")
    press(dialog.line("reason"), Qt.Key.Key_Return)
    assert page.detail_texts()["Điện thoại"] == "0987654321"
    assert _details(page)[-1] == "Điện thoại người nộp: 0912345678 → 0987654321; Lý do: Ghi nhầm số điện thoại"


def test_a_note_and_a_payment_request(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    page = _page(qtbot, context, dossier, clock)
    dialog = _open(qtbot, page, K.NOTE)
    type_text(dialog.line("text"), "Công dân hẹn chiều thứ Sáu đến nhận")
    press(dialog.line("text"), Qt.Key.Key_Return)
    assert _details(page)[-1] == "Nội dung: Công dân hẹn chiều thứ Sáu đến nhận"
    dialog = _open(qtbot, page, K.PAYMENT_REQUESTED)
    type_text(dialog.line("amount"), "50.000")
    type_text(dialog.line("reason"), "Lệ phí cấp bản sao trích lục")
    press(dialog.line("reason"), Qt.Key.Key_Return)
    assert page.status_badge.text() == "Yêu cầu thực hiện nghĩa vụ tài chính"


def test_the_dialog_speaks_english_when_the_window_does(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock
) -> None:
    context.language = "en"
    page = _page(qtbot, context, dossier, clock)
    dialog = _open(qtbot, page, K.NOTE)
    assert dialog.windowTitle().startswith("Add a note")
    press(dialog.line("text"), Qt.Key.Key_Return)
    assert dialog.error_label.text() == "The note must not be empty"


def test_dialogs_and_timeline_values_read_in_english_with_the_english_translation(
    qtbot: QtBot, context: DeskContext, desk: Desk, dossier: str, clock: Clock, english_qm: Path
) -> None:
    context.language = "en"
    assert english_qm.exists() and i18n.set_language("en")
    try:
        page = _page(qtbot, context, dossier, clock)
        dialog = _open(qtbot, page, K.FEE_PAID)
        assert dialog.ok_button.text() == "Confirm"
        assert [dialog.combo("method").itemText(i) for i in range(3)] == ["Cash", "Bank transfer", "Online payment"]
        type_text(dialog.line("amount"), "25.000")
        press(dialog.line("amount"), Qt.Key.Key_Return)
        assert _details(page)[-1] == "Amount: 25.000 VND; Payment method: cash"
        dialog = _open(qtbot, page, K.DETAILS_CORRECTED)
        assert dialog.combo("field").itemText(0) == "Submitter's name"
    finally:
        context.language = "vi"
        i18n.set_language("vi")
