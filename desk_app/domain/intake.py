"""What the clerk fills in at the counter, and the checks it must pass before anything is written.

``check_intake`` turns an ``IntakeForm`` into the clean details of a RECEIVED event or raises
``InvalidInput`` naming the field, in the clerk's words. Nothing is stored by this module: the
services layer writes only what passed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from desk_app.domain.citizen_card import Gender, check_id_number
from desk_app.domain.errors import InvalidInput
from desk_app.domain.text import checked_field

NAME_LIMIT = 100
ADDRESS_LIMIT = 300
EMAIL_LIMIT = 254
NOTE_LIMIT = 2000
REASON_LIMIT = 500
MAX_COUNT = 99
MAX_PAGES = 10_000

_PHONE = re.compile(r"(?:\+84|0)[0-9]{9,10}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PASSPORT = re.compile(r"[A-Z][0-9]{7,8}")


#: The received details a clerk may correct later (the old value stays in the timeline): field → labels.
CORRECTABLE_FIELDS: Mapping[str, tuple[str, str]] = {
    "applicant_name": ("Họ tên người nộp", "Submitter name"),
    "applicant_id_number": ("Số CCCD người nộp", "Submitter ID number"),
    "applicant_phone": ("Điện thoại người nộp", "Submitter phone"),
    "applicant_email": ("Email người nộp", "Submitter e-mail"),
    "applicant_address": ("Địa chỉ người nộp", "Submitter address"),
    "owner_name": ("Họ tên chủ hồ sơ", "Owner name"),
    "owner_id_number": ("Số CCCD chủ hồ sơ", "Owner ID number"),
    "owner_address": ("Địa chỉ chủ hồ sơ", "Owner address"),
}


class Channel(StrEnum):
    """How the dossier came in (KenhThucHien: 1 at the desk, 2 online, 3 by post)."""

    DESK = "desk"
    ONLINE = "online"
    POST = "post"

    @property
    def label_vi(self) -> str:
        """The channel as printed on the slip."""
        return {"desk": "Trực tiếp", "online": "Trực tuyến", "post": "Qua bưu chính công ích"}[self.value]


class ResultDelivery(StrEnum):
    """Where the citizen collects the result (HinhThucTra: 0 at the desk, 1 by post)."""

    DESK = "desk"
    POST = "post"

    @property
    def label_vi(self) -> str:
        """The choice as printed on the slip."""
        if self is ResultDelivery.DESK:
            return "Tại Bộ phận Một cửa"
        return "Qua dịch vụ bưu chính công ích"


@dataclass(frozen=True)
class Person:
    """A submitter or a dossier owner as typed or scanned."""

    full_name: str
    id_number: str = ""
    birth_date: date | None = None
    gender: Gender | None = None
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class PaperReceived:
    """One required paper, with how many originals and copies the clerk received."""

    name: str
    originals: int
    copies: int


@dataclass(frozen=True)
class IntakeForm:
    """The intake screen's content."""

    applicant: Person
    procedure_code: str
    papers: tuple[PaperReceived, ...] = ()
    owner: Person | None = None
    sets: int = 1
    copies: int = 1
    pages: int = 1
    channel: Channel = Channel.DESK
    result_delivery: ResultDelivery = ResultDelivery.DESK
    due_override: datetime | None = None
    due_override_reason: str = ""
    note: str = ""
    card_qr: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _count(value: int, label_vi: str, label_en: str, minimum: int = 0) -> int:
    if not isinstance(value, int) or not minimum <= value <= MAX_COUNT:
        raise InvalidInput(
            f"{label_vi} phải từ {minimum} đến {MAX_COUNT}",
            f"{label_en} must be between {minimum} and {MAX_COUNT}",
            field=label_en,
        )
    return value


def _pages(value: int) -> int:
    if not isinstance(value, int) or not 1 <= value <= MAX_PAGES:
        raise InvalidInput(
            f"Số trang phải từ 1 đến {MAX_PAGES}", f"Number of pages must be between 1 and {MAX_PAGES}", field="pages"
        )
    return value


def check_document_number(text: str, birth_date: date | None, gender: Gender | None) -> str:
    """A 12-digit personal number (checked against birth date and gender), an old 9-digit ID or a passport."""
    value = re.sub(r"\s+", "", text).upper()
    if not value:
        raise InvalidInput(
            "Số căn cước / CCCD không được để trống", "The ID number must not be empty", field="id_number"
        )
    if value.isdigit() and len(value) == 9:
        return value
    if _PASSPORT.fullmatch(value):
        return value
    check_id_number(value, birth_date, gender)
    return value


def check_person(person: Person, role_vi: str, role_en: str, today: date) -> dict[str, Any]:
    """The clean details of one person, or InvalidInput naming the field."""
    name = checked_field(person.full_name, NAME_LIMIT, f"Họ tên {role_vi}", f"{role_en} name", required=True)
    if any(ch.isdigit() for ch in name):
        raise InvalidInput(f"Họ tên {role_vi} không được chứa chữ số", f"The {role_en} name must not contain digits")
    if person.birth_date is not None and not date(1900, 1, 1) <= person.birth_date <= today:
        raise InvalidInput(
            f"Ngày sinh của {role_vi} không hợp lệ: {person.birth_date:%d/%m/%Y}",
            f"The {role_en}'s birth date is impossible: {person.birth_date:%d/%m/%Y}",
            field="birth_date",
        )
    phone = re.sub(r"[\s.\-]", "", person.phone)
    if phone and not _PHONE.fullmatch(phone):
        raise InvalidInput(
            f"Số điện thoại {role_vi} không hợp lệ: «{person.phone}» (10 chữ số, bắt đầu bằng 0)",
            f"The {role_en} phone number is not valid: '{person.phone}' (10 digits starting with 0)",
            field="phone",
        )
    email = checked_field(person.email, EMAIL_LIMIT, f"Email {role_vi}", f"{role_en} email")
    if email and not _EMAIL.fullmatch(email):
        raise InvalidInput(f"Email {role_vi} không hợp lệ: «{email}»", f"The {role_en} e-mail is not valid: '{email}'")
    return {
        "name": name,
        "id_number": check_document_number(person.id_number, person.birth_date, person.gender),
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "gender": person.gender.value if person.gender else None,
        "address": checked_field(person.address, ADDRESS_LIMIT, f"Địa chỉ {role_vi}", f"{role_en} address"),
        "phone": phone,
        "email": email,
    }


def check_intake(form: IntakeForm, received_at: datetime, computed_due: datetime, today: date) -> dict[str, Any]:
    """The checked details of a new dossier (the RECEIVED payload, less code and procedure data)."""
    applicant = check_person(form.applicant, "người nộp", "submitter", today)
    owner = check_person(form.owner, "chủ hồ sơ", "dossier owner", today) if form.owner else None
    papers = [
        {
            "name": checked_field(p.name, 500, "Tên giấy tờ", "Paper name", required=True),
            "originals": _count(p.originals, "Số bản chính", "Number of originals"),
            "copies": _count(p.copies, "Số bản sao", "Number of copies"),
        }
        for p in form.papers
    ]
    due_at = computed_due
    reason = checked_field(form.due_override_reason, REASON_LIMIT, "Lý do đổi ngày hẹn", "Reason for the new date")
    if form.due_override is not None and form.due_override != computed_due:
        if not reason:
            raise InvalidInput(
                "Đổi ngày hẹn trả phải ghi lý do",
                "Changing the due date needs a reason",
                field="due_override_reason",
            )
        if form.due_override <= received_at:
            raise InvalidInput(
                "Ngày hẹn trả phải sau thời điểm tiếp nhận",
                "The due date must be after the time of receipt",
                field="due_override",
            )
        due_at = form.due_override
    details: dict[str, Any] = {
        "applicant_name": applicant["name"],
        "applicant_id_number": applicant["id_number"],
        "applicant_birth_date": applicant["birth_date"],
        "applicant_gender": applicant["gender"],
        "applicant_address": applicant["address"],
        "applicant_phone": applicant["phone"],
        "applicant_email": applicant["email"],
        "owner_name": owner["name"] if owner else None,
        "owner_id_number": owner["id_number"] if owner else None,
        "owner_address": owner["address"] if owner else None,
        "papers": papers,
        "sets": _count(form.sets, "Số bộ hồ sơ", "Number of dossier sets", minimum=1),
        "copies": _count(form.copies, "Số bản", "Number of copies", minimum=1),
        "pages": _count(form.pages, "Số trang", "Number of pages", minimum=1)
        if form.pages <= MAX_COUNT
        else form.pages,
        "channel": Channel(form.channel).value,
        "result_delivery": ResultDelivery(form.result_delivery).value,
        "received_at": received_at.isoformat(timespec="seconds"),
        "computed_due_at": computed_due.isoformat(timespec="seconds"),
        "due_at": due_at.isoformat(timespec="seconds"),
        "due_reason": reason if due_at != computed_due else "",
        "note": checked_field(form.note, NOTE_LIMIT, "Ghi chú", "Note"),
        "card_qr": form.card_qr[:500],
    }
    return details
