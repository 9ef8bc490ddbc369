"""Dossier codes: format, parsing, each desk's slice of the day, and the lookup secret."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, strategies as st

from desk_app.domain.dossier_code import (
    AGENCY_ID_PATTERN,
    SECRET_ALPHABET,
    DeskSlice,
    check_agency_id,
    check_lookup,
    format_dossier_code,
    lookup_token,
    new_lookup_secret,
    next_number,
    normalise_secret,
    parse_dossier_code,
    parse_lookup_token,
)
from desk_app.domain.errors import CodeSpaceExhausted, InvalidInput

AGENCY = "000.17.22.H56"  # UBND phường Quảng Hưng, Thanh Hóa (sample row in the provincial data)
DAY = date(2026, 11, 26)


def test_code_is_agency_day_and_four_digit_number() -> None:
    assert format_dossier_code(AGENCY, DAY, 1) == "000.17.22.H56-261126-0001"
    assert format_dossier_code(AGENCY, date(2021, 5, 31), 1234) == "000.17.22.H56-210531-1234"
    assert format_dossier_code(AGENCY, DAY, 9999) == "000.17.22.H56-261126-9999"


@pytest.mark.parametrize("number", [0, -1, 10000, True])
def test_number_outside_0001_9999_is_refused(number: int) -> None:
    with pytest.raises(InvalidInput):
        format_dossier_code(AGENCY, DAY, number)


def test_year_outside_two_thousands_cannot_be_written() -> None:
    with pytest.raises(InvalidInput):
        format_dossier_code(AGENCY, date(2100, 1, 1), 1)


@pytest.mark.parametrize("agency", ["000.17.22.H56", "000.00.00.H56", "000.00.04.G14", " 000.17.22.h56 "])
def test_agency_ids_of_provinces_and_central_agencies_are_accepted(agency: str) -> None:
    canonical = check_agency_id(agency)
    assert canonical == agency.strip().upper()
    assert AGENCY_ID_PATTERN.fullmatch(canonical)


@pytest.mark.parametrize("agency", ["", "000.17.22", "000.17.22.K56", "00.17.22.H56", "000-17-22-H56", "000.17.22.H5"])
def test_malformed_agency_id_is_refused_with_an_example(agency: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_agency_id(agency)
    assert "000.17.22.H56" in caught.value.message
    assert caught.value.field == "agency_id"


def test_code_parses_back_to_its_parts() -> None:
    assert parse_dossier_code("000.17.22.H56-261126-0001") == (AGENCY, DAY, 1)
    assert parse_dossier_code(" 000.17.22.h56-210531-0420\n") == (AGENCY, date(2021, 5, 31), 420)


@pytest.mark.parametrize(
    "code",
    [
        "000.17.22.H56-261126-0000",
        "000.17.22.H56-261131-0001",
        "000.17.22.H56-261126-001",
        "000.17.22.H56-261126-12345",
        "000.17.22.H56-20261126-0001",
        "000.17.22.H56261126-0001",
        "000.17.22-261126-0001",
        "",
    ],
)
def test_malformed_code_is_refused(code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_dossier_code(code)
    assert "Mã hồ sơ" in caught.value.message


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(1, 9999))
def test_any_code_round_trips(day: date, number: int) -> None:
    assert parse_dossier_code(format_dossier_code(AGENCY, day, number)) == (AGENCY, day, number)


# --- desk slices -------------------------------------------------------------------------------


def test_desk_slices_are_consecutive_blocks() -> None:
    assert (DeskSlice.for_desk(1).first, DeskSlice.for_desk(1).last) == (1, 1000)
    assert (DeskSlice.for_desk(2).first, DeskSlice.for_desk(2).last) == (1001, 2000)
    assert (DeskSlice.for_desk(9).first, DeskSlice.for_desk(9).last) == (8001, 9000)
    small = DeskSlice.for_desk(3, slice_size=50)
    assert (small.first, small.last) == (101, 150)


@pytest.mark.parametrize(("desk", "size"), [(0, 1000), (-1, 1000), (10, 1000), (3, 5000), (1, 0), (1, 10000)])
def test_desk_slice_beyond_9999_or_empty_is_refused(desk: int, size: int) -> None:
    with pytest.raises(InvalidInput):
        DeskSlice.for_desk(desk, size)


def test_largest_slices_still_fit_four_digits() -> None:
    assert DeskSlice.for_desk(1, 9999).last == 9999
    assert DeskSlice.for_desk(9999, 1).first == 9999


@pytest.mark.parametrize("size", [1, 7, 100, 1000, 3333])
def test_slices_of_one_size_never_overlap(size: int) -> None:
    desks = [DeskSlice.for_desk(n, size) for n in range(1, 9999 // size + 1)]
    for a, b in itertools.combinations(desks[:40], 2):
        assert not a.overlaps(b)
    assert desks[-1].last <= 9999


def test_slices_of_different_sizes_can_overlap() -> None:
    assert DeskSlice.for_desk(1, 2000).overlaps(DeskSlice.for_desk(2, 1000))
    assert not DeskSlice.for_desk(2, 1000).overlaps(DeskSlice.for_desk(3, 1000))


def test_first_dossier_of_the_day_takes_the_first_number_of_the_slice() -> None:
    assert next_number(DeskSlice.for_desk(1), None) == 1
    assert next_number(DeskSlice.for_desk(2), None) == 1001


def test_next_number_follows_the_last_issued() -> None:
    desk = DeskSlice.for_desk(2)
    assert next_number(desk, 1001) == 1002
    assert next_number(desk, 1999) == 2000


def test_last_issued_outside_the_slice_is_a_caller_error() -> None:
    with pytest.raises(ValueError):
        next_number(DeskSlice.for_desk(2), 37)
    with pytest.raises(ValueError):
        next_number(DeskSlice.for_desk(2), 2001)


def test_exhausted_slice_says_so_and_what_the_admin_can_do() -> None:
    desk = DeskSlice.for_desk(2)
    with pytest.raises(CodeSpaceExhausted) as caught:
        next_number(desk, 2000)
    message = caught.value.message
    assert "Quầy số 2" in message and "1000" in message and "1001–2000" in message
    assert "chưa được ghi" in message and "Quản trị viên" in message
    assert "administrator" in caught.value.text("en")


def test_a_desk_issues_exactly_its_slice_then_stops() -> None:
    desk = DeskSlice.for_desk(4, slice_size=25)
    issued: list[int] = []
    last = None
    with pytest.raises(CodeSpaceExhausted):
        while True:
            last = next_number(desk, last)
            issued.append(last)
    assert issued == list(range(76, 101))


# --- lookup secret -----------------------------------------------------------------------------


def test_lookup_secret_is_ten_unambiguous_characters() -> None:
    secrets_seen = {new_lookup_secret() for _ in range(500)}
    assert len(secrets_seen) == 500
    for secret in secrets_seen:
        assert len(secret) == 10
        assert set(secret) <= set(SECRET_ALPHABET)
    assert not set("ILOU") & set(SECRET_ALPHABET)
    assert len(SECRET_ALPHABET) == 32


def test_lookup_token_carries_code_and_secret_and_parses_back() -> None:
    token = lookup_token("000.17.22.H56-261126-0001", "K7M2QX9TRA")
    assert token == "000.17.22.H56-261126-0001-K7M2QX9TRA"
    assert parse_lookup_token(token) == ("000.17.22.H56-261126-0001", "K7M2QX9TRA")


def test_lookup_accepts_the_right_secret_only() -> None:
    code = "000.17.22.H56-261126-0001"
    secret = new_lookup_secret()
    token = lookup_token(code, secret)
    assert check_lookup(code, secret, token)
    other = "0" * 10 if secret != "0" * 10 else "1" * 10
    assert not check_lookup(code, other, token)
    assert not check_lookup("000.17.22.H56-261126-0002", secret, token)
    assert not check_lookup(code, secret, f"000.17.22.H56-261126-0002-{secret}")


@pytest.mark.parametrize(
    "token", ["", "abc", "000.17.22.H56-261126-0001", "000.17.22.H56-261126-0001-K7M2", "x-K7M2QX9TRA"]
)
def test_malformed_token_is_no_match(token: str) -> None:
    assert not check_lookup("000.17.22.H56-261126-0001", "K7M2QX9TRA", token)


def test_secret_typed_by_hand_with_common_slips_still_matches() -> None:
    assert normalise_secret("k7m2q-x9tra") == "K7M2QX9TRA"
    assert normalise_secret("O1IL 2") == "01112"
    code = "000.17.22.H56-261126-0001"
    assert check_lookup(code, "K70Q1X9TRA", f"{code}-k7oq-ix9tra")


def test_secret_outside_the_alphabet_is_refused() -> None:
    with pytest.raises(InvalidInput):
        lookup_token("000.17.22.H56-261126-0001", "K7M2QX9TRU")
    with pytest.raises(InvalidInput):
        lookup_token("000.17.22.H56-261126-0001", "K7M2QX9")
