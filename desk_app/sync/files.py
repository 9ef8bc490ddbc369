"""Upload of scanned files to the centre: content-addressed by SHA-256, in chunks, resumable.

The centre's side is ``PUT/GET/HEAD /api/v1/files/{sha256}`` (``centre/api/routes/files.py``): HEAD
says how many bytes of the file the centre holds for this desk's unit (``Upload-Offset``) and
whether it is stored (``Upload-Complete``); PUT appends bytes at an offset stated in
``Content-Range``; the last byte makes the centre hash the whole file and keep it only if the hash
is the one in the address. So ``upload_file``:

1. hashes the file (streaming, 1 MiB at a time) unless the caller already knows its hash;
2. asks the centre how much it holds (one HEAD): a file already stored costs that one request;
3. sends the rest in chunks from that offset;
4. after a dropped connection, a timeout, a 5xx or a 409 (the centre holds a different amount than
   the desk thought), asks again and resumes from the offset the centre reports — a dropped link
   costs at most the chunk in flight. Failures in a row are bounded by ``retries``, with backoff.

The function works on a ``requests.Session`` + base URL + token rather than a ``CentreClient``:
the client keeps its session private and has no public hook to reuse it (``client.py`` is not this
module's to change). Build the session the way ``CentreClient`` does (TLS verified,
``trust_env = False``); the timeouts and retry constants default to the client's.

Every failure is translated at the boundary into ``desk_app.sync.errors`` (plus the three
file-specific errors below), with a message in Vietnamese and English; nothing above sees a
``requests`` exception.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import requests

from desk_app.domain import sync_protocol as sp
from desk_app.domain.errors import DeskError
from desk_app.sync.client import BACKOFF_S, CONNECT_TIMEOUT_S, MAX_BACKOFF_S, READ_TIMEOUT_S, RETRIES, read_bounded
from desk_app.sync.errors import NoConnection, NotEnrolled, ProtocolRejected, ServerError, SyncError, TokenRevoked

CHUNK_BYTES = 1024 * 1024
FILES_PATH = "/api/v1/files/"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MAX_ANSWER_BYTES = 64 * 1024
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

Progress = Callable[[int, int], None]
"""Called as ``progress(bytes_the_centre_holds, total)`` after the status and after each chunk."""


class FileUnreadable(DeskError):
    """The file on this desk cannot be read, or is empty: nothing was sent."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"Không đọc được tệp «{path.name}» trên máy ({detail}): hãy kiểm tra tệp quét.",
            f"Cannot read the file '{path.name}' on this desk ({detail}): check the scanned file.",
        )


class FileTooLarge(ProtocolRejected):
    """The centre refuses the file's size (over its limit): it cannot be sent as it is."""

    def __init__(self, path: Path, size: int, centre_vi: str, centre_en: str) -> None:
        super().__init__(
            f"Tệp «{path.name}» ({size} byte) quá lớn, trung tâm không nhận: {centre_vi}. "
            "Hãy quét lại với độ phân giải thấp hơn hoặc chia thành nhiều tệp.",
            f"The file '{path.name}' ({size} bytes) is too large for the centre: {centre_en}. "
            "Scan it again at a lower resolution or split it into several files.",
            sp.ERR_TOO_LARGE,
            413,
        )
        self.size = size


class FileDamaged(ProtocolRejected):
    """The bytes the centre received do not hash to the file's SHA-256; it threw them away."""

    def __init__(self, path: Path, sha256: str) -> None:
        super().__init__(
            f"Tệp «{path.name}» nhận được ở trung tâm không khớp mã SHA-256 {sha256[:12]}…: tệp trên máy đã bị "
            "thay đổi hoặc hỏng khi truyền. Trung tâm đã bỏ phần đã nhận; hãy kiểm tra tệp rồi gửi lại từ đầu.",
            f"The file '{path.name}' received by the centre does not match its SHA-256 {sha256[:12]}…: the file "
            "on this desk changed or was damaged in transit. The centre discarded what it had; check the file "
            "and send it again from the start.",
            sp.ERR_MALFORMED,
            400,
        )
        self.sha256 = sha256


@dataclass(frozen=True)
class FileStatus:
    """What the centre holds of a file for this desk's unit."""

    received: int
    complete: bool


class _Resume(Exception):
    """The centre holds another amount than the desk thought (409): ask it again."""


def file_sha256(path: Path, block_size: int = CHUNK_BYTES) -> str:
    """The lower-case hex SHA-256 of a file, read ``block_size`` bytes at a time."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(block_size), b""):
                digest.update(block)
    except OSError as exc:
        raise FileUnreadable(path, exc.strerror or type(exc).__name__) from None
    return digest.hexdigest()


def upload_file(
    session: requests.Session,
    base_url: str,
    token: str | None,
    path: Path,
    sha256: str | None = None,
    *,
    chunk_size: int = CHUNK_BYTES,
    progress: Progress | None = None,
    timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
    retries: int = RETRIES,
    backoff: float = BACKOFF_S,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Send ``path`` to the centre (only the bytes it does not hold yet) and return its SHA-256.

    ``sha256`` is the hash the desk recorded for the file (computed here when None). A file the
    centre already stores for this unit costs one HEAD. Dropped connections, timeouts, 5xx and
    409 answers are retried — ``retries`` failures in a row at most, each followed by a fresh
    status and a resume from the centre's offset. An exception raised by ``progress`` stops the
    upload as it is (the centre keeps what it got; a later call resumes).
    Raises ``NotEnrolled``, ``TokenRevoked``, ``NoConnection``, ``ServerError``, ``FileTooLarge``,
    ``FileDamaged``, ``ProtocolRejected`` or ``FileUnreadable``.
    """
    if not token:
        raise NotEnrolled()
    if chunk_size < 1:
        raise ValueError("chunk_size must be positive")
    digest = (sha256 or file_sha256(path)).strip().lower()
    if not _SHA256.fullmatch(digest):
        raise ValueError(f"not a SHA-256 in hex: {sha256!r}")
    upload = _Upload(session, f"{base_url.rstrip('/')}{FILES_PATH}{digest}", token, path, digest, timeout)
    try:
        handle = open(path, "rb")  # closed by the with below, around the whole loop
    except OSError as exc:
        raise FileUnreadable(path, exc.strerror or type(exc).__name__) from None
    with handle:
        total = _size(handle, path)
        failures = 0
        offset: int | None = None
        while True:
            try:
                if offset is None:
                    found = upload.status()
                    if found.complete:
                        _report(progress, total, total)
                        return digest
                    offset = _checked_offset(found.received, total, path)
                    _report(progress, offset, total)
                data = _read_at(handle, path, offset, chunk_size)
                found = upload.put(offset, data, total)
                if found.complete:
                    _report(progress, total, total)
                    return digest
                offset = _checked_offset(found.received, total, path)
                failures = 0
                _report(progress, offset, total)
            except (NoConnection, ServerError, _Resume) as error:
                failures += 1
                if failures > retries:
                    if isinstance(error, _Resume):
                        raise ServerError(409, "the centre's offset kept changing") from None
                    raise
                if not isinstance(error, _Resume):
                    sleep(min(MAX_BACKOFF_S, backoff * 2 ** (failures - 1)))
                offset = None  # ask the centre where to resume


class _Upload:
    """The HTTP exchanges of one file's upload, each translated into the desk's errors."""

    def __init__(
        self,
        session: requests.Session,
        url: str,
        token: str,
        path: Path,
        sha256: str,
        timeout: tuple[float, float],
    ) -> None:
        self.session = session
        self.url = url
        self.headers = {"Authorization": f"Bearer {token}"}
        self.path = path
        self.sha256 = sha256
        self.timeout = timeout

    def status(self) -> FileStatus:
        """HEAD: how many bytes the centre holds and whether the file is stored."""
        response, _ = self._send("HEAD", headers=self.headers)
        if response.status_code != 200:
            raise self._refusal(response, b"", final=False)
        return _status_from_headers(response.headers)

    def put(self, offset: int, data: bytes, total: int) -> FileStatus:
        """PUT ``data`` at ``offset`` of a ``total``-byte file; the centre's status after it."""
        end = offset + len(data) - 1
        headers = {**self.headers, "Content-Range": f"bytes {offset}-{end}/{total}"}
        headers["Content-Type"] = "application/octet-stream"
        response, body = self._send("PUT", headers=headers, data=data)
        if response.status_code != 200:
            raise self._refusal(response, body, final=end + 1 == total)
        return _status_from_headers(response.headers)

    def _send(self, method: str, **kwargs: Any) -> tuple[requests.Response, bytes]:
        try:
            response = self.session.request(method, self.url, timeout=self.timeout, stream=True, **kwargs)
            body = read_bounded(response, _MAX_ANSWER_BYTES)  # the centre's answers here are tiny
        except requests.exceptions.SSLError as exc:
            raise ProtocolRejected(
                "Không xác minh được chứng chỉ bảo mật (TLS) của trung tâm: địa chỉ sai hoặc bị giả mạo. "
                "Hãy báo trung tâm tỉnh.",
                f"The centre's TLS certificate could not be verified (wrong address or an impostor): {exc}",
                "tls",
            ) from None
        except requests.RequestException as exc:  # refused, timed out, cut mid-answer
            raise NoConnection(type(exc).__name__) from None
        return response, body

    def _refusal(self, response: requests.Response, body_bytes: bytes, *, final: bool) -> SyncError | _Resume:
        """The error a non-200 answer stands for, in the clerk's words."""
        status = response.status_code
        body = sp.decode_error(body_bytes)
        code = body.error if body else ""
        if status in _RETRY_STATUSES or status >= 500:
            return ServerError(status, body.message_en if body else "")
        if code == sp.ERR_CONFLICT or (status == 409 and body is None):
            return _Resume()
        if code in (sp.ERR_REVOKED, sp.ERR_UNAUTHORIZED) or (status in (401, 403) and body is None):
            return TokenRevoked(
                body.message if body else "Trung tâm không nhận mã xác thực của quầy.",
                body.message_en if body else "The centre does not accept this desk's token.",
            )
        size = self.path.stat().st_size if self.path.exists() else 0
        if code == sp.ERR_TOO_LARGE or status == 413:
            return FileTooLarge(
                self.path,
                size,
                body.message if body else "quá giới hạn",
                body.message_en if body else "over the limit",
            )
        if final and code == sp.ERR_MALFORMED:  # the range is ours and valid: the hash check failed
            return FileDamaged(self.path, self.sha256)
        if body is None:
            return ProtocolRejected(
                f"Trung tâm từ chối tệp «{self.path.name}» (mã {status}).",
                f"The centre refused the file '{self.path.name}' (status {status}).",
                sp.ERR_NOT_FOUND if status == 404 else "",
                status,
            )
        return ProtocolRejected(body.message, body.message_en, code, status)


def _status_from_headers(headers: Any) -> FileStatus:
    offset = str(headers.get("Upload-Offset", ""))
    if not offset.isdigit():
        raise ServerError(None, "no Upload-Offset in the centre's answer")
    return FileStatus(int(offset), headers.get("Upload-Complete") == "1")


def _checked_offset(received: int, total: int, path: Path) -> int:
    """The centre's offset, which can never pass the file's size (a partial of another file)."""
    if received >= total:
        raise ProtocolRejected(
            f"Trung tâm giữ {received} byte của tệp «{path.name}», nhiều hơn cỡ tệp ({total} byte): tệp trên máy "
            "không phải tệp đã gửi dở. Hãy báo trung tâm tỉnh.",
            f"The centre holds {received} bytes of '{path.name}', more than its size ({total} bytes): the file on "
            "this desk is not the one partly sent. Tell the provincial centre.",
            sp.ERR_CONFLICT,
            409,
        )
    return received


def _size(handle: BinaryIO, path: Path) -> int:
    size = handle.seek(0, 2)
    if size == 0:
        raise FileUnreadable(path, "tệp rỗng / empty file")
    return size


def _read_at(handle: BinaryIO, path: Path, offset: int, size: int) -> bytes:
    try:
        handle.seek(offset)
        data = handle.read(size)
    except OSError as exc:
        raise FileUnreadable(path, exc.strerror or type(exc).__name__) from None
    if not data:
        raise FileUnreadable(path, "tệp ngắn đi khi đang gửi / the file shrank while being sent")
    return data


def _report(progress: Progress | None, sent: int, total: int) -> None:
    if progress is not None:
        progress(sent, total)
