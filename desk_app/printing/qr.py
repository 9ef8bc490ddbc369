"""QR codes on printed forms, drawn as one vector path (fast, sharp at any printer resolution).

reportlab's own QR widget draws each module as a separate shape and costs 85–125 ms per code
(DESIGN §7). Here ``segno`` encodes the text once, the dark modules of each row are merged into
horizontal runs, and the runs become rectangles of ONE path in module units; the canvas scales that
path to the wanted size. The path is cached per text, so the second copy of a slip reuses it, and its
integer coordinates make adjacent modules meet exactly (no hairline seams).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import segno
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

QUIET_ZONE = 4
"""Light modules around the symbol, as ISO/IEC 18004 requires; included in the drawn size."""


@dataclass(frozen=True)
class QrMatrix:
    """An encoded symbol: its width in modules (without quiet zone) and its dark runs.

    Each run is ``(row, first_column, length)``, row 0 at the top.
    """

    modules: int
    runs: tuple[tuple[int, int, int], ...]

    def dark_cells(self) -> frozenset[tuple[int, int]]:
        """Every dark module as ``(row, column)``: what a test compares with the drawing."""
        return frozenset((row, col) for row, first, length in self.runs for col in range(first, first + length))


@lru_cache(maxsize=64)
def encode(text: str) -> QrMatrix:
    """The QR symbol for ``text`` (error correction M or better, never a Micro QR), as row runs."""
    symbol = segno.make(text, error="m", micro=False)
    runs: list[tuple[int, int, int]] = []
    for row, bits in enumerate(symbol.matrix):
        col, width = 0, len(bits)
        while col < width:
            if bits[col]:
                start = col
                while col < width and bits[col]:
                    col += 1
                runs.append((row, start, col - start))
            else:
                col += 1
    return QrMatrix(modules=len(symbol.matrix), runs=tuple(runs))


@lru_cache(maxsize=64)
def _module_path(text: str) -> tuple[int, PDFPathObject]:
    """The symbol's dark runs as one path in module units, origin at the quiet zone's bottom left."""
    matrix = encode(text)
    total = matrix.modules + 2 * QUIET_ZONE
    top = total - QUIET_ZONE - 1
    rects = [f"{QUIET_ZONE + first} {top - row} {length} 1 re" for row, first, length in matrix.runs]
    return total, PDFPathObject(code=["n", *rects])


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of ``text`` as one filled path in the square at ``(x, y)`` (bottom left).

    ``size`` is the side of the square in points, quiet zone included (the zone is left blank).
    """
    total, path = _module_path(text)
    module = size / total
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(module, 0, 0, module, x, y)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
