"""The printed forms' typeface: Liberation Serif 2, registered once in reportlab and embedded.

Vietnamese administrative documents are set in Times New Roman. Liberation Serif 2.x has the same
metrics, is free (SIL OFL 1.1, see ``resources/fonts/LICENSE-LiberationFonts.txt``) and, unlike the
old Liberation 1.x, has every Vietnamese glyph. reportlab's ``TTFont`` embeds a subset of it
(``FontFile2``) in each PDF, so a slip prints the same on any commune PC.

The TTF files live in ``resources/fonts/`` at the top of the checkout, next to ``desk_app/``; in a
PyInstaller bundle ``resources/`` sits under ``sys._MEIPASS`` (both found by the shared
``resource_path``). Parsing the four files costs tens of
milliseconds, so :func:`register_fonts` does it once per process (thread-safe, idempotent). It also
turns off reportlab's ASCII85 wrapping of streams for the process: every PDF the desk makes is
written as binary, which is smaller and saves a pure-Python encoding pass per page.

This module also holds the printing package's error, :class:`PrintError`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desk_app.domain.errors import DeskError
from desk_app.resources import resource_path

SERIF = "LiberationSerif"
SERIF_BOLD = "LiberationSerif-Bold"
SERIF_ITALIC = "LiberationSerif-Italic"
SERIF_BOLD_ITALIC = "LiberationSerif-BoldItalic"

_FILES = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    SERIF_ITALIC: "LiberationSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

_lock = threading.Lock()
_registered = False


class PrintError(DeskError):
    """A document could not be produced or saved (missing font, unwritable folder…)."""


def fonts_dir() -> Path:
    """The folder holding the Liberation Serif TTF files and their licence (``resources/fonts``)."""
    return resource_path("fonts")


def register_fonts() -> None:
    """Register the four Liberation Serif faces and their family in reportlab, once per process."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        for name, filename in _FILES.items():
            path = folder / filename
            if not path.is_file():
                raise PrintError(
                    f"Thiếu tệp phông chữ {filename} trong {folder}; hãy cài lại phần mềm",
                    f"Font file {filename} is missing from {folder}; reinstall the application",
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(
            SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD_ITALIC
        )
        rl_config.useA85 = 0  # binary streams: smaller PDFs, no pure-Python ASCII85 pass per page
        _registered = True
