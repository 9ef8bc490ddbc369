"""The administrator's backup and scanner panel ("Sao lưu và máy quét").

Two settings the unit keeps in its database, both read and written through small services
functions (``desk_app.services.backup`` and ``desk_app.services.scans``), never the store directly:

- backups: the folder they go to (often a USB drive; unset means ``<data_dir>/backups/daily``) and
  how many days automatic backups are kept (1–365). "Sao lưu ngay" makes a manual backup there on a
  reader thread (a backup only reads the database) and says where it went, or why it failed, in the
  window's language;
- the scanner folder the main window polls every 30 seconds (``MainWindow.poll_scanner_folder``):
  files named after a dossier's code are attached to it and moved to ``da-nhap/``. Clearing it stops
  the import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.admin_users import PanelMessages
from desk_app.ui.context import DeskContext

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

MIN_KEEP_DAYS, MAX_KEEP_DAYS = 1, 365


def read_settings(desk: Desk) -> tuple[Path, int, Path | None]:
    """Runs off the GUI thread: the backup folder, the days kept and the scanner folder (or None)."""
    from desk_app.services.backup import backup_folder, keep_days
    from desk_app.services.scans import scanner_folder

    return backup_folder(desk), keep_days(desk), scanner_folder(desk)


def _save_backup_settings(desk: Desk, folder: Path | None, keep: int) -> None:
    from desk_app.services.backup import set_backup_settings

    set_backup_settings(desk, folder, keep)


def _save_scanner_folder(desk: Desk, folder: Path | None) -> None:
    from desk_app.services.scans import set_scanner_folder

    set_scanner_folder(desk, folder)


def _backup_now(desk: Desk) -> Path:
    from desk_app.services.backup import make_backup

    return make_backup(desk)


def _folder_row(line: QLineEdit, *buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(line, 1)
    for button in buttons:
        row.addWidget(button)
    return row


class BackupPanel(PanelMessages, QWidget):
    """Backup folder, days kept, "Sao lưu ngay"; the scanner folder (choose or clear)."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.backup_path: Path | None = None
        self.scanner_path: Path | None = None
        self._message: tuple[Callable[[], str], bool] | None = None

        self.backup_line = QLineEdit()
        self.backup_line.setReadOnly(True)
        self.choose_backup_button = QPushButton()
        self.keep_days = QSpinBox()
        self.keep_days.setRange(MIN_KEEP_DAYS, MAX_KEEP_DAYS)
        self.keep_days.setValue(30)
        self.save_button = QPushButton()
        self.backup_now_button = QPushButton()
        self.backup_group = QGroupBox()
        backup_form = QFormLayout(self.backup_group)
        self.backup_labels = [QLabel() for _ in range(2)]
        backup_form.addRow(self.backup_labels[0], _folder_row(self.backup_line, self.choose_backup_button))
        backup_form.addRow(self.backup_labels[1], self.keep_days)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.backup_now_button)
        backup_form.addRow(buttons)

        self.scanner_line = QLineEdit()
        self.scanner_line.setReadOnly(True)
        self.choose_scanner_button = QPushButton()
        self.clear_scanner_button = QPushButton()
        self.scanner_hint = QLabel()
        self.scanner_hint.setWordWrap(True)
        self.scanner_group = QGroupBox()
        scanner_form = QFormLayout(self.scanner_group)
        self.scanner_label = QLabel()
        scanner_form.addRow(
            self.scanner_label,
            _folder_row(self.scanner_line, self.choose_scanner_button, self.clear_scanner_button),
        )
        scanner_form.addRow(self.scanner_hint)

        self.message = QLabel()
        self.message.setObjectName("adminBackupMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.backup_group)
        layout.addWidget(self.scanner_group)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.choose_backup_button.clicked.connect(self.choose_backup_folder)
        self.save_button.clicked.connect(self.save_backup_settings)
        self.backup_now_button.clicked.connect(self.backup_now)
        self.choose_scanner_button.clicked.connect(self.choose_scanner_folder)
        self.clear_scanner_button.clicked.connect(self.clear_scanner_folder)
        self.retranslate()

    # -- strings --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.backup_group.setTitle(self.tr("Sao lưu dữ liệu"))
        self.backup_labels[0].setText(self.tr("Thư mục sao lưu"))
        self.backup_labels[1].setText(self.tr("Số ngày giữ bản sao lưu tự động"))
        self.keep_days.setSuffix(self.tr(" ngày"))
        self.choose_backup_button.setText(self.tr("Chọn thư mục…"))
        self.save_button.setText(self.tr("Lưu cài đặt sao lưu"))
        self.backup_now_button.setText(self.tr("Sao lưu ngay"))
        self.scanner_group.setTitle(self.tr("Máy quét"))
        self.scanner_label.setText(self.tr("Thư mục máy quét"))
        self.choose_scanner_button.setText(self.tr("Chọn thư mục…"))
        self.clear_scanner_button.setText(self.tr("Bỏ thư mục"))
        self.scanner_line.setPlaceholderText(self.tr("Chưa chọn: không tự động nhập tệp quét"))
        self.scanner_hint.setText(
            self.tr(
                "Mỗi 30 giây, tệp PDF/JPEG/PNG có tên bắt đầu bằng mã hồ sơ (ví dụ "
                "«<mã hồ sơ>-giay-khai-sinh.pdf») được gắn vào hồ sơ đó và chuyển vào thư mục con «da-nhap»."
            )
        )
        if self._message is not None:
            self._show(*self._message)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the saved settings off the GUI thread."""
        desk = self.context.desk
        if desk is None:
            return
        self.context.tasks.read(lambda: read_settings(desk), self._on_loaded, self._on_error, owner=self)

    def _on_loaded(self, loaded: tuple[Path, int, Path | None]) -> None:
        self.backup_path, keep, self.scanner_path = loaded
        self.keep_days.setValue(keep)
        self._show_paths()

    def _show_paths(self) -> None:
        self.backup_line.setText(str(self.backup_path) if self.backup_path else "")
        self.scanner_line.setText(str(self.scanner_path) if self.scanner_path else "")
        self.clear_scanner_button.setEnabled(self.scanner_path is not None)

    # -- messages -------------------------------------------------------------------------------

    # -- actions --------------------------------------------------------------------------------

    def _ask_folder(self, title: str, start: Path | None) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, title, str(start) if start else "")
        return Path(chosen) if chosen else None

    def _write(self, job: Callable[[], Any], done: Callable[[], str]) -> None:
        def on_done(_result: Any) -> None:
            self._show(done, True)
            self.refresh()

        self.context.tasks.write(job, on_done, self._on_error, owner=self)

    def choose_backup_folder(self) -> None:
        """Ask for the backup folder (e.g. a USB drive) and save it with the days kept."""
        chosen = self._ask_folder(self.tr("Chọn thư mục sao lưu"), self.backup_path)
        if chosen is None:
            return
        self.backup_path = chosen
        self._show_paths()
        self.save_backup_settings()

    def save_backup_settings(self) -> None:
        """Save the backup folder and the days automatic backups are kept."""
        desk = self.context.desk
        if desk is None:
            return
        folder, keep = self.backup_path, self.keep_days.value()
        self._write(
            lambda: _save_backup_settings(desk, folder, keep),
            lambda: self.tr("Đã lưu: sao lưu vào {folder}, giữ bản tự động {days} ngày").format(
                folder=folder, days=keep
            ),
        )

    def backup_now(self) -> None:
        """Make a manual backup into the saved folder on a reader thread; say where it went or why not."""
        desk = self.context.desk
        if desk is None:
            return
        self.backup_now_button.setEnabled(False)

        def on_done(path: Path) -> None:
            self.backup_now_button.setEnabled(True)
            self._show(lambda: self.tr("Đã sao lưu vào {path}").format(path=path), True)

        def on_error(error: BaseException) -> None:
            self.backup_now_button.setEnabled(True)
            self._show(
                lambda: self.tr("Không sao lưu được: {error}").format(error=self.context.error_text(error)),
                False,
            )

        self.context.tasks.read(lambda: _backup_now(desk), on_done, on_error, owner=self)

    def choose_scanner_folder(self) -> None:
        """Ask for the folder the scanner saves into and watch it from now on."""
        desk = self.context.desk
        if desk is None:
            return
        chosen = self._ask_folder(self.tr("Chọn thư mục máy quét"), self.scanner_path)
        if chosen is None:
            return
        self._write(
            lambda: _save_scanner_folder(desk, chosen),
            lambda: self.tr("Đã chọn thư mục máy quét: {folder}").format(folder=chosen),
        )

    def clear_scanner_folder(self) -> None:
        """Stop watching a scanner folder."""
        desk = self.context.desk
        if desk is None:
            return
        self._write(lambda: _save_scanner_folder(desk, None), lambda: self.tr("Đã bỏ thư mục máy quét"))
