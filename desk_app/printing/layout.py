"""Shared layout of the one-stop forms (Mẫu 01–07): page geometry, wrapping, header, date line, signatures.

A form is composed once by a :class:`Composer` into a list of drawing operations per page, then
replayed onto the canvas once per copy (Mẫu 01 is printed twice). Text that differs between copies
(the copy label) is a named *slot* filled at replay time. Composing measures every line with the
font's widths, wraps long values inside their column and never lets text run past a margin.

:func:`fit` tries a few font-size/spacing steps until the form fits on one page; only when even the
smallest step is too tall does the form continue on further pages.

Sizes are given as they would be on A4 (body 13 pt, the Times New Roman sizes of NĐ 30/2020) and
scaled for A5 and for the fitting step.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from desk_app.domain.text import nfc
from desk_app.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, PrintError, register_fonts
from desk_app.printing.qr import draw_qr

PageSizeName = Literal["A4", "A5"]
Run = tuple[str, str]
"""A piece of text and the font it is set in."""
Align = Literal["left", "center"]


@dataclass(frozen=True)
class PageSpec:
    """A paper size with its margins, body font size and QR side (points)."""

    name: str
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    body: float
    qr: float


PAGE_SPECS: dict[str, PageSpec] = {
    "A4": PageSpec("A4", *A4, left=25 * mm, right=15 * mm, top=14 * mm, bottom=12 * mm, body=13.0, qr=24 * mm),
    "A5": PageSpec("A5", *A5, left=12 * mm, right=10 * mm, top=9 * mm, bottom=8 * mm, body=9.5, qr=22 * mm),
}

FIT_STEPS: tuple[tuple[float, float], ...] = (
    (1.0, 1.0),
    (1.0, 0.6),
    (0.95, 0.45),
    (0.9, 0.35),
    (0.85, 0.3),
    (0.8, 0.25),
    (0.75, 0.2),
)
"""(font scale, spacing scale) pairs tried in order by :func:`fit`."""


def page_spec(name: str) -> PageSpec:
    """The geometry of a supported paper size ("A4" or "A5")."""
    try:
        return PAGE_SPECS[name]
    except KeyError:
        raise PrintError(
            f"Khổ giấy {name!r} không được hỗ trợ (chỉ A4 hoặc A5)",
            f"Paper size {name!r} is not supported (A4 or A5 only)",
        ) from None


def vn_month(month: int) -> str:
    """The month as written in a date line: "01", "02" padded, from March without a leading zero."""
    return f"{month:02d}" if month < 3 else str(month)


def date_line(place: str, when: datetime) -> str:
    """The place-and-date line, e.g. "Đông Sơn, ngày 05 tháng 3 năm 2026" (NĐ 30/2020 convention)."""
    return f"{nfc(place)}, ngày {when.day:02d} tháng {vn_month(when.month)} năm {when.year}"


def time_and_date(when: datetime) -> str:
    """A moment as forms print it: "08 giờ 30 phút, ngày 05/03/2026"."""
    return f"{when.hour:02d} giờ {when.minute:02d} phút, ngày {when.day:02d}/{when.month:02d}/{when.year}"


def name_in_sentence(name: str, keep: Sequence[str] = ()) -> str:
    """An upper-case agency name in sentence case for running text, proper names in ``keep`` restored.

    "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN" with keep=("Đông Sơn",) → "Ủy ban nhân dân xã Đông Sơn".
    """
    text = nfc(name).strip()
    if not text.isupper():
        return text
    text = text.lower()
    for proper in keep:
        if proper:
            text = text.replace(nfc(proper).lower(), nfc(proper))
    return text[:1].upper() + text[1:]


_WIDTHS: dict[tuple[str, str], float] = {}
_WIDTHS_LIMIT = 50_000


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points; per-font widths of each distinct string are cached.

    Labels and most words repeat from one form to the next, so the cache saves most of the
    measuring (reportlab sums glyph widths in Python each time).
    """
    units = _WIDTHS.get((font, text))
    if units is None:
        if len(_WIDTHS) >= _WIDTHS_LIMIT:
            _WIDTHS.clear()
        units = _WIDTHS[(font, text)] = pdfmetrics.getFont(font).stringWidth(text, 1000.0)
    return units * size / 1000.0


def wrap(
    runs: Sequence[Run], size: float, width: float, first_width: float | None = None
) -> list[list[tuple[str, str, float]]]:
    """Break ``runs`` into lines no wider than ``width`` (the first line: ``first_width``).

    Each line is a list of ``(text, font, x offset)`` pieces. A word wider than the line (a long
    code or URL) is cut between characters.
    """
    words: list[tuple[str, str, bool]] = []
    pending = False
    for text, font in runs:
        text = nfc(text)
        parts = text.split()
        if not parts:
            pending = pending or bool(text)
            continue
        for i, part in enumerate(parts):
            words.append((part, font, bool(words) and (i > 0 or pending or text[0].isspace())))
        pending = text[-1].isspace()
    lines: list[list[tuple[str, str, float]]] = []
    line: list[tuple[str, str, float]] = []
    avail = width if first_width is None else first_width
    x = 0.0
    for word, font, spaced in words:
        gap = text_width(" ", font, size) if spaced and line else 0.0
        word_w = text_width(word, font, size)
        while x + gap + word_w > avail:
            # too long for this line: a word longer than any line (a code, an e-mail) is cut between
            # characters, filling this line first; any other word moves to the next line
            cut = _cut(word, font, size, avail - x - gap) if word_w > width else 0
            if cut:
                line = _put(line, word[:cut], font, x + gap, bool(gap))
                word = word[cut:]
                word_w = text_width(word, font, size)
            elif not line and avail >= width:  # not even one character fits: set it rather than loop
                break
            lines.append(line)
            line, x, gap, avail = [], 0.0, 0.0, width
        if word:
            line = _put(line, word, font, x + gap, bool(gap))
            x += gap + word_w
    if line or not lines:
        lines.append(line)
    return lines


def _put(line: list[tuple[str, str, float]], word: str, font: str, x: float, spaced: bool) -> list:
    """``line`` with ``word`` added at ``x``, merged into the last piece when the font is the same."""
    if line and line[-1][1] == font:
        text, _, start = line[-1]
        line[-1] = (f"{text} {word}" if spaced else text + word, font, start)
    else:
        line.append((word, font, x))
    return line


def shrink_to_fit(text: str, font: str, size: float, width: float, floor: float = 0.88) -> float:
    """``size``, or the smaller size that sets ``text`` on one line of ``width`` if that is at least
    ``floor`` × ``size`` (a slightly smaller one-line name reads better than a wrapped one)."""
    natural = text_width(nfc(text), font, size)
    if natural <= width:
        return size
    return size * width / natural if natural * floor <= width else size


def _cut(word: str, font: str, size: float, room: float) -> int:
    """How many leading characters of ``word`` fit in ``room`` points."""
    used = 0.0
    for i, char in enumerate(word):
        used += text_width(char, font, size)
        if used > room:
            return i
    return len(word)


def line_width(line: Sequence[tuple[str, str, float]], size: float) -> float:
    """The width of a wrapped line, from its last piece's end."""
    if not line:
        return 0.0
    text, font, start = line[-1]
    return start + text_width(text, font, size)


@dataclass(frozen=True)
class Column:
    """A table column: title, width as a fraction of the content width (0: the rest), alignment."""

    title: str
    share: float
    align: Align = "left"


class _Overflow(Exception):
    """The form does not fit at this fitting step (raised only when page breaks are not allowed)."""


class Composer:
    """Lays out one copy of a form as drawing operations, then replays them on a canvas.

    Operations per page: ``("t", font, size, x, y, text)`` text, ``("s", font, size, cx, y, key)`` a
    centred slot, ``("l", width, segments)`` lines, ``("q", text, x, y, size)`` a QR code.
    """

    def __init__(
        self,
        spec: PageSpec,
        scale: float = 1.0,
        gap: float = 1.0,
        *,
        allow_break: bool = False,
        continuation: str | None = None,
    ) -> None:
        register_fonts()
        self.spec = spec
        self.scale = scale
        self.gap_scale = gap
        self.allow_break = allow_break
        self.continuation = continuation
        self.x0 = spec.left
        self.x1 = spec.width - spec.right
        self.width = self.x1 - self.x0
        self.top = spec.height - spec.top
        self.y = self.top
        self.pages: list[list[tuple]] = [[]]

    def sz(self, a4_points: float) -> float:
        """A font size given as on A4 at full scale, for this page and fitting step."""
        return a4_points * self.spec.body / 13.0 * self.scale

    def skip(self, lines: float, floor: float = 0.0) -> None:
        """Vertical space of ``lines`` body lines, shrunk by the fitting step's spacing scale (not
        below ``floor`` of it)."""
        self.y -= self.sz(13) * lines * max(self.gap_scale, floor)

    def need(self, height: float) -> None:
        """Make sure ``height`` points are left on the page: break the page, or give up this step."""
        if self.y - height >= self.spec.bottom - 0.01:
            return
        if not self.allow_break:
            raise _Overflow
        self.pages.append([])
        self.y = self.top
        if self.continuation:
            size = self.sz(10)
            self.pages[-1].append(("s", SERIF_ITALIC, size, self.x0 + self.width / 2, self.y - size, self.continuation))
            self.y -= size * 2

    def text(self, font: str, size: float, x: float, y: float, text: str) -> None:
        """Record one string at a baseline position."""
        self.pages[-1].append(("t", font, size, x, y, text))

    def lines(self, segments: Sequence[tuple[float, float, float, float]], width: float = 0.5) -> None:
        """Record straight lines ``(x1, y1, x2, y2)``."""
        self.pages[-1].append(("l", width, tuple(segments)))

    def block(
        self,
        runs: Sequence[Run],
        size: float,
        x: float,
        width: float,
        y: float,
        align: Align = "left",
        *,
        balance: bool = False,
    ) -> tuple[float, float]:
        """Wrapped text in the column ``x``…``x+width`` from ``y`` down, without page breaks.

        With ``balance``, wrapped lines are evened out ("TRUNG TÂM PHỤC VỤ / HÀNH CHÍNH CÔNG" rather
        than a long line and an orphan word). Returns the new ``y`` and the widest line's width.
        """
        lines = wrap(runs, size, width)
        if balance and len(lines) > 1:
            low, high = width / len(lines), width
            for _ in range(8):
                trial = (low + high) / 2
                candidate = wrap(runs, size, trial)
                if len(candidate) == len(lines):
                    high, lines = trial, candidate
                else:
                    low = trial
        widest = 0.0
        for line in lines:
            lw = line_width(line, size)
            widest = max(widest, lw)
            left = x + (width - lw) / 2 if align == "center" else x
            for text, font, dx in line:
                self.text(font, size, left + dx, y - size * 0.9, text)
            y -= size * 1.2
        return y, widest

    def paragraph(self, runs: Sequence[Run], size: float | None = None, indent: float = 0.0) -> None:
        """Wrapped text at the cursor over the full width; continuation lines indented by ``indent``."""
        size = size or self.sz(13)
        lead = size * 1.2
        for i, line in enumerate(wrap(runs, size, self.width - indent, first_width=self.width)):
            self.need(lead)
            x = self.x0 + (indent if i else 0.0)
            for text, font, dx in line:
                self.text(font, size, x + dx, self.y - size * 0.9, text)
            self.y -= lead

    def field_pair(self, first: Sequence[Run], second: Sequence[Run], size: float | None = None) -> None:
        """Two short fields on one line, the second at mid-width; on two lines when either is too long."""
        size = size or self.sz(13)
        half = self.width / 2
        one = wrap(first, size, half - size)
        two = wrap(second, size, half)
        if len(one) > 1 or len(two) > 1:
            self.paragraph(first, size)
            self.paragraph(second, size)
            return
        self.need(size * 1.2)
        for line, x in ((one[0], self.x0), (two[0], self.x0 + half)):
            for text, font, dx in line:
                self.text(font, size, x + dx, self.y - size * 0.9, text)
        self.y -= size * 1.2

    def centered(self, runs: Sequence[Run], size: float, x: float | None = None, width: float | None = None) -> float:
        """Wrapped, centred text at the cursor; returns the widest line's width."""
        lead = size * 1.2
        self.need(lead)
        self.y, widest = self.block(runs, size, self.x0 if x is None else x, width or self.width, self.y, "center")
        return widest

    def slot(self, key: str, font: str, size: float, cx: float) -> None:
        """A centred line whose text is given at replay time (``slots[key]``), e.g. the copy label."""
        self.need(size * 1.2)
        self.pages[-1].append(("s", font, size, cx, self.y - size * 0.9, key))
        self.y -= size * 1.2

    def official_header(self, parent_body: str, unit_name: str, date_text: str) -> None:
        """The two-column header of an administrative document (reference §1.2), then the cursor below.

        Left: parent body, unit name in bold, a short rule. Right: the national name in bold caps,
        the motto in bold with a rule its own length under it, then the italic place-and-date line.
        """
        left_w = self.width * 0.42
        right_x, right_w = self.x0 + left_w, self.width - left_w
        size = self.sz(12.5)
        parent = parent_body.upper()
        parent_size = shrink_to_fit(parent, SERIF, size, left_w - size)
        y_left, _ = self.block([(parent, SERIF)], parent_size, self.x0, left_w, self.y, "center", balance=True)
        unit = unit_name.upper()
        unit_size = shrink_to_fit(unit, SERIF_BOLD, size, left_w - size)
        y_left, unit_w = self.block([(unit, SERIF_BOLD)], unit_size, self.x0, left_w, y_left, "center", balance=True)
        rule = min(unit_w, left_w) * 0.4
        mid = self.x0 + left_w / 2
        y_left -= size * 0.15
        self.lines([(mid - rule / 2, y_left, mid + rule / 2, y_left)])
        nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        nation_size = shrink_to_fit(nation, SERIF_BOLD, size, right_w - 4, floor=0.5)
        y_right, _ = self.block([(nation, SERIF_BOLD)], nation_size, right_x, right_w, self.y, "center")
        motto_size = self.sz(13.5)
        y_right, motto_w = self.block(
            [("Độc lập - Tự do - Hạnh phúc", SERIF_BOLD)], motto_size, right_x, right_w, y_right, "center"
        )
        y_right -= motto_size * 0.15
        centre = right_x + right_w / 2
        self.lines([(centre - motto_w / 2, y_right, centre + motto_w / 2, y_right)])
        y_right -= motto_size * 0.6 * max(self.gap_scale, 0.5)
        y_right, _ = self.block([(date_text, SERIF_ITALIC)], self.sz(13), right_x, right_w, y_right, "center")
        self.y = min(y_left, y_right)
        self.need(0)

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float | None = None) -> None:
        """A ruled table with a bold header row; cells wrap; the header repeats after a page break."""
        size = size or self.sz(12)
        lead, pad = size * 1.15, size * 0.25
        fixed = sum(c.share for c in columns) * self.width
        rest = max(self.width - fixed, 0.0) / max(sum(1 for c in columns if not c.share), 1)
        widths = [c.share * self.width if c.share else rest for c in columns]
        edges = [self.x0]
        for w in widths:
            edges.append(edges[-1] + w)

        def layout(cells: Sequence[tuple[str, str, Align]]) -> tuple[list, float]:
            wrapped = [wrap([(t, f)], size, w - 2 * pad) for (t, f, _), w in zip(cells, widths, strict=True)]
            return wrapped, max(len(lines) for lines in wrapped) * lead + 2 * pad

        def draw(cells: Sequence[tuple[str, str, Align]], wrapped: list, height: float) -> None:
            top = self.y
            for (_, _, align), lines, x, w in zip(cells, wrapped, edges[:-1], widths, strict=True):
                y = top - pad
                for line in lines:
                    shift = (w - 2 * pad - line_width(line, size)) / 2 if align == "center" else 0.0
                    for text, font, dx in line:
                        self.text(font, size, x + pad + shift + dx, y - size * 0.9, text)
                    y -= lead
            bottom = top - height
            segments = [(self.x0, top, self.x1, top), (self.x0, bottom, self.x1, bottom)]
            self.lines(segments + [(x, top, x, bottom) for x in edges])
            self.y = bottom

        header = [(c.title, SERIF_BOLD, "center") for c in columns]
        head_wrapped, head_height = layout(header)
        body = [layout([(v, SERIF, c.align) for v, c in zip(values, columns, strict=True)]) for values in rows]
        self.need(head_height + (body[0][1] if body else 0.0))
        draw(header, head_wrapped, head_height)
        for values, (wrapped, height) in zip(rows, body, strict=True):
            pages = len(self.pages)
            self.need(height)
            if len(self.pages) != pages:
                draw(header, head_wrapped, head_height)
            draw([(v, SERIF, c.align) for v, c in zip(values, columns, strict=True)], wrapped, height)

    def signatures(self, left: tuple[str, str], right: tuple[str, str], note: str = "(Ký và ghi rõ họ tên)") -> None:
        """Two signature blocks side by side: title in bold caps, italic note, room to sign, name."""
        title, note_size, name_size = self.sz(12.5), self.sz(12), self.sz(13)
        room = 20 * mm * self.scale * (0.55 + 0.45 * self.gap_scale) * self.spec.body / 13.0
        self.need(title * 1.2 + note_size * 1.2 + room + name_size * 1.2)
        half = self.width / 2
        bottom = self.y
        for i, (heading, name) in enumerate((left, right)):
            x = self.x0 + i * half
            y, _ = self.block([(heading, SERIF_BOLD)], title, x, half, self.y, "center")
            y, _ = self.block([(note, SERIF_ITALIC)], note_size, x, half, y, "center")
            y -= room
            if name:
                y, _ = self.block([(name, SERIF_BOLD)], name_size, x, half, y, "center")
            else:
                y -= name_size * 1.2
            bottom = min(bottom, y)
        self.y = bottom

    def qr(self, text: str, x: float, y: float, size: float) -> None:
        """Record a QR code in the square at ``(x, y)`` (bottom left), quiet zone included."""
        self.pages[-1].append(("q", text, x, y, size))

    def render(self, canvas: Canvas, copies: Sequence[Mapping[str, str]] = ({},), name: str = "form") -> None:
        """Draw the form once per entry of ``copies`` (slot values), each page ending in ``showPage``.

        What the copies share is drawn once per page into a PDF form XObject that every copy's page
        reuses; only the slots are drawn per copy. All text of a stream goes into one text object,
        far cheaper than a ``drawString`` per piece. ``name`` prefixes the XObjects' names.
        """
        for number, ops in enumerate(self.pages):
            canvas.beginForm(f"{name}{number}")
            self._draw(canvas, [op for op in ops if op[0] != "s"], {})
            canvas.endForm()
        for slots in copies:
            for number, ops in enumerate(self.pages):
                canvas.doForm(f"{name}{number}")
                self._draw(canvas, [op for op in ops if op[0] == "s"], slots)
                canvas.showPage()

    @staticmethod
    def _draw(canvas: Canvas, ops: Sequence[tuple], slots: Mapping[str, str]) -> None:
        text = canvas.beginText()
        current = None
        for op in ops:
            kind = op[0]
            if kind == "t" or kind == "s":
                if current != (op[1], op[2]):
                    current = (op[1], op[2])
                    text.setFont(op[1], op[2])
                if kind == "t":
                    text.setTextOrigin(op[3], op[4])
                    text.textOut(op[5])
                else:
                    label = slots.get(op[5], "")
                    text.setTextOrigin(op[3] - text_width(label, op[1], op[2]) / 2, op[4])
                    text.textOut(label)
            elif kind == "l":
                canvas.setLineWidth(op[1])
                canvas.lines(op[2])
            else:
                draw_qr(canvas, op[1], op[2], op[3], op[4])
        if current is not None:
            canvas.drawText(text)


def fit(spec: PageSpec, build: Callable[[Composer], None], continuation: str | None = None) -> Composer:
    """Compose with ``build`` at the largest :data:`FIT_STEPS` step that fits one page.

    If none fits, the smallest step is used and the form continues on further pages, each headed by
    the ``continuation`` slot.
    """
    for scale, gap in FIT_STEPS:
        composer = Composer(spec, scale, gap)
        try:
            build(composer)
        except _Overflow:
            continue
        return composer
    composer = Composer(spec, *FIT_STEPS[-1], allow_break=True, continuation=continuation)
    build(composer)
    return composer


def write_atomic(pdf: bytes, path: Path) -> Path:
    """Write ``pdf`` to ``path`` so that a crash leaves the old file or the new one, never half of one.

    The bytes go to a temporary file in the same folder, are flushed to disk (fsync), then renamed
    over ``path``; the folder itself is synced where the system allows it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(pdf)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise
        _sync_folder(path.parent)
    except OSError as error:
        reason = error.strerror or str(error)
        raise PrintError(
            f"Không ghi được tệp {path.name} vào thư mục {path.parent}: {reason}",
            f"Could not write {path.name} to the folder {path.parent}: {reason}",
        ) from error
    return path


def _sync_folder(folder: Path) -> None:
    """fsync a folder so a rename inside it survives a power cut (not possible on Windows)."""
    if os.name == "nt":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
