"""The dossier code (mã hồ sơ) printed on the receipt slip, and the secret that guards its lookup.

Format (NĐ 61/2018; as the Thanh Hóa provincial system writes it)::

    <agency electronic id>-<yymmdd>-<NNNN>        e.g. 000.17.22.H56-261126-0001

The agency id (mã định danh điện tử, QĐ 20/2020/QĐ-TTg) is the commune's own, set by the province
and kept in configuration: four groups ``LLL.KK.JJ.Xnn`` with ``X`` = ``H`` (province) or ``G``
(central agency). ``yymmdd`` is the receipt day (years 2000–2099) and ``NNNN`` a number from 0001 to
9999 that restarts every day.

**Several desks, offline.** The provincial system allocates ``NNNN`` from one counter per agency per
day under a lock. Our desks issue codes without a network, so each desk owns a *slice* of the day's
number space by its desk number: with slices of 1000, desk 1 issues 0001–1000, desk 2 1001–2000, and
so on. Two desks of a unit never produce the same code because their slices are disjoint — provided
every desk of the unit uses the same slice size and a different desk number (configuration the admin
screen and the sync must enforce; see ``DeskSlice.overlaps``).

**Never re-issued on retry.** ``next_number`` is pure: given the highest number already issued today
in the desk's slice, it returns the next one. The store reads that number and writes the new
dossier together with the advanced counter in one transaction, so a retry after a failure either
sees the committed dossier (and its code) or nothing at all, and a number once committed is never
handed out again (that half of the contract belongs to the store).

**A slice runs out.** When every number of the slice is used, ``next_number`` raises
``CodeSpaceExhausted`` and nothing is written. With slices of 1000 a desk can receive 1000 dossiers a
day, far above a commune desk's volume, so this is a configuration problem, not an everyday one. The
admin can give the desk another desk number that no desk uses (effective at once: its block is
fresh), or widen the slice for every desk of the unit — a change that must take effect from the next
day, because resizing mid-day moves the blocks over numbers other desks have already issued.

**Lookup secret.** Codes are sequential, so a public status page keyed by code alone could be
enumerated. Each dossier therefore gets a random secret at receipt (``new_lookup_secret``: 10
characters of Crockford's base32 — no I, L, O or U — i.e. 50 random bits), stored with the dossier
and printed on the slip. The slip's QR URL carries ``lookup_token(code, secret)`` =
``<code>-<secret>``; a citizen without a phone types the code and the secret instead. The public
page splits the token (``parse_lookup_token``), loads the dossier by code and compares secrets in
constant time (``check_lookup``); it must also rate-limit failed attempts and never log full tokens.
A per-dossier random secret needs no key shared between desks and centre, and leaks nothing about
other dossiers if one slip is lost.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date

from desk_app.domain.errors import CodeSpaceExhausted, InvalidInput

AGENCY_ID_PATTERN = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[HG][0-9]{2}")
"""The agency electronic id, ``LLL.KK.JJ.Xnn`` (e.g. ``000.17.22.H56``); use with ``fullmatch``."""

_CODE = re.compile(rf"(?P<agency>{AGENCY_ID_PATTERN.pattern})-(?P<day>[0-9]{{6}})-(?P<number>[0-9]{{4}})")
_TOKEN = re.compile(rf"(?P<code>{_CODE.pattern})-(?P<secret>[^/?#&]+)")
MAX_NUMBER = 9999
"""The highest daily number ``NNNN`` can hold."""

SECRET_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: digits and capitals without I, L, O and U, so a printed secret reads back."""
SECRET_LENGTH = 10
_SECRET_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_agency_id(text: str) -> str:
    """The agency id ``text`` in canonical form (trimmed, upper case); ``InvalidInput`` if malformed."""
    agency = text.strip().upper()
    if not AGENCY_ID_PATTERN.fullmatch(agency):
        raise InvalidInput(
            f"Mã định danh cơ quan '{text.strip()}' không đúng dạng LLL.KK.JJ.Hnn (ví dụ 000.17.22.H56)",
            f"Agency id '{text.strip()}' is not of the form LLL.KK.JJ.Hnn (e.g. 000.17.22.H56)",
            field="agency_id",
        )
    return agency


@dataclass(frozen=True)
class DeskSlice:
    """The block of daily numbers a desk owns: desk ``n`` gets ``(n-1)*size+1 .. n*size``."""

    desk_number: int
    slice_size: int

    def __post_init__(self) -> None:
        if not 1 <= self.slice_size <= MAX_NUMBER:
            raise InvalidInput(
                f"Số lượng mã mỗi quầy phải từ 1 đến {MAX_NUMBER} (đang là {self.slice_size})",
                f"The numbers per desk must be between 1 and {MAX_NUMBER} (got {self.slice_size})",
                field="slice_size",
            )
        highest_desk = MAX_NUMBER // self.slice_size
        if not 1 <= self.desk_number <= highest_desk:
            raise InvalidInput(
                f"Số quầy phải từ 1 đến {highest_desk} khi mỗi quầy có {self.slice_size} mã một ngày "
                f"(đang là {self.desk_number})",
                f"The desk number must be between 1 and {highest_desk} with {self.slice_size} numbers "
                f"per desk a day (got {self.desk_number})",
                field="desk_number",
            )

    @classmethod
    def for_desk(cls, desk_number: int, slice_size: int = 1000) -> DeskSlice:
        """The slice of desk ``desk_number`` when every desk owns ``slice_size`` numbers a day."""
        return cls(desk_number, slice_size)

    @property
    def first(self) -> int:
        """The first number of the slice."""
        return (self.desk_number - 1) * self.slice_size + 1

    @property
    def last(self) -> int:
        """The last number of the slice."""
        return self.desk_number * self.slice_size

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and self.first <= number <= self.last

    def overlaps(self, other: DeskSlice) -> bool:
        """Whether the two slices share a number (two desks that could issue the same code)."""
        return self.first <= other.last and other.first <= self.last


def format_dossier_code(agency_id: str, day: date, number: int) -> str:
    """The code ``<agency>-<yymmdd>-<NNNN>`` of dossier ``number`` received on ``day``."""
    agency = check_agency_id(agency_id)
    if not 2000 <= day.year <= 2099:
        raise InvalidInput(
            f"Năm {day.year} không ghi được bằng hai chữ số trong mã hồ sơ",
            f"The year {day.year} cannot be written with two digits in a dossier code",
            field="day",
        )
    if isinstance(number, bool) or not 1 <= number <= MAX_NUMBER:
        raise InvalidInput(
            f"Số thứ tự hồ sơ phải từ 1 đến {MAX_NUMBER} (đang là {number})",
            f"The dossier number must be between 1 and {MAX_NUMBER} (got {number})",
            field="number",
        )
    return f"{agency}-{day:%y%m%d}-{number:04d}"


def parse_dossier_code(code: str) -> tuple[str, date, int]:
    """``(agency id, receipt day, number)`` of a dossier code; ``InvalidInput`` if malformed."""
    text = code.strip().upper()
    match = _CODE.fullmatch(text)
    day = None
    if match:
        digits = match["day"]
        try:
            day = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
        except ValueError:
            day = None
    if match is None or day is None or int(match["number"]) == 0:
        raise InvalidInput(
            f"Mã hồ sơ '{code.strip()}' không đúng dạng <mã cơ quan>-<yymmdd>-<NNNN> (ví dụ 000.17.22.H56-261126-0001)",
            f"Dossier code '{code.strip()}' is not of the form <agency>-<yymmdd>-<NNNN> "
            "(e.g. 000.17.22.H56-261126-0001)",
            field="dossier_code",
        )
    return match["agency"], day, int(match["number"])


def next_number(slice: DeskSlice, last_issued_today: int | None) -> int:
    """The number to give the next dossier today, after ``last_issued_today`` (the highest in the slice).

    ``None`` means the desk has issued nothing in its slice today. A value outside the slice is a
    caller error (``ValueError``): the store must pass the highest number issued within the slice.
    Raises ``CodeSpaceExhausted`` when the slice is used up; nothing should then be written.
    """
    if last_issued_today is None:
        return slice.first
    if last_issued_today not in slice:
        raise ValueError(f"last issued number {last_issued_today} is outside {slice}")
    if last_issued_today >= slice.last:
        raise CodeSpaceExhausted(
            f"Quầy số {slice.desk_number} đã dùng hết {slice.slice_size} mã hồ sơ của ngày hôm nay "
            f"({slice.first:04d}–{slice.last:04d}); hồ sơ chưa được ghi. Quản trị viên có thể gán cho "
            "máy này một số quầy chưa quầy nào dùng (có hiệu lực ngay), hoặc tăng số mã mỗi quầy cho "
            "mọi quầy, áp dụng từ ngày hôm sau.",
            f"Desk {slice.desk_number} has used all {slice.slice_size} dossier numbers of today "
            f"({slice.first:04d}–{slice.last:04d}); the dossier was not saved. The administrator can give "
            "this machine a desk number no other desk uses (effective at once), or raise the numbers per "
            "desk for every desk, effective from the next day.",
        )
    return last_issued_today + 1


def new_lookup_secret() -> str:
    """A fresh random lookup secret: 10 Crockford base32 characters (50 bits), from ``secrets``."""
    bits = secrets.randbits(5 * SECRET_LENGTH)
    return "".join(SECRET_ALPHABET[(bits >> (5 * i)) & 31] for i in range(SECRET_LENGTH))


def normalise_secret(typed: str) -> str:
    """A secret as a person typed it, in canonical form: upper case, no spaces or dashes, O→0, I/L→1."""
    return re.sub(r"[\s-]", "", typed).upper().translate(_SECRET_TYPOS)


def _check_secret(secret: str) -> str:
    canonical = normalise_secret(secret)
    if len(canonical) != SECRET_LENGTH or any(ch not in SECRET_ALPHABET for ch in canonical):
        raise InvalidInput(
            f"Mã tra cứu phải có {SECRET_LENGTH} ký tự chữ và số",
            f"The lookup secret must have {SECRET_LENGTH} letters and digits",
            field="lookup_secret",
        )
    return canonical


def lookup_token(code: str, secret: str) -> str:
    """The token that goes in the slip's QR URL: ``<code>-<secret>`` (URL-safe as it is)."""
    agency, day, number = parse_dossier_code(code)
    return f"{format_dossier_code(agency, day, number)}-{_check_secret(secret)}"


def parse_lookup_token(token: str) -> tuple[str, str]:
    """``(dossier code, secret)`` carried by a token; ``InvalidInput`` if it is malformed."""
    match = _TOKEN.fullmatch(token.strip().upper())
    if match is None:
        raise InvalidInput(
            "Mã tra cứu không đúng dạng <mã hồ sơ>-<mã bí mật>",
            "The lookup token is not of the form <dossier code>-<secret>",
            field="lookup_token",
        )
    agency, day, number = parse_dossier_code(match["code"])
    return format_dossier_code(agency, day, number), _check_secret(match["secret"])


def check_lookup(code: str, secret: str, token: str) -> bool:
    """Whether ``token`` opens dossier ``code`` whose stored secret is ``secret`` (constant-time).

    A malformed token is simply not a match; the caller answers "not found" either way, so a
    guesser learns nothing about which codes exist.
    """
    try:
        token_code, token_secret = parse_lookup_token(token)
        agency, day, number = parse_dossier_code(code)
    except InvalidInput:
        return False
    same_secret = hmac.compare_digest(token_secret.encode(), normalise_secret(secret).encode())
    return same_secret and token_code == format_dossier_code(agency, day, number)
