"""``POST /api/v1/sync``: one round trip, push and pull (``desk_app.domain.sync_protocol``)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from centre.api.deps import CurrentDesk, EngineDep, SettingsDep, read_body
from centre.services.round_trip import sync_round_trip
from desk_app.domain import sync_protocol as sp

router = APIRouter(tags=["sync"])
_BINARY = {"content": {sp.MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}}


@router.post(
    "/sync",
    response_class=Response,
    openapi_extra={"requestBody": {"required": True, **_BINARY}},
    responses={200: _BINARY, 400: {}, 401: {}, 403: {}, 413: {}, 426: {}},
)
async def sync(request: Request, desk: CurrentDesk, engine: EngineDep, settings: SettingsDep) -> Response:
    """Push the desk's unsent events and pull a page of what it lacks (gzip JSON both ways)."""
    body = await read_body(request, sp.MAX_COMPRESSED_BYTES)
    answer = await run_in_threadpool(sync_round_trip, engine, settings, desk, body)
    return Response(answer, media_type=sp.MEDIA_TYPE, headers={sp.PROTOCOL_HEADER: str(sp.PROTOCOL_VERSION)})
