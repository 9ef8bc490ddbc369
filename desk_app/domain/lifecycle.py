"""The dossier's life: which event is allowed in which status, and the fold from events to state.

At the desk, an action the status does not allow is refused before anything is written
(``check_allowed``), with a message in the clerk's words. An event that arrives by sync is never
dropped — it happened at another desk — so ``fold`` keeps it, leaves the status alone and lists it as
an anomaly for a person to settle. Because ``fold`` sorts by ``Event.sort_key`` first, every replica
holding the same event set computes the same state, whatever order the events arrived in.

Business times in payloads (``at``, ``received_at``, ``due_at``…) are naive local date-times in ISO
form; ``Event.recorded_at`` is the aware wall-clock time of recording.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta, timezone
from operator import attrgetter
from typing import Any

from desk_app.domain.errors import TransitionRefused
from desk_app.domain.events import Event, EventKind, Status

S = Status
VIETNAM = timezone(timedelta(hours=7))
_OPEN = frozenset({S.RECEIVED, S.PROCESSING, S.AWAITING_SUPPLEMENT, S.AWAITING_PAYMENT})
_ANY = frozenset(Status)

#: kind → (statuses it is allowed from, status it leads to; None = unchanged)
TRANSITIONS: Mapping[EventKind, tuple[frozenset[Status], Status | None]] = {
    EventKind.RECEIVED: (frozenset({S.SUBMITTED_ONLINE}), S.RECEIVED),
    EventKind.SUPPLEMENT_REQUESTED: (frozenset({S.RECEIVED, S.PROCESSING}), S.AWAITING_SUPPLEMENT),
    EventKind.SUPPLEMENT_RECEIVED: (frozenset({S.AWAITING_SUPPLEMENT}), None),
    EventKind.REFUSED: (
        frozenset({S.SUBMITTED_ONLINE, S.RECEIVED, S.PROCESSING, S.AWAITING_SUPPLEMENT}),
        S.REFUSED,
    ),
    EventKind.TRANSFERRED: (frozenset({S.RECEIVED, S.PROCESSING}), S.PROCESSING),
    EventKind.RESULT_RECEIVED: (frozenset({S.RECEIVED, S.PROCESSING}), S.RESULT_READY),
    EventKind.PAYMENT_REQUESTED: (frozenset({S.RECEIVED, S.PROCESSING}), S.AWAITING_PAYMENT),
    EventKind.FEE_PAID: (_OPEN | {S.RESULT_READY}, None),
    EventKind.EXTENDED: (_OPEN, None),
    EventKind.STOPPED: (_OPEN, S.STOPPED),
    EventKind.WITHDRAWN: (_OPEN, S.WITHDRAWN),
    EventKind.RESULT_RETURNED: (frozenset({S.RESULT_READY}), S.RETURNED),
    EventKind.DETAILS_CORRECTED: (_ANY, None),
    EventKind.NOTE: (_ANY, None),
    EventKind.PAPER_SCANNED: (_ANY, None),
}

ACTION_VI: Mapping[EventKind, str] = {
    EventKind.RECEIVED: "tiếp nhận hồ sơ",
    EventKind.SUPPLEMENT_REQUESTED: "yêu cầu bổ sung hồ sơ",
    EventKind.SUPPLEMENT_RECEIVED: "nhận hồ sơ bổ sung",
    EventKind.REFUSED: "từ chối hồ sơ",
    EventKind.TRANSFERRED: "chuyển hồ sơ đi xử lý",
    EventKind.RESULT_RECEIVED: "nhận kết quả",
    EventKind.PAYMENT_REQUESTED: "yêu cầu thực hiện nghĩa vụ tài chính",
    EventKind.FEE_PAID: "ghi nhận nộp phí",
    EventKind.EXTENDED: "gia hạn",
    EventKind.STOPPED: "dừng xử lý",
    EventKind.WITHDRAWN: "rút hồ sơ",
    EventKind.RESULT_RETURNED: "trả kết quả",
    EventKind.DETAILS_CORRECTED: "sửa thông tin",
    EventKind.NOTE: "ghi chú",
    EventKind.PAPER_SCANNED: "đính kèm bản số hóa giấy tờ",
}
ACTION_EN: Mapping[EventKind, str] = {
    EventKind.RECEIVED: "receive the dossier",
    EventKind.SUPPLEMENT_REQUESTED: "request a supplement",
    EventKind.SUPPLEMENT_RECEIVED: "record the supplement",
    EventKind.REFUSED: "refuse the dossier",
    EventKind.TRANSFERRED: "hand the dossier over for processing",
    EventKind.RESULT_RECEIVED: "record the result",
    EventKind.PAYMENT_REQUESTED: "request payment",
    EventKind.FEE_PAID: "record the fee payment",
    EventKind.EXTENDED: "extend the due date",
    EventKind.STOPPED: "stop processing",
    EventKind.WITHDRAWN: "withdraw the dossier",
    EventKind.RESULT_RETURNED: "return the result",
    EventKind.DETAILS_CORRECTED: "correct a detail",
    EventKind.NOTE: "add a note",
    EventKind.PAPER_SCANNED: "attach a scanned paper",
}


@dataclass(frozen=True)
class Anomaly:
    """An event kept although the state machine did not allow it where the fold met it."""

    event_id: str
    kind: EventKind
    device_id: str
    status_then: Status | None
    message_vi: str
    message_en: str


@dataclass(frozen=True)
class DossierState:
    """The current state of one dossier, folded from its events."""

    dossier_id: str
    code: str
    status: Status
    received: Mapping[str, Any]
    received_at: datetime
    due_at: datetime
    original_due_at: datetime
    paused_at: datetime | None = None
    resumed_status: Status | None = None
    finished_at: datetime | None = None
    returned_at: datetime | None = None
    rating: str | None = None
    fee_paid: int = 0
    corrections: Mapping[str, Any] = field(default_factory=dict)
    anomalies: tuple[Anomaly, ...] = ()
    event_count: int = 0
    last_hlc: int = 0

    def is_overdue(self, now: datetime) -> bool:
        """Being handled (2 or 4: paused dossiers, 5/6/8, do not run late) and past its due date-time."""
        return self.status in {S.RECEIVED, S.PROCESSING} and now > self.due_at

    def detail(self, name: str) -> Any:
        """A received detail (``applicant_name``…) with the latest correction applied."""
        if name in self.corrections:
            return self.corrections[name]
        return self.received.get(name)


_STATE_FIELDS = tuple(f.name for f in fields(DossierState))
_DEFAULTS: Mapping[str, Any] = {
    "paused_at": None,
    "resumed_status": None,
    "finished_at": None,
    "returned_at": None,
    "rating": None,
    "fee_paid": 0,
    "anomalies": (),
}
_SORT_KEY = attrgetter("sort_key")


def refusal(kind: EventKind, status: Status | None) -> TransitionRefused | None:
    """Why ``kind`` is not allowed in ``status`` (None when it is allowed)."""
    allowed, _ = TRANSITIONS[kind]
    if kind is EventKind.RECEIVED:
        if status is None or status in allowed:
            return None
        return TransitionRefused(
            f"Hồ sơ này đã được tiếp nhận trước đó, đang ở trạng thái «{status.label_vi}»: không tiếp nhận lại.",
            f"This dossier is already recorded, as '{status.label_en}': it cannot be received again.",
        )
    if status is None:
        return TransitionRefused(
            f"Không thể {ACTION_VI[kind]}: hồ sơ chưa được tiếp nhận.",
            f"Cannot {ACTION_EN[kind]}: the dossier has not been received.",
        )
    if status in allowed:
        return None
    wanted_vi = ", ".join(f"«{s.label_vi}»" for s in sorted(allowed))
    wanted_en = ", ".join(f"'{s.label_en}'" for s in sorted(allowed))
    return TransitionRefused(
        f"Không thể {ACTION_VI[kind]}: hồ sơ đang ở trạng thái «{status.label_vi}». "
        f"Chỉ làm được khi hồ sơ ở trạng thái {wanted_vi}.",
        f"Cannot {ACTION_EN[kind]}: the dossier is '{status.label_en}'. This is only possible when it is {wanted_en}.",
    )


def check_allowed(kind: EventKind, state: DossierState | None) -> None:
    """Raise TransitionRefused when the clerk's action is not allowed now."""
    error = refusal(kind, state.status if state else None)
    if error is not None:
        raise error


def _when(event: Event, key: str = "at") -> datetime:
    value = event.payload.get(key)
    if value:
        return datetime.fromisoformat(value)
    return event.recorded_at.astimezone(VIETNAM).replace(tzinfo=None)


def _anomaly_of(fields: dict[str, Any], event: Event, message_vi: str, message_en: str) -> None:
    """Keep ``event`` as an anomaly in the folded ``fields`` (counted, stamp seen, nothing else)."""
    anomaly = Anomaly(event.id, event.kind, event.device_id, fields["status"], message_vi, message_en)
    fields["anomalies"] = (*fields["anomalies"], anomaly)
    fields["event_count"] += 1
    fields["last_hlc"] = max(fields["last_hlc"], event.hlc)


def _step(fields: dict[str, Any] | None, event: Event) -> dict[str, Any] | None:
    """``apply`` on a state's fields as a plain dict, changed in place (the fold builds one state at the end).

    The changes of an event are all computed before any is made, so a malformed event leaves the
    fields as they were and is only recorded as an anomaly."""
    error = refusal(event.kind, fields["status"] if fields is not None else None)
    if error is not None:
        if fields is not None:
            _anomaly_of(fields, event, error.message, error.english)
        return fields
    try:
        changes = _effect(fields, event)
    except (KeyError, ValueError, TypeError) as exc:
        if fields is not None:
            _anomaly_of(
                fields,
                event,
                f"Sự kiện «{ACTION_VI[event.kind]}» thiếu hoặc sai dữ liệu: {exc}",
                f"'{ACTION_EN[event.kind]}' has missing or malformed data: {exc}",
            )
        return fields
    if fields is None:
        return changes
    fields.update(changes)
    return fields


def _fields_of(state: DossierState) -> dict[str, Any]:
    return {f: getattr(state, f) for f in _STATE_FIELDS}


def apply(state: DossierState | None, event: Event) -> DossierState | None:
    """The state after ``event``; a disallowed or malformed event is kept as an anomaly, nothing else."""
    fields = _step(None if state is None else _fields_of(state), event)
    return None if fields is None else DossierState(**fields)


def _effect(state: Mapping[str, Any] | None, event: Event) -> dict[str, Any]:
    """The fields an allowed event changes (all of them for a receipt); raises on malformed data."""
    p = event.payload
    if event.kind is EventKind.RECEIVED:
        due = datetime.fromisoformat(p["due_at"])
        code = str(p["code"])
        received_at = datetime.fromisoformat(p["received_at"])
        return {
            **_DEFAULTS,
            "dossier_id": event.dossier_id,
            "code": code,
            "status": S.RECEIVED,
            "received": dict(p),
            "received_at": received_at,
            "due_at": due,
            "original_due_at": due,
            "corrections": {},
            "event_count": 1,
            "last_hlc": event.hlc,
        }
    assert state is not None
    _, target = TRANSITIONS[event.kind]
    changes: dict[str, Any] = {"event_count": state["event_count"] + 1, "last_hlc": max(state["last_hlc"], event.hlc)}
    if target is not None:
        changes["status"] = target
    more = _MORE_CHANGES.get(event.kind)
    if more is not None:
        more(changes, state, event)
    return changes


# What an event changes beyond its count, stamp and target status (a lookup: most kinds change nothing more).
def _supplement_requested(changes: dict[str, Any], state: Mapping[str, Any], event: Event) -> None:
    changes.update(paused_at=_when(event), resumed_status=state["status"])


def _supplement_received(changes: dict[str, Any], state: Mapping[str, Any], event: Event) -> None:
    changes.update(status=state["resumed_status"] or S.PROCESSING, paused_at=None, resumed_status=None)
    if event.payload.get("due_at"):
        changes["due_at"] = datetime.fromisoformat(event.payload["due_at"])


def _payment_requested(changes: dict[str, Any], state: Mapping[str, Any], event: Event) -> None:
    changes["resumed_status"] = state["status"]


def _fee_paid(changes: dict[str, Any], state: Mapping[str, Any], event: Event) -> None:
    amount = event.payload.get("amount", 0)
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise ValueError(f"amount {amount!r}")
    changes["fee_paid"] = state["fee_paid"] + amount
    if state["status"] is S.AWAITING_PAYMENT:
        changes.update(status=state["resumed_status"] or S.PROCESSING, resumed_status=None)


def _extended(changes: dict[str, Any], state: Mapping[str, Any], event: Event) -> None:
    changes["due_at"] = datetime.fromisoformat(event.payload["new_due_at"])


def _result_received(changes: dict[str, Any], state: Mapping[str, Any], event: Event) -> None:
    changes["finished_at"] = _when(event)


def _finished_early(changes: dict[str, Any], state: Mapping[str, Any], event: Event) -> None:
    changes.update(finished_at=_when(event), paused_at=None, resumed_status=None)


def _result_returned(changes: dict[str, Any], state: Mapping[str, Any], event: Event) -> None:
    changes.update(returned_at=_when(event), rating=event.payload.get("rating"))


def _details_corrected(changes: dict[str, Any], state: Mapping[str, Any], event: Event) -> None:
    name = event.payload["field"]
    if not isinstance(name, str) or not name:
        raise ValueError(f"field {name!r}")
    changes["corrections"] = {**state["corrections"], name: event.payload["new"]}


_MORE_CHANGES: Mapping[EventKind, Callable[[dict[str, Any], Mapping[str, Any], Event], None]] = {
    EventKind.SUPPLEMENT_REQUESTED: _supplement_requested,
    EventKind.SUPPLEMENT_RECEIVED: _supplement_received,
    EventKind.PAYMENT_REQUESTED: _payment_requested,
    EventKind.FEE_PAID: _fee_paid,
    EventKind.EXTENDED: _extended,
    EventKind.RESULT_RECEIVED: _result_received,
    EventKind.REFUSED: _finished_early,
    EventKind.STOPPED: _finished_early,
    EventKind.WITHDRAWN: _finished_early,
    EventKind.RESULT_RETURNED: _result_returned,
    EventKind.DETAILS_CORRECTED: _details_corrected,
}


def business_time(event: Event) -> datetime:
    """When the clerk's action took place (naive local time): a receipt's ``received_at``, another
    event's ``at``, else the moment it was recorded."""
    return _when(event, "received_at" if event.kind is EventKind.RECEIVED else "at")


def fold(events: Iterable[Event]) -> DossierState | None:
    """The dossier's state from its events, in the deterministic order (hlc, device, id).

    Events that sort before the dossier's receipt (a desk with a clock far behind) are kept and
    reported as anomalies once the receipt is met; with no receipt at all there is no state yet.
    The fold works on one dict of fields and builds the ``DossierState`` once, at the end.
    """
    fields: dict[str, Any] | None = None
    early: list[Event] = []
    unique = {event.id: event for event in events}  # an event delivered twice counts once
    for event in sorted(unique.values(), key=_SORT_KEY):
        if fields is None and event.kind is not EventKind.RECEIVED:
            early.append(event)
            continue
        fields = _step(fields, event)
        if early and fields is not None:
            fields["anomalies"] = (*fields["anomalies"], *(_before_receipt(e) for e in early))
            fields["event_count"] += len(early)
            fields["last_hlc"] = max(fields["last_hlc"], *(e.hlc for e in early))
            early.clear()
    return None if fields is None else DossierState(**fields)


def _before_receipt(event: Event) -> Anomaly:
    return Anomaly(
        event.id,
        event.kind,
        event.device_id,
        None,
        f"Sự kiện «{ACTION_VI[event.kind]}» được ghi trước khi hồ sơ được tiếp nhận (đồng hồ máy lệch?).",
        f"'{ACTION_EN[event.kind]}' was recorded before the dossier was received (clock skew?).",
    )
