"""The report page's register (Mẫu 07) and end-of-day summary, and the dossier page's control sheet (Mẫu 06)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desk_app.domain.events import EventKind
from desk_app.services.desk import Desk
from desk_app.services.reports import day_summary
from desk_app.services.spreadsheets import REGISTER_FIRST_ENTRY_ROW, REGISTER_HEADER_ROW, SPANNING
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_page import DossierPage
from desk_app.ui.report_page import DAY_FIELDS, chosen_file, day_figures
from tests.ui import test_shell_support as support
from tests.ui.test_report_page import _dossiers, _id_of, _report_page

context = support.context
unit_desk = support.unit_desk

SUMMARY_DAY = date(2026, 10, 7)  # one dossier received, one result back, the October dossiers open


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def _choose(monkeypatch: pytest.MonkeyPatch, target: Path, selected: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), selected))


def test_the_file_format_follows_the_suffix_else_the_chosen_filter() -> None:
    assert chosen_file("/tmp/so.xlsx", "Tệp PDF (*.pdf)") == Path("/tmp/so.xlsx")
    assert chosen_file("/tmp/so.PDF", "") == Path("/tmp/so.PDF")
    assert chosen_file("/tmp/so", "Bảng tính Excel (*.xlsx)") == Path("/tmp/so.xlsx")
    assert chosen_file("/tmp/so.thang10", "") == Path("/tmp/so.thang10.pdf")


def test_the_register_of_the_range_is_written_as_pdf_and_as_xlsx_with_one_row_per_dossier(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dossiers(unit_desk)
    page = _report_page(qtbot, context, unit_desk)
    assert page.register_button.text() == "Xuất sổ theo dõi (Mẫu 07)"
    pdf, xlsx = tmp_path / "so_theo_doi.pdf", tmp_path / "so_theo_doi.xlsx"
    _choose(monkeypatch, pdf)
    page.register_button.click()
    assert page.message_text() == f"Đã lưu báo cáo: {pdf}"
    text = _pdf_text(pdf)
    assert "SỔ THEO DÕI" in text.upper()
    _choose(monkeypatch, xlsx)
    page.register_button.click()
    assert page.message_text() == f"Đã lưu báo cáo: {xlsx}"
    sheet = load_workbook(xlsx).active
    assert [sheet.cell(REGISTER_HEADER_ROW, c).value for c in range(1, len(SPANNING) + 1)] == list(SPANNING)
    codes = [sheet.cell(REGISTER_FIRST_ENTRY_ROW + i, 2).value for i in range(4)]
    assert len(set(codes)) == 4 and all(code and unit_desk.dossier(code) is not None for code in codes)
    assert all(code in text for code in codes)
    assert sheet.cell(REGISTER_FIRST_ENTRY_ROW + 4, 2).value in (None, "")


def test_the_day_summary_shows_the_figures_of_day_summary(qtbot: QtBot, context: DeskContext, unit_desk: Desk) -> None:
    _dossiers(unit_desk)
    page = _report_page(qtbot, context, unit_desk)
    assert page.day_date.date().toPython() == date.today()
    assert page.day_texts() == dict.fromkeys(DAY_FIELDS, "–")
    page.day_date.setDate(QDate(SUMMARY_DAY.year, SUMMARY_DAY.month, SUMMARY_DAY.day))
    page.day_button.click()
    expected = day_figures(day_summary(unit_desk, SUMMARY_DAY))
    assert page.day_texts() == {name: str(value) for name, value in expected.items()}
    assert expected["received"] == 1 and expected["unsynced_events"] > 0
    assert "(1.000689): 1" in page.day_detail.text()
    assert "08/10/2026" in page.day_names["due_next_working_day"].text()


def test_the_day_summary_is_exported_as_pdf_and_as_xlsx(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dossiers(unit_desk)
    page = _report_page(qtbot, context, unit_desk)
    page.day_date.setDate(QDate(SUMMARY_DAY.year, SUMMARY_DAY.month, SUMMARY_DAY.day))
    _choose(monkeypatch, tmp_path / "tong_hop", "Tệp PDF (*.pdf)")
    page.day_export_button.click()
    assert "07/10/2026" in _pdf_text(tmp_path / "tong_hop.pdf")
    _choose(monkeypatch, tmp_path / "tong_hop.xlsx")
    page.day_export_button.click()
    assert load_workbook(tmp_path / "tong_hop.xlsx").active.max_row > 3
    assert page.message_text() == f"Đã lưu báo cáo: {tmp_path / 'tong_hop.xlsx'}"


def test_the_control_sheet_button_appears_after_a_hand_over_and_previews_mau_06(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    context.actor, context.role = "tuan.lm", "clerk"
    context.set_desk(unit_desk)
    code = support.receive(unit_desk, "Nguyễn Thị Thu Hương", "038190012345", datetime(2026, 10, 5, 9, 0))
    dossier_id = _id_of(unit_desk, code)
    page = DossierPage(context, now=lambda: datetime(2026, 10, 5, 10, 0))
    qtbot.addWidget(page)
    page.show()
    page.show_dossier(code)
    assert page.state is not None and page.control_button.isHidden()
    page.print_control_sheet()  # no hand-over yet: nothing to print
    assert page.control_dialog is None
    handed = {"at": "2026-10-05T10:00:00", "to_unit": "Công chức Tư pháp - Hộ tịch"}
    unit_desk.record(dossier_id, EventKind.TRANSFERRED, handed, "tuan.lm")
    context.dossierChanged.emit(dossier_id)
    assert page.control_button.isVisible()
    assert page.control_button.text() == "In phiếu kiểm soát (Mẫu 06)"
    page.control_button.click()
    dialog = page.control_dialog
    assert dialog is not None and "Mẫu 06" in dialog.windowTitle() and code in dialog.windowTitle()
    assert dialog.pdf_path == unit_desk.data_dir / "forms" / "2026" / "10" / f"{code}-mau-06.pdf"
    text = _pdf_text(dialog.pdf_path)
    assert "PHIẾU KIỂM SOÁT" in text and code in text and "Công chức Tư pháp - Hộ tịch" in text
    dialog.close()
