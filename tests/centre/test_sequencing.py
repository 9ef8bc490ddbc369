"""The centre sequence: a reader's cursor never skips an event committed late.

The first test holds one inserting transaction open (the "slow" one) while another desk of the same
unit pushes and a third desk pulls: the second push waits for the first to commit, the reader sees
nothing numbered past what is committed, and after the commit it gets every event in order. The
second test runs writers and a reader at once against a real server and checks the reader ends
with every event exactly once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
from sqlalchemy import Engine, select

from centre.models import Desk
from centre.services import ingest
from desk_app.domain.events import EventKind
from tests.centre.helpers import TestDesk, enrol_desk
from tests.pg import RunningCentre

UNIT_A = "000.17.22.H56"
UNIT_B = "000.18.23.H56"


def _identity(engine: Engine, desk: TestDesk) -> ingest.DeskIdentity:
    with engine.connect() as connection:
        row = connection.execute(select(Desk).where(Desk.device_id == desk.device_id)).one()
    return ingest.DeskIdentity(row.id, row.unit, row.desk_number, row.device_id)


def test_reader_cursor_does_not_pass_an_event_whose_transaction_commits_late(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    slow, fast, reader = enrol(UNIT_A, 1), enrol(UNIT_A, 2), enrol(UNIT_A, 3)
    other_unit = enrol(UNIT_B, 1)
    slow_events = [slow.receive(n) for n in range(1, 4)]
    fast_events = [fast.receive(n) for n in range(1001, 1003)]
    fast_result: dict[str, list[int]] = {}

    def push_fast() -> None:
        with engine.begin() as connection:
            outcome = ingest.push(connection, _identity(engine, fast), [e.to_wire() for e in fast_events], "0.1.0")
        fast_result["seqs"] = [a.centre_seq for a in outcome.acks]

    connection = engine.connect()
    transaction = connection.begin()
    try:
        outcome = ingest.push(connection, _identity(engine, slow), [e.to_wire() for e in slow_events], "0.1.0")
        assert [a.centre_seq for a in outcome.acks] == [1, 2, 3]  # numbered, not yet committed
        writer = threading.Thread(target=push_fast)
        writer.start()
        time.sleep(0.4)
        assert writer.is_alive(), "the second insert of the unit must wait for the first to commit"
        early = reader.sync()
        assert (early.events, early.cursor, early.head) == ((), 0, 0)
        assert other_unit.sync([other_unit.receive(1)]).acks, "another unit is not held up"
        transaction.commit()
    finally:
        connection.close()
    writer.join(timeout=10)
    assert fast_result["seqs"] == [4, 5]
    late = reader.sync()
    assert [seq for seq, _ in late.pulled()] == [1, 2, 3, 4, 5]
    assert {e.id for _, e in late.pulled()} == {e.id for e in slow_events + fast_events}


def test_concurrent_writers_and_a_polling_reader_lose_and_double_nothing(centre_server: RunningCentre) -> None:
    writers_count, batches, per_batch = 4, 8, 5
    clients = [httpx.Client(base_url=centre_server.url, timeout=30) for _ in range(writers_count + 1)]
    try:
        desks = [enrol_desk(c, centre_server.engine, UNIT_A, n + 1) for n, c in enumerate(clients)]
        writers, reader = desks[:writers_count], desks[writers_count]
        pushed: list[str] = []
        errors: list[BaseException] = []
        done = threading.Event()

        def write(desk: TestDesk) -> None:
            try:
                for batch in range(batches):
                    first = desk.receive(batch + 1 + 100 * desk.desk_number)
                    events = [first] + [desk.act(EventKind.NOTE, first) for _ in range(per_batch - 1)]
                    assert len(desk.sync(events).acks) == per_batch
                    pushed.extend(e.id for e in events)
            except BaseException as exc:  # reported below
                errors.append(exc)

        seen: list[int] = []

        def read() -> None:
            while not done.is_set():
                response = reader.sync(page_size=7)
                seen.extend(seq for seq, _ in response.pulled())

        threads = [threading.Thread(target=write, args=(d,)) for d in writers]
        polling = threading.Thread(target=read)
        polling.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        done.set()
        polling.join(timeout=60)
        assert not errors, errors
        for response in reader.sync_all():
            seen.extend(seq for seq, _ in response.pulled())
        total = writers_count * batches * per_batch
        assert len(pushed) == total
        assert seen == list(range(1, total + 1)), "every number once, in order: the cursor never skipped"
        assert set(reader.pulled) == set(pushed)
    finally:
        for client in clients:
            client.close()
