"""Background sync for the window: on the status-bar button and every few minutes while the link is up.

``SyncController(context)`` runs ``desk_app.services.sync.sync`` off the GUI thread and reports by
signals: ``statusChanged(str)`` (a short line for the status bar, in the window's language),
``progressed(object)`` (a ``SyncProgress`` after each committed page) and ``finished(object)`` (the
``SyncReport``, or the ``DeskError`` that stopped it). The window never waits for the network.

Timing: after a sync that reached the centre, the next one runs ``interval_ms`` later (a few
minutes: an idle sync is one small request). While the centre cannot be reached the interval
doubles up to ``max_interval_ms``, and returns to normal after the next success. When a person must
act first (not enrolled, token revoked, program too old) the timer stops; the button still works.

Why the reader pool and not the single writer thread: a sync spends most of its time waiting on the
network (up to the read timeout on a bad link); on the writer thread it would hold back the clerk's
saves for that long. Its database writes are short page transactions (``BEGIN IMMEDIATE``), which
SQLite serialises with the clerk's own; the clerk's save waits at most one page commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desk_app.domain.errors import DeskError
from desk_app.ui.context import DeskContext

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

INTERVAL_MS = 5 * 60 * 1000
MAX_INTERVAL_MS = 30 * 60 * 1000
FIRST_DELAY_MS = 20 * 1000
MAX_TOUCHED_SIGNALS = 200

SyncFunction = Callable[..., Any]


def _default_sync(desk: Desk, progress: Callable[[Any], None]) -> Any:
    from desk_app.services.sync import sync  # imported late: keeps requests out of the start-up path

    return sync(desk, progress=progress)


class SyncController(QObject):
    """Runs sync in the background on demand and on a timer; never blocks the GUI thread."""

    statusChanged = Signal(str)
    progressed = Signal(object)
    finished = Signal(object)

    def __init__(
        self,
        context: DeskContext,
        *,
        interval_ms: int = INTERVAL_MS,
        max_interval_ms: int = MAX_INTERVAL_MS,
        sync_fn: SyncFunction | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.base_interval_ms = interval_ms
        self.max_interval_ms = max_interval_ms
        self._sync = sync_fn or _default_sync
        self._running = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)

    @property
    def running(self) -> bool:
        """Whether a sync is under way."""
        return self._running

    @property
    def interval_ms(self) -> int:
        """The delay before the next automatic sync."""
        return self.timer.interval()

    def start(self, first_delay_ms: int = FIRST_DELAY_MS) -> None:
        """Start automatic syncing (the first one after ``first_delay_ms``)."""
        self.timer.start(first_delay_ms)

    def stop(self) -> None:
        """Stop automatic syncing (a running sync finishes on its own)."""
        self.timer.stop()

    def sync_now(self) -> bool:
        """Start a sync now unless one is running or the desk is not open yet; whether it started."""
        desk = self.context.desk
        if self._running or desk is None:
            return False
        self._running = True
        self.timer.stop()
        self.statusChanged.emit(self._say("Đang đồng bộ với trung tâm…", "Syncing with the centre…"))
        self.context.tasks.read(lambda: self._sync(desk, self._report_progress), self._done, self._failed, owner=self)
        return True

    # -- results (GUI thread) ----------------------------------------------------------------------

    def _report_progress(self, progress: Any) -> None:
        """Called on the worker thread after each page: signals cross to the GUI thread queued."""
        self.progressed.emit(progress)
        if progress.head:
            self.statusChanged.emit(
                self._say(
                    f"Đang đồng bộ… {progress.cursor:,}/{progress.head:,}",
                    f"Syncing… {progress.cursor:,}/{progress.head:,}",
                )
            )

    def _done(self, report: Any) -> None:
        self._running = False
        self.timer.setInterval(self.base_interval_ms)
        self.timer.start()
        line = self._say(
            f"Đồng bộ xong: gửi {report.pushed}, nhận {report.pulled}",
            f"Synced: sent {report.pushed}, received {report.pulled}",
        )
        if report.clock_warning is not None:
            line = f"{line} — {report.clock_warning.text(self.context.language)}"
        self.statusChanged.emit(line)
        for dossier_id in list(dict.fromkeys(report.touched))[:MAX_TOUCHED_SIGNALS]:
            self.context.dossierChanged.emit(dossier_id)
        self.finished.emit(report)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        retryable = getattr(error, "retryable", not isinstance(error, DeskError))  # a surprise: try again later
        if not isinstance(error, DeskError):
            error = DeskError(f"Lỗi khi đồng bộ: {error!r}", f"Sync failed: {error!r}")
        if retryable:
            self.timer.setInterval(min(self.max_interval_ms, self.timer.interval() * 2))
            self.timer.start()
        else:
            self.timer.stop()  # a person must act first (enrol, update, contact the province)
        self.statusChanged.emit(error.text(self.context.language))
        self.finished.emit(error)

    def _say(self, vi: str, en: str) -> str:
        return en if self.context.language == "en" else vi
