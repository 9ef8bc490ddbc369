"""What every page of the window shares: the open desk, the task runner, the signed-in clerk.

The desk (``desk_app.services.desk.Desk``) is opened off the GUI thread after the first paint,
because importing SQLAlchemy and running migrations before it would double the start-up time; so
``desk`` is None for a moment and ``deskReady`` fires once it is there. Pages build their content
from the desk when it is ready and never import the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


def error_text(error: BaseException, language: str) -> str:
    """An error in ``language``: a DeskError's own words (Vietnamese or English), else the exception's text."""
    text = getattr(error, "text", None)
    return text(language) if callable(text) else str(error)


class DeskContext(QObject):
    """The shared state of one window."""

    deskReady = Signal()
    dossierChanged = Signal(str)  # a dossier id whose events changed (pages refresh what shows it)
    openDossier = Signal(str)  # ask the window to show a dossier's page (by id or code)

    def __init__(self, tasks: TaskRunner, language: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.language = language
        self.desk: Desk | None = None
        self.actor: str = ""  # the signed-in account's user name (events record it)
        self.actor_display: str = ""  # the signed-in clerk's full name (printed on slips)
        self.role: str = ""  # "clerk" | "leader" | "admin"

    def error_text(self, error: BaseException) -> str:
        """A refusal or failure in the window's language (see ``error_text``)."""
        return error_text(error, self.language)

    def set_desk(self, desk: Desk) -> None:
        """Attach the opened desk and tell the pages."""
        self.desk = desk
        self.deskReady.emit()
