"""``/api/v1/files/{sha256}``: scanned files, content-addressed and resumable.

``HEAD``/``GET`` say how many bytes the centre holds (``Upload-Offset`` header; GET also as JSON);
``PUT`` sends bytes from an offset, stated as ``Content-Range: bytes START-END/TOTAL`` or as the
``offset`` and ``total`` query parameters (neither: the body is the whole file). The file is
verified against its SHA-256 when the last byte arrives. Chunks over ``max_chunk_bytes`` are refused.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from centre import CentreError
from centre.api.deps import CurrentDesk, EngineDep, SettingsDep, read_body
from centre.services import files as store
from desk_app.domain import sync_protocol as sp

router = APIRouter(tags=["files"])
_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")


def _where(content_range: str | None, offset: int | None, total: int | None, length: int) -> tuple[int, int]:
    if content_range:
        match = _RANGE.fullmatch(content_range.strip())
        if not match or int(match.group(2)) - int(match.group(1)) + 1 != length:
            raise CentreError(
                "Tiêu đề Content-Range không hợp lệ", "The Content-Range header is not valid", sp.ERR_MALFORMED
            )
        return int(match.group(1)), int(match.group(3))
    if offset is None and total is None:
        return 0, length
    if offset is None or total is None:
        raise CentreError("Cần cả offset và total", "Both offset and total are needed", sp.ERR_MALFORMED)
    return offset, total


def _status(engine: Any, settings: Any, unit: str, sha256: str) -> store.FileStatus:
    with engine.begin() as connection:
        return store.status(connection, settings.files_dir, unit, sha256)


@router.get("/files/{sha256}")
async def file_status(sha256: str, desk: CurrentDesk, engine: EngineDep, settings: SettingsDep) -> Response:
    """How many bytes of the file this desk's unit has sent, and whether it is stored."""
    found = await run_in_threadpool(_status, engine, settings, desk.unit, sha256)
    return _answer(found)


@router.head("/files/{sha256}")
async def file_head(sha256: str, desk: CurrentDesk, engine: EngineDep, settings: SettingsDep) -> Response:
    """The same as GET, headers only."""
    found = await run_in_threadpool(_status, engine, settings, desk.unit, sha256)
    return Response(status_code=200, headers=_headers(found))


@router.put("/files/{sha256}", responses={400: {}, 409: {}, 413: {}})
async def upload(
    sha256: str,
    request: Request,
    desk: CurrentDesk,
    engine: EngineDep,
    settings: SettingsDep,
    content_range: Annotated[str | None, Header()] = None,
    offset: Annotated[int | None, Query(ge=0)] = None,
    total: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """Store bytes of the file from an offset; the last byte verifies the SHA-256 and stores it."""
    store.check_sha256(sha256)
    data = await read_body(request, settings.max_chunk_bytes)
    start, size = _where(content_range, offset, total, len(data))

    def write() -> store.FileStatus:
        with engine.begin() as connection:
            return store.put_chunk(
                connection, settings.files_dir, desk.unit, sha256, start, size, data, settings.max_file_bytes
            )

    return _answer(await run_in_threadpool(write))


def _headers(found: store.FileStatus) -> dict[str, str]:
    return {"Upload-Offset": str(found.received), "Upload-Complete": "1" if found.complete else "0"}


def _answer(found: store.FileStatus) -> Response:
    from fastapi.responses import JSONResponse

    body = {"sha256": found.sha256, "received": found.received, "complete": found.complete}
    return JSONResponse(body, headers=_headers(found))
