"""The slip preview: Enter opens the print dialog on A4 (A5 on request), printing draws every page.

The modal print dialog is never shown: ``run_print_dialog`` is replaced, and printing goes to a
PDF file through a QPrinter in PdfFormat, read back with pypdf.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desk_app.printing.sample import sample_slip
from desk_app.printing.slip import write_slip
from desk_app.ui.slip_preview import SlipPreviewDialog
from tests.ui.typing_helper import press

A4_POINTS = (595, 842)


@pytest.fixture()
def slip(tmp_path: Path) -> Path:
    return write_slip(sample_slip(), tmp_path / "000.17.22.H56-260305-0012.pdf")


@pytest.fixture()
def preview(qtbot: QtBot, slip: Path) -> SlipPreviewDialog:
    dialog = SlipPreviewDialog(slip)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.print_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.print_button)
    return dialog


def _page_size(dialog: QPrintDialog) -> QPageSize.PageSizeId:
    return dialog.printer().pageLayout().pageSize().id()


def _to_pdf(printer: QPrinter, path: Path) -> None:
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))


def test_enter_opens_the_print_dialog_on_a4(preview: SlipPreviewDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[QPrintDialog] = []
    monkeypatch.setattr(SlipPreviewDialog, "run_print_dialog", lambda self, d: shown.append(d) or False)
    assert preview.document.pageCount() == 2
    press(None, Qt.Key.Key_Return)
    assert len(shown) == 1 and shown[0] is preview.last_print_dialog
    assert _page_size(shown[0]) == QPageSize.PageSizeId.A4
    assert (shown[0].minPage(), shown[0].maxPage()) == (1, 2)
    assert preview.isVisible()  # cancelled: nothing printed, the preview stays


def test_a5_can_be_chosen_before_printing(preview: SlipPreviewDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SlipPreviewDialog, "run_print_dialog", lambda self, d: False)
    preview.paper.setCurrentText("A5")
    preview.print_slip()
    assert _page_size(preview.last_print_dialog) == QPageSize.PageSizeId.A5


def test_printing_into_a_pdf_file_draws_both_copies(preview: SlipPreviewDialog, tmp_path: Path) -> None:
    printer = preview.make_printer()
    _to_pdf(printer, tmp_path / "printed.pdf")
    assert preview.print_to(printer) == 2
    pages = PdfReader(tmp_path / "printed.pdf").pages
    assert len(pages) == 2
    assert tuple(round(float(v)) for v in pages[0].mediabox[2:]) == A4_POINTS


def test_confirmed_print_dialog_prints_and_closes_the_preview(
    preview: SlipPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed-a5.pdf"

    def confirm(self: SlipPreviewDialog, dialog: QPrintDialog) -> bool:
        _to_pdf(dialog.printer(), out)
        return True

    monkeypatch.setattr(SlipPreviewDialog, "run_print_dialog", confirm)
    preview.paper.setCurrentText("A5")
    assert preview.print_slip() is True
    assert preview.result() == QDialog.DialogCode.Accepted
    pages = PdfReader(out).pages
    assert len(pages) == 2
    assert tuple(round(float(v)) for v in pages[0].mediabox[2:]) == (420, 595)


def test_escape_closes_without_printing(preview: SlipPreviewDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SlipPreviewDialog, "run_print_dialog", lambda self, d: pytest.fail("printed"))
    press(None, Qt.Key.Key_Escape)
    assert preview.result() == QDialog.DialogCode.Rejected and not preview.isVisible()


def test_a_file_that_is_not_a_pdf_cannot_be_printed(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    dialog = SlipPreviewDialog(broken)
    qtbot.addWidget(dialog)
    assert not dialog.print_button.isEnabled()
    assert "Không mở được phiếu" in dialog.status.text()
