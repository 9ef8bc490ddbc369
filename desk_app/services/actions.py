"""The clerk's actions on a received dossier: one function per action, each checked before it is written.

Every function reads the dossier's current state, refuses in the clerk's words when its status does
not allow the action (``check_allowed``, the same rule ``Desk.record`` applies again inside the write
transaction), checks what the clerk typed (``InvalidInput`` with a Vietnamese message and its English
translation; nothing is written), builds the payload the fold (``desk_app.domain.lifecycle``) reads,
and records the event through ``Desk.record``. Every payload carries ``at``: the business time of the
action as a naive Vietnam local time in ISO form, to the second.

Printed forms (issue 5) belong to ``desk_app.printing``; ``FORM_OF`` names which event has one, so the
window can offer to print it once the action is recorded.

Rules taken here (reference §1.4–1.8, §2.4–2.6):

* a supplement request lists every missing item at once (NĐ 61/2018: no repeated requests); the
  clock pauses at its ``at`` and, when the supplement arrives, the due date is pushed by the working
  time that elapsed (``resume_after_pause``; calendar days for "ngày" procedures);
* an extension (Mẫu 04) is signed by a leader: the signer's account must have the role ``leader`` or
  ``admin``; the new due date must be later than the current one;
* a rating at return is one of the three levels Rất hài lòng / Hài lòng / Không hài lòng;
* a correction keeps the old value in the payload, so the timeline shows old → new.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desk_app.domain.citizen_card import Gender
from desk_app.domain.errors import DeskError, InvalidInput
from desk_app.domain.events import EventKind
from desk_app.domain.intake import (
    _EMAIL as EMAIL_PATTERN,
    _PHONE as PHONE_PATTERN,
    ADDRESS_LIMIT,
    CORRECTABLE_FIELDS,
    EMAIL_LIMIT,
    NAME_LIMIT,
    NOTE_LIMIT,
    REASON_LIMIT,
    check_document_number,
)
from desk_app.domain.lifecycle import DossierState, check_allowed
from desk_app.domain.text import checked_field
from desk_app.domain.work_calendar import Duration, DurationUnit, resume_after_pause
from desk_app.services.accounts import Role, accounts, normalise_username

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

UNIT_LIMIT = 200
ITEM_LIMIT = 500
MAX_ITEMS = 50
MAX_AMOUNT = 1_000_000_000  # đồng; no commune fee comes near it
PAYMENT_METHODS: Mapping[str, tuple[str, str]] = {
    "cash": ("Tiền mặt", "Cash"),
    "transfer": ("Chuyển khoản", "Bank transfer"),
    "online": ("Thanh toán trực tuyến", "Online payment"),
}
RATINGS: tuple[str, ...] = ("Rất hài lòng", "Hài lòng", "Không hài lòng")
RATINGS_EN: Mapping[str, str] = {
    "Rất hài lòng": "Very satisfied",
    "Hài lòng": "Satisfied",
    "Không hài lòng": "Not satisfied",
}
DELIVERIES: Mapping[str, tuple[str, str]] = {
    "desk": ("Tại Bộ phận Một cửa", "At the desk"),
    "post": ("Qua dịch vụ bưu chính công ích", "By public post"),
}
SIGNER_ROLES = frozenset({Role.LEADER, Role.ADMIN})
#: details a clerk may correct after receipt → (Vietnamese label, English label)
#: event kind → the printed form it comes with (built by desk_app.printing; Mẫu numbers of TT 03/2025)
FORM_OF: Mapping[EventKind, str] = {
    EventKind.SUPPLEMENT_REQUESTED: "02",
    EventKind.REFUSED: "03",
    EventKind.EXTENDED: "04",
    EventKind.STOPPED: "05",
    EventKind.WITHDRAWN: "05",
}


# -- helpers -------------------------------------------------------------------------------------------


def _local_now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _moment(now: datetime | None) -> datetime:
    moment = _local_now() if now is None else now
    if moment.tzinfo is not None:
        raise InvalidInput("Thời điểm thao tác phải là giờ Việt Nam không kèm múi giờ", "The action time must be naive")
    return moment.replace(microsecond=0)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _state_for(desk: Desk, dossier_id: str, kind: EventKind) -> DossierState:
    """The dossier's state, after checking that ``kind`` is allowed in its status."""
    found = desk.dossier(dossier_id)
    state = found[0] if found else None
    if state is None:
        raise DeskError(f"Không tìm thấy hồ sơ «{dossier_id}»", f"No dossier '{dossier_id}'")
    check_allowed(kind, state)
    return state


def _required(value: str, limit: int, label_vi: str, label_en: str) -> str:
    return checked_field(value or "", limit, label_vi, label_en, required=True)


def _optional(value: str, limit: int, label_vi: str, label_en: str) -> str:
    return checked_field(value or "", limit, label_vi, label_en)


def _amount(value: int, label_vi: str, label_en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_AMOUNT:
        raise InvalidInput(
            f"{label_vi} phải là số đồng lớn hơn 0 và không quá {MAX_AMOUNT:,}".replace(",", "."),
            f"{label_en} must be a whole number of đồng above 0 and at most {MAX_AMOUNT:,}",
            field="amount",
        )
    return value


def parse_amount(text: str) -> int:
    """An amount typed by the clerk: ``18.000``, ``18000``, ``18 000 đ`` → 18000; InvalidInput otherwise."""
    digits = re.sub(r"[\s.,]|đồng|đ|vnd", "", (text or "").strip().lower())
    if not digits.isdigit():
        raise InvalidInput(
            f"Số tiền không hợp lệ: «{text}» (chỉ gồm chữ số, ví dụ 18.000)",
            f"Not an amount: '{text}' (digits only, e.g. 18.000)",
            field="amount",
        )
    return int(digits)


def _record(desk: Desk, dossier_id: str, kind: EventKind, payload: dict[str, Any], actor: str) -> DossierState:
    actor_name = (actor or "").strip()
    if not actor_name:
        raise InvalidInput("Chưa có người thực hiện (chưa đăng nhập?)", "No acting account (not signed in?)")
    return desk.record(dossier_id, kind, payload, actor_name)


# -- the actions ---------------------------------------------------------------------------------------


def request_supplement(
    desk: Desk,
    dossier_id: str,
    missing: Sequence[str],
    reason: str,
    contact: str,
    actor: str,
    now: datetime | None = None,
) -> DossierState:
    """Ask the citizen for every missing paper at once (Mẫu 02); the due-date clock pauses at ``at``."""
    _state_for(desk, dossier_id, EventKind.SUPPLEMENT_REQUESTED)
    items = [_optional(item, ITEM_LIMIT, "Giấy tờ cần bổ sung", "Missing item") for item in missing or ()]
    items = [item for item in items if item]
    if not items:
        raise InvalidInput(
            "Phải ghi ít nhất một giấy tờ, nội dung cần bổ sung",
            "List at least one missing paper or item",
            field="items",
        )
    if len(items) > MAX_ITEMS:
        raise InvalidInput(
            f"Quá {MAX_ITEMS} nội dung cần bổ sung", f"More than {MAX_ITEMS} missing items", field="items"
        )
    payload = {
        "at": _iso(_moment(now)),
        "items": items,
        "reason": _required(reason, REASON_LIMIT, "Lý do yêu cầu bổ sung", "The reason for the request"),
        "contact": _optional(contact, REASON_LIMIT, "Người/số điện thoại liên hệ", "Contact"),
    }
    return _record(desk, dossier_id, EventKind.SUPPLEMENT_REQUESTED, payload, actor)


def receive_supplement(
    desk: Desk, dossier_id: str, actor: str, now: datetime | None = None, note: str = ""
) -> DossierState:
    """The supplement is in: the clock resumes and the due date is pushed by the time spent waiting."""
    state = _state_for(desk, dossier_id, EventKind.SUPPLEMENT_RECEIVED)
    moment = _moment(now)
    paused_at = state.paused_at or moment
    if moment < paused_at:
        raise InvalidInput(
            f"Thời điểm nhận bổ sung ({moment:%d/%m/%Y %H:%M}) trước lúc yêu cầu bổ sung ({paused_at:%d/%m/%Y %H:%M})",
            f"The supplement time ({moment:%d/%m/%Y %H:%M}) is before the request ({paused_at:%d/%m/%Y %H:%M})",
        )
    unit: DurationUnit | None = None
    duration = state.received.get("duration")
    if isinstance(duration, str):
        try:
            unit = Duration.parse(duration).unit
        except InvalidInput:
            unit = None
    new_due = resume_after_pause(state.due_at, paused_at, moment, desk.calendar(), unit=unit)
    payload = {
        "at": _iso(moment),
        "paused_at": _iso(paused_at),
        "previous_due_at": _iso(state.due_at),
        "due_at": _iso(new_due),
        "note": _optional(note, NOTE_LIMIT, "Ghi chú", "Note"),
    }
    return _record(desk, dossier_id, EventKind.SUPPLEMENT_RECEIVED, payload, actor)


def _with_reason(
    desk: Desk, dossier_id: str, kind: EventKind, reason: str, actor: str, now: datetime | None, label: tuple[str, str]
) -> DossierState:
    state = _state_for(desk, dossier_id, kind)
    payload = {
        "at": _iso(_moment(now)),
        "reason": _required(reason, REASON_LIMIT, *label),
        "status_before": int(state.status),  # the stage reached, for Mẫu 03/05
    }
    return _record(desk, dossier_id, kind, payload, actor)


def refuse(desk: Desk, dossier_id: str, reason: str, actor: str, now: datetime | None = None) -> DossierState:
    """Refuse the dossier (Mẫu 03), with the reason the citizen is told."""
    label = ("Lý do từ chối", "The reason for refusing")
    return _with_reason(desk, dossier_id, EventKind.REFUSED, reason, actor, now, label)


def stop(desk: Desk, dossier_id: str, reason: str, actor: str, now: datetime | None = None) -> DossierState:
    """Stop processing (status 8, Mẫu 05), with its legal ground."""
    label = ("Lý do dừng xử lý", "The reason for stopping")
    return _with_reason(desk, dossier_id, EventKind.STOPPED, reason, actor, now, label)


def withdraw(desk: Desk, dossier_id: str, reason: str, actor: str, now: datetime | None = None) -> DossierState:
    """The citizen withdraws the dossier (status 7, Mẫu 05)."""
    label = ("Lý do rút hồ sơ", "The reason for the withdrawal")
    return _with_reason(desk, dossier_id, EventKind.WITHDRAWN, reason, actor, now, label)


def transfer(
    desk: Desk, dossier_id: str, to_unit: str, actor: str, now: datetime | None = None, note: str = ""
) -> DossierState:
    """Hand the dossier over to a processing unit (a row of the control sheet, Mẫu 06)."""
    _state_for(desk, dossier_id, EventKind.TRANSFERRED)
    payload = {
        "at": _iso(_moment(now)),
        "to_unit": _required(to_unit, UNIT_LIMIT, "Nơi chuyển đến", "The receiving unit"),
        "note": _optional(note, NOTE_LIMIT, "Ghi chú", "Note"),
    }
    return _record(desk, dossier_id, EventKind.TRANSFERRED, payload, actor)


def receive_result(
    desk: Desk, dossier_id: str, from_unit: str, note: str, actor: str, now: datetime | None = None
) -> DossierState:
    """The result comes back from the processing unit (a control-sheet row); processing is finished."""
    _state_for(desk, dossier_id, EventKind.RESULT_RECEIVED)
    payload = {
        "at": _iso(_moment(now)),
        "from_unit": _required(from_unit, UNIT_LIMIT, "Nơi trả kết quả", "The unit returning the result"),
        "note": _optional(note, NOTE_LIMIT, "Ghi chú", "Note"),
    }
    return _record(desk, dossier_id, EventKind.RESULT_RECEIVED, payload, actor)


def request_payment(
    desk: Desk, dossier_id: str, amount: int, actor: str, now: datetime | None = None, reason: str = ""
) -> DossierState:
    """Ask the citizen to pay a fee or tax (status 6) before processing goes on."""
    _state_for(desk, dossier_id, EventKind.PAYMENT_REQUESTED)
    payload = {
        "at": _iso(_moment(now)),
        "amount": _amount(amount, "Số tiền phải nộp", "The amount due"),
        "reason": _optional(reason, REASON_LIMIT, "Nội dung thu", "What it is for"),
    }
    return _record(desk, dossier_id, EventKind.PAYMENT_REQUESTED, payload, actor)


def record_fee(
    desk: Desk, dossier_id: str, amount: int, method: str, actor: str, now: datetime | None = None
) -> DossierState:
    """Record a fee paid: the amount in đồng and how (cash, transfer, online)."""
    _state_for(desk, dossier_id, EventKind.FEE_PAID)
    if method not in PAYMENT_METHODS:
        raise InvalidInput(
            f"Hình thức nộp không hợp lệ: «{method}» (tiền mặt, chuyển khoản hoặc trực tuyến)",
            f"Unknown payment method '{method}' (cash, transfer or online)",
            field="method",
        )
    payload = {"at": _iso(_moment(now)), "amount": _amount(amount, "Số tiền", "The amount"), "method": method}
    return _record(desk, dossier_id, EventKind.FEE_PAID, payload, actor)


def extend(
    desk: Desk,
    dossier_id: str,
    new_due_at: datetime,
    reason: str,
    signer: str,
    actor: str,
    now: datetime | None = None,
) -> DossierState:
    """Extension with apology (Mẫu 04): a new due date, its reason, signed by a leader's account.

    ``signer`` is the user name of the signing account; it must be an active account with the role
    ``leader`` or ``admin``. The payload keeps the previous and the original due dates for the form.
    """
    state = _state_for(desk, dossier_id, EventKind.EXTENDED)
    account = next((a for a in accounts(desk) if a.username == normalise_username(signer or "")), None)
    if account is None or not account.active or account.role not in SIGNER_ROLES:
        raise DeskError(
            "Chỉ lãnh đạo mới được ký gia hạn (văn bản xin lỗi, Mẫu 04); tài khoản "
            f"«{signer}» không phải tài khoản lãnh đạo.",
            f"Only a leader may sign an extension (apology letter, Mẫu 04); '{signer}' is not a leader's account.",
            field="signer",
        )
    if not isinstance(new_due_at, datetime) or new_due_at.tzinfo is not None:
        raise InvalidInput(
            "Hạn mới phải có ngày và giờ", "The new due date needs a date and a time", field="new_due_at"
        )
    new_due = new_due_at.replace(second=0, microsecond=0)
    if new_due <= state.due_at:
        raise InvalidInput(
            f"Hạn mới ({new_due:%d/%m/%Y %H:%M}) phải sau hạn hiện tại ({state.due_at:%d/%m/%Y %H:%M})",
            f"The new due date ({new_due:%d/%m/%Y %H:%M}) must be after the current one "
            f"({state.due_at:%d/%m/%Y %H:%M})",
            field="new_due_at",
        )
    payload = {
        "at": _iso(_moment(now)),
        "new_due_at": _iso(new_due),
        "previous_due_at": _iso(state.due_at),
        "original_due_at": _iso(state.original_due_at),
        "reason": _required(reason, REASON_LIMIT, "Lý do gia hạn", "The reason for the extension"),
        "signer": account.full_name,
        "signer_username": account.username,
    }
    return _record(desk, dossier_id, EventKind.EXTENDED, payload, actor)


def return_result(
    desk: Desk,
    dossier_id: str,
    rating: str,
    actor: str,
    now: datetime | None = None,
    comment: str = "",
    delivery: str = "desk",
) -> DossierState:
    """The result is handed to the citizen (at the desk or by post), with the citizen's rating."""
    _state_for(desk, dossier_id, EventKind.RESULT_RETURNED)
    if rating not in RATINGS:
        raise InvalidInput(
            f"Đánh giá phải là một trong: {', '.join(RATINGS)}",
            f"The rating must be one of: {', '.join(RATINGS_EN.values())}",
            field="rating",
        )
    if delivery not in DELIVERIES:
        raise InvalidInput(
            f"Hình thức trả kết quả không hợp lệ: «{delivery}» (tại bộ phận một cửa hoặc qua bưu chính)",
            f"Unknown delivery '{delivery}' (desk or post)",
            field="delivery",
        )
    payload = {
        "at": _iso(_moment(now)),
        "rating": rating,
        "comment": _optional(comment, NOTE_LIMIT, "Ý kiến của công dân", "The citizen's comment"),
        "delivery": delivery,
    }
    return _record(desk, dossier_id, EventKind.RESULT_RETURNED, payload, actor)


def _checked_detail(state: DossierState, name: str, value: str) -> str:
    """A corrected detail, checked like the same field at intake."""
    label_vi, label_en = CORRECTABLE_FIELDS[name]
    if name.endswith("_name"):
        text = _required(value, NAME_LIMIT, label_vi, label_en)
        if any(ch.isdigit() for ch in text):
            raise InvalidInput(f"{label_vi} không được chứa chữ số", f"{label_en} must not contain digits", field=name)
        return text
    if name.endswith("_id_number"):
        prefix = name.removesuffix("_id_number")
        birth = state.detail(f"{prefix}_birth_date")
        gender = state.detail(f"{prefix}_gender")
        return check_document_number(
            value or "",
            datetime.fromisoformat(birth).date() if birth else None,
            Gender(gender) if gender else None,
        )
    if name.endswith("_phone"):
        phone = re.sub(r"[\s.\-]", "", value or "")
        if not PHONE_PATTERN.fullmatch(phone):
            raise InvalidInput(
                f"{label_vi} không hợp lệ: «{value}» (10 chữ số, bắt đầu bằng 0)",
                f"{label_en} is not valid: '{value}' (10 digits starting with 0)",
                field=name,
            )
        return phone
    if name.endswith("_email"):
        email = _optional(value, EMAIL_LIMIT, label_vi, label_en)
        if email and not EMAIL_PATTERN.fullmatch(email):
            raise InvalidInput(f"{label_vi} không hợp lệ: «{email}»", f"{label_en} is not valid: '{email}'", field=name)
        return email
    return _required(value, ADDRESS_LIMIT, label_vi, label_en)


def correct_detail(
    desk: Desk,
    dossier_id: str,
    field: str,
    new_value: str,
    actor: str,
    now: datetime | None = None,
    reason: str = "",
) -> DossierState:
    """Correct one detail typed at receipt; the old value stays in the payload (and the timeline)."""
    state = _state_for(desk, dossier_id, EventKind.DETAILS_CORRECTED)
    if field not in CORRECTABLE_FIELDS:
        raise InvalidInput(
            f"Không sửa được trường «{field}»", f"The field '{field}' cannot be corrected", field="field"
        )
    new = _checked_detail(state, field, new_value)
    old = state.detail(field)
    if new == (old or ""):
        raise InvalidInput(
            "Giá trị mới giống giá trị hiện tại: không có gì để sửa",
            "The new value is the same as the current one: nothing to correct",
            field=field,
        )
    payload = {
        "at": _iso(_moment(now)),
        "field": field,
        "old": old,
        "new": new,
        "reason": _optional(reason, REASON_LIMIT, "Lý do sửa", "The reason for the correction"),
    }
    return _record(desk, dossier_id, EventKind.DETAILS_CORRECTED, payload, actor)


def add_note(desk: Desk, dossier_id: str, text: str, actor: str, now: datetime | None = None) -> DossierState:
    """Add a free note to the dossier's timeline."""
    _state_for(desk, dossier_id, EventKind.NOTE)
    payload = {"at": _iso(_moment(now)), "text": _required(text, NOTE_LIMIT, "Nội dung ghi chú", "The note")}
    return _record(desk, dossier_id, EventKind.NOTE, payload, actor)
