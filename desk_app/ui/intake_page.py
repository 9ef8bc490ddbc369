"""Tiếp nhận hồ sơ — the clerk's main screen: from the citizen's card to the printed slip, by keyboard.

Scan the card (the scanner's typing is caught wherever the focus is: ``intake_scanner``) or type
the details; pick the procedure by code or by words without tones (``intake_procedure_picker``);
tick the papers and see the fee (``intake_papers``) and the due date (``intake_due``); save with
Ctrl+S (or F9). The save runs on the desk's writer thread; on success the page shows the new code,
emits ``saved(dossier_id)`` and ``context.dossierChanged``, archives the slip off the GUI thread and
opens its preview, where Enter prints; the form is cleared for the next citizen and the focus goes
back to the scan field. A refusal is shown under the field it names, and everything typed stays.

The common path, counted by ``tests/benchmarks/test_keystrokes.py``: scan (0 keys: the scanner
types) → ``ban sao`` or Alt+n → Enter → the number of copies → Ctrl+S → Enter (print dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import DeskError
from desk_app.domain.intake import Channel, IntakeForm, ResultDelivery
from desk_app.domain.procedures import Catalogue, Procedure
from desk_app.ui.context import DeskContext
from desk_app.ui.intake_citizen import CitizenPanel
from desk_app.ui.intake_due import DueDateBox, moment_text
from desk_app.ui.intake_papers import FeeCounts, PapersChecklist
from desk_app.ui.intake_person import ERROR_STYLE
from desk_app.ui.intake_procedure_picker import ProcedurePicker
from desk_app.ui.intake_scanner import CardScanListener
from desk_app.ui.slip_preview import SlipPreviewDialog

if TYPE_CHECKING:
    from desk_app.domain.lifecycle import DossierState
    from desk_app.services.desk import Desk, Received

SAVE_KEYS = ("Ctrl+S", "F9")
DUE_REFRESH_MS = 30_000
BANNER_STYLES = {
    "error": "background: #fdecea; color: #8c1d18; border: 1px solid #e6a19c; padding: 6px; font-weight: 600;",
    "info": "background: #e8f3ea; color: #1e5a2b; border: 1px solid #9fcca9; padding: 6px;",
}
# the domain's choices → their Vietnamese names (as ``label_vi`` prints them), translated at use
CHOICE_LABELS = {
    Channel.DESK.value: QT_TRANSLATE_NOOP("IntakePage", "Trực tiếp"),
    Channel.ONLINE.value: QT_TRANSLATE_NOOP("IntakePage", "Trực tuyến"),
    Channel.POST.value: QT_TRANSLATE_NOOP("IntakePage", "Qua bưu chính công ích"),
    "result:" + ResultDelivery.DESK.value: QT_TRANSLATE_NOOP("IntakePage", "Tại Bộ phận Một cửa"),
    "result:" + ResultDelivery.POST.value: QT_TRANSLATE_NOOP("IntakePage", "Qua dịch vụ bưu chính công ích"),
}


def _local_now() -> datetime:
    return datetime.now().replace(microsecond=0)


def archive_for_preview(desk: Desk, state: DossierState, clerk_name: str) -> Path:
    """Archive the slip of a dossier just received (worker thread); the PDF's path."""
    from desk_app.services.slips import archive_slip

    return archive_slip(desk, state, clerk_name)


class IntakePage(QWidget):
    """The intake screen (see the module docstring)."""

    saved = Signal(str)  # the new dossier's id

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.clock: Callable[[], datetime] = _local_now
        self.last_code = ""
        self.last_slip: Path | None = None
        self.preview: SlipPreviewDialog | None = None
        self._saving = False
        self._build()
        self.scanner = CardScanListener(self)
        self.scanner.scanned.connect(self.take_scan)
        for keys in SAVE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        self.picker.install_shortcuts(self)
        self._due_timer = QTimer(self)
        self._due_timer.setInterval(DUE_REFRESH_MS)
        self._due_timer.timeout.connect(self._update_due)
        context.deskReady.connect(self._desk_ready)
        if context.desk is not None:
            self._desk_ready()
        self.retranslate()

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        language = self.context.language
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.citizen = CitizenPanel(self.context)
        self.citizen.message.connect(self.show_banner)
        self.citizen.after_scan = self._after_scan
        self.scan = self.citizen.scan
        self.picker = ProcedurePicker()
        self.picker.picked.connect(self._picked)
        self.procedure_error = self._error_label()
        self.papers = PapersChecklist()
        self.fee = FeeCounts()
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label_vi, channel)
        self.delivery = QComboBox()
        for choice in ResultDelivery:
            self.delivery.addItem(choice.label_vi, choice)
        self.due = DueDateBox(language)
        self.save_button = QPushButton()
        self.save_button.setStyleSheet("font-weight: 600; padding: 6px 18px;")
        self.save_button.clicked.connect(self.save)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.clear_form)
        self.save_error = self._error_label()
        self.result = QLabel()
        self.result.setStyleSheet("color: #1e5a2b; font-weight: 600;")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setWordWrap(True)
        self._lay_out()

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def _lay_out(self) -> None:
        procedure = self.procedure_box = QGroupBox()
        QVBoxLayout(procedure).addWidget(self.picker)
        procedure.layout().addWidget(self.procedure_error)
        papers = self.papers_box = QGroupBox()
        papers_layout = QVBoxLayout(papers)
        papers_layout.addWidget(self.papers, 1)
        papers_layout.addWidget(self.fee)
        options = QHBoxLayout()
        self.channel_label, self.delivery_label = QLabel(), QLabel()
        for label, widget in ((self.channel_label, self.channel), (self.delivery_label, self.delivery)):
            label.setBuddy(widget)
            options.addWidget(label)
            options.addWidget(widget, 1)
        papers_layout.addLayout(options)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.new_button)
        actions.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(procedure, 3)
        right.addWidget(papers, 5)
        right.addWidget(self.due)
        right.addWidget(self.save_error)
        right.addWidget(self.result)
        right.addLayout(actions)
        self.citizen.setMinimumWidth(400)
        columns = QHBoxLayout()
        columns.addWidget(self.citizen, 5)
        columns.addLayout(right, 6)
        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(self.banner)
        body.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- strings ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every string in the current language (the clerk may switch it at log-in)."""
        language = self.context.language
        self.citizen.set_language(language)
        self.due.language = language
        self.procedure_box.setTitle(self.tr("Thủ tục"))
        self.papers_box.setTitle(self.tr("Giấy tờ nộp và phí"))
        self.channel_label.setText(self.tr("Hình thức nộp"))
        self.delivery_label.setText(self.tr("Nhận kết quả"))
        for combo, prefix in ((self.channel, ""), (self.delivery, "result:")):
            for index in range(combo.count()):
                source = CHOICE_LABELS[prefix + str(combo.itemData(index))]
                combo.setItemText(index, QCoreApplication.translate("IntakePage", source))
        self.save_button.setText(self.tr("Lưu và in phiếu  ({keys})").format(keys=" / ".join(SAVE_KEYS)))
        self.new_button.setText(self.tr("Nhập hồ sơ mới"))
        if not self.procedure_error.isHidden() and self.picker.procedure() is None:
            self.procedure_error.setText(self._no_procedure())
        self._update_due()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _no_procedure(self) -> str:
        return self.tr("Chưa chọn thủ tục: gõ mã hoặc tên thủ tục rồi nhấn Enter")

    # -- lifecycle -------------------------------------------------------------------------------

    def _desk_ready(self) -> None:
        desk = self.context.desk
        if desk is not None:
            self.context.tasks.read(desk.catalogue, self._catalogue_loaded, self._failed, owner=self)

    def _catalogue_loaded(self, catalogue: Catalogue) -> None:
        self.picker.set_catalogue(catalogue)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Listen for scans and keep the due date current while the page is visible."""
        super().showEvent(event)
        self.scanner.start()
        self._due_timer.start()
        if self.focusWidget() is None:
            self.scan.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        """Stop listening when another page is shown."""
        self.scanner.stop()
        self._due_timer.stop()
        super().hideEvent(event)

    def new_dossier(self) -> None:
        """Ready for the next citizen (the window's F2): the scan field focused, nothing typed is lost."""
        self.window().activateWindow()
        self.scan.setFocus()

    # -- messages --------------------------------------------------------------------------------

    def show_banner(self, text: str, kind: str = "error") -> None:
        """A message across the top of the page ("" hides it)."""
        self.banner.setText(text)
        self.banner.setStyleSheet(BANNER_STYLES[kind])
        self.banner.setVisible(bool(text))

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, DeskError):
            raise error
        self.show_banner(error.text(self.context.language))

    # -- the card --------------------------------------------------------------------------------

    def take_scan(self, raw: str) -> None:
        """A scan caught by the listener: the citizen panel fills the fields or says what is wrong."""
        self.citizen.take_scan(raw)

    def _after_scan(self) -> None:
        if self.picker.procedure() is None:
            self.picker.search.setFocus()

    # -- the procedure ---------------------------------------------------------------------------

    def _picked(self, procedure: Procedure) -> None:
        self.procedure_error.hide()
        self.papers.set_papers(procedure.papers)
        self.fee.set_rule(procedure.fee)
        self._update_due()
        if self.fee.counts_matter():
            self.fee.copies.setFocus()
            self.fee.copies.selectAll()
        elif self.papers.first_box() is not None:
            self.papers.first_box().setFocus()

    def _update_due(self) -> None:
        procedure, desk = self.picker.procedure(), self.context.desk
        if procedure is None or desk is None:
            self.due.set_computed(None)
            return
        try:
            duration = procedure.duration
            label = duration.label_en() if self.context.language == "en" else duration.label_vi()
            self.due.set_computed(desk.due_at(procedure.code, self.clock()), label)
        except DeskError as error:
            self.due.set_computed(None, problem=error.text(self.context.language))

    # -- saving ----------------------------------------------------------------------------------

    def form(self) -> IntakeForm:
        """The form as filled in now (the procedure must be chosen)."""
        procedure = self.picker.procedure()
        owner = self.citizen.owner.person() if self.citizen.owner_toggle.isChecked() else None
        return IntakeForm(
            applicant=self.citizen.applicant.person(),
            procedure_code=procedure.code if procedure else "",
            papers=self.papers.papers(),
            owner=owner,
            copies=self.fee.copies.value(),
            pages=self.fee.pages.value(),
            channel=Channel(self.channel.currentData()),
            result_delivery=ResultDelivery(self.delivery.currentData()),
            due_override=self.due.override(),
            due_override_reason=self.due.reason.text(),
            card_qr=self.citizen.scanned_qr(),
        )

    def _problems(self) -> list[tuple[QWidget, str]]:
        problems = self.citizen.problems()
        if self.picker.procedure() is None:
            self.procedure_error.setText(self._no_procedure())
            self.procedure_error.show()
            problems.append((self.picker.search, self.procedure_error.text()))
        message = self.due.problem()
        if message:
            problems.append((self.due.reason, message))
        return problems

    def save(self) -> None:
        """Check the form and receive the dossier on the writer thread (Ctrl+S / F9)."""
        desk = self.context.desk
        if desk is None or self._saving:
            return
        self.save_error.hide()
        problems = self._problems()
        if problems:
            self.save_error.setText(self.tr("Chưa lưu: còn %n chỗ cần sửa (chữ đỏ).", "", len(problems)))
            self.save_error.show()
            problems[0][0].setFocus()
            return
        form, now, actor = self.form(), self.clock(), self.context.actor
        self._saving = True
        self.save_button.setEnabled(False)
        self.context.tasks.write(lambda: desk.receive(form, actor, now=now), self._received, self._refused, owner=self)

    def _refused(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if not isinstance(error, DeskError):
            self.save_error.setText(self.tr("Chưa lưu được hồ sơ: lỗi không mong đợi ({error}).").format(error=error))
            self.save_error.show()
            raise error
        message = error.text(self.context.language)
        field = self.citizen.show_domain_error(error) or self.due.show_domain_error(error)
        if field is None and error.field == "code":
            self.procedure_error.setText(message)
            self.procedure_error.show()
            field = self.picker.search
        self.save_error.setText(self.tr("Chưa lưu: {message}").format(message=message))
        self.save_error.show()
        if field is not None:
            field.setFocus()

    def _received(self, received: Received) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        state = received.state
        self.last_code = state.code
        self.result.setText(
            self.tr("Đã tiếp nhận hồ sơ {code} — hẹn trả {due}").format(code=state.code, due=moment_text(state.due_at))
        )
        self.clear_form()
        self.saved.emit(state.dossier_id)
        self.context.dossierChanged.emit(state.dossier_id)
        desk = self.context.desk
        clerk = self.context.actor_display or self.context.actor
        if desk is not None:
            self.context.tasks.read(
                lambda: archive_for_preview(desk, state, clerk), self._slip_ready, self._slip_failed, owner=self
            )

    def _slip_ready(self, path: Path) -> None:
        self.last_slip = path
        self.preview = SlipPreviewDialog(path, self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()
        self.preview.print_button.setFocus()

    def _preview_closed(self, _result: Any = None) -> None:
        self.preview = None
        self.window().activateWindow()
        self.scan.setFocus()

    def _slip_failed(self, error: BaseException) -> None:
        detail = error.text(self.context.language) if isinstance(error, DeskError) else str(error)
        self.show_banner(
            self.tr("Hồ sơ {code} đã lưu nhưng chưa ghi được phiếu tiếp nhận: {detail}").format(
                code=self.last_code, detail=detail
            )
        )

    def clear_form(self) -> None:
        """Empty the form for the next citizen; the focus goes back to the scan field."""
        self.citizen.clear()
        self.picker.clear()
        self.papers.set_papers(())
        self.fee.set_rule(None)
        self.channel.setCurrentIndex(0)
        self.delivery.setCurrentIndex(0)
        self.due.clear()
        self.due.set_computed(None)
        self.procedure_error.hide()
        self.save_error.hide()
        self.show_banner("")
        self.scan.setFocus()
