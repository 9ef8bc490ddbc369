"""The dossier page's "Giấy tờ đã số hóa" section: the scanned papers of a dossier, and attaching more.

``DossierScansWidget`` lists the scans recorded in the dossier's events (``scans_from_events``: no
extra read, the page already holds the events) — which paper, file name, size, when — and attaches
files from "Đính kèm tệp…" (a file dialog filtered to PDF/JPEG/PNG) or dropped onto the widget. The
chosen paper (one of the receipt's papers, the result, or another paper) applies to the files
attached. Attaching runs on the writer thread (``context.tasks.write``: the copy and the event), one
job per file; each success emits ``dossierChanged`` so the page reloads, each refusal is shown in the
window's language under the list. Double-clicking a row (or Enter) opens the scan in the system's
viewer, through a copy named with its type's extension (``scans.viewable_copy``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.events import Event
from desk_app.domain.lifecycle import DossierState
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_table_model import format_moment

if TYPE_CHECKING:
    from desk_app.services.desk import Desk
    from desk_app.services.scans import ScannedPaper

OTHER_PAPER = ""  # the paper choice "another paper" (no name recorded)
RESULT_PAPER = "result"  # the paper choice for the result: desk_app.services.scans.RESULT (a test keeps them equal)


def format_size(size: int) -> str:
    """A file size as the window shows it: ``350 KB``, ``1,2 MB`` (Vietnamese decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def dropped_files(urls: Iterable[QUrl]) -> list[Path]:
    """The local files among dropped URLs (folders and remote URLs left out)."""
    paths = (Path(url.toLocalFile()) for url in urls if url.isLocalFile())
    return [path for path in paths if path.is_file()]


class DossierScansWidget(QWidget):
    """The scanned papers of the dossier shown, with attaching by dialog or drag and drop."""

    def __init__(
        self,
        context: DeskContext,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._open_url = open_url
        self.state: DossierState | None = None
        self.scans: list[ScannedPaper] = []
        self._error: Callable[[], str] | None = None
        self.setAcceptDrops(True)

        self.table = QTableWidget(0, 4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 220), (2, 80), (3, 125)):
            self.table.setColumnWidth(column, width)
        self.table.setMaximumHeight(150)
        self.table.cellActivated.connect(lambda row, _column: self.open_scan(row))
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_scan(row))
        self.paper_label = QLabel()
        self.paper_choice = QComboBox()
        self.paper_choice.setMinimumContentsLength(24)
        self.attach_button = QPushButton()
        self.attach_button.setEnabled(False)
        self.attach_button.clicked.connect(self.choose_files)
        self.hint_label = QLabel()
        self.hint_label.setStyleSheet("color: #555;")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.hide()

        row = QHBoxLayout()
        row.addWidget(self.paper_label)
        row.addWidget(self.paper_choice, 1)
        row.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        self.retranslate()

    # -- strings ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.table.setHorizontalHeaderLabels(
            [self.tr("Giấy tờ"), self.tr("Tên tệp"), self.tr("Dung lượng"), self.tr("Thời gian")]
        )
        self.paper_label.setText(self.tr("Đính kèm cho:"))
        self.attach_button.setText(self.tr("Đính kèm tệp…"))
        self.hint_label.setText(self.tr("PDF, JPEG hoặc PNG, tối đa 20 MB; có thể kéo thả tệp vào đây."))
        if self._error is not None:
            self.error_label.setText(self._error())
        self._fill_choices()
        self._fill_table()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the dossier shown ----------------------------------------------------------------------

    def set_dossier(self, state: DossierState | None, events: list[Event]) -> None:
        """Show the scans of this dossier (None: no dossier, nothing to attach to)."""
        changed = self.state is None or state is None or state.dossier_id != self.state.dossier_id
        self.state = state
        self.scans = _scans().scans_from_events(events) if state is not None else []
        self.attach_button.setEnabled(state is not None)
        if changed:
            self._show_error(None)
            self._fill_choices()
        self._fill_table()

    def _paper_text(self, scan: ScannedPaper) -> str:
        if scan.result:
            return self.tr("Kết quả giải quyết")
        return scan.paper or self.tr("Giấy tờ khác")

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.scans))
        for row, scan in enumerate(self.scans):
            values = (self._paper_text(scan), scan.file_name, format_size(scan.size), format_moment(scan.at))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(f"{scan.media_type} · SHA-256 {scan.sha256}" if column == 1 else value)
                self.table.setItem(row, column, item)

    def _fill_choices(self) -> None:
        current = self.paper_choice.currentData()
        self.paper_choice.clear()
        papers = self.state.received.get("papers", ()) if self.state is not None else ()
        for paper in papers:
            if isinstance(paper, Mapping) and paper.get("name"):
                self.paper_choice.addItem(str(paper["name"]), str(paper["name"]))
        self.paper_choice.addItem(self.tr("Kết quả giải quyết"), RESULT_PAPER)
        self.paper_choice.addItem(self.tr("Giấy tờ khác"), OTHER_PAPER)
        index = self.paper_choice.findData(current) if current is not None else -1
        self.paper_choice.setCurrentIndex(max(index, 0))

    def choose_paper(self, paper: str) -> None:
        """Select the paper the next files are attached to (a paper's name, ``RESULT`` or ``OTHER_PAPER``)."""
        index = self.paper_choice.findData(paper)
        if index >= 0:
            self.paper_choice.setCurrentIndex(index)

    # -- attaching ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        """ "Đính kèm tệp…": pick files in a dialog and attach them."""
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Chọn tệp quét"),
            "",
            self.tr("Tệp quét (*.pdf *.jpg *.jpeg *.png);;PDF (*.pdf);;JPEG (*.jpg *.jpeg);;PNG (*.png)"),
        )
        self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> None:
        """Attach each file to the chosen paper of the dossier shown, on the writer thread."""
        desk, state = self._context.desk, self.state
        if desk is None or state is None or not paths:
            return
        self._show_error(None)
        paper = self.paper_choice.currentData()
        paper = paper if paper else None
        actor, dossier_id = self._context.actor, state.dossier_id
        for path in paths:
            self._context.tasks.write(
                lambda p=path: _attach(desk, dossier_id, p, paper, actor),
                lambda _state: self._context.dossierChanged.emit(dossier_id),
                self._attach_failed,
                self,
            )

    def _attach_failed(self, error: BaseException) -> None:
        text = getattr(error, "text", None)
        if callable(text):
            self._show_error(lambda: text(self._context.language))
            return
        self._show_error(lambda: self.tr("Lỗi không mong đợi, tệp chưa được đính kèm: %s") % error)
        raise error

    def _show_error(self, message: Callable[[], str] | None) -> None:
        self._error = message
        self.error_label.setText(message() if message else "")
        self.error_label.setVisible(message is not None)

    def error_text(self) -> str:
        """The refusal shown under the list (empty when none)."""
        return self.error_label.text() if self._error is not None else ""

    # -- drag and drop ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        """Accept files dragged from the file manager (a dossier must be shown)."""
        if self.state is not None and event.mimeData().hasUrls() and dropped_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        """Keep accepting while the files move over the widget."""
        if self.state is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        """Attach the dropped files (those with a PDF/JPEG/PNG extension; the content is checked again)."""
        files = dropped_files(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if self.state is None or not files:
            event.ignore()
            return
        event.acceptProposedAction()
        wanted = [path for path in files if path.suffix.lower() in _scans().SCAN_EXTENSIONS]
        skipped = ", ".join(path.name for path in files if path not in wanted)
        self.attach_files(wanted)
        if skipped and self._error is None:  # a refusal of an attached file is the more useful message
            self._show_error(lambda: self.tr("Chỉ nhận tệp PDF, JPEG hoặc PNG; bỏ qua: %s") % skipped)

    # -- opening ------------------------------------------------------------------------------

    def open_scan(self, row: int) -> None:
        """Open the scan of ``row`` in the system's viewer (the copy is made off the GUI thread)."""
        desk = self._context.desk
        if desk is None or not 0 <= row < len(self.scans):
            return
        scan = self.scans[row]
        self._context.tasks.read(
            lambda: _scans().viewable_copy(desk, scan),
            lambda path: self._open_url(QUrl.fromLocalFile(str(path))),
            self._attach_failed,
            self,
        )


def _attach(desk: Desk, dossier_id: str, path: Path, paper: str | None, actor: str) -> DossierState:
    """Runs on the writer thread: the copy and the event."""
    return _scans().attach_scan(desk, dossier_id, path, paper, actor)


def _scans() -> Any:
    """The scans service, imported on first use (it is not needed to paint the window)."""
    from desk_app.services import scans

    return scans
