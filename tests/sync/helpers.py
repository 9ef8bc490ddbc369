"""Desks that sync for the sync tests: separate data folders, real intake and actions, and the checks
that every replica (each desk and the centre) holds the same events and folds the same dossiers.

``DESK_ACTIONS`` are the clerk's actions the tests draw from; ``payload_for`` makes a plausible
payload for one (the shared factories' defaults). ``snapshot_*`` read what a replica holds:
``{content_hash}`` for events and ``{dossier_id: DossierState}`` folded from its own event log.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select

from centre.models import EventRow as CentreEventRow
from centre.services import desks as centre_desks
from desk_app.domain.demo_people import PeopleGenerator
from desk_app.domain.events import Event, EventKind
from desk_app.domain.intake import IntakeForm, Person
from desk_app.domain.lifecycle import DossierState, fold
from desk_app.services.desk import Desk
from desk_app.store import bulk, dossier_rows, dossiers
from desk_app.store.models import EVENTS
from desk_app.store.unit import raise_counter
from tests.domain.factories import _default_payload as default_payload

UNIT = "000.17.22.H56"
COMMON_PROCEDURES = ("1.001193", "2.000815", "1.004873", "1.000894")
DESK_ACTIONS = (
    EventKind.TRANSFERRED,
    EventKind.RESULT_RECEIVED,
    EventKind.SUPPLEMENT_REQUESTED,
    EventKind.SUPPLEMENT_RECEIVED,
    EventKind.FEE_PAID,
    EventKind.RESULT_RETURNED,
    EventKind.NOTE,
    EventKind.DETAILS_CORRECTED,
    EventKind.WITHDRAWN,
)


def intake_form(people: PeopleGenerator, rng: random.Random) -> IntakeForm:
    """A dossier a citizen hands in: a made-up adult, one of a few common procedures."""
    person = people.person()
    applicant = Person(person.full_name, person.id_number, address=person.address, phone=person.phone)
    return IntakeForm(applicant, rng.choice(COMMON_PROCEDURES))


def payload_for(kind: EventKind, at: datetime) -> dict[str, Any]:
    """A plausible payload of ``kind`` happening at local time ``at``."""
    return default_payload(kind, at.replace(microsecond=0))


def enrolment_code(engine: Engine, unit: str, desk_number: int) -> str:
    """A fresh one-time code for a desk slot, as ``centre enroll`` prints it."""
    with engine.begin() as connection:
        code, _ = centre_desks.new_enrolment_code(connection, unit, desk_number)
    return code


def desk_events(desk: Desk) -> list[Event]:
    """Every event a desk holds."""
    with desk.db.read() as connection:
        return [dossiers.row_to_event(r) for r in connection.execute(select(EVENTS))]


def centre_events(engine: Engine, unit: str) -> list[Event]:
    """Every event the centre holds for a unit, parsed back from its stored wire form."""
    table = CentreEventRow.__table__
    with engine.connect() as connection:
        wires = connection.execute(select(table.c.wire).where(table.c.unit == unit)).scalars().all()
    return [Event.from_wire(json.loads(w)) for w in wires]


def hashes(events: list[Event]) -> Counter[str]:
    """How many times each content hash occurs (every count must be 1)."""
    return Counter(e.content_hash() for e in events)


def dossiers_of(events: list[Event]) -> dict[str, list[Event]]:
    """The events of each dossier, in their order."""
    grouped: dict[str, list[Event]] = {}
    for event in events:
        grouped.setdefault(event.dossier_id, []).append(event)
    return grouped


def states(events: list[Event]) -> dict[str, DossierState | None]:
    """Each dossier folded from a replica's events."""
    return {d: fold(evs) for d, evs in dossiers_of(events).items()}


def projection_rows(desk: Desk) -> dict[str, dict[str, Any]]:
    """The desk's stored projection rows by dossier id (without the local rowid)."""
    with desk.db.read() as connection:
        rows = connection.exec_driver_sql("SELECT * FROM dossiers").mappings().all()
    return {r["id"]: {k: v for k, v in r.items() if k != "rowid"} for r in rows}


def assert_converged(desks: list[Desk], engine: Engine, unit: str = UNIT) -> int:
    """Every desk and the centre hold the same events once each and fold the same dossiers; the count."""
    centre = centre_events(engine, unit)
    centre_hashes = hashes(centre)
    assert all(n == 1 for n in centre_hashes.values()), "an event is stored twice at the centre"
    assert len({e.id for e in centre}) == len(centre)
    centre_states = states(centre)
    for desk in desks:
        mine = desk_events(desk)
        mine_hashes = hashes(mine)
        assert all(n == 1 for n in mine_hashes.values()), f"an event is stored twice at {desk.data_dir}"
        missing = set(centre_hashes) - set(mine_hashes)
        extra = set(mine_hashes) - set(centre_hashes)
        assert not missing and not extra, f"{desk.data_dir}: {len(missing)} missing, {len(extra)} not at the centre"
        assert states(mine) == centre_states
        rows = projection_rows(desk)
        folded = {d: s for d, s in centre_states.items() if s is not None}
        assert set(rows) == set(folded)
        for dossier_id, state in folded.items():
            row = dossier_rows.dossier_row(state)
            assert rows[dossier_id] == row, f"projection of {dossier_id} differs at {desk.data_dir}"
    return len(centre)


def later(moment: datetime, minutes: int) -> datetime:
    """``moment`` plus some minutes, whole seconds."""
    return (moment + timedelta(minutes=minutes)).replace(microsecond=0)


def load_into_desk(desk: Desk, events: list[Event]) -> None:
    """Store ready-made events of this desk as unsent (bulk), with the counters a desk would have."""
    batch = [(fold(evs), evs) for evs in dossiers_of(events).values()]
    raw = desk.db.raw_connection()
    try:
        bulk.insert_rows(raw, bulk.rows_of(batch))  # type: ignore[arg-type]
    finally:
        raw.close()
    with desk.db.write() as connection:
        raise_counter(connection, "device_seq", max(e.device_seq for e in events))
        raise_counter(connection, "hlc", max(e.hlc for e in events))
