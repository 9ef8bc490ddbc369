"""``/api/v1/admin/*``: what province staff must look at (admin token only).

Code clashes (two dossiers with one code), dossiers whose events break the state machine, and pushed
events that were refused for a person to settle (same id with other content, reused sequence numbers).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select

from centre.api.deps import AdminDep, EngineDep
from centre.models import Desk, RejectedEvent
from centre.services import projection

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[AdminDep])
# A unit is named by its electronic agency id (e.g. 000.17.22.H56); anything else is refused with a
# 4xx before it reaches the database (PostgreSQL refuses a NUL in text with a server error).
UnitFilter = Annotated[str | None, Query(pattern=r"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[HG][0-9]{2}$", max_length=13)]
REJECTED = RejectedEvent.__table__
DESKS = Desk.__table__


@router.get("/code-conflicts")
def code_conflicts(engine: EngineDep, unit: UnitFilter = None) -> list[dict[str, Any]]:
    """Every dossier code held by more than one dossier, with the dossiers and the desks that issued them."""
    with engine.begin() as connection:
        return projection.code_conflicts(connection, unit)


@router.get("/anomalies")
def anomalies(engine: EngineDep, unit: UnitFilter = None) -> list[dict[str, Any]]:
    """Dossiers holding events that break the state machine, with what the fold found."""
    with engine.begin() as connection:
        return projection.anomalies(connection, unit)


@router.get("/rejections")
def rejections(engine: EngineDep, unit: UnitFilter = None) -> list[dict[str, Any]]:
    """Pushed events the centre refused and kept for a person to see."""
    query = select(REJECTED).order_by(REJECTED.c.id)
    if unit is not None:
        query = query.where(REJECTED.c.unit == unit)
    with engine.begin() as connection:
        return [
            {
                "unit": r.unit,
                "desk_id": r.desk_id,
                "event_id": r.event_id,
                "reason": r.reason,
                "message": r.message,
                "content_hash": r.content_hash,
                "first_seen_at": r.first_seen_at.isoformat(),
            }
            for r in connection.execute(query)
        ]


@router.get("/desks")
def desks(engine: EngineDep, unit: UnitFilter = None) -> list[dict[str, Any]]:
    """Every enrolled desk: unit, number, device, when last seen, revoked or not."""
    query = select(DESKS).order_by(DESKS.c.unit, DESKS.c.desk_number, DESKS.c.id)
    if unit is not None:
        query = query.where(DESKS.c.unit == unit)
    with engine.begin() as connection:
        return [
            {
                "unit": r.unit,
                "desk_number": r.desk_number,
                "device_id": r.device_id,
                "last_device_seq": r.last_device_seq,
                "last_seen": r.last_seen.isoformat() if r.last_seen else None,
                "revoked": r.revoked_at is not None,
                "app_version": r.app_version,
            }
            for r in connection.execute(query)
        ]
