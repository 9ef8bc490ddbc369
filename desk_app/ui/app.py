"""Start the desk window: paint first, then open the data, then set-up or log-in, then the home page.

Start-up order, for speed (DESIGN §7: first paint ≤ 1.5 × a bare PySide6 window):
  1. QApplication, the translation of the saved language, the light main window — shown and painted.
     Nothing on this path imports the services, SQLAlchemy, Alembic or reportlab.
  2. After the first paint, ``Desk.open`` (imports, migration, catalogue) runs on the writer thread
     while the GUI thread builds the other pages; then ``DeskContext.set_desk``.
  3. No unit or no account yet: the setup wizard. Then the log-in dialog. Then the home page.

Without a display (Linux, no DISPLAY / WAYLAND_DISPLAY, QT_QPA_PLATFORM unset) the window cannot be
shown, so instead of dying with Qt's error ``run`` says so, starts its own Xvfb if there is one (else
Qt's offscreen platform), saves a screenshot of the window in the data folder, prints its path and
exits 0. ``--screenshot FILE`` does the same on purpose. A data folder with no unit gets the clearly
named demo unit and demo clerk there, so the picture shows the real home page.

Benchmarks set ``MOT_CUA_BENCH_EXIT=painted|usable`` (and ``MOT_CUA_BENCH_T0``, the wall-clock time the
process was started): the app prints one JSON line when the window is painted, or usable (latest
dossiers shown, the intake page ready for a scan; no log-in), with its peak RSS, and exits.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLineEdit

from desk_app.ui import i18n
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window import HOME, INTAKE, MainWindow, PlaceholderPage
from desk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    import subprocess

    from desk_app.services.accounts import Account
    from desk_app.services.desk import Desk

BENCH_ENV = "MOT_CUA_BENCH_EXIT"
BENCH_T0_ENV = "MOT_CUA_BENCH_T0"
BENCH_MODES = ("painted", "usable")
READY_TIMEOUT_MS = 30_000
_STARTED = time.time()

NO_DISPLAY_MESSAGE = (
    "Không tìm thấy màn hình (chưa đặt DISPLAY hay WAYLAND_DISPLAY): chạy trên màn hình ảo, lưu ảnh chụp "
    "cửa sổ vào thư mục dữ liệu rồi thoát.\n"
    "No display found (DISPLAY and WAYLAND_DISPLAY are unset): running on a virtual display, saving a "
    "screenshot of the window in the data folder, then exiting."
)


class Opened(NamedTuple):
    """What opening the data folder found."""

    desk: Desk
    needs_unit: bool
    needs_account: bool
    demo_account: Account | None


def open_desk(data_dir: Path | None, demo_unit: bool = False, demo_account: bool = False) -> Opened:
    """Runs on the writer thread: open (migrate, seed) the data folder; on an empty one the demo unit
    (and its demo clerk) if asked."""
    from desk_app.services.accounts import ensure_demo_account, has_accounts
    from desk_app.services.desk import Desk

    desk = Desk.open(data_dir)
    try:
        if demo_unit:
            desk.ensure_demo_unit()
        profile = desk.profile()
        is_demo = profile is not None and profile.is_demo
        account = ensure_demo_account(desk) if demo_account and is_demo else None
        return Opened(desk, profile is None, not has_accounts(desk), account)
    except BaseException:
        desk.close()
        raise


def peak_rss_mb() -> float | None:
    """This process's peak resident memory (VmHWM), in MB; None where /proc is not there."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class DeskLauncher(QObject):
    """Drives one start of the window: paint, open, set up, log in; or screenshot / benchmark and exit."""

    finished = Signal(int)  # the exit status, when the launcher itself ends the run

    def __init__(
        self,
        data_dir: Path | None,
        *,
        screenshot: Path | None = None,
        headless: bool = False,
        bench: str | None = None,
        synchronous: bool = False,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.screenshot = screenshot
        self.take_screenshot = headless or screenshot is not None
        self.bench = bench
        self.unattended = self.take_screenshot or bench is not None
        language = i18n.saved_language(data_dir or i18n.default_data_dir())
        i18n.set_language(language)
        self.tasks = TaskRunner(synchronous=synchronous)
        self.context = DeskContext(self.tasks, i18n.current_language())
        self.window = MainWindow(self.context)
        self.window.firstPainted.connect(self._after_paint)
        self._status_shown = False
        self.window.status.statusShown.connect(self._on_status_shown)
        self.wizard: Any = None
        self.login: Any = None
        self.exit_code: int | None = None
        self._ready_timer: QTimer | None = None

    def start(self) -> None:
        """Show the window; the rest follows its first paint."""
        self.window.show()

    def _after_paint(self) -> None:
        if self.bench == "painted":
            self._report("painted")
            return
        # The pages first, so that they are all there when the desk is attached (deskReady).
        self.window.build_pages()
        opening = lambda: open_desk(self.data_dir, self.unattended, self.take_screenshot)  # noqa: E731
        self.tasks.write(opening, self._on_opened, self._on_open_failed)

    def _on_opened(self, opened: Opened) -> None:
        if self.exit_code is not None or not self.window.isVisible():  # closed while the data was opening
            opened.desk.close()
            return
        if self.unattended:
            account = opened.demo_account
            self.context.actor = account.username if account else ""
            self.context.actor_display = account.full_name if account else ""
            self.context.role = "demo" if account else ""
            self.window.home.loaded.connect(self._wait_until_usable)
            self.context.set_desk(opened.desk)
            self.window.set_signed_in()
            return
        self.context.set_desk(opened.desk)
        if opened.needs_unit or opened.needs_account:
            self._show_wizard(opened.needs_unit)
        else:
            self._show_login()

    def _on_open_failed(self, error: BaseException) -> None:
        text = getattr(error, "text", None)
        vi = text("vi") if callable(text) else str(error)
        en = text("en") if callable(text) else repr(error)
        print(f"Không mở được dữ liệu: {vi}\nCould not open the data: {en}", file=sys.stderr)
        if not self.unattended:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(
                self.window,
                self.tr("Không mở được dữ liệu"),
                vi if self.context.language == "vi" else en,
            )
        self._finish(1)

    # -- set-up and log-in ----------------------------------------------------------------------

    def _show_wizard(self, needs_unit: bool) -> None:
        from desk_app.ui.setup_wizard import SetupWizard

        self.wizard = SetupWizard(self.context, needs_unit=needs_unit, parent=self.window)
        self.wizard.completed.connect(self._on_set_up)
        self.wizard.rejected.connect(lambda: self._finish(0))
        self.wizard.open()

    def _on_set_up(self, account: Any) -> None:
        self.window.context.deskReady.emit()  # the unit's name and figures changed
        self._show_login(account.username)

    def _show_login(self, username: str = "") -> None:
        from desk_app.ui.login_dialog import LoginDialog

        self.login = LoginDialog(self.context, self.data_dir or i18n.default_data_dir(), parent=self.window)
        self.login.signedIn.connect(lambda _account: self.window.set_signed_in())
        self.login.rejected.connect(lambda: self._finish(0))
        if username:
            self.login.prefill(username)
        self.login.open()

    # -- unattended runs ------------------------------------------------------------------------

    def _wait_until_usable(self) -> None:
        self.window.home.loaded.disconnect(self._wait_until_usable)
        self._ready_timer = QTimer(self)
        self._ready_timer.setInterval(5)
        self._ready_timer.timeout.connect(self._check_usable)
        self._ready_started = time.monotonic()
        self._check_usable()
        if self.exit_code is None:
            self._ready_timer.start()

    def intake_ready(self) -> bool:
        """Whether the intake page would take a scan now (a placeholder has nothing to wait for)."""
        page = self.window.pages[INTAKE]
        if isinstance(page, PlaceholderPage):
            return True
        fields = [edit for edit in page.findChildren(QLineEdit) if edit.isEnabled() and not edit.isReadOnly()]
        return page.isEnabled() and bool(fields)

    def _check_usable(self) -> None:
        timed_out = (time.monotonic() - self._ready_started) * 1000 > READY_TIMEOUT_MS
        ready = self.intake_ready() and (self._status_shown or not self.take_screenshot)
        if not (ready or timed_out):
            return
        if self._ready_timer is not None:
            self._ready_timer.stop()
        if self.bench == "usable":
            self._report("usable", intake_ready=not timed_out, latest=len(self.window.home.shown_codes()))
        elif self.take_screenshot:
            self._take_screenshot()

    def _on_status_shown(self) -> None:
        self._status_shown = True

    def _take_screenshot(self) -> None:
        self.window.show_page(HOME)
        QApplication.processEvents()
        assert self.context.desk is not None
        path = self.screenshot or (
            self.context.desk.data_dir / "screenshots" / f"mot-cua-{datetime.now():%Y%m%d-%H%M%S}.png"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        if not self.window.grab().save(str(path)):
            print(f"Không lưu được ảnh {path}\nCould not save the picture {path}", file=sys.stderr)
            self._finish(1)
            return
        print(f"Ảnh chụp cửa sổ / window screenshot: {path}")
        self._finish(0)

    def _report(self, event: str, **extra: Any) -> None:
        import json

        started = float(os.environ.get(BENCH_T0_ENV) or _STARTED)
        figures = {"event": event, "ms": round((time.time() - started) * 1000, 1), "rss_mb": peak_rss_mb(), **extra}
        print(json.dumps(figures), flush=True)
        self._finish(0)

    def _finish(self, code: int) -> None:
        if self.exit_code is None:
            self.exit_code = code
            self.finished.emit(code)  # ``run`` ends the event loop on it

    def shutdown(self) -> None:
        """Close the window (waits for background jobs, closes the desk)."""
        if self._ready_timer is not None:
            self._ready_timer.stop()
        self.window.close()
        self.tasks.wait()


# -- no display: a virtual one, or offscreen --------------------------------------------------------


def needs_display_fallback() -> bool:
    """Linux with no display and no platform chosen: showing a window would abort in Qt."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


XCB_PROBE_ENV = "MOT_CUA_XCB_PROBE"


def xcb_probe() -> None:
    """Start a Qt GUI application and exit: run in a child to see whether xcb works (it may abort)."""
    from PySide6.QtGui import QGuiApplication

    QGuiApplication(["probe"])


def _xcb_works() -> bool:
    """Whether Qt's xcb platform starts on $DISPLAY (its libraries may be missing: Qt would abort).

    Asked of a child process: ``python -c`` from a checkout, the bundle's own executable (whose
    ``sys.executable`` is the desk itself) told by ``XCB_PROBE_ENV`` to only probe."""
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    if getattr(sys, "frozen", False):
        command = [sys.executable]
        env[XCB_PROBE_ENV] = "1"
    else:
        command = [sys.executable, "-c", "from desk_app.ui.app import xcb_probe; xcb_probe()"]
    try:
        done = subprocess.run(command, env=env, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def start_virtual_display() -> subprocess.Popen[bytes] | None:
    """Start ``Xvfb`` on a free display number and point DISPLAY at it; None if that is not possible."""
    import select
    import shutil
    import subprocess

    program = shutil.which("Xvfb")
    if program is None:
        return None
    read_end, write_end = os.pipe()
    try:
        server = subprocess.Popen(
            [program, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    os.close(write_end)
    # Read the whole line: Xvfb writes the number and the newline apart, and dies if the pipe is gone.
    answer = b""
    deadline = time.monotonic() + 15
    while not answer.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(read_end, 32) if ready else b""
        if not chunk:
            break
        answer += chunk
    os.close(read_end)
    number = answer.decode().strip()
    if number.isdigit():
        os.environ["DISPLAY"] = f":{number}"
        if _xcb_works():
            os.environ["QT_QPA_PLATFORM"] = "xcb"
            return server
        del os.environ["DISPLAY"]
    stop_virtual_display(server)
    return None


def stop_virtual_display(server: subprocess.Popen[bytes] | None) -> None:
    """Stop the Xvfb this process started."""
    if server is None:
        return
    import subprocess

    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# -- entry point ------------------------------------------------------------------------------------


def run(data_dir: Path | None, screenshot: str | None = None) -> int:
    """Open the desk window (the ``desk-app`` command); returns the exit status."""
    bench = os.environ.get(BENCH_ENV) or None
    if bench not in (None, *BENCH_MODES):
        print(f"{BENCH_ENV} phải là / must be one of: {', '.join(BENCH_MODES)}", file=sys.stderr)
        return 2
    server = None
    headless = needs_display_fallback()
    if headless:
        print(NO_DISPLAY_MESSAGE, file=sys.stderr, flush=True)
        server = start_virtual_display()
        if server is None:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "desk-app"])
        assert isinstance(app, QApplication)
        app.setApplicationName(i18n.APP_NAME)
        shot = Path(screenshot).resolve() if screenshot else None
        launcher = DeskLauncher(data_dir, screenshot=shot, headless=headless and bench is None, bench=bench)
        launcher.finished.connect(app.exit)
        launcher.start()
        code = app.exec()
        launcher.shutdown()
        return launcher.exit_code if launcher.exit_code is not None else code
    finally:
        stop_virtual_display(server)


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
