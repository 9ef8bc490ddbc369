"""The desk façade: everything the window and the command line do with the data goes through here.

Like Anki's ``Collection``: one object per open data folder, holding the database, the unit's
profile, the active catalogue and the working calendar. Its methods are the clerk's verbs
(receive a dossier, record an action, find dossiers, compute a due date); none of its callers
builds SQL or folds events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from platformdirs import user_data_path

from desk_app.domain.clock import HybridClock
from desk_app.domain.dossier_code import format_dossier_code, new_lookup_secret, next_number
from desk_app.domain.errors import DeskError
from desk_app.domain.events import Event, EventKind, new_dossier_id, new_event_id, utc_now
from desk_app.domain.intake import IntakeForm, check_intake
from desk_app.domain.lifecycle import DossierState, check_allowed
from desk_app.domain.procedures import Catalogue, Procedure, catalogue_to_dict, load_catalogue, parse_catalogue
from desk_app.domain.work_calendar import CalendarOverride, WorkCalendar, due_at
from desk_app.resources import sample_catalogue_path
from desk_app.services.unit import UnitProfile, demo_profile
from desk_app.store import catalogue as catalogue_store, dossiers, search, unit
from desk_app.store.database import DATABASE_FILE, Database
from desk_app.store.migrate import upgrade

APP_NAME = "mot-cua-desk"


def default_data_dir() -> Path:
    """The user's data folder for the desk (platformdirs)."""
    return user_data_path(APP_NAME, appauthor=False)


class NotSetUp(DeskError):
    """The data folder has no unit yet: run the setup wizard or ``desk-app init``."""


@dataclass(frozen=True)
class Received:
    """What ``receive`` returns: the new dossier's state and its RECEIVED event."""

    state: DossierState
    event: Event


def procedure_details(procedure: Procedure) -> dict[str, Any]:
    """What a dossier keeps of the procedure it was received under (the catalogue changes later)."""
    return {
        "procedure_code": procedure.code,
        "procedure_name": procedure.name,
        "catalogue_version": procedure.catalogue_version,
        "duration": str(procedure.duration),
    }


def _local_now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Desk:
    """One open data folder: its database, unit, catalogue and calendar."""

    def __init__(self, data_dir: Path, database: Database) -> None:
        self.data_dir = data_dir
        self.db = database
        self._catalogue: Catalogue | None = None
        self._calendar: WorkCalendar | None = None
        self._profile: UnitProfile | None = None

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path | None = None) -> Desk:
        """Open (creating, migrating after a copy aside, and seeding as needed) a data folder."""
        folder = Path(data_dir) if data_dir else default_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        db_path = folder / DATABASE_FILE
        upgrade(db_path, folder / "backups")
        desk = cls(folder, Database(db_path))
        with desk.db.read() as connection:
            has_catalogue = catalogue_store.active_catalogue(connection) is not None
        if not has_catalogue:
            desk.import_catalogue(load_catalogue(sample_catalogue_path()))
        return desk

    def close(self) -> None:
        """Release the database."""
        self.db.close()

    # -- unit ------------------------------------------------------------------------------------

    def profile(self) -> UnitProfile | None:
        """The unit's profile, None before set-up."""
        if self._profile is None:
            with self.db.read() as connection:
                value = unit.get_setting(connection, "unit")
            self._profile = UnitProfile.from_settings(value) if value else None
        return self._profile

    def require_profile(self) -> UnitProfile:
        """The unit's profile; NotSetUp before set-up."""
        profile = self.profile()
        if profile is None:
            raise NotSetUp(
                "Máy chưa được cài đặt đơn vị: hãy chạy trình cài đặt hoặc «desk-app init».",
                "This desk has no unit yet: run the setup wizard or 'desk-app init'.",
            )
        return profile

    def set_up(self, profile: UnitProfile) -> UnitProfile:
        """Record the unit's profile (validated); the device id stays once chosen."""
        checked = profile.checked()
        existing = self.profile()
        if existing is not None:
            checked = UnitProfile(**{**checked.__dict__, "device_id": existing.device_id})
        with self.db.write() as connection:
            unit.set_settings(connection, checked.to_settings())
        self._profile = checked
        self._calendar = None
        return checked

    def ensure_demo_unit(self) -> UnitProfile:
        """The unit's profile, setting up the clearly named demo unit on an empty data folder."""
        return self.profile() or self.set_up(demo_profile())

    # -- catalogue and calendar ------------------------------------------------------------------

    def import_catalogue(self, catalogue: Catalogue) -> None:
        """Store a catalogue version and make it active."""
        rows = [
            {"code": p.code, "name": p.name, "name_folded": p.name_folded, "common": p.common}
            for p in catalogue.procedures
        ]
        with self.db.write() as connection:
            catalogue_store.save_catalogue(connection, catalogue_to_dict(catalogue), rows)
        self._catalogue = None

    def catalogue(self) -> Catalogue:
        """The active procedure catalogue."""
        if self._catalogue is None:
            with self.db.read() as connection:
                document = catalogue_store.active_catalogue(connection)
            assert document is not None, "the catalogue is loaded when the desk opens"
            self._catalogue = parse_catalogue(document)
        return self._catalogue

    def procedure(self, code: str) -> Procedure:
        """A procedure of the active catalogue; UnknownProcedure otherwise."""
        return self.catalogue().get(code.strip())

    def calendar_overrides(self, *, published: bool = False) -> list[CalendarOverride]:
        """The unit's own overrides (extra days off, make-up working days) by date; with ``published``,
        the province's as its centre last published them."""
        with self.db.read() as connection:
            rows = unit.calendar_overrides(connection, published=published)
        return [CalendarOverride(date.fromisoformat(r["day"]), r["working"], r["reason"], r["source"]) for r in rows]

    def calendar(self) -> WorkCalendar:
        """The unit's working calendar: public holidays, the province's days, the unit's own on top, its hours."""
        if self._calendar is None:
            profile = self.profile()
            hours = profile.working_hours() if profile else UnitProfile("", "", "", "").working_hours()
            own = self.calendar_overrides()
            days = {o.day: o for o in self.calendar_overrides(published=True)} | {o.day: o for o in own}
            overrides = [days[day] for day in sorted(days)]
            year = date.today().year
            self._calendar = WorkCalendar.seeded(range(year - 2, year + 3), hours=hours, overrides=overrides)
        return self._calendar

    def set_calendar_overrides(self, overrides: Iterable[CalendarOverride], *, published: bool = False) -> None:
        """Replace the unit's own overrides (the admin's edit); with ``published``, the province's days
        (the calendar its centre publishes), leaving the unit's own untouched."""
        rows = [
            {"day": o.day.isoformat(), "working": o.working, "reason": o.reason, "source": o.source} for o in overrides
        ]
        with self.db.write() as connection:
            unit.replace_calendar_overrides(connection, rows, published=published)
        self._calendar = None

    def due_at(self, procedure_code: str, received_at: datetime) -> datetime:
        """When a dossier of this procedure received at ``received_at`` is due."""
        return due_at(received_at, self.procedure(procedure_code).duration, self.calendar())

    # -- dossiers --------------------------------------------------------------------------------

    def _new_event(
        self, connection: Any, dossier_id: str, kind: EventKind, payload: Mapping[str, Any], actor: str
    ) -> Event:
        profile = self.require_profile()
        clock = HybridClock(last=unit.get_counter(connection, "hlc") or 0)
        stamp = clock.tick()
        unit.raise_counter(connection, "hlc", stamp)
        return Event(
            id=new_event_id(),
            dossier_id=dossier_id,
            kind=kind,
            payload=dict(payload),
            actor=actor,
            device_id=profile.device_id,
            device_seq=unit.next_counter(connection, "device_seq"),
            hlc=stamp,
            recorded_at=utc_now(),
        )

    def receive(self, form: IntakeForm, actor: str, now: datetime | None = None) -> Received:
        """Receive a dossier: check the form, give it its code, store it; all or nothing."""
        profile = self.require_profile()
        received_at = (now or _local_now()).replace(microsecond=0)
        procedure = self.procedure(form.procedure_code)
        computed = due_at(received_at, procedure.duration, self.calendar())
        details = check_intake(form, received_at, computed, received_at.date())
        day = received_at.date()
        volume = f"{profile.desk_number:02d}/{day.year}"
        with self.db.write() as connection:
            day_counter = f"code:{day:%y%m%d}"
            number = next_number(profile.desk_slice(), unit.get_counter(connection, day_counter))
            unit.raise_counter(connection, day_counter, number)
            payload = {
                **details,
                "code": format_dossier_code(profile.agency_id, day, number),
                "lookup_secret": new_lookup_secret(),
                **procedure_details(procedure),
                "register_volume": volume,
                "register_number": unit.next_counter(connection, f"register:{volume}"),
            }
            event = self._new_event(connection, new_dossier_id(), EventKind.RECEIVED, payload, actor)
            state = dossiers.append(connection, [event])[event.dossier_id]
        assert state is not None
        return Received(state, event)

    def record(self, dossier_id: str, kind: EventKind, payload: Mapping[str, Any], actor: str) -> DossierState:
        """Record an action on a dossier, refused with the clerk's reason when its status forbids it."""
        with self.db.write() as connection:
            check_allowed(kind, dossiers.state_of(connection, dossier_id))
            event = self._new_event(connection, dossier_id, kind, payload, actor)
            state = dossiers.append(connection, [event])[dossier_id]
        assert state is not None
        return state

    def find(self, query: search.DossierQuery) -> list[Any]:
        """Dossier rows matching a query, newest first."""
        with self.db.read() as connection:
            return search.find(connection, query)

    def dossier(self, code_or_id: str) -> tuple[DossierState, list[Event]] | None:
        """A dossier's state and its events (the timeline), by code or id."""
        with self.db.read() as connection:
            row = search.find_by_code(connection, code_or_id)
            dossier_id = row.id if row else code_or_id
            state = dossiers.state_of(connection, dossier_id)
            if state is None:
                return None
            return state, dossiers.events_of(connection, dossier_id)

    def today_figures(self, now: datetime | None = None) -> dict[str, int]:
        """Today's counts for the home screen: received, due today, overdue, waiting to be returned."""
        moment = now or _local_now()
        start = datetime.combine(moment.date(), datetime.min.time())
        end = start + timedelta(days=1)
        with self.db.read() as connection:
            return search.today_counts(connection, start, end, moment)
