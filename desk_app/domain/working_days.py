"""The working calendar of a desk: which days it works, its working hours, and working time.

A ``WorkCalendar`` answers "is this a working day?" and does the working-time arithmetic that due
dates need (see ``desk_app.domain.work_calendar`` for the due-date rules built on it). It holds:

* the days off (public holidays, announced swap days, extra days off) with their reasons;
* the make-up working days: weekend days worked in exchange for a swap (e.g. Sat 22/08/2026,
  worked so that Mon 31/08/2026 is off);
* the unit's ``WorkingHours`` (default 07:00–11:30 and 13:30–17:00, i.e. 8 h per working day).

Saturdays and Sundays are days off unless listed as make-up working days. It is seeded once from
the ``holidays`` package (``desk_app.domain.holiday_seed``); the admin's or the centre's
``CalendarOverride`` rows are applied on top and are what a store persists.

All datetimes are naive local times (Vietnam, UTC+7, no daylight saving). Lookups go through
frozensets of day ordinals and a per-year sorted list of working-day ordinals (built on first use
and cached), so seeking the N-th working day is a dictionary hit plus a bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import MAXYEAR, date, datetime, time, timedelta
from types import MappingProxyType

from desk_app.domain.errors import CalendarError, InvalidInput
from desk_app.domain.text import checked_field, clean

LOOKAHEAD_DAYS = 366
"""A due date that needs a working day further away than this is refused with ``CalendarError``."""

DEFAULT_DAY_OFF_REASON = "Ngày nghỉ"
DEFAULT_WORKING_REASON = "Ngày làm việc bù"
_EMPTY: Mapping[date, str] = MappingProxyType({})
_SATURDAY, _SUNDAY = 6, 0  # ordinal % 7, since date.fromordinal(1) is a Monday
_WEEKEND_NAMES = {_SATURDAY: "Thứ Bảy", _SUNDAY: "Chủ nhật"}


def _since_midnight(moment: time) -> timedelta:
    return timedelta(hours=moment.hour, minutes=moment.minute, seconds=moment.second, microseconds=moment.microsecond)


def _as_day(value: object, what_vi: str, what_en: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInput(f"{what_vi} phải là một ngày, không phải «{value!r}»", f"{what_en} must be a date")
    return value


@dataclass(frozen=True)
class WorkingHours:
    """A unit's working hours: a morning and an afternoon session and the same-day cut-off.

    Validated on creation: each session starts before it ends, the morning ends no later than the
    afternoon starts, and the cut-off lies within the working day. Otherwise ``InvalidInput``.
    """

    morning: tuple[time, time] = (time(7, 0), time(11, 30))
    afternoon: tuple[time, time] = (time(13, 30), time(17, 0))
    same_day_cutoff: time = time(15, 0)

    def __post_init__(self) -> None:
        sessions = (self.morning, self.afternoon)
        if not all(isinstance(s, tuple) and len(s) == 2 for s in sessions) or not all(
            isinstance(t, time) and t.tzinfo is None for t in (*self.morning, *self.afternoon, self.same_day_cutoff)
        ):
            raise InvalidInput(
                "Giờ làm việc phải gồm hai buổi, mỗi buổi có giờ bắt đầu và giờ kết thúc (giờ địa phương)",
                "Working hours need two sessions, each a (start, end) pair of local times",
            )
        for (start, end), vi, en in zip(sessions, ("buổi sáng", "buổi chiều"), ("morning", "afternoon"), strict=True):
            if not start < end:
                raise InvalidInput(
                    f"Giờ làm việc {vi}: giờ kết thúc ({end:%H:%M}) phải sau giờ bắt đầu ({start:%H:%M})",
                    f"Working hours ({en}): the end ({end:%H:%M}) must be after the start ({start:%H:%M})",
                )
        if self.morning[1] > self.afternoon[0]:
            raise InvalidInput(
                "Buổi sáng phải kết thúc trước khi buổi chiều bắt đầu",
                "The morning session must end before the afternoon session starts",
            )
        if not self.morning[0] <= self.same_day_cutoff <= self.afternoon[1]:
            raise InvalidInput(
                "Giờ chốt nhận hồ sơ giải quyết trong ngày phải nằm trong giờ làm việc",
                "The same-day cut-off must lie within the working day",
            )

    @property
    def start_of_day(self) -> time:
        """When the desk opens (start of the morning session)."""
        return self.morning[0]

    @property
    def end_of_day(self) -> time:
        """When the desk closes (end of the afternoon session): the time printed for end-of-day dues."""
        return self.afternoon[1]

    @property
    def day_length(self) -> timedelta:
        """Working time in one working day (8 h by default)."""
        return sum(
            (_since_midnight(end) - _since_midnight(start) for start, end in (self.morning, self.afternoon)),
            timedelta(),
        )


DEFAULT_HOURS = WorkingHours()


@dataclass(frozen=True)
class CalendarOverride:
    """One day set by an administrator or a published calendar; it wins over the library.

    ``working=True`` makes the day a working day (e.g. the make-up Saturday 22/08/2026);
    ``working=False`` makes it a day off. ``reason`` is shown to the clerk (required); ``source`` names
    the document it comes from (e.g. "Công văn 2450/VPCP-KGVX").
    """

    day: date
    working: bool
    reason: str
    source: str = ""

    def __post_init__(self) -> None:
        _as_day(self.day, "Ngày điều chỉnh lịch", "The override day")
        if not isinstance(self.working, bool):
            raise InvalidInput("Phải chọn ngày làm việc hoặc ngày nghỉ", "Choose a working day or a day off")
        object.__setattr__(self, "reason", checked_field(self.reason, 200, "Lý do", "Reason", required=True))
        object.__setattr__(self, "source", checked_field(self.source, 200, "Căn cứ", "Source"))


class WorkCalendar:
    """Working days and working time of one unit (naive local datetimes, Vietnam time).

    ``days_off`` and ``working_weekend_days`` map dates to the reason shown to the clerk; a date
    may not be in both. ``sources`` (optional) names the document behind each date. Build it from
    the ``holidays`` package with ``seeded``, or from persisted rows with ``from_overrides``.
    """

    def __init__(
        self,
        days_off: Mapping[date, str],
        working_weekend_days: Mapping[date, str] = _EMPTY,
        hours: WorkingHours = DEFAULT_HOURS,
        *,
        sources: Mapping[date, str] = _EMPTY,
    ) -> None:
        off = {_as_day(d, "Ngày nghỉ", "A day off"): clean(r) or DEFAULT_DAY_OFF_REASON for d, r in days_off.items()}
        work = {
            _as_day(d, "Ngày làm việc bù", "A make-up working day"): clean(r) or DEFAULT_WORKING_REASON
            for d, r in working_weekend_days.items()
        }
        clash = sorted(off.keys() & work.keys())
        if clash:
            raise InvalidInput(
                f"Ngày {clash[0]:%d/%m/%Y} vừa là ngày nghỉ vừa là ngày làm việc",
                f"{clash[0]:%d/%m/%Y} is both a day off and a working day",
            )
        if not isinstance(hours, WorkingHours):
            raise InvalidInput("Giờ làm việc không hợp lệ", "Invalid working hours")
        self._days_off = MappingProxyType(dict(sorted(off.items())))
        self._working = MappingProxyType(dict(sorted(work.items())))
        self._sources = MappingProxyType({d: clean(s) for d, s in sources.items() if (d in off or d in work) and s})
        self._hours = hours
        self._off_ordinals = frozenset(d.toordinal() for d in off)
        self._work_ordinals = frozenset(d.toordinal() for d in work)
        self._years: dict[int, list[int]] = {}
        self._m0, self._m1 = (_since_midnight(t) for t in hours.morning)
        self._a0, self._a1 = (_since_midnight(t) for t in hours.afternoon)
        self._morning_len = self._m1 - self._m0
        self._day_len = hours.day_length

    # -- construction and persistence -------------------------------------------------------------

    @classmethod
    def seeded(
        cls, years: Iterable[int], hours: WorkingHours = DEFAULT_HOURS, overrides: Iterable[CalendarOverride] = ()
    ) -> WorkCalendar:
        """The public holidays of ``years`` from the ``holidays`` package (VN, Vietnamese names),
        its swap days off and their make-up working Saturdays, then ``overrides`` (which win).

        Takes tens of milliseconds (imports and runs the library): build it once and keep it.
        """
        from desk_app.domain.holiday_seed import library_days

        days_off, working, sources = library_days(years)
        for item in overrides:
            if not isinstance(item, CalendarOverride):
                raise InvalidInput("Điều chỉnh lịch không hợp lệ", "Not a calendar override")
            (working if item.working else days_off)[item.day] = item.reason
            (days_off if item.working else working).pop(item.day, None)
            sources[item.day] = item.source
        return cls(days_off, working, hours, sources=sources)

    @classmethod
    def from_overrides(cls, overrides: Iterable[CalendarOverride], hours: WorkingHours = DEFAULT_HOURS) -> WorkCalendar:
        """The calendar exactly as persisted (``overrides()`` rows), without consulting the library."""
        return cls.seeded((), hours, overrides)

    def overrides(self) -> list[CalendarOverride]:
        """Every listed day as a ``CalendarOverride``, by date: what a store persists.

        ``WorkCalendar.from_overrides(cal.overrides(), cal.hours) == cal``.
        """
        rows = [CalendarOverride(d, False, r, self._sources.get(d, "")) for d, r in self._days_off.items()]
        rows += [CalendarOverride(d, True, r, self._sources.get(d, "")) for d, r in self._working.items()]
        return sorted(rows, key=lambda row: row.day)

    @property
    def hours(self) -> WorkingHours:
        """The unit's working hours."""
        return self._hours

    @property
    def days_off(self) -> Mapping[date, str]:
        """Listed days off (holidays, swaps, extra days) and their reasons; weekends are implicit."""
        return self._days_off

    @property
    def working_weekend_days(self) -> Mapping[date, str]:
        """Listed working days (make-up Saturdays…) and their reasons."""
        return self._working

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return (self._days_off, self._working, self._sources, self._hours) == (
            other._days_off,
            other._working,
            other._sources,
            other._hours,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"WorkCalendar({len(self._days_off)} days off, {len(self._working)} make-up days, {self._hours!r})"

    # -- days ----------------------------------------------------------------------------------

    def _is_working(self, ordinal: int) -> bool:
        if ordinal in self._work_ordinals:
            return True
        if ordinal in self._off_ordinals:
            return False
        return ordinal % 7 not in _WEEKEND_NAMES

    def is_working_day(self, day: date) -> bool:
        """Whether the desk works on ``day`` (a datetime counts by its date)."""
        return self._is_working(day.toordinal())

    def day_off_reason(self, day: date) -> str | None:
        """Why ``day`` is not a working day (holiday name, "Thứ Bảy", "Chủ nhật"), or None if it is one."""
        ordinal = day.toordinal()
        if self._is_working(ordinal):
            return None
        return self._days_off.get(date.fromordinal(ordinal)) or _WEEKEND_NAMES[ordinal % 7]

    def _year_ordinals(self, year: int) -> list[int]:
        ordinals = self._years.get(year)
        if ordinals is None:
            first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
            ordinals = [o for o in range(first, last + 1) if self._is_working(o)]
            self._years[year] = ordinals
        return ordinals

    def _seek(self, ordinal: int, count: int) -> int:
        """The ``count``-th working day strictly after ``ordinal`` (``ordinal`` itself when count is 0)."""
        if count <= 0:
            return ordinal
        year, last = date.fromordinal(ordinal).year, ordinal
        while year <= MAXYEAR:
            ordinals = self._year_ordinals(year)
            i = bisect_right(ordinals, ordinal)
            available = len(ordinals) - i
            if available:
                if ordinals[i] - last > LOOKAHEAD_DAYS:
                    break
                if available >= count:
                    return ordinals[i + count - 1]
                count -= available
                last = ordinals[-1]
            elif date(year, 12, 31).toordinal() - last >= LOOKAHEAD_DAYS:
                break
            year += 1
        after = date.fromordinal(last)
        raise CalendarError(
            f"Không có ngày làm việc nào trong {LOOKAHEAD_DAYS} ngày sau {after:%d/%m/%Y}; kiểm tra lịch làm việc",
            f"No working day within {LOOKAHEAD_DAYS} days after {after:%d/%m/%Y}; check the working calendar",
        )

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``; ``CalendarError`` if none within a year."""
        return date.fromordinal(self._seek(day.toordinal(), 1))

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``day`` itself when ``count`` is 0)."""
        if count < 0:
            raise InvalidInput("Số ngày làm việc không được âm", "The number of working days must not be negative")
        return date.fromordinal(self._seek(day.toordinal(), count))

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie in ``[start, end)`` (0 when ``end <= start``)."""
        a, b = start.toordinal(), end.toordinal()
        if b <= a:
            return 0
        return sum(
            bisect_left(ords, b) - bisect_left(ords, a)
            for ords in map(self._year_ordinals, range(date.fromordinal(a).year, date.fromordinal(b - 1).year + 1))
        )

    # -- working time --------------------------------------------------------------------------

    def in_working_time(self, moment: datetime) -> bool:
        """Whether ``moment`` is on a working day within a session (both ends included)."""
        if not self._is_working(moment.toordinal()):
            return False
        now = _since_midnight(moment.time())
        return self._m0 <= now <= self._m1 or self._a0 <= now <= self._a1

    def start_of_counting(self, moment: datetime) -> datetime:
        """When working time starts counting for something that arrives at ``moment``.

        Within a session: ``moment`` itself. Before the morning session: its start (07:00). During
        the lunch break (from 11:30 included): the afternoon start (13:30). From the end of the day
        (17:00 included), or on a day off: the next working day's morning start.
        """
        ordinal = moment.toordinal()
        if self._is_working(ordinal):
            now = _since_midnight(moment.time())
            if now < self._a1:
                if now < self._m0:
                    return datetime.combine(moment.date(), self._hours.morning[0])
                if self._m1 <= now < self._a0:
                    return datetime.combine(moment.date(), self._hours.afternoon[0])
                return moment
        return datetime.combine(date.fromordinal(self._seek(ordinal, 1)), self._hours.morning[0])

    def _position(self, moment: datetime) -> tuple[int, timedelta]:
        """(working day ordinal, working time already elapsed that day) of ``moment``."""
        ordinal = moment.toordinal()
        if not self._is_working(ordinal):
            return self._seek(ordinal, 1), timedelta()
        now = _since_midnight(moment.time())
        if now <= self._m0:
            return ordinal, timedelta()
        if now <= self._m1:
            return ordinal, now - self._m0
        if now <= self._a0:
            return ordinal, self._morning_len
        return ordinal, min(now, self._a1) - self._a0 + self._morning_len

    def _at(self, ordinal: int, elapsed: timedelta) -> datetime:
        """The moment when ``elapsed`` working time of that day has passed (an exact 4h30 → 11:30)."""
        since = self._m0 + elapsed if elapsed <= self._morning_len else self._a0 + elapsed - self._morning_len
        return datetime.combine(date.fromordinal(ordinal), time()) + since

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from ``start`` to ``end`` (negative when ``end`` is earlier)."""
        if end < start:
            return -self.working_time_between(end, start)
        (a, a_elapsed), (b, b_elapsed) = self._position(start), self._position(end)
        return self.working_days_between(date.fromordinal(a), date.fromordinal(b)) * self._day_len + (
            b_elapsed - a_elapsed
        )

    def add_working_time(self, moment: datetime, amount: timedelta) -> datetime:
        """The moment ``amount`` of working time after ``moment`` starts counting.

        Counting starts as in ``start_of_counting``. A result falling exactly on the end of a session
        is given as that end (07:00 + 8 h → 17:00 the same day, not 07:00 the next working day).
        """
        if amount < timedelta():
            raise InvalidInput("Thời gian cộng thêm không được âm", "The working time to add must not be negative")
        start = self.start_of_counting(moment)
        if not amount:
            return start
        ordinal, elapsed = self._position(start)
        days, rest = divmod(elapsed + amount, self._day_len)
        if not rest:
            days, rest = days - 1, self._day_len
        return self._at(self._seek(ordinal, days), rest)

    def shift_by_working_time(self, moment: datetime, amount: timedelta) -> datetime:
        """``moment`` pushed later by ``amount`` of working time: whole working days first, keeping
        the time of day (09:15 + 2 days → 09:15), then the remainder as working hours.

        A ``moment`` outside working time is first moved to ``start_of_counting(moment)``.
        """
        if amount < timedelta():
            raise InvalidInput("Thời gian cộng thêm không được âm", "The working time to add must not be negative")
        if not self.in_working_time(moment):
            moment = self.start_of_counting(moment)
        days, rest = divmod(amount, self._day_len)
        if days:
            moment = datetime.combine(date.fromordinal(self._seek(moment.toordinal(), days)), moment.time())
        return self.add_working_time(moment, rest) if rest else moment
