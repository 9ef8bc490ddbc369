"""The desk's reports: a period report per procedure, grouped as the national index counts, and the
end-of-day summary.

The period report (DESIGN §4 "On time"; reference §2.4–2.6, §6.3, QĐ 766/QĐ-TTg) has one row per
procedure and a total row:

* **received** in the period, by channel (at the desk / online / by post);
* **finished** in the period (status 7, 9 or 10: the index's "đã xử lý"), early / on time / late,
  comparing the **date part** of the finish with the due date (:func:`timeliness`). A dossier given an
  extension (Mẫu 04) is judged against the due date it had **before** the extension (§2.5); a due
  date recomputed after a supplement (the clock paused) stands;
* **in progress** at the end of the period — open (status 2 or 4), or finished only after the
  period — on time when its due date is on or after the last day of the period, else late;
* **paused** (status 5, 6 or 8: the index's "dừng/tạm dừng");
* **returned** in the period, with the citizens' ratings (Rất hài lòng / Hài lòng / Không hài lòng);
* **digitised**: dossiers received in the period with scanned papers (a ``PAPER_SCANNED`` event;
  0 while that kind does not exist).

The counting (:func:`count_period`, :func:`summarise_day`) is pure and works on
:class:`DossierState`; the readers (:func:`period_report`, :func:`day_summary`) fetch the states.
Each dossier is counted as it stood at the end of the period (only the actions taken before the
period's end, by ``business_time``, are folded), so a report of a past month reads the same today as on
the day after that month: a dossier paused, finished or returned later counts as it was then.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import Event, EventKind, Status
from desk_app.domain.lifecycle import DossierState, business_time, fold as fold_events
from desk_app.domain.text import fold
from desk_app.domain.work_calendar import timeliness
from desk_app.printing.register import write_register
from desk_app.printing.report import (
    TOTAL_LABEL,
    DayProcedure,
    DaySummary,
    PeriodReport,
    ReportRow,
    write_day_summary,
    write_period_report,
)
from desk_app.services.desk import Desk
from desk_app.services.register import check_range, register_data
from desk_app.services.spreadsheets import day_workbook, period_workbook, register_workbook, write_workbook
from desk_app.store.search import DossierQuery
from desk_app.store.sync_state import unsynced_count

MAX_DOSSIERS = 200_000
FINISHED = frozenset({Status.WITHDRAWN, Status.RESULT_READY, Status.RETURNED})
OPEN = frozenset({Status.RECEIVED, Status.PROCESSING})
PAUSED = frozenset({Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT, Status.STOPPED})
RATINGS = ("Rất hài lòng", "Hài lòng", "Không hài lòng")
_RATING_FIELD = {fold(r): f for r, f in zip(RATINGS, ("very_satisfied", "satisfied", "dissatisfied"), strict=True)}
_CHANNEL_FIELD = {
    "desk": "received_desk",
    "1": "received_desk",
    "online": "received_online",
    "2": "received_online",
    "post": "received_post",
    "3": "received_post",
}
PAPER_SCANNED: EventKind | None = getattr(EventKind, "PAPER_SCANNED", None)


_COUNT_FIELDS = tuple(f.name for f in fields(ReportRow))[2:]


@dataclass(frozen=True)
class Case:
    """What the period report needs of one dossier: its state, the due date it is judged against,
    and whether its papers were scanned."""

    state: DossierState
    judged_due: datetime
    digitised: bool = False


def case_of(state: DossierState, events: Iterable[Event] = ()) -> Case:
    """The counting facts of a dossier: the due date less every extension's shift (§2.5), and
    whether a paper was scanned."""
    due: datetime | None = None
    shift = timedelta()
    scanned = False
    for event in sorted(events, key=lambda e: e.sort_key):
        value = event.payload.get
        if event.kind is EventKind.RECEIVED and value("due_at"):
            due = datetime.fromisoformat(value("due_at"))
        elif event.kind is EventKind.SUPPLEMENT_RECEIVED and value("due_at"):
            due = datetime.fromisoformat(value("due_at"))
        elif event.kind is EventKind.EXTENDED and value("new_due_at") and due is not None:
            new_due = datetime.fromisoformat(value("new_due_at"))
            shift += new_due - due
            due = new_due
        elif PAPER_SCANNED is not None and event.kind is PAPER_SCANNED:
            scanned = True
    return Case(state, state.due_at - shift, scanned)


def _in(moment: datetime | None, start: datetime, end: datetime) -> bool:
    return moment is not None and start <= moment < end


def _bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    return datetime.combine(date_from, time()), datetime.combine(date_to + timedelta(days=1), time())


def _classify(case: Case, date_from: date, date_to: date) -> list[str]:
    """The count fields one dossier adds to for the period (possibly none)."""
    start, end = _bounds(date_from, date_to)
    s = case.state
    if s.received_at >= end:
        return []
    adds: list[str] = []
    if s.received_at >= start:
        adds.append(_CHANNEL_FIELD.get(str(s.received.get("channel", "desk")), "received_desk"))
        if case.digitised:
            adds.append("digitised")
    if _in(s.returned_at, start, end):
        adds.append("returned")
        rating = _RATING_FIELD.get(fold(str(s.rating or "")))
        if rating:
            adds.append(rating)
    finished = s.finished_at
    if finished is not None and finished >= end:  # finished after the period: in progress at its end
        adds.append("in_progress_on_time" if case.judged_due.date() >= date_to else "in_progress_late")
    elif s.status in FINISHED and _in(finished, start, end):
        assert finished is not None
        adds.append(f"finished_{timeliness(finished, case.judged_due)}")
    elif s.status in OPEN:
        adds.append("in_progress_on_time" if case.judged_due.date() >= date_to else "in_progress_late")
    elif s.status in PAUSED and (finished is None or finished >= start):
        adds.append("paused")
    return adds


def _row(code: str, name: str, counts: dict[str, int]) -> ReportRow:
    return ReportRow(code, name, **{f: counts.get(f, 0) for f in _COUNT_FIELDS})


def count_period(cases: Iterable[Case], date_from: date, date_to: date) -> tuple[tuple[ReportRow, ...], ReportRow]:
    """The rows (procedures with anything to count, by code) and the total row of a period."""
    per: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    total: dict[str, int] = {}
    for case in cases:
        adds = _classify(case, date_from, date_to)
        if not adds:
            continue
        code = str(case.state.received.get("procedure_code", ""))
        names.setdefault(code, str(case.state.received.get("procedure_name", "")))
        counts = per.setdefault(code, {})
        for name in adds:
            counts[name] = counts.get(name, 0) + 1
            total[name] = total.get(name, 0) + 1
    rows = tuple(_row(code, names[code], per[code]) for code in sorted(per))
    return rows, _row("", TOTAL_LABEL, total)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _states(desk: Desk, rows: Sequence[Any], end: datetime) -> list[tuple[DossierState, list[Event]]]:
    """Each dossier as it stood just before ``end``, with the events that made it so."""
    states = []
    for found in (desk.dossier(row.id) for row in rows):
        if found is None:
            continue
        earlier = [event for event in found[1] if business_time(event) < end]
        state = fold_events(earlier)
        if state is not None:
            states.append((state, earlier))
    return states


def period_report(desk: Desk, date_from: date, date_to: date, now: datetime | None = None) -> PeriodReport:
    """The period report for ``date_from`` to ``date_to`` inclusive, read from the event log."""
    check_range(date_from, date_to)
    profile = desk.require_profile()
    start, end = _bounds(date_from, date_to)
    rows = desk.find(DossierQuery(received_to=_iso(end), limit=MAX_DOSSIERS))
    # Dossiers closed before the period starts (and not returned in it) add nothing: not read.
    relevant = [
        r for r in rows if r.finished_at is None or r.finished_at >= _iso(start) or (r.returned_at or "") >= _iso(start)
    ]
    cases = [case_of(state, events) for state, events in _states(desk, relevant, end)]
    body, total = count_period(cases, date_from, date_to)
    return PeriodReport(
        parent_body=profile.parent_body,
        unit_name=profile.unit_name,
        place_name=profile.place_name,
        date_from=date_from,
        date_to=date_to,
        printed_at=(now or datetime.now()).replace(microsecond=0),
        rows=body,
        total=total,
    )


@dataclass(frozen=True)
class DayCounts:
    """The counted part of the end-of-day summary (pure: see :func:`summarise_day`)."""

    received: tuple[DayProcedure, ...]
    returned: int
    due_next_working_day: int
    overdue: int


def summarise_day(states: Iterable[DossierState], day: date, next_working_day: date, now: datetime) -> DayCounts:
    """Received on ``day`` by procedure, returned on ``day``, open dossiers (2 or 4) due on the next
    working day, and open dossiers overdue at ``now``."""
    start, end = _bounds(day, day)
    per: dict[str, list[Any]] = {}
    returned = due_next = overdue = 0
    for s in {s.dossier_id: s for s in states}.values():
        if _in(s.received_at, start, end):
            code = str(s.received.get("procedure_code", ""))
            per.setdefault(code, [str(s.received.get("procedure_name", "")), 0])[1] += 1
        returned += _in(s.returned_at, start, end)
        due_next += s.status in OPEN and s.due_at.date() == next_working_day
        overdue += s.is_overdue(now)
    received = tuple(DayProcedure(code, name, n) for code, (name, n) in sorted(per.items()))
    return DayCounts(received, returned, due_next, overdue)


def day_summary(desk: Desk, day: date, now: datetime | None = None) -> DaySummary:
    """The end-of-day summary of ``day``; "overdue" is counted at ``now`` (at most the day's end)."""
    profile = desk.require_profile()
    start, end = _bounds(day, day)
    moment = min((now or datetime.now()).replace(microsecond=0), end)
    following = desk.calendar().next_working_day(day)
    next_start, next_end = _bounds(following, following)
    open_ = tuple(int(s) for s in OPEN)
    queries = (
        DossierQuery(received_from=_iso(start), received_to=_iso(end), limit=MAX_DOSSIERS),
        DossierQuery(statuses=open_, due_from=_iso(next_start), due_before=_iso(next_end), limit=MAX_DOSSIERS),
        DossierQuery(statuses=open_, due_before=_iso(moment), limit=MAX_DOSSIERS),
    )
    rows = {r.id: r for query in queries for r in desk.find(query)}
    returned_rows = desk.find(DossierQuery(statuses=(int(Status.RETURNED),), limit=MAX_DOSSIERS))
    rows.update({r.id: r for r in returned_rows if r.returned_at and _iso(start) <= r.returned_at < _iso(end)})
    counts = summarise_day((state for state, _ in _states(desk, list(rows.values()), moment)), day, following, moment)
    with desk.db.read() as connection:
        unsynced = unsynced_count(connection)
    return DaySummary(
        parent_body=profile.parent_body,
        unit_name=profile.unit_name,
        place_name=profile.place_name,
        day=day,
        printed_at=(now or datetime.now()).replace(microsecond=0),
        received=counts.received,
        returned=counts.returned,
        next_working_day=following,
        due_next_working_day=counts.due_next_working_day,
        overdue=counts.overdue,
        unsynced_events=unsynced,
    )


FORMATS = ("pdf", "xlsx")


def output_format(out: Path, wanted: str | None = None) -> str:
    """``wanted`` if given, else the format the file name's suffix names; refused when neither is
    "pdf" nor "xlsx"."""
    chosen = (wanted or out.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise InvalidInput(
            f"Không rõ định dạng tệp «{out.name}»: chọn --format pdf hoặc xlsx",
            f"Unknown file format for '{out.name}': choose --format pdf or xlsx",
        )
    return chosen


def export_period_report(
    desk: Desk, date_from: date, date_to: date, out: Path, fmt: str | None = None, now: datetime | None = None
) -> Path:
    """Write the period report as PDF or ``.xlsx`` (from ``fmt``, else from the suffix of ``out``)."""
    chosen = output_format(out, fmt)
    report = period_report(desk, date_from, date_to, now)
    if chosen == "pdf":
        return write_period_report(report, out)
    return write_workbook(period_workbook(report), out)


def export_day_summary(desk: Desk, day: date, out: Path, fmt: str | None = None, now: datetime | None = None) -> Path:
    """Write the end-of-day summary as PDF or ``.xlsx`` (from ``fmt``, else from the suffix of ``out``)."""
    chosen = output_format(out, fmt)
    summary = day_summary(desk, day, now)
    if chosen == "pdf":
        return write_day_summary(summary, out)
    return write_workbook(day_workbook(summary), out)


def export_register_file(desk: Desk, date_from: date, date_to: date, out: Path, fmt: str | None = None) -> Path:
    """Write the register (Mẫu 07) as PDF or ``.xlsx`` (from ``fmt``, else from the suffix of ``out``)."""
    data = register_data(desk, date_from, date_to)
    if output_format(out, fmt) == "pdf":
        return write_register(data, out)
    return write_workbook(register_workbook(data), out)
