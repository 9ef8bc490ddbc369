"""The small dialogs of the clerk's actions on a dossier (request a supplement, refuse, hand over…).

One ``ActionDialog`` class serves every action: ``FIELDS`` says which fields each event kind asks for
(a line, several lines, a choice, a date and time), and ``perform`` turns what was typed into the call
of ``desk_app.services.actions`` that checks and records it. The dialog is keyboard-driven: Enter
confirms (Ctrl+Enter inside a several-lines field, where Enter starts a new line), Esc cancels.
Confirming does not close the dialog: it emits ``submitted`` with the values, and the page runs the
action on the writer thread; then ``finish()`` closes it, or ``show_error()`` shows the refusal and
keeps everything the clerk typed.

Labels are Vietnamese source strings marked with ``QT_TRANSLATE_NOOP`` (context ``ActionDialog``)
and translated at use; English lives in ``resources/i18n/mot_cua_en.ts``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.events import Event, EventKind
from desk_app.domain.intake import CORRECTABLE_FIELDS
from desk_app.domain.lifecycle import DossierState
from desk_app.ui.dossier_timeline import FIELD_LABELS, action_label, translated

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

CONTEXT = "ActionDialog"
FieldKind = Literal["line", "lines", "choice", "datetime"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of an action's dialog: its payload name, label (source string) and kind."""

    name: str
    label: str
    kind: FieldKind = "line"
    choices: tuple[tuple[str, str], ...] = ()  # (value, label source string) for a choice


_REASON = FieldSpec("reason", QT_TRANSLATE_NOOP("ActionDialog", "Lý do"))
_NOTE = FieldSpec("note", QT_TRANSLATE_NOOP("ActionDialog", "Ghi chú"))
_AMOUNT = FieldSpec("amount", QT_TRANSLATE_NOOP("ActionDialog", "Số tiền (đồng)"))
_METHODS = (
    ("cash", QT_TRANSLATE_NOOP("ActionDialog", "Tiền mặt")),
    ("transfer", QT_TRANSLATE_NOOP("ActionDialog", "Chuyển khoản")),
    ("online", QT_TRANSLATE_NOOP("ActionDialog", "Thanh toán trực tuyến")),
)
_RATINGS = (
    ("Rất hài lòng", QT_TRANSLATE_NOOP("ActionDialog", "Rất hài lòng")),
    ("Hài lòng", QT_TRANSLATE_NOOP("ActionDialog", "Hài lòng")),
    ("Không hài lòng", QT_TRANSLATE_NOOP("ActionDialog", "Không hài lòng")),
)
_DELIVERIES = (
    ("desk", QT_TRANSLATE_NOOP("ActionDialog", "Tại Bộ phận Một cửa")),
    ("post", QT_TRANSLATE_NOOP("ActionDialog", "Qua dịch vụ bưu chính công ích")),
)
#: the fields each action asks for, in tab order
FIELDS: Mapping[EventKind, tuple[FieldSpec, ...]] = {
    EventKind.SUPPLEMENT_REQUESTED: (
        FieldSpec("items", QT_TRANSLATE_NOOP("ActionDialog", "Cần bổ sung (mỗi dòng một mục)"), "lines"),
        _REASON,
        FieldSpec("contact", QT_TRANSLATE_NOOP("ActionDialog", "Liên hệ (cán bộ, điện thoại)")),
    ),
    EventKind.SUPPLEMENT_RECEIVED: (_NOTE,),
    EventKind.REFUSED: (_REASON,),
    EventKind.TRANSFERRED: (FieldSpec("to_unit", QT_TRANSLATE_NOOP("ActionDialog", "Chuyển đến")), _NOTE),
    EventKind.RESULT_RECEIVED: (FieldSpec("from_unit", QT_TRANSLATE_NOOP("ActionDialog", "Nhận từ")), _NOTE),
    EventKind.PAYMENT_REQUESTED: (_AMOUNT, FieldSpec("reason", QT_TRANSLATE_NOOP("ActionDialog", "Nội dung thu"))),
    EventKind.FEE_PAID: (
        _AMOUNT,
        FieldSpec("method", QT_TRANSLATE_NOOP("ActionDialog", "Hình thức nộp"), "choice", _METHODS),
    ),
    EventKind.EXTENDED: (
        FieldSpec("new_due_at", QT_TRANSLATE_NOOP("ActionDialog", "Hẹn trả mới"), "datetime"),
        _REASON,
    ),
    EventKind.STOPPED: (_REASON,),
    EventKind.WITHDRAWN: (_REASON,),
    EventKind.RESULT_RETURNED: (
        FieldSpec("rating", QT_TRANSLATE_NOOP("ActionDialog", "Đánh giá của công dân"), "choice", _RATINGS),
        FieldSpec("delivery", QT_TRANSLATE_NOOP("ActionDialog", "Hình thức trả"), "choice", _DELIVERIES),
        FieldSpec("comment", QT_TRANSLATE_NOOP("ActionDialog", "Ý kiến (không bắt buộc)")),
    ),
    EventKind.DETAILS_CORRECTED: (
        FieldSpec(
            "field",
            QT_TRANSLATE_NOOP("ActionDialog", "Thông tin cần sửa"),
            "choice",
            tuple((name, FIELD_LABELS[name]) for name in CORRECTABLE_FIELDS),
        ),
        FieldSpec("new", QT_TRANSLATE_NOOP("ActionDialog", "Giá trị mới")),
        _REASON,
    ),
    EventKind.NOTE: (FieldSpec("text", QT_TRANSLATE_NOOP("ActionDialog", "Nội dung")),),
}


def label(source: str) -> str:
    """A source string of this module in the window's language."""
    return QCoreApplication.translate(CONTEXT, source)


def _choice_label(spec: FieldSpec, source: str) -> str:
    return translated(source) if spec.name == "field" else label(source)


def perform(
    desk: Desk, kind: EventKind, dossier_id: str, values: Mapping[str, Any], actor: str, now: datetime
) -> DossierState:
    """Run the action ``kind`` with the dialog's ``values`` (off the GUI thread, on the writer)."""
    actions = _actions()
    v = values
    match kind:
        case EventKind.SUPPLEMENT_REQUESTED:
            items = str(v["items"]).splitlines()
            return actions.request_supplement(desk, dossier_id, items, v["reason"], v["contact"], actor, now)
        case EventKind.SUPPLEMENT_RECEIVED:
            return actions.receive_supplement(desk, dossier_id, actor, now, v["note"])
        case EventKind.REFUSED:
            return actions.refuse(desk, dossier_id, v["reason"], actor, now)
        case EventKind.TRANSFERRED:
            return actions.transfer(desk, dossier_id, v["to_unit"], actor, now, v["note"])
        case EventKind.RESULT_RECEIVED:
            return actions.receive_result(desk, dossier_id, v["from_unit"], v["note"], actor, now)
        case EventKind.PAYMENT_REQUESTED:
            amount = actions.parse_amount(v["amount"])
            return actions.request_payment(desk, dossier_id, amount, actor, now, v["reason"])
        case EventKind.FEE_PAID:
            return actions.record_fee(desk, dossier_id, actions.parse_amount(v["amount"]), v["method"], actor, now)
        case EventKind.EXTENDED:
            return actions.extend(desk, dossier_id, v["new_due_at"], v["reason"], actor, actor, now)
        case EventKind.STOPPED:
            return actions.stop(desk, dossier_id, v["reason"], actor, now)
        case EventKind.WITHDRAWN:
            return actions.withdraw(desk, dossier_id, v["reason"], actor, now)
        case EventKind.RESULT_RETURNED:
            return actions.return_result(desk, dossier_id, v["rating"], actor, now, v["comment"], v["delivery"])
        case EventKind.DETAILS_CORRECTED:
            return actions.correct_detail(desk, dossier_id, v["field"], v["new"], actor, now, v["reason"])
        case EventKind.NOTE:
            return actions.add_note(desk, dossier_id, v["text"], actor, now)
    raise ValueError(f"no dialog for {kind}")


def _last_unit(events: list[Event]) -> str:
    """The unit the dossier was last handed to (the likely sender of the result)."""
    for event in reversed(events):
        if event.kind is EventKind.TRANSFERRED:
            return str(event.payload.get("to_unit", ""))
    return ""


class ActionDialog(QDialog):
    """The fields of one action; ``submitted`` carries the values, the page answers with finish/show_error."""

    submitted = Signal(dict)

    def __init__(
        self,
        kind: EventKind,
        state: DossierState,
        events: list[Event],
        language: str = "vi",
        signer_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._state = state
        self.setWindowTitle(f"{action_label(kind, language)} — {state.code}")
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        for spec in FIELDS[kind]:
            widget = self._make(spec)
            self.widgets[spec.name] = widget
            form.addRow(label(spec.label) + ":", widget)
        self.info_label = QLabel(self._info(kind, signer_name))
        self.info_label.setWordWrap(True)
        self.info_label.setVisible(bool(self.info_label.text()))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Xác nhận"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._prefill(events, signer_name)
        self.setMinimumWidth(480)

    def _make(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "lines":
            lines = QPlainTextEdit()
            lines.setTabChangesFocus(True)
            lines.setFixedHeight(90)
            return lines
        if spec.kind == "choice":
            combo = QComboBox()
            for value, source in spec.choices:
                combo.addItem(_choice_label(spec, source), value)
            return combo
        if spec.kind == "datetime":
            edit = QDateTimeEdit()
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.setCalendarPopup(True)
            return edit
        return QLineEdit()

    def _info(self, kind: EventKind, signer_name: str) -> str:
        if kind is EventKind.SUPPLEMENT_REQUESTED:
            return self.tr("Ghi một lần đủ mọi giấy tờ còn thiếu. Thời hạn giải quyết tạm dừng từ lúc này.")
        if kind is EventKind.SUPPLEMENT_RECEIVED:
            return self.tr("Thời hạn giải quyết chạy tiếp; hẹn trả được tính lại theo thời gian đã chờ bổ sung.")
        if kind is EventKind.EXTENDED:
            return self.tr("Văn bản xin lỗi và gia hạn (Mẫu 04), người ký: %s") % signer_name
        return ""

    def _prefill(self, events: list[Event], signer_name: str) -> None:
        state = self._state
        if self.kind is EventKind.SUPPLEMENT_REQUESTED and signer_name:
            self.line("contact").setText(signer_name)
        elif self.kind is EventKind.RESULT_RECEIVED:
            self.line("from_unit").setText(_last_unit(events))
        elif self.kind is EventKind.EXTENDED:
            edit = self.widgets["new_due_at"]
            assert isinstance(edit, QDateTimeEdit)
            edit.setDateTime(QDateTime(state.due_at + timedelta(days=1)))
        elif self.kind is EventKind.RESULT_RETURNED:
            self.choose("delivery", str(state.received.get("result_delivery") or "desk"))
        elif self.kind is EventKind.DETAILS_CORRECTED:
            combo = self.combo("field")
            combo.currentIndexChanged.connect(self._show_current_value)
            self._show_current_value()
        first = next(iter(self.widgets.values()), None)
        if first is not None:
            first.setFocus()

    def _show_current_value(self) -> None:
        value = self._state.detail(self.combo("field").currentData())
        self.line("new").setText(str(value or ""))

    # -- access (for the page and the tests) --------------------------------------------------------

    def line(self, name: str) -> QLineEdit:
        """The one-line field ``name``."""
        widget = self.widgets[name]
        assert isinstance(widget, QLineEdit)
        return widget

    def combo(self, name: str) -> QComboBox:
        """The choice field ``name``."""
        widget = self.widgets[name]
        assert isinstance(widget, QComboBox)
        return widget

    def choose(self, name: str, value: str) -> None:
        """Select the choice whose value is ``value`` (no change when there is none)."""
        combo = self.combo(name)
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def values(self) -> dict[str, Any]:
        """What the clerk typed or chose, by payload name."""
        result: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QPlainTextEdit):
                result[name] = widget.toPlainText()
            elif isinstance(widget, QComboBox):
                result[name] = widget.currentData()
            elif isinstance(widget, QDateTimeEdit):
                result[name] = widget.dateTime().toPython().replace(second=0, microsecond=0)
            elif isinstance(widget, QLineEdit):
                result[name] = widget.text()
        return result

    # -- the answer of the page ---------------------------------------------------------------------

    def accept(self) -> None:
        """Enter / Xác nhận: hand the values to the page (the dialog stays open until it answers)."""
        if not self.ok_button.isEnabled():
            return
        self.ok_button.setEnabled(False)
        self.error_label.hide()
        self.submitted.emit(self.values())

    def finish(self) -> None:
        """The action was recorded: close."""
        self.ok_button.setEnabled(True)
        self.done(QDialog.DialogCode.Accepted)

    def show_error(self, text: str) -> None:
        """The action was refused: say why, keep what was typed, let the clerk try again."""
        self.error_label.setText(text)
        self.error_label.show()
        self.ok_button.setEnabled(True)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Enter confirms from any one-line field or choice; Esc cancels (QDialog's own handling)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPlainTextEdit):
            self.accept()
            return
        super().keyPressEvent(event)


def _actions() -> Any:
    """The actions service, imported on first use (it is not needed to paint the window)."""
    from desk_app.services import actions

    return actions
