"""The dossier list page: search as you type over years of dossiers, filter, open one.

The clerk types a dossier code, a name without tones (``nguyen van duc``), a 12-digit ID number or a
phone number; 150 ms after the last key the query runs off the GUI thread (the façade picks the index
from what was typed) and the newest matches show first, 200 at a time: scrolling down fetches the
next page. Filters narrow it: status, due today, overdue, received between two dates, procedure.
Enter or a double click opens the dossier (``DeskContext.openDossier``); a scanned code followed by
Enter opens its dossier directly when it is the only match. The list follows
``DeskContext.dossierChanged`` without losing its place.

Sorting stays newest first: sorting by another column would make every search sort all its matches
(45–70 ms over a million dossiers instead of ~4 ms), so the header is not clickable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.events import Status
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_table_model import OVERDUE_STATUSES, DossierTableModel

if TYPE_CHECKING:
    from desk_app.store.search import DossierQuery

SEARCH_DELAY_MS = 150
# column → the widest text it usually holds (widths follow the font, so they hold at any DPI)
COLUMN_SAMPLES = {
    DossierTableModel.CODE: "⚠ 000.17.22.H56-261126-0000",
    DossierTableModel.APPLICANT: "Nguyễn Thị Phương Thảo",
    DossierTableModel.ID_NUMBER: "038190012345",
    DossierTableModel.PHONE: "0912345678",
    DossierTableModel.PROCEDURE: "Đăng ký khai sinh, kết hôn",
    DossierTableModel.RECEIVED: "26/11/2026 17:00",
    DossierTableModel.DUE: "26/11/2026 17:00",
}


class DossierListPage(QWidget):
    """Search box, filters and the lazy table of dossiers, newest first."""

    queryChanged = Signal()  # a new query was sent to the model (tests and the status bar follow it)

    def __init__(
        self, context: DeskContext, parent: QWidget | None = None, *, now: Callable[[], datetime] = datetime.now
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._now = now
        self._open_single_match = False
        self.model = DossierTableModel(context, self, now=now)

        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(200)
        self.search_box.installEventFilter(self)

        self.status_filter = QComboBox()
        self.status_filter.addItem("", None)
        for status in Status:
            self.status_filter.addItem("", int(status))
        self.procedure_filter = QComboBox()
        self.procedure_filter.addItem("", None)
        self.procedure_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.procedure_filter.setMinimumContentsLength(28)
        self.due_today_filter = QCheckBox()
        self.overdue_filter = QCheckBox()
        self.date_filter = QCheckBox()
        today = QDate.currentDate()
        self.received_from = _date_edit(today.addMonths(-1))
        self.received_to = _date_edit(today)
        self.clear_filters_button = QPushButton()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(False)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)  # the status takes what is left
        metrics = self.table.fontMetrics()
        for column, sample in COLUMN_SAMPLES.items():
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        self.result_label = QLabel()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._lay_out()
        self._connect()
        self._set_dates_enabled(False)
        self.retranslate()
        if context.desk is not None:  # else on deskReady: building a query imports the store (SQLAlchemy)
            self._on_desk_ready()

    # -- strings ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every string in the current language (the rows stay; the model re-reads its own)."""
        self.search_box.setPlaceholderText(
            self.tr("Tìm theo mã hồ sơ, họ tên (gõ không dấu được), số CCCD hoặc số điện thoại…")
        )
        self.status_filter.setItemText(0, self.tr("Tất cả"))
        for index in range(1, self.status_filter.count()):
            self.status_filter.setItemText(index, self.model.status_label(Status(self.status_filter.itemData(index))))
        self.procedure_filter.setItemText(0, self.tr("Tất cả thủ tục"))
        self.due_today_filter.setText(self.tr("Đến hạn hôm nay"))
        self.overdue_filter.setText(self.tr("Quá hạn"))
        self.date_filter.setText(self.tr("Nhận từ ngày"))
        self.clear_filters_button.setText(self.tr("Bỏ lọc"))
        self.status_label.setText(self.tr("Trạng thái:"))
        self.procedure_label.setText(self.tr("Thủ tục:"))
        self.date_to_label.setText(self.tr("đến ngày"))
        self.model.retranslate()
        self._update_label()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _lay_out(self) -> None:
        self.status_label, self.procedure_label, self.date_to_label = QLabel(), QLabel(), QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.status_label)
        filters.addWidget(self.status_filter)
        filters.addSpacing(8)
        filters.addWidget(self.procedure_label)
        filters.addWidget(self.procedure_filter, 1)
        filters.addSpacing(8)
        filters.addWidget(self.due_today_filter)
        filters.addWidget(self.overdue_filter)
        dates = QHBoxLayout()
        dates.addWidget(self.date_filter)
        dates.addWidget(self.received_from)
        dates.addWidget(self.date_to_label)
        dates.addWidget(self.received_to)
        dates.addStretch(1)
        dates.addWidget(self.clear_filters_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)

    def _connect(self) -> None:
        self.search_box.textEdited.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self._on_return)
        self._search_timer.timeout.connect(self.apply_filters)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.procedure_filter.currentIndexChanged.connect(self.apply_filters)
        self.due_today_filter.toggled.connect(self.apply_filters)
        self.overdue_filter.toggled.connect(self.apply_filters)
        self.date_filter.toggled.connect(self._set_dates_enabled)
        self.date_filter.toggled.connect(self.apply_filters)
        self.received_from.dateChanged.connect(self._on_dates_changed)
        self.received_to.dateChanged.connect(self._on_dates_changed)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.table.activated.connect(self._open_index)
        self.model.loadingChanged.connect(lambda _loading: self._update_label())
        self.model.pageLoaded.connect(self._on_page_loaded)
        self.model.modelReset.connect(self._update_label)
        self.model.failed.connect(self.result_label.setText)
        self._context.deskReady.connect(self._on_desk_ready)

    # -- the query ----------------------------------------------------------------------------

    def build_query(self, now: datetime | None = None) -> DossierQuery:
        """The façade's query for what the search box and the filters say now."""
        from desk_app.store.search import DossierQuery  # with the desk: SQLAlchemy loads after the first paint

        moment = (now or self._now()).replace(microsecond=0)
        status = self.status_filter.currentData()
        statuses: tuple[int, ...] = (status,) if status is not None else ()
        due_before = due_from = None
        if self.due_today_filter.isChecked() or self.overdue_filter.isChecked():
            running = tuple(int(s) for s in sorted(OVERDUE_STATUSES))
            statuses = tuple(s for s in statuses if s in running) if statuses else running
            if not statuses:
                statuses = (0,)  # a paused or closed status is never due: nothing matches
            end_of_day = datetime.combine(moment.date() + timedelta(days=1), time())
            if self.due_today_filter.isChecked():
                due_before = end_of_day
                due_from = None if self.overdue_filter.isChecked() else moment
            else:
                due_before = moment
        received_from = received_to = None
        if self.date_filter.isChecked():
            first, last = _py_date(self.received_from.date()), _py_date(self.received_to.date())
            received_from = datetime.combine(min(first, last), time())
            received_to = datetime.combine(max(first, last) + timedelta(days=1), time())
        return DossierQuery(
            text=self.search_box.text().strip(),
            statuses=statuses,
            procedure_code=self.procedure_filter.currentData(),
            received_from=_iso(received_from),
            received_to=_iso(received_to),
            due_before=_iso(due_before),
            due_from=_iso(due_from),
        )

    def apply_filters(self) -> None:
        """Send the current search and filters to the model now (the debounce timer ends here)."""
        self._search_timer.stop()
        if self._context.desk is None:
            return
        self.model.set_query(self.build_query())
        self.queryChanged.emit()
        self._update_label()

    def clear_filters(self) -> None:
        """Back to every dossier, newest first (the search text stays)."""
        widgets = (self.status_filter, self.procedure_filter, self.due_today_filter, self.overdue_filter)
        for widget in (*widgets, self.date_filter):
            widget.blockSignals(True)
        self.status_filter.setCurrentIndex(0)
        self.procedure_filter.setCurrentIndex(0)
        for box in (self.due_today_filter, self.overdue_filter, self.date_filter):
            box.setChecked(False)
        for widget in (*widgets, self.date_filter):
            widget.blockSignals(False)
        self._set_dates_enabled(False)
        self.apply_filters()

    def stop(self) -> None:
        """Stop the search timer (the window is closing)."""
        self._search_timer.stop()

    def _on_desk_ready(self) -> None:
        self.apply_filters()
        self._load_procedures()

    def _set_dates_enabled(self, enabled: bool) -> None:
        self.received_from.setEnabled(enabled)
        self.received_to.setEnabled(enabled)

    def _on_dates_changed(self) -> None:
        if self.date_filter.isChecked():
            self.apply_filters()

    def _load_procedures(self) -> None:
        desk = self._context.desk
        if desk is None:
            return
        self._context.tasks.read(lambda: desk.catalogue().procedures, self._fill_procedures, owner=self)

    def _fill_procedures(self, procedures: object) -> None:
        chosen = self.procedure_filter.currentData()
        self.procedure_filter.blockSignals(True)
        while self.procedure_filter.count() > 1:
            self.procedure_filter.removeItem(1)
        ordered = sorted(procedures, key=lambda p: (not p.common, p.name))  # type: ignore[attr-defined]
        for procedure in ordered:
            self.procedure_filter.addItem(f"{procedure.code} — {procedure.name}", procedure.code)
            last = self.procedure_filter.count() - 1
            self.procedure_filter.setItemData(last, procedure.name, Qt.ItemDataRole.ToolTipRole)
        found = self.procedure_filter.findData(chosen) if chosen else 0
        self.procedure_filter.setCurrentIndex(max(found, 0))
        self.procedure_filter.blockSignals(False)

    # -- opening a dossier --------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._context.openDossier.emit(self.model.dossier_id(index.row()))

    def open_current(self) -> bool:
        """Open the selected dossier (or the only one listed); False when there is none to open."""
        index = self.table.currentIndex()
        if not index.isValid() and self.model.rowCount() == 1:
            index = self.model.index(0, 0)
        if not index.isValid():
            return False
        self._open_index(index)
        return True

    def _on_return(self) -> None:
        """Enter in the search box: search now; a single match (a scanned code) opens at once."""
        if self._search_timer.isActive() or self.model.is_loading():
            self._open_single_match = True
            if self._search_timer.isActive():
                self.apply_filters()
            if not self.model.is_loading():
                self._on_page_loaded(0)
            return
        if self.model.rowCount() == 1 and self.model.is_complete():
            self.open_current()
        elif self.model.rowCount():
            self._focus_table()

    def _on_page_loaded(self, _added: int) -> None:
        if self._open_single_match and not self.model.is_loading():
            self._open_single_match = False
            if self.model.rowCount() == 1 and self.model.is_complete():
                self._open_index(self.model.index(0, 0))
            elif self.model.rowCount():
                self._focus_table()
        self._update_label()

    def _focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down arrow in the search box moves into the list."""
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self._focus_table()
                return True
        return super().eventFilter(watched, event)

    # -- the result line ----------------------------------------------------------------------

    def _update_label(self) -> None:
        count = self.model.rowCount()
        if self._context.desk is None:
            text = self.tr("Đang mở dữ liệu…")
        elif self.model.is_loading() and not count:
            text = self.tr("Đang tìm…")
        elif not self.model.is_complete():
            text = self.tr("Hiển thị %n hồ sơ mới nhất… cuộn để xem thêm", "", count)
        elif not count:
            text = self.tr("Không tìm thấy hồ sơ nào")
        else:
            text = self.tr("Tìm thấy %n hồ sơ", "", count)
        self.result_label.setText(text)


def _date_edit(value: QDate) -> QDateEdit:
    edit = QDateEdit(value)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
