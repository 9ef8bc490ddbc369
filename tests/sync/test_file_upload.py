"""Scanned files go up to a real centre (uvicorn over PostgreSQL) content-addressed and resumable:
only the bytes the centre lacks are sent, a stored file costs one request, units stay apart, and a
file damaged between two sessions is refused by the centre's hash check and reported clearly."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
from requests.adapters import HTTPAdapter

from centre.services.files import object_path
from desk_app.sync.errors import NoConnection, TokenRevoked
from desk_app.sync.files import CHUNK_BYTES, FileDamaged, FileTooLarge, file_sha256, upload_file
from tests.centre.helpers import enrol_desk
from tests.pg import RunningCentre, free_port
from tests.sync.fault_proxy import FaultProxy
from tests.sync.helpers import UNIT

OTHER_UNIT = "000.18.23.H56"
SIZE = 3 * CHUNK_BYTES


class CountingAdapter(HTTPAdapter):
    """An HTTP adapter that records each request's method and body size before sending it."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, int]] = []

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        """Record, then send as usual."""
        body = request.body or b""
        self.sent.append((request.method or "", len(body)))
        return super().send(request, *args, **kwargs)

    @property
    def body_bytes(self) -> int:
        """Bytes of request bodies sent so far."""
        return sum(size for _, size in self.sent)

    def reset(self) -> None:
        """Forget what was sent."""
        self.sent.clear()


class Stop(Exception):
    """Raised from a progress callback to cut an upload after some chunks."""


def stop_after(chunks: int) -> Any:
    """A progress callback that stops the upload once ``chunks`` chunks are at the centre."""

    def progress(sent: int, _total: int) -> None:
        if sent >= chunks * CHUNK_BYTES:
            raise Stop

    return progress


@pytest.fixture
def counted() -> Iterator[tuple[requests.Session, CountingAdapter]]:
    """A session like the desk's (TLS default, no environment proxies) that counts what it sends."""
    session = requests.Session()
    session.trust_env = False
    adapter = CountingAdapter()
    session.mount("http://", adapter)
    yield session, adapter
    session.close()


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    """A 3 MiB 'scanned' file of random bytes."""
    path = tmp_path / "giay-khai-sinh-nguyen-thi-hoa.pdf"
    path.write_bytes(os.urandom(SIZE))
    return path


def token_of(centre: RunningCentre, unit: str = UNIT, desk_number: int = 1) -> str:
    """A desk token of ``unit``, through the real enrolment exchange."""
    with httpx.Client(base_url=centre.url) as client:
        return enrol_desk(client, centre.engine, unit, desk_number).token


def centre_holds(centre: RunningCentre, token: str, sha: str) -> dict[str, Any]:
    """The centre's JSON status of a file for a token's unit."""
    answer = httpx.get(f"{centre.url}/api/v1/files/{sha}", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_three_mib_file_is_stored_at_the_centre_and_its_hash_returned(
    centre_server: RunningCentre, counted: tuple[requests.Session, CountingAdapter], scan: Path
) -> None:
    session, adapter = counted
    seen: list[tuple[int, int]] = []
    sha = upload_file(
        session, centre_server.url, token_of(centre_server), scan, progress=lambda s, t: seen.append((s, t))
    )
    assert sha == hashlib.sha256(scan.read_bytes()).hexdigest() == file_sha256(scan)
    assert object_path(centre_server.settings.files_dir, sha).read_bytes() == scan.read_bytes()
    assert adapter.sent == [("HEAD", 0), ("PUT", CHUNK_BYTES), ("PUT", CHUNK_BYTES), ("PUT", CHUNK_BYTES)]
    assert seen == [(0, SIZE), (CHUNK_BYTES, SIZE), (2 * CHUNK_BYTES, SIZE), (SIZE, SIZE)]


def test_upload_cut_after_one_chunk_resumes_sending_only_the_rest(
    centre_server: RunningCentre, counted: tuple[requests.Session, CountingAdapter], scan: Path
) -> None:
    session, adapter = counted
    token = token_of(centre_server)
    with pytest.raises(Stop):
        upload_file(session, centre_server.url, token, scan, progress=stop_after(1))
    assert centre_holds(centre_server, token, file_sha256(scan))["received"] == CHUNK_BYTES
    adapter.reset()
    upload_file(session, centre_server.url, token, scan)
    assert adapter.body_bytes == SIZE - CHUNK_BYTES
    assert [m for m, _ in adapter.sent] == ["HEAD", "PUT", "PUT"]
    assert object_path(centre_server.settings.files_dir, file_sha256(scan)).read_bytes() == scan.read_bytes()


def test_upload_through_dropped_and_cut_connections_resumes_from_the_centres_offset(
    centre_server: RunningCentre, counted: tuple[requests.Session, CountingAdapter], tmp_path: Path
) -> None:
    session, adapter = counted
    token = token_of(centre_server)
    path = tmp_path / "ho-so-dat-dai.pdf"
    path.write_bytes(os.urandom(8 * 256 * 1024))  # 8 chunks of 256 KiB
    faults = ("drop_request", "drop_answer", "cut_answer", "error_5xx")
    with FaultProxy(
        int(centre_server.url.rsplit(":", 1)[1]), seed=7, fault_rate=0.5, faults=faults, max_faults=6
    ) as proxy:
        sha = upload_file(
            session, proxy.url, token, path, chunk_size=256 * 1024, timeout=(2.0, 5.0), retries=6, sleep=lambda _s: None
        )
        dropped = sum(proxy.counts.values())
    assert dropped >= 3, proxy.counts  # the seed really cut the upload several times
    assert object_path(centre_server.settings.files_dir, sha).read_bytes() == path.read_bytes()
    puts = [size for method, size in adapter.sent if method == "PUT"]
    assert sum(puts) <= path.stat().st_size + dropped * 256 * 1024  # at most the chunk in flight per fault


def test_second_upload_of_a_stored_file_costs_one_request(
    centre_server: RunningCentre, counted: tuple[requests.Session, CountingAdapter], scan: Path
) -> None:
    session, adapter = counted
    token = token_of(centre_server)
    first = upload_file(session, centre_server.url, token, scan)
    adapter.reset()
    progress: list[tuple[int, int]] = []
    assert (
        upload_file(session, centre_server.url, token, scan, first, progress=lambda s, t: progress.append((s, t)))
        == first
    )
    assert adapter.sent == [("HEAD", 0)]
    assert progress == [(SIZE, SIZE)]


def test_another_unit_neither_sees_nor_disturbs_a_units_upload(
    centre_server: RunningCentre, counted: tuple[requests.Session, CountingAdapter], scan: Path
) -> None:
    session, adapter = counted
    token_a, token_b = token_of(centre_server, UNIT), token_of(centre_server, OTHER_UNIT)
    sha = file_sha256(scan)
    with pytest.raises(Stop):
        upload_file(session, centre_server.url, token_a, scan, sha, progress=stop_after(2))
    assert centre_holds(centre_server, token_b, sha) == {"sha256": sha, "received": 0, "complete": False}
    adapter.reset()
    upload_file(session, centre_server.url, token_b, scan, sha)  # unit B sends it all: nothing leaks from A
    assert adapter.body_bytes == SIZE
    assert centre_holds(centre_server, token_a, sha) == {"sha256": sha, "received": 2 * CHUNK_BYTES, "complete": False}
    adapter.reset()
    upload_file(session, centre_server.url, token_a, scan, sha)  # A's partial upload is untouched by B's
    assert adapter.body_bytes == CHUNK_BYTES
    assert centre_holds(centre_server, token_a, sha)["complete"] is True


def test_resume_with_wrong_bytes_is_refused_by_the_centres_hash_check(
    centre_server: RunningCentre, counted: tuple[requests.Session, CountingAdapter], scan: Path
) -> None:
    session, _ = counted
    token = token_of(centre_server)
    original = scan.read_bytes()
    sha = file_sha256(scan)
    with pytest.raises(Stop):
        upload_file(session, centre_server.url, token, scan, sha, progress=stop_after(1))
    damaged = bytearray(original)
    damaged[CHUNK_BYTES + 10] ^= 0xFF  # the file on disk changed at the resume offset
    scan.write_bytes(bytes(damaged))
    with pytest.raises(FileDamaged) as refused:
        upload_file(session, centre_server.url, token, scan, sha)
    assert "không khớp mã SHA-256" in refused.value.message and scan.name in refused.value.message
    assert "does not match its SHA-256" in refused.value.english
    assert refused.value.status == 400
    assert centre_holds(centre_server, token, sha)["received"] == 0  # the centre threw the partial away
    assert not object_path(centre_server.settings.files_dir, sha).exists()
    scan.write_bytes(original)  # the right file goes up again from the start
    assert upload_file(session, centre_server.url, token, scan, sha) == sha


def test_file_over_the_centres_limit_is_reported_as_too_large(
    centre_server: RunningCentre, counted: tuple[requests.Session, CountingAdapter], scan: Path
) -> None:
    session, adapter = counted
    centre_server.settings.max_file_bytes = 2 * CHUNK_BYTES
    with pytest.raises(FileTooLarge) as refused:
        upload_file(session, centre_server.url, token_of(centre_server), scan)
    assert "quá lớn" in refused.value.message and "too large" in refused.value.english
    assert refused.value.size == SIZE
    assert [m for m, _ in adapter.sent] == ["HEAD", "PUT"]  # refused at the first chunk, nothing retried


def test_unknown_token_is_reported_as_revoked_and_not_retried(
    centre_server: RunningCentre, counted: tuple[requests.Session, CountingAdapter], scan: Path
) -> None:
    session, adapter = counted
    with pytest.raises(TokenRevoked):
        upload_file(session, centre_server.url, "not-a-token-of-this-centre", scan)
    assert adapter.sent == [("HEAD", 0)]


def test_unreachable_centre_is_reported_as_no_connection_after_bounded_retries(
    counted: tuple[requests.Session, CountingAdapter], scan: Path
) -> None:
    session, adapter = counted
    waits: list[float] = []
    with pytest.raises(NoConnection) as failed:
        upload_file(session, f"http://127.0.0.1:{free_port()}", "token", scan, retries=2, sleep=waits.append)
    assert "Không kết nối được" in failed.value.message and "Cannot reach" in failed.value.english
    assert len(adapter.sent) == 3 and waits == [0.5, 1.0]
