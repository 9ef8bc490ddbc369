"""A dossier's timeline: its events in the fold's order, as the clerk reads them.

Each event becomes one line: when it happened (local time, dd/mm/yyyy HH:MM — the payload's business
time ``at`` / ``received_at``, else the recording time converted from UTC to Vietnam's UTC+7), the
action in the clerk's words (``ACTION_VI``), who did it, on which desk, and the details that matter
for that kind (the unit handed to, the reason, the fee, the rating, a correction's old → new value).
Events the state machine did not allow where the fold met them (anomalies) are marked. The lines are
built by plain functions, so they are tested without any widget; ``TimelineTableModel`` shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from desk_app.domain.events import Event, EventKind
from desk_app.domain.lifecycle import ACTION_EN, ACTION_VI, VIETNAM, DossierState
from desk_app.ui.dossier_table_model import ANOMALY_BACKGROUND, format_moment

Index = QModelIndex | QPersistentModelIndex

#: payload key → (Vietnamese, English) label
_LABELS: Mapping[str, tuple[str, str]] = {
    "to_unit": ("Chuyển đến", "Handed to"),
    "from_unit": ("Nhận từ", "Received from"),
    "reason": ("Lý do", "Reason"),
    "items": ("Cần bổ sung", "Needed"),
    "amount": ("Số tiền", "Amount"),
    "new_due_at": ("Hẹn trả mới", "New due date"),
    "due_at": ("Hẹn trả", "Due"),
    "signer": ("Người ký", "Signed by"),
    "to": ("Người nhận", "Collected by"),
    "rating": ("Đánh giá", "Rating"),
    "text": ("Nội dung", "Text"),
    "register": ("Sổ tiếp nhận", "Register"),
    "due_reason": ("Lý do đổi ngày hẹn", "Reason for the due date"),
}
#: corrected field → (Vietnamese, English) label
FIELD_LABELS: Mapping[str, tuple[str, str]] = {
    "applicant_name": ("Họ tên người nộp", "Submitter's name"),
    "applicant_id_number": ("Số CCCD người nộp", "Submitter's ID number"),
    "applicant_birth_date": ("Ngày sinh người nộp", "Submitter's birth date"),
    "applicant_address": ("Địa chỉ người nộp", "Submitter's address"),
    "applicant_phone": ("Điện thoại người nộp", "Submitter's phone"),
    "applicant_email": ("Email người nộp", "Submitter's e-mail"),
    "owner_name": ("Họ tên chủ hồ sơ", "Owner's name"),
    "owner_id_number": ("Số CCCD chủ hồ sơ", "Owner's ID number"),
    "owner_address": ("Địa chỉ chủ hồ sơ", "Owner's address"),
}
#: which payload keys each kind shows, in order
_DETAIL_KEYS: Mapping[EventKind, tuple[str, ...]] = {
    EventKind.RECEIVED: ("register", "due_at", "due_reason"),
    EventKind.SUPPLEMENT_REQUESTED: ("reason", "items"),
    EventKind.SUPPLEMENT_RECEIVED: ("due_at",),
    EventKind.REFUSED: ("reason",),
    EventKind.TRANSFERRED: ("to_unit",),
    EventKind.RESULT_RECEIVED: ("from_unit",),
    EventKind.PAYMENT_REQUESTED: ("amount", "reason"),
    EventKind.FEE_PAID: ("amount",),
    EventKind.EXTENDED: ("new_due_at", "reason", "signer"),
    EventKind.STOPPED: ("reason",),
    EventKind.WITHDRAWN: ("reason",),
    EventKind.RESULT_RETURNED: ("to", "rating"),
    EventKind.DETAILS_CORRECTED: ("reason",),
    EventKind.NOTE: ("text",),
}


@dataclass(frozen=True)
class TimelineEntry:
    """One event as a line of the timeline."""

    at: datetime
    action: str
    actor: str
    device: str
    details: str
    anomaly: str = ""  # why the fold did not apply it, empty for a normal event
    device_id: str = ""


def local_time(event: Event) -> datetime:
    """When the event happened, as a naive Vietnam local time."""
    value = event.payload.get("received_at" if event.kind is EventKind.RECEIVED else "at")
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None:
            return moment.astimezone(VIETNAM).replace(tzinfo=None) if moment.tzinfo else moment
    return event.recorded_at.astimezone(VIETNAM).replace(tzinfo=None)


def action_label(kind: EventKind, language: str = "vi") -> str:
    """The action in the clerk's words, capitalised (``Chuyển hồ sơ đi xử lý``)."""
    text = (ACTION_EN if language == "en" else ACTION_VI)[kind]
    return text[:1].upper() + text[1:]


def _value(key: str, value: Any, language: str) -> str:
    if key in ("due_at", "new_due_at") and isinstance(value, str):
        try:
            return format_moment(datetime.fromisoformat(value))
        except ValueError:
            return value
    if key == "amount" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".") + (" đồng" if language != "en" else " VND")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def event_details(event: Event, language: str = "vi") -> str:
    """The details worth reading for this kind of event, ``Label: value`` joined by ``; ``."""
    payload = dict(event.payload)
    which = 1 if language == "en" else 0
    if event.kind is EventKind.RECEIVED and payload.get("register_volume"):
        number = "no." if language == "en" else "số"
        payload["register"] = f"{payload['register_volume']}, {number} {payload.get('register_number', '?')}"
    parts: list[str] = []
    if event.kind is EventKind.DETAILS_CORRECTED:
        name = str(payload.get("field", ""))
        label = FIELD_LABELS.get(name, (name, name))[which]
        parts.append(f"{label}: {payload.get('old') or '∅'} → {payload.get('new') or '∅'}")
    for key in _DETAIL_KEYS.get(event.kind, ()):
        value = payload.get(key)
        if value not in (None, "", [], ()):
            parts.append(f"{_LABELS[key][which]}: {_value(key, value, language)}")
    return "; ".join(parts)


def timeline_entries(
    events: Iterable[Event], state: DossierState | None = None, own_device: str = "", language: str = "vi"
) -> list[TimelineEntry]:
    """The timeline lines of a dossier's events, kept in the order given (the fold's)."""
    english = language == "en"
    anomalies = {a.event_id: a.message_en if english else a.message_vi for a in (state.anomalies if state else ())}
    this_desk = "Máy này" if language != "en" else "This desk"
    return [
        TimelineEntry(
            at=local_time(event),
            action=action_label(event.kind, language),
            actor=event.actor,
            device=this_desk if own_device and event.device_id == own_device else event.device_id[:8],
            details=event_details(event, language),
            anomaly=anomalies.get(event.id, ""),
            device_id=event.device_id,
        )
        for event in events
    ]


def due_change(events: Sequence[Event], state: DossierState, language: str = "vi") -> str:
    """Why the due date is no longer the one given at receipt (empty when it is)."""
    if state.due_at == state.original_due_at:
        return ""
    for event in reversed(events):
        if event.kind is EventKind.EXTENDED and event.payload.get("reason"):
            prefix = "Extended" if language == "en" else "Gia hạn"
            return f"{prefix}: {event.payload['reason']}"
        if event.kind is EventKind.SUPPLEMENT_RECEIVED and event.payload.get("due_at"):
            return "After the supplement" if language == "en" else "Tính lại sau khi bổ sung hồ sơ"
    return ""


class TimelineTableModel(QAbstractTableModel):
    """The timeline lines in named columns; anomalous events shaded, with their reason as tooltip."""

    TIME, ACTION, ACTOR, DEVICE, DETAILS = range(5)
    COLUMN_COUNT = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []
        self._headers = (
            self.tr("Thời gian"),
            self.tr("Thao tác"),
            self.tr("Người thực hiện"),
            self.tr("Máy"),
            self.tr("Chi tiết"),
        )

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        """Show these lines instead of the current ones."""
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> tuple[TimelineEntry, ...]:
        """The lines shown."""
        return tuple(self._entries)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """One row per event."""
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """The named columns."""
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < self.COLUMN_COUNT:
                return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The line's text; an anomaly's background and reason."""
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                format_moment(entry.at),
                entry.action + (" ⚠" if entry.anomaly else ""),
                entry.actor,
                entry.device,
                entry.details,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.anomaly:
                return entry.anomaly
            if index.column() == self.DEVICE:
                return entry.device_id
            if index.column() == self.DETAILS:
                return entry.details or None
        if role == Qt.ItemDataRole.BackgroundRole and entry.anomaly:
            return QBrush(ANOMALY_BACKGROUND)
        return None
