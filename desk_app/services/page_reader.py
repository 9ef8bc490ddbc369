"""Reading a sync answer off the writer: a worker process turns each pulled page into rows while the
pages before are being written.

A first sync pulls tens of thousands of events: parsing them, building their rows and folding their
dossiers is as much work as writing them. Done on a thread of the same process, it took the
interpreter lock from the writer after every row the writer stored (SQLite lets it go for each one),
so the two went one after the other. A worker process (``spawn``: safe next to Qt's threads, and the
way Windows starts one) does it beside the writer instead; a page travels back as plain tuples.

The worker is started only for a big pull, and used once it is up; until then, or if it ever dies,
the page is read where it arrived. Either way the result is the same ``read_answer``.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from desk_app.domain import sync_protocol as sp
from desk_app.store.pulled_pages import PreparedPage, read_answer, worker_ready

WORKER_FROM_EVENTS = 20_000  # a pull this big (four full pages) is worth starting a worker process for
Answer = tuple[sp.SyncResponse, PreparedPage]  # an answer and its pulled page, made ready to store


class PageReader:
    """``read_answer`` of answer bodies: in the worker process once it is up (``start_worker``)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._up: Future[None] | None = None

    def submit(self, body: bytes) -> Future[Answer]:
        """The answer in ``body``, being read in the worker (its future fails with BrokenProcessPool if
        the worker dies meanwhile); read here at once when there is no worker (yet)."""
        if self._pool is not None and self._up is not None and self._up.done():
            try:
                return self._pool.submit(read_answer, body)
            except BrokenProcessPool:  # the worker died (killed, out of memory): read pages here from now on
                self._pool = None
        done: Future[Answer] = Future()
        try:
            done.set_result(read_answer(body))
        except Exception as exc:  # noqa: BLE001 - handed over to whoever waits for the answer
            done.set_exception(exc)
        return done

    def read(self, body: bytes) -> Answer:
        """The answer in ``body``, waited for; read here when the worker dies meanwhile."""
        try:
            return self.submit(body).result()
        except BrokenProcessPool:
            self._pool = None
            return read_answer(body)

    def start_worker(self, events_to_pull: int) -> None:
        """Start the worker process when this many events still to pull make it worth it (when it
        cannot be started, pages are read here as before)."""
        if self._pool is None and self._up is None and events_to_pull >= WORKER_FROM_EVENTS:
            try:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=worker_ready
                )
                self._up = self._pool.submit(worker_ready)
            except (OSError, RuntimeError):  # no process to be had (limits, a locked-down PC): read here
                self._pool = None

    def close(self) -> None:
        """Stop the worker (idle by then: every page handed to it was waited for)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
