"""The desk's reports as PDF: the period report per procedure and the end-of-day summary.

The period report is a landscape A4 table (one row per procedure, then the total, in the national
index's groups: see :mod:`desk_app.services.reports`) under the official header, followed by a bar
chart of the dossiers finished early / on time / late per procedure. The chart is drawn with the
composer's own lines, so it pages like the rest and prints well on the desk's black-and-white printer:
early is a solid bar, on time a hatched bar, late an empty outlined bar; bars are labelled with their
value and grouped under the row number of the table ("TT").

The end-of-day summary is one portrait A4 page: received today by procedure, returned today, due on
the next working day, overdue now and the events not yet synced to the centre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.units import mm

from desk_app.domain.text import clean
from desk_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC
from desk_app.printing.forms import compose, head, render_pdf, write_form
from desk_app.printing.layout import Column, Composer, page_spec, text_width
from desk_app.printing.register import REGISTER_SPEC

TOTAL_LABEL = "Tổng cộng"


@dataclass(frozen=True)
class ReportRow:
    """The counts of one procedure (or of all, in the total row) over a period."""

    procedure_code: str
    procedure_name: str
    received_desk: int = 0
    received_online: int = 0
    received_post: int = 0
    finished_early: int = 0
    finished_on_time: int = 0
    finished_late: int = 0
    in_progress_on_time: int = 0
    in_progress_late: int = 0
    paused: int = 0
    returned: int = 0
    very_satisfied: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    digitised: int = 0

    @property
    def received(self) -> int:
        """Received through every channel."""
        return self.received_desk + self.received_online + self.received_post

    def values(self) -> tuple[int, ...]:
        """The counts in :data:`REPORT_COLUMNS` order (the received total fourth)."""
        return tuple(self.received if name == "received" else getattr(self, name) for name, _ in REPORT_COLUMNS)


#: (field, Vietnamese heading) of each count column, in print order.
REPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("received_desk", "Nhận trực tiếp"),
    ("received_online", "Nhận trực tuyến"),
    ("received_post", "Nhận qua bưu chính"),
    ("received", "Tổng số nhận"),
    ("finished_early", "Đã giải quyết trước hạn"),
    ("finished_on_time", "Đã giải quyết đúng hạn"),
    ("finished_late", "Đã giải quyết quá hạn"),
    ("in_progress_on_time", "Đang giải quyết trong hạn"),
    ("in_progress_late", "Đang giải quyết quá hạn"),
    ("paused", "Tạm dừng"),
    ("returned", "Đã trả kết quả"),
    ("very_satisfied", "Rất hài lòng"),
    ("satisfied", "Hài lòng"),
    ("dissatisfied", "Không hài lòng"),
    ("digitised", "Đã số hóa"),
)


@dataclass(frozen=True)
class PeriodReport:
    """The period report of a unit: one row per procedure (by code) and the total."""

    parent_body: str
    unit_name: str
    place_name: str
    date_from: date
    date_to: date
    printed_at: datetime
    rows: tuple[ReportRow, ...]
    total: ReportRow


@dataclass(frozen=True)
class DayProcedure:
    """Dossiers of one procedure received on the day."""

    procedure_code: str
    procedure_name: str
    received: int


@dataclass(frozen=True)
class DaySummary:
    """The end-of-day summary of a desk."""

    parent_body: str
    unit_name: str
    place_name: str
    day: date
    printed_at: datetime
    received: tuple[DayProcedure, ...]
    returned: int
    next_working_day: date
    due_next_working_day: int
    overdue: int
    unsynced_events: int

    @property
    def received_total(self) -> int:
        """All dossiers received on the day."""
        return sum(p.received for p in self.received)


PERIOD_TITLE = "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"
DAY_TITLE = "BÁO CÁO TỔNG HỢP CUỐI NGÀY"
CHART_TITLE = "Biểu đồ: hồ sơ đã giải quyết trước hạn / đúng hạn / quá hạn theo thủ tục"
SERIES = (("finished_early", "Trước hạn"), ("finished_on_time", "Đúng hạn"), ("finished_late", "Quá hạn"))
COUNT_SHARE = 0.042
PERIOD_COLUMNS = (
    Column("TT", 0.03, "center"),
    Column("Mã TTHC", 0.065, "center"),
    Column("Tên thủ tục hành chính", 0.0),
    *(Column(title, COUNT_SHARE, "center") for _, title in REPORT_COLUMNS),
)
CHART_HEIGHT = 95 * mm
HATCH_STEP = 2.2


def _cells(number: str, row: ReportRow) -> tuple[str, ...]:
    return (number, clean(row.procedure_code), clean(row.procedure_name), *(str(v) for v in row.values()))


def period_table_rows(report: PeriodReport) -> list[tuple[str, ...]]:
    """The table's rows as printed: numbered procedures, then the total row."""
    rows = [_cells(str(i), row) for i, row in enumerate(report.rows, start=1)]
    return rows + [_cells("", report.total)]


def _nice_step(top: int) -> int:
    """A tick step (1, 2, 5, 10, 20, 50…) giving at most six ticks up to ``top``."""
    step, k = 1, 0
    while top / step > 6:
        step = int(step * (2, 2.5, 2)[k % 3])
        k += 1
    return step


def _bar(c: Composer, x: float, width: float, base: float, height: float, style: int) -> None:
    """One bar: an outline; filled solid (style 0), hatched (1) or left empty (2)."""
    top = base + height
    if height <= 0:
        c.lines([(x, base, x + width, base)], width=1.0)
        return
    c.lines([(x, base, x, top), (x, top, x + width, top), (x + width, top, x + width, base)], width=0.6)
    if style == 0:
        c.lines([(x + width / 2, base, x + width / 2, top)], width=width)
    elif style == 1:
        y = base + HATCH_STEP
        hatch = []
        while y < top:
            hatch.append((x, y, x + width, y))
            y += HATCH_STEP
        if hatch:
            c.lines(hatch, width=0.4)


def draw_chart(c: Composer, rows: Sequence[ReportRow]) -> None:
    """The bar chart of finished early / on time / late per procedure, with axis, ticks and legend."""
    size = c.sz(8)
    c.need(CHART_HEIGHT + size * 4)
    c.centered([(CHART_TITLE, SERIF_BOLD)], c.sz(11))
    c.skip(0.3)
    legend_y = c.y - size
    x = c.x0 + c.width * 0.25
    for style, (_, label) in enumerate(SERIES):
        _bar(c, x, size * 1.6, legend_y - size * 0.1, size * 0.9, style)
        c.text(SERIF, size, x + size * 2.2, legend_y, label)
        x += c.width * 0.18
    c.y = legend_y - size * 1.5
    axis_x = c.x0 + size * 4
    base = c.y - CHART_HEIGHT + size * 2.5
    plot_h = c.y - base - size
    top_value = max([getattr(r, f) for r in rows for f, _ in SERIES] + [1])
    step = _nice_step(top_value)
    top_tick = -(-top_value // step) * step
    scale = plot_h / top_tick
    ticks = []
    for value in range(0, top_tick + 1, step):
        y = base + value * scale
        ticks.append((axis_x - 3, y, c.x1, y))
        label = str(value)
        c.text(SERIF, size, axis_x - 5 - text_width(label, SERIF, size), y - size * 0.3, label)
    c.lines(ticks, width=0.2)
    c.lines([(axis_x, base, axis_x, base + plot_h), (axis_x, base, c.x1, base)], width=0.8)
    group = (c.x1 - axis_x) / max(len(rows), 1)
    bar_w = min(group * 0.8 / len(SERIES), 14 * mm)
    for i, row in enumerate(rows):
        left = axis_x + i * group + (group - bar_w * len(SERIES)) / 2
        for style, (name, _) in enumerate(SERIES):
            value = getattr(row, name)
            bx = left + style * bar_w
            _bar(c, bx, bar_w * 0.9, base, value * scale, style)
            if value:
                label = str(value)
                lx = bx + (bar_w * 0.9 - text_width(label, SERIF, size * 0.85)) / 2
                c.text(SERIF, size * 0.85, lx, base + value * scale + size * 0.3, label)
        number = str(i + 1)
        c.text(
            SERIF_BOLD,
            size,
            axis_x + i * group + (group - text_width(number, SERIF_BOLD, size)) / 2,
            base - size * 1.3,
            number,
        )
    c.y = base - size * 2.5
    c.paragraph([("Số dưới mỗi nhóm cột là số thứ tự (TT) của thủ tục trong bảng.", SERIF_ITALIC)], size=size)


def compose_period_report(report: PeriodReport) -> Composer:
    """The period report laid out on landscape A4 pages: header, title, table, total, chart."""
    c = Composer(REGISTER_SPEC, allow_break=True, continuation="continued")
    head(c, report.parent_body, report.unit_name, report.place_name, report.printed_at)
    c.skip(0.6)
    c.centered([(PERIOD_TITLE, SERIF_BOLD)], c.sz(14))
    period = f"Từ ngày {report.date_from:%d/%m/%Y} đến ngày {report.date_to:%d/%m/%Y}"
    c.centered([(period, SERIF_ITALIC)], c.sz(13))
    c.skip(0.5)
    c.table(PERIOD_COLUMNS, period_table_rows(report), size=c.sz(8))
    c.skip(0.4)
    t = report.total
    finished = t.finished_early + t.finished_on_time + t.finished_late
    share = f"{(t.finished_early + t.finished_on_time) * 100 / finished:.1f}%" if finished else "—"
    summary = (
        f"Tổng số hồ sơ tiếp nhận: {t.received}; đã giải quyết: {finished} "
        f"(đúng hạn và trước hạn: {share}); đang giải quyết: {t.in_progress_on_time + t.in_progress_late}; "
        f"tạm dừng: {t.paused}; đã trả kết quả: {t.returned}."
    )
    c.paragraph([(summary, SERIF_BOLD)], size=c.sz(11))
    c.skip(0.8)
    if report.rows:
        draw_chart(c, report.rows)
    return c


def render_period_report(report: PeriodReport) -> bytes:
    """The period report as PDF bytes (landscape A4)."""
    period = f"Từ {report.date_from:%d/%m/%Y} đến {report.date_to:%d/%m/%Y}"
    return render_pdf(
        compose_period_report(report),
        title="Báo cáo tình hình giải quyết hồ sơ",
        code="",
        subject=period,
        author=report.unit_name,
        name="report",
    )


def _day_builder(summary: DaySummary):  # noqa: ANN202 - a build callback for compose()
    def build(c: Composer) -> None:
        head(c, summary.parent_body, summary.unit_name, summary.place_name, summary.printed_at)
        c.skip(0.8)
        c.centered([(DAY_TITLE, SERIF_BOLD)], c.sz(14))
        c.centered([(f"Ngày {summary.day:%d/%m/%Y}", SERIF_ITALIC)], c.sz(13))
        c.skip(0.6)
        c.paragraph([("1. Hồ sơ tiếp nhận trong ngày theo thủ tục:", SERIF_BOLD)])
        columns = (
            Column("TT", 0.07, "center"),
            Column("Mã TTHC", 0.16, "center"),
            Column("Tên thủ tục hành chính", 0.0),
            Column("Số hồ sơ", 0.13, "center"),
        )
        rows = [
            (str(i), clean(p.procedure_code), clean(p.procedure_name), str(p.received))
            for i, p in enumerate(summary.received, start=1)
        ]
        rows.append(("", "", "Tổng cộng", str(summary.received_total)))
        c.table(columns, rows, size=c.sz(11))
        c.skip(0.5)
        lines = (
            f"2. Hồ sơ đã trả kết quả trong ngày: {summary.returned}",
            f"3. Hồ sơ đến hạn trả ngày làm việc tiếp theo ({summary.next_working_day:%d/%m/%Y}): "
            f"{summary.due_next_working_day}",
            f"4. Hồ sơ đang quá hạn: {summary.overdue}",
            f"5. Sự kiện chưa đồng bộ lên trung tâm: {summary.unsynced_events}",
        )
        for line in lines:
            c.paragraph([(line, SERIF)])
        c.skip(0.4)
        c.paragraph([(f"In lúc {summary.printed_at:%H:%M ngày %d/%m/%Y}", SERIF_ITALIC)], size=c.sz(10))

    return build


def render_day_summary(summary: DaySummary) -> bytes:
    """The end-of-day summary as PDF bytes (portrait A4)."""
    return render_pdf(
        compose(page_spec("A4"), _day_builder(summary)),
        title="Báo cáo tổng hợp cuối ngày",
        code="",
        subject=f"Ngày {summary.day:%d/%m/%Y}",
        author=summary.unit_name,
        name="day",
    )


def write_period_report(report: PeriodReport, path: Path) -> Path:
    """Render the period report and write it to ``path`` atomically."""
    return write_form(render_period_report(report), path)


def write_day_summary(summary: DaySummary, path: Path) -> Path:
    """Render the end-of-day summary and write it to ``path`` atomically."""
    return write_form(render_day_summary(summary), path)
