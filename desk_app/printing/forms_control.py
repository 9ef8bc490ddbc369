"""Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ: the control sheet that travels with a dossier.

TT 01/2018 Mẫu 05 layout, renumbered Mẫu 06 in TT 03/2025/TT-VPCP (reference §1.8, corroborated by
the Đồng Nai templates); the TT 03/2025 field text is **unconfirmed**. The top block names the
dossier's owner, phone, address, the processing unit and the coordinating units; then a 4-column
table, one row per hand-over:

    TÊN CƠ QUAN | THỜI GIAN GIAO, NHẬN HỒ SƠ | KẾT QUẢ GIẢI QUYẾT HỒ SƠ | GHI CHÚ
    1. Giao: …  | hh giờ mm phút, ngày …      | Trước hạn / Đúng hạn /   |
    2. Nhận: …  | Người giao   | Người nhận   | Quá hạn                  |

The rows are given as data (:class:`Handover`, e.g. from the dossier's hand-over events); the table
is drawn here rather than by :meth:`Composer.table` because the time cell holds two signature spots.
A long history continues on the next page with the table header repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from desk_app.domain.text import clean
from desk_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, PrintError
from desk_app.printing.forms import compose, field, head, render_pdf, title_block, value
from desk_app.printing.layout import Composer, PageSizeName, Run, line_width, page_spec, time_and_date, wrap

CONTROL_TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
OUTCOMES = ("Trước hạn", "Đúng hạn", "Quá hạn", "")
"""The values of the result column; empty while the step is not finished."""
HEADINGS = (
    "TÊN CƠ QUAN",
    "THỜI GIAN GIAO, NHẬN HỒ SƠ",
    "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn)",
    "GHI CHÚ",
)
BLANK_MOMENT = "… giờ … phút, ngày …/…/……"
SHARES = (0.28, 0.38, 0.19, 0.15)
POST_NOTE = (
    "Ghi chú: Trường hợp hồ sơ được chuyển qua dịch vụ bưu chính thì thời gian giao, nhận hồ sơ và việc "
    "ký nhận thể hiện trong hóa đơn, chứng từ của doanh nghiệp cung ứng dịch vụ bưu chính."
)


@dataclass(frozen=True)
class Handover:
    """One hand-over of the dossier: who gave it to whom, when, and how the finished step went.

    ``at`` None prints the blank "… giờ … phút" template (a row to fill in by hand).
    """

    from_unit: str
    to_unit: str
    at: datetime | None
    giver_name: str
    receiver_name: str
    outcome: str = ""
    note: str = ""


@dataclass(frozen=True)
class ControlSheetData:
    """Mẫu 06 (TT 01/2018 Mẫu 05 layout; TT 03/2025 field text unconfirmed), filled by services."""

    parent_body: str
    unit_name: str
    place_name: str
    received_at: datetime
    dossier_code: str
    applicant_name: str
    applicant_phone: str
    applicant_address: str
    procedure_name: str
    processing_unit: str
    coordinating_units: str
    handovers: tuple[Handover, ...]


class _Grid:
    """Column edges and sizes of the control table on one composer (one fitting step)."""

    def __init__(self, c: Composer) -> None:
        self.c = c
        self.size = c.sz(11.5)
        self.lead = self.size * 1.15
        self.pad = self.size * 0.3
        self.edges = [c.x0]
        for share in SHARES[:-1]:
            self.edges.append(self.edges[-1] + share * c.width)
        self.edges.append(c.x1)

    def block(self, runs: Sequence[Run], width: float, align: str = "left") -> tuple:
        return (wrap(runs, self.size, width - 2 * self.pad), self.size, align)

    def height(self, blocks: Sequence[tuple]) -> float:
        return sum(len(lines) * self.lead for lines, _, _ in blocks) + 2 * self.pad

    def draw(self, x: float, width: float, top: float, blocks: Sequence[tuple]) -> float:
        """Draw stacked blocks in the column ``x``…``x+width`` from ``top``; return the bottom."""
        y = top - self.pad
        for lines, size, align in blocks:
            for line in lines:
                shift = (width - 2 * self.pad - line_width(line, size)) / 2 if align == "center" else 0.0
                for text, font, dx in line:
                    self.c.text(font, size, x + self.pad + shift + dx, y - size * 0.9, text)
                y -= self.lead
        return y

    def rule(self, top: float, bottom: float) -> None:
        c = self.c
        c.lines([(c.x0, top, c.x1, top), (c.x0, bottom, c.x1, bottom)] + [(x, top, x, bottom) for x in self.edges])

    def header(self) -> None:
        c = self.c
        widths = [b - a for a, b in zip(self.edges, self.edges[1:], strict=False)]
        cells = [[self.block([(h, SERIF_BOLD)], w, "center")] for h, w in zip(HEADINGS, widths, strict=True)]
        height = max(self.height(cell) for cell in cells)
        c.need(height + self.lead * 4)
        for cell, x, w in zip(cells, self.edges, widths, strict=False):
            self.draw(x, w, c.y, cell)
        self.rule(c.y, c.y - height)
        c.y -= height

    def row(self, h: Handover) -> None:
        c = self.c
        widths = [b - a for a, b in zip(self.edges, self.edges[1:], strict=False)]
        names = [self.block([("1. Giao: ", SERIF), (value(h.from_unit), SERIF_BOLD)], widths[0])]
        names.append(self.block([("2. Nhận: ", SERIF), (value(h.to_unit), SERIF_BOLD)], widths[0]))
        moment = time_and_date(h.at) if h.at else BLANK_MOMENT
        when = [self.block([(moment, SERIF)], widths[1], "center")]
        half = widths[1] / 2
        room = self.size * 2.2
        signers = [
            [
                self.block([(label, SERIF_ITALIC)], half, "center"),
                self.block([(clean(n) or " ", SERIF)], half, "center"),
            ]
            for label, n in (("Người giao", h.giver_name), ("Người nhận", h.receiver_name))
        ]
        sign_h = max(self.height(s) for s in signers) - 2 * self.pad + room
        outcome = [self.block([(clean(h.outcome), SERIF_BOLD)], widths[2], "center")]
        note = [self.block([(clean(h.note), SERIF)], widths[3])]
        height = max(self.height(names), self.height(when) + sign_h, self.height(outcome), self.height(note))
        pages = len(c.pages)
        c.need(height)
        if len(c.pages) != pages:
            self.header()
        top = c.y
        self.draw(self.edges[0], widths[0], top, names)
        y = self.draw(self.edges[1], widths[1], top, when)
        for i, (label, name) in enumerate(signers):
            x = self.edges[1] + i * half
            after_label = self.draw(x, half, y + self.pad, [label])
            self.draw(x, half, after_label - room + self.pad, [name])
        self.draw(self.edges[2], widths[2], top, outcome)
        self.draw(self.edges[3], widths[3], top, note)
        self.rule(top, top - height)
        c.y = top - height


def _check(handovers: Sequence[Handover]) -> None:
    for h in handovers:
        if clean(h.outcome) not in OUTCOMES:
            raise PrintError(
                f"Kết quả giải quyết {h.outcome!r} không hợp lệ (Trước hạn, Đúng hạn hoặc Quá hạn)",
                f"Outcome {h.outcome!r} is not valid (Trước hạn, Đúng hạn or Quá hạn)",
            )


def _build_control(d: ControlSheetData) -> Callable[[Composer], None]:
    def build(c: Composer) -> None:
        head(c, d.parent_body, d.unit_name, d.place_name, d.received_at)
        title_block(c, CONTROL_TITLE, d.dossier_code)
        c.paragraph(field("Kèm theo hồ sơ của:", d.applicant_name, SERIF_BOLD))
        c.field_pair(field("Số điện thoại:", d.applicant_phone), field("Nhận hồ sơ:", time_and_date(d.received_at)))
        c.paragraph(field("Địa chỉ:", d.applicant_address))
        c.paragraph(field("Nội dung yêu cầu giải quyết:", d.procedure_name))
        c.paragraph(field("Cơ quan (bộ phận) giải quyết hồ sơ:", d.processing_unit, SERIF_BOLD))
        c.paragraph(field("Cơ quan phối hợp giải quyết hồ sơ:", d.coordinating_units))
        c.skip(0.4)
        grid = _Grid(c)
        grid.header()
        for handover in d.handovers:
            grid.row(handover)
        if not d.handovers:
            grid.row(Handover("", "", None, "", ""))
        c.skip(0.4)
        c.paragraph([(POST_NOTE, SERIF_ITALIC)], size=c.sz(11))

    return build


def render_control_sheet(data: ControlSheetData, page_size: PageSizeName = "A4") -> bytes:
    """Mẫu 06 as PDF bytes; many hand-overs continue on further pages with the header repeated."""
    _check(data.handovers)
    composer = compose(page_spec(page_size), _build_control(data))
    return render_pdf(
        composer,
        title="Phiếu kiểm soát quá trình giải quyết hồ sơ",
        code=data.dossier_code,
        subject=data.procedure_name,
        author=data.unit_name,
    )
