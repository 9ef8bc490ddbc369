"""The admin's backup and scanner panel, and the main window's poll of the scanner folder."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desk_app.services.accounts import create_account
from desk_app.services.backup import backup_folder, keep_days
from desk_app.services.desk import Desk
from desk_app.services.scans import IMPORTED_FOLDER, scanner_folder, scans_of, set_scanner_folder
from desk_app.store.database import DATABASE_FILE
from desk_app.ui import i18n
from desk_app.ui.admin_backup import BackupPanel
from desk_app.ui.admin_page import AdminPage
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window import ADMIN, MainWindow
from tests.ui import test_shell_support as support
from tests.ui.test_shell_support import PASSWORD

context = support.context
english_qm = support.english_qm
unit_desk = support.unit_desk

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _window(qtbot: QtBot, context: DeskContext, desk: Desk, actor: str, role: str) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.build_pages()
    context.actor, context.actor_display, context.role = actor, "Lê Minh Tuấn", role
    context.set_desk(desk)
    window.set_signed_in()
    return window


def _panel(qtbot: QtBot, context: DeskContext, desk: Desk) -> BackupPanel:
    create_account(desk, "lan.nt", "Nguyễn Thị Lan", "admin", PASSWORD)
    window = _window(qtbot, context, desk, "lan.nt", "admin")
    window.show_admin()
    page = window.pages[ADMIN]
    assert isinstance(page, AdminPage)
    assert page.tabs.tabText(2) == "Sao lưu và máy quét"
    return page.backup


def _choose(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    titles: list[str] = []

    def fake(_parent: object, title: str, _start: str = "") -> str:
        titles.append(title)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(fake))
    return titles


def test_backup_folder_and_days_kept_are_saved_and_read_back(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "USB SAO LƯU"
    usb.mkdir()
    panel = _panel(qtbot, context, unit_desk)
    assert panel.backup_line.text() == str(unit_desk.data_dir / "backups" / "daily")
    assert panel.keep_days.value() == 30
    panel.keep_days.setValue(14)
    titles = _choose(monkeypatch, usb)
    panel.choose_backup_button.click()
    assert titles == ["Chọn thư mục sao lưu"]
    assert panel.message_text() == f"Đã lưu: sao lưu vào {usb}, giữ bản tự động 14 ngày"
    assert (backup_folder(unit_desk), keep_days(unit_desk)) == (usb, 14)
    fresh = BackupPanel(context)
    qtbot.addWidget(fresh)
    fresh.refresh()
    assert (fresh.backup_line.text(), fresh.keep_days.value()) == (str(usb), 14)


def test_scanner_folder_is_chosen_then_cleared(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanner = tmp_path / "may-quet"
    scanner.mkdir()
    panel = _panel(qtbot, context, unit_desk)
    assert panel.scanner_line.text() == "" and not panel.clear_scanner_button.isEnabled()
    _choose(monkeypatch, scanner)
    panel.choose_scanner_button.click()
    assert panel.message_text() == f"Đã chọn thư mục máy quét: {scanner}"
    assert scanner_folder(unit_desk) == scanner
    assert panel.scanner_line.text() == str(scanner) and panel.clear_scanner_button.isEnabled()
    panel.clear_scanner_button.click()
    assert panel.message_text() == "Đã bỏ thư mục máy quét"
    assert scanner_folder(unit_desk) is None
    assert panel.scanner_line.text() == ""


def test_backup_now_writes_a_tar_into_the_chosen_folder(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    panel = _panel(qtbot, context, unit_desk)
    _choose(monkeypatch, usb)
    panel.choose_backup_button.click()
    panel.backup_now_button.click()
    written = sorted(usb.glob("desk-backup-*-manual.tar"))
    assert len(written) == 1
    assert panel.message_text() == f"Đã sao lưu vào {written[0]}"
    with tarfile.open(written[0]) as archive:
        assert DATABASE_FILE in archive.getnames()
    assert panel.backup_now_button.isEnabled()


def test_a_failed_backup_says_why_in_english_when_the_window_is_in_english(
    qtbot: QtBot,
    context: DeskContext,
    unit_desk: Desk,
    tmp_path: Path,
    english_qm: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    not_a_folder = tmp_path / "usb-file"
    not_a_folder.write_text("đây là một tệp, không phải thư mục")
    panel = _panel(qtbot, context, unit_desk)
    _choose(monkeypatch, not_a_folder)
    panel.choose_backup_button.click()
    context.language = "en"
    assert i18n.set_language("en")
    assert panel.backup_now_button.text() == "Back up now"
    panel.backup_now_button.click()
    message = panel.message_text()
    assert f"Cannot back up to '{not_a_folder}'" in message and "Không" not in message
    assert list(tmp_path.glob("**/desk-backup-*-manual.tar")) == []


def test_the_poll_imports_a_scan_named_after_a_dossier_and_moves_it_to_da_nhap(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, tmp_path: Path
) -> None:
    code = support.receive(unit_desk, "Nguyễn Thị Thu Hương", "038190012345")
    dossier_id = unit_desk.dossier(code)[0].dossier_id
    scanner = tmp_path / "may-quet"
    scanner.mkdir()
    set_scanner_folder(unit_desk, scanner)
    window = _window(qtbot, context, unit_desk, "tuan.lm", "clerk")
    assert window.scanner_timer.isActive() and window.scanner_timer.interval() == 30_000
    changed: list[str] = []
    context.dossierChanged.connect(changed.append)
    (scanner / f"{code}-giay-khai-sinh.pdf").write_bytes(PDF)
    (scanner / "ghi-chu.txt").write_text("không phải tệp quét")
    window.poll_scanner_folder()
    assert window.status.currentMessage() == "Đã nhập 1 tệp quét"
    assert changed == [dossier_id]
    assert not (scanner / f"{code}-giay-khai-sinh.pdf").exists()
    assert (scanner / IMPORTED_FOLDER / f"{code}-giay-khai-sinh.pdf").read_bytes() == PDF
    assert (scanner / "ghi-chu.txt").exists()
    [scan] = scans_of(unit_desk, dossier_id)
    assert (scan.file_name, scan.actor, scan.media_type) == (f"{code}-giay-khai-sinh.pdf", "tuan.lm", "application/pdf")
    window.status.clearMessage()
    window.poll_scanner_folder()  # nothing new: no message, no signal
    assert window.status.currentMessage() == "" and changed == [dossier_id]


def test_no_poll_runs_without_a_signed_in_clerk_or_after_closing(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, tmp_path: Path
) -> None:
    code = support.receive(unit_desk, "Đặng Văn Đức", "001085004321")
    scanner = tmp_path / "may-quet"
    scanner.mkdir()
    set_scanner_folder(unit_desk, scanner)
    window = MainWindow(context)
    qtbot.addWidget(window)
    context.set_desk(unit_desk)
    assert not window.scanner_timer.isActive()
    (scanner / f"{code}-to-khai.pdf").write_bytes(PDF)
    window.poll_scanner_folder()
    assert (scanner / f"{code}-to-khai.pdf").exists()
    context.actor, context.role = "tuan.lm", "clerk"
    window.set_signed_in()
    assert window.scanner_timer.isActive()
    window.close()
    assert not window.scanner_timer.isActive()
