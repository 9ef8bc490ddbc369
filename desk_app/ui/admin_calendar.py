"""The administrator's calendar panel: the unit's own days off and make-up working days, year by year.

The public holidays come from the seeded calendar (the ``holidays`` package); what the unit adds on top
— an extra day off the province grants, a make-up Saturday — is an override (``CalendarOverride``:
date, working or not, reason, source document). The panel lists the unit's overrides of one year,
says what the calendar makes of any date, and adds or removes an override; the whole list is saved
through ``Desk.set_calendar_overrides`` on the writer thread, after which every due date the desk
computes follows it.

The days the province's centre publishes arrive by sync and are listed below, read only: the unit's
own override of the same day wins over them, and a new publication never touches the unit's own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import DeskError
from desk_app.ui.admin_users import PanelMessages
from desk_app.ui.context import DeskContext

if TYPE_CHECKING:
    from desk_app.domain.work_calendar import CalendarOverride, WorkCalendar
    from desk_app.services.desk import Desk


def unit_overrides(desk: Desk) -> tuple[list[CalendarOverride], list[CalendarOverride], WorkCalendar]:
    """Runs off the GUI thread: the unit's own overrides, the province's (by date) and the whole calendar."""
    return desk.calendar_overrides(), desk.calendar_overrides(published=True), desk.calendar()


def _override_table() -> QTableWidget:
    """A read-only table of override days: date, kind, reason, source."""
    table = QTableWidget(0, 4)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class CalendarPanel(PanelMessages, QWidget):
    """The year's overrides, what a date is, and the form to add or remove one."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.overrides: list[CalendarOverride] = []
        self.published: list[CalendarOverride] = []
        self.calendar: WorkCalendar | None = None
        self._message: tuple[Callable[[], str], bool] | None = None

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year_label = QLabel()
        self.table = _override_table()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.own_label = QLabel()
        self.own_label.setWordWrap(True)
        self.province_label = QLabel()
        self.province_label.setWordWrap(True)
        self.province_table = _override_table()
        self.province_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.remove_button = QPushButton()

        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setDate(QDate.currentDate())
        self.day_status = QLabel()
        self.day_status.setWordWrap(True)
        self.kind = QComboBox()
        self.reason = QLineEdit()
        self.source = QLineEdit()
        self.add_button = QPushButton()
        self.form_group = QGroupBox()
        form = QFormLayout(self.form_group)
        self.labels = [QLabel() for _ in range(5)]
        for label, field in zip(
            self.labels, (self.day, self.day_status, self.kind, self.reason, self.source), strict=True
        ):
            form.addRow(label, field)
        form.addRow(self.add_button)

        self.message = QLabel()
        self.message.setObjectName("adminCalendarMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.own_label)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.province_label)
        layout.addWidget(self.province_table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.form_group)

        self.year.valueChanged.connect(lambda _year: self._fill_table())
        self.day.dateChanged.connect(lambda _day: self._show_day())
        self.add_button.clicked.connect(self.add_override)
        self.remove_button.clicked.connect(self.remove_selected)
        self.retranslate()

    # -- strings --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.year_label.setText(self.tr("Năm"))
        headers = [self.tr("Ngày"), self.tr("Loại"), self.tr("Lý do"), self.tr("Căn cứ")]
        self.table.setHorizontalHeaderLabels(headers)
        self.province_table.setHorizontalHeaderLabels(headers)
        self.own_label.setText(self.tr("Ngày nghỉ thêm và ngày làm việc bù do đơn vị đặt"))
        self.province_label.setText(
            self.tr("Ngày do tỉnh công bố (chỉ xem; ngày đơn vị tự đặt ở trên được ưu tiên khi trùng ngày)")
        )
        self.remove_button.setText(self.tr("Xóa ngày đã chọn"))
        self.form_group.setTitle(self.tr("Thêm ngày nghỉ hoặc ngày làm việc bù"))
        texts = (self.tr("Ngày"), self.tr("Theo lịch"), self.tr("Loại"), self.tr("Lý do"), self.tr("Căn cứ (văn bản)"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        current = self.kind.currentData()
        self.kind.clear()
        self.kind.addItem(self.tr("Ngày nghỉ thêm"), False)
        self.kind.addItem(self.tr("Ngày làm việc bù"), True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.reason.setPlaceholderText(self.tr("Ví dụ: Nghỉ bù Quốc khánh theo quyết định của tỉnh"))
        self.source.setPlaceholderText(self.tr("Ví dụ: Công văn 2450/VPCP-KGVX"))
        self.add_button.setText(self.tr("Thêm vào lịch"))
        self._fill_table()
        self._show_day()
        if self._message is not None:
            self._show(*self._message)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def kind_label(self, working: bool) -> str:
        """An override's kind in the window's language."""
        return self.tr("Ngày làm việc bù") if working else self.tr("Ngày nghỉ")

    # -- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the unit's overrides and calendar off the GUI thread."""
        desk = self.context.desk
        if desk is None:
            return
        self.context.tasks.read(lambda: unit_overrides(desk), self._on_loaded, self._on_error, owner=self)

    def _on_loaded(self, loaded: tuple[list[CalendarOverride], list[CalendarOverride], WorkCalendar]) -> None:
        self.overrides, self.published, self.calendar = loaded
        self._fill_table()
        self._show_day()

    def shown(self) -> list[CalendarOverride]:
        """The overrides of the chosen year, as listed."""
        return [item for item in self.overrides if item.day.year == self.year.value()]

    def _fill_table(self) -> None:
        year = self.year.value()
        for table, rows in (
            (self.table, self.shown()),
            (self.province_table, [item for item in self.published if item.day.year == year]),
        ):
            table.setRowCount(len(rows))
            for index, item in enumerate(rows):
                cells = (f"{item.day:%d/%m/%Y}", self.kind_label(item.working), item.reason, item.source)
                for column, text in enumerate(cells):
                    table.setItem(index, column, QTableWidgetItem(text))

    def day_text(self, day: date) -> str:
        """What the unit's calendar says of ``day``: a working day, or a day off and why."""
        calendar = self.calendar
        if calendar is None:
            return ""
        if calendar.is_working_day(day):
            reason = calendar.working_weekend_days.get(day)
            if reason:
                return self.tr("Ngày làm việc ({reason})").format(reason=reason)
            return self.tr("Ngày làm việc")
        return self.tr("Ngày nghỉ: {reason}").format(reason=calendar.day_off_reason(day))

    def _show_day(self) -> None:
        self.day_status.setText(self.day_text(_to_date(self.day.date())))

    # -- messages -------------------------------------------------------------------------------

    # -- changes --------------------------------------------------------------------------------

    def add_override(self) -> None:
        """Add (or replace, for the same date) the override typed in the form, then save."""
        from desk_app.domain.work_calendar import CalendarOverride

        try:
            item = CalendarOverride(
                _to_date(self.day.date()), bool(self.kind.currentData()), self.reason.text(), self.source.text()
            )
        except DeskError as error:
            self._on_error(error)
            return
        kept = [existing for existing in self.overrides if existing.day != item.day]

        def done() -> str:
            return self.tr("Đã lưu {kind} {day:%d/%m/%Y}").format(kind=self.kind_label(item.working), day=item.day)

        self._save([*kept, item], done)

    def remove_selected(self) -> None:
        """Remove the override of the selected row, then save."""
        rows = self.table.selectionModel().selectedRows()
        shown = self.shown()
        if not rows or rows[0].row() >= len(shown):
            self._show(lambda: self.tr("Hãy chọn một ngày trong bảng"), False)
            return
        item = shown[rows[0].row()]
        kept = [existing for existing in self.overrides if existing != item]
        self._save(kept, lambda: self.tr("Đã xóa ngày {day:%d/%m/%Y} khỏi lịch").format(day=item.day))

    def select(self, day: date) -> None:
        """Select the listed row of ``day`` (for tests and the keyboard)."""
        self.year.setValue(day.year)
        for index, item in enumerate(self.shown()):
            if item.day == day:
                self.table.selectRow(index)

    def _save(self, overrides: list[CalendarOverride], done: Callable[[], str]) -> None:
        desk = self.context.desk
        if desk is None:
            return

        def on_saved(_result: object) -> None:
            self.reason.clear()
            self.source.clear()
            self._show(done, True)
            self.refresh()

        ordered = sorted(overrides, key=lambda item: item.day)
        self.context.tasks.write(lambda: desk.set_calendar_overrides(ordered), on_saved, self._on_error, owner=self)
