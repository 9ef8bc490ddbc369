"""A push in step (checked while PostgreSQL stores it) ends exactly as the push checked first would:
the same acknowledgements and rejections, the same rows, the same projections; and when it is not
taken as it is after all, nothing of it is left and the unit's lock is free again."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import psycopg
import pytest
from sqlalchemy import Connection, Engine

from centre.services import desks as centre_desks, ingest, push_in_step
from centre.services.ingest import DeskIdentity, PushOutcome
from desk_app.domain.events import EVENT_SCHEMA_VERSION, Event, EventKind
from tests.centre.helpers import TestDesk

_IGNORED = {"received_at", "last_seen", "updated_at"}  # the moment it happened


def _identity(engine: Engine, desk: TestDesk) -> DeskIdentity:
    with engine.connect() as connection:
        return centre_desks.authenticate(connection, f"Bearer {desk.token}")


def _state(connection: Connection, desk: DeskIdentity) -> dict[str, Any]:
    def rows(sql: str) -> list[dict[str, Any]]:
        result = connection.exec_driver_sql(sql, (desk.unit,))
        return [{k: v for k, v in row._mapping.items() if k not in _IGNORED} for row in result]

    return {
        "events": rows("SELECT * FROM events WHERE unit = %s ORDER BY centre_seq"),
        "dossiers": rows("SELECT * FROM dossiers WHERE unit = %s ORDER BY dossier_id"),
        "unit": rows("SELECT * FROM units WHERE id = %s"),
        "desk": rows("SELECT * FROM desks WHERE unit = %s"),
        "rejected": rows(
            "SELECT reason, event_id, content_hash FROM rejected_events WHERE unit = %s ORDER BY event_id"
        ),
    }


def _push_checked_first(connection: Connection, desk: DeskIdentity, wires: Sequence[Mapping[str, Any]]) -> PushOutcome:
    return ingest.push(connection, desk, wires, "0.1.0", ingest.check_pushed(desk, wires))


def _push_as_the_round_trip_does(
    connection: Connection, desk: DeskIdentity, wires: Sequence[Mapping[str, Any]]
) -> tuple[PushOutcome, bool]:
    plan = push_in_step.plan(desk, wires)
    outcome = push_in_step.push(connection, desk, plan, "0.1.0") if plan else None
    return (outcome, True) if outcome else (_push_checked_first(connection, desk, wires), False)


def _outcome(outcome: PushOutcome) -> tuple[Any, ...]:
    acks = sorted((a.id, a.centre_seq) for a in outcome.acks)
    return (acks, sorted((r.id, r.reason) for r in outcome.rejections), outcome.expected_device_seq)


def _both_ways(
    engine: Engine, desk: DeskIdentity, wires: list[dict[str, Any]], before: list[dict[str, Any]] = ()
) -> tuple[tuple[Any, ...], bool]:
    """Push ``wires`` (after ``before``, committed) both ways, each in a transaction rolled back:
    the outcomes and the database must be the same; whether the push went in step."""
    results = []
    for way in (_push_checked_first, _push_as_the_round_trip_does):
        with engine.connect() as connection:
            transaction = connection.begin()
            if before:
                _push_checked_first(connection, desk, before)
            answer = way(connection, desk, wires)
            outcome, in_step = answer if isinstance(answer, tuple) else (answer, False)
            results.append((_outcome(outcome), _state(connection, desk), in_step))
            transaction.rollback()
    (first, state_first, _), (second, state_second, in_step) = results
    assert second == first
    assert state_second == state_first
    return second, in_step


def _day(desk: TestDesk, dossiers: int) -> list[Event]:
    events = []
    for n in range(dossiers):
        event = desk.receive(n + 1)
        events += [event, desk.act(EventKind.TRANSFERRED, event), desk.act(EventKind.RESULT_RECEIVED, event)]
    return events


def test_a_days_push_in_step_is_stored_as_the_push_checked_first_stores_it(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    desk = enrol()
    wires = [e.to_wire() for e in _day(desk, 40)]
    (acks, rejections, expected), in_step = _both_ways(engine, _identity(engine, desk), wires)
    assert in_step and not rejections and len(acks) == 120 and expected == 121


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda w: w[5].update(recorded_at="hôm qua"), id="malformed-in-the-middle"),
        pytest.param(lambda w: w[7].update(schema_version=EVENT_SCHEMA_VERSION + 1), id="newer-schema"),
        pytest.param(lambda w: w[-1].update(payload={"x": "\u0000"}), id="nul-at-the-end"),
        pytest.param(lambda w: w.pop(4), id="gap"),
        pytest.param(lambda w: w.insert(0, dict(w[3])), id="same-id-twice"),
        pytest.param(lambda w: w[2].update(device_id="quầy-khác"), id="another-desks-event"),
    ],
)
def test_a_push_that_is_not_in_step_ends_as_the_push_checked_first(
    enrol: Callable[..., TestDesk], engine: Engine, spoil: Callable[[list[dict[str, Any]]], None]
) -> None:
    desk = enrol()
    wires = [e.to_wire() for e in _day(desk, 4)]
    spoil(wires)
    (acks, rejections, _), in_step = _both_ways(engine, _identity(engine, desk), wires)
    assert not in_step and len(acks) + len(rejections) >= 11


def test_a_push_repeated_after_a_lost_answer_is_acknowledged_again(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    desk = enrol()
    wires = [e.to_wire() for e in _day(desk, 3)]
    (acks, rejections, _), in_step = _both_ways(engine, _identity(engine, desk), wires, before=wires[:4])
    assert len(acks) == 9 and not rejections and not in_step


def test_a_push_not_taken_in_step_leaves_nothing_and_frees_the_units_lock(
    enrol: Callable[..., TestDesk], engine: Engine, centre_db_url: str
) -> None:
    desk = enrol()
    identity = _identity(engine, desk)
    wires = [e.to_wire() for e in _day(desk, 3)]
    wires[6]["recorded_at"] = "không phải ngày"
    plan = push_in_step.plan(identity, wires)
    assert plan is not None
    with engine.connect() as connection, connection.begin():
        assert push_in_step.push(connection, identity, plan, "0.1.0") is None
        assert connection.exec_driver_sql("SELECT count(*) FROM events WHERE unit = %s", (desk.unit,)).scalar() == 0
        dsn = centre_db_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, autocommit=True) as other:
            other.execute("SET lock_timeout = '1s'")
            other.execute("SELECT last_seq FROM units WHERE id = %s FOR UPDATE", (desk.unit,))  # not kept waiting


def test_an_event_reusing_an_id_the_centre_holds_fails_the_copy_and_ends_as_a_conflict(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    """The in-step push does not look its ids up: the one id another desk's event already has (only a
    broken or hostile desk sends that) stops the COPY on the primary key, and the push goes the long way."""
    honest, other = enrol(), enrol(desk_number=2)
    taken = honest.receive(1)
    honest.sync([taken])
    wires = [e.to_wire() for e in _day(other, 3)]
    wires[4]["id"] = taken.id  # another desk's event id, on an event of this desk
    (acks, rejections, _), in_step = _both_ways(engine, _identity(engine, other), wires)
    assert not in_step
    assert (taken.id, "conflict") in rejections
