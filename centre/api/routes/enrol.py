"""``POST /api/v1/enrol``: a desk exchanges its one-time code for its token (plain JSON)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from centre.api.deps import EngineDep, read_body
from centre.services import desks
from desk_app.domain import sync_protocol as sp

router = APIRouter(tags=["enrol"])
MAX_ENROL_BYTES = 4096
_SCHEMA = {
    "type": "object",
    "required": ["code", "device_id", "app_version", "protocol_version"],
    "properties": {
        "code": {"type": "string", "maxLength": 40},
        "device_id": {"type": "string", "maxLength": 64},
        "app_version": {"type": "string", "maxLength": 50},
        "protocol_version": {"type": "integer"},
    },
}


@router.post(
    "/enrol",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": _SCHEMA}}}},
    responses={400: {}, 426: {}},
)
async def enrol(request: Request, engine: EngineDep) -> dict[str, Any]:
    """Exchange a one-time enrolment code (and the desk's device id) for the desk's token, shown once."""
    body = await read_body(request, MAX_ENROL_BYTES)
    enrol_request = sp.enrol_request_from_json(sp.parse_json(body))

    def exchange() -> sp.EnrolResponse:
        with engine.begin() as connection:
            return desks.enrol(connection, enrol_request)

    return (await run_in_threadpool(exchange)).to_json()
