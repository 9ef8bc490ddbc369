"""The due date on the intake page: computed from the procedure, changed only with a stated reason.

The date shown is ``Desk.due_at(procedure, now)``, refreshed by the page while it is open (the
15:00 cut-off of same-day procedures moves it). Changing it takes ticking "Đổi ngày hẹn", which
reveals the date-time field and the reason; a ticked box with no reason is refused before
anything is sent to the desk, and the desk itself refuses a date before the time of receipt. The
slip prints the date stored with the dossier, with the reason and its author kept in the event.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QGridLayout, QLabel, QLineEdit, QWidget

from desk_app.domain.errors import DeskError
from desk_app.ui.intake_person import ERROR_STYLE


def moment_text(when: datetime) -> str:
    """A moment as the slip prints it: "17 giờ 00 phút, ngày 26/11/2026" (in English "17:00, 26/11/2026")."""
    text = QCoreApplication.translate("DueDateBox", "{hour} giờ {minute} phút, ngày {day}")
    return text.format(hour=f"{when.hour:02d}", minute=f"{when.minute:02d}", day=f"{when:%d/%m/%Y}")


class DueDateBox(QWidget):
    """The computed due date, and the optional change with its reason."""

    def __init__(self, language: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.computed: datetime | None = None
        self._duration_label = ""
        self._problem = ""
        self.shown = QLabel()
        self.shown.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.change = QCheckBox()
        self.change.toggled.connect(self._toggled)
        self.edit = QDateTimeEdit()
        self.edit.setDisplayFormat("HH:mm  dd/MM/yyyy")
        self.edit.setCalendarPopup(True)
        self.reason = QLineEdit()
        self.reason.textEdited.connect(lambda _: self.show_error(None))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.shown, 0, 0, 1, 3)
        grid.addWidget(self.change, 1, 0)
        grid.addWidget(self.edit, 1, 1)
        grid.addWidget(self.reason, 1, 2)
        grid.addWidget(self.error, 2, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self.clear()
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every string in the current language."""
        self.change.setText(self.tr("Đổi ngày hẹn"))
        self.edit.setAccessibleName(self.tr("Ngày hẹn mới"))
        self.reason.setPlaceholderText(self.tr("Lý do đổi ngày hẹn (bắt buộc)"))
        self.reason.setAccessibleName(self.tr("Lý do đổi ngày hẹn"))
        self._show_computed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_computed(self) -> None:
        due = self.computed
        if due is None:
            shown = self._problem or "—"
        else:
            shown = moment_text(due) + (f" ({self._duration_label})" if self._duration_label else "")
        self.shown.setText(self.tr("Hẹn trả kết quả: {due}").format(due=shown))

    def set_computed(self, due: datetime | None, duration_label: str = "", problem: str = "") -> None:
        """Show the due date computed for the chosen procedure (None: no procedure or ``problem``)."""
        self.computed = due
        self._duration_label, self._problem = duration_label, problem
        self._show_computed()
        if not self.change.isChecked() and due is not None:
            self.edit.setDateTime(QDateTime(due))

    def _toggled(self, on: bool) -> None:
        self.edit.setVisible(on)
        self.reason.setVisible(on)
        self.show_error(None)
        if on:
            if self.computed is not None:
                self.edit.setDateTime(QDateTime(self.computed))
            self.edit.setFocus()

    def override(self) -> datetime | None:
        """The new due date when the box is ticked, else None."""
        if not self.change.isChecked():
            return None
        return self.edit.dateTime().toPython().replace(second=0, microsecond=0)

    def problem(self) -> str | None:
        """Why the change cannot be saved as it is (shown under it), None when it can."""
        message = None
        if self.change.isChecked() and not self.reason.text().strip():
            message = self.tr("Đổi ngày hẹn trả phải ghi lý do")
        self.show_error(message)
        return message

    def show_domain_error(self, error: DeskError) -> QWidget | None:
        """Show the desk's refusal of the change here; the field it is about, or None if not ours."""
        if error.field == "due_override_reason":
            self.show_error(error.text(self.language))
            return self.reason
        if error.field == "due_override":
            self.show_error(error.text(self.language))
            return self.edit
        return None

    def show_error(self, message: str | None) -> None:
        """Show (None: hide) the message under the change."""
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def clear(self) -> None:
        """Back to the computed date, unticked, no reason."""
        self.change.setChecked(False)
        self.reason.clear()
        self._toggled(False)
