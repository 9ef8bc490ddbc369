"""The citizen's side of the intake page: the card scan, the submitter, and the owner when different.

A scan (caught wherever the focus is, see ``intake_scanner``, or typed/pasted in the scan field
and Enter) fills the submitter — or the dossier owner when the focus is in the owner's fields.
An unreadable card or a layout we do not know is said in the page's banner, nothing is filled and
the fields stay open for typing. When a complete ID number is there, the citizen's latest dossier
is looked up off the GUI thread and its phone and address fill the empty fields, with a note.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.domain.citizen_card import parse_card_qr
from desk_app.domain.errors import DeskError
from desk_app.ui.context import DeskContext
from desk_app.ui.intake_person import APPLICANT, OWNER, PersonFields

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

KEY_HELP = QT_TRANSLATE_NOOP(
    "CitizenPanel",
    "Phím tắt: quét thẻ bất cứ lúc nào (không cần bấm vào ô) · Alt+1…Alt+9 chọn thủ tục trong danh sách · "
    "↓/↑ rồi Enter chọn thủ tục đang sáng · Ctrl+S hoặc F9 lưu và xem phiếu · Enter in phiếu · Esc đóng phiếu",
)


def previous_contact(desk: Desk, id_number: str) -> dict[str, str] | None:
    """Phone, address and e-mail the citizen gave on their latest dossier (worker thread), or None."""
    from desk_app.store.search import DossierQuery

    rows = desk.find(DossierQuery(text=id_number, limit=1))
    found = desk.dossier(rows[0].id) if rows else None
    if found is None:
        return None
    state = found[0]
    if state.detail("applicant_id_number") == id_number:
        keys = {"phone": "applicant_phone", "address": "applicant_address", "email": "applicant_email"}
    elif state.detail("owner_id_number") == id_number:
        keys = {"address": "owner_address"}
    else:
        return None
    contact = {key: str(state.detail(name) or "") for key, name in keys.items()}
    return {**contact, "code": state.code}


class CitizenPanel(QGroupBox):
    """Scan field, submitter's fields, and the owner's fields behind a tick box."""

    cardRead = Signal(str)  # the holder's name, after a scan filled a person
    message = Signal(str, str)  # text, kind ("error" | "info"): for the page's banner

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.card_qr = ""
        self._looked_up = ""
        self.scan = QLineEdit()
        self.scan.returnPressed.connect(self._scan_field_entered)
        self.applicant = PersonFields(APPLICANT, context.language)
        self.applicant.idNumberComplete.connect(self._id_complete)
        self.owner_toggle = QCheckBox()
        self.owner = PersonFields(OWNER, context.language, contact=False)
        self.owner_box = QGroupBox()
        QVBoxLayout(self.owner_box).addWidget(self.owner)
        self.owner_box.hide()
        self.owner_toggle.toggled.connect(self._owner_toggled)
        help_text = self.help_text = QLabel()
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #666;")
        scan_row = QHBoxLayout()
        self.scan_label = QLabel()
        self.scan_label.setBuddy(self.scan)
        scan_row.addWidget(self.scan_label)
        scan_row.addWidget(self.scan, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(scan_row)
        layout.addWidget(self.applicant)
        layout.addWidget(self.owner_toggle)
        layout.addWidget(self.owner_box)
        layout.addStretch(1)
        layout.addWidget(help_text)
        self.after_scan: Callable[[], None] = lambda: None
        """Called after a scan filled a person (the page moves the focus on)."""
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.setTitle(self.tr("Người nộp hồ sơ"))
        self.scan.setPlaceholderText(self.tr("Quét mã QR trên thẻ CCCD — hoặc gõ thông tin ở dưới"))
        self.scan.setAccessibleName(self.tr("Quét thẻ CCCD"))
        self.scan_label.setText(self.tr("&Quét thẻ"))
        self.owner_toggle.setText(self.tr("Người nộp không phải chủ hồ sơ (nộp thay)"))
        self.owner_box.setTitle(self.tr("Chủ hồ sơ"))
        self.help_text.setText(QCoreApplication.translate("CitizenPanel", KEY_HELP))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, language: str) -> None:
        """The language of the domain's messages under the fields (the window's, after log-in)."""
        self.applicant.language = language
        self.owner.language = language

    def _scan_field_entered(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        if text.strip():
            self.take_scan(text)
        else:
            self.applicant.id_number.setFocus()

    def take_scan(self, raw: str) -> None:
        """Fill a person from a scanned QR text, or say in the banner why it cannot be read."""
        try:
            card = parse_card_qr(raw)
        except DeskError as error:
            self.message.emit(error.text(self.context.language), "error")
            return
        focus = self.focusWidget()
        for_owner = self.owner_box.isVisible() and focus is not None and self.owner_box.isAncestorOf(focus)
        (self.owner if for_owner else self.applicant).fill_from_card(card)
        if not for_owner:
            self.card_qr = card.raw
        if for_owner:
            text = self.tr("Đã đọc thẻ CCCD của chủ hồ sơ: {name} — {number}")
        else:
            text = self.tr("Đã đọc thẻ CCCD của người nộp: {name} — {number}")
        self.message.emit(text.format(name=card.full_name, number=card.id_number), "info")
        self.after_scan()

    def scanned_qr(self) -> str:
        """The scanned QR text if it is the current submitter's card, else ""."""
        number = self.applicant.id_number.text().strip()
        return self.card_qr if number and self.card_qr.startswith(number + "|") else ""

    def _id_complete(self, number: str) -> None:
        desk = self.context.desk
        if desk is None or number == self._looked_up:
            return
        self._looked_up = number
        self.context.tasks.read(
            lambda: previous_contact(desk, number), lambda found: self._previous(number, found), owner=self
        )

    def _previous(self, number: str, found: dict[str, str] | None) -> None:
        if found and self.applicant.id_number.text().strip() == number:
            self.applicant.suggest_contact(found)

    def _owner_toggled(self, on: bool) -> None:
        self.owner_box.setVisible(on)
        if on:
            self.owner.full_name.setFocus()
        else:
            self.owner.clear()

    def problems(self) -> list[tuple[QWidget, str]]:
        """Every problem of the submitter's (and owner's) fields, each shown under its field."""
        found = self.applicant.problems()
        if self.owner_toggle.isChecked():
            found += self.owner.problems()
        return found

    def show_domain_error(self, error: DeskError) -> QWidget | None:
        """Show a refusal under the field it names: the owner's when the message is about the owner."""
        about_owner = self.owner_toggle.isChecked() and (
            OWNER.vi in error.message or (error.field or "").startswith(OWNER.en)
        )
        parts = (self.owner, self.applicant) if about_owner else (self.applicant, self.owner)
        for part in parts:
            field = part.show_domain_error(error)
            if field is not None:
                return field
        return None

    def clear(self) -> None:
        """Empty everything for the next citizen."""
        self.applicant.clear()
        self.owner_toggle.setChecked(False)
        self.owner.clear()
        self.card_qr = ""
        self._looked_up = ""
        self.scan.clear()
