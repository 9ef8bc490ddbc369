"""One desk's sync against a real centre on PostgreSQL: push, pull, acknowledgement, cursor, versions."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from desk_app.domain.demo_people import PeopleGenerator
from desk_app.domain.events import EventKind
from desk_app.services.desk import Desk
from desk_app.services.sync import sync
from tests.pg import RunningCentre
from tests.sync.helpers import assert_converged, intake_form, payload_for

NOW = datetime(2026, 3, 2, 9, 15)


def test_a_dossier_received_at_one_desk_reaches_the_other_after_both_sync(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    a, b = enrolled_desk(1), enrolled_desk(2)
    received = a.receive(intake_form(PeopleGenerator(1), random.Random(1)), "canbo1", now=NOW)
    a.record(received.state.dossier_id, EventKind.TRANSFERRED, payload_for(EventKind.TRANSFERRED, NOW), "canbo1")
    first = sync(a)
    assert (first.pushed, first.pulled, first.unsent) == (2, 0, 0)
    second = sync(b)
    assert second.pulled == 2
    found = b.dossier(received.state.code)
    assert found is not None and found[0].code == received.state.code
    assert assert_converged([a, b], centre_server.engine) == 2
