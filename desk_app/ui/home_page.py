"""The home page: today at a glance, the big "new dossier" action, and the latest dossiers.

Four tiles count today's work (``Desk.today_figures``: received today, due today, overdue — in red —
and results waiting to be returned); under them the "Tiếp nhận hồ sơ mới (F2)" button and the 10
newest dossiers (``Desk.find(DossierQuery(limit=10))``, newest first; Enter or a double click opens
one). Everything is read off the GUI thread in one job, when the desk is ready, whenever a dossier
changes, and every minute, so the counts follow the clock (a dossier becomes overdue by itself).

Nothing here imports the services or the store at module level: the page is built before the first
paint, the desk is opened after it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.ui import i18n
from desk_app.ui.context import DeskContext

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    from desk_app.services.desk import Desk

REFRESH_MS = 60_000
LATEST_COUNT = 10
OVERDUE_COLOUR = "#c62828"
_RUNNING = (2, 4, 6)  # received, processing, awaiting payment: as Desk.today_figures counts overdue
FIGURES = ("received_today", "due_today", "overdue", "to_return")


class LatestDossier(NamedTuple):
    """One row of the latest-dossiers table, parsed off the GUI thread."""

    id: str
    code: str
    applicant_name: str
    procedure: str
    received_at: datetime
    due_at: datetime
    status: int  # national status code (desk_app.domain.events.Status), kept plain for a light import

    def overdue(self, now: datetime) -> bool:
        """Still running and past its due date-time."""
        return self.status in _RUNNING and self.due_at < now


class HomeData(NamedTuple):
    """Everything the page shows, read in one background job."""

    figures: dict[str, int]
    latest: tuple[LatestDossier, ...]
    now: datetime
    parent_body: str
    unit_name: str
    is_demo: bool


def load_home(desk: Desk, now: datetime | None = None) -> HomeData:
    """Runs off the GUI thread: today's figures and the newest dossiers."""
    from desk_app.domain.errors import DeskError
    from desk_app.store.search import DossierQuery

    moment = (now or datetime.now()).replace(microsecond=0)
    figures = desk.today_figures(moment)
    names: dict[str, str] = {}
    latest = []
    for row in desk.find(DossierQuery(limit=LATEST_COUNT)):
        if row.procedure_code not in names:
            try:
                names[row.procedure_code] = desk.procedure(row.procedure_code).name
            except DeskError:
                names[row.procedure_code] = row.procedure_code
        latest.append(
            LatestDossier(
                id=row.id,
                code=row.code,
                applicant_name=row.applicant_name,
                procedure=names[row.procedure_code],
                received_at=datetime.fromisoformat(row.received_at),
                due_at=datetime.fromisoformat(row.due_at),
                status=int(row.status),
            )
        )
    profile = desk.profile()
    return HomeData(
        figures=figures,
        latest=tuple(latest),
        now=moment,
        parent_body=profile.parent_body if profile else "",
        unit_name=profile.unit_name if profile else "",
        is_demo=bool(profile and profile.is_demo),
    )


class FigureTile(QFrame):
    """One big number with its caption."""

    def __init__(self, colour: str = "#1a3c6e", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTile")
        self.setStyleSheet("QFrame#figureTile { background: #ffffff; border: 1px solid #c9d3e0; border-radius: 8px; }")
        self.value = QLabel("–")
        self.value.setStyleSheet(f"color: {colour}; font-size: 28pt; font-weight: bold;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-size: 11pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setMinimumHeight(110)
        self.setMaximumHeight(150)


class HomePage(QWidget):
    """Today's figures, the new-dossier action and the latest dossiers."""

    newDossierRequested = Signal()
    loaded = Signal()  # the figures and latest dossiers on screen are fresh

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._loading = False
        self._pending = False
        self.data: HomeData | None = None

        self._dossier_ids: list[str] = []
        self.title = QLabel()
        # Room above the first line: Vietnamese stacked marks (Ủ, Ẫ, Ế) rise above the font's ascent.
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setContentsMargins(0, 6, 0, 0)
        self.title.setWordWrap(True)
        self.today = QLabel()
        self.demo_banner = QLabel()
        self.demo_banner.setStyleSheet(
            "background: #fff3cd; color: #7a5200; border: 1px solid #e0a800; border-radius: 4px; "
            "padding: 6px 10px; font-weight: bold;"
        )
        self.demo_banner.hide()
        self.tiles = {
            "received_today": FigureTile(),
            "due_today": FigureTile("#a15c00"),
            "overdue": FigureTile(OVERDUE_COLOUR),
            "to_return": FigureTile("#1b6e3a"),
        }
        self.new_button = QPushButton()
        self.new_button.setObjectName("newDossierButton")
        self.new_button.setMinimumHeight(60)
        self.new_button.setStyleSheet(
            "QPushButton#newDossierButton { background: #1a5fb4; color: white; border-radius: 8px; "
            "font-size: 16pt; font-weight: bold; padding: 8px 28px; }"
            "QPushButton#newDossierButton:focus { border: 3px solid #f6c744; }"
        )
        self.new_button.clicked.connect(self.newDossierRequested)
        self.latest_label = QLabel()
        self.latest_label.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.table: QTableWidget | None = None  # made with the first data: item views are slow to set up
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("qproperty-alignment: AlignCenter; color: #555; font-size: 11pt;")
        self.empty_label.hide()
        self._lay_out()

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        context.deskReady.connect(self._on_desk_ready)
        context.dossierChanged.connect(lambda _dossier_id: self.refresh())
        self.retranslate()

    def _lay_out(self) -> None:
        head = QVBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title)
        head.addWidget(self.today)
        head.addWidget(self.demo_banner)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        for column, key in enumerate(FIGURES):
            grid.addWidget(self.tiles[key], 0, column)
        action = QHBoxLayout()
        action.addWidget(self.new_button)
        action.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addLayout(head)
        layout.addLayout(grid)
        layout.addLayout(action)
        layout.addWidget(self.latest_label)
        layout.addWidget(self.empty_label, 1)
        layout.addStretch(1)  # until the table comes
        self._layout = layout

    # -- strings --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.tiles["received_today"].caption.setText(self.tr("Tiếp nhận hôm nay"))
        self.tiles["due_today"].caption.setText(self.tr("Đến hạn trả hôm nay"))
        self.tiles["overdue"].caption.setText(self.tr("Quá hạn"))
        self.tiles["to_return"].caption.setText(self.tr("Chờ trả kết quả"))
        self.new_button.setText(self.tr("Tiếp nhận hồ sơ mới (F2)"))
        self.latest_label.setText(self.tr("Hồ sơ mới nhất"))
        self.demo_banner.setText(self.tr("DỮ LIỆU DEMO — không dùng cho hồ sơ thật"))
        self.empty_label.setText(self.tr("Chưa có hồ sơ nào."))
        if self.table is not None:
            self.table.setHorizontalHeaderLabels(self._headers())
        if self.data is None:
            self.title.setText(self.tr("Trang chủ"))
            self.today.setText(self.tr("Đang mở dữ liệu…"))
        else:
            self._show(self.data)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading --------------------------------------------------------------------------------

    def _on_desk_ready(self) -> None:
        self._timer.start()
        self.refresh()

    @property
    def loading(self) -> bool:
        """Whether a read of the figures is under way."""
        return self._loading

    def refresh(self) -> None:
        """Read the figures and the latest dossiers again (one job at a time; a request during one is kept)."""
        desk = self._context.desk
        if desk is None:
            return
        if self._loading:
            self._pending = True
            return
        self._loading = True
        self._context.tasks.read(lambda: load_home(desk), self._on_loaded, self._on_failed, owner=self)

    def _on_loaded(self, data: Any) -> None:
        self._loading = False
        self.data = data
        self._show(data)
        self.loaded.emit()
        if self._pending:
            self._pending = False
            self.refresh()

    def _on_failed(self, error: BaseException) -> None:
        self._loading = False
        text = error.text(self._context.language) if hasattr(error, "text") else str(error)
        self.today.setText(self.tr("Không đọc được số liệu: {error}").format(error=text))

    def stop(self) -> None:
        """Stop the minute timer (the window is closing)."""
        self._timer.stop()

    # -- showing --------------------------------------------------------------------------------

    def _show(self, data: HomeData) -> None:
        locale = i18n.locale()
        self.title.setText(
            "\n".join(part for part in (data.parent_body, data.unit_name) if part) or self.tr("Trang chủ")
        )
        day = locale.toString(data.now.date(), "dddd, dd/MM/yyyy")
        self.today.setText(self.tr("Hôm nay: {day} — số liệu lúc {time}").format(day=day, time=f"{data.now:%H:%M}"))
        self.demo_banner.setVisible(data.is_demo)
        for key, tile in self.tiles.items():
            tile.value.setText(locale.toString(data.figures.get(key, 0)))
        self._fill_table(data)

    def _headers(self) -> list[str]:
        return [
            self.tr("Mã hồ sơ"),
            self.tr("Người nộp"),
            self.tr("Thủ tục"),
            self.tr("Ngày nhận"),
            self.tr("Hẹn trả"),
            self.tr("Trạng thái"),
        ]

    def _make_table(self) -> QTableWidget:
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget

        table = QTableWidget(0, 6)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)  # one line per dossier; long procedure names are elided (full text in the tooltip)
        table.setHorizontalHeaderLabels(self._headers())
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.itemActivated.connect(self._open_item)
        stretch = self._layout.count() - 1
        self._layout.takeAt(stretch)
        self._layout.insertWidget(stretch, table, 1)
        return table

    def _fill_table(self, data: HomeData) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        from desk_app.domain.events import Status

        if self.table is None:
            self.table = self._make_table()
        language = self._context.language
        self.table.setRowCount(len(data.latest))
        self._dossier_ids = [dossier.id for dossier in data.latest]
        red = QColor(OVERDUE_COLOUR)
        for row, dossier in enumerate(data.latest):
            overdue = dossier.overdue(data.now)
            code = Status(dossier.status)
            status = code.label_en if language == "en" else code.label_vi
            if overdue:
                status = self.tr("{status} — quá hạn").format(status=status)
            cells = (
                dossier.code,
                dossier.applicant_name,
                dossier.procedure,
                f"{dossier.received_at:%d/%m/%Y %H:%M}",
                f"{dossier.due_at:%d/%m/%Y %H:%M}",
                status,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if overdue:
                    item.setForeground(red)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(data.latest))
        self.empty_label.setVisible(not data.latest)

    def _open_item(self, item: QTableWidgetItem) -> None:
        self._context.openDossier.emit(self._dossier_ids[item.row()])

    def shown_codes(self) -> list[str]:
        """The dossier codes in the latest-dossiers table, top to bottom (for tests)."""
        if self.table is None:
            return []
        return [self.table.item(row, 0).text() for row in range(self.table.rowCount())]
