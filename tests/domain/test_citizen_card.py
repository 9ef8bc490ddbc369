"""The citizen ID card QR and the 12-digit number: what the desk reads, and what it refuses."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from desk_app.domain.citizen_card import (
    PROVINCE_BIRTH_CODES,
    CitizenCard,
    Gender,
    check_id_number,
    looks_like_card_qr,
    parse_card_qr,
)
from desk_app.domain.errors import CardUnreadable, InvalidIdNumber, UnknownCardLayout

TODAY = date(2026, 11, 26)

# Invented numbers consistent with the rules: PPP province, G century/gender, YY birth year.
THANH_HOA_MAN = (
    "038090012345|173456789|Lê Văn Hùng|15031990|Nam|Thôn Yên Trường, Xã Thọ Vực, Huyện Triệu Sơn, Thanh Hóa|10052021"
)
HA_NOI_WOMAN = (
    "001303004567||Nguyễn Thị Thu Trang|02092003|Nữ|"
    "Số 18 ngõ 72 Tôn Thất Tùng, Phường Khương Thượng, Quận Đống Đa, Hà Nội|20112021"
)
NGHE_AN_WOMAN = "040178001122|186543210|Hồ Thị Hoài|07071978|Nữ|Xóm 3, Xã Nghi Phú, Thành phố Vinh, Nghệ An|25032022"

UNKNOWN_MESSAGE = "Mã QR không phải của thẻ Căn cước công dân loại đã biết — hãy nhập tay"


def parse(text: str) -> CitizenCard:
    return parse_card_qr(text, today=TODAY)


def test_card_qr_fields_are_read_in_order() -> None:
    card = parse(THANH_HOA_MAN)
    assert card.id_number == "038090012345"
    assert card.old_id_number == "173456789"
    assert card.full_name == "Lê Văn Hùng"
    assert card.birth_date == date(1990, 3, 15)
    assert card.gender is Gender.MALE
    assert card.address == "Thôn Yên Trường, Xã Thọ Vực, Huyện Triệu Sơn, Thanh Hóa"
    assert card.issue_date == date(2021, 5, 10)
    assert card.raw == THANH_HOA_MAN


def test_empty_old_id_field_means_no_previous_cmnd() -> None:
    card = parse(HA_NOI_WOMAN)
    assert card.old_id_number is None
    assert card.gender is Gender.FEMALE
    assert card.birth_date == date(2003, 9, 2)


def test_twelve_digit_old_id_is_kept_as_printed() -> None:
    card = parse(THANH_HOA_MAN.replace("|173456789|", "|038090000111|"))
    assert card.old_id_number == "038090000111"


def test_decomposed_scanner_input_is_stored_in_nfc() -> None:
    nfd = unicodedata.normalize("NFD", NGHE_AN_WOMAN)
    assert nfd != NGHE_AN_WOMAN
    card = parse(nfd)
    assert card.full_name == "Hồ Thị Hoài"
    assert unicodedata.is_normalized("NFC", card.address)
    assert card.gender is Gender.FEMALE
    assert card.raw == NGHE_AN_WOMAN


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r"])
def test_trailing_newline_from_the_scanner_is_dropped(ending: str) -> None:
    card = parse(THANH_HOA_MAN + ending)
    assert card.issue_date == date(2021, 5, 10)
    assert card.raw == THANH_HOA_MAN


def test_extra_trailing_fields_are_tolerated_and_kept_in_raw() -> None:
    text = THANH_HOA_MAN + "|Lê Văn Thắng|Nguyễn Thị Lan"
    card = parse(text + "\r\n")
    assert card.issue_date == date(2021, 5, 10)
    assert card.raw == text


def test_six_field_text_has_no_issue_date() -> None:
    text = THANH_HOA_MAN.rsplit("|", 1)[0]
    assert parse(text).issue_date is None
    assert parse(text + "|").issue_date is None


@pytest.mark.parametrize("word", ["Nữ", "NỮ", "nữ", "Nu", "NU", unicodedata.normalize("NFD", "NỮ")])
def test_female_is_read_in_every_spelling_scanners_send(word: str) -> None:
    assert parse(HA_NOI_WOMAN.replace("|Nữ|", f"|{word}|")).gender is Gender.FEMALE


def test_gender_labels_are_the_words_on_the_card() -> None:
    assert Gender.MALE.label_vi() == "Nam"
    assert Gender.FEMALE.label_vi() == "Nữ"


def test_card_written_back_to_qr_text_reads_the_same() -> None:
    card = parse(HA_NOI_WOMAN)
    assert card.to_qr_text() == HA_NOI_WOMAN
    assert parse(card.to_qr_text()) == card


# --- damaged card text: CardUnreadable, naming the field ---------------------------------------


def test_fewer_than_six_fields_is_unreadable() -> None:
    with pytest.raises(CardUnreadable) as caught:
        parse("038090012345|173456789|Lê Văn Hùng|15031990|Nam")
    assert "5 trường" in caught.value.message
    assert "at least 6" in caught.value.text("en")


def test_first_field_not_twelve_digits_is_unreadable() -> None:
    with pytest.raises(CardUnreadable) as caught:
        parse(THANH_HOA_MAN.replace("038090012345", "03809001234"))
    assert "số CCCD phải có 12 chữ số" in caught.value.message
    assert caught.value.field == "ID number"


def test_birth_date_that_is_not_ddmmyyyy_is_unreadable() -> None:
    with pytest.raises(CardUnreadable) as caught:
        parse(THANH_HOA_MAN.replace("15031990", "1990-03-15"))
    assert "ngày sinh" in caught.value.message
    assert caught.value.field == "birth date"


def test_impossible_birth_date_is_unreadable() -> None:
    text = "038200012345||Phạm Văn Nam|31022000|Nam|Phường Ba Đình, Thành phố Thanh Hóa, Thanh Hóa|05062021"
    with pytest.raises(CardUnreadable) as caught:
        parse(text)
    assert "31022000" in caught.value.message
    assert "not a real date" in caught.value.text("en")


def test_impossible_issue_date_is_unreadable() -> None:
    with pytest.raises(CardUnreadable) as caught:
        parse(THANH_HOA_MAN.replace("10052021", "31042021"))
    assert caught.value.field == "issue date"


def test_unknown_gender_word_is_unreadable() -> None:
    with pytest.raises(CardUnreadable) as caught:
        parse(THANH_HOA_MAN.replace("|Nam|", "|Khác|"))
    assert "giới tính" in caught.value.message
    assert "Khác" in caught.value.message


def test_issue_date_before_birth_is_unreadable() -> None:
    with pytest.raises(CardUnreadable) as caught:
        parse(THANH_HOA_MAN.replace("10052021", "10051989"))
    assert "trước ngày sinh" in caught.value.message


def test_issue_date_in_the_future_is_unreadable() -> None:
    tomorrow = (TODAY + timedelta(days=1)).strftime("%d%m%Y")
    with pytest.raises(CardUnreadable) as caught:
        parse(THANH_HOA_MAN.replace("10052021", tomorrow))
    assert caught.value.field == "issue date"
    assert parse(THANH_HOA_MAN.replace("10052021", TODAY.strftime("%d%m%Y"))).issue_date == TODAY


def test_birth_date_in_the_future_is_unreadable() -> None:
    text = "001326004567||Nguyễn Thị An|27112026|Nữ|Phường Khương Thượng, Quận Đống Đa, Hà Nội|"
    with pytest.raises(CardUnreadable) as caught:
        parse(text)
    assert caught.value.field == "birth date"


def test_name_with_digits_from_a_vni_keyboard_wedge_is_unreadable() -> None:
    with pytest.raises(CardUnreadable) as caught:
        parse(THANH_HOA_MAN.replace("Lê Văn Hùng", "Le6 Va8n Hu2ng"))
    assert caught.value.field == "full name"


def test_old_id_of_wrong_length_is_unreadable() -> None:
    with pytest.raises(CardUnreadable) as caught:
        parse(THANH_HOA_MAN.replace("|173456789|", "|17345678|"))
    assert "9 hoặc 12 chữ số" in caught.value.message


def test_empty_scan_is_unreadable() -> None:
    with pytest.raises(CardUnreadable):
        parse("\r\n")


# --- other layouts: UnknownCardLayout, never guessed -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.17.22.H56-261126-0001",
        "www.thanhhoa.gov.vn",
        "00020101021138570010A000000727012700069704180113012345678901234020"
        "8QRIBFTTA53037045802VN62150811Le Van Hung6304A1B2",
        "SoDinhDanh=038090012345;HoTen=Lê Văn Hùng;NgaySinh=15031990",
        '{"id": "038090012345", "name": "Lê Văn Hùng"}',
        "Lê Văn Hùng|038090012345|Lê Văn Thắng|038065001111|Nguyễn Thị Lan|038168002222",
        "038090012345|Lê Văn Hùng|15031990|Nam|Thôn Yên Trường, Xã Thọ Vực, Triệu Sơn|10052021",
        "8935049500018",
    ],
    ids=["url", "www", "vietqr", "key-value", "json", "name-first", "no-old-id-field", "product-barcode"],
)
def test_other_qr_layouts_are_refused_not_guessed(text: str) -> None:
    with pytest.raises(UnknownCardLayout) as caught:
        parse(text)
    assert caught.value.message == UNKNOWN_MESSAGE
    assert "type the details in" in caught.value.text("en")


# --- the 12-digit number against the card ------------------------------------------------------


def test_number_of_a_man_on_a_card_saying_nu_is_refused() -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        parse(THANH_HOA_MAN.replace("|Nam|", "|Nữ|"))
    assert "giới tính Nam" in caught.value.message


def test_number_of_the_1900s_on_a_card_born_in_2000s_is_refused() -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        parse(HA_NOI_WOMAN.replace("001303004567", "001103004567"))
    assert "1903" in caught.value.message


def test_number_whose_year_digits_differ_from_the_birth_year_is_refused() -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        parse(THANH_HOA_MAN.replace("038090012345", "038091012345"))
    assert "1991" in caught.value.message
    assert "15/03/1990" in caught.value.message


@pytest.mark.parametrize("number", ["03809001234", "0380900123456", "03809001234a", "０３８０９００１２３４５", ""])
def test_number_must_have_twelve_ascii_digits(number: str) -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        check_id_number(number)
    assert caught.value.message == "Số CCCD phải có 12 chữ số"
    assert caught.value.text("en") == "The citizen ID number must have 12 digits"


@pytest.mark.parametrize("place", ["000", "003", "097", "099", "300", "999"])
def test_number_must_start_with_a_known_birth_registration_code(place: str) -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        check_id_number(f"{place}090012345")
    assert place in caught.value.message


def test_birth_registered_abroad_country_code_is_accepted() -> None:
    check_id_number("175095001234", date(1995, 6, 1), Gender.MALE)  # 175: a country code (≥ 101)


def test_century_digit_putting_birth_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        check_id_number("038490012345", today=TODAY)
    assert "2190" in caught.value.message


def test_number_alone_is_checked_without_birth_date_or_gender() -> None:
    check_id_number("079085009876")
    check_id_number("079085009876", date(1985, 12, 24), Gender.MALE)
    check_id_number("092201000001", date(2001, 1, 1), Gender.MALE)


def test_province_table_holds_the_63_pre_2025_codes() -> None:
    assert len(PROVINCE_BIRTH_CODES) == 63
    assert len(set(PROVINCE_BIRTH_CODES.values())) == 63
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCE_BIRTH_CODES)
    assert min(PROVINCE_BIRTH_CODES) == "001" and max(PROVINCE_BIRTH_CODES) == "096"
    assert PROVINCE_BIRTH_CODES["001"] == "Hà Nội"
    assert PROVINCE_BIRTH_CODES["038"] == "Thanh Hóa"
    assert PROVINCE_BIRTH_CODES["046"] == "Thừa Thiên Huế"
    assert PROVINCE_BIRTH_CODES["079"] == "Thành phố Hồ Chí Minh"
    assert PROVINCE_BIRTH_CODES["096"] == "Cà Mau"
    with pytest.raises(TypeError):
        PROVINCE_BIRTH_CODES["097"] = "Không có"  # type: ignore[index]


def test_scan_detector_needs_twelve_digits_then_a_bar() -> None:
    assert looks_like_card_qr(THANH_HOA_MAN)
    assert looks_like_card_qr("038090012345|")
    assert not looks_like_card_qr("038090012345")
    assert not looks_like_card_qr("03809001234|")
    assert not looks_like_card_qr("https://dichvucong.gov.vn")
    assert not looks_like_card_qr("Lê Văn Hùng|038090012345|")


# --- property: any valid card round-trips through its QR text ----------------------------------

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thành", "Xuân", "Thị Thu"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hà",
    "Hương",
    "Khánh",
    "Lan",
    "Nga",
    "Phúc",
    "Quý",
    "Thảo",
    "Yến",
]
STREET = ["Trần Phú", "Lê Lợi", "Nguyễn Trãi", "Bà Triệu", "Hàm Nghi", "Quang Trung", "Điện Biên Phủ"]
COMMUNE = ["Phường Điện Biên", "Xã Quảng Hưng", "Phường Lam Sơn", "Xã Thiệu Đô", "Thị trấn Bút Sơn"]
PROVINCE = ["Thanh Hóa", "Hà Nội", "Nghệ An", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Cần Thơ"]


@st.composite
def cards(draw: st.DrawFn) -> CitizenCard:
    birth = draw(st.dates(date(1920, 1, 1), TODAY))
    gender = draw(st.sampled_from(list(Gender)))
    place = draw(st.sampled_from(sorted(PROVINCE_BIRTH_CODES)))
    century_code = (birth.year // 100 - 19) * 2 + (0 if gender is Gender.MALE else 1)
    serial = draw(st.integers(0, 999_999))
    id_number = f"{place}{century_code}{birth.year % 100:02d}{serial:06d}"
    old = draw(st.one_of(st.none(), st.from_regex(r"[0-9]{9}", fullmatch=True)))
    name = " ".join([draw(st.sampled_from(FAMILY)), draw(st.sampled_from(MIDDLE)), draw(st.sampled_from(GIVEN))])
    address = (
        f"Số {draw(st.integers(1, 400))} {draw(st.sampled_from(STREET))}, "
        f"{draw(st.sampled_from(COMMUNE))}, {draw(st.sampled_from(PROVINCE))}"
    )
    issue = draw(st.one_of(st.none(), st.dates(max(birth, date(2016, 1, 1)), TODAY)))
    card = CitizenCard(id_number, old, name, birth, gender, address, issue, raw="")
    return CitizenCard(id_number, old, name, birth, gender, address, issue, raw=card.to_qr_text())


@given(cards(), st.booleans(), st.sampled_from(["", "\r\n", "\n"]))
def test_any_valid_card_round_trips_through_its_qr_text(card: CitizenCard, as_nfd: bool, ending: str) -> None:
    text = card.raw
    if as_nfd:
        text = unicodedata.normalize("NFD", text)
    assert looks_like_card_qr(text)
    assert parse(text + ending) == card
