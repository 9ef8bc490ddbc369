"""The register (Mẫu 07), the period report and the end-of-day summary as ``.xlsx`` workbooks.

The same data as the PDFs (:mod:`desk_app.printing.register`, :mod:`desk_app.printing.report`), for
people who sort, filter and forward the figures to the district or province. The register sheet
keeps the book's look: the unit, the title, the volume and the range in the top rows, the two-level
heading ("Ngày, tháng, năm" spanning (8)–(12)), the column numbers (1)…(13), then one row per entry,
with dates as real Excel date-times shown ``dd/mm/yyyy hh:mm``; the header is frozen. The period
report sheet has one row per procedure, the total row and a bar chart (finished early / on time /
late per procedure). Files are written atomically, like the PDFs.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desk_app.domain.text import clean
from desk_app.printing.layout import write_atomic
from desk_app.printing.register import DATES, GROUP, LAST, REGISTER_TITLE, SPANNING, RegisterData
from desk_app.printing.report import DAY_TITLE, PERIOD_TITLE, REPORT_COLUMNS, TOTAL_LABEL, DaySummary, PeriodReport

DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm"
REGISTER_WIDTHS = (5, 26, 30, 8, 22, 30, 22, 16, 16, 16, 16, 16, 18)
REGISTER_HEADER_ROW = 7
"""First row of the register's two-level heading; the column numbers are two rows below it."""
REGISTER_FIRST_ENTRY_ROW = REGISTER_HEADER_ROW + 3
REPORT_HEADER_ROW = 5
REPORT_FIRST_ROW = REPORT_HEADER_ROW + 1
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_WRAP_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP_TOP = Alignment(vertical="top", wrap_text=True)


def _period(date_from: date, date_to: date) -> str:
    return f"Từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"


def _title_rows(sheet: Worksheet, lines: Sequence[str], width: int) -> None:
    """Centred, bold lines at the top of the sheet, each merged across ``width`` columns."""
    for row, text in enumerate(lines, start=1):
        sheet.cell(row, 1, text).font = Font(bold=True, size=13 if row == 3 else 11)
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _heading(sheet: Worksheet, row: int, column: int, text: str) -> None:
    cell = sheet.cell(row, column, text)
    cell.font, cell.alignment, cell.border = _BOLD, _WRAP_CENTRE, _BOX


def _widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def register_workbook(data: RegisterData) -> Workbook:
    """Mẫu 07 as a workbook of one sheet, "Sổ theo dõi hồ sơ"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ theo dõi hồ sơ"
    columns = len(REGISTER_WIDTHS)
    _title_rows(
        sheet,
        (
            clean(data.parent_body),
            clean(data.unit_name),
            REGISTER_TITLE,
            f"Quyển số: {clean(data.volume)}",
            _period(data.date_from, data.date_to),
        ),
        columns,
    )
    top, sub = REGISTER_HEADER_ROW, REGISTER_HEADER_ROW + 1
    for column, title in [*enumerate(SPANNING, start=1), (columns, LAST)]:
        _heading(sheet, top, column, title)
        _heading(sheet, sub, column, None)
        sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
    _heading(sheet, top, 8, GROUP)
    for column in range(9, 13):
        _heading(sheet, top, column, None)
    sheet.merge_cells(start_row=top, start_column=8, end_row=top, end_column=12)
    for column, title in enumerate(DATES, start=8):
        _heading(sheet, sub, column, title)
    for column in range(1, columns + 1):
        _heading(sheet, sub + 1, column, f"({column})")
    for row, e in enumerate(data.entries, start=REGISTER_FIRST_ENTRY_ROW):
        contact = "; ".join(p for p in (clean(e.applicant_address), clean(e.applicant_phone)) if p)
        values = (
            e.number,
            clean(e.dossier_code),
            clean(e.procedure_name),
            e.dossier_sets,
            clean(e.applicant_name),
            contact,
            clean(e.lead_agency),
            e.received_at,
            e.due_at,
            e.sent_at,
            e.result_received_at,
            e.returned_at,
            clean(e.note),
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column, value)
            cell.border, cell.alignment = _BOX, _WRAP_TOP
            if 8 <= column <= 12:
                cell.number_format = DATE_TIME_FORMAT
    total_row = REGISTER_FIRST_ENTRY_ROW + len(data.entries) + 1
    sheet.cell(total_row, 1, f"Tổng số hồ sơ trong kỳ: {len(data.entries)}").font = _BOLD
    _widths(sheet, REGISTER_WIDTHS)
    sheet.freeze_panes = sheet.cell(REGISTER_FIRST_ENTRY_ROW, 1)
    sheet.print_title_rows = f"{top}:{sub + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    return book


def period_workbook(report: PeriodReport) -> Workbook:
    """The period report as a workbook: the table, the total row and a bar chart under it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    headings = ("TT", "Mã TTHC", "Tên thủ tục hành chính", *(title for _, title in REPORT_COLUMNS))
    _title_rows(
        sheet,
        (clean(report.parent_body), clean(report.unit_name), PERIOD_TITLE, _period(report.date_from, report.date_to)),
        len(headings),
    )
    for column, title in enumerate(headings, start=1):
        _heading(sheet, REPORT_HEADER_ROW, column, title)
    body = [(i, r.procedure_code, r.procedure_name, *r.values()) for i, r in enumerate(report.rows, start=1)]
    body.append((None, None, TOTAL_LABEL, *report.total.values()))
    for row, values in enumerate(body, start=REPORT_FIRST_ROW):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column, value)
            cell.border = _BOX
            cell.alignment = _WRAP_TOP if column == 3 else Alignment(horizontal="center", vertical="top")
            if row == REPORT_FIRST_ROW + len(body) - 1:
                cell.font = _BOLD
    _widths(sheet, (5, 11, 44, *(11,) * len(REPORT_COLUMNS)))
    sheet.row_dimensions[REPORT_HEADER_ROW].height = 48
    sheet.freeze_panes = sheet.cell(REPORT_FIRST_ROW, 4)
    if report.rows:
        _chart(sheet, len(report.rows))
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    return book


def _chart(sheet: Worksheet, count: int) -> None:
    """A clustered bar chart of the three "finished" columns over the procedure rows (by TT)."""
    names = [name for name, _ in REPORT_COLUMNS]
    first = 4 + names.index("finished_early")
    last_row = REPORT_FIRST_ROW + count - 1
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = "Hồ sơ đã giải quyết: trước hạn / đúng hạn / quá hạn"
    chart.y_axis.title = "Số hồ sơ"
    chart.x_axis.title = "TT thủ tục"
    data = Reference(sheet, min_col=first, max_col=first + 2, min_row=REPORT_HEADER_ROW, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=REPORT_FIRST_ROW, max_row=last_row))
    chart.width, chart.height = 26, 11
    sheet.add_chart(chart, f"C{last_row + 4}")


def day_workbook(summary: DaySummary) -> Workbook:
    """The end-of-day summary as a workbook: received by procedure, then the day's other figures."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Cuối ngày"
    _title_rows(
        sheet,
        (clean(summary.parent_body), clean(summary.unit_name), DAY_TITLE, f"Ngày {summary.day:%d/%m/%Y}"),
        4,
    )
    for column, title in enumerate(("TT", "Mã TTHC", "Tên thủ tục hành chính", "Số hồ sơ tiếp nhận"), start=1):
        _heading(sheet, REPORT_HEADER_ROW, column, title)
    rows = [(i, p.procedure_code, p.procedure_name, p.received) for i, p in enumerate(summary.received, start=1)]
    rows.append((None, None, TOTAL_LABEL, summary.received_total))
    figures = (
        ("Hồ sơ đã trả kết quả trong ngày", summary.returned),
        (f"Hồ sơ đến hạn trả ngày {summary.next_working_day:%d/%m/%Y}", summary.due_next_working_day),
        ("Hồ sơ đang quá hạn", summary.overdue),
        ("Sự kiện chưa đồng bộ lên trung tâm", summary.unsynced_events),
    )
    for row, values in enumerate(rows, start=REPORT_FIRST_ROW):
        for column, value in enumerate(values, start=1):
            sheet.cell(row, column, value).border = _BOX
    below = REPORT_FIRST_ROW + len(rows) + 1
    for row, (label, value) in enumerate(figures, start=below):
        sheet.cell(row, 3, label).font = _BOLD
        sheet.cell(row, 4, value)
    _widths(sheet, (5, 11, 60, 20))
    return book


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as ``.xlsx`` bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(book: Workbook, path: Path) -> Path:
    """Write ``book`` to ``path`` atomically (temporary file, fsync, rename)."""
    return write_atomic(workbook_bytes(book), Path(path))
