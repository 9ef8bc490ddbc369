"""The province's published calendar and the unit's own days live apart: a publication never replaces
what the unit's administrator entered, and the unit's own day wins for the same date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from desk_app.domain.work_calendar import CalendarOverride
from desk_app.services.desk import Desk

WEDNESDAY = date(2026, 12, 9)
SATURDAY = date(2026, 12, 12)
THREE_DAYS = "1.000689"  # Đăng ký khai sinh kết hợp nhận cha, mẹ, con: 3 working days
PROVINCE = "Quyết định 15/QĐ-UBND tỉnh Thanh Hóa"


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path / "data")
    opened.ensure_demo_unit()
    yield opened
    opened.close()


def test_a_new_publication_keeps_the_units_own_days(desk: Desk) -> None:
    own = CalendarOverride(SATURDAY, True, "Làm bù cho ngày 08/12/2026", "Thông báo của UBND xã")
    desk.set_calendar_overrides([own])
    desk.set_calendar_overrides([CalendarOverride(WEDNESDAY, False, "Nghỉ theo tỉnh", PROVINCE)], published=True)
    desk.set_calendar_overrides([], published=True)  # the province withdraws its day
    assert desk.calendar_overrides() == [own]
    assert desk.calendar_overrides(published=True) == []
    assert desk.calendar().is_working_day(SATURDAY) and desk.calendar().is_working_day(WEDNESDAY)


def test_the_units_own_day_wins_over_the_provinces_for_the_same_date(desk: Desk) -> None:
    desk.set_calendar_overrides([CalendarOverride(WEDNESDAY, False, "Nghỉ theo tỉnh", PROVINCE)], published=True)
    assert not desk.calendar().is_working_day(WEDNESDAY)
    desk.set_calendar_overrides([CalendarOverride(WEDNESDAY, True, "Xã trực tiếp nhận hồ sơ", "")])
    assert desk.calendar().is_working_day(WEDNESDAY)
    desk.set_calendar_overrides([])  # the administrator removes the unit's day: the province's applies again
    assert not desk.calendar().is_working_day(WEDNESDAY)


def test_an_admins_edit_leaves_the_provinces_days_alone(desk: Desk) -> None:
    province = [CalendarOverride(WEDNESDAY, False, "Nghỉ theo tỉnh", PROVINCE)]
    desk.set_calendar_overrides(province, published=True)
    desk.set_calendar_overrides([CalendarOverride(SATURDAY, True, "Làm bù", "")])
    assert desk.calendar_overrides(published=True) == province
    # Tuesday 09:00 + 3 working days, Wednesday off (the province's): Thursday, Friday, then Saturday (the unit's)
    assert desk.due_at(THREE_DAYS, datetime(2026, 12, 8, 9, 0)) == datetime(2026, 12, 12, 9, 0)
