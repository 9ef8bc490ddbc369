"""Mẫu 01 slip: TT 01/2018 Mẫu 01 layout as corroborated in the reference; TT 03/2025 field text unconfirmed.

Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả: the receipt-and-appointment slip handed over when
a complete dossier is received. It is printed in two copies, each on its own page: "Liên 1: Lưu"
stays with the dossier, "Liên 2: Giao người nộp" goes to the applicant. The QR code carries the
public lookup URL with its secret token. The wording follows TT 01/2018/TT-VPCP (reference §1.3)
because the field text of TT 03/2025/TT-VPCP Mẫu 01 is not confirmed; check the official PDF.

The services layer fills a :class:`SlipData`; this module only lays it out. The copy is composed
once (see :mod:`desk_app.printing.layout`) and replayed on both pages, the QR is encoded once and
drawn as one path, and the fonts are registered once per process: a slip renders in ~17 ms
(p50 on the project machine; DESIGN §7 allows p95 ≤ 30 ms).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.domain.text import clean, fold
from desk_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC
from desk_app.printing.layout import (
    Column,
    Composer,
    PageSizeName,
    PageSpec,
    Run,
    date_line,
    fit,
    name_in_sentence,
    page_spec,
    text_width,
    time_and_date,
    write_atomic,
)

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
COPY_LABELS = ("(Liên 1: Lưu)", "(Liên 2: Giao người nộp)")
QR_CAPTION = "Tra cứu hồ sơ"
BLANK = "……………"
"""Printed for an empty optional value, as on the paper form."""

PAPER_COLUMNS = (
    Column("TT", 0.07, "center"),
    Column("Tên giấy tờ", 0.0),
    Column("Bản chính", 0.13, "center"),
    Column("Bản sao", 0.13, "center"),
)
FOOTNOTE = (
    "Ghi chú: Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên: Liên 1 chuyển kèm "
    "Phiếu kiểm soát quá trình giải quyết hồ sơ và lưu tại Bộ phận Một cửa; Liên 2 giao cho người nộp "
    "hồ sơ. Khi đến nhận kết quả, người nộp hồ sơ mang theo thẻ Căn cước (hoặc Căn cước công dân, "
    "Hộ chiếu) và Giấy tiếp nhận này."
)


@dataclass(frozen=True)
class SlipPaper:
    """One paper of the dossier with its number of originals and copies."""

    name: str
    originals: int
    copies: int


@dataclass(frozen=True)
class SlipData:
    """Everything printed on a Mẫu 01 slip, filled by the services layer."""

    parent_body: str
    unit_name: str
    place_name: str
    dossier_code: str
    applicant_name: str
    applicant_id_number: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    owner_name: str | None
    owner_address: str | None
    procedure_name: str
    procedure_code: str
    papers: tuple[SlipPaper, ...]
    dossier_sets: int
    duration_label: str
    received_at: datetime
    due_at: datetime
    result_delivery: str
    channel_label: str
    fee_label: str
    register_volume: str
    register_number: int
    clerk_name: str
    lookup_url: str
    hotline: str = ""


def _value(text: str | None) -> str:
    """A field value cleaned for print; dotted leaders when empty."""
    value = clean(text or "")
    return value or BLANK


def _field(label: str, value: str, font: str = SERIF) -> list[Run]:
    return [(label + " ", SERIF), (_value(value), font)]


def _title_block(c: Composer, data: SlipData) -> None:
    """Title, "Mã hồ sơ", the copy-label slot, and the QR with its caption at the right."""
    qr = c.spec.qr
    qr_gap = 3 * mm
    title_size, code_size = c.sz(14), c.sz(13)
    code_runs = [("Mã hồ sơ: ", SERIF), (clean(data.dossier_code), SERIF_BOLD)]
    widest = max(
        text_width(TITLE, SERIF_BOLD, title_size),
        sum(text_width(t, f, code_size) for t, f in code_runs),
    )
    if widest / 2 <= c.width / 2 - qr - qr_gap:
        x, width = c.x0, c.width
    else:
        x, width = c.x0, c.width - qr - qr_gap
    caption_size = c.sz(10)
    c.need(qr + caption_size * 1.3)
    top = c.y
    c.centered([(TITLE, SERIF_BOLD)], title_size, x, width)
    c.centered(code_runs, code_size, x, width)
    c.slot("copy", SERIF_ITALIC, c.sz(12.5), x + width / 2)
    c.qr(clean(data.lookup_url), c.x1 - qr, top - qr, qr)
    caption_y, _ = c.block(
        [(QR_CAPTION, SERIF_ITALIC)], caption_size, c.x1 - qr - qr_gap, qr + 2 * qr_gap, top - qr, "center"
    )
    c.y = min(c.y, caption_y)


def _delivery(value: str) -> str:
    """The delivery choice after "Đăng ký nhận kết quả tại:", without a repeated leading "Tại"."""
    text = clean(value)
    head, _, rest = text.partition(" ")
    return rest if rest and fold(head) == "tai" else text


def _build(data: SlipData) -> Callable[[Composer], None]:
    """The function that lays out one copy of the slip for ``data`` on a composer."""
    keep = (clean(data.place_name),)

    def build(c: Composer) -> None:
        body = c.sz(13)
        c.official_header(
            clean(data.parent_body), clean(data.unit_name), date_line(clean(data.place_name), data.received_at)
        )
        c.skip(0.7, floor=0.5)
        _title_block(c, data)
        c.skip(0.4)
        unit = f"{name_in_sentence(data.unit_name, keep)} – {name_in_sentence(data.parent_body, keep)}:"
        c.paragraph([(unit, SERIF)])
        c.paragraph(_field("Tiếp nhận hồ sơ của:", data.applicant_name, SERIF_BOLD))
        c.field_pair(
            _field("Số căn cước/Hộ chiếu:", data.applicant_id_number),
            _field("Hình thức nộp:", data.channel_label),
        )
        c.paragraph(_field("Địa chỉ:", data.applicant_address))
        c.field_pair(_field("Số điện thoại:", data.applicant_phone), _field("Email:", data.applicant_email))
        owner = clean(data.owner_name or "")
        if owner and fold(owner) != fold(data.applicant_name):
            c.paragraph(_field("Chủ hồ sơ:", owner, SERIF_BOLD))
            c.paragraph(_field("Địa chỉ chủ hồ sơ:", data.owner_address or ""))
        c.paragraph(
            _field("Nội dung yêu cầu giải quyết:", data.procedure_name, SERIF_BOLD)
            + [(f" (mã thủ tục: {clean(data.procedure_code)})", SERIF)]
        )
        c.skip(0.2)
        c.paragraph([("1. Thành phần hồ sơ nộp gồm:", SERIF)])
        if data.papers:
            rows = [
                (str(i), clean(p.name), str(p.originals), str(p.copies)) for i, p in enumerate(data.papers, start=1)
            ]
            c.table(PAPER_COLUMNS, rows)
        else:
            c.paragraph([("(không có giấy tờ kèm theo)", SERIF_ITALIC)], indent=body)
        c.skip(0.2)
        c.paragraph(_field("2. Số lượng hồ sơ:", f"{data.dossier_sets:02d} (bộ)"))
        c.paragraph(_field("3. Thời gian giải quyết hồ sơ theo quy định là:", data.duration_label))
        c.paragraph(_field("4. Thời gian nhận hồ sơ:", time_and_date(data.received_at)))
        c.paragraph(_field("5. Thời gian trả kết quả giải quyết hồ sơ:", time_and_date(data.due_at), SERIF_BOLD))
        c.paragraph(_field("6. Đăng ký nhận kết quả tại:", _delivery(data.result_delivery)))
        c.paragraph(_field("Phí, lệ phí:", data.fee_label))
        c.paragraph(
            [
                ("Vào Sổ theo dõi hồ sơ, Quyển số: ", SERIF),
                (_value(data.register_volume), SERIF),
                (", Số thứ tự: ", SERIF),
                (str(data.register_number), SERIF),
            ]
        )
        c.skip(0.5)
        c.signatures(("NGƯỜI NỘP HỒ SƠ", ""), ("NGƯỜI TIẾP NHẬN HỒ SƠ", clean(data.clerk_name)))
        c.skip(0.5)
        note = c.sz(11)
        c.paragraph([(FOOTNOTE, SERIF_ITALIC)], size=note)
        if clean(data.hotline):
            c.paragraph([("Đường dây nóng: ", SERIF_ITALIC), (clean(data.hotline), SERIF_BOLD)], size=note)

    return build


def compose_slip(data: SlipData, spec: PageSpec) -> Composer:
    """One copy of the slip laid out on ``spec`` paper, shrunk as needed to fit one page."""
    return fit(spec, _build(data), continuation="continued")


def render_slip(data: SlipData, page_size: PageSizeName = "A4") -> bytes:
    """The slip as PDF bytes: two copies, each on its own page (more only for a huge paper list)."""
    spec = page_spec(page_size)
    composer = compose_slip(data, spec)
    buffer = io.BytesIO()
    # the initial font is ours, so no unembedded Helvetica is referenced
    canvas = Canvas(buffer, pagesize=(spec.width, spec.height), pageCompression=1, initialFontName=SERIF)
    code = clean(data.dossier_code)
    canvas.setTitle(f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả {code}")
    canvas.setSubject(clean(data.procedure_name))
    canvas.setAuthor(clean(data.unit_name))
    canvas.setCreator("Một Cửa Desk")
    composer.render(
        canvas, [{"copy": label, "continued": f"Mã hồ sơ: {code} {label} (tiếp theo)"} for label in COPY_LABELS]
    )
    canvas.save()
    return buffer.getvalue()


def write_slip(data: SlipData, path: Path, page_size: PageSizeName = "A4") -> Path:
    """Render the slip and write it to ``path`` atomically (temporary file, fsync, rename)."""
    return write_atomic(render_slip(data, page_size), Path(path))
