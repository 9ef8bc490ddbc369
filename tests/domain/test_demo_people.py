"""Demo people: realistic name frequencies, self-consistent ID numbers, valid phones, determinism."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date
from itertools import islice

from desk_app.domain.citizen_card import PROVINCE_BIRTH_CODES, Gender, check_id_number
from desk_app.domain.demo_people import OLD_PROVINCES, DemoPerson, PeopleGenerator, people

REFERENCE_DAY = date(2026, 11, 26)
SAMPLE = list(people(20_000, seed=7))
MOBILE = re.compile(r"0(3[2-9]|5[2689]|7[06-9]|8[1-9]|9[0-46-9])\d{7}")


def _age(person: DemoPerson, day: date = REFERENCE_DAY) -> int:
    born = person.birth_date
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def test_nguyen_is_about_38_percent_of_family_names() -> None:
    share = Counter(p.full_name.split()[0] for p in SAMPLE)["Nguyễn"] / len(SAMPLE)
    assert 0.365 <= share <= 0.395


def test_common_family_names_keep_their_order_of_frequency() -> None:
    counts = Counter(p.full_name.split()[0] for p in SAMPLE)
    assert counts["Nguyễn"] > counts["Trần"] > counts["Lê"] > counts["Phạm"] > counts["Bùi"] > counts["Lý"] > 0
    assert len(counts) > 40  # the tail of rarer names is there too


def test_id_number_gender_and_century_digit_agree_with_birth_date_and_gender() -> None:
    for person in SAMPLE:
        digit = int(person.id_number[3])
        century = 1900 + 100 * (digit // 2)
        assert century <= person.birth_date.year < century + 100
        assert digit % 2 == (1 if person.gender == "female" else 0)


def test_id_number_year_digits_are_the_birth_year() -> None:
    for person in SAMPLE:
        assert person.id_number[4:6] == f"{person.birth_date.year % 100:02d}"


def test_id_number_is_12_digits_with_a_real_pre_2025_province_code() -> None:
    assert len(OLD_PROVINCES) == 63 and {"001", "038", "079", "092"} <= set(OLD_PROVINCES)
    for person in SAMPLE:
        assert re.fullmatch(r"\d{12}", person.id_number)
        assert person.id_number[:3] in OLD_PROVINCES


def test_id_numbers_pass_the_desks_own_card_check() -> None:
    assert set(OLD_PROVINCES) == set(PROVINCE_BIRTH_CODES)
    for person in SAMPLE:
        check_id_number(person.id_number, person.birth_date, Gender(person.gender), today=REFERENCE_DAY)


def test_id_numbers_are_not_repeated_in_a_sample() -> None:
    assert len({p.id_number for p in SAMPLE}) > 0.999 * len(SAMPLE)


def test_phones_are_ten_digits_with_a_real_mobile_prefix() -> None:
    for person in SAMPLE:
        assert MOBILE.fullmatch(person.phone), person.phone
    prefixes = Counter(p.phone[:2] for p in SAMPLE)
    assert {"03", "05", "07", "08", "09"} <= set(prefixes)


def test_adults_are_18_to_89_on_the_reference_day() -> None:
    ages = [_age(p) for p in SAMPLE]
    assert min(ages) >= 18 and max(ages) <= 89
    assert 30 <= sorted(ages)[len(ages) // 2] <= 50  # most visitors are of working age


def test_thi_is_a_womans_middle_name_and_van_a_mans() -> None:
    for person in SAMPLE:
        middle = person.full_name.split()[1:-1]
        if "Thị" in middle:
            assert person.gender == "female"
        if "Văn" in middle:
            assert person.gender == "male"
    genders = Counter(p.gender for p in SAMPLE)
    assert 0.45 < genders["female"] / len(SAMPLE) < 0.56


def test_older_women_mostly_carry_thi_and_younger_ones_less_often() -> None:
    women = [p for p in SAMPLE if p.gender == "female"]
    older = [p for p in women if p.birth_date.year < 1990]
    younger = [p for p in women if p.birth_date.year >= 1990]
    share = lambda group: sum("Thị" in p.full_name.split() for p in group) / len(group)  # noqa: E731
    assert share(older) > 0.6 > share(younger)


def test_names_have_three_or_four_syllables() -> None:
    assert all(3 <= len(p.full_name.split()) <= 4 for p in SAMPLE)


def test_addresses_name_a_commune_or_ward_and_a_current_province() -> None:
    for person in islice(SAMPLE, 2000):
        assert re.search(r", (xã|phường) [^,]+, (tỉnh|thành phố) [^,]+$", person.address), person.address


def test_all_text_is_nfc() -> None:
    for person in SAMPLE:
        for text in (person.full_name, person.address):
            assert unicodedata.is_normalized("NFC", text)


def test_same_seed_gives_the_same_people() -> None:
    assert list(people(500, seed=7)) == SAMPLE[:500]
    first, second = PeopleGenerator(3), PeopleGenerator(3)
    assert [first.person() for _ in range(50)] == [second.person() for _ in range(50)]
    assert [first.newborn() for _ in range(5)] == [second.newborn() for _ in range(5)]


def test_another_seed_gives_other_people() -> None:
    other = list(people(500, seed=8))
    assert sum(a == b for a, b in zip(other, SAMPLE, strict=False)) == 0


def test_people_yields_exactly_n() -> None:
    assert sum(1 for _ in people(5000)) == 5000
    assert list(people(0)) == []


def test_newborns_are_under_60_days_old_without_an_id_number() -> None:
    generator = PeopleGenerator(seed=1, reference_day=date(2026, 3, 1))
    babies = [generator.newborn() for _ in range(1000)]
    for baby in babies:
        assert 0 <= (date(2026, 3, 1) - baby.birth_date).days < 60
        assert baby.id_number == ""
        assert MOBILE.fullmatch(baby.phone)
    assert {b.gender for b in babies} == {"male", "female"}


def test_reference_day_moves_the_birth_dates() -> None:
    generator = PeopleGenerator(seed=2, reference_day=date(2030, 1, 1))
    assert all(_age(generator.person(), date(2030, 1, 1)) >= 18 for _ in range(2000))
