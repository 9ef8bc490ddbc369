"""Mẫu 07 — Sổ theo dõi hồ sơ: the register of dossiers for a date range, as a landscape A4 PDF.

TT 01/2018 Mẫu 06 columns, renumbered Mẫu 07 in TT 03/2025/TT-VPCP (reference §1.9; the column
structure is corroborated by the Thanh Hóa print layout); the exact TT 03/2025 columns are
**unconfirmed**. The thirteen columns:

    (1) TT  (2) Mã hồ sơ  (3) Tên TTHC  (4) Số lượng hồ sơ (bộ)  (5) Tên cá nhân, tổ chức
    (6) Địa chỉ, số điện thoại  (7) Cơ quan chủ trì giải quyết
    Ngày, tháng, năm: (8) Nhận hồ sơ  (9) Hẹn trả kết quả  (10) Chuyển hồ sơ đến cơ quan giải quyết
    (11) Nhận kết quả từ cơ quan giải quyết  (12) Trả kết quả cho cá nhân, tổ chức
    (13) Ghi chú

The book is kept per volume ("Quyển số"), which the title carries. The first page has the official
header and the title; the body is :meth:`Composer.table` with the column numbers as its repeated
header row, and above that row, on every page, the two-level heading with "Ngày, tháng, năm" spanning
(8)–(12). Each page's footer names the volume and gives "Trang i/n". Only the PDF is made here; the
``.xlsx`` register lives elsewhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from desk_app.domain.text import clean
from desk_app.printing.fonts import SERIF_BOLD, SERIF_ITALIC, PrintError
from desk_app.printing.forms import head, render_pdf, write_form
from desk_app.printing.layout import Column, Composer, PageSpec, line_width, text_width, wrap

REGISTER_TITLE = "SỔ THEO DÕI HỒ SƠ"
REGISTER_SPEC = PageSpec(
    "A4-landscape", *landscape(A4), left=15 * mm, right=12 * mm, top=12 * mm, bottom=10 * mm, body=13.0, qr=0.0
)
"""Landscape A4 with narrow margins: thirteen columns need the width."""
FOOTER_ROOM = 7 * mm
"""Kept free at the bottom of the content area for the footer line."""

SPANNING = (
    "TT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
)
GROUP = "Ngày, tháng, năm"
DATES = (
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả cho cá nhân, tổ chức",
)
LAST = "Ghi chú"
SHARES = (0.035, 0.14, 0.12, 0.045, 0.095, 0.105, 0.085, 0.065, 0.065, 0.065, 0.065, 0.065, 0.05)
COLUMNS = tuple(
    Column(f"({i})", share, "center" if i in (1, 4) or 8 <= i <= 12 else "left")
    for i, share in enumerate(SHARES, start=1)
)


@dataclass(frozen=True)
class RegisterEntry:
    """One line of the book: a dossier and its dates; a date not reached yet is None."""

    number: int
    dossier_code: str
    procedure_name: str
    dossier_sets: int
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    lead_agency: str
    received_at: datetime
    due_at: datetime
    sent_at: datetime | None
    result_received_at: datetime | None
    returned_at: datetime | None
    note: str = ""


@dataclass(frozen=True)
class RegisterData:
    """Mẫu 07 (TT 01/2018 Mẫu 06 columns; TT 03/2025 columns unconfirmed) for one date range."""

    parent_body: str
    unit_name: str
    place_name: str
    volume: str
    date_from: date
    date_to: date
    printed_at: datetime
    entries: tuple[RegisterEntry, ...]


def moment(when: datetime | None) -> str:
    """A register date: "05/03/2026 08:30" (wraps after the date in its narrow column); "" if None."""
    return f"{when:%d/%m/%Y %H:%M}" if when else ""


def entry_cells(e: RegisterEntry) -> tuple[str, ...]:
    """The thirteen cells of one entry, in column order."""
    contact = "; ".join(part for part in (clean(e.applicant_address), clean(e.applicant_phone)) if part)
    return (
        str(e.number),
        clean(e.dossier_code),
        clean(e.procedure_name),
        str(e.dossier_sets),
        clean(e.applicant_name),
        contact,
        clean(e.lead_agency),
        moment(e.received_at),
        moment(e.due_at),
        moment(e.sent_at),
        moment(e.result_received_at),
        moment(e.returned_at),
        clean(e.note),
    )


class _RegisterComposer(Composer):
    """A composer that draws the two-level heading at the top of each page the table breaks onto."""

    repeat: Callable[[Composer], None] | None = None

    def need(self, height: float) -> None:
        pages = len(self.pages)
        super().need(height)
        if self.repeat is not None and len(self.pages) != pages:
            self.repeat(self)


def _heading(size: float) -> Callable[[Composer], None]:
    """The two-level column heading drawn above the numbered header row of the table."""

    def draw(c: Composer) -> None:
        lead, pad = size * 1.15, size * 0.25
        edges = [c.x0]
        for share in SHARES:
            edges.append(edges[-1] + share * c.width)

        def lines(title: str, left: int, right: int) -> list:
            return wrap([(title, SERIF_BOLD)], size, edges[right] - edges[left] - 2 * pad)

        cells = [(t, i, i + 1) for i, t in enumerate(SPANNING)] + [(LAST, 12, 13)]
        subs = [(t, 7 + i, 8 + i) for i, t in enumerate(DATES)]
        group = lines(GROUP, 7, 12)
        group_h = len(group) * lead + 2 * pad
        sub_h = max(len(lines(t, a, b)) for t, a, b in subs) * lead + 2 * pad
        height = max(max(len(lines(t, a, b)) for t, a, b in cells) * lead + 2 * pad, group_h + sub_h)
        top = c.y

        def put(title: str, left: int, right: int, cell_top: float, cell_h: float) -> None:
            wrapped = lines(title, left, right)
            y = cell_top - (cell_h - len(wrapped) * lead) / 2
            for line in wrapped:
                x = edges[left] + (edges[right] - edges[left] - line_width(line, size)) / 2
                for text, font, dx in line:
                    c.text(font, size, x + dx, y - size * 0.9, text)
                y -= lead

        for title, a, b in cells:
            put(title, a, b, top, height)
        put(GROUP, 7, 12, top, group_h)
        for title, a, b in subs:
            put(title, a, b, top - group_h, height - group_h)
        bottom = top - height
        segments = [(edges[0], top, edges[-1], top), (edges[7], top - group_h, edges[12], top - group_h)]
        segments += [(x, top, x, bottom) for i, x in enumerate(edges) if not 8 <= i <= 11]
        segments += [(edges[i], top - group_h, edges[i], bottom) for i in range(8, 12)]
        c.lines(segments)
        c.y = bottom

    return draw


def compose_register(data: RegisterData) -> Composer:
    """The register laid out on landscape A4 pages, each with the heading, then the footer added."""
    compose_spec = dataclasses.replace(REGISTER_SPEC, bottom=REGISTER_SPEC.bottom + FOOTER_ROOM)
    c = _RegisterComposer(compose_spec, allow_break=True)
    head(c, data.parent_body, data.unit_name, data.place_name, data.printed_at)
    c.skip(0.6)
    c.centered([(REGISTER_TITLE, SERIF_BOLD)], c.sz(15))
    c.centered([(f"Quyển số: {clean(data.volume)}", SERIF_BOLD)], c.sz(13))
    period = f"Từ ngày {data.date_from:%d/%m/%Y} đến ngày {data.date_to:%d/%m/%Y}"
    c.centered([(period, SERIF_ITALIC)], c.sz(13))
    c.skip(0.5)
    size = c.sz(8.5)
    heading = _heading(size)
    c.need(size * 12)
    heading(c)
    c.repeat = heading
    rows = [entry_cells(e) for e in data.entries] or [("",) * len(COLUMNS)]
    c.table(COLUMNS, rows, size=size)
    c.repeat = None
    c.skip(0.4)
    c.paragraph([(f"Tổng số hồ sơ trong kỳ: {len(data.entries)}", SERIF_BOLD)], size=c.sz(11))
    _footers(c, f"Sổ theo dõi hồ sơ – Quyển số {clean(data.volume)}")
    return c


def _footers(c: Composer, label: str) -> None:
    """Volume at the left and "Trang i/n" at the right of each page, inside the bottom margin."""
    size = c.sz(9)
    y = REGISTER_SPEC.bottom + size * 0.3
    total = len(c.pages)
    for number, ops in enumerate(c.pages, start=1):
        ops.append(("t", SERIF_ITALIC, size, c.x0, y, label))
        page = f"Trang {number}/{total}"
        ops.append(("t", SERIF_ITALIC, size, c.x1 - text_width(page, SERIF_ITALIC, size), y, page))


def render_register(data: RegisterData, page_size: str = "A4") -> bytes:
    """Mẫu 07 as PDF bytes on landscape A4 (the only size: thirteen columns need it)."""
    if page_size != "A4":
        raise PrintError(
            f"Sổ theo dõi hồ sơ chỉ in trên khổ A4 ngang, không in được khổ {page_size!r}",
            f"The register prints on landscape A4 only, not on {page_size!r}",
        )
    composer = compose_register(data)
    return render_pdf(
        composer,
        title=f"Sổ theo dõi hồ sơ, quyển số {clean(data.volume)}",
        code="",
        subject=f"Từ {data.date_from:%d/%m/%Y} đến {data.date_to:%d/%m/%Y}",
        author=data.unit_name,
        name="register",
    )


def write_register(data: RegisterData, path: Path) -> Path:
    """Render the register and write it to ``path`` atomically."""
    return write_form(render_register(data), path)
