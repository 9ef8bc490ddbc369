"""The window's sync controller: off the GUI thread, status lines, timer that backs off while offline
and stops when a person must act; once against the real centre with the threaded task runner."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from desk_app.domain.demo_people import PeopleGenerator
from desk_app.services.desk import Desk
from desk_app.services.sync import SyncProgress, SyncReport
from desk_app.sync import NoConnection, TokenRevoked
from desk_app.ui.context import DeskContext
from desk_app.ui.sync_controller import SyncController
from desk_app.ui.tasks import TaskRunner
from tests.pg import RunningCentre
from tests.sync.helpers import intake_form


class FakeSync:
    """Plays outcomes in order: a report, or an error to raise; reports one page of progress."""

    def __init__(self, *outcomes: SyncReport | Exception) -> None:
        self.outcomes = list(outcomes)
        self.calls = 0

    def __call__(self, _desk: Desk, progress: Callable[[SyncProgress], None]) -> SyncReport:
        self.calls += 1
        progress(SyncProgress(1, 0, 5, 5, 10, 0))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


@pytest.fixture
def context(qtbot: Any, make_desk: Callable[..., Desk]) -> DeskContext:
    ctx = DeskContext(TaskRunner(synchronous=True))
    ctx.set_desk(make_desk())
    return ctx


def test_sync_now_reports_progress_and_the_result_in_the_clerks_language(context: DeskContext) -> None:
    controller = SyncController(context, sync_fn=FakeSync(SyncReport(pushed=3, pulled=7, touched=["d-1"])))
    lines: list[str] = []
    results: list[Any] = []
    changed: list[str] = []
    controller.statusChanged.connect(lines.append)
    controller.finished.connect(results.append)
    context.dossierChanged.connect(changed.append)
    assert controller.sync_now()
    assert lines == ["Đang đồng bộ với trung tâm…", "Đang đồng bộ… 5/10", "Đồng bộ xong: gửi 3, nhận 7"]
    assert isinstance(results[0], SyncReport) and changed == ["d-1"]
    assert controller.timer.isActive() and controller.interval_ms == 5 * 60 * 1000


def test_offline_backs_off_then_returns_to_normal_after_a_success(context: DeskContext) -> None:
    fake = FakeSync(NoConnection(), NoConnection(), SyncReport())
    controller = SyncController(context, interval_ms=1000, max_interval_ms=3000, sync_fn=fake)
    lines: list[str] = []
    controller.statusChanged.connect(lines.append)
    controller.sync_now()
    assert controller.interval_ms == 2000 and "Không kết nối được" in lines[-1]
    controller.sync_now()
    assert controller.interval_ms == 3000 and controller.timer.isActive()
    controller.sync_now()
    assert controller.interval_ms == 1000


def test_a_revoked_desk_stops_the_timer_but_the_button_still_works(context: DeskContext) -> None:
    fake = FakeSync(TokenRevoked("Quầy đã bị thu hồi", "Revoked"), SyncReport())
    controller = SyncController(context, sync_fn=fake)
    controller.start()
    controller.sync_now()
    assert not controller.timer.isActive()
    assert controller.sync_now() and fake.calls == 2


def test_english_status_lines(context: DeskContext) -> None:
    context.language = "en"
    controller = SyncController(context, sync_fn=FakeSync(SyncReport(pushed=1)))
    lines: list[str] = []
    controller.statusChanged.connect(lines.append)
    controller.sync_now()
    assert lines[-1] == "Synced: sent 1, received 0"


def test_a_real_sync_runs_off_the_gui_thread_and_reports_back(
    qtbot: Any, enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    desk = enrolled_desk(1)
    desk.receive(intake_form(PeopleGenerator(5), random.Random(5)), "canbo", now=datetime(2026, 3, 2, 9, 0))
    runner = TaskRunner()
    context = DeskContext(runner)
    context.set_desk(desk)
    controller = SyncController(context)
    with qtbot.waitSignal(controller.finished, timeout=20_000) as blocker:
        assert controller.sync_now()
        assert controller.running  # returned at once: the work is on another thread
    assert isinstance(blocker.args[0], SyncReport) and blocker.args[0].pushed == 1
    assert not controller.running
    runner.wait()
