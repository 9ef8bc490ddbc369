"""A pull fetched ahead of the writer: while one page is being written, the next ones are on their
way from the centre and being read (``PageReader``), up to ``DEPTH`` pages ahead.

Only a pure pull is fetched ahead: a request that pushes nothing, answered with more to come and
nothing else that would change the next request (no refusal, no catalogue or calendar, none of the
desk's own events to come back). Its next request is then this one with the new cursor (and the
full page size: a new desk's first page is smaller, ``services.sync``), known from the answer's
envelope (``sp.peek_response``) before the page itself is read, so the next round trip goes out at
once. The same envelope says how much is left to pull, and the worker process that reads big pulls
(``PageReader``) is started from it before the first page is read.

The sync loop still builds each request itself and takes an answer fetched ahead only for that very
request; when they differ (a clerk saved a dossier meanwhile), what was fetched ahead is dropped. A
pull that pushes nothing is harmless to repeat or to drop.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from desk_app.domain import sync_protocol as sp
from desk_app.services.page_reader import Answer, PageReader
from desk_app.sync import CentreClient

DEPTH = 3  # pages fetched ahead at most: each waits in memory, read, until it is written


def continues(request: sp.SyncRequest, response: sp.SyncResponse) -> bool:
    """Whether the request after ``response`` is surely ``request`` with the new cursor."""
    return (
        not request.events
        and not request.event_texts
        and response.more
        and not response.update_required
        and not response.rejections
        and response.catalogue is None
        and response.calendar is None
        and response.expected_device_seq <= request.known_device_seq + 1  # no own event of ours to come back
    )


class PullAhead:
    """The answers to a sync's requests, each fetched ahead when it can be (``answer``)."""

    def __init__(self, client: CentreClient, reader: PageReader, *, page_size: int) -> None:
        """``page_size``: the pull page size of every request after the first."""
        self._client, self._reader, self._page_size = client, reader, page_size
        self._fetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prefetch")
        self._queue: deque[tuple[sp.SyncRequest, Future[Future[Answer]]]] = deque()
        self._waiting: sp.SyncRequest | None = None  # the next request, held back while DEPTH are ahead
        self._lock = threading.Lock()
        self._stopped = False

    def answer(self, request: sp.SyncRequest) -> Answer:
        """The answer to ``request``: the one fetched ahead for this very request, else fetched now;
        from an answer that allows it, the next pages are fetched ahead."""
        with self._lock:
            first = self._queue.popleft() if self._queue else None
        if first is not None and first[0] == request:
            try:
                answer = first[1].result().result()
            except (sp.ProtocolError, BrokenProcessPool):  # a page fetched ahead that was not read: again
                self._drop([])
            else:
                self._top_up()
                return answer
        elif first is not None:
            self._drop([first])
        answer = self._client.sync_read(request, self._read_here)
        response = answer[0]
        if continues(request, response):
            with self._lock:
                self._stopped = False
                self._queue_next(self._after(request, response.cursor))
        return answer

    def close(self) -> None:
        """Stop fetching ahead; wait for a round trip on its way (the client is closed after this)."""
        with self._lock:
            self._stopped = True
        self._fetcher.shutdown(wait=True)

    # -- internals ----------------------------------------------------------------------------------

    def _after(self, request: sp.SyncRequest, cursor: int) -> sp.SyncRequest:
        """The pure pull that follows ``request`` once its answer moved the cursor to ``cursor``."""
        return replace(request, cursor=cursor, page_size=self._page_size)

    def _read_here(self, body: bytes) -> Answer:
        """An answer read where it arrived; a big pull's worker is started first, from its envelope."""
        head = sp.peek_response(body)
        if head is not None and head.more:
            self._reader.start_worker(head.head - head.cursor)
        answer = self._reader.read(body)
        if answer[0].more:
            self._reader.start_worker(answer[0].head - answer[0].cursor)
        return answer

    def _fetch(self, request: sp.SyncRequest) -> Future[Answer]:
        """On the fetch thread: one round trip; its page handed to the reader, the next one sent."""
        body, head = self._client.sync_read(request, lambda body: (body, sp.peek_response(body)))
        page = self._reader.submit(body)
        if head is not None and continues(request, head):
            with self._lock:
                self._queue_next(self._after(request, head.cursor))
        return page

    def _queue_next(self, request: sp.SyncRequest) -> None:
        """Fetch ``request`` ahead, or hold it back while ``DEPTH`` pages are ahead (lock held)."""
        if self._stopped:
            return
        if len(self._queue) >= DEPTH:
            self._waiting = request
            return
        self._waiting = None
        self._queue.append((request, self._fetcher.submit(self._fetch, request)))

    def _top_up(self) -> None:
        with self._lock:
            if self._waiting is not None:
                self._queue_next(self._waiting)

    def _drop(self, taken: list[tuple[sp.SyncRequest, Future[Future[Answer]]]]) -> None:
        """Something changed here since these were fetched: wait for them, use none."""
        with self._lock:
            self._stopped = True
            dropped = [*taken, *self._queue]
            self._queue.clear()
            self._waiting = None
        for _, fetched in dropped:
            if fetched.exception() is None:
                fetched.result().exception()
