"""The desk's main window: navigation on the left, one page at a time, sync figures in the status bar.

Built to paint fast: the constructor makes only the frame, the navigation, the status bar and the
home page (none of which imports the services or the store). The other pages — intake, dossier
list, dossier page — are built by ``build_pages()`` right after the first paint, each from its module
if that module exists yet (they are written alongside this one), else a placeholder saying so.

Keyboard first: F2 opens a new intake from anywhere, F3 the dossier list, Ctrl+Q quits. The status
bar (``desk_app.ui.status_bar``) shows the clerk and the sync figures. While the desk is open and a
clerk is signed in, the scanner folder the admin chose is polled every 30 seconds on the writer
thread (``poll_scanner_folder``). Closing waits for the background jobs and closes the desk, so
nothing is cut mid-write.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from desk_app.ui.context import DeskContext
from desk_app.ui.home_page import HomePage
from desk_app.ui.status_bar import DeskStatusBar

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

HOME, INTAKE, LIST, DOSSIER, REPORT, ADMIN = "home", "intake", "list", "dossier", "report", "admin"
NAVIGATION = (HOME, INTAKE, LIST, REPORT, ADMIN)  # the dossier page opens from a dossier, not from the menu
NAVIGATION_STYLE = (
    "QWidget#navigation { background: #1a3c6e; }"
    "QWidget#navigation QPushButton { color: white; background: transparent; border: none; text-align: left;"
    " padding: 14px 18px; font-size: 12pt; }"
    "QWidget#navigation QPushButton:checked { background: #2d5fa3; font-weight: bold; }"
    "QWidget#navigation QPushButton:hover { background: #24508c; }"
    "QWidget#navigation QPushButton:focus { outline: none; border-left: 4px solid #f6c744; }"
)
_PAGE_MODULES = {
    INTAKE: ("desk_app.ui.intake_page", "IntakePage"),
    LIST: ("desk_app.ui.dossier_list_page", "DossierListPage"),
    DOSSIER: ("desk_app.ui.dossier_page", "DossierPage"),
    REPORT: ("desk_app.ui.report_page", "ReportPage"),
    ADMIN: ("desk_app.ui.admin_page", "AdminPage"),
}
REPORT_ROLES = ("leader", "admin")
SCANNER_POLL_MS = 30_000


def _daily_backup(desk: Any) -> Any:
    from desk_app.services.backup import maybe_daily_backup

    return maybe_daily_backup(desk)


def _import_scans(desk: Any, actor: str) -> tuple[int, list[str]]:
    """Runs on the writer thread: files imported from the scanner folder, and the touched dossiers' ids."""
    from desk_app.services.scans import import_from_scanner_folder

    report = import_from_scanner_folder(desk, actor)
    if report is None:
        return 0, []
    ids: list[str] = []
    for code in dict.fromkeys(code for _name, code in report.attached):
        found = desk.dossier(code)
        if found is not None:
            ids.append(found[0].dossier_id)
    return len(report.attached), ids


def load_page_class(module_name: str, class_name: str) -> type[QWidget] | None:
    """A page class from its module, or None while that module does not exist yet.

    Only the module's own absence counts: an error inside an existing module is a bug and is raised.
    """
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            return None
        raise
    return getattr(module, class_name, None)


class PlaceholderPage(QLabel):
    """Stands in for a page whose module is not there yet."""

    def __init__(self, title: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.setStyleSheet("qproperty-alignment: AlignCenter; font-size: 13pt; color: #555;")
        self.setWordWrap(True)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read the text in the current language."""
        self.setText(self.tr("{page}\n\n(Trang này đang được xây dựng.)").format(page=self._title()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class MainWindow(QMainWindow):
    """The frame every page lives in."""

    firstPainted = Signal()
    pagesBuilt = Signal()

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.pages: dict[str, QWidget] = {}
        self._painted = False
        self._closing = False
        self.unit_name = ""
        self.slip_preview: QWidget | None = None
        self.setMinimumSize(1024, 640)
        self.resize(1280, 800)

        # A column of checkable buttons rather than a list view: item views cost ~10 ms more to set up.
        self.navigation = QWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(240)
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
        column = QVBoxLayout(self.navigation)
        column.setContentsMargins(0, 12, 0, 12)
        column.setSpacing(2)
        self.nav_buttons: dict[str, QPushButton] = {}
        for key in NAVIGATION:
            button = QPushButton()
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.clicked.connect(lambda _checked=False, key=key: self._on_navigation(key))
            column.addWidget(button)
            self.nav_buttons[key] = button
        column.addStretch(1)
        self.stack = QStackedWidget()
        self.home = HomePage(context)
        self.home.newDossierRequested.connect(self.show_intake)
        self.home.loaded.connect(self._on_home_loaded)
        self._status_after_home = False
        self._backup_started = False
        self._scan_polling = False
        self.scanner_timer = QTimer(self)
        self.scanner_timer.setInterval(SCANNER_POLL_MS)
        self.scanner_timer.timeout.connect(self.poll_scanner_folder)
        self._add_page(HOME, self.home)
        for key in (INTAKE, LIST, DOSSIER, REPORT, ADMIN):
            self._add_page(key, PlaceholderPage(lambda key=key: self.page_title(key)))
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        # Until a clerk signs in, the pages (citizens' names, codes) stay hidden behind this line: the
        # window paints and loads at once, but shows nothing of the dossiers to whoever sits in front.
        # (Centred by stretches, not by an alignment flag: the first use of the Qt namespace builds its
        # enums, ~15 ms before the first paint.)
        self.locked = QLabel()
        self.locked.setObjectName("lockedNotice")
        self.locked_area = QWidget()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.locked)
        row.addStretch(1)
        centred = QVBoxLayout(self.locked_area)
        centred.addStretch(1)
        centred.addLayout(row)
        centred.addStretch(1)
        layout.addWidget(self.locked_area, 1)
        self.stack.hide()
        self.navigation.setEnabled(False)
        self.setCentralWidget(central)

        self.status = DeskStatusBar(context)
        self.setStatusBar(self.status)

        self._shortcuts: list[QShortcut] = []
        context.deskReady.connect(self._on_desk_ready)
        context.openDossier.connect(self.show_dossier)
        self.installEventFilter(self)
        self.nav_buttons[HOME].setChecked(True)
        self.nav_buttons[ADMIN].hide()  # shown to an admin once signed in
        self.nav_buttons[REPORT].hide()  # shown to a leader or an admin once signed in
        self.retranslate()

    def install_shortcuts(self) -> None:
        """F2 new intake, F3 dossier list, Ctrl+Q quit — anywhere in the window (after the first paint)."""
        if self._shortcuts:
            return
        for keys, slot in (("F2", self.show_intake), ("F3", self.show_list), ("Ctrl+Q", self.close)):
            shortcut = QShortcut(QKeySequence(keys), self)  # the default context: anywhere in this window
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

    def _add_page(self, key: str, page: QWidget) -> None:
        old = self.pages.get(key)
        if old is None:
            self.stack.addWidget(page)
        else:
            index = self.stack.indexOf(old)
            current = self.stack.currentWidget() is old
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            if current:
                self.stack.setCurrentWidget(page)
        self.pages[key] = page

    # -- strings --------------------------------------------------------------------------------

    def page_title(self, key: str) -> str:
        """The name of a page as the navigation shows it."""
        return {
            HOME: self.tr("Trang chủ"),
            INTAKE: self.tr("Tiếp nhận hồ sơ (F2)"),
            LIST: self.tr("Danh sách hồ sơ (F3)"),
            DOSSIER: self.tr("Hồ sơ"),
            REPORT: self.tr("Báo cáo"),
            ADMIN: self.tr("Quản trị"),
        }[key]

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        if self.unit_name:
            self.setWindowTitle(self.tr("Một Cửa Desk — {unit}").format(unit=self.unit_name))
        else:
            self.setWindowTitle(self.tr("Một Cửa Desk"))
        self.locked.setText(self.tr("Đăng nhập để bắt đầu làm việc"))
        for key, button in self.nav_buttons.items():
            button.setText(self.page_title(key))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- pages ----------------------------------------------------------------------------------

    def build_pages(self) -> None:
        """Replace the placeholders by the real pages whose modules exist, add the shortcuts (after the paint)."""
        self.install_shortcuts()
        for key, (module_name, class_name) in _PAGE_MODULES.items():
            if not isinstance(self.pages[key], PlaceholderPage):
                continue
            page_class = load_page_class(module_name, class_name)
            if page_class is not None:
                self._add_page(key, page_class(self.context))
        reprint = getattr(self.pages[DOSSIER], "reprintRequested", None)
        if reprint is not None:
            reprint.connect(self.reprint_slip)
        form_requested = getattr(self.pages[DOSSIER], "formRequested", None)
        if form_requested is not None:
            form_requested.connect(self.print_form)
        self.pagesBuilt.emit()

    def current_page(self) -> str:
        """The key of the page on screen."""
        current = self.stack.currentWidget()
        return next(key for key, page in self.pages.items() if page is current)

    def show_page(self, key: str) -> QWidget:
        """Bring a page to the front (and mark it in the navigation)."""
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        for name, button in self.nav_buttons.items():
            if name == key:
                button.setChecked(True)
        if key not in NAVIGATION:  # nothing of the menu is on screen: uncheck all
            for button in self.nav_buttons.values():
                button.setAutoExclusive(False)
                button.setChecked(False)
                button.setAutoExclusive(True)
        return page

    def _on_navigation(self, key: str) -> None:
        actions = {
            HOME: self.show_home,
            INTAKE: self.show_intake,
            LIST: self.show_list,
            REPORT: self.show_report,
            ADMIN: self.show_admin,
        }
        actions[key]()

    def show_home(self) -> None:
        """The home page, refreshed."""
        self.show_page(HOME)
        self.home.refresh()

    def show_intake(self) -> None:
        """A new intake (F2, from anywhere)."""
        page = self.show_page(INTAKE)
        start = getattr(page, "new_dossier", None)
        if callable(start):
            start()
        else:
            page.setFocus()

    def show_list(self) -> None:
        """The dossier list, its search box focused (F3)."""
        page = self.show_page(LIST)
        box = getattr(page, "search_box", None)
        (box or page).setFocus()

    def show_report(self) -> None:
        """The period report (leaders and admins only: the page refuses anyone else too)."""
        page = self.show_page(REPORT)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def show_admin(self) -> None:
        """Users and the unit's calendar (administrators only: the page refuses anyone else too)."""
        page = self.show_page(ADMIN)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def show_dossier(self, code_or_id: str) -> None:
        """A dossier's page (``DeskContext.openDossier``)."""
        page = self.show_page(DOSSIER)
        show = getattr(page, "show_dossier", None)
        if callable(show):
            show(code_or_id)

    def reprint_slip(self, dossier_id: str) -> None:
        """Show a dossier's Mẫu 01 slip again, ready to print (the dossier page's "In lại" button)."""
        desk = self.context.desk
        if desk is None:
            return
        clerk = self.context.actor_display
        job = lambda: _slip_for_reprint(desk, dossier_id, clerk)  # noqa: E731
        self.context.tasks.read(job, self._show_slip, self._slip_failed, owner=self)

    def print_form(self, dossier_id: str, kind: str) -> None:
        """Archive the form of the action just recorded (Mẫu 02–05) off the GUI thread, then preview it."""
        desk = self.context.desk
        if desk is None:
            return
        clerk = self.context.actor_display
        job = lambda: _archive_form(desk, dossier_id, kind, clerk)  # noqa: E731
        show = lambda path: self._show_slip(path, self.tr("Biểu mẫu — {name}").format(name=path.stem))  # noqa: E731
        self.context.tasks.read(job, show, self._form_failed, owner=self)

    def _form_failed(self, error: BaseException) -> None:
        message = self.context.error_text(error)
        self.status.showMessage(self.tr("Không in được mẫu của thao tác: {error}").format(error=message), 15_000)

    def _show_slip(self, path: Path, title: str | None = None) -> None:
        dialog_class = load_page_class("desk_app.ui.slip_preview", "SlipPreviewDialog")
        if dialog_class is None:
            return
        self.slip_preview = dialog_class(path, self, title=title)
        self.slip_preview.open()

    def _slip_failed(self, error: BaseException) -> None:
        message = self.context.error_text(error)
        self.status.showMessage(self.tr("Không in lại được giấy tiếp nhận: {error}").format(error=message), 15_000)

    # -- desk, clerk, sync status ----------------------------------------------------------------

    def _on_desk_ready(self) -> None:
        desk = self.context.desk
        profile = desk.profile() if desk is not None else None
        self.unit_name = profile.unit_name if profile else ""
        self.retranslate()
        # Counting unsynced events scans an index of every event: let the home page load first.
        if self.home.loading:
            self._status_after_home = True
        else:
            self.status.start()
        self._update_scanner_poll()

    def _on_home_loaded(self) -> None:
        if self._status_after_home:
            self._status_after_home = False
            self.status.start()
        self._start_daily_backup()

    def _start_daily_backup(self) -> None:
        """Today's automatic backup of a real unit's data, once, on a reader thread (it only reads)."""
        desk = self.context.desk
        profile = desk.profile() if desk is not None else None
        if desk is None or profile is None or profile.is_demo or self._backup_started:
            return
        self._backup_started = True
        self.context.tasks.read(lambda: _daily_backup(desk), self._on_backup, self._on_backup_failed, owner=self)

    def _on_backup(self, path: Any) -> None:
        if path is not None:
            self.status.showMessage(self.tr("Đã sao lưu dữ liệu hôm nay: {path}").format(path=path), 15_000)

    def _on_backup_failed(self, error: BaseException) -> None:
        message = self.context.error_text(error)
        self.status.showMessage(self.tr("Chưa sao lưu được dữ liệu hôm nay: {error}").format(error=message), 60_000)

    def set_signed_in(self) -> None:
        """Show the clerk now in ``context.actor`` (after log-in), the pages, and the admin entry to an admin only."""
        self.locked_area.hide()
        self.stack.show()
        self.navigation.setEnabled(True)
        self.status.show_clerk()
        self.nav_buttons[ADMIN].setVisible(self.context.role == "admin")
        self.nav_buttons[REPORT].setVisible(self.context.role in REPORT_ROLES)
        if (self.context.role != "admin" and self.current_page() == ADMIN) or (
            self.context.role not in REPORT_ROLES and self.current_page() == REPORT
        ):
            self.show_home()
        self._update_scanner_poll()

    # -- scanner folder ---------------------------------------------------------------------------

    def _update_scanner_poll(self) -> None:
        """Poll the scanner folder only while the desk is open and someone is signed in."""
        if self.context.desk is not None and self.context.actor and not self._closing:
            if not self.scanner_timer.isActive():
                self.scanner_timer.start()
        else:
            self.scanner_timer.stop()

    def poll_scanner_folder(self) -> None:
        """Import the scanner folder's files (if the admin chose one) on the writer thread, as the clerk."""
        desk, actor = self.context.desk, self.context.actor
        if desk is None or not actor or self._closing or self._scan_polling:
            return
        self._scan_polling = True
        self.context.tasks.write(
            lambda: _import_scans(desk, actor), self._on_scans_imported, self._on_scan_poll_failed, owner=self
        )

    def _on_scans_imported(self, result: tuple[int, list[str]]) -> None:
        self._scan_polling = False
        count, dossier_ids = result
        if count > 0:
            self.status.showMessage(self.tr("Đã nhập {count} tệp quét").format(count=count), 15_000)
        for dossier_id in dossier_ids:
            self.context.dossierChanged.emit(dossier_id)

    def _on_scan_poll_failed(self, error: BaseException) -> None:
        self._scan_polling = False
        message = self.context.error_text(error)
        self.status.showMessage(self.tr("Không nhập được tệp quét: {error}").format(error=message), 15_000)

    # -- painting and closing -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Notice the first paint (start-up measures it; the desk opens after it)."""
        if watched is self and not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Stop the timers, let running jobs finish, close the desk."""
        if not self._closing:
            self._closing = True
            self.scanner_timer.stop()
            self.status.stop()
            self.home.stop()
            for page in self.pages.values():
                stop = getattr(page, "stop", None)
                if callable(stop) and page is not self.home:
                    stop()
            self.context.tasks.wait()
            desk = self.context.desk
            if desk is not None:
                desk.close()
        super().closeEvent(event)


def _archive_form(desk: Desk, dossier_id: str, kind: str, clerk_name: str) -> Path:
    """Runs off the GUI thread (it only reads the database): the form archived under forms/yyyy/mm/."""
    from desk_app.services.forms import archive_form

    return archive_form(desk, dossier_id, kind, clerk_name)


def _slip_for_reprint(desk: Desk, dossier_id: str, clerk_name: str) -> Path:
    """Runs off the GUI thread: the slip as archived when the dossier was received, else made again,
    signed by the clerk who received the dossier (or the one reprinting, if that account is gone)."""
    from desk_app.domain.errors import DeskError
    from desk_app.domain.events import EventKind
    from desk_app.services.accounts import full_name_of
    from desk_app.services.slips import archive_path, archive_slip

    found = desk.dossier(dossier_id)
    if found is None:
        raise DeskError(
            f"Không có hồ sơ «{dossier_id}» trên máy này", f"There is no dossier '{dossier_id}' on this desk"
        )
    state, events = found
    archived = archive_path(desk, state)
    if archived.exists():
        return archived
    receiver = next((event.actor for event in events if event.kind is EventKind.RECEIVED), "")
    return archive_slip(desk, state, full_name_of(desk, receiver) or clerk_name)
