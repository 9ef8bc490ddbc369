"""The administration page ("Quản trị"): users, the unit's calendar, backups and the scanner folder,
for administrators only.

The window shows its navigation entry only to an admin; the page refuses anyone else too (a clerk or
a leader who reaches it sees why, and none of the panels), so the rule does not rest on the menu
alone. Leaders' reports are not here: they have a page of their own (desk_app/ui/report_page.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desk_app.ui.admin_backup import BackupPanel
from desk_app.ui.admin_calendar import CalendarPanel
from desk_app.ui.admin_users import UsersPanel
from desk_app.ui.context import DeskContext

ADMIN_ROLE = "admin"


class AdminPage(QWidget):
    """Three tabs (users, calendar, backup and scanner); a refusal for anyone who is not an administrator."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.refusal = QLabel()
        self.refusal.setObjectName("adminRefusal")
        self.refusal.setWordWrap(True)
        self.users = UsersPanel(context)
        self.calendar = CalendarPanel(context)
        self.backup = BackupPanel(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.users, "")
        self.tabs.addTab(self.calendar, "")
        self.tabs.addTab(self.backup, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.refusal)
        layout.addWidget(self.tabs, 1)
        context.deskReady.connect(self.refresh)
        self.retranslate()
        self._apply_role()

    def allowed(self) -> bool:
        """Whether the signed-in account may administer the desk."""
        return self.context.role == ADMIN_ROLE

    def _apply_role(self) -> None:
        allowed = self.allowed()
        self.tabs.setVisible(allowed)
        self.refusal.setVisible(not allowed)

    def refresh(self) -> None:
        """Show the panels to an admin (re-reading users, calendar and settings), the refusal to anyone else."""
        self._apply_role()
        if self.allowed():
            self.users.refresh()
            self.calendar.refresh()
            self.backup.refresh()

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.heading.setText(self.tr("Quản trị"))
        self.refusal.setText(
            self.tr("Chỉ tài khoản quản trị mới được quản lý người dùng, lịch làm việc, sao lưu và máy quét.")
        )
        self.tabs.setTabText(0, self.tr("Người dùng"))
        self.tabs.setTabText(1, self.tr("Lịch làm việc"))
        self.tabs.setTabText(2, self.tr("Sao lưu và máy quét"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
