"""Vietnamese text: NFC storage form, the search folding, and field limits.

Text is stored in NFC (scanners may deliver decomposed NFD). Search uses a folded form: lower
case, every tone and vowel mark removed, and ``đ`` → ``d`` (which Unicode does not decompose, so
SQLite's ``remove_diacritics`` leaves it alone), so that ``nguyen van duc`` finds ``Nguyễn Văn Đức``.
"""

from __future__ import annotations

import re
import unicodedata

from desk_app.domain.errors import InvalidInput

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
# The combining diacritical marks block (every Vietnamese tone and vowel mark) but U+034F, the one
# character of the block that is not a combining mark. A regex and ``str.replace`` rather than
# ``str.translate``, which looks every character of a non-ASCII string up in a dict (~10× slower).
_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")


def nfc(text: str) -> str:
    """The NFC form of ``text``: how every string is stored."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, control characters removed, runs of white space collapsed, ends trimmed."""
    return nfc(_SPACES.sub(" ", _CONTROL.sub("", text))).strip()


def _d(text: str) -> str:
    """``đ``, ``Đ`` and the look-alike ``ð``, ``Ð`` as ``d`` (Unicode does not decompose them)."""
    return text.replace("đ", "d").replace("Đ", "d").replace("ð", "d").replace("Ð", "d")


def fold(text: str) -> str:
    """The search form: lower case, marks removed, ``đ`` → ``d``, white space collapsed."""
    bare = _MARKS.sub("", unicodedata.normalize("NFD", _d(_CONTROL.sub("", text))))
    if bare.isascii():  # every Vietnamese text, once its marks are gone
        return " ".join(bare.lower().split())
    other = "".join(ch for ch in bare if not unicodedata.combining(ch))  # marks of other scripts
    return " ".join(_d(other.lower()).split())


def checked_field(value: str, limit: int, label_vi: str, label_en: str, *, required: bool = False) -> str:
    """``value`` cleaned; refused with a clear message when empty-but-required or over ``limit``."""
    text = clean(value)
    if required and not text:
        raise InvalidInput(f"{label_vi} không được để trống", f"{label_en} must not be empty", field=label_en)
    if len(text) > limit:
        raise InvalidInput(
            f"{label_vi} dài quá {limit} ký tự ({len(text)})",
            f"{label_en} is longer than {limit} characters ({len(text)})",
            field=label_en,
        )
    return text
