"""The papers received (a checklist with counts of originals and copies) and the fee, on the intake page.

The checklist comes from the chosen procedure's catalogue entry with the catalogue's counts: every
required paper ticked in advance (the clerk unticks what the citizen did not bring), every paper the
catalogue marks ``conditional`` ("nếu có", "nếu nộp hồ sơ thay") left unticked until the citizen hands
it in. Nothing is guessed from the names: the catalogue says which is which. The slip lists only
ticked papers, with the counts as left in the spin boxes.

The fee is computed as the counts change (``fee_for``); the number of copies and of pages are asked
only when the procedure's fee depends on them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QSpinBox, QWidget

from desk_app.domain.fees import FeeKind, FeeRule, fee_for, format_vnd
from desk_app.domain.intake import MAX_COUNT, MAX_PAGES, PaperReceived
from desk_app.domain.procedures import RequiredPaper


def _count_box(maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setFixedWidth(64)
    return box


class PapersChecklist(QScrollArea):
    """One row per required paper: received or not, how many originals, how many copies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumHeight(110)
        self._rows: list[tuple[QCheckBox, str, QSpinBox, QSpinBox]] = []
        self._headers: list[QLabel] = []
        self._hint: QLabel | None = None
        self._inner = QWidget()
        self._grid = QGridLayout(self._inner)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._grid.setHorizontalSpacing(8)
        self._grid.setColumnStretch(1, 1)
        self.setWidget(self._inner)
        self.set_papers(())

    def retranslate(self) -> None:
        """Re-read every string in the current language (the papers' names are the catalogue's)."""
        headers = ("", self.tr("Giấy tờ nộp (đánh dấu ✓ giấy công dân nộp)"), self.tr("Bản chính"), self.tr("Bản sao"))
        for label, text in zip(self._headers, headers, strict=False):
            label.setText(text)
        if self._hint is not None:
            self._hint.setText(self.tr("Chọn thủ tục để hiện các giấy tờ phải nộp."))
        for _tick, _name, originals, copies in self._rows:
            originals.setAccessibleName(self.tr("Số bản chính"))
            copies.setAccessibleName(self.tr("Số bản sao"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_papers(self, papers: tuple[RequiredPaper, ...]) -> None:
        """Show the papers of a procedure, ticked in advance (see the module docstring)."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self._rows = []
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)
        self._headers = []
        for column in range(4):
            label = QLabel()
            label.setStyleSheet("font-weight: 600;")
            self._grid.addWidget(label, 0, column)
            self._headers.append(label)
        self._hint = None
        if not papers:
            self._hint = QLabel()
            self._grid.addWidget(self._hint, 1, 1)
        for row, paper in enumerate(papers, start=1):
            tick = QCheckBox()
            tick.setAccessibleName(paper.name)
            shown_only = paper.shown_only and "xuất trình" not in paper.name
            # the paper's name is the catalogue's (Vietnamese); only the mark added to it is ours
            name = QLabel(paper.name + (self.tr(" — xuất trình") if shown_only else ""))
            name.setWordWrap(True)
            name.setBuddy(tick)
            originals, copies = _count_box(MAX_COUNT), _count_box(MAX_COUNT)
            originals.setValue(paper.originals)
            copies.setValue(paper.copies)
            tick.toggled.connect(lambda on, a=originals, b=copies, n=name: self._enable(on, a, b, n))
            tick.setChecked(not paper.conditional)  # a paper needed only in some cases waits for the clerk
            self._enable(tick.isChecked(), originals, copies, name)
            for column, widget in enumerate((tick, name, originals, copies)):
                self._grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignTop)
            self._rows.append((tick, paper.name, originals, copies))
        self._grid.setRowStretch(len(papers) + 1, 1)
        self.retranslate()

    @staticmethod
    def _enable(on: bool, originals: QSpinBox, copies: QSpinBox, name: QLabel) -> None:
        originals.setEnabled(on)
        copies.setEnabled(on)
        name.setEnabled(on)

    def papers(self) -> tuple[PaperReceived, ...]:
        """The ticked papers with their counts."""
        return tuple(
            PaperReceived(name, originals.value(), copies.value())
            for tick, name, originals, copies in self._rows
            if tick.isChecked()
        )

    def first_box(self) -> QWidget | None:
        """The first tick box (where Tab lands in the checklist), None when there are no papers."""
        return self._rows[0][0] if self._rows else None


class FeeCounts(QWidget):
    """Copies and pages (when the fee counts them) and the fee, recomputed as they change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rule: FeeRule | None = None
        self.copies = _count_box(MAX_COUNT)
        self.copies.setMinimum(1)
        self.pages = _count_box(MAX_PAGES)
        self.pages.setMinimum(1)
        self.copies_label = QLabel()
        self.copies_label.setBuddy(self.copies)
        self.pages_label = QLabel()
        self.pages_label.setBuddy(self.pages)
        self.fee = QLabel()
        self.fee.setStyleSheet("font-weight: 600;")
        self.rule_text = QLabel()
        self.rule_text.setStyleSheet("color: #555;")
        self.rule_text.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.copies_label, self.copies, self.pages_label, self.pages, self.fee):
            row.addWidget(widget)
        row.addWidget(self.rule_text, 1)
        self.copies.valueChanged.connect(self._update)
        self.pages.valueChanged.connect(self._update)
        self.set_rule(None)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.copies_label.setText(self.tr("Số bản"))
        self.copies.setAccessibleName(self.tr("Số bản"))
        self.pages_label.setText(self.tr("Số trang mỗi bản"))
        self.pages.setAccessibleName(self.tr("Số trang mỗi bản"))
        self._update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_rule(self, rule: FeeRule | None) -> None:
        """The fee rule of the chosen procedure (None: none chosen); counts go back to 1."""
        self._rule = rule
        kind = rule.kind if rule else FeeKind.NONE
        counts_copies = kind in (FeeKind.PER_COPY, FeeKind.PER_PAGE)
        for widget in (self.copies_label, self.copies):
            widget.setVisible(counts_copies)
        for widget in (self.pages_label, self.pages):
            widget.setVisible(kind is FeeKind.PER_PAGE)
        self.copies.setValue(1)
        self.pages.setValue(1)
        self.rule_text.setText(rule.describe_vi() if rule else "")
        self._update()

    def counts_matter(self) -> bool:
        """Whether the clerk has a count to type (the fee depends on copies or pages)."""
        return self.copies.isVisibleTo(self)

    def amount(self) -> int:
        """The fee in đồng for the current counts (0 when nothing is chosen)."""
        return fee_for(self._rule, self.copies.value(), self.pages.value()) if self._rule else 0

    def _update(self) -> None:
        if self._rule is None:
            shown = "—"
        else:
            amount = self.amount()
            shown = format_vnd(amount) if amount else self.tr("Miễn phí")
        self.fee.setText(self.tr("Phí, lệ phí: {amount}").format(amount=shown))
        self.changed.emit()
