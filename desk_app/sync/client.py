"""The HTTP client of the centre: explicit timeouts, retries only where repeating is harmless, TLS on.

``CentreClient.sync`` sends one round trip (``POST /api/v1/sync``). The round trip is idempotent by
design — the centre acknowledges an event it already holds with the same content again and changes
nothing — so a dropped connection, a cut answer, a timeout or a 5xx is retried with exponential
backoff and jitter, sending the very same bytes again. ``enrol`` exchanges a one-time code and is
never retried: a second try of a code the centre used up would only be refused.

Every low-level failure is translated here into ``desk_app.sync.errors``; nothing above this module
sees a ``requests`` exception. ``MockTransport`` (a ``requests`` adapter calling a function) makes
the client testable without a network, the way httpx's mock transport does.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

import requests
from requests.adapters import BaseAdapter

from desk_app import __version__
from desk_app.domain import sync_protocol as sp
from desk_app.sync.errors import (
    AppTooOld,
    EnrolmentRefused,
    NoConnection,
    ProtocolRejected,
    ServerError,
    SyncError,
    TokenRevoked,
)

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 60.0
RETRIES = 4
BACKOFF_S = 0.5
MAX_BACKOFF_S = 30.0
RETRY_DEADLINE_S = 180.0
Answer = TypeVar("Answer")
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class MockTransport(BaseAdapter):
    """A ``requests`` adapter that answers every request by calling ``handler`` (tests, no network).

    The handler gets the ``PreparedRequest`` and returns a ``requests.Response`` (see
    ``mock_response``) or raises a ``requests`` exception to play a network failure.
    """

    def __init__(self, handler: Callable[[requests.PreparedRequest], requests.Response]) -> None:
        super().__init__()
        self.handler = handler
        self.sent: list[tuple[requests.PreparedRequest, dict[str, Any]]] = []  # every request and its options

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        """Hand the request to the handler."""
        self.sent.append((request, kwargs))
        response = self.handler(request)
        response.request = request
        response.url = request.url or ""
        return response

    def close(self) -> None:
        """Nothing to release."""


def mock_response(status: int, content: bytes = b"", headers: dict[str, str] | None = None) -> requests.Response:
    """A ready ``requests.Response`` with this status, body and headers (for ``MockTransport``)."""
    response = requests.Response()
    response.status_code = status
    response._content = content  # noqa: SLF001 - the documented way to fake a body
    response._content_consumed = True  # noqa: SLF001 - so iter_content serves the body above
    response.headers.update(headers or {})
    return response


class CentreClient:
    """Talks to one centre as one enrolled desk. Not shared between threads."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: BaseAdapter | None = None,
        connect_timeout: float = CONNECT_TIMEOUT_S,
        read_timeout: float = READ_TIMEOUT_S,
        retries: int = RETRIES,
        backoff: float = BACKOFF_S,
        max_backoff: float = MAX_BACKOFF_S,
        retry_deadline: float = RETRY_DEADLINE_S,
        verify: bool | str = True,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
        app_version: str = __version__,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = (connect_timeout, read_timeout)
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.retry_deadline = retry_deadline
        self.app_version = app_version
        self.requests_made = 0
        self.retried = 0
        self._sleep = sleep
        self._jitter = jitter
        self._session = new_session(app_version, verify)
        if transport is not None:
            self._session.mount("http://", transport)
            self._session.mount("https://", transport)

    def close(self) -> None:
        """Close the pooled connections."""
        self._session.close()

    def __enter__(self) -> CentreClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the two calls -----------------------------------------------------------------------------

    def enrol(self, code: str, device_id: str) -> sp.EnrolResponse:
        """Exchange a one-time enrolment code for this desk's token (never retried: the code is one-time)."""
        request = sp.EnrolRequest(code.strip(), device_id, self.app_version)
        response = self._post("/api/v1/enrol", json=request.to_json())
        if response.status_code != 200:
            raise self._refusal(response)
        try:
            return sp.enrol_response_from_json(sp.parse_json(response.content))
        except sp.ProtocolError as exc:
            raise ServerError(None, exc.english) from None

    def sync(self, request: sp.SyncRequest) -> sp.SyncResponse:
        """One push-and-pull round trip, retried with backoff on failures where retrying is harmless."""
        return self.sync_read(request, sp.decode_response)

    def sync_read(self, request: sp.SyncRequest, read: Callable[[bytes], Answer]) -> Answer:
        """``sync`` with the answer's body turned into what is returned by ``read``; a ProtocolError it
        raises is a cut or garbled answer, so the round trip is repeated like any other."""
        if not self.token:
            raise TokenRevoked(
                "Quầy chưa có mã xác thực của trung tâm: hãy đăng ký quầy.",
                "This desk has no centre token: enrol it.",
            )
        body = sp.encode_request(request)
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": sp.MEDIA_TYPE,
            "Accept": sp.MEDIA_TYPE,
            sp.PROTOCOL_HEADER: str(sp.PROTOCOL_VERSION),
        }
        return self._with_retries(lambda: self._sync_once(body, headers, read))

    # -- internals ----------------------------------------------------------------------------------

    def _sync_once(self, body: bytes, headers: dict[str, str], read: Callable[[bytes], Answer]) -> Answer:
        response = self._post("/api/v1/sync", data=body, headers=headers)
        if response.status_code != 200:
            raise self._refusal(response)
        try:
            return read(response.content)
        except sp.ProtocolError as exc:  # a cut or garbled answer: the round trip can simply be repeated
            raise ServerError(None, exc.english) from None

    def _post(self, path: str, **kwargs: Any) -> requests.Response:
        self.requests_made += 1
        try:
            response = self._session.post(self.base_url + path, timeout=self.timeout, stream=True, **kwargs)
            content = read_bounded(response, sp.MAX_COMPRESSED_BYTES)
        except requests.exceptions.SSLError as exc:
            raise ProtocolRejected(
                "Không xác minh được chứng chỉ bảo mật (TLS) của trung tâm: địa chỉ sai hoặc bị giả mạo. "
                "Hãy báo trung tâm tỉnh.",
                f"The centre's TLS certificate could not be verified (wrong address or an impostor): {exc}",
                "tls",
            ) from None
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise NoConnection(type(exc).__name__) from None
        except requests.RequestException as exc:  # ChunkedEncodingError, ContentDecodingError…: cut mid-answer
            raise NoConnection(type(exc).__name__) from None
        response._content = content  # noqa: SLF001 - the body read within its bound
        return response

    def _with_retries(self, call: Callable[[], Answer]) -> Answer:
        deadline = time.monotonic() + self.retry_deadline
        attempt = 0
        while True:
            try:
                return call()
            except SyncError as error:
                if not error.retryable or attempt >= self.retries:
                    raise
                delay = self._delay(attempt, error)
                if time.monotonic() + delay > deadline:
                    raise
            attempt += 1
            self.retried += 1
            self._sleep(delay)

    def _delay(self, attempt: int, error: SyncError) -> float:
        """Exponential backoff with jitter: between half and all of ``backoff · 2^attempt`` (capped)."""
        cap = min(self.max_backoff, self.backoff * (2**attempt))
        retry_after = getattr(error, "retry_after", None)
        if retry_after:
            cap = min(self.max_backoff, max(cap, retry_after))
        return cap / 2 + self._jitter() * cap / 2

    def _refusal(self, response: requests.Response) -> SyncError:
        """The error a non-200 answer stands for, in the clerk's words."""
        status = response.status_code
        body = sp.decode_error(response.content)
        if status in _RETRY_STATUSES or (status >= 500 and body is None):
            error = ServerError(status, body.message_en if body else "")
            after = response.headers.get("Retry-After", "")
            error.retry_after = float(after) if after.isdigit() else None  # type: ignore[attr-defined]
            return error
        if status >= 500:
            return ServerError(status, body.message_en if body else "")
        if body is None:
            if status == 404:
                return ProtocolRejected(
                    "Địa chỉ trung tâm không đúng (không tìm thấy dịch vụ đồng bộ): hãy kiểm tra lại địa chỉ.",
                    "The centre address is wrong (no sync service there): check it.",
                    sp.ERR_NOT_FOUND,
                    status,
                )
            return ProtocolRejected(
                f"Trung tâm từ chối yêu cầu (mã {status}).",
                f"The centre refused the request (status {status}).",
                "",
                status,
            )
        if body.error == sp.ERR_UPDATE_REQUIRED:
            return AppTooOld(body.min_app_version, self.app_version)
        if body.error in (sp.ERR_REVOKED, sp.ERR_UNAUTHORIZED):
            return TokenRevoked(body.message, body.message_en)
        if body.error == sp.ERR_BAD_CODE:
            return EnrolmentRefused(body.message, body.message_en, body.error, status)
        return ProtocolRejected(body.message, body.message_en, body.error, status)


def new_session(app_version: str = __version__, verify: bool | str = True) -> requests.Session:
    """An HTTP session as the desk talks to its centre: TLS verified, the desk named in User-Agent."""
    session = requests.Session()
    session.verify = verify
    session.trust_env = False  # no proxy or .netrc picked up behind the clerk's back
    session.headers["User-Agent"] = f"mot-cua-desk/{app_version}"
    return session


def read_bounded(response: requests.Response, limit: int) -> bytes:
    """The whole body, refusing to hold more than ``limit`` bytes (a centre never sends more)."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(chunk_size=256 * 1024):
            size += len(chunk)
            if size > limit:
                raise ServerError(response.status_code, f"answer over {limit} bytes")
            chunks.append(chunk)
    finally:
        response.close()
    return b"".join(chunks)
