"""A dossier's page: header, due-date changes, anomalies, allowed actions, the timeline, the reprint signal.

Dossiers are received and moved along through the real façade in a temporary folder; the task runner
is synchronous. The timeline's lines are also checked as plain data (no widget).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk_app.domain.events import Event, EventKind, Status, new_event_id, utc_now
from desk_app.domain.intake import IntakeForm, Person
from desk_app.services.desk import Desk
from desk_app.store import dossiers
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_page import DossierPage
from desk_app.ui.dossier_timeline import TimelineTableModel, local_time, timeline_entries
from desk_app.ui.tasks import TaskRunner

RECEIVED_AT = datetime(2026, 3, 2, 9, 15)  # a Monday
APPLICANT = Person(
    "Nguyễn Văn Đức", "038190012345", address="Thôn Hiệp Khởi, xã Đông Sơn, tỉnh Thanh Hóa", phone="0912345678"
)
OWNER = Person("Trần Thị Hoa", "001190000001", address="Số 5 phố Hàng Bạc, Hà Nội")


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path)
    opened.ensure_demo_unit()
    yield opened
    opened.close()


@pytest.fixture
def context(qapp: object, desk: Desk) -> DeskContext:
    ctx = DeskContext(TaskRunner(synchronous=True))
    ctx.set_desk(desk)
    return ctx


def _at(hours: float) -> str:
    return (RECEIVED_AT + timedelta(hours=hours)).isoformat()


@pytest.fixture
def handled(desk: Desk) -> str:
    """Received, handed to the civil-status officer, extended, a phone number corrected, a note."""
    state = desk.receive(IntakeForm(APPLICANT, "2.000815", owner=OWNER), "canbo1", now=RECEIVED_AT).state
    desk.record(
        state.dossier_id, EventKind.TRANSFERRED, {"at": _at(1), "to_unit": "Công chức Tư pháp - Hộ tịch"}, "canbo1"
    )
    new_due = (state.due_at + timedelta(days=3)).isoformat()
    extension = {
        "at": _at(5),
        "new_due_at": new_due,
        "reason": "Cần xác minh thông tin nơi sinh",
        "signer": "Trần Quốc Hùng",
    }
    desk.record(state.dossier_id, EventKind.EXTENDED, extension, "canbo2")
    correction = {
        "field": "applicant_phone",
        "old": "0912345678",
        "new": "0987654321",
        "reason": "Ghi nhầm số điện thoại",
    }
    desk.record(state.dossier_id, EventKind.DETAILS_CORRECTED, correction, "canbo1")
    desk.record(state.dossier_id, EventKind.NOTE, {"text": "Công dân hẹn chiều thứ Sáu đến nhận kết quả"}, "canbo1")
    return state.dossier_id


def _page(qtbot: QtBot, context: DeskContext, now: datetime = RECEIVED_AT) -> DossierPage:
    page = DossierPage(context, now=lambda: now)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    return page


def _cells(model: TimelineTableModel, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_timeline_lists_the_events_in_order_with_the_clerks_words(
    qtbot: QtBot, context: DeskContext, desk: Desk, handled: str
) -> None:
    page = _page(qtbot, context)
    page.show_dossier(desk.dossier(handled)[0].code)
    timeline = page.timeline
    assert _cells(timeline, TimelineTableModel.ACTION) == [
        "Tiếp nhận hồ sơ",
        "Chuyển hồ sơ đi xử lý",
        "Gia hạn",
        "Sửa thông tin",
        "Ghi chú",
    ]
    times = _cells(timeline, TimelineTableModel.TIME)
    assert times[:3] == ["02/03/2026 09:15", "02/03/2026 10:15", "02/03/2026 14:15"]
    assert _cells(timeline, TimelineTableModel.ACTOR) == ["canbo1", "canbo1", "canbo2", "canbo1", "canbo1"]
    assert set(_cells(timeline, TimelineTableModel.DEVICE)) == {"Máy này"}
    details = _cells(timeline, TimelineTableModel.DETAILS)
    assert details[1] == "Chuyển đến: Công chức Tư pháp - Hộ tịch"
    assert "Lý do: Cần xác minh thông tin nơi sinh" in details[2] and "Người ký: Trần Quốc Hùng" in details[2]
    assert details[3].startswith("Điện thoại người nộp: 0912345678 → 0987654321")
    assert details[4] == "Nội dung: Công dân hẹn chiều thứ Sáu đến nhận kết quả"


def test_header_shows_who_brought_it_the_owner_and_the_moved_due_date_with_its_reason(
    qtbot: QtBot, context: DeskContext, desk: Desk, handled: str
) -> None:
    state = desk.dossier(handled)[0]
    page = _page(qtbot, context)
    page.show_dossier(handled)
    assert page.code_label.text() == state.code
    assert page.status_badge.text() == "Đang xử lý"
    assert "2.000815" in page.procedure_label.text()
    shown = page.detail_texts()
    assert shown["Người nộp"] == "Nguyễn Văn Đức"
    assert shown["Số CCCD"] == "038190012345"
    assert shown["Điện thoại"] == "0987654321"  # the correction applies
    assert shown["Địa chỉ"] == "Thôn Hiệp Khởi, xã Đông Sơn, tỉnh Thanh Hóa"
    assert shown["Chủ hồ sơ"].startswith("Trần Thị Hoa (001190000001")
    assert shown["Ngày nhận"] == "02/03/2026 09:15"
    assert shown["Hẹn trả"].startswith(f"{state.due_at:%d/%m/%Y %H:%M}")
    assert f"Hẹn ban đầu {state.original_due_at:%d/%m/%Y %H:%M}" in shown["Hẹn trả"]
    assert "Gia hạn: Cần xác minh thông tin nơi sinh" in shown["Hẹn trả"]


def test_a_due_date_changed_at_intake_shows_the_computed_one_and_the_reason(
    qtbot: QtBot, context: DeskContext, desk: Desk
) -> None:
    computed = desk.due_at("2.000815", RECEIVED_AT)
    form = IntakeForm(
        APPLICANT, "2.000815", due_override=computed + timedelta(days=1), due_override_reason="Người ký đi vắng"
    )
    state = desk.receive(form, "canbo1", now=RECEIVED_AT).state
    page = _page(qtbot, context)
    page.show_dossier(state.code)
    due = page.detail_texts()["Hẹn trả"]
    assert f"Theo quy định: {computed:%d/%m/%Y %H:%M}" in due and "Người ký đi vắng" in due


def test_the_overdue_badge_shows_only_once_the_due_time_has_passed(
    qtbot: QtBot, context: DeskContext, desk: Desk, handled: str
) -> None:
    due = desk.dossier(handled)[0].due_at
    early = _page(qtbot, context, now=due - timedelta(minutes=1))
    early.show_dossier(handled)
    assert early.overdue_badge.isHidden()
    late = _page(qtbot, context, now=due + timedelta(minutes=1))
    late.show_dossier(handled)
    assert not late.overdue_badge.isHidden() and late.overdue_badge.text() == "QUÁ HẠN"


def test_anomalies_show_in_a_warning_box_with_their_vietnamese_message(
    qtbot: QtBot, context: DeskContext, desk: Desk, handled: str
) -> None:
    synced = Event(
        id=new_event_id(),
        dossier_id=handled,
        kind=EventKind.RESULT_RETURNED,  # another desk says it returned the result; here it is not ready
        payload={"at": _at(30), "rating": "Hài lòng"},
        actor="canbo9",
        device_id="7d4c0a52-1111-4222-8333-444455556666",
        device_seq=1,
        hlc=2**60,
        recorded_at=utc_now(),
    )
    with desk.db.write() as connection:
        dossiers.append(connection, [synced])
    page = _page(qtbot, context)
    page.show_dossier(handled)
    assert not page.anomaly_box.isHidden()
    assert "Không thể trả kết quả: hồ sơ đang ở trạng thái «Đang xử lý»" in page.anomaly_label.text()
    last = page.timeline.rowCount() - 1
    assert page.timeline.data(page.timeline.index(last, TimelineTableModel.ACTION)) == "Trả kết quả ⚠"
    assert page.timeline.data(page.timeline.index(last, TimelineTableModel.DEVICE)) == "7d4c0a52"
    tooltip = page.timeline.data(page.timeline.index(last, 0), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Không thể trả kết quả")


def test_a_dossier_without_anomalies_shows_no_warning_box(qtbot: QtBot, context: DeskContext, handled: str) -> None:
    page = _page(qtbot, context)
    page.show_dossier(handled)
    assert page.anomaly_box.isHidden()


def test_the_actions_the_status_allows_are_listed_as_text(
    qtbot: QtBot, context: DeskContext, desk: Desk, handled: str
) -> None:
    page = _page(qtbot, context)
    page.show_dossier(handled)
    text = page.actions_label.text()
    assert "Thao tác được phép" in text
    for allowed in ("Nhận kết quả", "Gia hạn", "Yêu cầu bổ sung hồ sơ", "Ghi chú"):
        assert allowed in text
    assert "Trả kết quả" not in text and "Tiếp nhận hồ sơ" not in text
    desk.record(
        handled, EventKind.RESULT_RECEIVED, {"at": _at(48), "from_unit": "Công chức Tư pháp - Hộ tịch"}, "canbo1"
    )
    desk.record(handled, EventKind.RESULT_RETURNED, {"at": _at(50), "rating": "Rất hài lòng"}, "canbo1")
    context.dossierChanged.emit(handled)  # the page follows the change
    assert page.status_badge.text() == "Đã trả kết quả"
    assert page.actions_label.text().endswith("Sửa thông tin, Ghi chú")
    assert page.detail_texts()["Đã trả kết quả"] == "04/03/2026 11:15 — Rất hài lòng"


def test_reprint_button_asks_for_the_slip_of_the_dossier_shown(
    qtbot: QtBot, context: DeskContext, desk: Desk, handled: str
) -> None:
    page = _page(qtbot, context)
    assert not page.reprint_button.isEnabled()
    page.show_dossier(desk.dossier(handled)[0].code)
    with qtbot.waitSignal(page.reprintRequested, timeout=1000) as signal:
        qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    assert signal.args == [handled]
    assert page.reprint_button.text() == "In lại giấy tiếp nhận"


def test_an_unknown_code_says_no_dossier_was_found(qtbot: QtBot, context: DeskContext) -> None:
    page = _page(qtbot, context)
    page.show_dossier("000.00.99.H99-260302-9999")
    assert page.message_label.text() == "Không tìm thấy hồ sơ «000.00.99.H99-260302-9999»"
    assert page.timeline.rowCount() == 0 and not page.reprint_button.isEnabled()


def test_a_late_answer_for_a_dossier_no_longer_asked_for_is_dropped(
    qtbot: QtBot, context: DeskContext, desk: Desk, handled: str
) -> None:
    other = desk.receive(IntakeForm(OWNER, "2.000815"), "canbo1", now=RECEIVED_AT).state
    page = _page(qtbot, context)
    page.show_dossier(handled)
    stale = page._generation
    page.show_dossier(other.dossier_id)
    page.on_loaded(stale, (*desk.dossier(handled), ""))
    assert page.dossier_id == other.dossier_id and page.detail_texts()["Người nộp"] == "Trần Thị Hoa"


def test_an_event_without_a_business_time_shows_its_recording_time_in_vietnam(desk: Desk, handled: str) -> None:
    state, events = desk.dossier(handled)
    note = next(e for e in events if e.kind is EventKind.NOTE)
    assert local_time(note) == note.recorded_at.astimezone(UTC).replace(tzinfo=None) + timedelta(hours=7)
    at_two_utc = Event(**{**note.__dict__, "recorded_at": datetime(2026, 3, 2, 2, 0, tzinfo=UTC)})
    assert local_time(at_two_utc) == datetime(2026, 3, 2, 9, 0)
    entries = timeline_entries([at_two_utc], state, language="en")
    assert entries[0].action == "Add a note" and entries[0].device == at_two_utc.device_id[:8]


def test_status_badge_follows_the_window_language(qtbot: QtBot, context: DeskContext, handled: str) -> None:
    context.language = "en"
    page = _page(qtbot, context)
    page.show_dossier(handled)
    assert page.status_badge.text() == Status.PROCESSING.label_en
    assert (
        page.timeline.data(page.timeline.index(1, TimelineTableModel.ACTION)) == "Hand the dossier over for processing"
    )
