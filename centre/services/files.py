"""Scanned files, uploaded content-addressed by SHA-256 and resumable.

A desk asks how much of a file the centre holds (``status``), then sends the rest from that offset
(``put_chunk``); a dropped link costs at most the chunk in flight. When the last byte arrives the
whole file is hashed: the right SHA-256 makes it a stored file of the unit (``files`` table, the
bytes under ``objects/ab/abcdef…``, shared between units that upload the same content); a wrong one
throws the partial upload away. Partial uploads are kept per unit, so one unit can neither see nor
disturb another's, and a unit only learns that a file is stored once it has sent it in full itself.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, select

from centre import CentreError
from centre.core.db import upsert
from centre.models import FileRow
from desk_app.domain import sync_protocol as sp

FILES = FileRow.__table__
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class FileStatus:
    """How much of a file the centre holds for a unit, and whether it is complete."""

    sha256: str
    received: int
    complete: bool


def check_sha256(text: str) -> str:
    """The lower-case hex SHA-256 in ``text``; CentreError otherwise."""
    value = text.strip().lower()
    if not _SHA256.fullmatch(value):
        raise CentreError("Mã SHA-256 của tệp không hợp lệ", "The file's SHA-256 is not valid", sp.ERR_MALFORMED)
    return value


def _partial(files_dir: Path, unit: str, sha: str) -> Path:
    return files_dir / "partial" / unit / sha


def object_path(files_dir: Path, sha: str) -> Path:
    """Where a complete file's bytes live."""
    return files_dir / "objects" / sha[:2] / sha


def status(connection: Connection, files_dir: Path, unit: str, sha: str) -> FileStatus:
    """How many bytes of ``sha`` this unit has sent, and whether the file is stored."""
    sha = check_sha256(sha)
    size = connection.execute(select(FILES.c.size).where(FILES.c.unit == unit, FILES.c.sha256 == sha)).scalar()
    if size is not None:
        return FileStatus(sha, int(size), True)
    partial = _partial(files_dir, unit, sha)
    return FileStatus(sha, partial.stat().st_size if partial.exists() else 0, False)


def put_chunk(
    connection: Connection, files_dir: Path, unit: str, sha: str, offset: int, total: int, data: bytes, max_bytes: int
) -> FileStatus:
    """Append ``data`` at ``offset`` of a ``total``-byte file; on the last byte verify and store it."""
    sha = check_sha256(sha)
    if not 0 < total <= max_bytes:
        raise CentreError(
            f"Tệp phải có từ 1 đến {max_bytes} byte", f"A file must be 1 to {max_bytes} bytes", sp.ERR_TOO_LARGE
        )
    current = status(connection, files_dir, unit, sha)
    if current.complete:
        return current
    if offset + len(data) > total:
        raise CentreError(
            "Phần tệp vượt quá kích thước đã khai", "The chunk goes past the stated size", sp.ERR_MALFORMED
        )
    partial = _partial(files_dir, unit, sha)
    partial.parent.mkdir(parents=True, exist_ok=True)
    with open(partial, "ab") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        received = handle.seek(0, os.SEEK_END)
        if offset != received:
            raise CentreError(
                f"Trung tâm đang có {received} byte của tệp, không phải {offset}: gửi tiếp từ {received}",
                f"The centre holds {received} bytes of this file, not {offset}: resume from {received}",
                sp.ERR_CONFLICT,
            )
        handle.write(data)
        handle.flush()
        received += len(data)
    if received < total:
        return FileStatus(sha, received, False)
    return _complete(connection, files_dir, unit, sha, partial, total)


def _complete(connection: Connection, files_dir: Path, unit: str, sha: str, partial: Path, total: int) -> FileStatus:
    digest = hashlib.sha256()
    with open(partial, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    if digest.hexdigest() != sha:
        partial.unlink(missing_ok=True)
        raise CentreError(
            "Tệp nhận được không khớp mã SHA-256: tệp bị hỏng trên đường truyền, hãy gửi lại từ đầu",
            "The file received does not match its SHA-256: it was damaged in transit, send it again from the start",
            sp.ERR_MALFORMED,
        )
    target = object_path(files_dir, sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        partial.unlink(missing_ok=True)
    else:
        os.replace(partial, target)
    row = {"unit": unit, "sha256": sha, "size": total, "stored_at": datetime.now(UTC)}
    upsert(connection, FILES, [row], ["unit", "sha256"])
    return FileStatus(sha, total, True)
