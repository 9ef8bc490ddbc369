"""Property: desks with skewed clocks, random intake and actions on shared dossiers, random syncs and
crashes between request and answer (the centre committed, the desk never heard — or the request never
left) always converge: once every desk has synced twice, all replicas hold the same events once each
and fold every dossier the same way. Checked against the real centre on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import itertools
import random
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from requests.adapters import HTTPAdapter
from sqlalchemy import select

import desk_app.services.desk as desk_module
from centre.models import EventRow as CentreEventRow
from desk_app.domain.clock import HybridClock
from desk_app.domain.demo_people import PeopleGenerator
from desk_app.domain.errors import TransitionRefused
from desk_app.domain.lifecycle import refusal
from desk_app.services.desk import Desk
from desk_app.services.sync import client_for, enroll, sync
from desk_app.store import outbox
from desk_app.sync import NoConnection
from tests.pg import RunningCentre
from tests.sync.conftest import open_desk
from tests.sync.helpers import DESK_ACTIONS, assert_converged, enrolment_code, intake_form, payload_for

TRUE_START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam
SKEWS_MIN = (-90, -12, -3, 0, 0, 4, 20, 75)  # desk clocks: some far behind, some ahead past the HLC cap
_units = itertools.count(100)


class LoseAnswer(HTTPAdapter):
    """Sends the request for real (the centre commits), then loses the answer on the way back."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        response = super().send(request, **kwargs)
        _ = response.content
        raise requests.ConnectionError("the answer was lost")


class LoseRequest(HTTPAdapter):
    """The link drops before the request leaves."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        raise requests.ConnectionError("the request was lost")


class Replica:
    """One desk and its wall clock (true time plus its skew)."""

    def __init__(self, desk: Desk, skew: timedelta, world: DeskWorld) -> None:
        self.desk = desk
        self.skew = skew
        self.world = world

    def now(self) -> datetime:
        return self.world.true_now + self.skew

    def now_ms(self) -> int:
        return int(self.now().timestamp() * 1000)

    @contextlib.contextmanager
    def clock(self) -> Iterator[None]:
        """The desk façade stamps events with this desk's skewed clock while inside."""
        saved = desk_module.utc_now, desk_module.HybridClock
        desk_module.utc_now = self.now  # type: ignore[assignment]
        desk_module.HybridClock = lambda last=0: HybridClock(last=last, now_ms=self.now_ms)  # type: ignore[assignment,misc]
        try:
            yield
        finally:
            desk_module.utc_now, desk_module.HybridClock = saved

    def local_now(self) -> datetime:
        return (self.now() + timedelta(hours=7)).replace(tzinfo=None, microsecond=0)


class DeskWorld(RuleBasedStateMachine):
    """Three desks of a fresh unit and the shared centre; true time moves forward step by step."""

    centre: RunningCentre
    template: Path
    root: Path

    def __init__(self) -> None:
        super().__init__()
        self.true_now = TRUE_START
        self.unit = f"{next(_units):03d}.17.22.H56"
        self.replicas: list[Replica] = []
        self.rng = random.Random(0)
        self.people = PeopleGenerator(3)

    @initialize(skews=st.lists(st.sampled_from(SKEWS_MIN), min_size=3, max_size=3), seed=st.integers(0, 2**16))
    def open_desks(self, skews: list[int], seed: int) -> None:
        self.rng = random.Random(seed)
        for number, skew in enumerate(skews, start=1):
            folder = self.root / f"{self.unit}-{number}"
            shutil.rmtree(folder, ignore_errors=True)
            desk = open_desk(self.template, folder, number, self.unit)
            enroll(desk, self.centre.url, enrolment_code(self.centre.engine, self.unit, number))
            self.replicas.append(Replica(desk, timedelta(minutes=skew), self))
        self.receive(0)  # one dossier from the start, so that actions on shared dossiers happen early

    def teardown(self) -> None:
        try:
            if len(self.replicas) == 3:
                for _ in range(2):
                    for replica in self.replicas:
                        self._sync(replica)
                assert_converged([r.desk for r in self.replicas], self.centre.engine, self.unit)
        finally:
            for replica in self.replicas:
                replica.desk.close()

    def _sync(self, replica: Replica, adapter: HTTPAdapter | None = None) -> None:
        client = client_for(replica.desk, retries=0)
        if adapter is not None:
            client._session.mount("http://", adapter)  # noqa: SLF001 - the crash being tested
        try:
            sync(replica.desk, client=client, now=replica.now, push_page=5, pull_page=6)
        finally:
            client.close()

    # -- rules -------------------------------------------------------------------------------------

    @rule(seconds=st.integers(1, 3600))
    def time_passes(self, seconds: int) -> None:
        self.true_now += timedelta(seconds=seconds)

    @rule(which=st.integers(0, 2))
    def receive(self, which: int) -> None:
        replica = self.replicas[which]
        with replica.clock():
            replica.desk.receive(intake_form(self.people, self.rng), "canbo", now=replica.local_now())

    @rule(which=st.integers(0, 2), pick=st.integers(0, 10_000), kind=st.integers(0, len(DESK_ACTIONS) - 1))
    def act_on_a_shared_dossier(self, which: int, pick: int, kind: int) -> None:
        replica = self.replicas[which]
        with replica.desk.db.read() as connection:
            known = list(connection.exec_driver_sql("SELECT id FROM dossiers ORDER BY rowid").scalars())
        if not known:
            return
        found = replica.desk.dossier(known[pick % len(known)])
        assert found is not None
        allowed = [k for k in DESK_ACTIONS if refusal(k, found[0].status) is None]
        if not allowed:
            return
        action = allowed[kind % len(allowed)]
        with replica.clock(), contextlib.suppress(TransitionRefused):
            replica.desk.record(found[0].dossier_id, action, payload_for(action, replica.local_now()), "canbo")

    @rule(which=st.integers(0, 2))
    def sync_desk(self, which: int) -> None:
        self._sync(self.replicas[which])

    @rule(which=st.integers(0, 2), lose_answer=st.booleans())
    def crash_between_request_and_answer(self, which: int, lose_answer: bool) -> None:
        try:
            self._sync(self.replicas[which], LoseAnswer() if lose_answer else LoseRequest())
        except NoConnection:
            return
        raise AssertionError("the lost round trip must fail")

    # -- invariants --------------------------------------------------------------------------------

    @invariant()
    def a_desk_marks_sent_only_what_the_centre_holds(self) -> None:
        table = CentreEventRow.__table__
        with self.centre.engine.connect() as connection:
            at_centre = {
                str(r.id): r.centre_seq
                for r in connection.execute(select(table.c.id, table.c.centre_seq).where(table.c.unit == self.unit))
            }
        for replica in self.replicas:
            with replica.desk.db.read() as connection:
                sent = connection.exec_driver_sql("SELECT id, centre_seq FROM events WHERE centre_seq IS NOT NULL")
                for event_id, seq in sent:
                    assert at_centre.get(event_id) == seq, "a desk marked an event sent that the centre lacks"
                assert outbox.cursor(connection) <= max(at_centre.values(), default=0)


def test_replicas_with_skewed_clocks_and_lost_answers_converge(
    centre_server: RunningCentre, desk_template: Path, tmp_path: Path
) -> None:
    DeskWorld.centre = centre_server
    DeskWorld.template = desk_template
    DeskWorld.root = tmp_path
    run_state_machine_as_test(
        DeskWorld,
        settings=settings(
            max_examples=12,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            derandomize=True,
        ),
    )
