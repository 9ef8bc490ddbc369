"""The window's status bar: who is signed in, how far the desk is from the centre, and the sync button.

``Chưa đồng bộ: N sự kiện`` counts the events the centre has not accepted yet, ``Lần đồng bộ cuối``
says when the last sync succeeded, a red line warns when the desk clock is off from the centre's
(the slip's date is a legal date). All of it is read off the GUI thread (``sync_status``): when the
desk is ready (after the home page, since counting scans an index of every event), when a dossier
changes, after each sync and every minute.

The "Đồng bộ" button stays disabled ("Chưa cấu hình máy chủ tỉnh") until the desk is enrolled with
the provincial centre (``desk-app enroll``); then it syncs now, and ``SyncController`` also syncs in
the background every few minutes. Its lines ("Đang đồng bộ…", "Đồng bộ xong…", or why it failed)
show next to the button.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from desk_app.ui.context import DeskContext

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

REFRESH_MS = 60_000
_LABEL_STYLE = "padding: 0 10px;"


def _read_status(desk: Desk) -> Any:
    """Runs off the GUI thread (the services are imported once the desk is open)."""
    from desk_app.services.sync_state import sync_status

    return sync_status(desk)


def format_sync_time(value: str | None) -> str | None:
    """An ISO time of the sync as the desk shows it, in local time: ``HH:MM dd/mm/yyyy``."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment:%H:%M %d/%m/%Y}"


class DeskStatusBar(QStatusBar):
    """Clerk, unsynced events, last sync, clock warning, sync line and button."""

    statusShown = Signal()  # the sync figures were read and shown

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.clerk_label = QLabel()
        self.clock_label = QLabel()
        self.clock_label.setStyleSheet(f"{_LABEL_STYLE} color: #c62828; font-weight: bold;")
        self.clock_label.hide()
        self.sync_line = QLabel()
        self.unsynced_label = QLabel()
        self.last_sync_label = QLabel()
        self.sync_button = QPushButton()
        self.sync_button.setEnabled(False)
        self.sync_button.clicked.connect(self.sync_now)
        for label in (self.clerk_label, self.sync_line, self.unsynced_label, self.last_sync_label):
            label.setStyleSheet(_LABEL_STYLE)
        self.addWidget(self.clerk_label)
        self.addWidget(self.clock_label)
        self.addPermanentWidget(self.sync_line)
        self.addPermanentWidget(self.unsynced_label)
        self.addPermanentWidget(self.last_sync_label)
        self.addPermanentWidget(self.sync_button)
        self.status: Any = None  # desk_app.services.sync_state.SyncStatus, once read
        self.controller: Any = None  # desk_app.ui.sync_controller.SyncController, once enrolled
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        context.dossierChanged.connect(lambda _dossier_id: self.refresh())
        self.retranslate()

    # -- strings --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.sync_button.setText(self.tr("Đồng bộ"))
        self.show_clerk()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def role_label(self, role: str) -> str:
        """An account role in the current language."""
        return {
            "clerk": self.tr("cán bộ một cửa"),
            "leader": self.tr("lãnh đạo"),
            "admin": self.tr("quản trị"),
            "demo": self.tr("tài khoản demo"),
        }.get(role, role)

    def show_clerk(self) -> None:
        """Show the clerk in ``context.actor`` (after log-in)."""
        context = self.context
        if not context.actor:
            self.clerk_label.setText(self.tr("Chưa đăng nhập"))
            return
        role = self.role_label(context.role)
        self.clerk_label.setText(self.tr("Cán bộ: {name} ({role})").format(name=context.actor_display, role=role))

    def _show_status(self) -> None:
        status = self.status
        enrolled = bool(status and status.enrolled)
        self.sync_button.setEnabled(enrolled)
        self.sync_button.setToolTip(
            self.tr("Đồng bộ với trung tâm tỉnh ngay") if enrolled else self.tr("Chưa cấu hình máy chủ tỉnh")
        )
        if status is None:
            self.unsynced_label.setText("")
            self.last_sync_label.setText("")
            return
        self.unsynced_label.setText(self.tr("Chưa đồng bộ: %n sự kiện", "", status.unsynced_events))
        when = format_sync_time(status.last_sync_at)
        if when:
            self.last_sync_label.setText(self.tr("Lần đồng bộ cuối: {when}").format(when=when))
        else:
            self.last_sync_label.setText(self.tr("Chưa đồng bộ lần nào"))
        warning = status.clock_warning
        self.clock_label.setVisible(warning is not None)
        self.clock_label.setText(warning.text(self.context.language) if warning is not None else "")

    # -- reading --------------------------------------------------------------------------------

    def start(self) -> None:
        """Read the figures now and every minute (the desk is open)."""
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Read the sync figures off the GUI thread (one read at a time)."""
        desk = self.context.desk
        if desk is None or self._loading:
            return
        self._loading = True
        self.context.tasks.read(lambda: _read_status(desk), self._on_status, self._on_failed, owner=self)

    def _on_status(self, status: Any) -> None:
        self._loading = False
        self.status = status
        if status.enrolled:
            self._start_background_sync()
        self._show_status()
        self.statusShown.emit()

    def _on_failed(self, _error: BaseException) -> None:
        self._loading = False

    # -- syncing --------------------------------------------------------------------------------

    def _start_background_sync(self) -> None:
        if self.controller is not None:
            return
        from desk_app.ui.main_window import load_page_class

        controller_class = load_page_class("desk_app.ui.sync_controller", "SyncController")
        if controller_class is None:
            return
        self.controller = controller_class(self.context, parent=self)
        self.controller.statusChanged.connect(self.sync_line.setText)
        self.controller.finished.connect(lambda _outcome: self.refresh())
        self.controller.start()

    def sync_now(self) -> None:
        """Sync with the centre now (the button)."""
        if self.controller is not None:
            self.controller.sync_now()

    def stop(self) -> None:
        """Stop the timers (the window is closing; a running sync finishes on its own)."""
        self._timer.stop()
        if self.controller is not None:
            self.controller.stop()
