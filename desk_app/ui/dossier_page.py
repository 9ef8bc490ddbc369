"""A dossier's page: who brought what, where it stands, and everything that happened to it.

``show_dossier(code_or_id)`` reads the dossier off the GUI thread (``Desk.dossier``: its folded state
and its events) and shows the header (code, status, overdue badge, procedure, submitter and owner,
received and due — with the original due date and the reason when it moved), anomalies in a warning
box, the actions its status allows (listed, and as one button each), the scanned papers
(``desk_app.ui.dossier_scans``) and the timeline (``desk_app.ui.dossier_timeline``). "In lại giấy tiếp
nhận" asks the window to reprint the Mẫu 01 slip through ``reprintRequested``; "In phiếu kiểm soát (Mẫu
06)", shown once the dossier has been handed over at least once, archives its control sheet off the
GUI thread and opens it in ``SlipPreviewDialog``. The page reloads when
``DeskContext.dossierChanged`` names the dossier shown.

Actions: a button per action the status allows (``TRANSITIONS``); the extension (Mẫu 04) only for a
leader or an admin, who signs it. Each opens an ``ActionDialog`` (``desk_app.ui.dossier_actions``);
the action runs on the writer thread (``context.tasks.write``); on success the dialog closes,
``dossierChanged`` is emitted (so this page and the lists reload) and, for an action with a printed
form (``actions.FORM_OF``: Mẫu 02, 03, 04, 05), ``formRequested(dossier id, event kind)`` asks the
window to print it; a refusal is shown in the dialog, which keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.events import Event, EventKind
from desk_app.domain.lifecycle import TRANSITIONS, DossierState
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_actions import ActionDialog, perform
from desk_app.ui.dossier_scans import DossierScansWidget
from desk_app.ui.dossier_table_model import format_moment
from desk_app.ui.dossier_timeline import (
    TimelineTableModel,
    action_label,
    due_change,
    format_dong,
    timeline_entries,
)
from desk_app.ui.slip_preview import SlipPreviewDialog

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

Loaded = tuple[DossierState, list[Event], str] | None  # state, events, this desk's device id

_BADGE = "QLabel {{ background: {bg}; color: {fg}; border-radius: 4px; padding: 2px 8px; font-weight: bold; }}"
_WARNING_BOX = "QFrame#anomalies { background: #fff3cd; border: 1px solid #e0a800; border-radius: 4px; }"
SIGNER_ROLES = frozenset({"leader", "admin"})  # who may sign an extension (Mẫu 04)
BUTTONS_PER_ROW = 5
NOT_BUTTONS = frozenset({EventKind.RECEIVED, EventKind.PAPER_SCANNED})  # recorded otherwise (intake, scans)
HANDOVER_KINDS = frozenset({EventKind.TRANSFERRED, EventKind.RESULT_RECEIVED, EventKind.RESULT_RETURNED})


def allowed_actions(state: DossierState) -> list[EventKind]:
    """The actions the dossier's status allows now (receipt and scans aside: they have their own place)."""
    return [
        kind for kind, (allowed, _target) in TRANSITIONS.items() if kind not in NOT_BUTTONS and state.status in allowed
    ]


def actions_for_role(state: DossierState, role: str) -> list[EventKind]:
    """The actions the status allows that this account may take (the extension: leaders and admins)."""
    return [kind for kind in allowed_actions(state) if kind is not EventKind.EXTENDED or role in SIGNER_ROLES]


def has_handover(events: list[Event]) -> bool:
    """Whether the dossier has been handed over at least once (its control sheet, Mẫu 06, has a row)."""
    return any(event.kind in HANDOVER_KINDS for event in events)


def _archive_control_sheet(desk: Desk, dossier_id: str) -> Path:
    """Runs off the GUI thread: the dossier's control sheet (Mẫu 06) archived, its PDF's path."""
    from desk_app.services.forms import archive_control_sheet

    return archive_control_sheet(desk, dossier_id)


def _load(desk: Desk, code_or_id: str) -> Loaded:
    """Runs off the GUI thread: the dossier's state and events, and this desk's device id."""
    found = desk.dossier(code_or_id)
    if found is None:
        return None
    profile = desk.profile()
    return found[0], found[1], profile.device_id if profile else ""


class DossierPage(QWidget):
    """One dossier: header, anomalies, allowed actions, timeline."""

    reprintRequested = Signal(str)  # the dossier id whose Mẫu 01 slip should be printed again
    loaded = Signal(str)  # the dossier id now shown
    formRequested = Signal(str, str)  # dossier id, event kind: an action with a printed form was recorded

    def __init__(
        self, context: DeskContext, parent: QWidget | None = None, *, now: Callable[[], datetime] = datetime.now
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._now = now
        self._generation = 0
        self._requested = ""
        self.state: DossierState | None = None
        self.events: list[Event] = []
        self._shown_details: dict[str, str] = {}
        self._own_device = ""
        self._message: Callable[[], str] = lambda: self.tr("Chưa chọn hồ sơ")

        self.code_label = QLabel()
        font = self.code_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = QLabel()
        self.overdue_badge = QLabel()
        self.overdue_badge.setStyleSheet(_BADGE.format(bg="#c62828", fg="white"))
        self.reprint_button = QPushButton()
        self.reprint_button.setEnabled(False)
        self.control_button = QPushButton()
        self.control_button.setObjectName("controlSheet")
        self.control_button.hide()
        self.control_dialog: SlipPreviewDialog | None = None
        self.message_label = QLabel()
        self.procedure_label = QLabel()
        self.procedure_label.setWordWrap(True)
        self.details = QHBoxLayout()
        self._detail_grids = (QGridLayout(), QGridLayout())
        for grid, stretch in zip(self._detail_grids, (3, 2), strict=True):
            grid.setHorizontalSpacing(12)
            grid.setColumnStretch(1, 1)
            grid.setRowStretch(99, 1)
            self.details.addLayout(grid, stretch)
        self.anomaly_box = QFrame()
        self.anomaly_box.setObjectName("anomalies")
        self.anomaly_box.setStyleSheet(_WARNING_BOX)
        self.anomaly_label = QLabel()
        self.anomaly_label.setWordWrap(True)
        self.actions_label = QLabel()
        self.actions_label.setWordWrap(True)
        self.actions_grid = QGridLayout()
        self.action_buttons: dict[EventKind, QPushButton] = {}
        self.action_dialog: ActionDialog | None = None
        self.scans = DossierScansWidget(context)
        self.timeline = TimelineTableModel(self)
        self.timeline_view = QTableView()
        self.timeline_view.setModel(self.timeline)
        self.timeline_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline_view.verticalHeader().hide()
        self.timeline_view.setWordWrap(True)
        header = self.timeline_view.horizontalHeader()
        header.setSectionsClickable(False)
        header.setSectionResizeMode(TimelineTableModel.DETAILS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 125), (1, 190), (2, 120), (3, 90)):
            self.timeline_view.setColumnWidth(column, width)

        self._lay_out()
        self.reprint_button.clicked.connect(self._on_reprint)
        self.control_button.clicked.connect(self.print_control_sheet)
        context.dossierChanged.connect(self._on_dossier_changed)
        self.retranslate()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.code_label)
        top.addWidget(self.status_badge)
        top.addWidget(self.overdue_badge)
        top.addStretch(1)
        top.addWidget(self.control_button)
        top.addWidget(self.reprint_button)
        box = QVBoxLayout(self.anomaly_box)
        box.addWidget(self.anomaly_label)
        title = self.timeline_title = QLabel()
        title.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(self.procedure_label)
        layout.addLayout(self.details)
        layout.addWidget(self.anomaly_box)
        layout.addWidget(self.actions_label)
        layout.addLayout(self.actions_grid)
        scans_title = self.scans_title = QLabel()
        scans_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(scans_title)
        layout.addWidget(self.scans)
        layout.addWidget(title)
        layout.addWidget(self.timeline_view, 1)

    # -- strings ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every string in the current language; the dossier shown is shown again."""
        self.overdue_badge.setText(self.tr("QUÁ HẠN"))
        self.reprint_button.setText(self.tr("In lại giấy tiếp nhận"))
        self.control_button.setText(self.tr("In phiếu kiểm soát (Mẫu 06)"))
        self.timeline_title.setText(self.tr("Quá trình xử lý"))
        self.scans_title.setText(self.tr("Giấy tờ đã số hóa"))
        self.timeline.retranslate()
        if self.state is not None:
            self._show_state(self.state, self.events, self._own_device)
        else:
            self._show_message(self._message)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ------------------------------------------------------------------------------

    @property
    def dossier_id(self) -> str:
        """The id of the dossier shown (empty when none)."""
        return self.state.dossier_id if self.state else ""

    def show_dossier(self, code_or_id: str) -> None:
        """Read the dossier off the GUI thread and show it when it arrives."""
        desk = self._context.desk
        self._generation += 1
        generation, self._requested = self._generation, code_or_id.strip()
        if desk is None:
            self._show_message(lambda: self.tr("Đang mở dữ liệu…"))
            return
        if self.state is None or code_or_id not in (self.state.dossier_id, self.state.code):
            self._show_message(lambda: self.tr("Đang mở hồ sơ…"))
        requested = self._requested
        self._context.tasks.read(
            lambda: _load(desk, requested),
            lambda loaded: self.on_loaded(generation, loaded),
            lambda error: self._on_error(generation, error),
            self,
        )

    def on_loaded(self, generation: int, loaded: Loaded) -> None:
        """The dossier arrived: show it, unless another was asked for since."""
        if generation != self._generation:
            return
        if loaded is None:
            requested = self._requested
            self._show_message(lambda: self.tr("Không tìm thấy hồ sơ «%s»") % requested)
            return
        state, events, own_device = loaded
        self.state, self.events, self._own_device = state, events, own_device
        self._show_state(state, events, own_device)
        self.loaded.emit(state.dossier_id)

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._show_message(lambda: self._context.error_text(error))

    def _on_dossier_changed(self, dossier_id: str) -> None:
        if self.state is not None and dossier_id == self.state.dossier_id:
            self.show_dossier(dossier_id)

    def _on_reprint(self) -> None:
        if self.state is not None:
            self.reprintRequested.emit(self.state.dossier_id)

    def print_control_sheet(self) -> None:
        """Archive the control sheet (Mẫu 06) of the dossier shown off the GUI thread, then preview it."""
        desk = self._context.desk
        if desk is None or self.state is None or not has_handover(self.events):
            return
        dossier_id = self.state.dossier_id
        self.control_button.setEnabled(False)
        self._context.tasks.read(
            lambda: _archive_control_sheet(desk, dossier_id),
            self._show_control_sheet,
            self._control_sheet_failed,
            self,
        )

    def _show_control_sheet(self, path: Path) -> None:
        self.control_button.setEnabled(True)
        if self.control_dialog is not None:
            self.control_dialog.close()
        code = self.state.code if self.state is not None else path.stem
        title = self.tr("Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06) — %s") % code
        self.control_dialog = SlipPreviewDialog(path, self, title=title)
        self.control_dialog.open()

    def _control_sheet_failed(self, error: BaseException) -> None:
        self.control_button.setEnabled(True)
        reason = self._context.error_text(error)
        self.message_label.setText(self.tr("Không in được phiếu kiểm soát: %s") % reason)
        self.message_label.show()

    # -- showing ------------------------------------------------------------------------------

    def _show_message(self, message: Callable[[], str]) -> None:
        """Show no dossier but a message (a function, so that it can be read again in another language)."""
        self.state, self.events, self._message = None, [], message
        self.message_label.setText(message())
        self.message_label.show()
        self.code_label.clear()
        for widget in (self.status_badge, self.overdue_badge, self.anomaly_box, self.procedure_label):
            widget.hide()
        self.actions_label.clear()
        self._fill_buttons([], "vi")
        self._fill_details(())
        self.timeline.set_entries([])
        self.scans.set_dossier(None, [])
        self.reprint_button.setEnabled(False)
        self.control_button.hide()

    def _show_state(self, state: DossierState, events: list[Event], own_device: str) -> None:
        english = self._context.language == "en"
        language = "en" if english else "vi"
        self.message_label.hide()
        self.code_label.setText(state.code)
        self.status_badge.setText(state.status.label_en if english else state.status.label_vi)
        self.status_badge.setStyleSheet(_BADGE.format(bg="#e3f2fd", fg="#0d47a1"))
        self.status_badge.show()
        overdue = state.is_overdue(self._now())
        self.overdue_badge.setVisible(overdue)
        self.overdue_badge.setToolTip(self.tr("Quá hạn từ %s") % format_moment(state.due_at) if overdue else "")
        received = state.received
        self.procedure_label.setText(
            self.tr("Thủ tục: %s — %s") % (received.get("procedure_code", ""), received.get("procedure_name", ""))
        )
        self.procedure_label.show()
        self._fill_details(self._detail_rows(state, events, language))
        if state.anomalies:
            lines = [a.message_en if english else a.message_vi for a in state.anomalies]
            heading = self.tr("⚠ Hồ sơ có %n sự kiện bất thường cần người xem xét:", "", len(lines))
            self.anomaly_label.setText("\n".join([heading, *(f"• {line}" for line in lines)]))
            self.anomaly_box.show()
        else:
            self.anomaly_box.hide()
        actions = [action_label(kind, language) for kind in allowed_actions(state)]
        self.actions_label.setText(self.tr("<b>Thao tác được phép:</b> %s") % ", ".join(actions))
        self._fill_buttons(actions_for_role(state, self._context.role), language)
        self.timeline.set_entries(timeline_entries(events, state, own_device, language))
        self.timeline_view.resizeRowsToContents()
        self.scans.set_dossier(state, events)
        self.reprint_button.setEnabled(True)
        self.control_button.setVisible(has_handover(events))

    def _detail_rows(
        self, state: DossierState, events: list[Event], language: str
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Who (left column) and when (right column)."""
        detail = state.detail
        people = [
            (self.tr("Người nộp"), detail("applicant_name") or ""),
            (self.tr("Số CCCD"), detail("applicant_id_number") or ""),
            (self.tr("Điện thoại"), detail("applicant_phone") or ""),
            (self.tr("Địa chỉ"), detail("applicant_address") or ""),
        ]
        if detail("owner_name"):
            owner = ", ".join(v for v in (detail("owner_id_number"), detail("owner_address")) if v)
            people.append((self.tr("Chủ hồ sơ"), detail("owner_name") + (f" ({owner})" if owner else "")))
        due = format_moment(state.due_at)
        moved = due_change(events, state)
        if moved:
            due += "\n" + self.tr("Hẹn ban đầu %s — %s") % (format_moment(state.original_due_at), moved)
        computed, reason = state.received.get("computed_due_at"), state.received.get("due_reason")
        if computed and reason:
            due += "\n" + self.tr("Theo quy định: %s; đổi khi tiếp nhận vì: %s") % (
                format_moment(datetime.fromisoformat(computed)),
                reason,
            )
        times = [(self.tr("Ngày nhận"), format_moment(state.received_at)), (self.tr("Hẹn trả"), due)]
        if state.paused_at:
            times.append((self.tr("Tạm dừng từ"), format_moment(state.paused_at)))
        if state.finished_at:
            times.append((self.tr("Kết thúc xử lý"), format_moment(state.finished_at)))
        if state.returned_at:
            rating = f" — {state.rating}" if state.rating else ""
            times.append((self.tr("Đã trả kết quả"), format_moment(state.returned_at) + rating))
        if state.fee_paid:
            times.append((self.tr("Phí, lệ phí đã nộp"), format_dong(state.fee_paid)))
        return people, times

    def _fill_details(self, columns: tuple[list[tuple[str, str]], ...]) -> None:
        self._shown_details = {}
        for grid in self._detail_grids:
            while grid.count():
                widget = grid.takeAt(0).widget()
                if widget is not None:
                    widget.setParent(None)
                    widget.deleteLater()
        for grid, rows in zip(self._detail_grids, columns, strict=False):
            for row, (label, value) in enumerate(rows):
                name = QLabel(label + ":")
                name.setStyleSheet("color: #555;")
                text = QLabel(value)
                text.setWordWrap(True)
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(text, row, 1, Qt.AlignmentFlag.AlignTop)
                self._shown_details[label] = value

    def detail_texts(self) -> dict[str, str]:
        """The header's label → value pairs as shown (for tests and the screen reader)."""
        return dict(self._shown_details)

    # -- actions ------------------------------------------------------------------------------

    def _fill_buttons(self, kinds: list[EventKind], language: str) -> None:
        """One button per action this account may take now, in the state machine's order."""
        for button in self.action_buttons.values():
            self.actions_grid.removeWidget(button)
            button.setParent(None)
            button.deleteLater()
        self.action_buttons = {}
        for position, kind in enumerate(kinds):
            button = QPushButton(action_label(kind, language))
            button.setObjectName(f"action_{kind.value}")
            button.clicked.connect(lambda _checked=False, k=kind: self.open_action(k))
            self.actions_grid.addWidget(button, position // BUTTONS_PER_ROW, position % BUTTONS_PER_ROW)
            self.action_buttons[kind] = button

    def open_action(self, kind: EventKind) -> ActionDialog | None:
        """Open the dialog of ``kind`` for the dossier shown (window-modal; the page answers its submit)."""
        if self.state is None or kind not in self.action_buttons:
            return None
        if self.action_dialog is not None:
            self.action_dialog.close()
        signer = self._context.actor_display or self._context.actor
        dialog = ActionDialog(kind, self.state, self.events, self._context.language, signer, self)
        dialog.submitted.connect(lambda values, d=dialog: self._run_action(d, values))
        self.action_dialog = dialog
        dialog.open()
        return dialog

    def _run_action(self, dialog: ActionDialog, values: dict) -> None:
        desk, state = self._context.desk, self.state
        if desk is None or state is None:
            dialog.show_error(self.tr("Dữ liệu chưa mở xong, thử lại sau giây lát."))
            return
        kind, dossier_id, actor = dialog.kind, state.dossier_id, self._context.actor
        now = self._now().replace(microsecond=0)
        self._context.tasks.write(
            lambda: perform(desk, kind, dossier_id, values, actor, now),
            lambda _state: self._action_done(dialog, kind, dossier_id),
            lambda error: self._action_failed(dialog, error),
            self,
        )

    def _action_done(self, dialog: ActionDialog, kind: EventKind, dossier_id: str) -> None:
        dialog.finish()
        if self.action_dialog is dialog:
            self.action_dialog = None
        self._context.dossierChanged.emit(dossier_id)
        from desk_app.services.actions import FORM_OF  # on use: keeps the services off the start-up path

        if kind in FORM_OF:
            self.formRequested.emit(dossier_id, kind.value)

    def _action_failed(self, dialog: ActionDialog, error: BaseException) -> None:
        text = getattr(error, "text", None)
        if callable(text):
            dialog.show_error(text(self._context.language))
            return
        dialog.show_error(self.tr("Lỗi không mong đợi, thao tác chưa được ghi: %s") % error)
        raise error
