"""Render the desk's main screens to PNG in docs/screenshots/, from a demo data folder, under Xvfb.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--dossiers 300] [--data-dir DIR]

Screens: home (Vietnamese and English), intake (a card scanned, a procedure chosen), the dossier
list (a toneless search), a dossier's page, and the Mẫu 01 slip (its PDF rendered by ``pdftoppm``).
Pages that do not exist yet are skipped. Without a display the script starts its own Xvfb (installing
it with apt-get when run as root and it is missing); the window is drawn by the real xcb platform
with the system's fonts, so missing glyphs and clipped Vietnamese marks show as a clerk would see
them. Look at every picture before committing it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk_app.domain.errors import DeskError  # noqa: E402

SIZE = (1280, 800)
CARD_QR = (
    "038190012345|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|"
    "Thôn Hiệp Khởi, xã Đông Sơn, huyện Đông Sơn, tỉnh Thanh Hóa|15042021"
)
APT_PACKAGES = ("xvfb", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0", "libxcb-cursor0")


def ensure_display() -> object | None:
    """A display for Qt's xcb platform: the current one, or an Xvfb started here (returned, to stop)."""
    if os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
        return None
    if shutil.which("Xvfb") is None and hasattr(os, "geteuid") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", *APT_PACKAGES], check=False, stdout=subprocess.DEVNULL)
    from desk_app.ui.app import start_virtual_display

    server = start_virtual_display()
    if server is None:
        sys.exit("Xvfb (và thư viện xcb của Qt) không có / Xvfb or Qt's xcb libraries are missing")
    return server


TODAY = (
    ("Lê Thị Ngọc Ánh", "038192004567", "2.000815", "Thôn Trung, xã Đông Sơn, tỉnh Thanh Hóa"),
    ("Đặng Văn Đức", "001085004321", "1.001193", "Số 5 ngõ 12 phố Huế, phường Hai Bà Trưng, Hà Nội"),
    ("Phạm Minh Khôi", "038095001122", "2.000815", "Thôn Hiệp Khởi, xã Đông Sơn, tỉnh Thanh Hóa"),
    ("Nguyễn Thị Thu Hương", "038190012345", "1.000894", "Thôn Hiệp Khởi, xã Đông Sơn, tỉnh Thanh Hóa"),
)


def make_data(folder: Path, dossiers: int) -> None:
    """A demo folder: ``dossiers`` demo dossiers up to last evening, and a few received at this desk today.

    The demo history stops yesterday so that today's dossier numbers are all issued by the desk itself.
    """
    from desk_app.domain.intake import IntakeForm, PaperReceived, Person
    from desk_app.services.accounts import ensure_demo_account
    from desk_app.services.demo_data import generate
    from desk_app.services.desk import Desk

    fresh = not (folder / "desk.sqlite3").exists()
    desk = Desk.open(folder)
    try:
        desk.ensure_demo_unit()
        ensure_demo_account(desk)
        if not fresh:
            return
        now = datetime.now().replace(second=0, microsecond=0)
        generate(desk, dossiers, now=now.replace(hour=17, minute=0) - timedelta(days=1), workers=1)
        for name, number, code, address in TODAY:
            try:
                papers = tuple(PaperReceived(p.name, p.originals, p.copies) for p in desk.procedure(code).papers)
                person = Person(name, number, address=address, phone="0912345678")
                desk.receive(IntakeForm(applicant=person, procedure_code=code, papers=papers), "demo")
            except DeskError as error:  # a catalogue without this code: one example fewer
                print(f"  (bỏ qua / skipped {code}: {error.english})", file=sys.stderr)
    finally:
        desk.close()


class Shooter:
    """Drives one real main window over the demo folder and saves what it shows."""

    def __init__(self, folder: Path, out: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from desk_app.services.accounts import ensure_demo_account
        from desk_app.services.desk import Desk
        from desk_app.ui import i18n
        from desk_app.ui.context import DeskContext
        from desk_app.ui.main_window import MainWindow
        from desk_app.ui.tasks import TaskRunner

        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.app.setApplicationName(i18n.APP_NAME)
        self.out = out
        self.desk = Desk.open(folder)
        account = ensure_demo_account(self.desk)
        i18n.set_language(i18n.VIETNAMESE)
        self.context = DeskContext(TaskRunner(synchronous=True), i18n.VIETNAMESE)
        self.context.actor, self.context.actor_display, self.context.role = account.username, account.full_name, "demo"
        self.window = MainWindow(self.context)
        self.window.resize(*SIZE)
        self.window.show()
        self.window.build_pages()
        self.context.set_desk(self.desk)
        self.window.set_signed_in()
        self.settle()

    def settle(self, rounds: int = 20) -> None:
        """Let timers, layouts and repaints run."""
        from PySide6.QtTest import QTest

        for _ in range(rounds):
            QTest.qWait(15)

    def save(self, name: str) -> Path:
        """Grab the whole window into ``name``.png."""
        self.settle()
        path = self.out / f"{name}.png"
        self.window.grab().save(str(path))
        print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        return path

    def shoot(self, name: str, step: Callable[[], bool]) -> None:
        """Run ``step`` (False: the page is not there yet) and save the window."""
        try:
            ready = step()
        except Exception as error:  # noqa: BLE001 - one broken page must not stop the others
            print(f"  {name}: bỏ qua / skipped ({type(error).__name__}: {error})", file=sys.stderr)
            return
        if ready:
            self.save(name)
        else:
            print(f"  {name}: trang chưa có / page not there yet", file=sys.stderr)

    def home(self) -> bool:
        self.window.show_home()
        return True

    def home_english(self) -> bool:
        from desk_app.ui import i18n

        self.context.language = i18n.ENGLISH
        if not i18n.set_language(i18n.ENGLISH):
            raise RuntimeError("mot_cua_en.qm missing: run tools/build_translations.sh")
        self.window.show_home()
        return True

    def back_to_vietnamese(self) -> None:
        from desk_app.ui import i18n

        self.context.language = i18n.VIETNAMESE
        i18n.set_language(i18n.VIETNAMESE)

    def intake(self) -> bool:
        from desk_app.ui.main_window import INTAKE, PlaceholderPage

        self.window.show_intake()
        page = self.window.pages[INTAKE]
        if isinstance(page, PlaceholderPage):
            return False
        page.take_scan(CARD_QR)
        page.picker.search.setText("khai sinh")
        page.picker.choose(0)
        return True

    def dossier_list(self) -> bool:
        from desk_app.ui.main_window import LIST, PlaceholderPage

        self.window.show_list()
        page = self.window.pages[LIST]
        if isinstance(page, PlaceholderPage):
            return False
        page.search_box.setText("nguyen thi")
        page.apply_filters()
        return True

    def dossier(self) -> bool:
        from desk_app.domain.events import Status
        from desk_app.store.search import DossierQuery
        from desk_app.ui.main_window import DOSSIER, PlaceholderPage

        if isinstance(self.window.pages[DOSSIER], PlaceholderPage):
            return False
        rows = self.desk.find(DossierQuery(statuses=(Status.RETURNED,), limit=1)) or self.desk.find(
            DossierQuery(limit=1)
        )
        self.context.openDossier.emit(rows[0].code)
        return True

    def report(self) -> bool:
        """The leaders' report page for the current month, with its chart (seen as a leader)."""
        from desk_app.ui.main_window import REPORT, PlaceholderPage

        if REPORT not in self.window.pages or isinstance(self.window.pages[REPORT], PlaceholderPage):
            return False
        self.context.role = "leader"
        self.window.set_signed_in()
        self.window.show_report()
        page = self.window.pages[REPORT]
        page.view()
        if hasattr(page, "view_day"):
            page.view_day()
        return True

    def slip(self) -> None:
        """The Mẫu 01 slip of this morning's first dossier, page 1 of its PDF, via pdftoppm."""
        try:
            from desk_app.services.slips import slip_pdf
        except ImportError:
            print("  slip: chưa có dịch vụ in / no slip service yet", file=sys.stderr)
            return
        if shutil.which("pdftoppm") is None:
            print("  slip: cần pdftoppm (poppler-utils) / pdftoppm missing", file=sys.stderr)
            return
        from desk_app.store.search import DossierQuery

        code = self.desk.find(DossierQuery(limit=1))[0].code  # received by this desk today: all details
        with tempfile.TemporaryDirectory() as scratch:
            pdf = Path(scratch) / "slip.pdf"
            pdf.write_bytes(slip_pdf(self.desk, code, self.context.actor_display))
            target = self.out / "slip"
            subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)])
        print(f"  {(self.out / 'slip.png').relative_to(ROOT) if self.out.is_relative_to(ROOT) else target}.png")

    def close(self) -> None:
        """Close the window (waits for jobs, closes the desk)."""
        self.window.close()
        self.context.tasks.wait()

    def admin_calendar(self) -> bool:
        """The administrator's calendar: the unit's own days above, the province's published days below."""
        from datetime import date

        from desk_app.domain.work_calendar import CalendarOverride
        from desk_app.ui.main_window import ADMIN, PlaceholderPage

        if ADMIN not in self.window.pages or isinstance(self.window.pages[ADMIN], PlaceholderPage):
            return False
        year = date.today().year
        reason = "Nghỉ cuối năm theo quyết định của tỉnh"
        province = CalendarOverride(date(year, 12, 31), False, reason, "QĐ 15/QĐ-UBND")
        own = CalendarOverride(date(year, 12, 26), True, "Làm bù cho ngày nghỉ 31/12", "Thông báo của UBND xã")
        self.desk.set_calendar_overrides([province], published=True)
        self.desk.set_calendar_overrides([own])
        self.context.role = "admin"
        self.window.set_signed_in()
        self.window.show_admin()
        page = self.window.pages[ADMIN]
        page.tabs.setCurrentWidget(page.calendar)
        page.calendar.refresh()
        page.calendar.year.setValue(year)
        return True


def main() -> int:
    """Make the pictures; the data folder is a temporary one unless given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--dossiers", type=int, default=300)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    server = ensure_display()
    scratch = None
    try:
        folder = args.data_dir
        if folder is None:
            scratch = tempfile.TemporaryDirectory(prefix="mot-cua-screens-")
            folder = Path(scratch.name)
        make_data(folder, args.dossiers)
        args.out.mkdir(parents=True, exist_ok=True)
        i18n_dir = ROOT / "resources" / "i18n"
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        subprocess.run(
            [str(lrelease), "-silent", str(i18n_dir / "mot_cua_en.ts"), "-qm", str(i18n_dir / "mot_cua_en.qm")]
        )
        shooter = Shooter(folder, args.out.resolve())
        shooter.shoot("home", shooter.home)
        shooter.shoot("intake", shooter.intake)
        shooter.shoot("dossier-list", shooter.dossier_list)
        shooter.shoot("dossier", shooter.dossier)
        shooter.shoot("report", shooter.report)
        shooter.shoot("admin-calendar", shooter.admin_calendar)
        shooter.shoot("home-en", shooter.home_english)
        shooter.back_to_vietnamese()
        shooter.slip()
        shooter.close()
    finally:
        if scratch is not None:
            scratch.cleanup()
        if server is not None:
            from desk_app.ui.app import stop_virtual_display

            stop_virtual_display(server)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
