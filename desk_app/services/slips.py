"""Mẫu 01 slips of received dossiers: what goes on them, where every printed slip is archived.

The slip is filled from the dossier's RECEIVED payload — the code, procedure name and code,
duration, received and due moments, register number it was received under — so a later catalogue
version never changes a reprint. Only the fee is recomputed, from the fee rule of the catalogue
version the dossier names (the payload keeps copies and pages, not the amount), falling back to the
active catalogue when that version is not stored on this desk. Person details go through
``DossierState.detail`` so a recorded correction of a name or address shows on a reprint.

Every slip handed to a citizen is archived as PDF under
``<data_dir>/slips/<yyyy>/<mm>/<code>.pdf`` (year and month of receipt), written atomically.
``export_slip`` (the ``desk-app slip CODE --out FILE.pdf`` command) hands out that archived copy —
the exact paper the citizen holds, with the receiving clerk's name — and renders afresh only when
the archive has none (e.g. a dossier received on another desk).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from desk_app.domain.dossier_code import lookup_token
from desk_app.domain.errors import DeskError, UnknownProcedure
from desk_app.domain.events import EventKind
from desk_app.domain.fees import FeeRule, fee_for, format_vnd
from desk_app.domain.intake import Channel, ResultDelivery
from desk_app.domain.lifecycle import DossierState
from desk_app.domain.procedures import parse_catalogue
from desk_app.domain.work_calendar import Duration
from desk_app.printing.layout import PageSizeName, write_atomic
from desk_app.printing.slip import SlipData, SlipPaper, render_slip, write_slip
from desk_app.services.desk import Desk
from desk_app.store import catalogue as catalogue_store

SLIP_FOLDER = "slips"
FREE = "Miễn phí"


class UnknownDossier(DeskError):
    """No dossier of this desk has the code asked for."""


def fee_rule_as_received(desk: Desk, procedure_code: str, catalogue_version: str) -> FeeRule | None:
    """The fee rule of ``procedure_code`` in the catalogue version the dossier was received under.

    Falls back to the active catalogue when that version is not stored here; None when neither
    holds the procedure.
    """
    active = desk.catalogue()
    if catalogue_version and catalogue_version != active.version:
        with desk.db.read() as connection:
            document = catalogue_store.catalogue_document(connection, catalogue_version)
        if document is not None:
            try:
                return parse_catalogue(document).get(procedure_code).fee
            except UnknownProcedure:
                pass
    try:
        return active.get(procedure_code).fee
    except UnknownProcedure:
        return None


def fee_label(rule: FeeRule | None, copies: int, pages: int) -> str:
    """The amount printed after "Phí, lệ phí:": "6.000 đ", "Miễn phí", or blank when unknown."""
    if rule is None:
        return ""
    amount = fee_for(rule, max(1, copies), max(1, pages))
    return FREE if amount == 0 else format_vnd(amount)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def slip_data(desk: Desk, state: DossierState, clerk_name: str) -> SlipData:
    """Everything printed on the Mẫu 01 slip of a received dossier (see the module docstring)."""
    profile = desk.require_profile()
    payload = state.received
    code = state.code
    papers = tuple(
        SlipPaper(_text(paper.get("name")), int(paper.get("originals", 0)), int(paper.get("copies", 0)))
        for paper in payload.get("papers", [])
    )
    copies, pages = int(payload.get("copies", 1)), int(payload.get("pages", 1))
    rule = fee_rule_as_received(desk, payload["procedure_code"], _text(payload.get("catalogue_version")))
    token = lookup_token(code, payload["lookup_secret"])
    return SlipData(
        parent_body=profile.parent_body,
        unit_name=profile.unit_name,
        place_name=profile.place_name,
        dossier_code=code,
        applicant_name=_text(state.detail("applicant_name")),
        applicant_id_number=_text(state.detail("applicant_id_number")),
        applicant_address=_text(state.detail("applicant_address")),
        applicant_phone=_text(state.detail("applicant_phone")),
        applicant_email=_text(state.detail("applicant_email")),
        owner_name=state.detail("owner_name"),
        owner_address=state.detail("owner_address"),
        procedure_name=payload["procedure_name"],
        procedure_code=payload["procedure_code"],
        papers=papers,
        dossier_sets=int(payload.get("sets", 1)),
        duration_label=Duration.parse(payload["duration"]).label_vi(),
        received_at=datetime.fromisoformat(payload["received_at"]),
        due_at=datetime.fromisoformat(payload["due_at"]),
        result_delivery=ResultDelivery(payload.get("result_delivery", ResultDelivery.DESK)).label_vi,
        channel_label=Channel(payload.get("channel", Channel.DESK)).label_vi,
        fee_label=fee_label(rule, copies, pages),
        register_volume=_text(payload.get("register_volume")),
        register_number=int(payload.get("register_number", 0)),
        clerk_name=clerk_name,
        lookup_url=f"{profile.lookup_url}?ma={code}&k={token}",
        hotline=profile.hotline,
    )


def archive_path(desk: Desk, state: DossierState) -> Path:
    """Where the slip of ``state`` is archived: ``<data_dir>/slips/<yyyy>/<mm>/<code>.pdf``."""
    received = state.received_at
    return desk.data_dir / SLIP_FOLDER / f"{received:%Y}" / f"{received:%m}" / f"{state.code}.pdf"


def archive_slip(desk: Desk, state: DossierState, clerk_name: str, page_size: PageSizeName = "A4") -> Path:
    """Render the slip of ``state`` and archive it (atomically); the PDF's path."""
    return write_slip(slip_data(desk, state, clerk_name), archive_path(desk, state), page_size)


def _state_of(desk: Desk, code: str) -> tuple[DossierState, str]:
    """The dossier with this code (or id) and the account that received it; UnknownDossier if none."""
    found = desk.dossier(code.strip())
    if found is None:
        raise UnknownDossier(
            f"Không có hồ sơ mã «{code.strip()}» trên máy này",
            f"There is no dossier with code '{code.strip()}' on this desk",
            field="dossier_code",
        )
    state, events = found
    receiver = next((event.actor for event in events if event.kind is EventKind.RECEIVED), "")
    return state, receiver


def slip_pdf(desk: Desk, code: str, clerk_name: str, page_size: PageSizeName = "A4") -> bytes:
    """The slip of dossier ``code`` rendered afresh as PDF bytes; UnknownDossier if there is none."""
    state, _ = _state_of(desk, code)
    return render_slip(slip_data(desk, state, clerk_name), page_size)


def export_slip(desk: Desk, code: str, out: Path) -> Path:
    """Write the slip of dossier ``code`` to ``out`` (atomically) and return ``out``.

    The archived slip is copied when there is one; otherwise the slip is rendered with the
    receiving account's name. UnknownDossier when no dossier has that code.
    """
    state, receiver = _state_of(desk, code)
    archived = archive_path(desk, state)
    pdf = archived.read_bytes() if archived.is_file() else render_slip(slip_data(desk, state, receiver))
    return write_atomic(pdf, Path(out))
