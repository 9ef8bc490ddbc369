"""The register, the period report and the end-of-day summary as ``.xlsx``, opened back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

from desk_app.cli import main
from desk_app.printing.register import RegisterData, RegisterEntry
from desk_app.printing.report import DayProcedure, DaySummary, PeriodReport, ReportRow
from desk_app.services.desk import Desk
from desk_app.services.register import register_data
from desk_app.services.reports import period_report
from desk_app.services.spreadsheets import (
    DATE_TIME_FORMAT,
    REGISTER_FIRST_ENTRY_ROW,
    REGISTER_HEADER_ROW,
    REPORT_FIRST_ROW,
    REPORT_HEADER_ROW,
    day_workbook,
    period_workbook,
    register_workbook,
    write_workbook,
)

UNIT = ("ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Đông Sơn")


def _entry(number: int, name: str, returned: datetime | None) -> RegisterEntry:
    return RegisterEntry(
        number=number,
        dossier_code=f"000.17.22.H56-261103-000{number}",
        procedure_name="Cấp Giấy xác nhận tình trạng hôn nhân",
        dossier_sets=1,
        applicant_name=name,
        applicant_address="Thôn Đông Hưng, xã Đông Sơn",
        applicant_phone="0912345678",
        lead_agency="Công chức Tư pháp - Hộ tịch",
        received_at=datetime(2026, 11, 3, 9, number),
        due_at=datetime(2026, 11, 6, 9, number),
        sent_at=datetime(2026, 11, 3, 10),
        result_received_at=None,
        returned_at=returned,
        note="Trả qua bưu điện" if returned else "",
    )


def test_register_sheet_has_the_books_thirteen_columns_and_one_row_per_entry(tmp_path: Path) -> None:
    data = RegisterData(
        *UNIT,
        volume="01/2026",
        date_from=date(2026, 11, 1),
        date_to=date(2026, 11, 30),
        printed_at=datetime(2026, 11, 30, 17),
        entries=(_entry(1, "Nguyễn Thị Thu Hương", datetime(2026, 11, 5, 8)), _entry(2, "Đặng Văn Đức", None)),
    )
    path = write_workbook(register_workbook(data), tmp_path / "so.xlsx")
    sheet = load_workbook(path).active
    top = [sheet.cell(row, 1).value for row in range(1, 6)]
    assert top == [*UNIT[:2], "SỔ THEO DÕI HỒ SƠ", "Quyển số: 01/2026", "Từ ngày 01/11/2026 đến ngày 30/11/2026"]
    numbers = [sheet.cell(REGISTER_HEADER_ROW + 2, c).value for c in range(1, 14)]
    assert numbers == [f"({i})" for i in range(1, 14)]
    assert sheet.cell(REGISTER_HEADER_ROW, 8).value == "Ngày, tháng, năm"
    assert sheet.cell(REGISTER_HEADER_ROW + 1, 12).value == "Trả kết quả cho cá nhân, tổ chức"
    assert f"H{REGISTER_HEADER_ROW}:L{REGISTER_HEADER_ROW}" in {str(r) for r in sheet.merged_cells.ranges}
    first = [sheet.cell(REGISTER_FIRST_ENTRY_ROW, c).value for c in range(1, 14)]
    assert first[:5] == [
        1,
        "000.17.22.H56-261103-0001",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        1,
        "Nguyễn Thị Thu Hương",
    ]
    assert first[5] == "Thôn Đông Hưng, xã Đông Sơn; 0912345678"
    assert first[7] == datetime(2026, 11, 3, 9, 1) and first[11] == datetime(2026, 11, 5, 8)
    assert sheet.cell(REGISTER_FIRST_ENTRY_ROW, 8).number_format == DATE_TIME_FORMAT
    second = [sheet.cell(REGISTER_FIRST_ENTRY_ROW + 1, c).value for c in range(1, 14)]
    assert second[4] == "Đặng Văn Đức" and second[10] is None and second[11] is None
    assert sheet.cell(REGISTER_FIRST_ENTRY_ROW + 2, 1).value is None  # nothing after the entries but the total
    assert sheet.freeze_panes == f"A{REGISTER_FIRST_ENTRY_ROW}"
    assert sheet.column_dimensions["B"].width >= 20


def test_period_sheet_has_a_row_per_procedure_the_total_and_a_chart() -> None:
    rows = (
        ReportRow("1.001193", "Đăng ký khai sinh", received_desk=5, finished_early=2, finished_on_time=2),
        ReportRow("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", received_online=3, finished_late=1),
    )
    total = ReportRow(
        "", "Tổng cộng", received_desk=5, received_online=3, finished_early=2, finished_on_time=2, finished_late=1
    )
    report = PeriodReport(*UNIT, date(2026, 11, 1), date(2026, 11, 30), datetime(2026, 12, 1, 8), rows, total)
    sheet = period_workbook(report).active
    assert sheet.cell(REPORT_HEADER_ROW, 3).value == "Tên thủ tục hành chính"
    assert sheet.cell(REPORT_HEADER_ROW, 7).value == "Tổng số nhận"
    assert sheet.max_column == 18
    values = [[sheet.cell(r, c).value for c in range(1, 11)] for r in range(REPORT_FIRST_ROW, REPORT_FIRST_ROW + 3)]
    assert values[0] == [1, "1.001193", "Đăng ký khai sinh", 5, 0, 0, 5, 2, 2, 0]
    assert values[1][:7] == [2, "1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", 0, 3, 0, 3]
    assert values[2][2:10] == ["Tổng cộng", 5, 3, 0, 8, 2, 2, 1]
    assert len(sheet._charts) == 1


def test_day_sheet_lists_received_by_procedure_and_the_days_figures() -> None:
    summary = DaySummary(
        *UNIT,
        day=date(2026, 11, 26),
        printed_at=datetime(2026, 11, 26, 17),
        received=(DayProcedure("1.001193", "Đăng ký khai sinh", 4), DayProcedure("1.000656", "Đăng ký khai tử", 1)),
        returned=3,
        next_working_day=date(2026, 11, 27),
        due_next_working_day=2,
        overdue=1,
        unsynced_events=12,
    )
    sheet = day_workbook(summary).active
    cells = {(r, c): sheet.cell(r, c).value for r in range(1, sheet.max_row + 1) for c in range(1, 5)}
    assert cells[(REPORT_FIRST_ROW, 3)] == "Đăng ký khai sinh" and cells[(REPORT_FIRST_ROW, 4)] == 4
    assert cells[(REPORT_FIRST_ROW + 2, 3)] == "Tổng cộng" and cells[(REPORT_FIRST_ROW + 2, 4)] == 5
    figures = {cells[(r, 3)]: cells[(r, 4)] for r in range(REPORT_FIRST_ROW + 3, sheet.max_row + 1)}
    assert figures["Hồ sơ đến hạn trả ngày 27/11/2026"] == 2
    assert figures["Sự kiện chưa đồng bộ lên trung tâm"] == 12


def test_register_and_report_commands_write_xlsx_that_match_the_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--dossiers", "200"]) == 0
    today = date.today()
    start = today - timedelta(days=30)
    register_out = tmp_path / "so_theo_doi.bin"  # the format given, not taken from the suffix
    args = ["--from", start.isoformat(), "--to", today.isoformat()]
    assert main(["--data-dir", str(data), "register", *args, "--format", "xlsx", "--out", str(register_out)]) == 0
    report_out = tmp_path / "bao_cao.xlsx"
    assert main(["--data-dir", str(data), "report", *args, "--out", str(report_out)]) == 0
    desk = Desk.open(data)
    expected = register_data(desk, start, today)
    report = period_report(desk, start, today)
    desk.close()
    with register_out.open("rb") as stream:  # a .bin name: openpyxl reads it from a stream
        sheet = load_workbook(stream).active
    codes = [
        sheet.cell(r, 2).value
        for r in range(REGISTER_FIRST_ENTRY_ROW, sheet.max_row + 1)
        if isinstance(sheet.cell(r, 1).value, int)
    ]
    assert codes == [e.dossier_code for e in expected.entries] and len(codes) > 50
    assert sheet.cell(REGISTER_FIRST_ENTRY_ROW, 8).value == expected.entries[0].received_at
    book = load_workbook(report_out).active
    last = REPORT_FIRST_ROW + len(report.rows)
    assert book.cell(last, 3).value == "Tổng cộng"
    assert [book.cell(last, c).value for c in range(4, 19)] == list(report.total.values())
    assert book.cell(REPORT_FIRST_ROW, 2).value == report.rows[0].procedure_code
