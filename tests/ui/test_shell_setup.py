"""First run and log-in, through the real dialogs: the setup wizard, the log-in dialog and its lockout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desk_app.services.accounts import MAX_FAILURES, Role, accounts, has_accounts, log_in
from desk_app.services.desk import Desk
from desk_app.ui import i18n
from desk_app.ui.context import DeskContext
from desk_app.ui.login_dialog import LoginDialog
from desk_app.ui.setup_wizard import SetupWizard
from tests.ui import test_shell_support as support
from tests.ui.test_shell_support import PASSWORD
from tests.ui.typing_helper import type_text

# The shared fixtures (see test_shell_support), bound here so pytest finds them.
context = support.context
empty_desk = support.empty_desk
english_qm = support.english_qm
unit_desk = support.unit_desk


def _wizard(qtbot: QtBot, context: DeskContext, desk: Desk, needs_unit: bool = True) -> SetupWizard:
    context.set_desk(desk)
    wizard = SetupWizard(context, needs_unit=needs_unit)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _fill_unit(wizard: SetupWizard, agency_id: str) -> None:
    page = wizard.unit_page
    assert page is not None
    type_text(page.agency_id, agency_id)
    type_text(page.parent_body, "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN")
    type_text(page.unit_name, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ ĐÔNG SƠN")
    type_text(page.place_name, "Đông Sơn")
    page.desk_number.setValue(3)


def _fill_admin(wizard: SetupWizard, confirm: str = PASSWORD) -> None:
    page = wizard.admin_page
    type_text(page.username, "admin.dongson")
    type_text(page.full_name, "Lê Thị Ngọc Ánh")
    type_text(page.password, PASSWORD)
    type_text(page.confirm, confirm)


def _click(qtbot: QtBot, wizard: SetupWizard, button: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)


def test_wizard_sets_up_the_unit_and_the_first_admin_typed_in_vietnamese(
    qtbot: QtBot, context: DeskContext, empty_desk: Desk
) -> None:
    wizard = _wizard(qtbot, context, empty_desk)
    completed: list[object] = []
    wizard.completed.connect(completed.append)
    _fill_unit(wizard, "000.17.22.h56")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    _fill_admin(wizard)
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    profile = empty_desk.profile()
    assert profile is not None
    assert (profile.agency_id, profile.parent_body, profile.place_name, profile.desk_number) == (
        "000.17.22.H56",
        "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN",
        "Đông Sơn",
        3,
    )
    assert profile.signer_title == "CHỦ TỊCH"  # the wizard's default, which the admin may change
    assert [(a.username, a.full_name, a.role) for a in accounts(empty_desk)] == [
        ("admin.dongson", "Lê Thị Ngọc Ánh", Role.ADMIN)
    ]
    assert log_in(empty_desk, "admin.dongson", PASSWORD).role is Role.ADMIN
    assert len(completed) == 1


def test_wizard_refuses_a_malformed_agency_id_in_vietnamese_and_writes_nothing(
    qtbot: QtBot, context: DeskContext, empty_desk: Desk
) -> None:
    wizard = _wizard(qtbot, context, empty_desk)
    _fill_unit(wizard, "17.22.H56")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)

    page = wizard.unit_page
    assert page is not None and wizard.currentPage() is page
    assert not page.error.isHidden()
    assert "Mã định danh cơ quan '17.22.H56' không đúng dạng LLL.KK.JJ.Hnn" in page.error.text()
    reopened = Desk.open(empty_desk.data_dir)
    try:
        assert reopened.profile() is None
        assert not has_accounts(reopened)
    finally:
        reopened.close()


def test_wizard_refuses_a_short_password_and_two_different_passwords(
    qtbot: QtBot, context: DeskContext, empty_desk: Desk
) -> None:
    wizard = _wizard(qtbot, context, empty_desk)
    _fill_unit(wizard, "000.17.22.H56")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _fill_admin(wizard, confirm=PASSWORD + "x")
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.admin_page.error.text() == "Hai lần nhập mật khẩu không giống nhau."

    for field in (wizard.admin_page.password, wizard.admin_page.confirm):
        field.clear()
        type_text(field, "ngắn")
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.admin_page.error.text() == "Mật khẩu phải có ít nhất 8 ký tự"
    assert wizard.isVisible()
    assert empty_desk.profile() is None and not has_accounts(empty_desk)


def test_wizard_after_a_command_line_setup_asks_only_for_the_admin(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    wizard = _wizard(qtbot, context, unit_desk, needs_unit=False)
    assert wizard.unit_page is None and wizard.currentPage() is wizard.admin_page
    _fill_admin(wizard)
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert {a.username for a in accounts(unit_desk)} == {"tuan.lm", "admin.dongson"}


def _login(qtbot: QtBot, context: DeskContext, desk: Desk, data_dir: Path | None = None) -> LoginDialog:
    context.set_desk(desk)
    dialog = LoginDialog(context, data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _sign_in(qtbot: QtBot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.clear()
    type_text(dialog.username, username)
    type_text(dialog.password, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_login_with_a_wrong_password_shows_the_message_and_clears_the_password(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    dialog = _login(qtbot, context, unit_desk)
    _sign_in(qtbot, dialog, "tuan.lm", "mật khẩu sai")
    assert dialog.message_text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert dialog.password.text() == ""
    assert dialog.isVisible() and context.actor == ""


def test_five_wrong_passwords_lock_the_account_in_the_dialog(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk
) -> None:
    dialog = _login(qtbot, context, unit_desk)
    for _ in range(MAX_FAILURES):
        _sign_in(qtbot, dialog, "tuan.lm", "mật khẩu sai")
    assert "Tài khoản đang bị khóa đến" in dialog.message_text()
    _sign_in(qtbot, dialog, "tuan.lm", PASSWORD)
    assert "bị khóa" in dialog.message_text()
    assert context.actor == ""


def test_login_in_english_signs_in_shows_english_and_remembers_the_language(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path, tmp_path: Path
) -> None:
    dialog = _login(qtbot, context, unit_desk, tmp_path)
    signed: list[object] = []
    dialog.signedIn.connect(signed.append)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.sign_in_button.text() == "Sign in"
    _sign_in(qtbot, dialog, "tuan.lm", "wrong password")
    assert dialog.message_text() == "Wrong user name or password."
    _sign_in(qtbot, dialog, "Tuan.LM", PASSWORD)

    assert len(signed) == 1 and dialog.result() == LoginDialog.DialogCode.Accepted
    assert (context.actor, context.actor_display, context.role) == ("tuan.lm", "Lê Minh Tuấn", "clerk")
    assert i18n.saved_language(tmp_path) == "en"
