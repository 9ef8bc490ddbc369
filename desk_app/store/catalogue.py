"""Procedure catalogue versions in the store: the bundled sample, later the centre's."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from desk_app.store.models import CATALOGUES, PROCEDURES

_CATALOGUES = CATALOGUES
_PROCEDURES = PROCEDURES


def save_catalogue(connection: Connection, document: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Store a validated catalogue version and make it the active one.

    ``rows`` are the procedures' ``code``, ``name``, ``name_folded`` and ``common``. A version
    already stored is kept as it is (catalogue versions are immutable) and re-activated.
    """
    version = document["version"]
    exists = connection.execute(select(_CATALOGUES.c.version).where(_CATALOGUES.c.version == version)).scalar()
    if exists is None:
        connection.execute(
            _CATALOGUES.insert().values(
                version=version,
                province=document.get("province", ""),
                is_sample=bool(document.get("is_sample", False)),
                active=False,
                loaded_at=datetime.now().isoformat(timespec="seconds"),
                document=json.dumps(document, ensure_ascii=False),
            )
        )
        connection.execute(_PROCEDURES.insert(), [{**row, "catalogue_version": version} for row in rows])
    connection.execute(update(_CATALOGUES).values(active=_CATALOGUES.c.version == version))


def active_catalogue(connection: Connection) -> dict[str, Any] | None:
    """The document of the active catalogue version, None before the first load."""
    text = connection.execute(select(_CATALOGUES.c.document).where(_CATALOGUES.c.active)).scalar()
    return json.loads(text) if text else None


def catalogue_document(connection: Connection, version: str) -> dict[str, Any] | None:
    """The document of one stored catalogue version (a dossier keeps the version it was received under)."""
    text = connection.execute(select(_CATALOGUES.c.document).where(_CATALOGUES.c.version == version)).scalar()
    return json.loads(text) if text else None
