"""The administrator's user panel: the desk's accounts, adding one, resetting a password, unlocking, deactivating.

Every change runs on the writer thread through ``desk_app.services.accounts`` (hashing a password
takes tens of milliseconds by design); the table is re-read after each one. A refusal — a short
password, a taken user name, two passwords that differ, deactivating oneself — is shown on the panel
in the window's language, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.context import DeskContext
from desk_app.ui.login_dialog import ERROR_STYLE

if TYPE_CHECKING:
    from desk_app.services.accounts import Account

OK_STYLE = "color: #2e7d32; font-weight: bold;"
ROLES = ("clerk", "leader", "admin")


class PanelMessages:
    """The one message line of an admin panel (``self.message``): shown again after a language switch."""

    message: QLabel
    context: DeskContext
    _message: tuple[Callable[[], str], bool] | None

    def _show(self, text: Callable[[], str], ok: bool) -> None:
        self._message = (text, ok)
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text())
        self.message.show()

    def _on_error(self, error: BaseException) -> None:
        self._show(lambda: self.context.error_text(error), False)

    def message_text(self) -> str:
        """The message shown, if any (for tests)."""
        return "" if self.message.isHidden() else self.message.text()


def _password_line() -> QLineEdit:
    line = QLineEdit()
    line.setEchoMode(QLineEdit.EchoMode.Password)
    return line


class UsersPanel(PanelMessages, QWidget):
    """The accounts table and the forms acting on it."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.accounts: list[Account] = []
        self._message: tuple[Callable[[], str], bool] | None = None

        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.new_username = QLineEdit()
        self.new_full_name = QLineEdit()
        self.new_role = QComboBox()
        self.new_password = _password_line()
        self.new_password_again = _password_line()
        self.add_button = QPushButton()
        self.add_group = QGroupBox()
        add_form = QFormLayout(self.add_group)
        self.add_labels = [QLabel() for _ in range(5)]
        fields = (self.new_username, self.new_full_name, self.new_role, self.new_password, self.new_password_again)
        for label, field in zip(self.add_labels, fields, strict=True):
            add_form.addRow(label, field)
        add_form.addRow(self.add_button)

        self.reset_password = _password_line()
        self.reset_password_again = _password_line()
        self.reset_button = QPushButton()
        self.unlock_button = QPushButton()
        self.deactivate_button = QPushButton()
        self.selected_group = QGroupBox()
        selected_form = QFormLayout(self.selected_group)
        self.reset_labels = [QLabel(), QLabel()]
        for label, field in zip(self.reset_labels, (self.reset_password, self.reset_password_again), strict=True):
            selected_form.addRow(label, field)
        row = QHBoxLayout()
        for button in (self.reset_button, self.unlock_button, self.deactivate_button):
            row.addWidget(button)
        selected_form.addRow(row)

        self.message = QLabel()
        self.message.setObjectName("adminUsersMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        forms = QHBoxLayout()
        forms.addWidget(self.add_group, 1)
        forms.addWidget(self.selected_group, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(forms)

        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_selected_password)
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.deactivate_button.clicked.connect(self.deactivate_selected)
        self.retranslate()

    # -- strings --------------------------------------------------------------------------------

    def role_label(self, role: str) -> str:
        """A role's name in the window's language."""
        return {"clerk": self.tr("Cán bộ một cửa"), "leader": self.tr("Lãnh đạo"), "admin": self.tr("Quản trị")}[role]

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tên đăng nhập"), self.tr("Họ tên"), self.tr("Vai trò"), self.tr("Hoạt động"), self.tr("Khóa đến")]
        )
        self.add_group.setTitle(self.tr("Thêm người dùng"))
        texts = (self.tr("Tên đăng nhập"), self.tr("Họ tên"), self.tr("Vai trò"), self.tr("Mật khẩu"))
        for label, text in zip(self.add_labels, (*texts, self.tr("Nhập lại mật khẩu")), strict=True):
            label.setText(text)
        current = self.new_role.currentData()
        self.new_role.clear()
        for role in ROLES:
            self.new_role.addItem(self.role_label(role), role)
        self.new_role.setCurrentIndex(max(0, self.new_role.findData(current)))
        self.add_button.setText(self.tr("Thêm người dùng"))
        self.selected_group.setTitle(self.tr("Người dùng đang chọn"))
        self.reset_labels[0].setText(self.tr("Mật khẩu mới"))
        self.reset_labels[1].setText(self.tr("Nhập lại mật khẩu mới"))
        self.reset_button.setText(self.tr("Đặt lại mật khẩu"))
        self.unlock_button.setText(self.tr("Mở khóa"))
        self.deactivate_button.setText(self.tr("Ngừng hoạt động"))
        self._fill_table()
        if self._message is not None:
            self._show(*self._message)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- table ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the accounts off the GUI thread."""
        desk = self.context.desk
        if desk is None:
            return
        from desk_app.services.accounts import accounts

        self.context.tasks.read(lambda: accounts(desk), self._on_accounts, self._on_error, owner=self)

    def _on_accounts(self, rows: list[Account]) -> None:
        self.accounts = rows
        self._fill_table()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.accounts))
        for index, account in enumerate(self.accounts):
            locked = account.locked_at()
            cells = (
                account.username,
                account.full_name,
                self.role_label(account.role.value),
                self.tr("Có") if account.active else self.tr("Không"),
                f"{locked:%H:%M %d/%m/%Y}" if locked else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))

    def row_of(self, username: str) -> list[str]:
        """The cells shown for an account (for tests and the status of an action)."""
        for index, account in enumerate(self.accounts):
            if account.username == username:
                return [self.table.item(index, column).text() for column in range(self.table.columnCount())]
        return []

    def select(self, username: str) -> None:
        """Select an account's row."""
        for index, account in enumerate(self.accounts):
            if account.username == username:
                self.table.selectRow(index)

    def selected(self) -> Account | None:
        """The account of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows and rows[0].row() < len(self.accounts) else None

    # -- messages -------------------------------------------------------------------------------

    def _run(self, job: Callable[[], Any], done: Callable[[], str]) -> None:
        def on_done(_result: Any) -> None:
            self._show(done, True)
            self.refresh()

        self.context.tasks.write(job, on_done, self._on_error, owner=self)

    # -- actions --------------------------------------------------------------------------------

    def add_user(self) -> None:
        """Create the account typed in the form (checked by the service; the two passwords must match)."""
        desk = self.context.desk
        if desk is None:
            return
        if self.new_password.text() != self.new_password_again.text():
            self._show(lambda: self.tr("Hai lần nhập mật khẩu không khớp nhau"), False)
            return
        from desk_app.services.accounts import create_account

        fields = (self.new_username.text(), self.new_full_name.text(), self.new_role.currentData())
        password = self.new_password.text()
        job = lambda: create_account(desk, *fields, password)  # noqa: E731

        def on_done(account: Account) -> None:
            for line in (self.new_username, self.new_full_name, self.new_password, self.new_password_again):
                line.clear()
            self._show(lambda: self.tr("Đã thêm người dùng {name}").format(name=account.username), True)
            self.refresh()

        self.context.tasks.write(job, on_done, self._on_error, owner=self)

    def _require_selected(self) -> Account | None:
        account = self.selected()
        if account is None:
            self._show(lambda: self.tr("Hãy chọn một người dùng trong bảng"), False)
        return account

    def reset_selected_password(self) -> None:
        """Give the selected account the new password typed twice (this also lifts a lock)."""
        desk, account = self.context.desk, self._require_selected()
        if desk is None or account is None:
            return
        if self.reset_password.text() != self.reset_password_again.text():
            self._show(lambda: self.tr("Hai lần nhập mật khẩu không khớp nhau"), False)
            return
        from desk_app.services.accounts import set_password

        password, name = self.reset_password.text(), account.username
        self.reset_password.clear()
        self.reset_password_again.clear()
        self._run(
            lambda: set_password(desk, name, password),
            lambda: self.tr("Đã đặt lại mật khẩu của {name}").format(name=name),
        )

    def unlock_selected(self) -> None:
        """Lift the selected account's lock and forget its failed attempts."""
        desk, account = self.context.desk, self._require_selected()
        if desk is None or account is None:
            return
        from desk_app.services.accounts import unlock

        name = account.username
        self._run(lambda: unlock(desk, name), lambda: self.tr("Đã mở khóa tài khoản {name}").format(name=name))

    def deactivate_selected(self) -> None:
        """Disable the selected account (refused for the admin's own account)."""
        desk, account = self.context.desk, self._require_selected()
        if desk is None or account is None:
            return
        from desk_app.services.accounts import deactivate

        name, me = account.username, self.context.actor
        self._run(
            lambda: deactivate(desk, name, by=me),
            lambda: self.tr("Đã ngừng hoạt động tài khoản {name}").format(name=name),
        )
