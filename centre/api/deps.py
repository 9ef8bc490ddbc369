"""Dependencies of the routes: settings, engine, the authenticated desk, the admin, a bounded body.

Short route signatures through ``Annotated`` aliases (``SettingsDep``, ``EngineDep``, ``CurrentDesk``,
``AdminDep``), as in the FastAPI full-stack template. Authentication runs before any body is read,
so an unknown token never gets to make the centre read megabytes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy import Engine

from centre import NotAuthorised
from centre.core.config import Settings
from centre.core.security import same_secret
from centre.services import desks
from centre.services.ingest import DeskIdentity
from desk_app.domain import sync_protocol as sp


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    return request.app.state.settings


def get_engine(request: Request) -> Engine:
    """The app's database engine."""
    return request.app.state.engine


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]


def current_desk(engine: EngineDep, authorization: Annotated[str | None, Header()] = None) -> DeskIdentity:
    """The desk whose ``Bearer`` token came with the request (401 unknown, 403 revoked)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:  # one read, no commit
        return desks.authenticate(connection, authorization)


def require_admin(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Province staff only: the ``Bearer`` admin token of the settings (admin views are off without one)."""
    scheme, _, token = (authorization or "").partition(" ")
    if not settings.admin_token or scheme.lower() != "bearer" or not same_secret(token.strip(), settings.admin_token):
        raise NotAuthorised("Cần mã quản trị của trung tâm", "The centre's admin token is needed", sp.ERR_FORBIDDEN)


CurrentDesk = Annotated[DeskIdentity, Depends(current_desk)]
AdminDep = Depends(require_admin)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes ``limit`` bytes, before reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> sp.ProtocolError:
    return sp.ProtocolError(
        f"Gói dữ liệu quá lớn (tối đa {limit} byte)", f"The body is too large (at most {limit} bytes)", sp.ERR_TOO_LARGE
    )
