"""The part every read-only table of the window shares: named columns, translated titles, row count.

A subclass sets ``COLUMN_COUNT``, fills ``_headers`` (its ``retranslate``) and says which rows are
loaded (``_loaded_rows``); this class answers Qt's row, column and header questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class NamedColumnsTableModel(QAbstractTableModel):
    """A flat, read-only table model with named columns."""

    COLUMN_COUNT = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()

    def _loaded_rows(self) -> Sequence[Any]:
        """The rows currently held (subclasses)."""
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Rows held so far."""
        return 0 if parent.isValid() else len(self._loaded_rows())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """The named columns."""
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles (Vietnamese source strings, translated by Qt)."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < self.COLUMN_COUNT:
                return self._headers[section]
        return None
