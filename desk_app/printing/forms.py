"""Mẫu 02 and Mẫu 03, and the pieces every later one-stop form shares (Mẫu 02–07).

* Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: what the applicant must add or correct, why,
  and whom to contact; signed by the clerk who guided them (NGƯỜI HƯỚNG DẪN).
* Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ: why the desk does not accept the dossier.

Both follow the TT 01/2018/TT-VPCP layouts as corroborated in the reference (§1.4, §1.5: the
Thanh Hóa templates); TT 03/2025/TT-VPCP keeps the names of both forms but its field text is
**unconfirmed**: check the official PDF before relying on the wording.

The shared pieces (:func:`field`, :func:`title_block`, :func:`closing`, :func:`render_pdf`) sit on
top of :mod:`desk_app.printing.layout` (official header, date line, wrapping, tables, fitting),
which Mẫu 01 uses too, so every form has the same header, fonts and margins. Forms 02–06 are one
copy each; a form too long for one page continues on the next, each further page headed by the
dossier code and "(tiếp theo)".
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.domain.text import clean
from desk_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_BOLD_ITALIC, SERIF_ITALIC
from desk_app.printing.layout import (
    Composer,
    PageSizeName,
    PageSpec,
    Run,
    date_line,
    fit,
    name_in_sentence,
    page_spec,
    wrap,
    write_atomic,
)

BLANK = "……………"
"""Printed for an empty optional value, as on the paper form."""
SIGN_NOTE = "(Ký và ghi rõ họ tên)"
SEAL_NOTE = "(Ký, ghi rõ họ tên và đóng dấu)"

SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
REFUSAL_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"


def value(text: str | None) -> str:
    """A field value cleaned for print; dotted leaders when empty."""
    return clean(text or "") or BLANK


def field(label: str, text: str | None, font: str = SERIF) -> list[Run]:
    """``label`` then the value (in ``font``), as one run list for :meth:`Composer.paragraph`."""
    return [(label + " ", SERIF), (value(text), font)]


def unit_sentence(parent_body: str, unit_name: str, place_name: str) -> str:
    """ "Trung tâm Phục vụ hành chính công – Ủy ban nhân dân xã Đông Sơn" for running text."""
    keep = (clean(place_name),)
    return f"{name_in_sentence(clean(unit_name), keep)} – {name_in_sentence(clean(parent_body), keep)}"


def head(c: Composer, parent_body: str, unit_name: str, place_name: str, when: datetime, number: str = "") -> None:
    """The official header with the place-and-date line; "Số: …" under the left column if given."""
    c.official_header(clean(parent_body), clean(unit_name), date_line(clean(place_name), when))
    if number:
        c.y, _ = c.block([(f"Số: {clean(number)}", SERIF)], c.sz(13), c.x0, c.width * 0.42, c.y, "center")


def title_block(c: Composer, title: str, code: str, subtitle: str = "") -> None:
    """The bold title, an optional bold subtitle, then "Mã hồ sơ: <code>", centred."""
    c.skip(0.8, floor=0.5)
    c.centered([(title, SERIF_BOLD)], c.sz(14))
    if subtitle:
        c.centered([(subtitle, SERIF_BOLD)], c.sz(13))
    c.centered([("Mã hồ sơ: ", SERIF), (clean(code), SERIF_BOLD)], c.sz(13))
    c.skip(0.5)


def numbered(c: Composer, items: Sequence[str], empty: str) -> None:
    """A numbered list with hanging indents, or ``empty`` in italics when there is no item."""
    body = c.sz(13)
    cleaned = [clean(item) for item in items if clean(item)]
    if not cleaned:
        c.paragraph([(empty, SERIF_ITALIC)], indent=body)
        return
    for number, item in enumerate(cleaned, start=1):
        c.paragraph([(f"{number}. ", SERIF), (item, SERIF)], indent=body * 1.4)


def closing(
    c: Composer,
    heading: str,
    name: str,
    note: str = SIGN_NOTE,
    recipients: Sequence[str] = (),
) -> None:
    """One signature block on the right half; "Nơi nhận:" and its list on the left half if given.

    An official letter (Mẫu 04, 05) is signed by the head of the agency, with the recipients at the
    left, as NĐ 30/2020 lays it out; a slip (Mẫu 02) has only the signer. The block is never split
    across pages.
    """
    half = c.width / 2
    title, note_size, name_size, small = c.sz(12.5), c.sz(12), c.sz(13), c.sz(11)
    room = 22 * mm * c.scale * (0.55 + 0.45 * c.gap_scale) * c.spec.body / 13.0
    heading_lines = len(wrap([(heading, SERIF_BOLD)], title, half))
    right = (heading_lines * title + note_size + name_size) * 1.2 + room
    left_runs = [[("- " + clean(r), SERIF)] for r in recipients if clean(r)]
    left = (12 * 1.2 + sum(len(wrap(runs, small, half - 4)) for runs in left_runs) * small * 1.2) if left_runs else 0
    c.need(max(right, left))
    top = c.y
    y, _ = c.block([(heading, SERIF_BOLD)], title, c.x0 + half, half, top, "center")
    y, _ = c.block([(note, SERIF_ITALIC)], note_size, c.x0 + half, half, y, "center")
    y -= room
    y, _ = c.block([(clean(name) or " ", SERIF_BOLD)], name_size, c.x0 + half, half, y, "center")
    bottom = y
    if left_runs:
        y, _ = c.block([("Nơi nhận:", SERIF_BOLD_ITALIC)], c.sz(12), c.x0, half, top)
        for runs in left_runs:
            y, _ = c.block(runs, small, c.x0, half - 4, y)
        bottom = min(bottom, y)
    c.y = bottom


def compose(spec: PageSpec, build: Callable[[Composer], None]) -> Composer:
    """``build`` fitted on one page if it can be, else continued with a "(tiếp theo)" line."""
    return fit(spec, build, continuation="continued")


def render_pdf(
    composer: Composer,
    *,
    title: str,
    code: str,
    subject: str,
    author: str,
    slots: Mapping[str, str] | None = None,
    name: str = "form",
) -> bytes:
    """The composed form as PDF bytes with its metadata (fonts embedded, no Helvetica referenced)."""
    spec = composer.spec
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(spec.width, spec.height), pageCompression=1, initialFontName=SERIF)
    canvas.setTitle(f"{title} {clean(code)}".strip())
    canvas.setSubject(clean(subject))
    canvas.setAuthor(clean(author))
    canvas.setCreator("Một Cửa Desk")
    values = {"continued": f"Mã hồ sơ: {clean(code)} (tiếp theo)" if code else "(tiếp theo)"}
    values.update(slots or {})
    composer.render(canvas, [values], name=name)
    canvas.save()
    return buffer.getvalue()


def render_form(
    data: Any, build: Callable[[Any], Callable[[Composer], None]], title: str, page_size: PageSizeName
) -> bytes:
    """A one-copy form for a dossier: ``build(data)`` lays it out; the PDF's metadata name the dossier."""
    return render_pdf(
        compose(page_spec(page_size), build(data)),
        title=title,
        code=data.dossier_code,
        subject=data.procedure_name,
        author=data.unit_name,
    )


def write_form(pdf: bytes, path: Path) -> Path:
    """Write a rendered form to ``path`` atomically (temporary file, fsync, rename)."""
    return write_atomic(pdf, Path(path))


def _applicant_block(c: Composer, label: str, name: str, address: str, phone: str, email: str, procedure: str) -> None:
    """Applicant name, address, phone and e-mail, then "Nội dung yêu cầu giải quyết"."""
    c.paragraph(field(label, name, SERIF_BOLD))
    c.paragraph(field("Địa chỉ:", address))
    c.field_pair(field("Số điện thoại:", phone), field("Email:", email))
    c.paragraph(field("Nội dung yêu cầu giải quyết:", procedure, SERIF_BOLD))


@dataclass(frozen=True)
class SupplementRequestData:
    """Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (TT 01/2018 layout, reference §1.4).

    ``missing_items`` are all the things to add or correct, stated at once; ``procedure_url`` is
    where the procedure can be read (may be empty); ``guide_name`` signs as NGƯỜI HƯỚNG DẪN.
    """

    parent_body: str
    unit_name: str
    place_name: str
    issued_at: datetime
    dossier_code: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    procedure_name: str
    missing_items: tuple[str, ...]
    reason: str
    contact_official: str
    contact_phone: str
    procedure_url: str
    guide_name: str


def _build_supplement(d: SupplementRequestData) -> Callable[[Composer], None]:
    def build(c: Composer) -> None:
        head(c, d.parent_body, d.unit_name, d.place_name, d.issued_at)
        title_block(c, SUPPLEMENT_TITLE, d.dossier_code)
        c.paragraph([(unit_sentence(d.parent_body, d.unit_name, d.place_name) + ":", SERIF)])
        _applicant_block(
            c,
            "Tiếp nhận hồ sơ/yêu cầu của Ông/Bà:",
            d.applicant_name,
            d.applicant_address,
            d.applicant_phone,
            d.applicant_email,
            d.procedure_name,
        )
        c.skip(0.3)
        c.paragraph([("Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung sau:", SERIF)])
        numbered(c, d.missing_items, "(không có nội dung)")
        c.paragraph(field("Lý do:", d.reason))
        c.skip(0.3)
        contact = [
            ("Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ công chức ", SERIF),
            (value(d.contact_official), SERIF_BOLD),
            (", số điện thoại ", SERIF),
            (value(d.contact_phone), SERIF_BOLD),
            (" để được hướng dẫn", SERIF),
        ]
        if clean(d.procedure_url):
            contact += [(", hoặc tra cứu thủ tục hành chính tại ", SERIF), (clean(d.procedure_url), SERIF_ITALIC)]
        c.paragraph([*contact, (".", SERIF)])
        c.skip(0.6)
        closing(c, "NGƯỜI HƯỚNG DẪN", d.guide_name)

    return build


def render_supplement_request(data: SupplementRequestData, page_size: PageSizeName = "A4") -> bytes:
    """Mẫu 02 as PDF bytes (one copy, for the applicant; more pages only for a very long list)."""
    return render_form(data, _build_supplement, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", page_size)


@dataclass(frozen=True)
class RefusalData:
    """Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (TT 01/2018 layout, reference §1.5).

    ``clerk_name`` signs as NGƯỜI TIẾP NHẬN HỒ SƠ; the applicant signs at the left (NGƯỜI NỘP HỒ SƠ,
    as in the Thanh Hóa template) to show they received the refusal.
    """

    parent_body: str
    unit_name: str
    place_name: str
    issued_at: datetime
    dossier_code: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    procedure_name: str
    reason: str
    clerk_name: str


def _build_refusal(d: RefusalData) -> Callable[[Composer], None]:
    def build(c: Composer) -> None:
        head(c, d.parent_body, d.unit_name, d.place_name, d.issued_at)
        title_block(c, REFUSAL_TITLE, d.dossier_code)
        unit = unit_sentence(d.parent_body, d.unit_name, d.place_name)
        c.paragraph([(unit + ":", SERIF)])
        _applicant_block(
            c,
            "Tiếp nhận hồ sơ của:",
            d.applicant_name,
            d.applicant_address,
            d.applicant_phone,
            d.applicant_email,
            d.procedure_name,
        )
        c.skip(0.3)
        c.paragraph(
            [(f"Qua xem xét, {unit} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:", SERIF)]
        )
        c.paragraph([(value(d.reason), SERIF)], indent=0)
        c.paragraph([("Xin thông báo cho Ông/Bà được biết và thực hiện./.", SERIF)])
        c.skip(0.6)
        c.signatures(("NGƯỜI NỘP HỒ SƠ", clean(d.applicant_name)), ("NGƯỜI TIẾP NHẬN HỒ SƠ", clean(d.clerk_name)))

    return build


def render_refusal(data: RefusalData, page_size: PageSizeName = "A4") -> bytes:
    """Mẫu 03 as PDF bytes (one copy, for the applicant)."""
    return render_form(data, _build_refusal, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", page_size)
