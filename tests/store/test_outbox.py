"""The outbox: an own event keeps its canonical JSON until the centre acknowledges it, and the
centre's numbers reach exactly the events it named, whether stored by id or, for a run of own events
numbered in step, by device_seq range (``outbox.mark_acknowledged``)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from desk_app.domain import sync_protocol as sp
from desk_app.domain.events import Event, EventKind, canonical_json
from desk_app.services.desk import Desk
from desk_app.store import dossiers, outbox
from desk_app.store.models import EVENTS
from tests.domain.factories import received, then
from tests.sync.helpers import load_into_desk

OTHER_DESK = "desk-other-09"


def _own_events(device_id: str, count: int) -> list[Event]:
    events, seq = [], 1
    while len(events) < count:
        event = received(device=device_id, device_seq=seq)
        events.append(event)
        seq += 1
        if len(events) < count:
            events.append(then(EventKind.TRANSFERRED, event, device_seq=seq))
            seq += 1
    return events


def _numbers(desk: Desk) -> dict[str, int | None]:
    with desk.db.read() as connection:
        return {r.id: r.centre_seq for r in connection.execute(select(EVENTS.c.id, EVENTS.c.centre_seq))}


def _acknowledge(desk: Desk, acks: list[tuple[str, int]], sent: dict[str, int] | None) -> int:
    device_id = desk.require_profile().device_id
    with desk.db.write() as connection:
        return outbox.mark_acknowledged(connection, acks, device_id=device_id, sent=sent)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    count=st.integers(1, 40),
    first=st.integers(1, 10_000),
    breaks=st.lists(st.integers(0, 39), max_size=12),
    dropped=st.lists(st.integers(0, 39), max_size=6),
    already=st.lists(st.integers(0, 39), max_size=4),
    foreign=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_acknowledging_by_device_seq_range_stores_what_acknowledging_by_id_stores(
    desk: Desk,
    count: int,
    first: int,
    breaks: list[int],
    dropped: list[int],
    already: list[int],
    foreign: bool,
    seed: int,
) -> None:
    """Runs broken by refused events (missing acks) and by jumps in the centre's numbers, acks in any
    order, events already acknowledged, an id the desk did not send: the same numbers either way."""
    device_id = desk.require_profile().device_id
    with desk.db.write() as connection:
        connection.exec_driver_sql("DELETE FROM events")
    events = _own_events(device_id, count)
    others = [received(device=OTHER_DESK, device_seq=e.device_seq) for e in events[:3]]  # same seqs, other desk
    load_into_desk(desk, events + others)
    acks, number = [], first
    for n, event in enumerate(events):
        number += 1 + (7 if n in breaks else 0)
        if n not in dropped:
            acks.append((event.id, number))
    if foreign:
        acks.append((others[0].id, number + 100))
    random.Random(seed).shuffle(acks)
    sent = {e.id: e.device_seq for e in events}
    earlier = [(events[n].id, 1) for n in sorted(set(already)) if n < count]
    _acknowledge(desk, earlier, None)
    before = _numbers(desk)

    by_range = _acknowledge(desk, acks, sent)
    ranged = _numbers(desk)
    with desk.db.write() as connection:
        connection.exec_driver_sql("UPDATE events SET centre_seq = NULL")
    _acknowledge(desk, earlier, None)
    assert _numbers(desk) == before
    by_id = _acknowledge(desk, acks, None)

    assert ranged == _numbers(desk)
    assert by_range == by_id
    assert all(ranged[e.id] is None for e in others) or foreign


def test_a_page_of_own_events_numbered_in_step_is_stored_in_one_statement(desk: Desk) -> None:
    device_id = desk.require_profile().device_id
    events = _own_events(device_id, 500)
    load_into_desk(desk, events)
    acks = [(e.id, 1000 + e.device_seq) for e in events]
    statements: list[str] = []
    with desk.db.write() as connection:
        raw = connection.connection.dbapi_connection
        raw.set_trace_callback(statements.append)  # type: ignore[union-attr]
        try:
            stored = outbox.mark_acknowledged(
                connection, acks, device_id=device_id, sent={e.id: e.device_seq for e in events}
            )
        finally:
            raw.set_trace_callback(None)  # type: ignore[union-attr]
    assert stored == 500
    assert len([s for s in statements if s.startswith("UPDATE events")]) == 1
    assert _numbers(desk) == {e.id: 1000 + e.device_seq for e in events}


def _wires(desk: Desk) -> dict[str, str | None]:
    with desk.db.read() as connection:
        return {r.id: r.wire for r in connection.execute(select(EVENTS.c.id, EVENTS.c.wire))}


def test_an_event_recorded_here_keeps_its_canonical_json_until_the_centre_acknowledges_it(desk: Desk) -> None:
    device_id = desk.require_profile().device_id
    events = _own_events(device_id, 6)
    with desk.db.write() as connection:
        dossiers.append(connection, events[:2])  # the counter's own path
    load_into_desk(desk, events[2:])  # the bulk path
    assert _wires(desk) == {e.id: e.canonical().decode() for e in events}
    with desk.db.read() as connection:
        unsent = outbox.unsent_texts(connection, device_id, 100)
    assert [u.text for u in unsent] == [canonical_json(e.to_wire()).decode() for e in events]
    _acknowledge(desk, [(e.id, 40 + e.device_seq) for e in events[:4]], {e.id: e.device_seq for e in events})
    _acknowledge(desk, [(events[4].id, 99)], None)
    assert _wires(desk) == {**{e.id: None for e in events[:5]}, events[5].id: events[5].canonical().decode()}
    with desk.db.read() as connection:
        assert [u.id for u in outbox.unsent_texts(connection, device_id, 100)] == [events[5].id]
        assert outbox.unsent_count(connection, device_id) == 1
        again = outbox.unsent_texts(connection, device_id, 100, from_seq=1)  # the centre lost them: sent again
    assert [u.text for u in again] == [canonical_json(e.to_wire()).decode() for e in events]


def test_an_event_stored_without_its_text_is_sent_as_its_row_gives_it(desk: Desk) -> None:
    device_id = desk.require_profile().device_id
    events = _own_events(device_id, 3)
    load_into_desk(desk, events)
    with desk.db.write() as connection:
        connection.exec_driver_sql("UPDATE events SET wire = NULL")  # as stored before the desk kept texts
    with desk.db.read() as connection:
        unsent = outbox.unsent_texts(connection, device_id, 100)
    assert [u.text for u in unsent] == [canonical_json(e.to_wire()).decode() for e in events]


def test_counting_and_reading_unsent_events_walk_only_the_unsent(desk: Desk) -> None:
    device_id = desk.require_profile().device_id
    with desk.db.read() as connection:
        plans = [
            " ".join(str(step[-1]) for step in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
            for sql, params in [
                (f"{outbox._SELECT_OWN} AND centre_seq IS NULL ORDER BY device_seq LIMIT ?", (device_id, 10)),  # noqa: SLF001
                ("SELECT count(*) FROM events WHERE device_id = ? AND centre_seq IS NULL", (device_id,)),
                ("SELECT count(*) FROM events WHERE events.centre_seq IS NULL", ()),  # the status bar's
            ]
        ]
    assert all("ix_events_unsent" in plan for plan in plans), plans


def test_a_run_the_centre_acknowledges_is_stored_only_when_it_names_events_sent_in_the_request(desk: Desk) -> None:
    device_id = desk.require_profile().device_id
    events = _own_events(device_id, 8)
    load_into_desk(desk, events)
    sent = {e.id: e.device_seq for e in events[:5]}  # device_seq 1..5 went in this request
    with desk.db.write() as connection:
        stored = outbox.mark_acknowledged(
            connection,
            [],
            device_id=device_id,
            sent=sent,
            runs=[sp.AckRun(1, 3, 50), sp.AckRun(4, 7, 60)],  # the second names events not sent
        )
    assert stored == 3
    assert _numbers(desk) == {**{e.id: 49 + e.device_seq for e in events[:3]}, **{e.id: None for e in events[3:]}}
    assert outbox.names_sent(sp.AckRun(4, 5, 60), sent) and not outbox.names_sent(sp.AckRun(4, 6, 60), sent)
    gappy = {e.id: e.device_seq for e in (events[0], events[2])}  # 1 and 3: not one run
    assert not outbox.names_sent(sp.AckRun(1, 1, 60), gappy)
