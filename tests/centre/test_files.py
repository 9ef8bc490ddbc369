"""Scanned files: content-addressed, resumable, verified against their SHA-256, kept per unit."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

from fastapi.testclient import TestClient

from centre.core.config import Settings
from centre.services.files import object_path
from tests.centre.helpers import TestDesk

SCAN = os.urandom(300_000)
SHA = hashlib.sha256(SCAN).hexdigest()


def _put(client: TestClient, desk: TestDesk, start: int, end: int, data: bytes = SCAN, sha: str = SHA) -> object:
    headers = {**desk.auth, "Content-Range": f"bytes {start}-{end - 1}/{len(data)}"}
    return client.put(f"/api/v1/files/{sha}", content=data[start:end], headers=headers)


def test_file_uploaded_in_chunks_is_stored_when_the_hash_matches(
    client: TestClient, enrol: Callable[..., TestDesk], settings: Settings
) -> None:
    desk = enrol()
    first = _put(client, desk, 0, 100_000)
    assert first.json() == {"sha256": SHA, "received": 100_000, "complete": False}  # type: ignore[attr-defined]
    _put(client, desk, 100_000, 200_000)
    last = _put(client, desk, 200_000, len(SCAN))
    assert last.json()["complete"] is True  # type: ignore[attr-defined]
    assert object_path(settings.files_dir, SHA).read_bytes() == SCAN


def test_status_tells_where_to_resume_after_a_dropped_link(client: TestClient, enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    _put(client, desk, 0, 120_000)
    head = client.head(f"/api/v1/files/{SHA}", headers=desk.auth)
    assert head.headers["Upload-Offset"] == "120000"
    status = client.get(f"/api/v1/files/{SHA}", headers=desk.auth).json()
    assert status == {"sha256": SHA, "received": 120_000, "complete": False}
    offset = status["received"]
    answer = client.put(
        f"/api/v1/files/{SHA}?offset={offset}&total={len(SCAN)}", content=SCAN[offset:], headers=desk.auth
    )
    assert answer.json()["complete"] is True


def test_chunk_at_the_wrong_offset_is_refused_with_where_to_resume(
    client: TestClient, enrol: Callable[..., TestDesk]
) -> None:
    desk = enrol()
    _put(client, desk, 0, 50_000)
    answer = _put(client, desk, 60_000, 70_000)
    assert answer.status_code == 409  # type: ignore[attr-defined]
    assert "50000" in answer.json()["message_en"]  # type: ignore[attr-defined]


def test_file_whose_bytes_do_not_match_the_hash_is_thrown_away(
    client: TestClient, enrol: Callable[..., TestDesk], settings: Settings
) -> None:
    desk = enrol()
    damaged = bytearray(SCAN)
    damaged[1234] ^= 1
    answer = client.put(f"/api/v1/files/{SHA}", content=bytes(damaged), headers=desk.auth)
    assert answer.status_code == 400
    assert "SHA-256" in answer.json()["message_en"]
    assert not object_path(settings.files_dir, SHA).exists()
    assert client.get(f"/api/v1/files/{SHA}", headers=desk.auth).json()["received"] == 0


def test_whole_file_in_one_put_and_again_is_idempotent(client: TestClient, enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    assert client.put(f"/api/v1/files/{SHA}", content=SCAN, headers=desk.auth).json()["complete"] is True
    again = client.put(f"/api/v1/files/{SHA}", content=SCAN, headers=desk.auth)
    assert again.status_code == 200 and again.json()["complete"] is True


def test_another_unit_does_not_see_a_file_it_has_not_sent(client: TestClient, enrol: Callable[..., TestDesk]) -> None:
    desk_a, desk_b = enrol("000.17.22.H56"), enrol("000.18.23.H56")
    client.put(f"/api/v1/files/{SHA}", content=SCAN, headers=desk_a.auth)
    assert client.get(f"/api/v1/files/{SHA}", headers=desk_b.auth).json() == {
        "sha256": SHA,
        "received": 0,
        "complete": False,
    }


def test_file_over_the_size_limit_is_refused(client: TestClient, enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    answer = client.put(f"/api/v1/files/{SHA}?offset=0&total={10**12}", content=SCAN[:10], headers=desk.auth)
    assert answer.status_code == 413


def test_bad_hash_and_bad_range_are_refused(client: TestClient, enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    assert client.put("/api/v1/files/not-a-hash", content=b"x", headers=desk.auth).status_code == 400
    bad_range = {**desk.auth, "Content-Range": "bytes 0-5/3"}
    assert client.put(f"/api/v1/files/{SHA}", content=b"abc", headers=bad_range).status_code == 400


def test_files_need_a_desk_token(client: TestClient) -> None:
    assert client.put(f"/api/v1/files/{SHA}", content=SCAN).status_code == 401
