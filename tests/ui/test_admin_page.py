"""The administration page: users (add, reset, unlock, deactivate) and the unit's calendar overrides."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desk_app.domain.errors import InvalidInput
from desk_app.domain.work_calendar import CalendarOverride
from desk_app.services.accounts import MAX_FAILURES, LoginRefused, accounts, create_account, deactivate, log_in
from desk_app.services.desk import Desk
from desk_app.ui import i18n
from desk_app.ui.admin_page import AdminPage
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window import ADMIN, HOME, MainWindow
from tests.ui import test_shell_support as support
from tests.ui.test_shell_support import PASSWORD
from tests.ui.typing_helper import type_text

context = support.context
english_qm = support.english_qm
unit_desk = support.unit_desk

ADMIN_NAME = "lan.nt"
THREE_DAYS = "1.000689"  # Đăng ký khai sinh kết hợp nhận cha, mẹ, con: 3 working days
MONDAY = datetime(2026, 12, 7, 9, 0)


def _window(qtbot: QtBot, context: DeskContext, desk: Desk, role: str) -> MainWindow:
    if role == "admin":
        create_account(desk, ADMIN_NAME, "Nguyễn Thị Lan", "admin", PASSWORD)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.build_pages()
    actor = ADMIN_NAME if role == "admin" else "tuan.lm"
    context.actor, context.actor_display, context.role = actor, "Nguyễn Thị Lan", role
    context.set_desk(desk)
    window.set_signed_in()
    return window


def _admin_page(qtbot: QtBot, context: DeskContext, desk: Desk) -> AdminPage:
    window = _window(qtbot, context, desk, "admin")
    assert window.nav_buttons[ADMIN].isVisible()
    qtbot.mouseClick(window.nav_buttons[ADMIN], Qt.MouseButton.LeftButton)
    page = window.pages[ADMIN]
    assert isinstance(page, AdminPage) and window.current_page() == ADMIN
    return page


def _fill_new_user(page: AdminPage, username: str, full_name: str, role: str, password: str, again: str) -> None:
    users = page.users
    for line in (users.new_username, users.new_full_name, users.new_password, users.new_password_again):
        line.clear()
    type_text(users.new_username, username)
    type_text(users.new_full_name, full_name)
    users.new_role.setCurrentIndex(users.new_role.findData(role))
    type_text(users.new_password, password)
    type_text(users.new_password_again, again)
    users.add_button.click()


def test_admin_adds_a_clerk_who_can_then_log_in(qtbot: QtBot, context: DeskContext, unit_desk: Desk) -> None:
    page = _admin_page(qtbot, context, unit_desk)
    assert page.users.row_of("tuan.lm")[:4] == ["tuan.lm", "Lê Minh Tuấn", "Cán bộ một cửa", "Có"]
    _fill_new_user(page, "hoa.tt", "Trần Thị Hoa", "clerk", "Hoa-mật-khẩu-1", "Hoa-mật-khẩu-1")
    assert page.users.message_text() == "Đã thêm người dùng hoa.tt"
    assert page.users.row_of("hoa.tt") == ["hoa.tt", "Trần Thị Hoa", "Cán bộ một cửa", "Có", ""]
    assert page.users.new_username.text() == ""
    account = log_in(unit_desk, "hoa.tt", "Hoa-mật-khẩu-1")
    assert (account.full_name, account.role.value) == ("Trần Thị Hoa", "clerk")


def test_duplicate_user_name_short_or_mismatched_password_are_refused_with_the_message(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    page = _admin_page(qtbot, context, unit_desk)
    _fill_new_user(page, "tuan.lm", "Lê Minh Tuấn", "clerk", PASSWORD, PASSWORD)
    assert page.users.message_text() == "Tên đăng nhập «tuan.lm» đã có người dùng"
    _fill_new_user(page, "hoa.tt", "Trần Thị Hoa", "leader", "ngắn", "ngắn")
    assert page.users.message_text() == "Mật khẩu phải có ít nhất 8 ký tự"
    _fill_new_user(page, "", "", "leader", "Mật-khẩu-dài-1", "Mật-khẩu-dài-2")
    assert page.users.message_text() == "Hai lần nhập mật khẩu không khớp nhau"
    assert [account.username for account in accounts(unit_desk)] == [ADMIN_NAME, "tuan.lm"]


def test_a_refusal_is_shown_in_english_when_the_window_is_in_english(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path
) -> None:
    page = _admin_page(qtbot, context, unit_desk)
    context.language = "en"
    assert i18n.set_language("en")
    assert page.tabs.tabText(0) == "Users"
    assert page.users.add_button.text() == "Add user"
    _fill_new_user(page, "hoa.tt", "Trần Thị Hoa", "clerk", "short", "short")
    assert page.users.message_text() == "The password must have at least 8 characters"
    _fill_new_user(page, "", "", "clerk", "long-enough-1", "long-enough-2")
    assert page.users.message_text() == "The two passwords do not match"


def test_unlock_clears_the_lock_made_by_five_failed_log_ins(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginRefused):
            log_in(unit_desk, "tuan.lm", "sai-mật-khẩu")
    with pytest.raises(LoginRefused, match="khóa"):
        log_in(unit_desk, "tuan.lm", PASSWORD)
    page = _admin_page(qtbot, context, unit_desk)
    assert page.users.row_of("tuan.lm")[4] != ""  # "locked until" shows the time
    page.users.select("tuan.lm")
    page.users.unlock_button.click()
    assert page.users.message_text() == "Đã mở khóa tài khoản tuan.lm"
    assert page.users.row_of("tuan.lm")[4] == ""
    assert log_in(unit_desk, "tuan.lm", PASSWORD).username == "tuan.lm"


def test_reset_password_lets_the_clerk_in_with_the_new_one_only(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    page = _admin_page(qtbot, context, unit_desk)
    page.users.select("tuan.lm")
    type_text(page.users.reset_password, "Mật-khẩu-mới-2027")
    type_text(page.users.reset_password_again, "Mật-khẩu-mới-2027")
    page.users.reset_button.click()
    assert page.users.message_text() == "Đã đặt lại mật khẩu của tuan.lm"
    assert log_in(unit_desk, "tuan.lm", "Mật-khẩu-mới-2027").username == "tuan.lm"
    with pytest.raises(LoginRefused):
        log_in(unit_desk, "tuan.lm", PASSWORD)


def test_admin_deactivates_a_clerk_but_not_themselves(qtbot: QtBot, context: DeskContext, unit_desk: Desk) -> None:
    page = _admin_page(qtbot, context, unit_desk)
    page.users.select(ADMIN_NAME)
    page.users.deactivate_button.click()
    assert page.users.message_text() == "Không thể ngừng hoạt động tài khoản của chính mình"
    assert page.users.row_of(ADMIN_NAME)[3] == "Có"
    page.users.select("tuan.lm")
    page.users.deactivate_button.click()
    assert page.users.message_text() == "Đã ngừng hoạt động tài khoản tuan.lm"
    assert page.users.row_of("tuan.lm")[3] == "Không"
    with pytest.raises(LoginRefused):
        log_in(unit_desk, "tuan.lm", PASSWORD)


def test_deactivate_refuses_an_unknown_account(unit_desk: Desk) -> None:
    with pytest.raises(InvalidInput, match="Không có tài khoản «ai.do»"):
        deactivate(unit_desk, "ai.do", by="admin")


@pytest.mark.parametrize("role", ["clerk", "leader"])
def test_clerk_and_leader_do_not_see_the_admin_entry_and_the_page_refuses_them(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, role: str
) -> None:
    window = _window(qtbot, context, unit_desk, role)
    assert not window.nav_buttons[ADMIN].isVisible()
    assert window.nav_buttons[HOME].isVisible()
    page = window.pages[ADMIN]
    assert isinstance(page, AdminPage)
    window.show_admin()  # reached anyway (e.g. a stale shortcut): the page itself refuses
    assert page.tabs.isHidden() and not page.refusal.isHidden()
    assert "Chỉ tài khoản quản trị" in page.refusal.text()
    assert page.users.accounts == []


def test_adding_a_day_off_moves_a_due_date_across_it_and_removing_it_moves_it_back(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    assert unit_desk.due_at(THREE_DAYS, MONDAY) == datetime(2026, 12, 10, 9, 0)
    page = _admin_page(qtbot, context, unit_desk)
    panel = page.calendar
    panel.day.setDate(QDate(2026, 12, 8))
    assert panel.day_status.text() == "Ngày làm việc"
    panel.kind.setCurrentIndex(panel.kind.findData(False))
    type_text(panel.reason, "Nghỉ thêm theo quyết định của tỉnh")
    type_text(panel.source, "Quyết định 15/QĐ-UBND")
    panel.add_button.click()
    assert panel.message_text() == "Đã lưu Ngày nghỉ 08/12/2026"
    assert panel.day_status.text() == "Ngày nghỉ: Nghỉ thêm theo quyết định của tỉnh"
    panel.year.setValue(2026)
    row = [panel.table.item(0, column).text() for column in range(4)]
    assert row == ["08/12/2026", "Ngày nghỉ", "Nghỉ thêm theo quyết định của tỉnh", "Quyết định 15/QĐ-UBND"]
    assert unit_desk.due_at(THREE_DAYS, MONDAY) == datetime(2026, 12, 11, 9, 0)
    panel.select(date(2026, 12, 8))
    panel.remove_button.click()
    assert panel.message_text() == "Đã xóa ngày 08/12/2026 khỏi lịch"
    assert panel.table.rowCount() == 0
    assert unit_desk.due_at(THREE_DAYS, MONDAY) == datetime(2026, 12, 10, 9, 0)


def test_a_make_up_saturday_becomes_a_working_day_and_holidays_keep_their_names(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    page = _admin_page(qtbot, context, unit_desk)
    panel = page.calendar
    panel.day.setDate(QDate(2026, 9, 2))
    assert panel.day_status.text() == "Ngày nghỉ: Quốc khánh"
    panel.day.setDate(QDate(2026, 12, 12))
    assert panel.day_status.text() == "Ngày nghỉ: Thứ Bảy"
    panel.kind.setCurrentIndex(panel.kind.findData(True))
    type_text(panel.reason, "Làm bù cho ngày nghỉ 08/12/2026")
    panel.add_button.click()
    assert panel.day_status.text() == "Ngày làm việc (Làm bù cho ngày nghỉ 08/12/2026)"
    assert unit_desk.calendar().is_working_day(date(2026, 12, 12))
    # Wednesday 09:00 + 3 working days: Thursday, Friday, then the make-up Saturday (not Monday)
    assert unit_desk.due_at(THREE_DAYS, datetime(2026, 12, 9, 9, 0)) == datetime(2026, 12, 12, 9, 0)
    assert [item.day for item in panel.shown()] == [date(2026, 12, 12)]  # library days are not listed


def test_an_override_without_a_reason_is_refused_and_nothing_is_saved(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    page = _admin_page(qtbot, context, unit_desk)
    panel = page.calendar
    panel.day.setDate(QDate(2026, 12, 8))
    panel.add_button.click()
    assert "Lý do" in panel.message_text()
    assert unit_desk.calendar().is_working_day(date(2026, 12, 8))


def test_the_provinces_days_are_listed_read_only_and_the_units_own_day_wins(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    province = [
        CalendarOverride(date(2026, 12, 8), False, "Nghỉ theo quyết định của tỉnh", "Quyết định 15/QĐ-UBND"),
        CalendarOverride(date(2026, 12, 9), False, "Nghỉ bù theo tỉnh", "Quyết định 15/QĐ-UBND"),
    ]
    unit_desk.set_calendar_overrides(province, published=True)
    unit_desk.set_calendar_overrides([CalendarOverride(date(2026, 12, 9), True, "Xã vẫn làm việc", "")])
    page = _admin_page(qtbot, context, unit_desk)
    panel = page.calendar
    panel.year.setValue(2026)
    listed = [panel.province_table.item(row, 0).text() for row in range(panel.province_table.rowCount())]
    assert listed == ["08/12/2026", "09/12/2026"]
    assert [item.day for item in panel.shown()] == [date(2026, 12, 9)]  # only the unit's own are editable
    panel.day.setDate(QDate(2026, 12, 9))
    assert panel.day_status.text() == "Ngày làm việc (Xã vẫn làm việc)"
    panel.day.setDate(QDate(2026, 12, 8))
    assert panel.day_status.text() == "Ngày nghỉ: Nghỉ theo quyết định của tỉnh"
