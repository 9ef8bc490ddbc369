"""``desk-app demo-data``: a database full of realistic dossiers for demos and benchmarks.

Made-up citizens (``desk_app.domain.demo_people``: real family-name frequencies, consistent ID
numbers) bring real procedures of the catalogue, the common ones most often, spread over the
past years in receipt order; older dossiers have moved further along their life (handed over,
result back, returned with a rating), a few were refused, withdrawn, paused or are overdue. Every
dossier is a real event log folded by the domain rules, so the data is what the desk itself would
have written.
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from desk_app.domain.clock import pack
from desk_app.domain.demo_people import PeopleGenerator
from desk_app.domain.dossier_code import MAX_NUMBER, format_dossier_code, new_lookup_secret
from desk_app.domain.events import Event, EventKind
from desk_app.domain.lifecycle import DossierState, fold
from desk_app.domain.procedures import Procedure
from desk_app.domain.work_calendar import CalendarOverride, WorkCalendar, WorkingHours, due_at
from desk_app.services.desk import Desk, procedure_details
from desk_app.store.bulk import Rows, insert_rows, rows_of
from desk_app.store.unit import raise_counter

CHUNK = 20_000
VIETNAM_OFFSET = timedelta(hours=7)
_RATINGS = ("Rất hài lòng", "Hài lòng", "Không hài lòng")
_UNITS = ("Công chức Tư pháp - Hộ tịch", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế", "Công an xã")


@dataclass(frozen=True)
class _Chunk:
    """One worker's share: the dossiers received on consecutive whole days, from one demo device."""

    index: int
    seed: int
    first_day: date
    days: int
    count: int
    end: datetime
    agency_id: str
    procedures: tuple[Procedure, ...]
    hours: WorkingHours
    overrides: tuple[CalendarOverride, ...]


def generate(
    desk: Desk,
    count: int,
    seed: int = 0,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> int:
    """Add ``count`` demo dossiers to the desk's database (sets up the demo unit when none).

    The period is cut into runs of whole days, each made by a worker process as if by its own
    demo device (so device sequence numbers stay gapless without coordination, and each day's
    dossier numbers are issued by one chunk); the main process inserts the chunks in order, so
    rowid order is receipt order, as at a real desk.
    """
    profile = desk.ensure_demo_unit()
    end = (now or datetime.now()).replace(microsecond=0)
    total_days = max(30, min(5 * 365, count // 150))
    chunk_count = max(1, min(total_days, -(-count // CHUNK)))
    calendar = desk.calendar()
    first = end.date() - timedelta(days=total_days - 1)
    chunks = []
    for index in range(chunk_count):
        day_from = total_days * index // chunk_count
        day_to = total_days * (index + 1) // chunk_count
        chunks.append(
            _Chunk(
                index=index,
                seed=seed * 1_000_003 + index,
                first_day=first + timedelta(days=day_from),
                days=day_to - day_from,
                count=count * (index + 1) // chunk_count - count * index // chunk_count,
                end=end,
                agency_id=profile.agency_id,
                procedures=desk.catalogue().procedures,
                hours=calendar.hours,
                overrides=tuple(calendar.overrides()),
            )
        )
    raw = desk.db.raw_connection()
    loaded = 0
    last_numbers: dict[date, int] = {}
    try:
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            for rows, numbers in pool.map(_make_chunk, chunks):
                loaded += insert_rows(raw, rows)
                last_numbers.update(numbers)
                if progress:
                    progress(loaded)
    finally:
        raw.close()
    with desk.db.write() as connection:
        raise_counter(connection, "hlc", pack(int(_utc(end).timestamp() * 1000)))
        for day, number in last_numbers.items():  # the desk's next code that day follows the demo's
            raise_counter(connection, f"code:{day:%y%m%d}", min(number, MAX_NUMBER))
    return loaded


def _make_chunk(chunk: _Chunk) -> tuple[Rows, dict[date, int]]:
    """The rows of one chunk's dossiers (runs in a worker process)."""
    rng = random.Random(chunk.seed)
    people = PeopleGenerator(chunk.seed)
    years = range(chunk.first_day.year - 1, chunk.end.year + 2)
    calendar = WorkCalendar.seeded(years, hours=chunk.hours, overrides=chunk.overrides)
    device_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    cum_weights = list(accumulate(12 if p.common else 1 for p in chunk.procedures))
    start = datetime.combine(chunk.first_day, time(0))
    span = chunk.days * 86400
    moments = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(chunk.count))
    numbers: dict[date, int] = {}
    seq = 0
    dossiers: list[tuple[DossierState, list[Event]]] = []
    for moment in moments:
        moment = min(calendar.start_of_counting(moment), chunk.end)
        numbers[moment.date()] = number = numbers.get(moment.date(), 0) + 1
        if number > MAX_NUMBER:
            continue
        procedure = rng.choices(chunk.procedures, cum_weights=cum_weights)[0]
        person = people.person()  # the submitter: for a birth registration, a parent
        due = due_at(moment, procedure.duration, calendar)
        payload = {
            "code": format_dossier_code(chunk.agency_id, moment.date(), number),
            "lookup_secret": new_lookup_secret(),
            **procedure_details(procedure),
            "applicant_name": person.full_name,
            "applicant_id_number": person.id_number,
            "applicant_birth_date": person.birth_date.isoformat(),
            "applicant_gender": person.gender,
            "applicant_address": person.address,
            "applicant_phone": person.phone,
            "papers": [{"name": p.name, "originals": p.originals, "copies": p.copies} for p in procedure.papers],
            "sets": 1,
            "channel": "desk",
            "result_delivery": "desk" if rng.random() < 0.9 else "post",
            "received_at": moment.isoformat(timespec="seconds"),
            "computed_due_at": due.isoformat(timespec="seconds"),
            "due_at": due.isoformat(timespec="seconds"),
        }
        dossier_id = _uuid7_at(moment, rng)
        events = []
        for kind, at, extra in _life(rng, moment, due, chunk.end, calendar):
            seq += 1
            body = payload if kind is EventKind.RECEIVED else {"at": at.isoformat(timespec="seconds"), **extra}
            events.append(
                Event(
                    id=_uuid7_at(at, rng),
                    dossier_id=dossier_id,
                    kind=kind,
                    payload=body,
                    actor="demo",
                    device_id=device_id,
                    device_seq=seq,
                    hlc=pack(int(_utc(at).timestamp() * 1000)),
                    recorded_at=_utc(at),
                )
            )
        state = fold(events)
        assert state is not None
        dossiers.append((state, events))
    return rows_of(dossiers), numbers


def _uuid7_at(local: datetime, rng: random.Random) -> str:
    """A UUIDv7 as the desk would have made it at that (local) moment: ids stay in time order."""
    millis = int(_utc(local).timestamp() * 1000)
    value = (millis << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62) | rng.getrandbits(62)
    return str(uuid.UUID(int=value))


def _utc(local: datetime) -> datetime:
    """A naive Vietnam local time (UTC+7) as an aware UTC time."""
    return (local - VIETNAM_OFFSET).replace(tzinfo=UTC)


def _life(
    rng: random.Random, received: datetime, due: datetime, now: datetime, calendar: WorkCalendar
) -> Iterator[tuple[EventKind, datetime, dict[str, Any]]]:
    """The events of one dossier's life so far, in time order, each in the unit's working time."""
    last = received
    yield EventKind.RECEIVED, received, {}

    def at(moment: datetime) -> datetime:
        nonlocal last
        last = max(calendar.start_of_counting(moment), last + timedelta(minutes=1))
        return last

    if rng.random() < 0.01:
        yield EventKind.REFUSED, at(received + timedelta(minutes=20)), {"reason": "Hồ sơ không thuộc thẩm quyền"}
        return
    spent = due - received
    late = rng.random() < 0.06
    ready = (due + spent * rng.uniform(0.05, 0.5)) if late else received + spent * rng.uniform(0.3, 1.0)
    handed = at(received + (ready - received) * 0.2)
    if handed > now:
        return
    yield EventKind.TRANSFERRED, handed, {"to_unit": rng.choice(_UNITS)}
    if rng.random() < 0.02:
        yield EventKind.SUPPLEMENT_REQUESTED, at(handed + timedelta(hours=1)), {"reason": "Thiếu giấy tờ"}
        return
    if rng.random() < 0.005:
        yield EventKind.WITHDRAWN, at(handed + timedelta(hours=2)), {"reason": "Công dân rút hồ sơ"}
        return
    ready = at(ready)
    if ready > now:
        return
    yield EventKind.RESULT_RECEIVED, ready, {"from_unit": "Bộ phận chuyên môn"}
    returned = at(ready + timedelta(hours=rng.uniform(1, 72)))
    if returned > now or rng.random() < 0.1:
        return
    rating = rng.choices(_RATINGS, (70, 27, 3))[0]
    yield EventKind.RESULT_RETURNED, returned, {"rating": rating}
