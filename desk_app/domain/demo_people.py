"""Realistic made-up people for demo data and benchmarks: names, birth dates, ID numbers, phones.

Nobody generated here exists, but the data has the shape of a real commune's visitors, so that
search, sorting and the card cross-checks are exercised the way they will be at a desk:

* family names follow their real frequency (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 % … and a tail);
* middle names depend on gender and on the generation (``Văn``/``Thị`` for most people born before
  1990, more varied ones after);
* the 12-digit personal ID number agrees with the birth date and gender the way the real one does
  (``PPP G YY RRRRRR``: pre-2025 province code of the birth registration, gender+century digit, last
  two digits of the birth year, six random digits — reference §3.3);
* phones are 10 digits with a real mobile prefix (03x, 05x, 07x, 08x, 09x);
* addresses use the 34 provinces in force since 1/7/2025 (no district level) and are mostly in the
  province that absorbed the person's province of birth.

The generator is pure (no store, no disk) and fast: people are made in batches with
``random.choices(..., cum_weights=..., k=...)``, about 1,000,000 in a few seconds. A seed gives the
same people for the same sequence of calls.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from desk_app.domain.text import nfc


@dataclass(frozen=True, slots=True)
class DemoPerson:
    """One made-up person; ``id_number`` is empty for a newborn (issued with the birth certificate)."""

    full_name: str
    gender: str  # "male" or "female"
    birth_date: date
    id_number: str
    phone: str
    address: str


def _table(*tiers: tuple[float, str]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Names with cumulative weights, from (weight, "space separated names") tiers; NFC."""
    names: list[str] = []
    weights: list[float] = []
    for weight, words in tiers:
        for name in words.split():
            names.append(nfc(name.replace("_", " ")))
            weights.append(weight)
    return tuple(names), tuple(accumulate(weights))


def _pairs(*pairs: tuple[str, float]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Names with cumulative weights, from (name, weight) pairs; NFC."""
    return tuple(nfc(n) for n, _ in pairs), tuple(accumulate(w for _, w in pairs))


# Family names, percent of the population; the tail shares the remaining ≈ 11.5 %.
# fmt: off
FAMILY_NAMES = _pairs(
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 2.9), ("Huỳnh", 2.1),
    ("Phan", 4.5), ("Vũ", 2.0), ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đào", 0.8), ("Đoàn", 0.8), ("Trương", 0.7), ("Đinh", 0.7),
    ("Trịnh", 0.6), ("Lâm", 0.5), ("Mai", 0.5), ("Lương", 0.5), ("Hà", 0.5), ("Cao", 0.45), ("Tạ", 0.4),
    ("Lưu", 0.4), ("Phùng", 0.35), ("Tô", 0.35), ("Chu", 0.3), ("Vương", 0.3), ("Kiều", 0.25),
    ("Quách", 0.25), ("Thái", 0.25), ("Châu", 0.25), ("Triệu", 0.25), ("Nông", 0.25), ("La", 0.2),
    ("Tăng", 0.2), ("Lại", 0.2), ("Hứa", 0.15), ("Từ", 0.15), ("Khúc", 0.1), ("Lò", 0.15), ("Giang", 0.15),
    ("Âu", 0.1), ("Diệp", 0.1), ("Mạc", 0.1), ("Thân", 0.1), ("Doãn", 0.1), ("Tống", 0.1), ("Nghiêm", 0.1),
    ("Khổng", 0.05), ("Vi", 0.1), ("Lục", 0.05), ("Ninh", 0.05), ("Hầu", 0.05), ("Mã", 0.05), ("Ông", 0.05),
)
# fmt: on

# Middle names by gender and generation (born before 1990 / from 1990), weights in relative units.
MIDDLE_MALE_OLDER = _table(
    (55, "Văn"),
    (7, "Hữu Đức Đình"),
    (5, "Minh"),
    (4, "Quốc Thanh Công Quang"),
    (3, "Xuân Ngọc Trọng"),
    (2, "Mạnh Tiến Hồng Bá Viết Duy Anh Thế"),
    (1, "Kim Như Quý Danh"),
)
MIDDLE_MALE_YOUNGER = _table(
    (18, "Văn"),
    (10, "Minh"),
    (8, "Đức"),
    (6, "Quốc Gia"),
    (5, "Hoàng Anh Quang Bảo"),
    (4, "Tuấn Thành Hữu Duy"),
    (3, "Trung Đăng Nhật Công Hải Thanh Việt Khánh"),
    (2, "Tiến Phúc Trọng Thiên Đình"),
    (1, "Hoàng_Gia Minh_Đức Đức_Minh Tấn Ngọc"),
)
MIDDLE_FEMALE_OLDER = _table(
    (60, "Thị"),
    (5, "Thị_Thu"),
    (4, "Thị_Ngọc Thị_Thanh Ngọc"),
    (3, "Thị_Kim Thu Thanh"),
    (2, "Thị_Minh Thị_Hồng Kim Hồng Thị_Thúy"),
    (1, "Bích Mỹ Thúy Xuân Thị_Bích Thị_Mỹ"),
)
MIDDLE_FEMALE_YOUNGER = _table(
    (15, "Thị"),
    (10, "Ngọc"),
    (6, "Thu Bảo"),
    (5, "Thanh Phương Minh Khánh Thùy"),
    (3, "Hoài Diệu Quỳnh Gia Kim Mỹ"),
    (2, "Hà Mai Ngọc_Bảo Tường An Cẩm Hải Hồng Thị_Thu"),
    (1, "Tuệ Yến Thảo Ngọc_Khánh Bảo_Ngọc"),
)
GIVEN_MALE = _table(
    (6, "Anh Hùng Dũng Tuấn Minh Hải Nam Long Hoàng Sơn Thành Trung Hiếu Huy Đức Phong Quang Thắng"),
    (4, "Tùng Cường Khánh Bình Toàn Tú Việt Lâm Tâm Hưng Hòa Phúc Mạnh Quân Duy Đạt Tiến Vinh"),
    (2, "An Bảo Công Chiến Chính Chung Danh Dương Định Đông Giang Hà Hậu Hiển Hiệp Hoàn Khang Khoa"),
    (2, "Khôi Kiên Lộc Lợi Luân Nghĩa Nguyên Nhân Nhật Phát Phú Quý Quyết Sang Tài Tân Thái Thịnh"),
    (2, "Thông Thuận Tín Trí Trọng Trường Tường Vũ Xuân Đăng Thiện Thọ Lực Lập Ninh Phương Kiệt"),
    (1, "Bách Bằng Cảnh Đại Điền Hào Học Khải Lân Mẫn Nhất Phi Quyền Sáng Sỹ Thạch Tiệp Trình"),
    (1, "Triều Tuyên Uy Vĩnh Vương Vượng Đạo Giáp Hợp Kha Khương Lương Ngọc Toản Vỹ Hạnh Thanh"),
)
GIVEN_FEMALE = _table(
    (6, "Anh Lan Hương Thảo Trang Hà Linh Huyền Ngọc Mai Hoa Nga Hằng Phương Thủy Yến Dung Hạnh"),
    (4, "Thu Loan Nhung Vân Hiền Quỳnh Trinh Nhi Vy Hồng Liên Oanh Thúy Tuyết Trâm Uyên Xuân Ly"),
    (2, "An Ánh Bích Chi Diệp Diệu Duyên Đào Giang Hân Hậu Hoài Huệ Hường Khanh Khánh Kiều Lam"),
    (2, "Lệ Liễu Lụa My Mỹ Ngân Nguyệt Nhàn Như Phượng Quế Quyên Tâm Thanh Thắm Thơ Thoa Thư"),
    (2, "Thùy Thương Tiên Trà Tú Tuyền Vi Hạ Nhã Ngà Hảo Huế Minh Sương Tình Hòa Cúc Mận"),
    (1, "Gái Lài Lý Mơ Nụ Gấm Lành Lựu Mến Nhạn Nhiên Thìn Thoan Tuyến Vui Xoan Yên Tươi Thêu"),
)

# Pre-2025 province codes (as used in ID numbers) → (old name, population in 100k, province since 2025).
# fmt: off
OLD_PROVINCES: dict[str, tuple[str, float, str]] = {
    "001": ("Hà Nội", 84, "Hà Nội"), "002": ("Hà Giang", 9, "Tuyên Quang"),
    "004": ("Cao Bằng", 5, "Cao Bằng"), "006": ("Bắc Kạn", 3, "Thái Nguyên"),
    "008": ("Tuyên Quang", 8, "Tuyên Quang"), "010": ("Lào Cai", 7, "Lào Cai"),
    "011": ("Điện Biên", 6, "Điện Biên"), "012": ("Lai Châu", 5, "Lai Châu"),
    "014": ("Sơn La", 13, "Sơn La"), "015": ("Yên Bái", 8, "Lào Cai"),
    "017": ("Hòa Bình", 9, "Phú Thọ"), "019": ("Thái Nguyên", 13, "Thái Nguyên"),
    "020": ("Lạng Sơn", 8, "Lạng Sơn"), "022": ("Quảng Ninh", 14, "Quảng Ninh"),
    "024": ("Bắc Giang", 19, "Bắc Ninh"), "025": ("Phú Thọ", 15, "Phú Thọ"),
    "026": ("Vĩnh Phúc", 12, "Phú Thọ"), "027": ("Bắc Ninh", 14, "Bắc Ninh"),
    "030": ("Hải Dương", 19, "Hải Phòng"), "031": ("Hải Phòng", 21, "Hải Phòng"),
    "033": ("Hưng Yên", 13, "Hưng Yên"), "034": ("Thái Bình", 19, "Hưng Yên"),
    "035": ("Hà Nam", 9, "Ninh Bình"), "036": ("Nam Định", 18, "Ninh Bình"),
    "037": ("Ninh Bình", 10, "Ninh Bình"), "038": ("Thanh Hóa", 37, "Thanh Hóa"),
    "040": ("Nghệ An", 34, "Nghệ An"), "042": ("Hà Tĩnh", 13, "Hà Tĩnh"),
    "044": ("Quảng Bình", 9, "Quảng Trị"), "045": ("Quảng Trị", 6, "Quảng Trị"),
    "046": ("Thừa Thiên Huế", 11, "Huế"), "048": ("Đà Nẵng", 12, "Đà Nẵng"),
    "049": ("Quảng Nam", 15, "Đà Nẵng"), "051": ("Quảng Ngãi", 12, "Quảng Ngãi"),
    "052": ("Bình Định", 15, "Gia Lai"), "054": ("Phú Yên", 9, "Đắk Lắk"),
    "056": ("Khánh Hòa", 12, "Khánh Hòa"), "058": ("Ninh Thuận", 6, "Khánh Hòa"),
    "060": ("Bình Thuận", 12, "Lâm Đồng"), "062": ("Kon Tum", 5, "Quảng Ngãi"),
    "064": ("Gia Lai", 15, "Gia Lai"), "066": ("Đắk Lắk", 19, "Đắk Lắk"),
    "067": ("Đắk Nông", 6, "Lâm Đồng"), "068": ("Lâm Đồng", 13, "Lâm Đồng"),
    "070": ("Bình Phước", 10, "Đồng Nai"), "072": ("Tây Ninh", 12, "Tây Ninh"),
    "074": ("Bình Dương", 26, "Hồ Chí Minh"), "075": ("Đồng Nai", 32, "Đồng Nai"),
    "077": ("Bà Rịa - Vũng Tàu", 12, "Hồ Chí Minh"), "079": ("Hồ Chí Minh", 94, "Hồ Chí Minh"),
    "080": ("Long An", 17, "Tây Ninh"), "082": ("Tiền Giang", 18, "Đồng Tháp"),
    "083": ("Bến Tre", 13, "Vĩnh Long"), "084": ("Trà Vinh", 10, "Vĩnh Long"),
    "086": ("Vĩnh Long", 10, "Vĩnh Long"), "087": ("Đồng Tháp", 16, "Đồng Tháp"),
    "089": ("An Giang", 19, "An Giang"), "091": ("Kiên Giang", 17, "An Giang"),
    "092": ("Cần Thơ", 12, "Cần Thơ"), "093": ("Hậu Giang", 7, "Cần Thơ"),
    "094": ("Sóc Trăng", 12, "Cần Thơ"), "095": ("Bạc Liêu", 9, "Cà Mau"),
    "096": ("Cà Mau", 12, "Cà Mau"),
}
# fmt: on
_PROVINCE_CODES = tuple(OLD_PROVINCES)
_PROVINCE_CUM = tuple(accumulate(p[1] for p in OLD_PROVINCES.values()))
_CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})
_SOUTH = frozenset(
    nfc(p)
    for p in (
        "Hồ Chí Minh",
        "Đồng Nai",
        "Tây Ninh",
        "Vĩnh Long",
        "Đồng Tháp",
        "An Giang",
        "Cần Thơ",
        "Cà Mau",
    )
)
_NEW_PROVINCES = tuple(sorted({p[2] for p in OLD_PROVINCES.values()}))
_NEW_OF_OLD = {code: nfc(p[2]) for code, p in OLD_PROVINCES.items()}
_SUFFIX = {nfc(p): nfc(("thành phố " if p in _CITIES else "tỉnh ") + p) for p in _NEW_PROVINCES}

# Mobile prefixes (10-digit numbers) weighted roughly by network market share.
PHONE_PREFIXES = _table(
    (7, "086 096 097 098 032 033 034 035 036 037 038 039"),  # Viettel
    (6, "091 094 088 081 082 083 084 085"),  # VinaPhone
    (5, "090 093 089 070 076 077 078 079"),  # MobiFone
    (2, "092 052 056 058 099 059 087"),  # Vietnamobile, Gmobile, iTel
)

_PLACE_WORDS = _table(
    (
        1,
        (
            "Tân_Lập Hòa_Bình Đông_Hòa Yên_Thái An_Phú Thành_Công Quyết_Tiến Đoàn_Kết Phú_Mỹ Bình_An "
            "Tân_Thành Thanh_Bình Phú_Lợi Mỹ_Hòa Long_Hưng An_Lạc Hưng_Thịnh Đồng_Tâm Liên_Hiệp Tiền_Phong "
            "Hợp_Tiến Kim_Sơn Đông_Sơn Tây_Sơn Nam_Sơn Bắc_Sơn Trung_Hòa Thượng_Lâm Hạ_Long Xuân_Phương "
            "Phú_Xuân Vĩnh_Phúc Quảng_Phú Hòa_An Tân_Hiệp Phước_Long Thạnh_Phú Mỹ_Thuận Long_Thạnh Tân_Phú "
            "Đại_Đồng Minh_Khai Quang_Trung Hồng_Phong Yên_Sơn Cẩm_Bình Thiện_Tân Đức_Thắng Nghĩa_Hưng "
            "Văn_Lang Hải_Thành Lạc_Long Đông_Phương Phước_Hòa Gia_Lộc Thái_Học Hòa_Lạc Tân_An Bình_Minh"
        ),
    )
)
_STREETS = _table(
    (
        1,
        (
            "Trần_Phú Lê_Lợi Nguyễn_Trãi Hai_Bà_Trưng Quang_Trung Lê_Duẩn Nguyễn_Huệ Trần_Hưng_Đạo "
            "Lý_Thường_Kiệt Hùng_Vương Phan_Đình_Phùng Nguyễn_Văn_Cừ Lê_Lai Bà_Triệu Điện_Biên_Phủ "
            "Nguyễn_Du Hoàng_Hoa_Thám Trường_Chinh Võ_Thị_Sáu Nguyễn_Thị_Minh_Khai Lê_Hồng_Phong "
            "Ngô_Quyền Phạm_Văn_Đồng Tôn_Đức_Thắng Cách_Mạng_Tháng_Tám Nguyễn_Chí_Thanh Lạc_Long_Quân "
            "Âu_Cơ Yên_Bái Nguyễn_Đình_Chiểu Mạc_Đĩnh_Chi Chu_Văn_An Lý_Tự_Trọng Phan_Chu_Trinh"
        ),
    )
)

# Adult ages (18–89) by five-year band, relative weights: who comes to a commune desk.
# fmt: off
_AGE_BANDS = (
    (18, 10), (25, 10), (30, 11), (35, 11), (40, 10), (45, 9), (50, 8),
    (55, 7), (60, 6), (65, 5), (70, 3.5), (75, 2), (80, 1), (85, 0.5),
)
# fmt: on
_AGES = tuple(range(18, 90))


def _age_weight(age: int) -> float:
    """The weight of one year of age: its band's weight spread over the band's years."""
    start, weight = max(band for band in _AGE_BANDS if band[0] <= age)
    width = 7 if start == 18 else 5
    return weight / width


_AGE_CUM = tuple(accumulate(_age_weight(a) for a in _AGES))
NEWBORN_MAX_DAYS = 60  # birth registration is due within 60 days of birth (Luật Hộ tịch art. 15)
_BATCH = 2048


class PeopleGenerator:
    """Makes people in batches from one ``random.Random(seed)``; same seed, same calls → same people."""

    def __init__(self, seed: int = 0, reference_day: date = date(2026, 11, 26)) -> None:
        self._rng = random.Random(seed)
        self._reference_day = reference_day
        self._adults: list[DemoPerson] = []
        self._newborns: list[DemoPerson] = []

    def person(self) -> DemoPerson:
        """An adult (18–89 years old on the reference day) with an ID number, phone and address."""
        if not self._adults:
            self._adults = self._batch(_BATCH, newborn=False)
        return self._adults.pop()

    def newborn(self) -> DemoPerson:
        """A baby born in the last 60 days: no ID number yet (it is issued with the birth
        certificate); the phone and address are those of the parent who registers the birth."""
        if not self._newborns:
            self._newborns = self._batch(_BATCH // 8, newborn=True)
        return self._newborns.pop()

    def _batch(self, n: int, *, newborn: bool) -> list[DemoPerson]:
        """``n`` people, drawn column by column (one ``choices`` call per column) for speed."""
        rng = self._rng
        rand, randrange, choices = rng.random, rng.randrange, rng.choices
        ref = self._reference_day
        ref_ord = ref.toordinal()
        family = choices(FAMILY_NAMES[0], cum_weights=FAMILY_NAMES[1], k=n)
        given_m = choices(GIVEN_MALE[0], cum_weights=GIVEN_MALE[1], k=n)
        given_f = choices(GIVEN_FEMALE[0], cum_weights=GIVEN_FEMALE[1], k=n)
        young_m = choices(MIDDLE_MALE_YOUNGER[0], cum_weights=MIDDLE_MALE_YOUNGER[1], k=n)
        young_f = choices(MIDDLE_FEMALE_YOUNGER[0], cum_weights=MIDDLE_FEMALE_YOUNGER[1], k=n)
        if newborn:
            old_m, old_f = young_m, young_f
            ages = [0] * n
        else:
            old_m = choices(MIDDLE_MALE_OLDER[0], cum_weights=MIDDLE_MALE_OLDER[1], k=n)
            old_f = choices(MIDDLE_FEMALE_OLDER[0], cum_weights=MIDDLE_FEMALE_OLDER[1], k=n)
            ages = choices(_AGES, cum_weights=_AGE_CUM, k=n)
        births = choices(_PROVINCE_CODES, cum_weights=_PROVINCE_CUM, k=n)
        homes = choices(_PROVINCE_CODES, cum_weights=_PROVINCE_CUM, k=n)
        prefixes = choices(PHONE_PREFIXES[0], cum_weights=PHONE_PREFIXES[1], k=n)
        places = choices(_PLACE_WORDS[0], cum_weights=_PLACE_WORDS[1], k=2 * n)
        streets = choices(_STREETS[0], cum_weights=_STREETS[1], k=n)
        out: list[DemoPerson] = []
        append = out.append
        for i in range(n):
            female = rand() < 0.505
            if newborn:
                born = date.fromordinal(ref_ord - randrange(NEWBORN_MAX_DAYS))
            else:
                age = ages[i]
                # The latest birthday that still gives ``age`` on the reference day, minus < 1 year.
                latest = _years_before(ref, age)
                born = date.fromordinal(latest.toordinal() - randrange(365))
            year = born.year
            if female:
                middle = old_f[i] if year < 1990 else young_f[i]
                given = given_f[i] if not middle.endswith(given_f[i]) else given_f[i - 1]
            else:
                middle = old_m[i] if year < 1990 else young_m[i]
                given = given_m[i] if not middle.endswith(given_m[i]) else given_m[i - 1]
            name = f"{family[i]} {middle} {given}"
            code = births[i]
            if newborn:
                id_number = ""
            else:
                digit = (year // 100 - 19) * 2 + female
                id_number = f"{code}{digit}{year % 100:02d}{randrange(1_000_000):06d}"
            province = _NEW_OF_OLD[code] if rand() < 0.85 else _NEW_OF_OLD[homes[i]]
            address = _address(rand(), randrange(1, 200), places[2 * i], places[2 * i + 1], streets[i], province)
            append(
                DemoPerson(
                    name,
                    "female" if female else "male",
                    born,
                    id_number,
                    f"{prefixes[i]}{randrange(10_000_000):07d}",
                    address,
                )
            )
        out.reverse()  # pop() from the end hands them out in the order they were made
        return out


def _years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _address(roll: float, number: int, place: str, ward: str, street: str, province: str) -> str:
    """A plausible post-2025 address: village or street, commune or ward, province."""
    suffix = _SUFFIX[province]
    if roll < 0.35:
        return f"Số {number} đường {street}, phường {ward}, {suffix}"
    if roll < 0.45:
        return f"Tổ dân phố {number % 30 + 1}, phường {ward}, {suffix}"
    if province in _SOUTH:
        return f"Ấp {place}, xã {ward}, {suffix}"
    if roll < 0.6:
        return f"Xóm {number % 20 + 1}, xã {ward}, {suffix}"
    return f"Thôn {place}, xã {ward}, {suffix}"


def people(n: int, seed: int = 0) -> Iterator[DemoPerson]:
    """``n`` adults from a ``PeopleGenerator(seed)``, one at a time."""
    generator = PeopleGenerator(seed)
    for _ in range(n):
        yield generator.person()
