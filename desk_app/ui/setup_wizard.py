"""First-run set-up: the unit's identity and the desk's place in it, then the first admin account.

Shown when the data folder has no unit (both pages) or a unit but no account yet (after a
``desk-app init`` roll-out: the account page only). Each page is checked by the same rules as the
command line (``UnitProfile.checked``, ``check_new_account``) before it can be left, and a refusal is
shown in the clerk's words on the page; nothing is written until both pages passed. Then, on the
writer thread, the unit is recorded (``Desk.set_up``) and the admin created (``create_account``), in
that order, so an interrupted set-up resumes at the account page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTime, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desk_app.ui.context import DeskContext
from desk_app.ui.login_dialog import ERROR_STYLE

if TYPE_CHECKING:
    from desk_app.services.accounts import Account
    from desk_app.services.desk import Desk
    from desk_app.services.unit import UnitProfile


def _apply_setup(desk: Desk, profile: UnitProfile | None, account: tuple[str, str, str]) -> Account:
    """Runs on the writer thread: record the unit (if asked), then create the first admin."""
    from desk_app.services.accounts import Role, create_account

    if profile is not None:
        desk.set_up(profile)
    username, full_name, password = account
    return create_account(desk, username, full_name, Role.ADMIN.value, password)


class _CheckedPage(QWizardPage):
    """A wizard page with a form and a line for the refusal of what was typed."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.form = QFormLayout()
        self.labels: list[QLabel] = []
        self.error = QLabel()
        self.error.setObjectName("setupError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def show_error(self, text: str) -> None:
        """Show why the page cannot be left."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def add_row(self, field: QWidget | QHBoxLayout) -> None:
        """A row of the form, its label filled in by ``set_labels``."""
        label = QLabel()
        self.labels.append(label)
        self.form.addRow(label, field)

    def set_labels(self, texts: list[str]) -> None:
        """The form's row labels, top to bottom."""
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Re-read every string in the current language."""


def _time_edit(value: str) -> QTimeEdit:
    edit = QTimeEdit(QTime.fromString(value, "HH:mm"))
    edit.setDisplayFormat("HH:mm")
    return edit


class UnitPage(_CheckedPage):
    """The unit: electronic agency id, parent body, unit name, place name, desk number, working hours."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.agency_id = QLineEdit()
        self.agency_id.setPlaceholderText("000.17.22.H56")
        self.parent_body = QLineEdit()
        self.parent_body.setPlaceholderText("ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN")
        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG")
        self.place_name = QLineEdit()
        self.place_name.setPlaceholderText("Đông Sơn")
        from desk_app.services.unit import DEFAULT_SIGNER_TITLE  # the wizard runs once: a late import is fine

        self.signer_title = QLineEdit(DEFAULT_SIGNER_TITLE)
        self.desk_number = QSpinBox()
        self.desk_number.setRange(1, 99)
        self.morning = (_time_edit("07:00"), _time_edit("11:30"))
        self.afternoon = (_time_edit("13:30"), _time_edit("17:00"))
        self.profile: UnitProfile | None = None
        names = (self.agency_id, self.parent_body, self.unit_name, self.place_name, self.signer_title)
        for widget in (*names, self.desk_number):
            self.add_row(widget)
        for pair in (self.morning, self.afternoon):
            row = QHBoxLayout()
            row.addWidget(pair[0])
            row.addWidget(QLabel("–"))
            row.addWidget(pair[1])
            row.addStretch(1)
            self.add_row(row)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.setTitle(self.tr("Thông tin đơn vị"))
        self.setSubTitle(self.tr("Đơn vị tiếp nhận hồ sơ và quầy này. Các thông tin này in trên giấy tiếp nhận."))
        self.set_labels(
            [
                self.tr("Mã định danh điện tử của đơn vị"),
                self.tr("Cơ quan chủ quản"),
                self.tr("Tên đơn vị"),
                self.tr("Địa danh (ghi ngày tháng)"),
                self.tr("Chức danh người ký văn bản (Mẫu 04, 05)"),
                self.tr("Số quầy"),
                self.tr("Giờ làm việc buổi sáng"),
                self.tr("Giờ làm việc buổi chiều"),
            ]
        )

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Leave the page only with a unit the domain accepts."""
        from desk_app.domain.errors import DeskError
        from desk_app.services.unit import UnitProfile

        hours = [edit.time().toString("HH:mm") for edit in (*self.morning, *self.afternoon)]
        try:
            self.profile = UnitProfile(
                agency_id=self.agency_id.text(),
                parent_body=self.parent_body.text(),
                unit_name=self.unit_name.text(),
                place_name=self.place_name.text(),
                signer_title=self.signer_title.text(),
                desk_number=self.desk_number.value(),
                morning=(hours[0], hours[1]),
                afternoon=(hours[2], hours[3]),
            ).checked()
        except DeskError as error:
            self.profile = None
            self.show_error(error.text(self.context.language))
            return False
        self.show_error("")
        return True


class AdminPage(_CheckedPage):
    """The first administrator: user name, full name, password twice."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.username = QLineEdit()
        self.username.setPlaceholderText("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        for widget in (self.username, self.full_name, self.password, self.confirm):
            self.add_row(widget)
        self.saved: Account | None = None
        self._saving = False
        self._validating = False
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.setTitle(self.tr("Tài khoản quản trị đầu tiên"))
        self.setSubTitle(self.tr("Người quản trị tạo tài khoản cho các cán bộ một cửa. Mật khẩu ít nhất 8 ký tự."))
        self.set_labels(
            [self.tr("Tên đăng nhập"), self.tr("Họ và tên"), self.tr("Mật khẩu"), self.tr("Nhập lại mật khẩu")]
        )

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Check the account, then write the unit and the account; the wizard closes when both are saved."""
        from desk_app.domain.errors import DeskError
        from desk_app.services.accounts import Role, check_new_account

        if self.saved is not None:
            return True
        if self._saving:
            return False
        if self.password.text() != self.confirm.text():
            self.show_error(self.tr("Hai lần nhập mật khẩu không giống nhau."))
            return False
        try:
            check_new_account(self.username.text(), self.full_name.text(), Role.ADMIN.value, self.password.text())
        except DeskError as error:
            self.show_error(error.text(self.context.language))
            return False
        self.show_error("")
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        self._validating = True
        try:
            wizard.save((self.username.text(), self.full_name.text(), self.password.text()))
        finally:
            self._validating = False
        return self.saved is not None  # True at once when the runner is synchronous (tests)


class SetupWizard(QWizard):
    """The first-run wizard; ``completed`` carries the admin account once everything is saved."""

    completed = Signal(object)  # desk_app.services.accounts.Account

    def __init__(self, context: DeskContext, needs_unit: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setModal(True)
        self.setMinimumSize(720, 520)
        self.unit_page = UnitPage(context) if needs_unit else None
        self.admin_page = AdminPage(context)
        if self.unit_page is not None:
            self.addPage(self.unit_page)
        self.addPage(self.admin_page)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every string in the current language (Qt has no Vietnamese for its own buttons)."""
        self.setWindowTitle(self.tr("Cài đặt Một Cửa Desk"))
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< Quay lại")),
            (QWizard.WizardButton.NextButton, self.tr("Tiếp >")),
            (QWizard.WizardButton.FinishButton, self.tr("Hoàn tất")),
            (QWizard.WizardButton.CancelButton, self.tr("Hủy")),
        ):
            self.setButtonText(button, text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def save(self, account: tuple[str, str, str]) -> None:
        """Write the unit and the admin on the writer thread; close when done, show the refusal if not."""
        desk = self.context.desk
        assert desk is not None, "the wizard is shown once the desk is open"
        profile = self.unit_page.profile if self.unit_page is not None else None
        self.admin_page._saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        job = lambda: _apply_setup(desk, profile, account)  # noqa: E731
        self.context.tasks.write(job, self._on_saved, self._on_failed, owner=self)

    def _on_saved(self, account: Any) -> None:
        self.admin_page._saving = False
        self.admin_page.saved = account
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.completed.emit(account)
        if not self.admin_page._validating:  # else validatePage's True lets the Finish click accept
            self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.admin_page._saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.admin_page.show_error(self.context.error_text(error))
