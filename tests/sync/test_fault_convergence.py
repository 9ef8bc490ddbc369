"""Several desks act on shared dossiers and sync through a proxy that drops, cuts, delays, fails and
repeats requests; once the faults stop and every desk has synced twice, every replica holds the same
events once each and folds every dossier the same way."""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from desk_app.domain.demo_people import PeopleGenerator
from desk_app.domain.errors import TransitionRefused
from desk_app.domain.lifecycle import refusal
from desk_app.services.desk import Desk
from desk_app.services.sync import SyncReport, client_for, sync
from desk_app.store import outbox
from desk_app.sync import SyncError
from tests.pg import RunningCentre
from tests.sync.fault_proxy import FAULTS, FaultProxy
from tests.sync.helpers import DESK_ACTIONS, assert_converged, intake_form, payload_for

START = datetime(2026, 3, 2, 8, 0)
ROUNDS = 12


def dossier_ids(desk: Desk) -> list[str]:
    with desk.db.read() as connection:
        return list(connection.exec_driver_sql("SELECT id FROM dossiers ORDER BY rowid").scalars())


def act_somewhere(desk: Desk, rng: random.Random, at: datetime) -> bool:
    """Record one allowed action on a dossier this desk knows (its own or one pulled from another desk)."""
    known = dossier_ids(desk)
    if not known:
        return False
    found = desk.dossier(rng.choice(known))
    assert found is not None
    state = found[0]
    allowed = [k for k in DESK_ACTIONS if refusal(k, state.status) is None]
    if not allowed:
        return False
    kind = rng.choice(allowed)
    try:
        desk.record(state.dossier_id, kind, payload_for(kind, at), "canbo")
    except TransitionRefused:
        return False
    return True


def try_sync(desk: Desk, url: str) -> SyncReport | SyncError:
    client = client_for(desk, read_timeout=1.5, connect_timeout=1.0, retries=3, backoff=0.02, max_backoff=0.2)
    client.base_url = url
    try:
        return sync(desk, client=client, push_page=7, pull_page=9)
    except SyncError as error:
        return error
    finally:
        client.close()


def test_desks_converge_after_drops_cuts_delays_5xx_and_repeats(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    rng = random.Random(20260302)
    people = PeopleGenerator(7)
    desks = [enrolled_desk(n) for n in (1, 2, 3)]
    upstream = int(centre_server.url.rsplit(":", 1)[1])
    outcomes: list[SyncReport | SyncError] = []
    with FaultProxy(upstream, seed=11, fault_rate=0.6, max_faults=150, active_for=90, max_delay=2.0) as proxy:
        for round_number in range(ROUNDS):
            at = START + timedelta(minutes=20 * round_number)
            for desk in desks:
                for _ in range(rng.randint(0, 2)):
                    desk.receive(intake_form(people, rng), "canbo", now=at)
                for _ in range(rng.randint(0, 3)):
                    act_somewhere(desk, rng, at)
            with ThreadPoolExecutor(len(desks)) as pool:  # desks sync at the same time
                outcomes.extend(pool.map(lambda d: try_sync(d, proxy.url), desks))
        proxy.stop_faults()
        for _ in range(2):
            for desk in desks:
                report = try_sync(desk, proxy.url)
                assert isinstance(report, SyncReport), report
                assert not report.conflicts and not report.rejections
    assert set(proxy.counts) == set(FAULTS), proxy.counts  # every kind of fault did happen
    total = assert_converged(desks, centre_server.engine)
    failed = sum(isinstance(o, SyncError) for o in outcomes)
    print(f"faults {dict(proxy.counts)}, forwarded {proxy.forwarded}, failed {failed}/{len(outcomes)}, events {total}")
    assert total > 30
    for desk in desks:
        with desk.db.read() as connection:
            assert outbox.unsent_count(connection, desk.require_profile().device_id) == 0
