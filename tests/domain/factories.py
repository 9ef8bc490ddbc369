"""Build dossier events for tests: a realistic receipt, then whatever happens to the dossier next.

``received()`` makes the Mẫu 01 event of a birth registration received at a Thanh Hóa commune desk;
``then(kind, after)`` makes the next event of the same dossier, one millisecond of hybrid clock later,
with a plausible payload for its kind; ``history(*kinds)`` chains them. Every argument can be
overridden, so a test states only what it is about. Ids are real UUIDv7, made fresh each call.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from desk_app.domain.clock import COUNTER_BITS, pack
from desk_app.domain.events import Event, EventKind, new_dossier_id, new_event_id

#: Vietnam's time zone (no daylight saving): the desk's wall clock.
VN = timezone(timedelta(hours=7), "ICT")
DESK_A = "desk-000.17.22.H56-01"
DESK_B = "desk-000.17.22.H56-02"
CLERK = "Lê Thị Hồng Nhung"
RECEIVED_AT = datetime(2025, 11, 26, 9, 15)  # Wednesday, local time
DUE_AT = datetime(2025, 11, 28, 9, 15)  # two working days later
ONE_MS = 1 << COUNTER_BITS


def _local_ms(local: datetime) -> int:
    return int(local.replace(tzinfo=VN).timestamp() * 1000)


def received_payload(**overrides: Any) -> dict[str, Any]:
    """The payload of a Mẫu 01 receipt: a birth registration (1.001193) at the desk."""
    payload: dict[str, Any] = {
        "code": "000.17.22.H56-251126-0001",
        "procedure_code": "1.001193",
        "procedure_name": "Thủ tục đăng ký khai sinh",
        "catalogue_version": 3,
        "applicant_name": "Nguyễn Văn Đức",
        "applicant_id_number": "038095001234",
        "applicant_address": "Thôn Đông Hưng, phường Quảng Hưng, tỉnh Thanh Hóa",
        "applicant_phone": "0912345678",
        "channel": 1,
        "delivery": 0,
        "components": [
            {"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0},
            {"name": "Giấy chứng sinh", "originals": 1, "copies": 0},
        ],
        "received_at": RECEIVED_AT.isoformat(),
        "due_at": DUE_AT.isoformat(),
    }
    payload.update(overrides)
    return payload


def received(
    *,
    dossier_id: str | None = None,
    device: str = DESK_A,
    hlc: int | None = None,
    device_seq: int = 1,
    actor: str = CLERK,
    event_id: str | None = None,
    **payload: Any,
) -> Event:
    """The receipt event of a new dossier; keyword arguments not named above override the payload."""
    body = received_payload(**payload)
    local = datetime.fromisoformat(body["received_at"])
    return Event(
        id=event_id or new_event_id(),
        dossier_id=dossier_id or new_dossier_id(),
        kind=EventKind.RECEIVED,
        payload=body,
        actor=actor,
        device_id=device,
        device_seq=device_seq,
        hlc=pack(_local_ms(local)) if hlc is None else hlc,
        recorded_at=local.replace(tzinfo=VN),
    )


def _default_payload(kind: EventKind, at: datetime) -> dict[str, Any]:
    """A plausible payload for ``kind`` happening at local time ``at``."""
    iso = at.isoformat()
    defaults: dict[EventKind, dict[str, Any]] = {
        EventKind.SUPPLEMENT_REQUESTED: {
            "at": iso,
            "reason": "Thiếu bản chính Giấy chứng sinh",
            "items": ["Giấy chứng sinh (bản chính)"],
        },
        EventKind.SUPPLEMENT_RECEIVED: {"at": iso},
        EventKind.REFUSED: {"at": iso, "reason": "Hồ sơ không thuộc thẩm quyền giải quyết của xã"},
        EventKind.TRANSFERRED: {"at": iso, "to_unit": "Công chức Tư pháp - Hộ tịch"},
        EventKind.RESULT_RECEIVED: {"at": iso, "from_unit": "Công chức Tư pháp - Hộ tịch"},
        EventKind.PAYMENT_REQUESTED: {"at": iso, "amount": 8000, "reason": "Lệ phí cấp bản sao trích lục"},
        EventKind.FEE_PAID: {"at": iso, "amount": 8000},
        EventKind.EXTENDED: {
            "at": iso,
            "new_due_at": (DUE_AT + timedelta(days=5)).isoformat(),
            "reason": "Cần xác minh thông tin nơi sinh",
            "signer": "Trần Quốc Hùng",
        },
        EventKind.STOPPED: {"at": iso, "reason": "Người yêu cầu không bổ sung hồ sơ"},
        EventKind.WITHDRAWN: {"at": iso, "reason": "Công dân xin rút hồ sơ"},
        EventKind.RESULT_RETURNED: {"at": iso, "to": "Nguyễn Văn Đức", "rating": "hài lòng"},
        EventKind.DETAILS_CORRECTED: {
            "field": "applicant_phone",
            "old": "0912345678",
            "new": "0987654321",
            "reason": "Ghi nhầm số điện thoại",
        },
        EventKind.NOTE: {"text": "Công dân hẹn chiều thứ Sáu đến nhận kết quả"},
    }
    return defaults.get(kind, {})


def then(
    kind: EventKind,
    after: Event,
    payload: Mapping[str, Any] | None = None,
    *,
    device: str | None = None,
    hlc: int | None = None,
    device_seq: int | None = None,
    actor: str = CLERK,
    event_id: str | None = None,
) -> Event:
    """The next event of ``after``'s dossier: one millisecond of hybrid clock later, same desk by default.

    ``payload`` is merged over the kind's plausible default payload; a key mapped to None is removed.
    """
    device = device or after.device_id
    stamp = after.hlc + ONE_MS if hlc is None else hlc
    seq = device_seq if device_seq is not None else (after.device_seq + 1 if device == after.device_id else 1)
    recorded_at = datetime.fromtimestamp((stamp >> COUNTER_BITS) / 1000, VN)
    body = _default_payload(kind, recorded_at.replace(tzinfo=None))
    for key, value in (payload or {}).items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return Event(
        id=event_id or new_event_id(),
        dossier_id=after.dossier_id,
        kind=kind,
        payload=body,
        actor=actor,
        device_id=device,
        device_seq=seq,
        hlc=stamp,
        recorded_at=recorded_at,
    )


def history(*kinds: EventKind, **received_overrides: Any) -> list[Event]:
    """A receipt followed by one event of each kind, in order, each a millisecond after the previous."""
    events = [received(**received_overrides)]
    for kind in kinds:
        events.append(then(kind, events[-1]))
    return events
