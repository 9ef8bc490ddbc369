"""Vietnamese text: stored in NFC, searched in a folded form where đ becomes d, fields within limits."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, strategies as st

from desk_app.domain.errors import InvalidInput
from desk_app.domain.text import checked_field, clean, fold, nfc

NAME = "Nguyễn Văn Đức"
NAME_NFD = unicodedata.normalize("NFD", NAME)

# grave, acute, hook above, tilde, dot below: the five marked tones
TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
# each vowel letter with its base letter once marks are removed
VOWELS = {"a": "a", "ă": "a", "â": "a", "e": "e", "ê": "e", "i": "i", "o": "o", "ô": "o", "ơ": "o"}
VOWELS |= {"u": "u", "ư": "u", "y": "y"}
ALL_TONED = [(nfc(letter + tone), base) for letter, base in VOWELS.items() for tone in ("", *TONES)]


# --- NFC ---------------------------------------------------------------------------------------------


def test_nfd_from_a_scanner_becomes_nfc() -> None:
    assert NAME_NFD != NAME
    assert len(NAME_NFD) > len(NAME)
    assert nfc(NAME_NFD) == NAME
    assert unicodedata.is_normalized("NFC", nfc(NAME_NFD))


def test_nfc_leaves_nfc_text_alone() -> None:
    assert nfc(NAME) == NAME


def test_vowel_with_two_marks_in_any_combining_order_becomes_one_character() -> None:
    # ệ typed as e + dot below + circumflex, or as ê + dot below
    assert nfc("e\u0323\u0302") == "ệ"
    assert nfc("ê\u0323") == "ệ"


# --- clean -------------------------------------------------------------------------------------------


def test_clean_collapses_runs_of_white_space_and_trims() -> None:
    assert clean("  Nguyễn \t Văn\n\n Đức \r\n") == NAME
    assert clean("Nguyễn\u00a0Văn  Đức") == NAME  # no-break space from a copied document


def test_clean_normalises_to_nfc() -> None:
    assert clean(f"  {NAME_NFD}  ") == NAME


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x0b", "\x0c"])
def test_clean_removes_control_characters(control: str) -> None:
    assert clean(f"Nguyễn{control}Văn Đức") == "NguyễnVăn Đức"


def test_clean_of_only_spaces_and_controls_is_empty() -> None:
    assert clean(" \t\x00\n ") == ""


# Control characters are left to the explicit tests above (and to test_lifecycle_findings.py).
@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40))
def test_clean_is_idempotent_and_leaves_no_ragged_spaces(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert unicodedata.is_normalized("NFC", once)


# --- fold --------------------------------------------------------------------------------------------


def test_fold_of_a_full_name_is_plain_lower_case_ascii() -> None:
    assert fold(NAME) == "nguyen van duc"


def test_fold_of_a_decomposed_name_is_the_same() -> None:
    assert fold(NAME_NFD) == "nguyen van duc"


@pytest.mark.parametrize(("text", "folded"), [("đ", "d"), ("Đ", "d"), ("Đặng Đình Đông", "dang dinh dong")])
def test_fold_turns_d_with_stroke_into_d(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize("letter", list("ắằẳẵặốồổỗộớờởỡợứừửữựýỳỷỹỵ"))
def test_fold_removes_tones_from_the_letters_clerks_type(letter: str) -> None:
    expected = {"ắằẳẵặ": "a", "ốồổỗộớờởỡợ": "o", "ứừửữự": "u", "ýỳỷỹỵ": "y"}
    base = next(b for group, b in expected.items() if letter in group)
    assert fold(letter) == base
    assert fold(letter.upper()) == base


@pytest.mark.parametrize(("letter", "base"), ALL_TONED)
def test_fold_removes_every_tone_from_every_vowel_in_both_cases(letter: str, base: str) -> None:
    assert len(letter) == 1
    assert fold(letter) == base
    assert fold(letter.upper()) == base
    assert fold(unicodedata.normalize("NFD", letter.upper())) == base


def test_fold_collapses_spaces_and_trims() -> None:
    assert fold("  Trần \t Thị\n Ngọc   Ánh ") == "tran thi ngoc anh"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("nguyen van duc", "Nguyễn Văn Đức"),
        ("NGUYEN VAN DUC", "NGUYỄN VĂN ĐỨC"),
        ("duc", "Lê Đức Thọ"),
        ("tho", "Lê Đức Thọ"),
        ("quang hung", "phường Quảng Hưng"),
    ],
)
def test_a_folded_query_finds_the_name_it_was_typed_for(query: str, name: str) -> None:
    assert fold(query) in fold(name)


def test_fold_keeps_distinct_letters_apart() -> None:
    assert fold("Đức") != fold("Đắc")
    assert fold("Hưng") == fold("Hùng") == "hung"  # same search key: marks are dropped on purpose


_vietnamese = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ĐÂƯ\t",
    max_size=40,
)


@given(_vietnamese)
def test_fold_output_has_no_marks_no_d_with_stroke_and_no_capitals(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert fold(folded) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded


# --- checked_field -----------------------------------------------------------------------------------


def test_checked_field_returns_the_cleaned_value() -> None:
    assert checked_field(f"  {NAME_NFD}\t", 50, "Họ và tên", "Full name") == NAME


def test_checked_field_accepts_exactly_the_limit() -> None:
    assert checked_field("a" * 12, 12, "Số CCCD", "ID number") == "a" * 12


def test_checked_field_refuses_one_character_over_the_limit_naming_field_and_lengths() -> None:
    with pytest.raises(InvalidInput) as caught:
        checked_field("Thôn Đông Hưng, phường Quảng Hưng", 20, "Địa chỉ", "Address")
    error = caught.value
    assert error.message == "Địa chỉ dài quá 20 ký tự (33)"
    assert error.english == "Address is longer than 20 characters (33)"
    assert error.field == "Address"


def test_checked_field_counts_characters_after_nfc() -> None:
    assert len(NAME_NFD) > 14 == len(NAME)
    assert checked_field(NAME_NFD, 14, "Họ và tên", "Full name") == NAME


def test_checked_field_limit_applies_after_spaces_are_collapsed() -> None:
    assert checked_field("Lê     Văn    Tám", 10, "Họ và tên", "Full name") == "Lê Văn Tám"


@pytest.mark.parametrize("empty", ["", "   ", "\t\n", "\x00 \x07"])
def test_required_field_refuses_empty_or_blank_input(empty: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        checked_field(empty, 100, "Họ và tên", "Full name", required=True)
    assert caught.value.message == "Họ và tên không được để trống"
    assert caught.value.english == "Full name must not be empty"
    assert caught.value.field == "Full name"


def test_optional_field_may_be_empty() -> None:
    assert checked_field("   ", 100, "Email", "E-mail") == ""


def _fold_char_by_char(text: str) -> str:
    """The folding as first written (every character asked whether it combines): the reference."""
    import re
    import unicodedata

    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
    extra = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
    decomposed = unicodedata.normalize("NFD", control.sub("", text).translate(extra))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", bare.lower().translate(extra)).strip()


@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("Nguyễn Văn Đức Hòa Thủy Ngọc Ánh Quỳnh ươ ỡ ự\u034f\u0300\u0323\u1dc0\u0951 é ñ ß İ"),
            st.characters(),
        )
    )
)
def test_fold_is_exactly_the_character_by_character_folding(text: str) -> None:
    assert fold(text) == _fold_char_by_char(text)


def test_fold_keeps_the_grapheme_joiner_which_is_not_a_mark() -> None:
    assert fold("a\u034fb") == _fold_char_by_char("a\u034fb") == "a\u034fb"
    assert fold("Nguyễn Thị Ánh Tuyết") == "nguyen thi anh tuyet"
