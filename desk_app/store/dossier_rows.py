"""A folded dossier as the rows the desk stores for it: its ``dossiers`` row and its search text.

Pure functions of a ``DossierState``, without SQLAlchemy, so a pulled page can be made ready in a
worker process that never loads the database layer (``store.pulled_pages``). ``store.dossiers``
checks that ``DOSSIER_COLUMNS`` is its table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_app.domain.lifecycle import DossierState
from desk_app.domain.text import fold as fold_text

DOSSIER_COLUMNS = (
    "id",
    "code",
    "status",
    "procedure_code",
    "applicant_name",
    "id_number",
    "phone",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "anomaly_count",
    "event_count",
    "last_hlc",
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def search_text(state: DossierState) -> str:
    """The folded text a dossier is found by: code, names, ID numbers, phones."""
    parts = [state.code]
    for name in ("applicant_name", "applicant_id_number", "applicant_phone", "owner_name", "owner_id_number"):
        value = state.detail(name)
        if value:
            parts.append(str(value))
    return fold_text(" ".join(parts))


def dossier_row(state: DossierState) -> dict[str, Any]:
    """The ``dossiers`` row of a folded state (without its rowid)."""
    return dict(zip(DOSSIER_COLUMNS, dossier_values(state), strict=True))


def dossier_values(state: DossierState) -> tuple[Any, ...]:
    """``dossier_row`` as a tuple in ``DOSSIER_COLUMNS`` order (what the inserts bind)."""
    corrections, received = state.corrections, state.received

    def detail(name: str) -> Any:
        return corrections[name] if name in corrections else received.get(name)

    finished, returned = state.finished_at, state.returned_at
    return (
        state.dossier_id,
        state.code,
        int(state.status),
        received.get("procedure_code", ""),
        detail("applicant_name") or "",
        detail("applicant_id_number") or "",
        detail("applicant_phone") or "",
        _iso(state.received_at),
        _iso(state.due_at),
        _iso(finished) if finished else None,
        _iso(returned) if returned else None,
        len(state.anomalies),
        state.event_count,
        state.last_hlc,
    )
