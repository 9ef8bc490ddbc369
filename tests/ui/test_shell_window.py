"""The main window and its home page: figures, latest dossiers, keyboard, status bar, language, pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desk_app.services.desk import Desk
from desk_app.ui import i18n
from desk_app.ui.context import DeskContext
from desk_app.ui.home_page import OVERDUE_COLOUR
from desk_app.ui.main_window import DOSSIER, HOME, INTAKE, LIST, MainWindow, PlaceholderPage, load_page_class
from tests.ui import test_shell_support as support
from tests.ui.test_shell_support import receive, receive_some

# The shared fixtures (see test_shell_support), bound here so pytest finds them.
context = support.context
english_qm = support.english_qm
unit_desk = support.unit_desk


def _window(qtbot: QtBot, context: DeskContext, desk: Desk, actor: str = "tuan.lm") -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.build_pages()
    context.actor, context.actor_display, context.role = actor, "Lê Minh Tuấn", "clerk"
    context.set_desk(desk)
    window.set_signed_in()
    return window


def test_home_shows_todays_figures_of_dossiers_received_through_the_desk(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    receive_some(unit_desk)
    window = _window(qtbot, context, unit_desk)
    tiles = window.home.tiles
    assert tiles["received_today"].value.text() == "2"
    assert tiles["overdue"].value.text() == "1"
    assert tiles["to_return"].value.text() == "0"
    assert tiles["received_today"].caption.text() == "Tiếp nhận hôm nay"
    assert OVERDUE_COLOUR in tiles["overdue"].value.styleSheet()


def test_home_lists_the_latest_dossiers_newest_first_with_the_overdue_one_in_red(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    late, first, second = receive_some(unit_desk)
    window = _window(qtbot, context, unit_desk)
    assert window.home.shown_codes() == [second, first, late]
    table = window.home.table
    assert table is not None
    assert table.item(0, 1).text() == "Đặng Văn Đức"
    assert table.item(2, 5).text() == "Được tiếp nhận — quá hạn"
    assert table.item(2, 0).foreground().color() == QColor(OVERDUE_COLOUR)
    assert table.item(0, 0).foreground().color() != QColor(OVERDUE_COLOUR)


def test_home_follows_a_new_dossier_when_the_context_says_one_changed(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    window = _window(qtbot, context, unit_desk)
    assert window.home.tiles["received_today"].value.text() == "0"
    assert not window.home.empty_label.isHidden()
    code = receive(unit_desk, "Trần Thị Hoa", "001190000001")
    context.dossierChanged.emit("any")
    assert window.home.tiles["received_today"].value.text() == "1"
    assert window.home.shown_codes() == [code]
    assert code.startswith("000.17.22.H56-") and code.endswith("-1001")  # desk 2 numbers from 1001


def test_home_opens_a_dossier_on_enter(qtbot: QtBot, context: DeskContext, unit_desk: Desk) -> None:
    receive_some(unit_desk)
    window = _window(qtbot, context, unit_desk)
    opened: list[str] = []
    context.openDossier.connect(opened.append)
    table = window.home.table
    assert table is not None
    table.itemActivated.emit(table.item(1, 2))
    assert len(opened) == 1 and unit_desk.dossier(opened[0]) is not None


def test_f2_opens_the_intake_page_from_anywhere_and_f3_the_list(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    window = _window(qtbot, context, unit_desk)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_list()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F2)
    assert window.current_page() == INTAKE
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F3)
    assert window.current_page() == LIST
    qtbot.mouseClick(window.nav_buttons[HOME], Qt.MouseButton.LeftButton)
    assert window.current_page() == HOME
    qtbot.mouseClick(window.home.new_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == INTAKE
    assert window.nav_buttons[INTAKE].isChecked()


def test_ctrl_q_closes_the_window(qtbot: QtBot, context: DeskContext, unit_desk: Desk) -> None:
    window = _window(qtbot, context, unit_desk)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_status_bar_shows_the_clerk_the_unsynced_events_and_a_disabled_sync_button(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    receive_some(unit_desk)
    window = _window(qtbot, context, unit_desk)
    assert window.status.clerk_label.text() == "Cán bộ: Lê Minh Tuấn (cán bộ một cửa)"
    assert window.status.unsynced_label.text() == "Chưa đồng bộ: 3 sự kiện"
    assert window.status.last_sync_label.text() == "Chưa đồng bộ lần nào"
    assert not window.status.sync_button.isEnabled()
    assert window.status.sync_button.toolTip() == "Chưa cấu hình máy chủ tỉnh"
    assert window.windowTitle() == "Một Cửa Desk — TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ ĐÔNG SƠN"


def test_switching_to_english_shows_english_strings(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path
) -> None:
    receive_some(unit_desk)
    window = _window(qtbot, context, unit_desk)
    context.language = "en"
    assert i18n.set_language("en")
    assert window.nav_buttons[HOME].text() == "Home"
    assert window.nav_buttons[INTAKE].text() == "New dossier (F2)"
    assert window.home.tiles["overdue"].caption.text() == "Overdue"
    assert window.home.new_button.text() == "Receive a new dossier (F2)"
    assert window.status.unsynced_label.text() == "Not synced: 3 events"
    assert window.status.sync_button.toolTip() == "No provincial server configured"
    assert window.windowTitle().startswith("Một Cửa Desk — ")
    table = window.home.table
    assert table is not None and table.item(2, 5).text() == "Received — overdue"
    i18n.set_language("vi")
    assert window.nav_buttons[HOME].text() == "Trang chủ"


def test_open_dossier_shows_the_dossier_page(qtbot: QtBot, context: DeskContext, unit_desk: Desk) -> None:
    code = receive(unit_desk, "Trần Thị Hoa", "001190000001")
    window = _window(qtbot, context, unit_desk)
    context.openDossier.emit(code)
    assert window.current_page() == DOSSIER
    assert not any(button.isChecked() for button in window.nav_buttons.values())


def test_a_page_whose_module_is_missing_is_a_placeholder_but_a_broken_one_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_page_class("desk_app.ui.no_such_page", "NoSuchPage") is None
    (tmp_path / "shell_broken_page.py").write_text("import shell_missing_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="shell_missing_dependency"):
        load_page_class("shell_broken_page", "BrokenPage")


def test_placeholder_names_its_page(qtbot: QtBot, context: DeskContext) -> None:
    page = PlaceholderPage(lambda: "Tiếp nhận hồ sơ (F2)")
    qtbot.addWidget(page)
    assert page.text().startswith("Tiếp nhận hồ sơ (F2)")


def test_status_bar_shows_the_last_sync_in_local_time(qtbot: QtBot, context: DeskContext, unit_desk: Desk) -> None:
    from datetime import datetime, timedelta, timezone

    from desk_app.store.sync_state import LAST_SYNC_KEY
    from desk_app.store.unit import set_settings

    synced = datetime(2026, 11, 26, 16, 45, tzinfo=timezone(timedelta(hours=7)))
    with unit_desk.db.write() as connection:
        set_settings(connection, {LAST_SYNC_KEY: synced.isoformat()})
    window = _window(qtbot, context, unit_desk)
    assert window.status.last_sync_label.text() == f"Lần đồng bộ cuối: {synced.astimezone():%H:%M %d/%m/%Y}"


def test_an_enrolled_desk_syncs_from_the_status_bar_button_and_warns_of_a_wrong_clock(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from desk_app.services.sync import CLOCK_OFFSET_KEY, TOKEN_KEY
    from desk_app.store.unit import set_settings
    from desk_app.ui import sync_controller

    calls: list[Desk] = []

    def fake_sync(desk: Desk, progress: object) -> SimpleNamespace:
        calls.append(desk)
        return SimpleNamespace(pushed=3, pulled=0, clock_warning=None, touched=[])

    monkeypatch.setattr(sync_controller, "_default_sync", fake_sync)
    receive_some(unit_desk)
    with unit_desk.db.write() as connection:
        set_settings(connection, {TOKEN_KEY: "token-of-this-desk", CLOCK_OFFSET_KEY: 600.0})
    window = _window(qtbot, context, unit_desk)
    status = window.status
    assert status.sync_button.isEnabled()
    assert status.sync_button.toolTip() == "Đồng bộ với trung tâm tỉnh ngay"
    assert status.clock_label.text().startswith("ĐỒNG HỒ MÁY SAI 10 PHÚT (nhanh hơn giờ trung tâm)")

    qtbot.mouseClick(status.sync_button, Qt.MouseButton.LeftButton)
    assert calls == [unit_desk]
    assert status.sync_line.text() == "Đồng bộ xong: gửi 3, nhận 0"
    window.close()
    assert not status.controller.timer.isActive()


def test_reprint_from_the_dossier_page_shows_the_archived_slip_signed_by_the_receiving_clerk(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    from desk_app.services.slips import archive_path

    code = receive(unit_desk, "Trần Thị Hoa", "001190000001")
    window = _window(qtbot, context, unit_desk)
    context.actor_display = "Người Khác"
    context.openDossier.emit(code)
    state = unit_desk.dossier(code)[0]
    assert not archive_path(unit_desk, state).exists()
    window.pages[DOSSIER].reprintRequested.emit(state.dossier_id)
    preview = window.slip_preview
    assert preview is not None and preview.isVisible()
    archived = archive_path(unit_desk, state)
    assert archived.exists()
    from pypdf import PdfReader

    assert "Lê Minh Tuấn" in PdfReader(archived).pages[0].extract_text()
    preview.close()


def test_the_window_makes_todays_backup_of_a_real_unit_once(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    receive_some(unit_desk)
    window = _window(qtbot, context, unit_desk)
    backups = list((unit_desk.data_dir / "backups" / "daily").glob("*-auto.tar"))
    assert len(backups) == 1
    assert "Đã sao lưu dữ liệu hôm nay" in window.status.currentMessage()
    window._start_daily_backup()  # a second call (e.g. the home page reloading) makes no second backup
    assert len(list((unit_desk.data_dir / "backups" / "daily").glob("*-auto.tar"))) == 1


def test_no_dossier_shows_before_a_clerk_signs_in(qtbot: QtBot, context: DeskContext, unit_desk: Desk) -> None:
    receive_some(unit_desk)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.build_pages()
    context.set_desk(unit_desk)  # the data is open and the home page loads behind the log-in dialog…
    qtbot.waitUntil(lambda: not window.home.loading)
    assert not window.stack.isVisible() and not window.home.isVisible()  # …but none of it is on screen
    assert window.locked.isVisible() and window.locked.text() == "Đăng nhập để bắt đầu làm việc"
    assert not window.navigation.isEnabled()
    context.actor, context.actor_display, context.role = "tuan.lm", "Lê Minh Tuấn", "clerk"
    window.set_signed_in()
    assert window.home.isVisible() and not window.locked.isVisible() and window.navigation.isEnabled()
