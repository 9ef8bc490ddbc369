"""A big pull: pages read in a worker process and fetched ahead of the writer (services.page_reader,
services.pull_ahead), against the real centre. Whatever happens beside the writer — the worker used,
killed, or a clerk saving a dossier in the middle — every event arrives once and all replicas agree."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from concurrent.futures import Future

import pytest

from desk_app.domain.events import EventKind
from desk_app.domain.sync_protocol import SyncRequest
from desk_app.services import page_reader, sync as sync_service
from desk_app.services.desk import Desk
from desk_app.services.page_reader import Answer, PageReader
from desk_app.services.sync import SyncProgress, sync
from desk_app.store.pulled_pages import read_answer
from desk_app.sync import CentreClient
from tests.domain.factories import received, then
from tests.pg import RunningCentre
from tests.store.test_sync_texts import page_body
from tests.sync.helpers import assert_converged, desk_events
from tests.sync.test_sync_rules import receive_some


class WatchedReader(PageReader):
    """A page reader that counts the pages it handed to its worker process, and can kill it once."""

    made: list[WatchedReader] = []

    def __init__(self) -> None:
        super().__init__()
        self.in_worker = 0
        self.kill_after: int | None = None
        WatchedReader.made.append(self)

    def start_worker(self, events_to_pull: int) -> None:
        super().start_worker(events_to_pull)
        if self._up is not None:
            self._up.result()  # wait for it here, so that the pages after this one go to it

    def submit(self, body: bytes) -> Future[Answer]:
        pool = self._pool
        up = pool is not None and self._up is not None and self._up.done()
        answer = super().submit(body)
        if up and self._pool is pool:
            self.in_worker += 1
            if self.kill_after == self.in_worker:
                answer.exception()  # this page is read; the worker dies before the next one
                for process in list(pool._processes.values()):  # noqa: SLF001 - the test kills it on purpose
                    os.kill(process.pid, signal.SIGKILL)
                    process.join()
        return answer


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> list[WatchedReader]:
    """Every pull of more than 20 events gets a worker process; the readers made are listed."""
    WatchedReader.made = []
    monkeypatch.setattr(page_reader, "WORKER_FROM_EVENTS", 20)
    monkeypatch.setattr(sync_service, "PageReader", WatchedReader)
    return WatchedReader.made


def two_desks(enrolled_desk: Callable[..., Desk], dossiers: int = 40) -> tuple[Desk, Desk]:
    a, b = enrolled_desk(1), enrolled_desk(2)
    receive_some(a, dossiers)
    assert sync(a).pushed == dossiers
    return a, b


def test_pages_read_in_the_worker_process_are_stored_as_read_here(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre, watched: list[WatchedReader]
) -> None:
    a, b = two_desks(enrolled_desk)
    report = sync(b, pull_page=4)
    assert report.pulled == 40 and report.pages == 10
    assert watched[-1].in_worker >= 8  # every page after the first, but those fetched before it was up
    assert_converged([a, b], centre_server.engine)


def test_a_worker_that_dies_leaves_the_pages_to_be_read_here(
    enrolled_desk: Callable[..., Desk],
    centre_server: RunningCentre,
    watched: list[WatchedReader],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = two_desks(enrolled_desk)
    original = WatchedReader.__init__

    def killing(self: WatchedReader) -> None:
        original(self)
        self.kill_after = 1

    monkeypatch.setattr(WatchedReader, "__init__", killing)
    report = sync(b, pull_page=4)
    assert report.pulled == 40
    assert watched[-1].in_worker >= 1 and watched[-1]._pool is None  # noqa: SLF001 - gave up on the worker
    assert_converged([a, b], centre_server.engine)


def test_a_dossier_saved_during_a_pull_drops_what_was_fetched_ahead_and_is_pushed(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre, watched: list[WatchedReader]
) -> None:
    a, b = two_desks(enrolled_desk)
    saved: list[str] = []

    def clerk_saves_one(progress: SyncProgress) -> None:
        if progress.pages == 2 and not saved:
            saved.extend(receive_some(b, 1, seed=7))

    report = sync(b, progress=clerk_saves_one, pull_page=4)
    assert report.pulled == 40 and report.pushed == 1 and report.unsent == 0
    assert report.requests > report.pages  # the pages fetched ahead before the clerk saved were dropped
    held = {e.dossier_id for e in desk_events(b)}
    assert saved[0] in held and len(held) == 41
    assert sync(a).pulled == 1
    assert_converged([a, b], centre_server.engine)


def test_a_page_whose_worker_dies_while_reading_it_is_read_here() -> None:
    events = [then(EventKind.TRANSFERRED, received()) for _ in range(3)]
    body = page_body(events)
    reader = PageReader()
    try:
        reader.start_worker(page_reader.WORKER_FROM_EVENTS)
        assert reader._up is not None  # noqa: SLF001
        reader._up.result()  # noqa: SLF001 - the worker is up
        assert reader.read(body) == read_answer(body)
        pool = reader._pool  # noqa: SLF001
        assert pool is not None
        for process in list(pool._processes.values()):  # noqa: SLF001 - killed on purpose
            os.kill(process.pid, signal.SIGKILL)
            process.join()
        assert reader.read(body) == read_answer(body)
        assert reader._pool is None  # noqa: SLF001 - pages are read here from now on
        reader.start_worker(page_reader.WORKER_FROM_EVENTS)
        assert reader._pool is None  # noqa: SLF001 - and no worker is started again
    finally:
        reader.close()


def test_a_new_desk_pulls_a_small_first_page_then_full_pages_fetched_ahead(
    enrolled_desk: Callable[..., Desk],
    centre_server: RunningCentre,
    watched: list[WatchedReader],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = two_desks(enrolled_desk)
    sizes: list[int] = []
    original = CentreClient.sync_read

    def recording(self: CentreClient, request: SyncRequest, read: Callable[[bytes], Answer]) -> Answer:
        sizes.append(request.page_size)
        return original(self, request, read)

    monkeypatch.setattr(CentreClient, "sync_read", recording)
    monkeypatch.setattr(sync_service, "FIRST_PULL_PAGE", 2)
    report = sync(b, pull_page=4)
    assert report.pulled == 40 and report.pages == 11
    assert sizes == [2] + [4] * 10
    assert report.requests == report.pages  # every page after the first was fetched ahead and used
    assert watched[-1].in_worker >= 8  # the worker was started from the first answer's envelope
    receive_some(a, 3, seed=5)
    sync(a)
    sizes.clear()
    assert sync(b, pull_page=4).pulled == 3
    assert sizes == [4]  # a desk that has pulled before asks for full pages at once
    assert_converged([a, b], centre_server.engine)
