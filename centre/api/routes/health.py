"""``GET /api/v1/health``: the centre is up, its database answers, and its clock and versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import text

from centre import __version__
from centre.api.deps import EngineDep, SettingsDep
from desk_app.domain import sync_protocol as sp

router = APIRouter(tags=["health"])


@router.get("/health")
def health(engine: EngineDep, settings: SettingsDep) -> dict[str, Any]:
    """Status, the centre's time (UTC), protocol range, minimum desk version, database reachable."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return {
        "status": "ok",
        "centre_time": sp.centre_now(),
        "version": __version__,
        "protocol_version": sp.PROTOCOL_VERSION,
        "min_protocol_version": sp.MIN_PROTOCOL_VERSION,
        "min_app_version": settings.min_app_version,
    }
