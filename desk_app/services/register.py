"""The register of dossiers (Sổ theo dõi hồ sơ, Mẫu 07) for a date range, from the event log.

Each line is a dossier received in the range, in receipt order, with the dates its events give:
handed to the processing unit (first hand-over), result back from it, result returned to the citizen.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import Event, EventKind
from desk_app.domain.lifecycle import VIETNAM, DossierState
from desk_app.printing.register import RegisterData, RegisterEntry, write_register
from desk_app.services.desk import Desk
from desk_app.store.search import DossierQuery

MAX_DAYS = 366
MAX_DOSSIERS = 200_000


def _first_at(events: list[Event], kind: EventKind) -> datetime | None:
    """When the first event of ``kind`` happened (its "at", else its recording time in Vietnam)."""
    for event in events:
        if event.kind is kind:
            if event.payload.get("at"):
                return datetime.fromisoformat(event.payload["at"])
            return event.recorded_at.astimezone(VIETNAM).replace(tzinfo=None, microsecond=0)
    return None


def _entry(number: int, state: DossierState, events: list[Event]) -> RegisterEntry:
    handed = next((e for e in events if e.kind is EventKind.TRANSFERRED), None)
    return RegisterEntry(
        number=number,
        dossier_code=state.code,
        procedure_name=str(state.received.get("procedure_name", "")),
        dossier_sets=int(state.received.get("sets", 1) or 1),
        applicant_name=str(state.detail("applicant_name") or ""),
        applicant_address=str(state.detail("applicant_address") or ""),
        applicant_phone=str(state.detail("applicant_phone") or ""),
        lead_agency=str(handed.payload.get("to_unit", "")) if handed else "",
        received_at=state.received_at,
        due_at=state.due_at,
        sent_at=_first_at(events, EventKind.TRANSFERRED),
        result_received_at=_first_at(events, EventKind.RESULT_RECEIVED),
        returned_at=state.returned_at,
        note=str(state.received.get("note", "") or ""),
    )


def check_range(date_from: date, date_to: date) -> None:
    """Refuse a reversed range or one longer than :data:`MAX_DAYS` (registers and reports)."""
    if date_to < date_from or (date_to - date_from).days >= MAX_DAYS:
        raise InvalidInput(
            f"Khoảng ngày không hợp lệ: từ {date_from:%d/%m/%Y} đến {date_to:%d/%m/%Y} (tối đa {MAX_DAYS} ngày)",
            f"Invalid date range: {date_from:%d/%m/%Y} to {date_to:%d/%m/%Y} (at most {MAX_DAYS} days)",
        )


def register_data(desk: Desk, date_from: date, date_to: date, now: datetime | None = None) -> RegisterData:
    """The register's lines for the dossiers received from ``date_from`` to ``date_to`` inclusive."""
    check_range(date_from, date_to)
    profile = desk.require_profile()
    start = datetime.combine(date_from, time())
    end = datetime.combine(date_to + timedelta(days=1), time())
    rows = desk.find(
        DossierQuery(
            received_from=start.isoformat(timespec="seconds"),
            received_to=end.isoformat(timespec="seconds"),
            limit=MAX_DOSSIERS,
        )
    )
    entries = []
    for row in sorted(rows, key=lambda r: (r.received_at, r.rowid)):
        found = desk.dossier(row.id)
        if found is not None:
            entries.append(_entry(len(entries) + 1, *found))
    return RegisterData(
        parent_body=profile.parent_body,
        unit_name=profile.unit_name,
        place_name=profile.place_name,
        volume=f"{profile.desk_number:02d}/{date_from.year}",
        date_from=date_from,
        date_to=date_to,
        printed_at=(now or datetime.now()).replace(microsecond=0),
        entries=tuple(entries),
    )


def export_register(desk: Desk, date_from: date, date_to: date, out: Path) -> Path:
    """Write the register for the range as a PDF (Mẫu 07)."""
    return write_register(register_data(desk, date_from, date_to), out)
