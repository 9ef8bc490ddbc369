"""The dossier list's table model: lazy, newest first, one page of ~200 rows at a time.

Like Anki's browser table it keeps only what has been shown (a few hundred small rows), never counts
the matches and never loads everything: over a 1,000,000-dossier database a page is one keyset query
(``DossierQuery.before_rowid``) run off the GUI thread by the task runner, and Qt asks for the next
one through ``canFetchMore``/``fetchMore`` when the view is scrolled to the bottom. Each new query
(text or filters) bumps a generation number; a page that arrives for an older generation is dropped,
so a slow search can never overwrite the answer to what the clerk typed since.

Columns are named constants (as in Vorta's models) so tests and the page address them without a
widget. Overdue dossiers (being handled, status 2 or 4, and past their due date-time) are drawn in
red with a tooltip; dossiers with anomalies (events a sync delivered that the state machine did not
allow) carry a warning mark.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from desk_app.domain.events import Status
from desk_app.ui.context import DeskContext
from desk_app.ui.table_model import NamedColumnsTableModel

if TYPE_CHECKING:
    from desk_app.services.desk import Desk
    from desk_app.store.search import DossierQuery

PAGE_SIZE = 200
OVERDUE_STATUSES = frozenset({Status.RECEIVED, Status.PROCESSING})
OVERDUE_COLOUR = QColor("#c62828")
ANOMALY_BACKGROUND = QColor("#fff3cd")
DOSSIER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def format_moment(value: datetime | None) -> str:
    """A local date-time as the desk shows it everywhere: ``dd/mm/yyyy HH:MM``."""
    return f"{value:%d/%m/%Y %H:%M}" if value else ""


def is_overdue(status: Status, due_at: datetime, now: datetime) -> bool:
    """Being handled (2 or 4; paused dossiers do not run late) and past its due date-time."""
    return status in OVERDUE_STATUSES and due_at < now


@dataclass(frozen=True)
class ListedDossier:
    """One row of the list: what the search returns, parsed once (off the GUI thread)."""

    rowid: int
    id: str
    code: str
    status: Status
    procedure_code: str
    applicant_name: str
    id_number: str
    phone: str
    received_at: datetime
    due_at: datetime
    anomaly_count: int

    @classmethod
    def from_row(cls, row: Any) -> ListedDossier:
        """A row of ``desk_app.store.search.find``."""
        return cls(
            rowid=row.rowid,
            id=row.id,
            code=row.code,
            status=Status(row.status),
            procedure_code=row.procedure_code,
            applicant_name=row.applicant_name,
            id_number=row.id_number,
            phone=row.phone,
            received_at=datetime.fromisoformat(row.received_at),
            due_at=datetime.fromisoformat(row.due_at),
            anomaly_count=row.anomaly_count,
        )


@dataclass(frozen=True)
class Page:
    """What one background fetch returns: the rows, and the catalogue's names (for the first page)."""

    rows: tuple[ListedDossier, ...]
    procedure_names: dict[str, str] | None = None


def load_page(desk: Desk, query: DossierQuery, with_names: bool) -> Page:
    """Runs off the GUI thread: one page of rows, parsed; with the catalogue's names on a first page."""
    rows = tuple(ListedDossier.from_row(r) for r in desk.find(query))
    names = {p.code: p.name for p in desk.catalogue().procedures} if with_names else None
    return Page(rows, names)


class DossierTableModel(NamedColumnsTableModel):
    """The dossiers matching the current query, newest first, fetched a page at a time."""

    CODE, APPLICANT, ID_NUMBER, PHONE, PROCEDURE, RECEIVED, DUE, STATUS = range(8)
    COLUMN_COUNT = 8

    loadingChanged = Signal(bool)
    pageLoaded = Signal(int)  # rows added by the page that just arrived (0 at the end of the list)
    failed = Signal(str)  # a search that failed, in the clerk's words

    def __init__(
        self,
        context: DeskContext,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._page_size = page_size
        self._now = now
        self._rows: list[ListedDossier] = []
        self._ids: set[str] = set()
        self._query: DossierQuery | None = None
        self._generation = 0
        self._loading = False
        self._exhausted = False
        self._procedure_names: dict[str, str] = {}
        self.retranslate()
        context.deskReady.connect(self.refresh)
        context.dossierChanged.connect(self.refresh_dossier)

    def retranslate(self) -> None:
        """Re-read the column titles and the statuses in the current language (its page calls this)."""
        self._headers = (
            self.tr("Mã hồ sơ"),
            self.tr("Người nộp"),
            self.tr("Số CCCD"),
            self.tr("Điện thoại"),
            self.tr("Thủ tục"),
            self.tr("Ngày nhận"),
            self.tr("Hẹn trả"),
            self.tr("Trạng thái"),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))

    # -- what the page asks -------------------------------------------------------------------

    @property
    def generation(self) -> int:
        """The number of the current query; pages of older numbers are dropped."""
        return self._generation

    @property
    def query(self) -> DossierQuery | None:
        """The query the rows answer (its ``before_rowid`` and ``limit`` are the model's own)."""
        return self._query

    def is_loading(self) -> bool:
        """Whether a page is on its way."""
        return self._loading

    def is_complete(self) -> bool:
        """Whether every matching dossier has been loaded (no more pages)."""
        return self._exhausted

    def set_query(self, query: DossierQuery) -> None:
        """Show the dossiers matching ``query``: forget the rows, drop pending pages, fetch the first."""
        self._query = replace(query, before_rowid=None, limit=self._page_size)
        self.refresh()

    def refresh(self) -> None:
        """Run the current query again from the newest dossier."""
        self._generation += 1
        self.beginResetModel()
        self._rows, self._ids = [], set()
        self._exhausted = self._query is None
        self._set_loading(False)
        self.endResetModel()
        if self._query is not None and self._context.desk is not None:
            self._fetch(self._query, first=True)

    def dossier(self, row: int) -> ListedDossier:
        """The dossier shown in ``row``."""
        return self._rows[row]

    def dossier_id(self, row: int) -> str:
        """The id of the dossier shown in ``row``."""
        return self._rows[row].id

    def refresh_dossier(self, dossier_id: str) -> None:
        """One dossier changed: redraw its row (or drop it if it no longer matches); show it if it is new."""
        if self._query is None or self._context.desk is None:
            return
        desk = self._context.desk
        position = next((i for i, r in enumerate(self._rows) if r.id == dossier_id), None)
        generation = self._generation
        if position is None:
            # Possibly a new dossier: newer than every loaded row, so at the top of the first page.
            query = self._query
            self._context.tasks.read(
                lambda: load_page(desk, query, False),
                lambda page: self._on_newer(generation, page),
                self._on_error,
                self,
            )
            return
        rowid = self._rows[position].rowid
        # The newest row matching the query at or below this rowid: this dossier if it still matches.
        query = replace(self._query, before_rowid=rowid + 1, limit=1)
        self._context.tasks.read(
            lambda: load_page(desk, query, False),
            lambda page: self._on_refreshed(generation, dossier_id, page),
            self._on_error,
            self,
        )

    # -- lazy loading -------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        """Whether another page may follow (never while one is on its way)."""
        if parent.isValid() or self._query is None or self._context.desk is None:
            return False
        return not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        """Ask for the page after the last loaded row, off the GUI thread."""
        if not self.canFetchMore(parent):
            return
        assert self._query is not None
        before = self._rows[-1].rowid if self._rows else None
        self._fetch(replace(self._query, before_rowid=before), first=not self._rows)

    def _fetch(self, query: DossierQuery, first: bool) -> None:
        generation, desk = self._generation, self._context.desk
        assert desk is not None
        self._set_loading(True)
        self._context.tasks.read(
            lambda: load_page(desk, query, first),
            lambda page: self.on_page(generation, page),
            lambda error: self._on_error(error, generation),
            self,
        )

    def on_page(self, generation: int, page: Page) -> None:
        """A page arrived: append its rows, unless it answers an older query."""
        if generation != self._generation:
            return
        self._set_loading(False)
        if page.procedure_names is not None:
            self._procedure_names = page.procedure_names
        fresh = [r for r in page.rows if r.id not in self._ids]
        if len(page.rows) < self._page_size:
            self._exhausted = True
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._rows.extend(fresh)
            self._ids.update(r.id for r in fresh)
            self.endInsertRows()
        self.pageLoaded.emit(len(fresh))

    def _on_newer(self, generation: int, page: Page) -> None:
        if generation != self._generation or self._loading:
            return
        top = self._rows[0].rowid if self._rows else 0
        newer = [r for r in page.rows if r.rowid > top and r.id not in self._ids]
        if not newer:
            return
        if len(newer) == len(page.rows) and self._rows:
            self.refresh()  # more new dossiers than a page: start again from the top
            return
        self.beginInsertRows(QModelIndex(), 0, len(newer) - 1)
        self._rows[0:0] = newer
        self._ids.update(r.id for r in newer)
        self.endInsertRows()
        self.pageLoaded.emit(len(newer))

    def _on_refreshed(self, generation: int, dossier_id: str, page: Page) -> None:
        if generation != self._generation:
            return
        position = next((i for i, r in enumerate(self._rows) if r.id == dossier_id), None)
        if position is None:
            return
        if page.rows and page.rows[0].id == dossier_id:
            self._rows[position] = page.rows[0]
            self.dataChanged.emit(self.index(position, 0), self.index(position, self.COLUMN_COUNT - 1))
            return
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self._ids.discard(dossier_id)
        self.endRemoveRows()

    def _on_error(self, error: BaseException, generation: int | None = None) -> None:
        if generation is not None:
            if generation != self._generation:
                return
            self._set_loading(False)
            self._exhausted = True  # do not retry in a loop; a new query or refresh tries again
        message = getattr(error, "message", None) or self.tr("Không tìm được hồ sơ: %s") % error
        self.failed.emit(message)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)

    # -- Qt's table interface ---------------------------------------------------------------

    def _loaded_rows(self) -> list[Any]:
        return self._rows

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, the red of overdue rows, tooltips, the anomaly mark, the dossier id."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        dossier = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(dossier, column)
        if role == DOSSIER_ID_ROLE:
            return dossier.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_COLOUR) if is_overdue(dossier.status, dossier.due_at, self._now()) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(dossier, column)
        if role == Qt.ItemDataRole.BackgroundRole and dossier.anomaly_count and column == self.CODE:
            return QBrush(ANOMALY_BACKGROUND)
        if role == Qt.ItemDataRole.DecorationRole and dossier.anomaly_count and column == self.CODE:
            return _warning_icon()
        return None

    def _display(self, dossier: ListedDossier, column: int) -> str:
        match column:
            case self.CODE:
                return dossier.code
            case self.APPLICANT:
                return dossier.applicant_name
            case self.ID_NUMBER:
                return dossier.id_number
            case self.PHONE:
                return dossier.phone
            case self.PROCEDURE:
                return self._procedure_names.get(dossier.procedure_code, dossier.procedure_code)
            case self.RECEIVED:
                return format_moment(dossier.received_at)
            case self.DUE:
                return format_moment(dossier.due_at)
            case self.STATUS:
                return self.status_label(dossier.status)
        return ""

    def status_label(self, status: Status) -> str:
        """The status as the national list names it, in the window's language."""
        return status.label_en if self._context.language == "en" else status.label_vi

    def _tooltip(self, dossier: ListedDossier, column: int) -> str | None:
        lines: list[str] = []
        if is_overdue(dossier.status, dossier.due_at, self._now()):
            lines.append(self.tr("Quá hạn (hẹn trả %s)") % format_moment(dossier.due_at))
        if dossier.anomaly_count:
            lines.append(self.tr("Có %n sự kiện bất thường cần xem xét", "", dossier.anomaly_count))
        if column == self.PROCEDURE:
            lines.append(f"{dossier.procedure_code} — {self._display(dossier, column)}")
        return "\n".join(lines) or None

    def rows(self) -> Sequence[ListedDossier]:
        """The loaded rows (read-only view, for the page's label and tests)."""
        return tuple(self._rows)


@cache
def _warning_icon() -> QIcon:
    """The style's warning icon, made once."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
