"""The working calendar seeded from the `holidays` package (0.109), overrides, persistence, hours."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from desk_app.domain.errors import CalendarError, InvalidInput
from desk_app.domain.holiday_seed import make_up_days_from_labels, make_up_days_from_table
from desk_app.domain.text import nfc
from desk_app.domain.work_calendar import CalendarOverride, WorkCalendar, WorkingHours

LIBRARY_2026 = {
    date(2026, 1, 1): "Tết Dương lịch",
    date(2026, 2, 16): "Giao thừa Tết Nguyên Đán",
    date(2026, 2, 17): "Tết Nguyên Đán",
    date(2026, 2, 18): "Mùng hai Tết Nguyên Đán",
    date(2026, 2, 19): "Mùng ba Tết Nguyên Đán",
    date(2026, 2, 20): "Mùng bốn Tết Nguyên Đán",
    date(2026, 4, 26): "Ngày Giỗ Tổ Hùng Vương",
    date(2026, 4, 27): "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)",
    date(2026, 4, 30): "Ngày Chiến thắng",
    date(2026, 5, 1): "Ngày Quốc tế Lao động",
    date(2026, 8, 31): "Ngày nghỉ (thay cho ngày 22/08/2026)",
    date(2026, 9, 1): "Quốc khánh",
    date(2026, 9, 2): "Quốc khánh",
    date(2026, 11, 24): "Ngày Văn hóa Việt Nam",
}


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.seeded([2026, 2027])


def test_seeded_2026_days_off_are_the_library_holidays_in_vietnamese(cal: WorkCalendar) -> None:
    listed_2026 = {day: reason for day, reason in cal.days_off.items() if day.year == 2026}
    assert listed_2026 == LIBRARY_2026
    assert all(not cal.is_working_day(day) for day in LIBRARY_2026)


def test_tet_2027_days_off_run_from_thursday_4_to_wednesday_10_february(cal: WorkCalendar) -> None:
    off = [date(2027, 2, d) for d in range(1, 15) if not cal.is_working_day(date(2027, 2, d))]
    assert off == [date(2027, 2, d) for d in (4, 5, 6, 7, 8, 9, 10, 13, 14)]
    assert cal.day_off_reason(date(2027, 2, 4)) == "29 Tết"


def test_make_up_saturday_22_08_2026_is_a_working_day(cal: WorkCalendar) -> None:
    saturday = date(2026, 8, 22)
    assert saturday.weekday() == 5
    assert cal.is_working_day(saturday)
    assert cal.day_off_reason(saturday) is None
    assert cal.working_weekend_days == {saturday: "Làm việc bù cho ngày nghỉ 31/08/2026"}
    assert not cal.is_working_day(date(2026, 8, 23))


def test_national_day_2026_takes_31_august_by_swap_and_1_september_as_adjacent_day(cal: WorkCalendar) -> None:
    assert [cal.day_off_reason(date(2026, 8, 31)), cal.day_off_reason(date(2026, 9, 1))] == [
        "Ngày nghỉ (thay cho ngày 22/08/2026)",
        "Quốc khánh",
    ]
    assert cal.is_working_day(date(2026, 9, 3))


def test_day_off_reason_names_weekends_and_is_none_on_working_days(cal: WorkCalendar) -> None:
    assert cal.day_off_reason(date(2026, 3, 7)) == "Thứ Bảy"
    assert cal.day_off_reason(date(2026, 3, 8)) == "Chủ nhật"
    assert cal.day_off_reason(date(2026, 3, 9)) is None


def test_make_up_days_from_labels_and_from_the_table_agree_2010_to_2026() -> None:
    import holidays

    years = range(2010, 2027)
    names = holidays.country_holidays("VN", years=years, language="vi")
    from_labels = make_up_days_from_labels(names)
    assert from_labels == make_up_days_from_table(years)
    assert from_labels[date(2026, 8, 22)] == date(2026, 8, 31)
    assert from_labels[date(2025, 4, 26)] == date(2025, 5, 2)
    assert from_labels[date(2024, 5, 4)] == date(2024, 4, 29)
    assert from_labels[date(2014, 12, 27)] == date(2015, 1, 2)  # make-up day in the previous year
    assert all(day.weekday() == 5 for day in from_labels)


def test_make_up_label_parser_reads_joined_and_decomposed_names() -> None:
    names = {
        date(2026, 8, 31): "Quốc khánh; Ngày nghỉ (thay cho ngày 22/08/2026)",
        date(2026, 9, 7): "Ngày nghỉ (thay cho ngày 31/02/2026)",  # impossible date: ignored
        date(2025, 5, 2): "Ngày nghỉ (thay cho ngày 26/04/2025)".replace("à", "a\u0300"),
    }
    assert nfc(names[date(2025, 5, 2)]) != names[date(2025, 5, 2)]
    assert make_up_days_from_labels(names) == {
        date(2026, 8, 22): date(2026, 8, 31),
        date(2025, 4, 26): date(2025, 5, 2),
    }


def test_seeded_past_years_keep_their_swaps() -> None:
    cal = WorkCalendar.seeded([2024, 2025])
    assert cal.is_working_day(date(2024, 5, 4)) and not cal.is_working_day(date(2024, 4, 29))
    assert cal.is_working_day(date(2025, 4, 26)) and not cal.is_working_day(date(2025, 5, 2))


def test_override_wins_over_the_library() -> None:
    overrides = [
        CalendarOverride(date(2027, 2, 4), True, "Làm việc theo thông báo của Bộ Nội vụ", "Thông báo 01/TB-BNV"),
        CalendarOverride(date(2027, 2, 11), False, "Nghỉ Tết bổ sung", "Quyết định của UBND tỉnh"),
        CalendarOverride(date(2026, 8, 22), False, "Không làm việc bù tại xã", "Chủ tịch UBND xã"),
    ]
    cal = WorkCalendar.seeded([2026, 2027], overrides=overrides)
    assert cal.is_working_day(date(2027, 2, 4)) and cal.day_off_reason(date(2027, 2, 4)) is None
    assert cal.day_off_reason(date(2027, 2, 11)) == "Nghỉ Tết bổ sung"
    assert cal.day_off_reason(date(2026, 8, 22)) == "Không làm việc bù tại xã"
    assert date(2027, 2, 4) not in cal.days_off and date(2026, 8, 22) not in cal.working_weekend_days


def test_overrides_round_trip_through_the_calendar() -> None:
    cal = WorkCalendar.seeded([2026, 2027], overrides=[CalendarOverride(date(2026, 12, 31), False, "Nghỉ cuối năm")])
    rows = cal.overrides()
    assert rows == sorted(rows, key=lambda row: row.day)
    assert (
        CalendarOverride(date(2026, 8, 22), True, "Làm việc bù cho ngày nghỉ 31/08/2026", "holidays 0.109 (VN)") in rows
    )
    again = WorkCalendar.from_overrides(rows, cal.hours)
    assert again == cal and again.overrides() == rows
    day = date(2026, 1, 1)
    while day < date(2028, 1, 1):
        assert again.is_working_day(day) == cal.is_working_day(day), day
        day += timedelta(days=1)


def test_calendar_override_needs_a_reason_and_a_date() -> None:
    with pytest.raises(InvalidInput, match="Lý do"):
        CalendarOverride(date(2026, 12, 31), False, "   ")
    with pytest.raises(InvalidInput):
        CalendarOverride("2026-12-31", False, "Nghỉ cuối năm")  # type: ignore[arg-type]


def test_a_day_cannot_be_both_off_and_working() -> None:
    with pytest.raises(InvalidInput, match="22/08/2026"):
        WorkCalendar({date(2026, 8, 22): "Nghỉ"}, {date(2026, 8, 22): "Làm bù"})


def test_seeded_refuses_a_bad_year() -> None:
    with pytest.raises(InvalidInput, match="Năm"):
        WorkCalendar.seeded(["2026"])  # type: ignore[list-item]


def test_next_working_day_beyond_a_year_of_days_off_is_a_calendar_error() -> None:
    closed = WorkCalendar({date(2026, 6, 1) + timedelta(days=i): "Tạm dừng" for i in range(366)})
    with pytest.raises(CalendarError):
        closed.next_working_day(date(2026, 5, 31))  # Wed 02/06/2027 is 367 days later
    almost = WorkCalendar({date(2026, 6, 1) + timedelta(days=i): "Tạm dừng" for i in range(365)})
    assert almost.next_working_day(date(2026, 5, 31)) == date(2027, 6, 1)  # exactly 366 days later


def test_working_days_between_counts_across_years(cal: WorkCalendar) -> None:
    assert cal.working_days_between(date(2026, 12, 28), date(2027, 1, 5)) == 5  # 28–31/12, 4/1
    assert cal.working_days_between(date(2027, 1, 5), date(2026, 12, 28)) == 0


@pytest.mark.parametrize(
    ("morning", "afternoon", "cutoff", "complaint"),
    [
        ((time(11, 30), time(7, 0)), (time(13, 30), time(17, 0)), time(15, 0), "buổi sáng"),
        ((time(7, 0), time(11, 30)), (time(17, 0), time(13, 30)), time(15, 0), "buổi chiều"),
        ((time(7, 0), time(14, 0)), (time(13, 30), time(17, 0)), time(15, 0), "trước khi buổi chiều"),
        ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)), time(18, 0), "Giờ chốt"),
    ],
)
def test_working_hours_with_end_before_start_are_refused(
    morning: tuple[time, time], afternoon: tuple[time, time], cutoff: time, complaint: str
) -> None:
    with pytest.raises(InvalidInput, match=complaint):
        WorkingHours(morning, afternoon, cutoff)


def test_default_working_day_is_eight_hours() -> None:
    assert WorkingHours().day_length == timedelta(hours=8)
    assert WorkingHours().end_of_day == time(17, 0)
