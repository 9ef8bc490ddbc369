"""Fees and charges (phí, lệ phí) of a procedure, as the catalogue states them, and their amounts.

Each procedure in the catalogue carries one ``FeeRule``. The shapes seen at commune level:

* no charge (``NONE``) — e.g. birth registration on time, marriage registration;
* a fixed amount per case (``PER_CASE``) — signature certification, 10.000 đ per case;
* an amount per copy (``PER_COPY``) — a copy of a civil-status extract, 8.000 đ per copy;
* an amount per page of each copy, optionally cheaper from some page on and capped per copy
  (``PER_PAGE``) — certified copies (TT 226/2016/TT-BTC): 2.000 đ/page, from page 3 1.000 đ/page,
  at most 200.000 đ per copy.

Amounts are whole đồng (VND has no minor unit in use). Fees set by a province's HĐND differ by
province and change over time; they come from the catalogue version the dossier was received under,
never from code. ``note_vi`` carries the catalogue's condition in words ("Miễn lệ phí khi đăng ký
đúng hạn"); exemptions for particular people are the clerk's decision and are not computed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from desk_app.domain.errors import InvalidInput


class FeeKind(StrEnum):
    """How a procedure's fee is counted."""

    NONE = "none"
    PER_CASE = "per_case"
    PER_COPY = "per_copy"
    PER_PAGE = "per_page"


def _rule_error(problem_vi: str, problem_en: str) -> InvalidInput:
    return InvalidInput(f"Mức phí trong danh mục: {problem_vi}", f"Catalogue fee: {problem_en}", field="fee")


def _is_amount(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@dataclass(frozen=True)
class FeeRule:
    """One procedure's fee as the catalogue states it (amounts in đồng)."""

    kind: FeeKind
    amount: int = 0
    later_pages_from: int | None = None
    later_page_amount: int | None = None
    cap_per_copy: int | None = None
    note_vi: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.kind, FeeKind):
            raise _rule_error(f"loại phí '{self.kind}' không hợp lệ", f"unknown fee kind '{self.kind}'")
        for name in ("amount", "later_page_amount", "cap_per_copy"):
            value = getattr(self, name)
            if value is not None and not _is_amount(value):
                raise _rule_error(f"{name} phải là số đồng không âm", f"{name} must be a non-negative integer")
        if self.kind is FeeKind.NONE and self.amount:
            raise _rule_error("loại 'không thu' không có số tiền", "kind 'none' cannot have an amount")
        tiered = (self.later_pages_from, self.later_page_amount, self.cap_per_copy)
        if self.kind is not FeeKind.PER_PAGE and any(value is not None for value in tiered):
            raise _rule_error(
                "mức từ trang thứ n và mức tối đa mỗi bản chỉ dùng cho phí theo trang",
                "later-page amounts and a per-copy cap apply to per-page fees only",
            )
        if (self.later_pages_from is None) != (self.later_page_amount is None):
            raise _rule_error(
                "cần cả 'từ trang thứ' và 'mức phí các trang sau'",
                "later_pages_from and later_page_amount go together",
            )
        if self.later_pages_from is not None and (
            isinstance(self.later_pages_from, bool)
            or not isinstance(self.later_pages_from, int)
            or self.later_pages_from < 2
        ):
            raise _rule_error("'từ trang thứ' phải từ 2 trở lên", "later_pages_from must be 2 or more")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeeRule:
        """The rule stored in a catalogue entry; ``InvalidInput`` on unknown keys or bad values.

        Unknown keys are refused rather than ignored: dropping a fee component would print a
        wrong amount on the receipt.
        """
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise _rule_error(f"khóa không biết: {', '.join(unknown)}", f"unknown keys: {', '.join(unknown)}")
        if "kind" not in data:
            raise _rule_error("thiếu loại phí", "the fee kind is missing")
        try:
            kind = FeeKind(data["kind"])
        except ValueError:
            raise _rule_error(f"loại phí '{data['kind']}' không hợp lệ", f"unknown fee kind '{data['kind']}'") from None
        note = data.get("note_vi", "")
        if not isinstance(note, str):
            raise _rule_error("ghi chú phải là văn bản", "note_vi must be text")
        values = {key: value for key, value in data.items() if key not in ("kind", "note_vi")}
        return cls(kind=kind, note_vi=note, **values)

    def to_dict(self) -> dict[str, Any]:
        """The catalogue form of this rule: ``kind``, ``amount`` and only the optional keys that are set."""
        data: dict[str, Any] = {"kind": self.kind.value, "amount": self.amount}
        for name in ("later_pages_from", "later_page_amount", "cap_per_copy"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        if self.note_vi:
            data["note_vi"] = self.note_vi
        return data

    def describe_vi(self) -> str:
        """The rule in words for the slip and the catalogue screen.

        e.g. ``"2.000 đ/trang; từ trang thứ 3: 1.000 đ/trang; tối đa 200.000 đ/bản"``.
        """
        if self.kind is FeeKind.NONE:
            return self.note_vi or "Không thu phí, lệ phí"
        unit = {FeeKind.PER_CASE: "trường hợp", FeeKind.PER_COPY: "bản", FeeKind.PER_PAGE: "trang"}[self.kind]
        parts = [f"{format_vnd(self.amount)}/{unit}"]
        if self.later_pages_from is not None and self.later_page_amount is not None:
            parts.append(f"từ trang thứ {self.later_pages_from}: {format_vnd(self.later_page_amount)}/trang")
        if self.cap_per_copy is not None:
            parts.append(f"tối đa {format_vnd(self.cap_per_copy)}/bản")
        text = "; ".join(parts)
        return f"{text} ({self.note_vi})" if self.note_vi else text


def _check_count(value: int, label_vi: str, label_en: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(
            f"{label_vi} phải là số nguyên từ 1 trở lên (đang là {value})",
            f"{label_en} must be a whole number of at least 1 (got {value})",
            field=label_en,
        )


def fee_for(rule: FeeRule, copies: int = 1, pages: int = 1) -> int:
    """The amount in đồng for ``copies`` copies of a document of ``pages`` pages each.

    ``PER_CASE`` ignores copies and pages (one dossier is one case); ``PER_COPY`` ignores pages.
    """
    _check_count(copies, "Số bản", "Copies")
    _check_count(pages, "Số trang", "Pages")
    if rule.kind is FeeKind.NONE:
        return 0
    if rule.kind is FeeKind.PER_CASE:
        return rule.amount
    if rule.kind is FeeKind.PER_COPY:
        return rule.amount * copies
    if rule.later_pages_from is not None and rule.later_page_amount is not None:
        full_price_pages = min(pages, rule.later_pages_from - 1)
        per_copy = full_price_pages * rule.amount + (pages - full_price_pages) * rule.later_page_amount
    else:
        per_copy = pages * rule.amount
    if rule.cap_per_copy is not None:
        per_copy = min(per_copy, rule.cap_per_copy)
    return per_copy * copies


def format_vnd(amount: int) -> str:
    """``amount`` in đồng as Vietnamese write it: ``"200.000 đ"`` ('.' groups thousands)."""
    return f"{amount:,} đ".replace(",", ".")
