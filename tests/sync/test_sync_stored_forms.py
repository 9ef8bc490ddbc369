"""What a real sync stores without serialising events again: the pulled rows hold each event's content
hash and canonical payload exactly as the long way would, the same hashes as the centre, and a pushed
event reaches the centre as the event the desk holds (its canonical JSON rebuilt from the row)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from centre.models import EventRow as CentreEventRow
from desk_app.domain.demo_people import PeopleGenerator
from desk_app.domain.events import EventKind, canonical_json
from desk_app.services.desk import Desk
from desk_app.services.sync import sync
from desk_app.store import dossiers
from tests.pg import RunningCentre
from tests.sync.helpers import assert_converged, intake_form, payload_for

NOW = datetime(2026, 3, 2, 9, 0)


def stored_rows(desk: Desk) -> list[tuple[str, str, str, str]]:
    """(id, content_hash, payload) of every events row, and the hash of the event read back from it."""
    with desk.db.read() as connection:
        rows = connection.exec_driver_sql("SELECT * FROM events ORDER BY id").all()
    return [(r.id, r.content_hash, r.payload, dossiers.row_to_event(r).content_hash()) for r in rows]


def test_pulled_rows_hold_the_hash_and_canonical_payload_of_each_event_as_the_centre_does(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    a, b = enrolled_desk(1), enrolled_desk(2)
    people, rng = PeopleGenerator(7), random.Random(7)
    for _ in range(6):
        dossier_id = a.receive(intake_form(people, rng), "canbo", now=NOW).state.dossier_id
        note = {"text": 'Ghi chú "có ngoặc kép" \\ và\tký tự điều khiển\x01', "at": NOW.isoformat()}
        a.record(dossier_id, EventKind.NOTE, note, "canbo")
        a.record(dossier_id, EventKind.TRANSFERRED, payload_for(EventKind.TRANSFERRED, NOW), "canbo")
    assert sync(a).pushed == 18
    assert sync(b, pull_page=5).pulled == 18
    pulled = stored_rows(b)
    assert [(i, h, p) for i, h, p, _ in pulled] == [(i, h, p) for i, h, p, _ in stored_rows(a)]
    assert all(stored == recomputed for _, stored, _, recomputed in pulled)
    with centre_server.engine.connect() as connection:
        centre = dict(connection.execute(select(CentreEventRow.id, CentreEventRow.content_hash)).all())
    assert {i: h for i, h, _, _ in pulled} == {str(k): v for k, v in centre.items()}
    with b.db.read() as connection:
        payloads = connection.exec_driver_sql("SELECT payload FROM events WHERE kind = 'note'").scalars().all()
    assert {json.loads(p)["text"] for p in payloads} == {note["text"]}
    assert_converged([a, b], centre_server.engine)


def test_a_pushed_event_reaches_the_centre_as_its_canonical_json(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    a = enrolled_desk(1)
    people, rng = PeopleGenerator(3), random.Random(3)
    for _ in range(3):
        a.receive(intake_form(people, rng), "canbo", now=NOW)
    assert sync(a).pushed == 3
    with a.db.read() as connection:
        rows = connection.exec_driver_sql("SELECT * FROM events").all()
    expected = {r.id: canonical_json(dossiers.row_to_event(r).to_wire()).decode() for r in rows}
    with centre_server.engine.connect() as connection:
        wires = dict(connection.execute(select(CentreEventRow.id, CentreEventRow.wire)).all())
    assert {str(k): v for k, v in wires.items()} == expected
