"""The report page: the period report's table and chart, its exports, and who may see it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desk_app.printing.report import REPORT_COLUMNS
from desk_app.services import actions
from desk_app.services.desk import Desk
from desk_app.services.reports import period_report
from desk_app.ui import i18n
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window import HOME, REPORT, MainWindow
from desk_app.ui.report_page import COUNT_FIELDS, ReportPage, ReportTableModel, month_of
from tests.ui import test_shell_support as support

context = support.context
english_qm = support.english_qm
unit_desk = support.unit_desk

MARRIAGE = "2.000815"  # the support's default procedure
BIRTH_WITH_PARENTS = "1.000689"  # 3 working days
START, END = date(2026, 10, 1), date(2026, 10, 31)


def _dossiers(desk: Desk) -> None:
    """Four dossiers in October 2026 over two procedures: finished early, returned, open, late."""
    early = support.receive(desk, "Nguyễn Thị Thu Hương", "038190012345", datetime(2026, 10, 5, 9, 0), MARRIAGE)
    returned = support.receive(desk, "Đặng Văn Đức", "001085004321", datetime(2026, 10, 6, 9, 0), MARRIAGE)
    support.receive(desk, "Phạm Văn Đồng", "038090001234", datetime(2026, 10, 7, 9, 0), BIRTH_WITH_PARENTS)
    late = support.receive(desk, "Lê Thị Mai", "038195006789", datetime(2026, 10, 1, 9, 0), BIRTH_WITH_PARENTS)
    finished = (
        (early, datetime(2026, 10, 5, 15)),
        (returned, datetime(2026, 10, 7, 10)),
        (late, datetime(2026, 10, 20)),
    )
    for code, moment in finished:
        actions.receive_result(desk, _id_of(desk, code), "Công chức Tư pháp - Hộ tịch", "", "tuan.lm", moment)
    actions.return_result(desk, _id_of(desk, returned), "Hài lòng", "tuan.lm", datetime(2026, 10, 8, 9, 0))


def _id_of(desk: Desk, code: str) -> str:
    found = desk.dossier(code)
    assert found is not None, code
    return found[0].dossier_id


def _window(qtbot: QtBot, context: DeskContext, desk: Desk, role: str) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.build_pages()
    context.actor, context.actor_display, context.role = "tuan.lm", "Lê Minh Tuấn", role
    context.set_desk(desk)
    window.set_signed_in()
    return window


def _report_page(qtbot: QtBot, context: DeskContext, desk: Desk, role: str = "leader") -> ReportPage:
    window = _window(qtbot, context, desk, role)
    assert window.nav_buttons[REPORT].isVisible()
    qtbot.mouseClick(window.nav_buttons[REPORT], Qt.MouseButton.LeftButton)
    page = window.pages[REPORT]
    assert isinstance(page, ReportPage) and window.current_page() == REPORT
    page.date_from.setDate(QDate(START.year, START.month, START.day))
    page.date_to.setDate(QDate(END.year, END.month, END.day))
    return page


def test_the_range_defaults_to_the_current_month() -> None:
    assert month_of(date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert month_of(date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))


def test_the_table_columns_follow_the_printed_report() -> None:
    assert COUNT_FIELDS == tuple(name for name, _ in REPORT_COLUMNS)
    model = ReportTableModel()
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headings[2:] == [heading for _, heading in REPORT_COLUMNS]


@pytest.mark.parametrize("role", ["leader", "admin"])
def test_view_shows_the_period_report_with_its_total_in_bold_and_the_chart(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, role: str
) -> None:
    _dossiers(unit_desk)
    page = _report_page(qtbot, context, unit_desk, role)
    page.view_button.click()
    expected = period_report(unit_desk, START, END)
    model = page.model
    assert model.rowCount() == len(expected.rows) + 1 == 3
    last = model.rowCount() - 1
    assert model.is_total(last) and model.data(model.index(last, 1)) == "Tổng cộng"
    assert model.data(model.index(last, 1), Qt.ItemDataRole.FontRole).bold()
    assert model.counts(last) == expected.total.values()
    assert expected.total.received == 4 and expected.total.returned == 1
    assert [model.counts(i) for i in range(last)] == [row.values() for row in expected.rows]
    assert model.data(model.index(0, 1)) == expected.rows[0].procedure_name
    wanted = tuple((r.procedure_code, r.finished_early, r.finished_on_time, r.finished_late) for r in expected.rows)
    assert page.chart.values() == wanted
    assert sum(early + on_time + late for _, early, on_time, late in wanted) == 3
    assert not page.chart.grab().isNull()
    assert "4 hồ sơ tiếp nhận" in page.message_text()


def test_export_writes_a_pdf_and_an_xlsx_where_the_leader_chose(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dossiers(unit_desk)
    page = _report_page(qtbot, context, unit_desk)
    chosen = {"pdf": tmp_path / "bao_cao_thang_10", "xlsx": tmp_path / "bao_cao_thang_10.xlsx"}
    for fmt, target in chosen.items():
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, target=target, **_k: (str(target), ""))
        (page.pdf_button if fmt == "pdf" else page.excel_button).click()
    pdf, xlsx = tmp_path / "bao_cao_thang_10.pdf", tmp_path / "bao_cao_thang_10.xlsx"
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Từ ngày 01/10/2026 đến ngày 31/10/2026" in text
    assert xlsx.read_bytes()[:2] == b"PK"
    assert page.message_text() == f"Đã lưu báo cáo: {xlsx}"


def test_a_cancelled_save_dialog_writes_nothing(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _report_page(qtbot, context, unit_desk)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    page.pdf_button.click()
    assert page.message_text() == "" and list(tmp_path.glob("*.pdf")) == []


def test_a_failed_report_is_told_in_english_when_the_window_is_in_english(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path
) -> None:
    page = _report_page(qtbot, context, unit_desk)
    context.language = "en"
    assert i18n.set_language("en")
    assert page.view_button.text() == "View" and page.pdf_button.text() == "Export PDF"
    assert page.model.headerData(2, Qt.Orientation.Horizontal) == "Received at the desk"
    page.date_from.setDate(QDate(2026, 10, 31))
    page.date_to.setDate(QDate(2026, 10, 1))
    page.view_button.click()
    assert page.message_text().startswith("The report could not be made: ")
    assert page.view_button.isEnabled()


def test_a_clerk_does_not_see_the_entry_and_the_page_refuses_them(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    _dossiers(unit_desk)
    window = _window(qtbot, context, unit_desk, "clerk")
    assert not window.nav_buttons[REPORT].isVisible() and window.nav_buttons[HOME].isVisible()
    page = window.pages[REPORT]
    assert isinstance(page, ReportPage)
    window.show_report()  # reached anyway: the page itself refuses
    assert page.content.isHidden() and not page.refusal.isHidden()
    assert "Chỉ lãnh đạo và quản trị viên" in page.refusal.text()
    page.view()
    assert page.report is None and page.model.rowCount() == 0
