"""A dossier's timeline: its events in the fold's order, as the clerk reads them.

Each event becomes one line: when it happened (local time, dd/mm/yyyy HH:MM — the payload's business
time ``at`` / ``received_at``, else the recording time converted from UTC to Vietnam's UTC+7), the
action in the clerk's words (``ACTION_VI``), who did it, on which desk, and the details that matter
for that kind (the unit handed to, the reason, the fee, the rating, a correction's old → new value).
Events the state machine did not allow where the fold met them (anomalies) are marked. The lines are
built by plain functions, so they are tested without any widget; ``TimelineTableModel`` shows them.

Languages: the labels written here are Vietnamese source strings translated by Qt (context
``DossierTimeline``, English in ``resources/i18n/mot_cua_en.ts``); what the domain already names in
both languages (the actions, the anomalies' reasons) is picked by the ``language`` argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from desk_app.domain.events import Event, EventKind
from desk_app.domain.lifecycle import ACTION_EN, ACTION_VI, VIETNAM, DossierState
from desk_app.ui.dossier_table_model import ANOMALY_BACKGROUND, format_moment
from desk_app.ui.table_model import NamedColumnsTableModel

Index = QModelIndex | QPersistentModelIndex

CONTEXT = "DossierTimeline"
# payload key → its label (a Vietnamese source string, translated at use)
_LABELS: Mapping[str, str] = {
    "to_unit": QT_TRANSLATE_NOOP("DossierTimeline", "Chuyển đến"),
    "from_unit": QT_TRANSLATE_NOOP("DossierTimeline", "Nhận từ"),
    "reason": QT_TRANSLATE_NOOP("DossierTimeline", "Lý do"),
    "items": QT_TRANSLATE_NOOP("DossierTimeline", "Cần bổ sung"),
    "amount": QT_TRANSLATE_NOOP("DossierTimeline", "Số tiền"),
    "new_due_at": QT_TRANSLATE_NOOP("DossierTimeline", "Hẹn trả mới"),
    "due_at": QT_TRANSLATE_NOOP("DossierTimeline", "Hẹn trả"),
    "signer": QT_TRANSLATE_NOOP("DossierTimeline", "Người ký"),
    "to": QT_TRANSLATE_NOOP("DossierTimeline", "Người nhận"),
    "rating": QT_TRANSLATE_NOOP("DossierTimeline", "Đánh giá"),
    "text": QT_TRANSLATE_NOOP("DossierTimeline", "Nội dung"),
    "register": QT_TRANSLATE_NOOP("DossierTimeline", "Sổ tiếp nhận"),
    "due_reason": QT_TRANSLATE_NOOP("DossierTimeline", "Lý do đổi ngày hẹn"),
    "contact": QT_TRANSLATE_NOOP("DossierTimeline", "Liên hệ"),
    "note": QT_TRANSLATE_NOOP("DossierTimeline", "Ghi chú"),
    "method": QT_TRANSLATE_NOOP("DossierTimeline", "Hình thức nộp"),
    "delivery": QT_TRANSLATE_NOOP("DossierTimeline", "Hình thức trả"),
    "comment": QT_TRANSLATE_NOOP("DossierTimeline", "Ý kiến"),
    "paper": QT_TRANSLATE_NOOP("DossierTimeline", "Giấy tờ"),
    "file_name": QT_TRANSLATE_NOOP("DossierTimeline", "Tệp"),
}
# payload key → stored value → its label (coded values, and the ratings, which are stored in Vietnamese)
_VALUE_LABELS: Mapping[str, Mapping[str, str]] = {
    "method": {
        "cash": QT_TRANSLATE_NOOP("DossierTimeline", "tiền mặt"),
        "transfer": QT_TRANSLATE_NOOP("DossierTimeline", "chuyển khoản"),
        "online": QT_TRANSLATE_NOOP("DossierTimeline", "trực tuyến"),
    },
    "delivery": {
        "desk": QT_TRANSLATE_NOOP("DossierTimeline", "tại Bộ phận Một cửa"),
        "post": QT_TRANSLATE_NOOP("DossierTimeline", "qua bưu chính công ích"),
    },
    "rating": {
        "Rất hài lòng": QT_TRANSLATE_NOOP("DossierTimeline", "Rất hài lòng"),
        "Hài lòng": QT_TRANSLATE_NOOP("DossierTimeline", "Hài lòng"),
        "Không hài lòng": QT_TRANSLATE_NOOP("DossierTimeline", "Không hài lòng"),
    },
}
# corrected field → its label (a Vietnamese source string, translated at use)
FIELD_LABELS: Mapping[str, str] = {
    "applicant_name": QT_TRANSLATE_NOOP("DossierTimeline", "Họ tên người nộp"),
    "applicant_id_number": QT_TRANSLATE_NOOP("DossierTimeline", "Số CCCD người nộp"),
    "applicant_birth_date": QT_TRANSLATE_NOOP("DossierTimeline", "Ngày sinh người nộp"),
    "applicant_address": QT_TRANSLATE_NOOP("DossierTimeline", "Địa chỉ người nộp"),
    "applicant_phone": QT_TRANSLATE_NOOP("DossierTimeline", "Điện thoại người nộp"),
    "applicant_email": QT_TRANSLATE_NOOP("DossierTimeline", "Email người nộp"),
    "owner_name": QT_TRANSLATE_NOOP("DossierTimeline", "Họ tên chủ hồ sơ"),
    "owner_id_number": QT_TRANSLATE_NOOP("DossierTimeline", "Số CCCD chủ hồ sơ"),
    "owner_address": QT_TRANSLATE_NOOP("DossierTimeline", "Địa chỉ chủ hồ sơ"),
}
# which payload keys each kind shows, in order
_DETAIL_KEYS: Mapping[EventKind, tuple[str, ...]] = {
    EventKind.RECEIVED: ("register", "due_at", "due_reason"),
    EventKind.SUPPLEMENT_REQUESTED: ("reason", "items", "contact"),
    EventKind.SUPPLEMENT_RECEIVED: ("due_at", "note"),
    EventKind.REFUSED: ("reason",),
    EventKind.TRANSFERRED: ("to_unit", "note"),
    EventKind.RESULT_RECEIVED: ("from_unit", "note"),
    EventKind.PAYMENT_REQUESTED: ("amount", "reason"),
    EventKind.FEE_PAID: ("amount", "method"),
    EventKind.EXTENDED: ("new_due_at", "reason", "signer"),
    EventKind.STOPPED: ("reason",),
    EventKind.WITHDRAWN: ("reason",),
    EventKind.RESULT_RETURNED: ("to", "rating", "delivery", "comment"),
    EventKind.DETAILS_CORRECTED: ("reason",),
    EventKind.NOTE: ("text",),
    EventKind.PAPER_SCANNED: ("paper", "file_name"),
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


def translated(source: str) -> str:
    """A source string of this module marked with ``QT_TRANSLATE_NOOP``, in the window's language."""
    return QCoreApplication.translate(CONTEXT, source)


def format_dong(amount: int) -> str:
    """An amount of money as the window shows it: ``18.000 đồng`` (in English ``18.000 VND``)."""
    text = QCoreApplication.translate("DossierTimeline", "{amount} đồng")
    return text.format(amount=f"{amount:,}".replace(",", "."))


def _value(key: str, value: Any) -> str:
    if key in ("due_at", "new_due_at") and isinstance(value, str):
        try:
            return format_moment(datetime.fromisoformat(value))
        except ValueError:
            return value
    if key == "amount" and isinstance(value, int) and not isinstance(value, bool):
        return format_dong(value)
    if isinstance(value, str) and value in _VALUE_LABELS.get(key, {}):
        return translated(_VALUE_LABELS[key][value])
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def event_details(event: Event) -> str:
    """The details worth reading for this kind of event, ``Label: value`` joined by ``; ``."""
    payload = dict(event.payload)
    if event.kind is EventKind.RECEIVED and payload.get("register_volume"):
        payload["register"] = QCoreApplication.translate("DossierTimeline", "{volume}, số {number}").format(
            volume=payload["register_volume"], number=payload.get("register_number", "?")
        )
    parts: list[str] = []
    if event.kind is EventKind.DETAILS_CORRECTED:
        name = str(payload.get("field", ""))
        label = translated(FIELD_LABELS[name]) if name in FIELD_LABELS else name
        parts.append(f"{label}: {payload.get('old') or '∅'} → {payload.get('new') or '∅'}")
    for key in _DETAIL_KEYS.get(event.kind, ()):
        value = payload.get(key)
        if value not in (None, "", [], ()):
            parts.append(f"{translated(_LABELS[key])}: {_value(key, value)}")
    return "; ".join(parts)


def timeline_entries(
    events: Iterable[Event], state: DossierState | None = None, own_device: str = "", language: str = "vi"
) -> list[TimelineEntry]:
    """The timeline lines of a dossier's events, kept in the order given (the fold's)."""
    english = language == "en"
    anomalies = {a.event_id: a.message_en if english else a.message_vi for a in (state.anomalies if state else ())}
    this_desk = QCoreApplication.translate("DossierTimeline", "Máy này")
    return [
        TimelineEntry(
            at=local_time(event),
            action=action_label(event.kind, language),
            actor=event.actor,
            device=this_desk if own_device and event.device_id == own_device else event.device_id[:8],
            details=event_details(event),
            anomaly=anomalies.get(event.id, ""),
            device_id=event.device_id,
        )
        for event in events
    ]


def due_change(events: Sequence[Event], state: DossierState) -> str:
    """Why the due date is no longer the one given at receipt (empty when it is)."""
    if state.due_at == state.original_due_at:
        return ""
    for event in reversed(events):
        if event.kind is EventKind.EXTENDED and event.payload.get("reason"):
            text = QCoreApplication.translate("DossierTimeline", "Gia hạn: {reason}")
            return text.format(reason=event.payload["reason"])
        if event.kind is EventKind.SUPPLEMENT_RECEIVED and event.payload.get("due_at"):
            return QCoreApplication.translate("DossierTimeline", "Tính lại sau khi bổ sung hồ sơ")
    return ""


class TimelineTableModel(NamedColumnsTableModel):
    """The timeline lines in named columns; anomalous events shaded, with their reason as tooltip."""

    TIME, ACTION, ACTOR, DEVICE, DETAILS = range(5)
    COLUMN_COUNT = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read the column titles in the current language (the lines are rebuilt by their page)."""
        self._headers = (
            self.tr("Thời gian"),
            self.tr("Thao tác"),
            self.tr("Người thực hiện"),
            self.tr("Máy"),
            self.tr("Chi tiết"),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)

    def event(self, event: QEvent) -> bool:
        """Follow a language switch (its page sends it on to its children)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().event(event)

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        """Show these lines instead of the current ones."""
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> tuple[TimelineEntry, ...]:
        """The lines shown."""
        return tuple(self._entries)

    def _loaded_rows(self) -> list[Any]:
        return self._entries

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
