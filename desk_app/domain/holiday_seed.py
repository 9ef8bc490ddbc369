"""Seeding the working calendar from the PyPI ``holidays`` package (country "VN").

The library gives the public holidays of Bộ luật Lao động 2019 Art. 112 (Tết Dương lịch, lunar
Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and its adjacent day, 24/11 from 2026), their compensatory
days, and the announced swap days off. It does not model the make-up working Saturday of a swap as
such: it only appears in the swap day's label ("Ngày nghỉ (thay cho ngày 22/08/2026)") and in
``VietnamStaticHolidays.special_public_holidays`` tuples ``(month, day, from_month, from_day[,
from_year])``. Both places are read and merged, so the make-up days survive a change to either one.

The library is imported lazily (≈ 70 ms): only ``WorkCalendar.seeded`` needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import MAXYEAR, MINYEAR, date

from desk_app.domain.errors import InvalidInput
from desk_app.domain.text import clean

COUNTRY = "VN"
_SWAP_LABEL = re.compile(r"thay cho ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def make_up_days_from_labels(names: Mapping[date, str]) -> dict[date, date]:
    """Make-up working day → the day off it pays for, read from Vietnamese labels such as
    ``"Ngày nghỉ (thay cho ngày 22/08/2026)"`` (several names on one day are joined by "; ")."""
    found: dict[date, date] = {}
    for day_off, name in names.items():
        for match in _SWAP_LABEL.finditer(clean(name)):
            try:
                found[date(int(match[3]), int(match[2]), int(match[1]))] = day_off
            except ValueError:
                continue
    return found


def make_up_days_from_table(years: Iterable[int]) -> dict[date, date]:
    """Make-up working day → the day off it pays for, read from the library's table of special days.

    Empty when the library no longer has the table in this shape (the labels still give the days).
    """
    try:
        from holidays.countries.vietnam import VietnamStaticHolidays

        table = VietnamStaticHolidays.special_public_holidays
    except (ImportError, AttributeError):
        return {}
    found: dict[date, date] = {}
    for year in years:
        entries = table.get(year, ()) if isinstance(table, Mapping) else ()
        if entries and not isinstance(entries[0], tuple):
            entries = (entries,)
        for entry in entries:
            try:
                month, day, from_month, from_day, *from_year = entry
                found[date(from_year[0] if from_year else year, from_month, from_day)] = date(year, month, day)
            except (TypeError, ValueError):
                continue
    return found


def library_days(years: Iterable[int]) -> tuple[dict[date, str], dict[date, str], dict[date, str]]:
    """(days off, make-up working days, source of each) for ``years``, from the ``holidays`` package.

    Names are in Vietnamese. Should a make-up day also be a listed holiday, the holiday wins (the
    later due date is the safe side for the desk).
    """
    wanted = sorted(set(years))
    if any(isinstance(y, bool) or not isinstance(y, int) or not MINYEAR < y < MAXYEAR for y in wanted):
        raise InvalidInput("Năm của lịch làm việc không hợp lệ", "Invalid year for the working calendar")
    if not wanted:
        return {}, {}, {}
    import holidays

    names = holidays.country_holidays(COUNTRY, years=wanted, language="vi")
    days_off = {day: clean(name) for day, name in sorted(names.items())}
    make_up = make_up_days_from_table(wanted) | make_up_days_from_labels(days_off)
    working = {
        day: f"Làm việc bù cho ngày nghỉ {day_off:%d/%m/%Y}"
        for day, day_off in sorted(make_up.items())
        if day not in days_off
    }
    source = f"holidays {holidays.__version__} ({COUNTRY})"
    return days_off, working, {day: source for day in (*days_off, *working)}
