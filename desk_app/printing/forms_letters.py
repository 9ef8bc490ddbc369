"""Mẫu 04 and Mẫu 05: the letters the agency sends when a dossier is late or stops.

* Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (TT 03/2025/TT-VPCP). Only its
  name is confirmed (reference §1.6); its fields are **unconfirmed**. It is modelled as the reference
  suggests: the original due date, the reason, the proposed new due date, earlier extensions, the
  head of the agency as signer and "Nơi nhận". The wording derives from the TT 01/2018 Mẫu 04
  "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (Kính gửi, date of receipt, procedure, dossier code,
  original appointment, reason, apology, new date, signed by the head of the agency with seal); the
  2025 name says the agency now *asks* for an extension rather than simply setting a new date.
* Mẫu 05 — Thông báo dừng giải quyết hồ sơ (new in TT 03/2025, no 2018 counterpart). Only the name
  is confirmed (reference §1.7); the fields follow the reference's data model: dossier code,
  applicant, procedure, reason (the applicant's withdrawal request or a legal ground), the stage
  reached, whether fees are refunded, signer. It matches DVCQG statuses 7 and 8.

Both are official letters in the NĐ 30/2020 style: header with "Số: …", "Kính gửi", body, then
"Nơi nhận" at the left and the signer at the right (:func:`desk_app.printing.forms.closing`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from desk_app.domain.text import clean
from desk_app.printing.fonts import SERIF, SERIF_BOLD
from desk_app.printing.forms import (
    SEAL_NOTE,
    closing,
    field,
    head,
    render_form,
    title_block,
    unit_sentence,
    value,
)
from desk_app.printing.layout import Composer, PageSizeName, Run, time_and_date

EXTENSION_TITLE = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
STOP_TITLE = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"


def day(when: datetime) -> str:
    """A date in running text: "ngày 05/03/2026"."""
    return f"ngày {when.day:02d}/{when.month:02d}/{when.year}"


def _addressee(c: Composer, name: str, address: str, phone: str = "") -> None:
    """ "Kính gửi: Ông/Bà …" with the address (and phone) under it."""
    c.paragraph([("Kính gửi: ", SERIF), ("Ông/Bà ", SERIF), (value(name), SERIF_BOLD)], indent=c.sz(13) * 5.5)
    c.paragraph(field("Địa chỉ:", address), indent=c.sz(13) * 1.5)
    if clean(phone):
        c.paragraph(field("Số điện thoại:", phone))
    c.skip(0.3)


def _received(unit: str, received_at: datetime, procedure: str, code: str) -> list[Run]:
    """ "Ngày …, <unit> tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục …, mã hồ sơ …"."""
    return [
        (f"Ngày {received_at:%d/%m/%Y}, {unit} tiếp nhận hồ sơ của Ông/Bà ", SERIF),
        ("đề nghị giải quyết thủ tục ", SERIF),
        (value(procedure), SERIF_BOLD),
        (", mã hồ sơ ", SERIF),
        (clean(code), SERIF_BOLD),
        (".", SERIF),
    ]


@dataclass(frozen=True)
class ExtensionApologyData:
    """Mẫu 04 (TT 03/2025): apology and request to extend the processing time; fields unconfirmed.

    ``earlier_due_dates`` are the due dates of earlier extensions, oldest first (the history);
    ``signer_title`` is the head of the agency ("GIÁM ĐỐC", "CHỦ TỊCH"…), who signs with the seal.
    """

    parent_body: str
    unit_name: str
    place_name: str
    issued_at: datetime
    document_number: str
    dossier_code: str
    applicant_name: str
    applicant_address: str
    procedure_name: str
    received_at: datetime
    original_due_at: datetime
    reason: str
    proposed_due_at: datetime
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]
    earlier_due_dates: tuple[datetime, ...] = ()


def _build_extension(d: ExtensionApologyData) -> Callable[[Composer], None]:
    def build(c: Composer) -> None:
        unit = unit_sentence(d.parent_body, d.unit_name, d.place_name)
        head(c, d.parent_body, d.unit_name, d.place_name, d.issued_at, d.document_number)
        title_block(c, EXTENSION_TITLE, d.dossier_code)
        _addressee(c, d.applicant_name, d.applicant_address)
        c.paragraph(_received(unit, d.received_at, d.procedure_name, d.dossier_code))
        c.paragraph(field("Thời hạn trả kết quả theo giấy hẹn:", time_and_date(d.original_due_at), SERIF_BOLD))
        if d.earlier_due_dates:
            earlier = "; ".join(time_and_date(when) for when in d.earlier_due_dates)
            c.paragraph(field("Các lần gia hạn trước đến:", earlier))
        c.paragraph([("Đến nay, hồ sơ của Ông/Bà chưa được giải quyết xong đúng thời hạn.", SERIF)])
        c.paragraph(field("Lý do:", d.reason))
        c.paragraph(
            [
                (f"{unit} chân thành xin lỗi Ông/Bà vì sự chậm trễ này và đề nghị được gia hạn thời gian ", SERIF),
                ("giải quyết hồ sơ đến: ", SERIF),
                (time_and_date(d.proposed_due_at), SERIF_BOLD),
                (".", SERIF),
            ]
        )
        c.paragraph([("Rất mong nhận được sự thông cảm của Ông/Bà./.", SERIF)])
        c.skip(0.6)
        closing(c, clean(d.signer_title).upper(), d.signer_name, SEAL_NOTE, d.recipients)

    return build


def render_extension_apology(data: ExtensionApologyData, page_size: PageSizeName = "A4") -> bytes:
    """Mẫu 04 as PDF bytes (one copy, sent to the applicant; e-mail or SMS for online dossiers)."""
    return render_form(data, _build_extension, "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", page_size)


@dataclass(frozen=True)
class StopNoticeData:
    """Mẫu 05 (TT 03/2025): notice that processing of the dossier stops; fields unconfirmed.

    ``reason`` is the applicant's withdrawal request or the legal ground; ``stage`` the step the
    dossier had reached; ``fee_paid_label`` what was paid ("50.000 đồng"; empty when nothing was)
    and ``fee_refunded`` whether it is given back.
    """

    parent_body: str
    unit_name: str
    place_name: str
    issued_at: datetime
    document_number: str
    dossier_code: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    procedure_name: str
    received_at: datetime
    reason: str
    stage: str
    fee_paid_label: str
    fee_refunded: bool
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]


def fee_sentence(fee_paid_label: str, refunded: bool) -> str:
    """What happens to the fees paid, as the notice says it."""
    fee = clean(fee_paid_label)
    if not fee:
        return "Hồ sơ không phải nộp phí, lệ phí."
    outcome = "được hoàn trả cho Ông/Bà" if refunded else "không được hoàn trả"
    return f"Phí, lệ phí đã nộp ({fee}) {outcome}."


def _build_stop(d: StopNoticeData) -> Callable[[Composer], None]:
    def build(c: Composer) -> None:
        unit = unit_sentence(d.parent_body, d.unit_name, d.place_name)
        head(c, d.parent_body, d.unit_name, d.place_name, d.issued_at, d.document_number)
        title_block(c, STOP_TITLE, d.dossier_code)
        _addressee(c, d.applicant_name, d.applicant_address, d.applicant_phone)
        c.paragraph(_received(unit, d.received_at, d.procedure_name, d.dossier_code))
        c.paragraph(
            [(f"{unit} thông báo dừng giải quyết hồ sơ nêu trên kể từ ", SERIF), (day(d.issued_at), SERIF_BOLD)]
            + [(".", SERIF)]
        )
        c.paragraph(field("Lý do dừng giải quyết:", d.reason))
        c.paragraph(field("Hồ sơ đã được giải quyết đến bước:", d.stage))
        c.paragraph([(fee_sentence(d.fee_paid_label, d.fee_refunded), SERIF)])
        c.paragraph([("Xin thông báo để Ông/Bà được biết./.", SERIF)])
        c.skip(0.6)
        closing(c, clean(d.signer_title).upper(), d.signer_name, SEAL_NOTE, d.recipients)

    return build


def render_stop_notice(data: StopNoticeData, page_size: PageSizeName = "A4") -> bytes:
    """Mẫu 05 as PDF bytes (one copy, sent to the applicant)."""
    return render_form(data, _build_stop, "Thông báo dừng giải quyết hồ sơ", page_size)
