"""Due dates of dossiers: processing durations and the rules that turn a receipt time into a due date.

A procedure's processing time is a ``Duration`` (value, unit): working hours, working days, calendar
days ("ngày"), or same-day with a 15:00 cut-off. ``due_at`` computes the appointment printed on the
slip (Mẫu 01) from the receipt time and the unit's ``WorkCalendar``; ``resume_after_pause`` pushes it
when a supplement request paused the clock; ``timeliness`` classifies a finished dossier the way the
national reports do (by date). Rules follow the reference (domain-vn-one-stop.md §2.5, §5.3):

* All datetimes are **naive local times** (Vietnam, UTC+7, no daylight saving); an aware datetime
  is refused with ``InvalidInput``.
* Counting starts at the receipt time moved into working time: before 07:00 → 07:00; lunch break
  (11:30 ≤ t < 13:30) → 13:30; from 17:00, or on a weekend or day off → the next working day 07:00.
* End-of-day dues (same-day and calendar-day procedures) are printed at the close of the desk's
  working day (17:00 by default), not 24:00: the result is handed over at the desk, in working hours.

The calendar itself (working days, working time) lives in ``desk_app.domain.working_days`` and is
re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal

from desk_app.domain.errors import CalendarError, InvalidInput
from desk_app.domain.text import fold
from desk_app.domain.working_days import (
    DEFAULT_HOURS,
    LOOKAHEAD_DAYS,
    CalendarOverride,
    WorkCalendar,
    WorkingHours,
)

__all__ = [
    "DEFAULT_HOURS",
    "LOOKAHEAD_DAYS",
    "CalendarOverride",
    "Duration",
    "DurationUnit",
    "WorkCalendar",
    "WorkingHours",
    "due_at",
    "resume_after_pause",
    "timeliness",
    "working_hours_between",
]

MAX_DURATION_VALUE = 9999
"""Largest duration value accepted (no procedure comes near it; it bounds the calendar walk)."""

Timeliness = Literal["early", "on_time", "late"]


class DurationUnit(StrEnum):
    """Unit of a processing time; the value is what the catalogue and the store hold."""

    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    SAME_DAY = "same_day"


# unit → (Vietnamese label after the number, English singular, English plural)
_LABELS = {
    DurationUnit.WORKING_HOURS: ("giờ làm việc", "working hour", "working hours"),
    DurationUnit.WORKING_DAYS: ("ngày làm việc", "working day", "working days"),
    DurationUnit.CALENDAR_DAYS: ("ngày", "calendar day", "calendar days"),
}
# Parsed on the folded text (lower case, no marks, đ → d, "_" → " ").
_PATTERNS = {
    DurationUnit.WORKING_HOURS: re.compile(r"(-?\d+) ?(?:working hours?|gio lam viec)"),
    DurationUnit.WORKING_DAYS: re.compile(r"(-?\d+) ?(?:working days?|ngay lam viec)"),
    DurationUnit.CALENDAR_DAYS: re.compile(r"(-?\d+) ?(?:calendar days?|ngay)"),
    DurationUnit.SAME_DAY: re.compile(r"(?:0 ?)?(?:same day|trong ngay)"),
}


@dataclass(frozen=True)
class Duration:
    """A processing time: ``value`` in ``unit`` (``value`` is 0 for ``SAME_DAY``).

    ``str(duration)`` is the storage form ("3 working_days", "same_day") that ``parse`` reads back.
    """

    value: int
    unit: DurationUnit

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "unit", DurationUnit(self.unit))
        except ValueError:
            raise InvalidInput(
                f"Đơn vị thời hạn không hợp lệ: «{self.unit}»", f"Invalid duration unit: {self.unit!r}"
            ) from None
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise InvalidInput("Thời hạn giải quyết phải là số nguyên", "The duration must be a whole number")
        if self.value < 0:
            raise InvalidInput(
                f"Thời hạn giải quyết không được âm ({self.value})", f"The duration must not be negative ({self.value})"
            )
        if self.value > MAX_DURATION_VALUE:
            raise InvalidInput(
                f"Thời hạn giải quyết quá lớn ({self.value} > {MAX_DURATION_VALUE})",
                f"The duration is too large ({self.value} > {MAX_DURATION_VALUE})",
            )
        if self.unit is DurationUnit.SAME_DAY and self.value:
            raise InvalidInput(
                "Thủ tục giải quyết trong ngày không có số ngày", "A same-day duration takes no number (value 0)"
            )

    def __str__(self) -> str:
        return str(self.unit) if self.unit is DurationUnit.SAME_DAY else f"{self.value} {self.unit}"

    def label_vi(self) -> str:
        """The Vietnamese label printed on forms: "3 ngày làm việc", "8 giờ làm việc", "Trong ngày", "15 ngày"."""
        if self.unit is DurationUnit.SAME_DAY:
            return "Trong ngày"
        return f"{self.value} {_LABELS[self.unit][0]}"

    def label_en(self) -> str:
        """The English label: "3 working days", "1 working hour", "Same day", "15 calendar days"."""
        if self.unit is DurationUnit.SAME_DAY:
            return "Same day"
        _, one, many = _LABELS[self.unit]
        return f"{self.value} {one if self.value == 1 else many}"

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read "3 working_days", "8 working_hours", "15 calendar_days", "same_day" (the ``str`` form).

        Case, spacing, singular forms and the Vietnamese and English labels ("3 ngày làm việc",
        "Trong ngày", "15 calendar days") are accepted too. Anything else: ``InvalidInput``.
        """
        if not isinstance(text, str):
            raise InvalidInput("Thời hạn giải quyết phải là chuỗi ký tự", "The duration must be text")
        folded = fold(text.replace("_", " "))
        for unit, pattern in _PATTERNS.items():
            match = pattern.fullmatch(folded)
            if match:
                return cls(int(match[1]) if match.groups() and match[1] else 0, unit)
        raise InvalidInput(
            f"Không hiểu thời hạn giải quyết «{text}»; ví dụ: «3 working_days», «8 working_hours», "
            "«15 calendar_days», «same_day», «3 ngày làm việc»",
            f"Cannot read the duration {text!r}; expected e.g. '3 working_days', '8 working_hours', "
            "'15 calendar_days', 'same_day'",
            field="duration",
        )


def _naive(moment: datetime, what_vi: str, what_en: str) -> datetime:
    if not isinstance(moment, datetime):
        raise InvalidInput(f"{what_vi} phải có ngày và giờ", f"{what_en} needs a date and a time")
    if moment.tzinfo is not None:
        raise InvalidInput(
            f"{what_vi} phải là giờ Việt Nam không kèm múi giờ", f"{what_en} must be a naive Vietnam local time"
        )
    return moment


def due_at(received: datetime, duration: Duration, calendar: WorkCalendar) -> datetime:
    """The due date and time of a dossier received at ``received`` (naive Vietnam local time).

    * WORKING_DAYS: counting starts as described in the module docstring; the due date is the N-th
      working day after that start, at the same time of day (09:15 + 3 days → 09:15; a receipt at
      18:00 Monday with 1 day → Wednesday 07:00, i.e. one full working day after Tuesday 07:00).
    * WORKING_HOURS: N hours of working time after the start; landing exactly on the end of a
      session gives that end (07:00 + 8 h → 17:00 the same day).
    * CALENDAR_DAYS (Civil Code Art. 147–148): the receipt day (moved to the next working day if
      received from 17:00 or on a day off) is not counted; the N-th calendar day after it is the last
      day, moved to the next working day if it is a day off; due at the end of that day (17:00).
    * SAME_DAY: received on a working day at or before the cut-off (15:00; before opening counts)
      → that day at 17:00; later, or on a day off → the next working day at 17:00.

    Raises ``CalendarError`` when no working day exists within ``LOOKAHEAD_DAYS``.
    """
    _naive(received, "Thời điểm tiếp nhận", "The receipt time")
    unit, value, hours = duration.unit, duration.value, calendar.hours
    if unit is DurationUnit.WORKING_DAYS:
        start = calendar.start_of_counting(received)
        return datetime.combine(calendar.add_working_days(start.date(), value), start.time())
    if unit is DurationUnit.WORKING_HOURS:
        return calendar.add_working_time(received, timedelta(hours=value))
    if unit is DurationUnit.CALENDAR_DAYS:
        first = calendar.start_of_counting(received).date()
        try:
            last = first + timedelta(days=value)
        except OverflowError:
            raise CalendarError("Hạn giải quyết vượt quá lịch", "The due date is beyond the calendar") from None
        if not calendar.is_working_day(last):
            last = calendar.next_working_day(last)
        return datetime.combine(last, hours.end_of_day)
    day = received.date()
    if not (calendar.is_working_day(day) and received.time() <= hours.same_day_cutoff):
        day = calendar.next_working_day(day)
    return datetime.combine(day, hours.end_of_day)


def resume_after_pause(
    due: datetime,
    paused_at: datetime,
    resumed_at: datetime,
    calendar: WorkCalendar,
    *,
    unit: DurationUnit | None = None,
) -> datetime:
    """The due date after a supplement pause: time waiting for the citizen does not count.

    The old due date is pushed by the working time that elapsed from ``paused_at`` (supplement
    requested) to ``resumed_at`` (complete dossier back): whole working days first, keeping the time
    of day (paused 2 working days: Wed 10:00 → Fri 10:00), then the remaining working hours. The
    result is in working time. No working time elapsed (e.g. paused Saturday, resumed Sunday) →
    ``due`` unchanged.

    With ``unit=DurationUnit.CALENDAR_DAYS`` ("ngày" procedures) the pause is counted in calendar
    days instead (by date), and a new due day that is a day off moves to the next working day.
    """
    _naive(due, "Hạn trả kết quả", "The due date")
    _naive(paused_at, "Thời điểm yêu cầu bổ sung", "The pause time")
    _naive(resumed_at, "Thời điểm nhận hồ sơ bổ sung", "The resume time")
    if resumed_at < paused_at:
        raise InvalidInput(
            "Thời điểm nhận hồ sơ bổ sung không được trước thời điểm yêu cầu bổ sung",
            "The dossier cannot be resumed before it was paused",
        )
    if unit is DurationUnit.CALENDAR_DAYS:
        days = (resumed_at.date() - paused_at.date()).days
        if not days:
            return due
        day = due.date() + timedelta(days=days)
        if not calendar.is_working_day(day):
            day = calendar.next_working_day(day)
        return datetime.combine(day, due.time())
    elapsed = calendar.working_time_between(paused_at, resumed_at)
    if not elapsed:
        return due
    return calendar.shift_by_working_time(due, elapsed)


def working_hours_between(start: datetime, end: datetime, calendar: WorkCalendar) -> float:
    """Hours of working time from ``start`` to ``end`` (negative when ``end`` is earlier).

    Nights, lunch breaks, weekends and days off do not count: Friday 16:00 → Monday 09:00 is 3.0.
    """
    _naive(start, "Thời điểm bắt đầu", "The start")
    _naive(end, "Thời điểm kết thúc", "The end")
    return calendar.working_time_between(start, end) / timedelta(hours=1)


def timeliness(finished: datetime | date, due: datetime | date) -> Timeliness:
    """Early / on time / late, comparing the **date parts** only (reference §2.5, as the national
    index does): finished on the due day is on time whatever the hour."""
    finished_day = finished.date() if isinstance(finished, datetime) else finished
    due_day = due.date() if isinstance(due, datetime) else due
    if finished_day < due_day:
        return "early"
    return "on_time" if finished_day == due_day else "late"
