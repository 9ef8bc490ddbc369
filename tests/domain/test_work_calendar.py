"""Due-date rules (desk_app.domain.work_calendar) with concrete dates checked against holidays 0.109.

Calendar facts used (holidays 0.109, country VN, verified by running it):
2026 days off: 01/01; Tết Mon 16/02 – Fri 20/02; Giỗ Tổ Sun 26/04 observed Mon 27/04; Thu 30/04; Fri 01/05;
Mon 31/08 (swap for the make-up Sat 22/08); Tue 01/09 and Wed 02/09 (Quốc khánh); Tue 24/11.
2027 Tết (library rule, not yet announced): Thu 04/02 – Wed 10/02.
"""

from __future__ import annotations

import time as wall_clock
from datetime import date, datetime, time, timedelta, timezone

import pytest

from desk_app.domain.errors import CalendarError, InvalidInput
from desk_app.domain.work_calendar import (
    Duration,
    DurationUnit,
    WorkCalendar,
    WorkingHours,
    due_at,
    resume_after_pause,
    timeliness,
    working_hours_between,
)

DAYS3 = Duration(3, DurationUnit.WORKING_DAYS)
SAME_DAY = Duration(0, DurationUnit.SAME_DAY)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.seeded([2026, 2027])


def days(n: int) -> Duration:
    return Duration(n, DurationUnit.WORKING_DAYS)


def hours(n: int) -> Duration:
    return Duration(n, DurationUnit.WORKING_HOURS)


def calendar_days(n: int) -> Duration:
    return Duration(n, DurationUnit.CALENDAR_DAYS)


# -- working days ------------------------------------------------------------------------------------


def test_received_0915_with_3_working_days_is_due_0915_on_the_third_working_day(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 2, 9, 15), DAYS3, cal) == datetime(2026, 3, 5, 9, 15)


def test_receipt_just_before_tet_2026_skips_16_to_20_february(cal: WorkCalendar) -> None:
    # Thu 12/02 → Fri 13/02 (1), Tết week and both weekends off, Mon 23/02 (2), Tue 24/02 (3).
    assert due_at(datetime(2026, 2, 12, 9, 0), DAYS3, cal) == datetime(2026, 2, 24, 9, 0)


def test_receipt_just_before_tet_2027_skips_4_to_10_february(cal: WorkCalendar) -> None:
    # Wed 03/02 → 04/02–10/02 off → Thu 11/02 (1), Fri 12/02 (2), Mon 15/02 (3).
    assert due_at(datetime(2027, 2, 3, 10, 0), DAYS3, cal) == datetime(2027, 2, 15, 10, 0)


def test_30_april_and_1_may_2026_are_skipped(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 4, 29, 14, 0), days(1), cal) == datetime(2026, 5, 4, 14, 0)
    assert due_at(datetime(2026, 4, 28, 10, 0), days(2), cal) == datetime(2026, 5, 4, 10, 0)


def test_hung_kings_day_2026_on_sunday_is_observed_on_monday(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 4, 24, 10, 0), days(1), cal) == datetime(2026, 4, 28, 10, 0)


def test_national_day_2026_skips_31_august_1_and_2_september(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 8, 28, 9, 0), days(1), cal) == datetime(2026, 9, 3, 9, 0)
    assert due_at(datetime(2026, 8, 28, 9, 0), days(2), cal) == datetime(2026, 9, 4, 9, 0)


def test_make_up_saturday_22_08_2026_counts_as_a_working_day(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 8, 21, 10, 0), days(1), cal) == datetime(2026, 8, 22, 10, 0)
    assert due_at(datetime(2026, 8, 21, 10, 0), days(2), cal) == datetime(2026, 8, 24, 10, 0)
    assert due_at(datetime(2026, 8, 22, 14, 0), SAME_DAY, cal) == datetime(2026, 8, 22, 17, 0)


def test_vietnamese_culture_day_24_11_2026_is_skipped(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 11, 23, 10, 0), days(1), cal) == datetime(2026, 11, 25, 10, 0)


def test_receipt_after_1700_starts_next_morning(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 2, 17, 30), DAYS3, cal) == datetime(2026, 3, 6, 7, 0)
    assert due_at(datetime(2026, 3, 2, 17, 0), DAYS3, cal) == datetime(2026, 3, 6, 7, 0)
    assert due_at(datetime(2026, 3, 2, 16, 59), DAYS3, cal) == datetime(2026, 3, 5, 16, 59)


def test_receipt_during_lunch_starts_1330(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 2, 12, 15), days(2), cal) == datetime(2026, 3, 4, 13, 30)
    assert due_at(datetime(2026, 3, 2, 11, 30), days(2), cal) == datetime(2026, 3, 4, 13, 30)


def test_receipt_before_0700_starts_0700(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 2, 6, 10), days(1), cal) == datetime(2026, 3, 3, 7, 0)


def test_receipt_on_weekend_or_holiday_starts_next_working_morning(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 7, 10, 0), days(1), cal) == datetime(2026, 3, 10, 7, 0)
    assert due_at(datetime(2026, 9, 2, 10, 0), days(1), cal) == datetime(2026, 9, 4, 7, 0)


def test_zero_working_days_is_the_start_of_counting(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 2, 18, 0), days(0), cal) == datetime(2026, 3, 3, 7, 0)


# -- working hours -----------------------------------------------------------------------------------


def test_working_hours_across_lunch(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 2, 10, 0), hours(4), cal) == datetime(2026, 3, 2, 16, 0)


def test_working_hours_across_weekend(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 6, 15, 0), hours(4), cal) == datetime(2026, 3, 9, 9, 0)


def test_eight_working_hours_from_opening_end_at_closing_the_same_day(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 2, 7, 0), hours(8), cal) == datetime(2026, 3, 2, 17, 0)
    assert due_at(datetime(2026, 3, 2, 18, 0), hours(8), cal) == datetime(2026, 3, 3, 17, 0)
    assert due_at(datetime(2026, 3, 2, 10, 30), hours(1), cal) == datetime(2026, 3, 2, 11, 30)


def test_working_hours_across_tet_2026(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 2, 13, 16, 0), hours(2), cal) == datetime(2026, 2, 23, 8, 0)


# -- same day ----------------------------------------------------------------------------------------


def test_same_day_at_or_before_1500_is_due_1700_that_day(cal: WorkCalendar) -> None:
    for moment in (time(6, 30), time(12, 0), time(14, 59), time(15, 0)):
        assert due_at(datetime.combine(date(2026, 3, 2), moment), SAME_DAY, cal) == datetime(2026, 3, 2, 17, 0)


def test_same_day_after_1500_is_due_1700_next_working_day(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 2, 15, 1), SAME_DAY, cal) == datetime(2026, 3, 3, 17, 0)
    assert due_at(datetime(2026, 3, 2, 18, 0), SAME_DAY, cal) == datetime(2026, 3, 3, 17, 0)


def test_same_day_friday_after_1500_is_due_monday(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 6, 15, 30), SAME_DAY, cal) == datetime(2026, 3, 9, 17, 0)


def test_same_day_on_the_friday_before_tet_after_1500_is_due_after_tet(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 2, 13, 15, 30), SAME_DAY, cal) == datetime(2026, 2, 23, 17, 0)


def test_same_day_on_a_holiday_is_due_next_working_day(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 4, 30, 9, 0), SAME_DAY, cal) == datetime(2026, 5, 4, 17, 0)


def test_same_day_uses_the_units_own_hours_and_cutoff() -> None:
    own = WorkingHours((time(7, 30), time(11, 30)), (time(13, 0), time(16, 30)), time(14, 0))
    cal = WorkCalendar({}, hours=own)
    assert due_at(datetime(2026, 3, 2, 14, 0), SAME_DAY, cal) == datetime(2026, 3, 2, 16, 30)
    assert due_at(datetime(2026, 3, 2, 14, 30), SAME_DAY, cal) == datetime(2026, 3, 3, 16, 30)
    assert due_at(datetime(2026, 3, 2, 11, 0), hours(1), cal) == datetime(2026, 3, 2, 13, 30)


# -- calendar days -----------------------------------------------------------------------------------


def test_calendar_days_count_weekends_and_end_at_1700(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 2, 10, 0), calendar_days(4), cal) == datetime(2026, 3, 6, 17, 0)


def test_calendar_days_ending_on_a_sunday_move_to_monday(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 3, 10, 0), calendar_days(5), cal) == datetime(2026, 3, 9, 17, 0)


def test_calendar_days_ending_on_1_may_move_past_the_weekend(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 4, 16, 10, 0), calendar_days(15), cal) == datetime(2026, 5, 4, 17, 0)


def test_calendar_days_received_after_1700_count_from_next_working_day(cal: WorkCalendar) -> None:
    assert due_at(datetime(2026, 3, 6, 17, 30), calendar_days(2), cal) == datetime(2026, 3, 11, 17, 0)


# -- supplement pause --------------------------------------------------------------------------------


def test_supplement_pause_across_weekend_adds_only_working_hours(cal: WorkCalendar) -> None:
    # Fri 16:00 → Mon 09:00 is 3 working hours: Wed 10:00 + 3 h (over lunch) = Wed 15:00.
    new = resume_after_pause(datetime(2026, 3, 11, 10, 0), datetime(2026, 3, 6, 16, 0), datetime(2026, 3, 9, 9, 0), cal)
    assert new == datetime(2026, 3, 11, 15, 0)


def test_supplement_pause_of_whole_working_days_keeps_the_time_of_day(cal: WorkCalendar) -> None:
    # Thu 10:00 → Mon 10:00 is 5 h + 8 h + 3 h = 2 working days.
    new = resume_after_pause(
        datetime(2026, 3, 11, 10, 0), datetime(2026, 3, 5, 10, 0), datetime(2026, 3, 9, 10, 0), cal
    )
    assert new == datetime(2026, 3, 13, 10, 0)
    at_closing = resume_after_pause(
        datetime(2026, 3, 11, 17, 0), datetime(2026, 3, 5, 10, 0), datetime(2026, 3, 9, 10, 0), cal
    )
    assert at_closing == datetime(2026, 3, 13, 17, 0)


def test_supplement_pause_across_tet_2026_counts_one_working_day(cal: WorkCalendar) -> None:
    new = resume_after_pause(datetime(2026, 2, 24, 9, 0), datetime(2026, 2, 13, 9, 0), datetime(2026, 2, 23, 9, 0), cal)
    assert new == datetime(2026, 2, 25, 9, 0)


def test_pause_inside_a_weekend_leaves_the_due_date_unchanged(cal: WorkCalendar) -> None:
    due = datetime(2026, 3, 11, 10, 0)
    assert resume_after_pause(due, datetime(2026, 3, 7, 9, 0), datetime(2026, 3, 8, 20, 0), cal) == due


def test_pause_of_a_calendar_day_procedure_counts_calendar_days(cal: WorkCalendar) -> None:
    due = datetime(2026, 3, 9, 17, 0)
    unit = DurationUnit.CALENDAR_DAYS
    assert resume_after_pause(due, datetime(2026, 3, 3, 9), datetime(2026, 3, 6, 9), cal, unit=unit) == datetime(
        2026, 3, 12, 17, 0
    )
    # 5 days later is Saturday 14/03 → Monday 16/03.
    assert resume_after_pause(due, datetime(2026, 3, 3, 9), datetime(2026, 3, 8, 9), cal, unit=unit) == datetime(
        2026, 3, 16, 17, 0
    )


def test_resume_before_pause_is_refused(cal: WorkCalendar) -> None:
    with pytest.raises(InvalidInput, match="bổ sung"):
        resume_after_pause(datetime(2026, 3, 11, 10), datetime(2026, 3, 9, 9), datetime(2026, 3, 6, 16), cal)


# -- working time and timeliness ---------------------------------------------------------------------


def test_working_hours_between_friday_afternoon_and_monday_morning(cal: WorkCalendar) -> None:
    friday, monday = datetime(2026, 3, 6, 16, 0), datetime(2026, 3, 9, 9, 0)
    assert working_hours_between(friday, monday, cal) == 3.0
    assert working_hours_between(monday, friday, cal) == -3.0
    assert working_hours_between(datetime(2026, 3, 2, 11, 0), datetime(2026, 3, 2, 14, 0), cal) == 1.0


def test_working_hours_between_ignores_tet_2026(cal: WorkCalendar) -> None:
    assert working_hours_between(datetime(2026, 2, 13, 7, 0), datetime(2026, 2, 23, 17, 0), cal) == 16.0


def test_timeliness_compares_the_date_parts_only() -> None:
    due = datetime(2026, 3, 5, 7, 0)
    assert timeliness(datetime(2026, 3, 4, 16, 59), due) == "early"
    assert timeliness(datetime(2026, 3, 5, 16, 59), due) == "on_time"
    assert timeliness(datetime(2026, 3, 6, 7, 0), due) == "late"
    assert timeliness(date(2026, 3, 5), due) == "on_time"


# -- durations ---------------------------------------------------------------------------------------


def test_duration_labels_in_vietnamese_and_english() -> None:
    assert Duration(3, DurationUnit.WORKING_DAYS).label_vi() == "3 ngày làm việc"
    assert Duration(8, DurationUnit.WORKING_HOURS).label_vi() == "8 giờ làm việc"
    assert SAME_DAY.label_vi() == "Trong ngày"
    assert Duration(15, DurationUnit.CALENDAR_DAYS).label_vi() == "15 ngày"
    assert Duration(1, DurationUnit.WORKING_DAYS).label_en() == "1 working day"
    assert Duration(8, DurationUnit.WORKING_HOURS).label_en() == "8 working hours"
    assert Duration(15, DurationUnit.CALENDAR_DAYS).label_en() == "15 calendar days"
    assert SAME_DAY.label_en() == "Same day"


def test_duration_parse_reads_the_storage_form_and_the_labels() -> None:
    assert Duration.parse("3 working_days") == DAYS3
    assert Duration.parse("same_day") == SAME_DAY
    assert Duration.parse("8 working_hours") == hours(8)
    assert Duration.parse("15 calendar_days") == calendar_days(15)
    assert Duration.parse("  1 Working_Day ") == days(1)
    assert Duration.parse("03 ngày làm việc") == DAYS3
    assert Duration.parse("Trong ngày") == SAME_DAY
    assert Duration.parse("15 ngày") == calendar_days(15)
    assert str(DAYS3) == "3 working_days" and str(SAME_DAY) == "same_day"


@pytest.mark.parametrize(
    "text",
    ["", "3", "ba ngày", "three working_days", "3 working_weeks", "working_days 3", "3.5 working_days", "2 same_day"],
)
def test_duration_parse_rejects_malformed_text(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Duration.parse(text)
    assert "Không hiểu thời hạn" in caught.value.text("vi")
    assert "Cannot read the duration" in caught.value.text("en")


def test_negative_duration_is_refused() -> None:
    with pytest.raises(InvalidInput, match="không được âm"):
        Duration(-1, DurationUnit.WORKING_DAYS)
    with pytest.raises(InvalidInput, match="không được âm") as caught:
        Duration.parse("-2 working_days")
    assert "negative" in caught.value.text("en")


def test_duration_refuses_bad_values_and_units() -> None:
    for value, unit in ((1, DurationUnit.SAME_DAY), (True, DurationUnit.WORKING_DAYS), (2, "fortnights")):
        with pytest.raises(InvalidInput):
            Duration(value, unit)  # type: ignore[arg-type]
    assert Duration(2, "working_days").unit is DurationUnit.WORKING_DAYS  # type: ignore[arg-type]


def test_aware_datetimes_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(InvalidInput, match="múi giờ"):
        due_at(datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=7))), DAYS3, cal)


# -- errors and speed --------------------------------------------------------------------------------


def test_no_working_day_within_a_year_raises_calendar_error() -> None:
    closed = WorkCalendar({date(2026, 1, 1) + timedelta(days=i): "Tạm dừng hoạt động" for i in range(400)})
    with pytest.raises(CalendarError) as caught:
        due_at(datetime(2026, 1, 5, 9, 0), DAYS3, closed)
    assert "Không có ngày làm việc" in caught.value.text("vi")
    assert "No working day" in caught.value.text("en")
    with pytest.raises(CalendarError):
        due_at(datetime(2026, 1, 5, 9, 0), SAME_DAY, closed)
    with pytest.raises(CalendarError):
        due_at(datetime(2026, 1, 5, 9, 0), calendar_days(1), closed)


def test_due_at_takes_microseconds_not_milliseconds(cal: WorkCalendar) -> None:
    durations = [DAYS3, days(30), hours(8), calendar_days(15), SAME_DAY]
    received = datetime(2026, 3, 2, 9, 15)
    due_at(received, DAYS3, cal)
    runs = 2000
    started = wall_clock.perf_counter()
    for _ in range(runs):
        for duration in durations:
            due_at(received, duration, cal)
    per_call = (wall_clock.perf_counter() - started) / (runs * len(durations))
    assert per_call < 100e-6, f"due_at took {per_call * 1e6:.1f} µs per call"
