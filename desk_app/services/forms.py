"""The printed forms of a dossier's actions (Mẫu 02–06), filled from its events and the unit's profile.

Each form is built from the payload of the event it belongs to (the LATEST event of that kind), the
dossier's state (person details with their corrections, procedure, receipt) and the unit profile —
never from what the window shows — so a reprint is the same paper:

* ``supplement_requested`` → Mẫu 02: ``items``, ``reason``; ``contact`` ("name, phone") is split on
  its first comma into the official and the phone (no comma: a number is the phone, else the name);
* ``refused`` → Mẫu 03 with ``reason``;
* ``extended`` → Mẫu 04: ``original_due_at``, ``new_due_at``, ``reason``, ``signer``; the earlier
  extensions are the ``new_due_at`` of the EXTENDED events before it;
* ``stopped`` / ``withdrawn`` → Mẫu 05: ``reason``; the stage reached is the status the dossier had
  (``status_before``); the fee is what was paid;
* the control sheet (Mẫu 06): one row per hand-over — TRANSFERRED (desk → unit), RESULT_RECEIVED
  (unit → desk), RESULT_RETURNED (desk → citizen).

Decisions (the TT 03/2025 field text of 04–06 is unconfirmed, see desk_app.printing):

* Mẫu 02 and 03 are signed by the clerk who recorded the action (the full name of that account),
  ``clerk_name`` only when the account is not on this desk — as a reprinted slip is.
* Mẫu 04 and 05 are letters signed by the head of the agency, whose title is the unit's
  ``UnitProfile.signer_title`` ("CHỦ TỊCH" unless set up otherwise, e.g. "GIÁM ĐỐC"); Mẫu 04 names
  the leader who signed the extension, Mẫu 05 leaves the name to be written by hand. Their number
  ("Số: …") is left as dotted leaders: the clerical office numbers letters when it issues them.
* Mẫu 05 says the fee is refunded only for a withdrawal before the dossier was handed over for
  processing (status "Được tiếp nhận" or waiting for the citizen); otherwise not refunded. To be
  confirmed with the unit: no payload records a refund decision.
* Control sheet outcomes: the result row (unit → desk) and the return row (desk → citizen) are
  compared with ``timeliness`` against the due date in force at that moment *counting supplement
  pauses but not extensions* (a dossier given a Mẫu 04 still counts late in national evaluation,
  reference §2.5); a hand-over to a unit has no deadline of its own and gets no outcome.

Archived copies go to ``<data_dir>/forms/<yyyy>/<mm>/<code>-mau-<NN>-<id8>.pdf`` (year and month of
the action), written atomically; ``id8`` is the last 8 hex digits of the event id (its random part:
the first digits of a UUIDv7 are a timestamp shared by events a few seconds apart).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_app.domain.errors import DeskError
from desk_app.domain.events import Event, EventKind, Status
from desk_app.domain.fees import format_vnd
from desk_app.domain.lifecycle import VIETNAM, DossierState
from desk_app.domain.work_calendar import timeliness
from desk_app.printing.forms import (
    BLANK,
    RefusalData,
    SupplementRequestData,
    render_refusal,
    render_supplement_request,
    write_form as write_pdf,
)
from desk_app.printing.forms_control import ControlSheetData, Handover, render_control_sheet
from desk_app.printing.forms_letters import (
    ExtensionApologyData,
    StopNoticeData,
    render_extension_apology,
    render_stop_notice,
)
from desk_app.services.accounts import full_name_of
from desk_app.services.actions import FORM_OF
from desk_app.services.desk import Desk

FORM_FOLDER = "forms"
CONTROL = "control"
"""The ``kind`` that names the control sheet (Mẫu 06) in the command line."""
DESK_UNIT = "Bộ phận Một cửa"
CITIZEN = "Công dân"
RECIPIENTS = ("Như trên", "Lưu: VT")
OUTCOME_VI = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}
KIND_VI = {
    EventKind.SUPPLEMENT_REQUESTED: "yêu cầu bổ sung hồ sơ",
    EventKind.REFUSED: "từ chối tiếp nhận",
    EventKind.EXTENDED: "gia hạn",
    EventKind.STOPPED: "dừng giải quyết",
    EventKind.WITHDRAWN: "rút hồ sơ",
}
_REFUNDABLE = frozenset({Status.RECEIVED, Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT})
_HANDOVER_KINDS = frozenset({EventKind.TRANSFERRED, EventKind.RESULT_RECEIVED, EventKind.RESULT_RETURNED})
_PHONE_ONLY = re.compile(r"[\d\s.+\-()]+")


# -- helpers -------------------------------------------------------------------------------------------


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _at(event: Event) -> datetime:
    """When the action happened: its ``at``, else its recording time in Vietnam."""
    value = event.payload.get("at")
    if value:
        return datetime.fromisoformat(value)
    return event.recorded_at.astimezone(VIETNAM).replace(tzinfo=None, microsecond=0)


def _kind(kind: str) -> EventKind:
    """The event kind of a form; DeskError for a kind that has no printed form."""
    try:
        event_kind = EventKind(kind)
    except ValueError:
        event_kind = None
    if event_kind not in FORM_OF:
        names = ", ".join([k.value for k in FORM_OF] + [CONTROL])
        raise DeskError(
            f"Không có mẫu in cho loại «{kind}» (chọn một trong: {names})",
            f"There is no printed form for '{kind}' (choose one of: {names})",
            field="kind",
        )
    assert event_kind is not None
    return event_kind


def _dossier(desk: Desk, dossier_id: str) -> tuple[DossierState, list[Event]]:
    found = desk.dossier(dossier_id.strip())
    if found is None:
        raise DeskError(
            f"Không có hồ sơ «{dossier_id.strip()}» trên máy này",
            f"There is no dossier '{dossier_id.strip()}' on this desk",
            field="dossier_code",
        )
    return found


def latest_event(state: DossierState, events: Sequence[Event], kind: EventKind) -> Event:
    """The latest event of ``kind`` (in the fold's order); DeskError when the dossier has none."""
    for event in reversed(events):
        if event.kind is kind:
            return event
    raise DeskError(
        f"Hồ sơ {state.code} chưa có thao tác «{KIND_VI[kind]}» nên không có Mẫu {FORM_OF[kind]} để in",
        f"Dossier {state.code} has no '{kind.value}' action, so there is no Mẫu {FORM_OF[kind]} to print",
        field="kind",
    )


def split_contact(contact: str) -> tuple[str, str]:
    """ "Chị Hoa, 0987654321" → ("Chị Hoa", "0987654321"); a lone number is the phone, else the name."""
    text = (contact or "").strip()
    if "," in text:
        name, phone = text.split(",", 1)
        return name.strip(), phone.strip()
    if text and _PHONE_ONLY.fullmatch(text):
        return "", text
    return text, ""


def _signer(desk: Desk, event: Event, clerk_name: str) -> str:
    """The full name of the account that recorded ``event``; ``clerk_name`` if it is not on this desk."""
    return full_name_of(desk, event.actor) or clerk_name or event.actor


def _signer_title(desk: Desk) -> str:
    return desk.require_profile().signer_title


def _person(state: DossierState, name: str) -> str:
    return _text(state.detail(name))


# -- Mẫu 02–05 -----------------------------------------------------------------------------------------


def _heading(desk: Desk, state: DossierState, event: Event) -> dict[str, Any]:
    """What every letter of Mẫu 02–05 starts with: the unit, the date, the dossier and its applicant."""
    profile = desk.require_profile()
    return {
        "parent_body": profile.parent_body,
        "unit_name": profile.unit_name,
        "place_name": profile.place_name,
        "issued_at": _at(event),
        "dossier_code": state.code,
        "applicant_name": _person(state, "applicant_name"),
        "applicant_address": _person(state, "applicant_address"),
        "procedure_name": _text(state.received.get("procedure_name")),
    }


def _supplement(desk: Desk, state: DossierState, event: Event, clerk_name: str) -> bytes:
    p = event.payload
    official, phone = split_contact(_text(p.get("contact")))
    data = SupplementRequestData(
        **_heading(desk, state, event),
        applicant_phone=_person(state, "applicant_phone"),
        applicant_email=_person(state, "applicant_email"),
        missing_items=tuple(_text(item) for item in p.get("items", ())),
        reason=_text(p.get("reason")),
        contact_official=official,
        contact_phone=phone,
        procedure_url="",
        guide_name=_signer(desk, event, clerk_name),
    )
    return render_supplement_request(data)


def _refusal(desk: Desk, state: DossierState, event: Event, clerk_name: str) -> bytes:
    data = RefusalData(
        **_heading(desk, state, event),
        applicant_phone=_person(state, "applicant_phone"),
        applicant_email=_person(state, "applicant_email"),
        reason=_text(event.payload.get("reason")),
        clerk_name=_signer(desk, event, clerk_name),
    )
    return render_refusal(data)


def _extension(desk: Desk, state: DossierState, events: Sequence[Event], event: Event) -> bytes:
    p = event.payload
    earlier = []
    for other in events:
        if other is event:
            break
        if other.kind is EventKind.EXTENDED and other.payload.get("new_due_at"):
            earlier.append(datetime.fromisoformat(other.payload["new_due_at"]))
    original = p.get("original_due_at")
    data = ExtensionApologyData(
        **_heading(desk, state, event),
        document_number=BLANK,
        received_at=state.received_at,
        original_due_at=datetime.fromisoformat(original) if original else state.original_due_at,
        reason=_text(p.get("reason")),
        proposed_due_at=datetime.fromisoformat(p["new_due_at"]),
        signer_title=_signer_title(desk),
        signer_name=_text(p.get("signer")) or full_name_of(desk, _text(p.get("signer_username"))) or "",
        recipients=RECIPIENTS,
        earlier_due_dates=tuple(earlier),
    )
    return render_extension_apology(data)


def _stop(desk: Desk, state: DossierState, event: Event) -> bytes:
    p = event.payload
    before = p.get("status_before")
    stage = Status(int(before)) if before is not None else None
    refunded = event.kind is EventKind.WITHDRAWN and stage in _REFUNDABLE
    data = StopNoticeData(
        **_heading(desk, state, event),
        document_number=BLANK,
        applicant_phone=_person(state, "applicant_phone"),
        received_at=state.received_at,
        reason=_text(p.get("reason")),
        stage=stage.label_vi if stage is not None else "",
        fee_paid_label=format_vnd(state.fee_paid) if state.fee_paid > 0 else "",
        fee_refunded=refunded,
        signer_title=_signer_title(desk),
        signer_name="",
        recipients=RECIPIENTS,
    )
    return render_stop_notice(data)


def _render(desk: Desk, state: DossierState, events: Sequence[Event], event: Event, clerk_name: str) -> bytes:
    match event.kind:
        case EventKind.SUPPLEMENT_REQUESTED:
            return _supplement(desk, state, event, clerk_name)
        case EventKind.REFUSED:
            return _refusal(desk, state, event, clerk_name)
        case EventKind.EXTENDED:
            return _extension(desk, state, events, event)
        case _:
            return _stop(desk, state, event)


def form_pdf(desk: Desk, dossier_id: str, kind: str, clerk_name: str) -> bytes:
    """The form of the latest ``kind`` event of a dossier (code or id) as PDF bytes (Mẫu 02–05).

    DeskError when there is no such dossier, ``kind`` has no form, or the dossier has no such event.
    """
    event_kind = _kind(kind)
    state, events = _dossier(desk, dossier_id)
    return _render(desk, state, events, latest_event(state, events, event_kind), clerk_name)


def archive_form(desk: Desk, dossier_id: str, kind: str, clerk_name: str) -> Path:
    """Render the form of the latest ``kind`` event and archive it atomically; the PDF's path."""
    event_kind = _kind(kind)
    state, events = _dossier(desk, dossier_id)
    event = latest_event(state, events, event_kind)
    at = _at(event)
    name = f"{state.code}-mau-{FORM_OF[event_kind]}-{event.id.replace('-', '')[-8:]}.pdf"
    path = desk.data_dir / FORM_FOLDER / f"{at:%Y}" / f"{at:%m}" / name
    return write_pdf(_render(desk, state, events, event, clerk_name), path)


# -- Mẫu 06 --------------------------------------------------------------------------------------------


def handovers(desk: Desk, state: DossierState, events: Sequence[Event]) -> tuple[Handover, ...]:
    """The control sheet's rows from the hand-over events, each finished step with its outcome."""
    due = datetime.fromisoformat(state.received["due_at"])
    rows: list[Handover] = []
    for event in events:
        p = event.payload
        if event.kind is EventKind.SUPPLEMENT_RECEIVED and p.get("due_at"):
            due = datetime.fromisoformat(p["due_at"])  # the clock paused; extensions do not count here
            continue
        if event.kind not in _HANDOVER_KINDS:
            continue
        actor = full_name_of(desk, event.actor) or event.actor
        at = _at(event)
        outcome = OUTCOME_VI[timeliness(at, due)]
        note = _text(p.get("note"))
        if event.kind is EventKind.TRANSFERRED:
            rows.append(Handover(DESK_UNIT, _text(p.get("to_unit")), at, actor, "", "", note))
        elif event.kind is EventKind.RESULT_RECEIVED:
            rows.append(Handover(_text(p.get("from_unit")), DESK_UNIT, at, "", actor, outcome, note))
        elif event.kind is EventKind.RESULT_RETURNED:
            post = "Trả qua dịch vụ bưu chính công ích" if p.get("delivery") == "post" else ""
            citizen = _person(state, "applicant_name")
            rows.append(Handover(DESK_UNIT, CITIZEN, at, actor, citizen, outcome, post))
    return tuple(rows)


def control_sheet_data(desk: Desk, dossier_id: str) -> ControlSheetData:
    """Everything printed on a dossier's control sheet (Mẫu 06)."""
    profile = desk.require_profile()
    state, events = _dossier(desk, dossier_id)
    units: list[str] = []
    for event in events:
        unit = _text(event.payload.get("to_unit")) if event.kind is EventKind.TRANSFERRED else ""
        if unit and unit not in units:
            units.append(unit)
    return ControlSheetData(
        parent_body=profile.parent_body,
        unit_name=profile.unit_name,
        place_name=profile.place_name,
        received_at=state.received_at,
        dossier_code=state.code,
        applicant_name=_person(state, "applicant_name"),
        applicant_phone=_person(state, "applicant_phone"),
        applicant_address=_person(state, "applicant_address"),
        procedure_name=_text(state.received.get("procedure_name")),
        processing_unit=units[0] if units else "",
        coordinating_units=", ".join(units[1:]),
        handovers=handovers(desk, state, events),
    )


def control_sheet_pdf(desk: Desk, dossier_id: str) -> bytes:
    """A dossier's control sheet (Mẫu 06) as PDF bytes, one row per hand-over."""
    return render_control_sheet(control_sheet_data(desk, dossier_id))


def archive_control_sheet(desk: Desk, dossier_id: str) -> Path:
    """Render a dossier's control sheet (Mẫu 06) and archive it atomically under the month it was
    received (``forms/<yyyy>/<mm>/<code>-mau-06.pdf``, replaced by each new print); the PDF's path."""
    data = control_sheet_data(desk, dossier_id)
    at = data.received_at
    path = desk.data_dir / FORM_FOLDER / f"{at:%Y}" / f"{at:%m}" / f"{data.dossier_code}-mau-06.pdf"
    return write_pdf(render_control_sheet(data), path)


def export_form(desk: Desk, code: str, kind: str, out: Path, clerk_name: str = "") -> Path:
    """Write a dossier's form (``kind`` an event kind of Mẫu 02–05, or ``control`` for Mẫu 06) to ``out``."""
    pdf = control_sheet_pdf(desk, code) if kind == CONTROL else form_pdf(desk, code, kind, clerk_name)
    return write_pdf(pdf, Path(out))
