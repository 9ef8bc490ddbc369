"""The report page ("Báo cáo"): the period report per procedure for leaders and administrators.

A date range (the current month by default) and "Xem" read ``period_report`` off the GUI thread; the
page then shows the table of the national index's groups (one row per procedure, the total in bold)
and a bar chart of the dossiers finished early / on time / late per procedure, drawn with QPainter so
the window needs no QtCharts. "Xuất PDF" / "Xuất Excel" write the same report to a file the leader
chooses, also off the GUI thread. "Xuất sổ theo dõi (Mẫu 07)" writes the register of the range as PDF or
.xlsx (by the chosen file's suffix). "Tổng hợp cuối ngày" reads a day's summary (received by procedure,
returned, due the next working day, overdue now, events not yet synced) into a small grid and "Xuất"
writes it as PDF or .xlsx. The window shows the entry to leaders and admins only; the page
refuses anyone else too, so the rule does not rest on the menu alone.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.context import DeskContext
from desk_app.ui.table_model import Index, NamedColumnsTableModel

if TYPE_CHECKING:
    from desk_app.printing.report import DaySummary, PeriodReport, ReportRow
    from desk_app.services.desk import Desk

REPORT_ROLES = frozenset({"leader", "admin"})
#: The count fields of ``ReportRow`` in the order of ``REPORT_COLUMNS`` (a test keeps them equal).
COUNT_FIELDS = tuple(
    "received_desk received_online received_post received finished_early finished_on_time finished_late"
    " in_progress_on_time in_progress_late paused returned very_satisfied satisfied dissatisfied digitised".split()
)
BAR_COLOURS = (QColor("#2e7d32"), QColor("#1f5fa8"), QColor("#c62828"))  # early, on time, late
COUNT_WIDTH = 50
MESSAGE_STYLE = {True: "color: #1b5e20;", False: "color: #b00020;"}
# The day summary's figures in the grid, in order (``received`` is the total over the procedures).
DAY_FIELDS = ("received", "returned", "due_next_working_day", "overdue", "unsynced_events")


def _count(row: ReportRow, name: str) -> int:
    return row.received if name == "received" else int(getattr(row, name))


class ReportTableModel(NamedColumnsTableModel):
    """The period report's rows: number, procedure, then the counts; the total row last, in bold."""

    NUMBER, PROCEDURE = range(2)
    COLUMN_COUNT = 2 + len(COUNT_FIELDS)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReportRow] = []
        self._total: ReportRow | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read the column titles in the current language."""
        self._headers = (
            self.tr("TT"),
            self.tr("Thủ tục"),
            self.tr("Nhận trực tiếp"),
            self.tr("Nhận trực tuyến"),
            self.tr("Nhận qua bưu chính"),
            self.tr("Tổng số nhận"),
            self.tr("Đã giải quyết trước hạn"),
            self.tr("Đã giải quyết đúng hạn"),
            self.tr("Đã giải quyết quá hạn"),
            self.tr("Đang giải quyết trong hạn"),
            self.tr("Đang giải quyết quá hạn"),
            self.tr("Tạm dừng"),
            self.tr("Đã trả kết quả"),
            self.tr("Rất hài lòng"),
            self.tr("Hài lòng"),
            self.tr("Không hài lòng"),
            self.tr("Đã số hóa"),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._total is not None:
            last = len(self._loaded_rows()) - 1
            self.dataChanged.emit(self.index(last, self.PROCEDURE), self.index(last, self.PROCEDURE))

    def event(self, event: QEvent) -> bool:
        """Follow a language switch (its page sends it on to its children)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().event(event)

    def set_report(self, report: PeriodReport | None) -> None:
        """Show a report's rows and total (nothing for None)."""
        self.beginResetModel()
        self._rows = list(report.rows) if report is not None else []
        self._total = report.total if report is not None else None
        self.endResetModel()

    def _loaded_rows(self) -> list[ReportRow]:
        return self._rows + ([self._total] if self._total is not None else [])

    def is_total(self, row: int) -> bool:
        """Whether ``row`` is the total row."""
        return self._total is not None and row == len(self._rows)

    def counts(self, row: int) -> tuple[int, ...]:
        """The count columns of a row, in ``COUNT_FIELDS`` order."""
        return tuple(_count(self._loaded_rows()[row], name) for name in COUNT_FIELDS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text, its alignment, bold for the total row, the procedure code as a tooltip."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        item = self._loaded_rows()[row]
        total = self.is_total(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NUMBER:
                return "" if total else str(row + 1)
            if column == self.PROCEDURE:
                return self.tr("Tổng cộng") if total else item.procedure_name
            return str(_count(item, COUNT_FIELDS[column - 2]))
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.PROCEDURE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PROCEDURE and not total:
            return f"{item.procedure_code} — {item.procedure_name}"
        return None


class FinishedChart(QWidget):
    """Bars of the dossiers finished early / on time / late, grouped per procedure under its number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: tuple[tuple[str, int, int, int], ...] = ()
        self.setMinimumHeight(220)

    def set_rows(self, rows: tuple[ReportRow, ...]) -> None:
        """Take the per-procedure counts to draw."""
        self._values = tuple((r.procedure_code, r.finished_early, r.finished_on_time, r.finished_late) for r in rows)
        self.update()

    def values(self) -> tuple[tuple[str, int, int, int], ...]:
        """(procedure code, early, on time, late) of each group, in table order."""
        return self._values

    def legend(self) -> tuple[str, str, str]:
        """The three series' names in the current language."""
        return (self.tr("Trước hạn"), self.tr("Đúng hạn"), self.tr("Quá hạn"))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Axis, grouped bars labelled with their values, group numbers, legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, right, top, bottom = 40.0, self.width() - 12.0, line * 2.0 + 8, self.height() - line - 10.0
        self._paint_legend(painter, left, 6.0)
        pen = QPen(QColor("#555"))
        painter.setPen(pen)
        painter.drawLine(int(left), int(top), int(left), int(bottom))
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        if not self._values:
            painter.drawText(
                QRectF(left, top, right - left, bottom - top), Qt.AlignmentFlag.AlignCenter, self.tr("Chưa có số liệu")
            )
            painter.end()
            return
        highest = max(1, *(max(v[1:]) for v in self._values))
        plot = bottom - top - line
        for step in sorted({round(highest * k / 4) for k in range(5)}):
            y = bottom - plot * step / highest
            painter.setPen(QColor("#555"))
            painter.drawText(QRectF(0, y - line / 2, left - 6, line), Qt.AlignmentFlag.AlignRight, str(step))
            if step:
                painter.setPen(QPen(QColor("#e0e0e0")))
                painter.drawLine(int(left) + 1, int(y), int(right), int(y))
        painter.setPen(QColor("#222"))
        small = QFont(painter.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        group = (right - left) / len(self._values)
        bar = max(2.0, min(28.0, group * 0.8 / 3))
        for i, counts in enumerate(self._values):
            x0 = left + group * i + (group - bar * 3) / 2
            for k, value in enumerate(counts[1:]):
                height = plot * value / highest
                box = QRectF(x0 + bar * k, bottom - height, bar - 1, height)
                painter.fillRect(box, QBrush(BAR_COLOURS[k]))
                if value and bar >= 9:
                    painter.setFont(small)
                    label = QRectF(box.x() - 4, box.y() - line, bar + 8, line)
                    painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(value))
                    painter.setFont(self.font())
            painter.drawText(
                QRectF(left + group * i, bottom + 2, group, line), Qt.AlignmentFlag.AlignCenter, str(i + 1)
            )
        painter.end()

    def _paint_legend(self, painter: QPainter, x: float, y: float) -> None:
        size = painter.fontMetrics().height()
        painter.setPen(QColor("#222"))
        painter.drawText(QRectF(x, y, 2000, size), Qt.AlignmentFlag.AlignLeft, self.tr("Hồ sơ đã giải quyết:"))
        x += painter.fontMetrics().horizontalAdvance(self.tr("Hồ sơ đã giải quyết:")) + 12
        for colour, name in zip(BAR_COLOURS, self.legend(), strict=True):
            painter.fillRect(QRectF(x, y + 3, size - 6, size - 6), colour)
            painter.drawText(QRectF(x + size, y, 2000, size), Qt.AlignmentFlag.AlignLeft, name)
            x += size + painter.fontMetrics().horizontalAdvance(name) + 18

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Repaint the legend in the new language."""
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)


def month_of(today: date) -> tuple[date, date]:
    """The first and the last day of ``today``'s month (the page's default range)."""
    first = today.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _report_job(desk: Desk, date_from: date, date_to: date, out: Path | None = None, fmt: str = "pdf") -> Any:
    """Runs off the GUI thread: the period report, or (given ``out``) the PDF / .xlsx file written."""
    from desk_app.services.reports import export_period_report, period_report

    return (
        period_report(desk, date_from, date_to)
        if out is None
        else export_period_report(desk, date_from, date_to, out, fmt)
    )


def _register_job(desk: Desk, date_from: date, date_to: date, out: Path) -> Path:
    """Runs off the GUI thread: the register (Mẫu 07) of the range written as PDF or .xlsx (by suffix)."""
    from desk_app.services.reports import export_register_file

    return export_register_file(desk, date_from, date_to, out)


def _day_job(desk: Desk, day: date, out: Path | None = None) -> Any:
    """Runs off the GUI thread: the day's summary, or (given ``out``) its PDF / .xlsx file written."""
    from desk_app.services.reports import day_summary, export_day_summary

    return day_summary(desk, day) if out is None else export_day_summary(desk, day, out)


def day_figures(summary: DaySummary) -> dict[str, int]:
    """The figures the grid shows, keyed as ``DAY_FIELDS``."""
    return {
        "received": sum(p.received for p in summary.received),
        "returned": summary.returned,
        "due_next_working_day": summary.due_next_working_day,
        "overdue": summary.overdue,
        "unsynced_events": summary.unsynced_events,
    }


def chosen_file(chosen: str, selected_filter: str) -> Path:
    """The file to write: its own suffix when it is .pdf or .xlsx, else the chosen filter's (PDF by default)."""
    out = Path(chosen)
    if out.suffix.lower() in (".pdf", ".xlsx"):
        return out
    return out.with_name(out.name + (".xlsx" if "xlsx" in selected_filter else ".pdf"))


class ReportPage(QWidget):
    """Date range, "Xem", the table and the chart, the two exports; a refusal for clerks."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.report: PeriodReport | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.refusal = QLabel()
        self.refusal.setObjectName("reportRefusal")
        self.refusal.setWordWrap(True)
        first, last = month_of(date.today())
        self.date_from, self.date_to = self._date_edit(first), self._date_edit(last)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.view_button, self.pdf_button, self.excel_button = QPushButton(), QPushButton(), QPushButton()
        self.view_button.setDefault(True)
        self.view_button.clicked.connect(self.view)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.excel_button.clicked.connect(lambda: self.export("xlsx"))
        self.register_button = QPushButton()
        self.register_button.clicked.connect(self.export_register)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._build_day_box()
        self.model = ReportTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        # Narrow count columns under headings wrapped on up to five lines: the whole report fits the width.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(COUNT_WIDTH)
        header.setSectionResizeMode(ReportTableModel.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        small = QFont(header.font())
        small.setPointSizeF(header.font().pointSizeF() * 0.85)
        header.setFont(small)
        header.setMinimumSectionSize(32)
        header.setFixedHeight(QFontMetrics(small).height() * 5 + 8)
        self.table.setColumnWidth(ReportTableModel.NUMBER, 32)
        self.chart = FinishedChart()
        bar = QHBoxLayout()
        tools = (self.from_label, self.date_from, self.to_label, self.date_to, self.view_button, None)
        for widget in (*tools, self.pdf_button, self.excel_button, self.register_button):
            bar.addStretch(1) if widget is None else bar.addWidget(widget)
        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(bar)
        inner.addWidget(self.message)
        inner.addWidget(self.day_box)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setSizes([440, 220])
        inner.addWidget(splitter, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.refusal)
        layout.addWidget(self.content, 1)
        self.retranslate()
        self._apply_role()

    def _build_day_box(self) -> None:
        """The end-of-day summary: a day, "Xem tổng hợp", the figures' grid, "Xuất"."""
        self.day_box = QGroupBox()
        self.day_date = self._date_edit(date.today())
        self.day_label = QLabel()
        self.day_button, self.day_export_button = QPushButton(), QPushButton()
        self.day_button.clicked.connect(self.view_day)
        self.day_export_button.clicked.connect(self.export_day)
        self.day_names = {name: QLabel() for name in DAY_FIELDS}
        self.day_values = {name: QLabel("–") for name in DAY_FIELDS}
        self.day_detail = QLabel()
        self.day_detail.setWordWrap(True)
        self.day_detail.setStyleSheet("color: #555;")
        self.day_summary: DaySummary | None = None
        row = QHBoxLayout()
        for widget in (self.day_label, self.day_date, self.day_button, self.day_export_button):
            row.addWidget(widget)
        row.addStretch(1)
        grid = QGridLayout()
        for i, name in enumerate(DAY_FIELDS):
            self.day_values[name].setObjectName(f"day_{name}")
            self.day_values[name].setStyleSheet("font-weight: bold;")
            grid.addWidget(self.day_names[name], i // 3, (i % 3) * 2)
            grid.addWidget(self.day_values[name], i // 3, (i % 3) * 2 + 1)
        box = QVBoxLayout(self.day_box)
        box.addLayout(row)
        box.addLayout(grid)
        box.addWidget(self.day_detail)

    @staticmethod
    def _date_edit(day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def allowed(self) -> bool:
        """Whether the signed-in account may read the unit's reports (leaders and admins)."""
        return self.context.role in REPORT_ROLES

    def _apply_role(self) -> None:
        allowed = self.allowed()
        self.content.setVisible(allowed)
        self.refusal.setVisible(not allowed)
        if not allowed:
            self.report = None
            self.model.set_report(None)
            self.chart.set_rows(())

    def refresh(self) -> None:
        """Show the page's tools to a leader or an admin, the refusal to anyone else."""
        self._apply_role()

    def period(self) -> tuple[date, date]:
        """The chosen range."""
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def view(self) -> None:
        """Read the period report off the GUI thread and show it."""
        desk = self.context.desk
        if desk is None or not self.allowed():
            self._apply_role()
            return
        date_from, date_to = self.period()
        self.view_button.setEnabled(False)
        self._say(self.tr("Đang lập báo cáo…"), True)
        job = lambda: _report_job(desk, date_from, date_to)  # noqa: E731
        self.context.tasks.read(job, self._show, self._failed, owner=self)

    def _show(self, report: PeriodReport) -> None:
        self.view_button.setEnabled(True)
        self.report = report
        self.model.set_report(report)
        self.chart.set_rows(report.rows)
        self._say(
            self.tr("Báo cáo từ {start} đến {end}: {rows} thủ tục, {received} hồ sơ tiếp nhận").format(
                start=f"{report.date_from:%d/%m/%Y}",
                end=f"{report.date_to:%d/%m/%Y}",
                rows=len(report.rows),
                received=report.total.received,
            ),
            True,
        )

    def export(self, fmt: str) -> None:
        """Ask where to save, then write the report as PDF ("pdf") or Excel ("xlsx") off the GUI thread."""
        desk = self.context.desk
        if desk is None or not self.allowed():
            return
        date_from, date_to = self.period()
        suffix = ".pdf" if fmt == "pdf" else ".xlsx"
        wanted = self.tr("Tệp PDF (*.pdf)") if fmt == "pdf" else self.tr("Bảng tính Excel (*.xlsx)")
        default = f"bao_cao_{date_from:%Y%m%d}_{date_to:%Y%m%d}{suffix}"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), default, wanted)
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != suffix:
            out = out.with_name(out.name + suffix)
        self._say(self.tr("Đang xuất báo cáo…"), True)
        job = lambda: _report_job(desk, date_from, date_to, out, fmt)  # noqa: E731
        self.context.tasks.read(job, self._exported, self._failed, owner=self)

    def _save_path(self, title: str, default: str) -> Path | None:
        """Ask where to write a PDF or an .xlsx file (None when cancelled)."""
        filters = ";;".join((self.tr("Tệp PDF (*.pdf)"), self.tr("Bảng tính Excel (*.xlsx)")))
        chosen, selected = QFileDialog.getSaveFileName(self, title, default, filters)
        return chosen_file(chosen, selected) if chosen else None

    def export_register(self) -> None:
        """Ask where to save, then write the register (Mẫu 07) of the range as PDF or .xlsx off the GUI thread."""
        desk = self.context.desk
        if desk is None or not self.allowed():
            return
        date_from, date_to = self.period()
        out = self._save_path(self.tr("Lưu sổ theo dõi"), f"so_theo_doi_{date_from:%Y%m%d}_{date_to:%Y%m%d}.pdf")
        if out is None:
            return
        self._say(self.tr("Đang xuất sổ theo dõi…"), True)
        job = lambda: _register_job(desk, date_from, date_to, out)  # noqa: E731
        self.context.tasks.read(job, self._exported, self._failed, owner=self)

    def view_day(self) -> None:
        """Read the chosen day's summary off the GUI thread and show its figures."""
        desk = self.context.desk
        if desk is None or not self.allowed():
            return
        day = self.day_date.date().toPython()
        self.day_button.setEnabled(False)
        self.context.tasks.read(lambda: _day_job(desk, day), self._show_day, self._failed, owner=self)

    def _show_day(self, summary: DaySummary) -> None:
        self.day_button.setEnabled(True)
        self.day_summary = summary
        for name, value in day_figures(summary).items():
            self.day_values[name].setText(str(value))
        self._retranslate_day()

    def day_texts(self) -> dict[str, str]:
        """The figures shown in the grid, keyed as ``DAY_FIELDS`` (tests, the screen reader)."""
        return {name: label.text() for name, label in self.day_values.items()}

    def export_day(self) -> None:
        """Ask where to save, then write the chosen day's summary as PDF or .xlsx off the GUI thread."""
        desk = self.context.desk
        if desk is None or not self.allowed():
            return
        day = self.day_date.date().toPython()
        out = self._save_path(self.tr("Lưu tổng hợp cuối ngày"), f"tong_hop_{day:%Y%m%d}.pdf")
        if out is None:
            return
        self._say(self.tr("Đang xuất tổng hợp cuối ngày…"), True)
        self.context.tasks.read(lambda: _day_job(desk, day, out), self._exported, self._failed, owner=self)

    def _exported(self, path: Path) -> None:
        self._say(self.tr("Đã lưu báo cáo: {path}").format(path=path), True)

    def _failed(self, error: BaseException) -> None:
        self.view_button.setEnabled(True)
        self.day_button.setEnabled(True)
        reason = self.context.error_text(error)
        self._say(self.tr("Không lập được báo cáo: {error}").format(error=reason), False)

    def _say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet(MESSAGE_STYLE[ok])
        self.message.setText(text)

    def message_text(self) -> str:
        """The last message shown (tests, and the status of the last action)."""
        return self.message.text()

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.heading.setText(self.tr("Báo cáo tình hình giải quyết hồ sơ"))
        self.refusal.setText(self.tr("Chỉ lãnh đạo và quản trị viên mới được xem báo cáo của đơn vị."))
        self.from_label.setText(self.tr("Từ ngày"))
        self.to_label.setText(self.tr("đến ngày"))
        self.view_button.setText(self.tr("Xem"))
        self.pdf_button.setText(self.tr("Xuất PDF"))
        self.excel_button.setText(self.tr("Xuất Excel"))
        self.register_button.setText(self.tr("Xuất sổ theo dõi (Mẫu 07)"))
        self.day_box.setTitle(self.tr("Tổng hợp cuối ngày"))
        self.day_label.setText(self.tr("Ngày"))
        self.day_button.setText(self.tr("Xem tổng hợp"))
        self.day_export_button.setText(self.tr("Xuất"))
        self._retranslate_day()

    def _retranslate_day(self) -> None:
        summary = self.day_summary
        following = f"{summary.next_working_day:%d/%m/%Y}" if summary is not None else "…"
        names = {
            "received": self.tr("Tiếp nhận trong ngày:"),
            "returned": self.tr("Trả kết quả trong ngày:"),
            "due_next_working_day": self.tr("Đến hạn ngày làm việc tiếp theo ({day}):").format(day=following),
            "overdue": self.tr("Đang quá hạn:"),
            "unsynced_events": self.tr("Sự kiện chưa đồng bộ:"),
        }
        for name, text in names.items():
            self.day_names[name].setText(text)
        if summary is None:
            self.day_detail.clear()
        elif summary.received:
            lines = (f"{p.procedure_name} ({p.procedure_code}): {p.received}" for p in summary.received)
            self.day_detail.setText(self.tr("Tiếp nhận theo thủ tục: {lines}").format(lines="; ".join(lines)))
        else:
            self.day_detail.setText(self.tr("Không tiếp nhận hồ sơ nào trong ngày."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch (the table's titles too)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.retranslate()
        super().changeEvent(event)
