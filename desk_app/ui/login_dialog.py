"""The log-in dialog: user name, password, and the language of the window (Tiếng Việt / English).

The password is checked off the GUI thread on the writer (argon2id takes tens of milliseconds by
design, and a failure is written: the fifth in a row locks the account for 15 minutes). A refusal
shows the service's message in the chosen language and clears the password. Choosing a language
switches the whole window at once; it is remembered for the next start when the log-in succeeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui import i18n
from desk_app.ui.context import DeskContext

if TYPE_CHECKING:
    from desk_app.services.accounts import Account
    from desk_app.services.desk import Desk

ERROR_STYLE = "color: #c62828; font-weight: bold;"


def _log_in(desk: Desk, username: str, password: str) -> Account:
    """Runs on the writer thread."""
    from desk_app.services.accounts import log_in

    return log_in(desk, username, password)


class LoginDialog(QDialog):
    """Asks who is at the desk; emits ``signedIn`` with the account and accepts."""

    signedIn = Signal(object)  # desk_app.services.accounts.Account

    def __init__(self, context: DeskContext, data_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._data_dir = data_dir
        self._busy = False
        self.account: Account | None = None
        self.setModal(True)
        self.setMinimumWidth(440)

        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.heading.setFont(font)
        self.unit_label = QLabel()
        self.unit_label.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(context.language)))
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)
        self.quit_button = QPushButton()
        self.quit_button.setAutoDefault(False)

        self.form = QFormLayout()
        self.labels = [QLabel(), QLabel(), QLabel()]
        for label, field in zip(self.labels, (self.username, self.password, self.language), strict=True):
            self.form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.unit_label)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.sign_in_button.clicked.connect(self.try_sign_in)
        self.password.returnPressed.connect(self.try_sign_in)
        self.username.returnPressed.connect(self.password.setFocus)
        self.quit_button.clicked.connect(self.reject)
        self.language.currentIndexChanged.connect(self._on_language)
        self._last_error: BaseException | None = None
        self.retranslate()
        self.username.setFocus()

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.setWindowTitle(self.tr("Đăng nhập — Một Cửa Desk"))
        self.heading.setText(self.tr("Đăng nhập"))
        desk = self._context.desk
        profile = desk.profile() if desk is not None else None
        self.unit_label.setText(f"{profile.parent_body}\n{profile.unit_name}" if profile else "")
        texts = (self.tr("Tên đăng nhập"), self.tr("Mật khẩu"), self.tr("Ngôn ngữ"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.sign_in_button.setText(self.tr("Đăng nhập"))
        self.quit_button.setText(self.tr("Thoát"))
        if self._last_error is not None:
            self._show_error(self._last_error)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_language(self, _index: int) -> None:
        language = self.language.currentData()
        self._context.language = language
        i18n.set_language(language)

    def prefill(self, username: str) -> None:
        """Put a user name in (the admin just created by the setup wizard) and go to the password."""
        self.username.setText(username)
        self.password.setFocus()

    def try_sign_in(self) -> None:
        """Check the user name and password off the GUI thread."""
        desk = self._context.desk
        if self._busy or desk is None:
            return
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self.username.setFocus()
            return
        self._busy = True
        self.sign_in_button.setEnabled(False)
        self._context.tasks.write(
            lambda: _log_in(desk, username, password), self._on_signed_in, self._on_refused, owner=self
        )

    def _on_signed_in(self, account: Any) -> None:
        self._busy = False
        self.sign_in_button.setEnabled(True)
        self.account = account
        self._last_error = None
        context = self._context
        context.actor = account.username
        context.actor_display = account.full_name
        context.role = account.role.value
        if self._data_dir is not None:
            i18n.save_language(self._data_dir, context.language)
        self.signedIn.emit(account)
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self._busy = False
        self.sign_in_button.setEnabled(True)
        self._last_error = error
        self._show_error(error)
        self.password.clear()
        self.password.setFocus()

    def _show_error(self, error: BaseException) -> None:
        text = getattr(error, "text", None)
        if callable(text):
            self.message.setText(text(self._context.language))
        else:
            self.message.setText(self.tr("Không kiểm tra được mật khẩu: {error}").format(error=error))
        self.message.show()

    def message_text(self) -> str:
        """The refusal shown, if any (for tests)."""
        return "" if self.message.isHidden() else self.message.text()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Escape does not close the dialog by accident: the window has nothing to show without a clerk."""
        if event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)
