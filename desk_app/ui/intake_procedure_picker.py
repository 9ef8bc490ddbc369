"""Pick the procedure by its code or by words typed without tones, from the keyboard.

The search field filters the list as the clerk types (``Catalogue.find``: a code prefix such as
``2.0008`` or ``20008``, or words without tones such as ``chung thuc ban sao``); with nothing typed
the list shows the common procedures first. Down/Up move the highlighted row without leaving the
field, Enter takes it; Alt+1…Alt+9 take the row with that number at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk_app.domain.procedures import Catalogue, Procedure
from desk_app.ui import i18n

LIST_LIMIT = 60
SHORTCUT_ROWS = 9
_MOVES = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageDown: 5,
    Qt.Key.Key_PageUp: -5,
}


class ProcedurePicker(QWidget):
    """Search field, result list and the chosen procedure."""

    picked = Signal(object)  # Procedure

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue: Catalogue | None = None
        self._shown: list[Procedure] = []
        self._chosen: Procedure | None = None
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refresh)
        self.search.installEventFilter(self)
        self.results = QListWidget()
        self.results.setUniformItemSizes(True)
        self.results.setMinimumHeight(120)
        self.results.itemActivated.connect(lambda item: self.choose(self.results.row(item)))
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setStyleSheet("font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.chosen)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every string in the current language (the procedures' names are the catalogue's)."""
        self.search.setPlaceholderText(self.tr("Mã hoặc tên thủ tục, gõ không dấu — ví dụ: chung thuc ban sao"))
        self.search.setAccessibleName(self.tr("Tìm thủ tục"))
        self.results.setAccessibleName(self.tr("Danh sách thủ tục"))
        self._show_chosen()
        if self._catalogue is not None:
            row = self.results.currentRow()
            self._refresh()
            self.results.setCurrentRow(row)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_chosen(self) -> None:
        procedure = self._chosen
        if procedure is None:
            self.chosen.setText(self.tr("Chưa chọn thủ tục"))
        else:
            self.chosen.setText(f"{procedure.code} — {procedure.name}")

    def install_shortcuts(self, scope: QWidget) -> None:
        """Alt+1…Alt+9 take the numbered row while the focus is anywhere in ``scope`` (the page)."""
        for number in range(1, SHORTCUT_ROWS + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self.choose(n - 1))

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """Search this catalogue from now on."""
        self._catalogue = catalogue
        self._refresh()

    def procedure(self) -> Procedure | None:
        """The chosen procedure, None before one is chosen."""
        return self._chosen

    def clear(self) -> None:
        """Forget the choice and the search."""
        self._chosen = None
        self._show_chosen()
        self.search.clear()
        self._refresh()

    def _refresh(self) -> None:
        self.results.clear()
        if self._catalogue is None:
            return
        self._shown = self._catalogue.find(self.search.text(), limit=LIST_LIMIT)
        for row, procedure in enumerate(self._shown):
            prefix = f"Alt+{row + 1}" if row < SHORTCUT_ROWS else "     "
            mark = " ★" if procedure.common else ""
            item = QListWidgetItem(f"{prefix}   {procedure.code}   {procedure.name}{mark}")
            item.setToolTip(f"{procedure.name}\n{procedure.field} — {self._duration(procedure)}")
            self.results.addItem(item)
        if self._shown:
            self.results.setCurrentRow(0)

    def _duration(self, procedure: Procedure) -> str:
        """The processing time in the window's language (the domain names it in both)."""
        english = i18n.current_language() == i18n.ENGLISH
        return procedure.duration.label_en() if english else procedure.duration.label_vi()

    def choose(self, row: int) -> Procedure | None:
        """Take the procedure shown on ``row`` (from 0); None when there is no such row."""
        if not 0 <= row < len(self._shown):
            return None
        procedure = self._shown[row]
        self._chosen = procedure
        self._show_chosen()
        self.picked.emit(procedure)
        return procedure

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """In the search field: Down/Up/PageDown/PageUp move the highlighted row, Enter takes it."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in _MOVES and self._shown:
                row = max(0, min(len(self._shown) - 1, self.results.currentRow() + _MOVES[key]))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose(max(0, self.results.currentRow()))
                return True
        return super().eventFilter(watched, event)
