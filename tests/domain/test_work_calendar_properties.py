"""Properties of the due-date rules, checked with hypothesis over 2025–2028 receipts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, strategies as st

from desk_app.domain.work_calendar import (
    CalendarOverride,
    Duration,
    DurationUnit,
    WorkCalendar,
    due_at,
    resume_after_pause,
    working_hours_between,
)

CAL = WorkCalendar.seeded([2025, 2026, 2027, 2028])
moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31, 23, 59))
durations = st.one_of(
    st.just(Duration(0, DurationUnit.SAME_DAY)),
    st.builds(
        Duration,
        st.integers(0, 60),
        st.sampled_from([DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS, DurationUnit.CALENDAR_DAYS]),
    ),
)


@given(moments, durations)
def test_due_date_is_in_working_time_and_never_before_the_receipt(received: datetime, duration: Duration) -> None:
    due = due_at(received, duration, CAL)
    assert due >= received
    assert CAL.in_working_time(due)


@given(moments, moments, durations)
def test_due_date_is_monotonic_in_the_receipt_time(a: datetime, b: datetime, duration: Duration) -> None:
    first, second = sorted((a, b))
    assert due_at(first, duration, CAL) <= due_at(second, duration, CAL)


@given(moments, st.integers(0, 80))
def test_working_hours_due_is_exactly_that_much_working_time_away(received: datetime, value: int) -> None:
    due = due_at(received, Duration(value, DurationUnit.WORKING_HOURS), CAL)
    assert working_hours_between(received, due, CAL) == value


@given(moments, st.integers(0, 40))
def test_working_days_due_is_eight_working_hours_per_day_away(received: datetime, value: int) -> None:
    due = due_at(received, Duration(value, DurationUnit.WORKING_DAYS), CAL)
    assert working_hours_between(received, due, CAL) == 8 * value


@given(moments, durations, moments, moments)
def test_pause_pushes_the_due_date_by_the_working_time_paused(
    received: datetime, duration: Duration, a: datetime, b: datetime
) -> None:
    paused, resumed = sorted((a, b))
    due = due_at(received, duration, CAL)
    new = resume_after_pause(due, paused, resumed, CAL)
    assert CAL.in_working_time(new) and new >= due
    assert working_hours_between(due, new, CAL) == working_hours_between(paused, resumed, CAL)


@given(moments, moments, moments)
def test_working_hours_between_adds_up(a: datetime, b: datetime, c: datetime) -> None:
    ab, bc = working_hours_between(a, b, CAL), working_hours_between(b, c, CAL)
    assert abs(ab + bc - working_hours_between(a, c, CAL)) < 1e-9
    assert working_hours_between(b, a, CAL) == -ab


@given(durations)
def test_duration_text_forms_parse_back(duration: Duration) -> None:
    assert Duration.parse(str(duration)) == duration
    assert Duration.parse(duration.label_vi()) == duration
    assert Duration.parse(duration.label_en()) == duration


@given(
    st.lists(
        st.builds(
            CalendarOverride,
            st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
            st.booleans(),
            st.sampled_from(["Nghỉ bổ sung", "Làm việc bù", "Sự kiện của xã"]),
            st.sampled_from(["", "Quyết định của UBND tỉnh"]),
        ),
        max_size=8,
    )
)
def test_overrides_win_and_round_trip(overrides: list[CalendarOverride]) -> None:
    cal = WorkCalendar.from_overrides(CAL.overrides() + overrides, CAL.hours)
    last = {item.day: item for item in overrides}
    for item in last.values():
        assert cal.is_working_day(item.day) == item.working
    assert WorkCalendar.from_overrides(cal.overrides(), cal.hours) == cal
    untouched = date(2026, 1, 1) + timedelta(
        days=next(i for i in range(366) if date(2026, 1, 1) + timedelta(i) not in last)
    )
    assert cal.is_working_day(untouched) == CAL.is_working_day(untouched)
