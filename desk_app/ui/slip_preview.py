"""The slip preview: the archived Mẫu 01 PDF on screen, printed with Enter, closed with Esc.

The PDF is shown with QtPdf (``QPdfDocument`` + ``QPdfView``). "In (Enter)" opens the system's
print dialog (``QPrintDialog``) on a printer set to the chosen paper — A4 by default, A5 on request —
and, once accepted, draws each page of the PDF into the printer, rendered by ``QPdfDocument`` at
``PRINT_DPI`` and scaled to the printable page keeping its proportions (A4 and A5 share them, so
an A4 slip fills an A5 sheet exactly, 71 % of its size).

The modal part is one method, ``run_print_dialog``, so tests replace it and check the dialog that
was made (paper size, pages) and print into a PDF file instead of a printer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

PRINT_DPI = 300
PAPER_SIZES = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5}


class SlipPreviewDialog(QDialog):
    """Shows a slip PDF; Enter prints it (through the print dialog), Esc closes."""

    def __init__(self, pdf_path: Path, parent: QWidget | None = None, *, title: str | None = None) -> None:
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.title = title  # another form than the slip (Mẫu 02–06) names itself
        self.resize(760, 900)
        self.document = QPdfDocument(self)
        self.load_error = self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.paper = QComboBox()
        self.paper.addItems(list(PAPER_SIZES))
        self.paper_label = paper_label = QLabel()
        paper_label.setBuddy(self.paper)
        self.print_button = QPushButton()
        self.print_button.setDefault(True)
        self.print_button.setAutoDefault(True)
        self.print_button.clicked.connect(self.print_slip)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.status = QLabel()
        self._printer_failed = False
        if self.load_error != QPdfDocument.Error.None_:
            self.print_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(paper_label)
        buttons.addWidget(self.paper)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.print_button.setFocus()
        self.last_printer: QPrinter | None = None
        self.last_print_dialog: QPrintDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.setWindowTitle(self.title or self.tr("Phiếu tiếp nhận — {code}").format(code=self.pdf_path.stem))
        self.paper.setAccessibleName(self.tr("Khổ giấy"))
        self.paper_label.setText(self.tr("&Khổ giấy"))
        self.print_button.setText(self.tr("In (Enter)"))
        self.close_button.setText(self.tr("Đóng (Esc)"))
        if self._printer_failed:
            self.status.setText(self.tr("Không in được: máy in không sẵn sàng."))
        elif self.load_error != QPdfDocument.Error.None_:
            self.status.setText(self.tr("Không mở được phiếu {name} để xem trước.").format(name=self.pdf_path.name))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def make_printer(self) -> QPrinter:
        """A printer set for the slip: the chosen paper (A4 by default), portrait, whole page."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        printer.setPageSize(QPageSize(PAPER_SIZES.get(self.paper.currentText(), QPageSize.PageSizeId.A4)))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        printer.setDocName(self.title or self.tr("Phiếu tiếp nhận {code}").format(code=self.pdf_path.stem))
        return printer

    def make_print_dialog(self, printer: QPrinter) -> QPrintDialog:
        """The print dialog for ``printer``, both copies (Liên 1 and Liên 2) selected."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("In phiếu tiếp nhận hồ sơ"))
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        return dialog

    def run_print_dialog(self, dialog: QPrintDialog) -> bool:
        """Show the print dialog modally; whether the clerk confirmed it (tests replace this)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_slip(self) -> bool:
        """Ask where and how to print, then print; whether anything was printed."""
        printer = self.make_printer()
        dialog = self.make_print_dialog(printer)
        self.last_printer, self.last_print_dialog = printer, dialog  # the dialog does not own the printer
        if not self.run_print_dialog(dialog):
            return False
        printed = self.print_to(printer)
        if printed:
            self.accept()
        return printed > 0

    def print_to(self, printer: QPrinter) -> int:
        """Draw the PDF's pages (or the range chosen in the dialog) into ``printer``; pages printed."""
        count = self.document.pageCount()
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
        painter = QPainter()
        if count == 0 or not painter.begin(printer):
            self._printer_failed = True
            self.retranslate()
            return 0
        try:
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                self._draw_page(painter, printer, number - 1)
        finally:
            painter.end()
        return last - first + 1

    def _draw_page(self, painter: QPainter, printer: QPrinter, index: int) -> None:
        """One PDF page, rendered at PRINT_DPI, centred and scaled to fit the printer's page."""
        target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        points = self.document.pagePointSize(index)
        scale = min(target.width() / points.width(), target.height() / points.height())
        width, height = points.width() * scale, points.height() * scale
        left, top = target.x() + (target.width() - width) / 2, target.y() + (target.height() - height) / 2
        box = QRectF(left, top, width, height)
        pixels = QSize(round(points.width() / 72 * PRINT_DPI), round(points.height() / 72 * PRINT_DPI))
        painter.drawImage(box, self.document.render(index, pixels))
