"""Work off the GUI thread: one small mechanism for every background job of the window.

``tasks.read(fn, on_done, on_error)`` runs ``fn`` on a thread pool (search, PDF, network);
``tasks.write(...)`` runs it on the single writer thread (every database write, in order). The
result comes back to the GUI thread by a queued signal; the callback is skipped when its owner
widget was closed meanwhile. Worker functions never touch a widget. Tests construct the runner
with ``synchronous=True`` so results arrive without waiting on the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desk_app.domain.errors import DeskError

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives in the GUI thread; its signal carries a finished job's outcome back there."""

    finished = Signal(object, object, object, object, object)  # owner, callback, on_error, result, error

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object, object, object, object, object)
    def _deliver(self, owner: Any, on_done: Any, on_error: Any, result: Any, error: Any) -> None:
        if owner is not None and not shiboken6.isValid(owner):
            return
        if error is not None:
            (on_error or _report)(error)
        elif on_done is not None:
            on_done(result)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[[], Any], owner: Any, on_done: Any, on_error: Any) -> None:
        super().__init__()
        self._relay, self._fn, self._owner, self._on_done, self._on_error = relay, fn, owner, on_done, on_error

    def run(self) -> None:
        try:
            result, error = self._fn(), None
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            result, error = None, exc
        self._relay.finished.emit(self._owner, self._on_done, self._on_error, result, error)


def _report(error: BaseException) -> None:
    if not isinstance(error, DeskError):
        raise error


class TaskRunner(QObject):
    """Runs jobs on a reader pool or the single writer thread and posts results to the GUI thread."""

    def __init__(self, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._relay = _Relay()
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)

    def read(
        self,
        fn: Callable[[], Any],
        on_done: Callback | None = None,
        on_error: ErrorCallback | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run a job that only reads (or computes) off the GUI thread."""
        self._start(self._readers, fn, on_done, on_error, owner)

    def write(
        self,
        fn: Callable[[], Any],
        on_done: Callback | None = None,
        on_error: ErrorCallback | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run a job that writes, on the one writer thread, after every write queued before it."""
        self._start(self._writer, fn, on_done, on_error, owner)

    def _start(self, pool: QThreadPool, fn: Any, on_done: Any, on_error: Any, owner: Any) -> None:
        if self.synchronous:
            try:
                result = fn()
            except Exception as exc:  # noqa: BLE001 - same contract as the threaded path
                (on_error or _report)(exc)
                return
            if on_done is not None:
                on_done(result)
            return
        pool.start(_Job(self._relay, fn, owner, on_done, on_error))

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every running job (at shutdown and in tests)."""
        return self._readers.waitForDone(msecs) and self._writer.waitForDone(msecs)
