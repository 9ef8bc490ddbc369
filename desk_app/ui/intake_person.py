"""The fields of one person on the intake page — the submitter, or the dossier owner — checked as typed.

Every check is the domain's own (``check_person``, ``check_document_number``), run on one field at
a time: the other values of the probe are harmless placeholders, so the first problem the domain
finds is the probed field's. While a value is still being typed (fewer than 12 digits of an ID
number, half a date, fewer than 10 digits of a phone number) nothing is said; when the field is
left or the form is saved, an empty required field or an unfinished value is reported too.
Messages sit right under their field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from desk_app.domain.citizen_card import CitizenCard, Gender
from desk_app.domain.errors import DeskError, InvalidInput
from desk_app.domain.intake import Person, check_document_number, check_person
from desk_app.domain.text import clean

FIELDS = ("id_number", "full_name", "birth_date", "gender", "address", "phone", "email")
_DATE = re.compile(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})|(\d{2})(\d{2})(\d{4})")
_NOT_PHONE = re.compile(r"[^0-9+\s.\-]")
_PLACEHOLDER_ID = "000000000"  # a 9-digit old ID passes, so a probe reports only the probed field
ERROR_STYLE = "color: #b3261e;"
NOTE_STYLE = "color: #1d5fa8; font-style: italic;"


@dataclass(frozen=True)
class Role:
    """Whose fields these are, as the domain's messages name them."""

    vi: str
    en: str

    def field_keys(self) -> dict[str, str]:
        """The domain's ``DeskError.field`` values for this person → the field keys of this widget."""
        return {
            "id_number": "id_number",
            "birth_date": "birth_date",
            "phone": "phone",
            f"{self.en} name": "full_name",
            f"{self.en} address": "address",
            f"{self.en} email": "email",
        }


APPLICANT = Role("người nộp", "submitter")
OWNER = Role("chủ hồ sơ", "dossier owner")


def parse_birth_date(text: str) -> date:
    """A birth date typed as dd/mm/yyyy (or with '.', '-', spaces, or as ddmmyyyy); InvalidInput otherwise."""
    value = text.strip()
    match = _DATE.fullmatch(value)
    if match is None:
        raise InvalidInput(
            f"Ngày sinh «{value}» phải có dạng ngày/tháng/năm, ví dụ 17/05/1990",
            f"The birth date '{value}' must be day/month/year, e.g. 17/05/1990",
            field="birth_date",
        )
    day, month, year = (int(g) for g in match.groups() if g is not None)
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(
            f"Ngày sinh «{value}» không có thật", f"The birth date '{value}' does not exist", field="birth_date"
        ) from None


class PersonFields(QWidget):
    """Name, ID number, birth date, gender, address (and phone, email for the submitter)."""

    idNumberComplete = Signal(str)  # a 12-digit number consistent with the birth date and gender

    def __init__(self, role: Role, language: str = "vi", contact: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.language = language
        self.edits: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._note_code: str | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self.id_number = self._line("id_number")
        self.full_name = self._line("full_name")
        self.birth_date = self._line("birth_date")
        self.birth_date.setPlaceholderText("dd/mm/yyyy")
        self.birth_date.textChanged.connect(lambda _text: self._check("id_number", final=False))
        self.gender = QComboBox()
        for value in (None, Gender.MALE, Gender.FEMALE):
            self.gender.addItem("", value)
        self.edits["gender"] = self.gender
        self.address = self._line("address")
        self.phone = self._line("phone") if contact else None
        self.email = self._line("email") if contact else None
        self.note = QLabel()
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setWordWrap(True)
        self.note.hide()
        row = self._row(grid, 0, "id_number", None)
        row = self._row(grid, row, "full_name", None)
        row = self._row(grid, row, "birth_date", "gender")
        row = self._row(grid, row, "address", None)
        if contact:
            row = self._row(grid, row, "phone", "email")
        grid.addWidget(self.note, row, 1, 1, 3)
        self.gender.currentIndexChanged.connect(lambda _: self._check("id_number", final=False))
        self.retranslate()

    # -- strings ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every label, placeholder and name in the current language (typed values stay)."""
        names = {
            "id_number": self.tr("Số CCCD"),
            "full_name": self.tr("Họ và tên"),
            "birth_date": self.tr("Ngày sinh"),
            "gender": self.tr("Giới tính"),
            "address": self.tr("Địa chỉ"),
            "phone": self.tr("Điện thoại"),
            "email": self.tr("Email"),
        }
        for key, label in self.labels.items():
            label.setText(names[key])
        for key, widget in self.edits.items():
            widget.setAccessibleName(names[key])
        self.id_number.setAccessibleName(self.tr("Số CCCD / hộ chiếu"))
        self.id_number.setPlaceholderText(self.tr("12 chữ số"))
        self.address.setPlaceholderText(self.tr("Nơi cư trú"))
        if self.phone is not None:
            self.phone.setPlaceholderText(self.tr("10 chữ số, bắt đầu bằng 0"))
        self.gender.setItemText(1, self.tr("Nam"))
        self.gender.setItemText(2, self.tr("Nữ"))
        if self._note_code is not None:
            self._show_note(self._note_code)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- building --------------------------------------------------------------------------------

    def _line(self, key: str) -> QLineEdit:
        edit = QLineEdit()
        edit.textEdited.connect(lambda _text, k=key: self._typed(k))
        edit.textChanged.connect(lambda _text, k=key: self._check(k, final=False))
        edit.editingFinished.connect(lambda k=key: self._check(k, final=True))
        self.edits[key] = edit
        return edit

    def _row(self, grid: QGridLayout, row: int, left: str, right: str | None) -> int:
        """One row of one or two fields; each field's message gets a full-width row below."""
        pairs = [key for key in (left, right) if key is not None]
        for column, key in zip((0, 2), pairs, strict=False):
            label = QLabel()
            label.setBuddy(self.edits[key])
            self.labels[key] = label
            grid.addWidget(label, row, column)
            grid.addWidget(self.edits[key], row, column + 1, 1, 3 if right is None else 1)
        for offset, key in enumerate(pairs, start=1):
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            self.errors[key] = error
            grid.addWidget(error, row + offset, 1, 1, 3)
        return row + 1 + len(pairs)

    # -- values ----------------------------------------------------------------------------------

    def _text(self, key: str) -> str:
        edit = self.edits.get(key)
        return edit.text() if isinstance(edit, QLineEdit) else ""

    def _gender(self) -> Gender | None:
        data = self.gender.currentData()
        return Gender(data) if data else None

    def _birth(self) -> date | None:
        try:
            return parse_birth_date(self.birth_date.text()) if self.birth_date.text().strip() else None
        except InvalidInput:
            return None

    def person(self) -> Person:
        """The person as typed (an unreadable birth date counts as none; ``problems`` reports it)."""
        return Person(
            full_name=self.full_name.text(),
            id_number=self.id_number.text(),
            birth_date=self._birth(),
            gender=self._gender(),
            address=self.address.text(),
            phone=self._text("phone"),
            email=self._text("email"),
        )

    def is_empty(self) -> bool:
        """Nothing typed in any field."""
        return not any(self._text(key).strip() for key in FIELDS) and self.gender.currentIndex() <= 0

    # -- checks ----------------------------------------------------------------------------------

    def problem(self, key: str, final: bool) -> str | None:
        """What is wrong with one field now (``final``: the clerk has left it or saves), or None."""
        try:
            self._probe(key, final)
        except DeskError as error:
            return error.text(self.language)
        return None

    def _probe(self, key: str, final: bool) -> None:
        text = self._text(key)
        if key == "gender":
            return
        if key == "id_number":
            value = re.sub(r"\s+", "", text)
            if not final and (not value or (value.isdigit() and len(value) < 12)):
                return
            birth = self._birth()
            check_document_number(value, birth, self._gender())
            return
        if key == "birth_date":
            digits = sum(ch.isdigit() for ch in text)
            if not text.strip() or (not final and digits < 8):
                return
            birth = parse_birth_date(text)
            check_person(Person("A", _PLACEHOLDER_ID, birth_date=birth), self.role.vi, self.role.en, date.today())
            return
        if key == "full_name" and not final and not text.strip():
            return
        if key == "phone" and not final and sum(ch.isdigit() for ch in text) < 10 and not _NOT_PHONE.search(text):
            return
        values = {"full_name": "A", "id_number": _PLACEHOLDER_ID, key: text}
        check_person(Person(**values), self.role.vi, self.role.en, date.today())

    def _check(self, key: str, final: bool) -> str | None:
        message = self.problem(key, final)
        self.show_error(key, message)
        if key == "id_number" and message is None:
            value = re.sub(r"\s+", "", self.id_number.text())
            if len(value) == 12 and value.isdigit():
                self.idNumberComplete.emit(value)
        return message

    def _typed(self, key: str) -> None:
        if key in ("phone", "address", "email"):
            self._hide_note()

    def _show_note(self, code: str) -> None:
        self._note_code = code
        self.note.setText(self.tr("Lấy từ hồ sơ trước ({code}) — kiểm tra lại với công dân").format(code=code))
        self.note.show()

    def _hide_note(self) -> None:
        self._note_code = None
        self.note.hide()

    def problems(self) -> list[tuple[QWidget, str]]:
        """Every field's problem as if the clerk saved now, each shown under its field."""
        found = []
        for key in FIELDS:
            if key in self.errors:
                message = self._check(key, final=True)
                if message:
                    found.append((self.edits[key], message))
        return found

    def show_error(self, key: str, message: str | None) -> None:
        """Show (or with None clear) the message under a field."""
        label = self.errors.get(key)
        if label is None:
            return
        label.setText(message or "")
        label.setVisible(bool(message))

    def show_domain_error(self, error: DeskError) -> QWidget | None:
        """Show a refusal of the domain under the field it names; that field, or None if not ours."""
        key = self.role.field_keys().get(error.field or "")
        if key is None:
            return None
        self.show_error(key, error.text(self.language))
        return self.edits[key]

    # -- filling ---------------------------------------------------------------------------------

    def fill_from_card(self, card: CitizenCard) -> None:
        """Put what the card's QR says in the fields (what the clerk typed there is replaced)."""
        self.full_name.setText(card.full_name)
        self.birth_date.setText(f"{card.birth_date:%d/%m/%Y}")
        self.gender.setCurrentIndex(self.gender.findData(card.gender))
        self.address.setText(card.address)
        self.id_number.setText(card.id_number)
        for edit in (self.full_name, self.address):
            edit.setCursorPosition(0)  # a long address shows its beginning (house, village), not its end
        self._hide_note()

    def suggest_contact(self, previous: dict[str, str]) -> None:
        """Fill the empty contact fields from the citizen's previous dossier, and say so."""
        filled = []
        for key in ("phone", "address", "email"):
            edit = self.edits.get(key)
            value = clean(previous.get(key) or "")
            if isinstance(edit, QLineEdit) and value and not edit.text().strip():
                edit.setText(value)
                edit.setCursorPosition(0)
                filled.append(key)
        if filled:
            self._show_note(previous.get("code", ""))

    def clear(self) -> None:
        """Empty every field and message."""
        for key, edit in self.edits.items():
            if isinstance(edit, QLineEdit):
                edit.clear()
            self.show_error(key, None)
        self.gender.setCurrentIndex(0)
        self._hide_note()
