"""Fees from the catalogue: certified copies by the page, signatures by the case, extracts by the copy."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from desk_app.domain.errors import InvalidInput
from desk_app.domain.fees import FeeKind, FeeRule, fee_for, format_vnd

# Chứng thực bản sao từ bản chính (2.000815), TT 226/2016/TT-BTC.
CERTIFIED_COPY = FeeRule(
    FeeKind.PER_PAGE, amount=2000, later_pages_from=3, later_page_amount=1000, cap_per_copy=200_000
)
SIGNATURE = FeeRule(FeeKind.PER_CASE, amount=10_000)  # Chứng thực chữ ký (2.000884)
EXTRACT_COPY = FeeRule(FeeKind.PER_COPY, amount=8000)  # Cấp bản sao trích lục hộ tịch (2.000635)
BIRTH_ON_TIME = FeeRule(FeeKind.NONE, note_vi="Miễn lệ phí khi đăng ký đúng hạn")  # Khai sinh (1.001193)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (1, 2000),
        (2, 4000),
        (3, 5000),
        (10, 12_000),
        (196, 198_000),
        (198, 200_000),
        (199, 200_000),
        (500, 200_000),
    ],
)
def test_certified_copy_costs_2000_a_page_then_1000_from_page_3_capped_at_200000(pages: int, expected: int) -> None:
    assert fee_for(CERTIFIED_COPY, copies=1, pages=pages) == expected


@pytest.mark.parametrize(
    ("copies", "pages", "expected"), [(2, 1, 4000), (3, 10, 36_000), (5, 2, 20_000), (2, 500, 400_000)]
)
def test_certified_copy_fee_is_per_copy_with_the_cap_applying_to_each(copies: int, pages: int, expected: int) -> None:
    assert fee_for(CERTIFIED_COPY, copies=copies, pages=pages) == expected


def test_signature_certification_is_10000_per_case_whatever_the_copies() -> None:
    assert fee_for(SIGNATURE) == 10_000
    assert fee_for(SIGNATURE, copies=3, pages=7) == 10_000


def test_civil_status_extract_copy_is_8000_per_copy() -> None:
    assert fee_for(EXTRACT_COPY) == 8000
    assert fee_for(EXTRACT_COPY, copies=4) == 32_000
    assert fee_for(EXTRACT_COPY, copies=4, pages=3) == 32_000


def test_waived_fee_is_zero() -> None:
    assert fee_for(BIRTH_ON_TIME, copies=2, pages=5) == 0


def test_plain_per_page_fee_without_tiers_or_cap() -> None:
    assert fee_for(FeeRule(FeeKind.PER_PAGE, amount=3000), copies=2, pages=4) == 24_000


@pytest.mark.parametrize(("copies", "pages"), [(0, 1), (-1, 1), (1, 0), (1, -5), (True, 1), (1, 2.5)])
def test_zero_or_negative_copies_or_pages_are_refused(copies: int, pages: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        fee_for(CERTIFIED_COPY, copies=copies, pages=pages)
    assert "từ 1 trở lên" in caught.value.message


@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "0 đ"), (500, "500 đ"), (2000, "2.000 đ"), (200_000, "200.000 đ"), (1_234_567, "1.234.567 đ")],
)
def test_vnd_is_grouped_by_dots(amount: int, text: str) -> None:
    assert format_vnd(amount) == text


def test_rules_describe_themselves_in_vietnamese() -> None:
    assert CERTIFIED_COPY.describe_vi() == "2.000 đ/trang; từ trang thứ 3: 1.000 đ/trang; tối đa 200.000 đ/bản"
    assert SIGNATURE.describe_vi() == "10.000 đ/trường hợp"
    assert EXTRACT_COPY.describe_vi() == "8.000 đ/bản"
    assert BIRTH_ON_TIME.describe_vi() == "Miễn lệ phí khi đăng ký đúng hạn"
    assert FeeRule(FeeKind.NONE).describe_vi() == "Không thu phí, lệ phí"
    discounted = FeeRule(FeeKind.PER_CASE, amount=15_000, note_vi="Miễn lệ phí khi nộp trực tuyến")
    assert discounted.describe_vi() == "15.000 đ/trường hợp (Miễn lệ phí khi nộp trực tuyến)"


def test_catalogue_dict_round_trips_and_omits_unset_keys() -> None:
    assert EXTRACT_COPY.to_dict() == {"kind": "per_copy", "amount": 8000}
    assert CERTIFIED_COPY.to_dict() == {
        "kind": "per_page",
        "amount": 2000,
        "later_pages_from": 3,
        "later_page_amount": 1000,
        "cap_per_copy": 200_000,
    }
    for rule in (CERTIFIED_COPY, SIGNATURE, EXTRACT_COPY, BIRTH_ON_TIME):
        assert FeeRule.from_dict(rule.to_dict()) == rule
    assert FeeRule.from_dict({"kind": "none"}) == FeeRule(FeeKind.NONE)


@pytest.mark.parametrize(
    "data",
    [
        {"amount": 2000},
        {"kind": "per_sheet", "amount": 2000},
        {"kind": "per_page", "amount": 2000, "max_per_copy": 200_000},
        {"kind": "per_page", "amount": "2000"},
        {"kind": "per_page", "amount": 2000.5},
        {"kind": "per_page", "amount": -2000},
        {"kind": "none", "amount": 5000},
        {"kind": "per_copy", "amount": 8000, "cap_per_copy": 50_000},
        {"kind": "per_page", "amount": 2000, "later_pages_from": 3},
        {"kind": "per_page", "amount": 2000, "later_pages_from": 1, "later_page_amount": 1000},
        {"kind": "per_case", "amount": 10_000, "note_vi": None},
    ],
    ids=[
        "no-kind",
        "unknown-kind",
        "unknown-key",
        "text-amount",
        "fractional-amount",
        "negative-amount",
        "waived-with-amount",
        "cap-on-per-copy",
        "half-a-tier",
        "tier-from-page-1",
        "note-not-text",
    ],
)
def test_malformed_catalogue_fee_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(InvalidInput) as caught:
        FeeRule.from_dict(data)
    assert caught.value.message.startswith("Mức phí trong danh mục")


@st.composite
def per_page_rules(draw: st.DrawFn) -> FeeRule:
    tiered = draw(st.booleans())
    return FeeRule(
        FeeKind.PER_PAGE,
        amount=draw(st.integers(0, 50_000)),
        later_pages_from=draw(st.integers(2, 20)) if tiered else None,
        later_page_amount=draw(st.integers(0, 50_000)) if tiered else None,
        cap_per_copy=draw(st.one_of(st.none(), st.integers(0, 1_000_000))),
    )


@given(per_page_rules(), st.integers(1, 50), st.integers(1, 2000))
def test_per_page_fee_is_per_copy_times_copies_and_never_above_the_cap(rule: FeeRule, copies: int, pages: int) -> None:
    one = fee_for(rule, copies=1, pages=pages)
    assert fee_for(rule, copies=copies, pages=pages) == one * copies
    if rule.cap_per_copy is not None:
        assert one <= rule.cap_per_copy
    assert FeeRule.from_dict(rule.to_dict()) == rule
