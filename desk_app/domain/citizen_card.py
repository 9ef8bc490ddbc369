"""The chip citizen ID card (thẻ Căn cước công dân, CCCD): its QR text and its 12-digit number.

The QR on the front of the 2021–6/2024 chip card holds seven ``|``-separated fields::

    <12-digit number>|<old CMND or empty>|<full name>|<ddMMyyyy birth>|<Nam/Nữ>|<address>|<ddMMyyyy issue>

A USB scanner in keyboard mode types that text into the desk, sometimes in decomposed (NFD)
Unicode and followed by CR/LF. ``parse_card_qr`` turns it into a ``CitizenCard`` or refuses it:

* ``CardUnreadable``: the text is the card layout but damaged (too few fields, a number that is
  not 12 digits, an impossible date, an unknown gender word, digits in the name — the sign of a
  keyboard-wedge scanner mangling Vietnamese tones). The clerk scans again or types.
* ``UnknownCardLayout``: the text is clearly something else — a URL, a VietQR payment string
  (``000201…``), key=value text, or a ``|`` layout whose leading fields are not the card's, such
  as the QR of the 2024 "thẻ căn cước" whose content is not confirmed. We never guess a layout;
  the clerk types the details in.
* ``InvalidIdNumber``: the 12-digit number disagrees with the birth date or gender on the card.

Decisions taken here:

* The old-ID field may be empty (no previous CMND, → ``None``), 9 digits (the CMND), or 12 digits
  (the 12-digit CMND issued in some provinces 2012–2016, seen on re-issued cards). A 12-digit old
  number is kept as printed and not checked against the birth date: it predates the rules below.
* Extra fields after the seventh are tolerated; ``raw`` keeps the whole text (NFC, without the
  trailing CR/LF) so nothing the scanner delivered is lost. A six-field text has no issue date.
* The 12-digit number is ``PPP G YY RRRRRR``: PPP the code of the province where the birth was
  registered, G the gender and century (0/1 male/female born 1900–1999, 2/3 born 2000–2099, …),
  YY the last two digits of the birth year, then six random digits with no check digit. PPP must
  be one of the 63 pre-2025 province codes (they do not change after the 2025 mergers). Codes
  100–299 are accepted as births registered abroad: the Ministry's country list puts foreign
  countries at 101 and up (one secondary source shows 101–295; not verified against the circular).
  Every other code (000, the gaps such as 003, 097–099, 300–999) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from desk_app.domain.errors import CardUnreadable, InvalidIdNumber, UnknownCardLayout
from desk_app.domain.text import clean, fold, nfc

PROVINCE_BIRTH_CODES: Mapping[str, str] = MappingProxyType(
    {
        "001": "Hà Nội",
        "002": "Hà Giang",
        "004": "Cao Bằng",
        "006": "Bắc Kạn",
        "008": "Tuyên Quang",
        "010": "Lào Cai",
        "011": "Điện Biên",
        "012": "Lai Châu",
        "014": "Sơn La",
        "015": "Yên Bái",
        "017": "Hòa Bình",
        "019": "Thái Nguyên",
        "020": "Lạng Sơn",
        "022": "Quảng Ninh",
        "024": "Bắc Giang",
        "025": "Phú Thọ",
        "026": "Vĩnh Phúc",
        "027": "Bắc Ninh",
        "030": "Hải Dương",
        "031": "Hải Phòng",
        "033": "Hưng Yên",
        "034": "Thái Bình",
        "035": "Hà Nam",
        "036": "Nam Định",
        "037": "Ninh Bình",
        "038": "Thanh Hóa",
        "040": "Nghệ An",
        "042": "Hà Tĩnh",
        "044": "Quảng Bình",
        "045": "Quảng Trị",
        "046": "Thừa Thiên Huế",
        "048": "Đà Nẵng",
        "049": "Quảng Nam",
        "051": "Quảng Ngãi",
        "052": "Bình Định",
        "054": "Phú Yên",
        "056": "Khánh Hòa",
        "058": "Ninh Thuận",
        "060": "Bình Thuận",
        "062": "Kon Tum",
        "064": "Gia Lai",
        "066": "Đắk Lắk",
        "067": "Đắk Nông",
        "068": "Lâm Đồng",
        "070": "Bình Phước",
        "072": "Tây Ninh",
        "074": "Bình Dương",
        "075": "Đồng Nai",
        "077": "Bà Rịa - Vũng Tàu",
        "079": "Thành phố Hồ Chí Minh",
        "080": "Long An",
        "082": "Tiền Giang",
        "083": "Bến Tre",
        "084": "Trà Vinh",
        "086": "Vĩnh Long",
        "087": "Đồng Tháp",
        "089": "An Giang",
        "091": "Kiên Giang",
        "092": "Cần Thơ",
        "093": "Hậu Giang",
        "094": "Sóc Trăng",
        "095": "Bạc Liêu",
        "096": "Cà Mau",
    }
)
"""The 63 pre-2025 province codes that open a 12-digit number (province of birth registration)."""

ABROAD_CODES = range(100, 300)
"""First-three-digit codes accepted as a birth registered abroad (country codes, see the docstring)."""

_DIGITS_12 = re.compile(r"[0-9]{12}")
_OLD_ID = re.compile(r"[0-9]{9}|[0-9]{12}")
_DATE_8 = re.compile(r"[0-9]{8}")
_LOOKS_LIKE_CARD = re.compile(r"[0-9]{12}\|")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://|www\.", re.IGNORECASE)
_VIETQR_PREFIX = "000201"  # EMVCo merchant-presented QR: payload format indicator "01"
_TRAILING_NEWLINES = "\r\n"

_UNKNOWN_VI = "Mã QR không phải của thẻ Căn cước công dân loại đã biết — hãy nhập tay"
_UNKNOWN_EN = "The QR code is not from a known citizen ID card layout — please type the details in"


class Gender(StrEnum):
    """Gender as printed on the card."""

    MALE = "male"
    FEMALE = "female"

    def label_vi(self) -> str:
        """The word printed on the card and on forms: "Nam" or "Nữ"."""
        return "Nam" if self is Gender.MALE else "Nữ"


_GENDER_WORDS = {"nam": Gender.MALE, "nu": Gender.FEMALE}


@dataclass(frozen=True)
class CitizenCard:
    """What the card's QR says about its holder, checked for consistency."""

    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: date
    gender: Gender
    address: str
    issue_date: date | None
    raw: str

    def to_qr_text(self) -> str:
        """The seven-field QR text of this card (for tests, demo data and re-printing)."""
        fields = [
            self.id_number,
            self.old_id_number or "",
            self.full_name,
            self.birth_date.strftime("%d%m%Y"),
            self.gender.label_vi(),
            self.address,
            self.issue_date.strftime("%d%m%Y") if self.issue_date else "",
        ]
        return "|".join(fields)


def looks_like_card_qr(text: str) -> bool:
    """Whether ``text`` starts like a card QR (12 digits then ``|``): the GUI's cheap scan test."""
    return _LOOKS_LIKE_CARD.match(text) is not None


def _unreadable(field_vi: str, field_en: str, problem_vi: str, problem_en: str) -> CardUnreadable:
    return CardUnreadable(
        f"Không đọc được mã QR thẻ CCCD: {field_vi} {problem_vi} — hãy quét lại hoặc nhập tay",
        f"Cannot read the ID card QR: the {field_en} {problem_en} — scan again or type it in",
        field=field_en,
    )


def _parse_date(value: str, field_vi: str, field_en: str) -> date:
    text = value.strip()
    if not _DATE_8.fullmatch(text):
        raise _unreadable(
            field_vi, field_en, f"'{text}' không phải ngày dạng ddMMyyyy", f"'{text}' is not a ddMMyyyy date"
        )
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise _unreadable(
            field_vi, field_en, f"'{text}' không phải ngày có thật", f"'{text}' is not a real date"
        ) from None


def _parse_gender(value: str) -> Gender:
    gender = _GENDER_WORDS.get(fold(value))
    if gender is None:
        raise _unreadable(
            "giới tính",
            "gender",
            f"'{value.strip()}' không phải Nam hoặc Nữ",
            f"'{value.strip()}' is neither Nam nor Nữ",
        )
    return gender


def _check_layout(text: str) -> list[str]:
    """The fields of ``text`` if it is the card layout (maybe damaged); refuse other layouts."""
    if not text:
        raise CardUnreadable("Mã QR trống — hãy quét lại", "The QR code is empty — scan again", field="qr")
    if text.startswith(_VIETQR_PREFIX) or _URL.match(text):
        raise UnknownCardLayout(_UNKNOWN_VI, _UNKNOWN_EN, field="qr")
    fields = text.split("|")
    first = fields[0].strip()
    if len(fields) == 1 or not first.isascii() or not first.replace(" ", "").isdigit():
        # No '|' at all, or a letter, '=', '{'… in front: not our layout (2024 card, key=value, JSON…).
        raise UnknownCardLayout(_UNKNOWN_VI, _UNKNOWN_EN, field="qr")
    if len(fields) < 6:
        raise _unreadable(
            "mã QR",
            "QR text",
            f"chỉ có {len(fields)} trường, cần ít nhất 6",
            f"has only {len(fields)} fields, at least 6 are needed",
        )
    if not _DIGITS_12.fullmatch(first):
        raise _unreadable("số CCCD", "ID number", "phải có 12 chữ số", "must have 12 digits")
    old = fields[1].strip()
    if any(ch.isalpha() for ch in old):
        # A name where the old ID belongs: a shifted layout that we do not guess at.
        raise UnknownCardLayout(_UNKNOWN_VI, _UNKNOWN_EN, field="qr")
    if old and not _OLD_ID.fullmatch(old):
        raise _unreadable("số CMND cũ", "old ID number", "phải có 9 hoặc 12 chữ số", "must have 9 or 12 digits")
    return fields


def parse_card_qr(text: str, *, today: date | None = None) -> CitizenCard:
    """The card described by a scanned QR text; refuses anything it cannot read with certainty.

    ``today`` (default: the system date) bounds the birth and issue dates.
    """
    today = today or date.today()
    raw = nfc(text).rstrip(_TRAILING_NEWLINES)
    fields = _check_layout(raw.strip())
    id_number = fields[0].strip()
    old_id = fields[1].strip() or None
    full_name = clean(fields[2])
    if not full_name:
        raise _unreadable("họ tên", "full name", "bị trống", "is empty")
    if any(ch.isdigit() for ch in full_name):
        raise _unreadable(
            "họ tên",
            "full name",
            f"'{full_name}' có chữ số (máy quét có thể làm hỏng dấu tiếng Việt)",
            f"'{full_name}' contains digits (the scanner may have mangled the Vietnamese marks)",
        )
    birth_date = _parse_date(fields[3], "ngày sinh", "birth date")
    if birth_date > today:
        raise _unreadable("ngày sinh", "birth date", "ở tương lai", "is in the future")
    gender = _parse_gender(fields[4])
    address = clean(fields[5])
    issue_date = None
    if len(fields) > 6 and fields[6].strip():
        issue_date = _parse_date(fields[6], "ngày cấp", "issue date")
        if issue_date < birth_date:
            raise _unreadable("ngày cấp", "issue date", "trước ngày sinh", "is before the birth date")
        if issue_date > today:
            raise _unreadable("ngày cấp", "issue date", "ở tương lai", "is in the future")
    check_id_number(id_number, birth_date, gender, today=today)
    return CitizenCard(id_number, old_id, full_name, birth_date, gender, address, issue_date, raw)


def _id_error(problem_vi: str, problem_en: str) -> InvalidIdNumber:
    return InvalidIdNumber(f"Số CCCD {problem_vi}", f"The citizen ID number {problem_en}", field="id_number")


def check_id_number(
    id_number: str,
    birth_date: date | None = None,
    gender: Gender | None = None,
    *,
    today: date | None = None,
) -> None:
    """Refuse (``InvalidIdNumber``) a 12-digit number that is malformed or disagrees with itself.

    Checks the birth-registration code (first three digits), that the century/gender digit does not
    put the birth in the future, and, when given, agreement with ``birth_date`` and ``gender``.
    """
    if not _DIGITS_12.fullmatch(id_number):
        raise _id_error("phải có 12 chữ số", "must have 12 digits")
    place = id_number[:3]
    if place not in PROVINCE_BIRTH_CODES and int(place) not in ABROAD_CODES:
        raise _id_error(
            f"bắt đầu bằng {place}, không phải mã tỉnh nơi đăng ký khai sinh",
            f"starts with {place}, which is not a province code of birth registration",
        )
    code = int(id_number[3])
    year = 1900 + (code // 2) * 100 + int(id_number[4:6])
    number_gender = Gender.MALE if code % 2 == 0 else Gender.FEMALE
    if year > (today or date.today()).year:
        raise _id_error(
            f"cho năm sinh {year}, ở tương lai (chữ số thứ 4 là {code})",
            f"gives birth year {year}, in the future (4th digit is {code})",
        )
    if birth_date is not None and birth_date.year != year:
        raise _id_error(
            f"cho năm sinh {year} nhưng ngày sinh là {birth_date:%d/%m/%Y}",
            f"gives birth year {year} but the birth date is {birth_date:%d/%m/%Y}",
        )
    if gender is not None and gender is not number_gender:
        raise _id_error(
            f"là của người giới tính {number_gender.label_vi()} nhưng thẻ ghi {gender.label_vi()}",
            f"belongs to a {number_gender.value} holder but the card says {gender.value}",
        )
