"""Start-up: what the first paint imports, the first-run flow, and running without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desk_app.services.accounts import has_accounts
from desk_app.services.desk import Desk, default_data_dir
from desk_app.ui import i18n
from desk_app.ui.app import DeskLauncher, needs_display_fallback
from desk_app.ui.main_window import HOME
from tests.ui.test_shell_support import PASSWORD
from tests.ui.typing_helper import type_text

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "reportlab", "argon2", "desk_app.services", "desk_app.store", "desk_app.printing")


def test_the_first_paint_imports_no_services_store_sqlalchemy_or_reportlab() -> None:
    probe = (
        "import sys, desk_app.ui.app, desk_app.ui.main_window, desk_app.ui.home_page;"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_window_finds_the_same_default_data_folder_as_the_services() -> None:
    assert i18n.default_data_dir() == default_data_dir()


def test_first_run_goes_wizard_then_login_then_home(qtbot: QtBot, tmp_path: Path) -> None:
    launcher = DeskLauncher(tmp_path / "data", synchronous=True)
    qtbot.addWidget(launcher.window)
    with qtbot.waitSignal(launcher.window.firstPainted):
        launcher.start()
    wizard = launcher.wizard
    assert wizard is not None and wizard.isVisible()
    assert launcher.window.home.tiles["received_today"].value.text() == "0"  # the desk is open behind it

    page = wizard.unit_page
    for field, text in (
        (page.agency_id, "000.17.22.H56"),
        (page.parent_body, "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN"),
        (page.unit_name, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"),
        (page.place_name, "Đông Sơn"),
    ):
        type_text(field, text)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    admin = wizard.admin_page
    for field, text in ((admin.username, "admin"), (admin.full_name, "Đặng Văn Đức")):
        type_text(field, text)
    for field in (admin.password, admin.confirm):
        type_text(field, PASSWORD)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    login = launcher.login
    assert login is not None and login.isVisible()
    assert login.username.text() == "admin"
    type_text(login.password, PASSWORD)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    assert not login.isVisible()
    assert launcher.window.status.clerk_label.text() == "Cán bộ: Đặng Văn Đức (quản trị)"
    assert launcher.window.current_page() == HOME
    assert launcher.window.windowTitle() == "Một Cửa Desk — TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    launcher.shutdown()
    assert launcher.context.desk is not None
    reopened = Desk.open(tmp_path / "data")
    try:
        assert has_accounts(reopened)
    finally:
        reopened.close()


def test_closing_the_login_dialog_ends_the_run(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    desk = Desk.open(folder)
    desk.ensure_demo_unit()
    from desk_app.services.accounts import ensure_demo_account

    ensure_demo_account(desk)
    desk.close()
    launcher = DeskLauncher(folder, synchronous=True)
    qtbot.addWidget(launcher.window)
    with qtbot.waitSignal(launcher.window.firstPainted):
        launcher.start()
    assert launcher.wizard is None and launcher.login is not None
    with qtbot.waitSignal(launcher.finished) as finished:
        qtbot.mouseClick(launcher.login.quit_button, Qt.MouseButton.LeftButton)
    assert finished.args == [0]
    launcher.shutdown()


def _headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_without_a_display_run_says_so_saves_a_screenshot_of_the_demo_home_and_exits_0(tmp_path: Path) -> None:
    env = _headless_env()
    assert needs_display_fallback() is False  # this test process has its platform (offscreen)
    done = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--data-dir", str(tmp_path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Không tìm thấy màn hình" in done.stderr and "No display found" in done.stderr
    shots = list((tmp_path / "screenshots").glob("mot-cua-*.png"))
    assert len(shots) == 1 and shots[0].stat().st_size > 10_000
    assert str(shots[0]) in done.stdout
    desk = Desk.open(tmp_path)
    try:
        profile = desk.profile()
        assert profile is not None and profile.is_demo
    finally:
        desk.close()


def test_screenshot_option_writes_the_named_file(tmp_path: Path) -> None:
    target = tmp_path / "man-hinh.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desk_app.cli",
            "--data-dir",
            str(tmp_path / "data"),
            "run",
            "--screenshot",
            str(target),
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert target.exists() and str(target) in done.stdout
    assert "Không tìm thấy màn hình" not in done.stderr
