"""Security of the sync endpoint: units are sealed, revoked tokens refused, bad bodies change nothing."""

from __future__ import annotations

import gzip
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from centre.models import Desk
from centre.services import desks
from desk_app.domain import sync_protocol as sp
from tests.centre.helpers import TestDesk, counts

UNIT_A = "000.17.22.H56"
UNIT_B = "000.18.23.H56"


def _error(answer: object) -> sp.ErrorBody:
    body = sp.decode_error(answer.content)  # type: ignore[attr-defined]
    assert body is not None, answer.text  # type: ignore[attr-defined]
    return body


def _desk_state(engine: Engine) -> list[tuple[int, int]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(select(Desk.id, Desk.last_device_seq).order_by(Desk.id))]


def test_token_of_unit_a_cannot_sync_as_unit_b(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk_a = enrol(UNIT_A)
    enrol(UNIT_B).sync([])
    answer = desk_a.post(sp.encode_request(desk_a.request([desk_a.receive(1)], unit=UNIT_B)))
    assert answer.status_code == 403
    assert _error(answer).error == sp.ERR_FORBIDDEN
    assert counts(engine) == (0, 0)


def test_token_of_unit_a_never_reads_unit_b_events(enrol: Callable[..., TestDesk]) -> None:
    desk_a, desk_b = enrol(UNIT_A), enrol(UNIT_B)
    desk_b.sync([desk_b.receive(n) for n in range(1, 4)])
    response = desk_a.sync(cursor=0)
    assert (response.events, response.head) == ((), 0)


def test_token_of_unit_a_cannot_write_into_a_dossier_of_unit_b(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    from desk_app.domain.events import EventKind

    desk_a, desk_b = enrol(UNIT_A), enrol(UNIT_B)
    receipt_b = desk_b.receive(1)
    desk_b.sync([receipt_b])
    intrusion = desk_a.act(EventKind.REFUSED, receipt_b)
    response = desk_a.sync([intrusion])
    assert [(r.id, r.reason) for r in response.rejections] == [(intrusion.id, sp.FOREIGN_DOSSIER)]
    assert counts(engine) == (1, 1)
    assert desk_b.sync(cursor=0).pulled()[0][1].id == receipt_b.id


def test_device_id_other_than_the_enrolled_one_is_refused(enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    answer = desk.post(sp.encode_request(desk.request([], device_id="máy-khác")))
    assert answer.status_code == 403


def test_revoked_token_is_refused_with_a_clear_reason(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk = enrol(UNIT_A, 3)
    with engine.begin() as connection:
        desks.revoke(connection, UNIT_A, 3)
    answer = desk.post(sp.encode_request(desk.request([desk.receive(1)])))
    assert answer.status_code == 403
    assert _error(answer).error == sp.ERR_REVOKED
    assert "thu hồi" in _error(answer).message
    assert counts(engine) == (0, 0)


@pytest.mark.parametrize("header", [None, "Bearer ", "Bearer khong-phai-ma-that", "Basic abc"])
def test_missing_or_unknown_token_is_401(client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    answer = client.post("/api/v1/sync", content=b"\x1f\x8b", headers=headers)
    assert answer.status_code == 401
    assert _error(answer).error == sp.ERR_UNAUTHORIZED


def _bad_bodies(desk: TestDesk) -> dict[str, tuple[bytes, int]]:
    good = sp.encode_request(desk.request([desk.receive(n) for n in range(1, 4)]))
    bomb = gzip.compress(b"[" + b" " * (sp.MAX_DECOMPRESSED_BYTES + 10) + b"]", compresslevel=9)
    return {
        "truncated": (good[: len(good) - 7], 400),
        "cut in half": (good[: len(good) // 2], 400),
        "not gzip": (b'{"protocol_version": 1}', 400),
        "gzip of broken JSON": (gzip.compress(b'{"protocol_version": 1, "events": ['), 400),
        "wrong field type": (sp.pack({**desk.request().to_json(), "cursor": "mười"}), 400),
        "gzip bomb": (bomb, 413),
        "oversized": (b"\x1f\x8b" + b"\0" * (sp.MAX_COMPRESSED_BYTES + 1), 413),
        "too many events": (sp.pack({**desk.request().to_json(), "events": [{"id": "x"}] * 5001}), 413),
        "too old protocol": (sp.pack({**desk.request().to_json(), "protocol_version": 0}), 426),
    }


def test_bad_bodies_are_refused_with_4xx_json_and_change_nothing(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    desk = enrol()
    before_desks = _desk_state(engine)
    for name, (body, status) in _bad_bodies(desk).items():
        answer = desk.post(body)
        assert answer.status_code == status, name
        error = _error(answer)
        assert error.message and error.message_en and error.centre_time, name
        assert counts(engine) == (0, 0), name
        assert _desk_state(engine) == before_desks, name


def test_too_old_protocol_is_426_with_a_message_to_update(enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    answer = desk.post(sp.pack({**desk.request().to_json(), "protocol_version": 0}))
    assert answer.status_code == 426
    error = _error(answer)
    assert error.error == sp.ERR_UPDATE_REQUIRED
    assert "update" in error.message_en


def test_declared_content_length_over_the_limit_is_refused_before_reading(enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    answer = desk.post(b"\x1f\x8b", headers={"Content-Length": str(sp.MAX_COMPRESSED_BYTES + 1)})
    assert answer.status_code == 413


def test_admin_views_need_the_admin_token(client: TestClient) -> None:
    assert client.get("/api/v1/admin/code-conflicts").status_code == 403
    assert client.get("/api/v1/admin/code-conflicts", headers={"Authorization": "Bearer sai"}).status_code == 403


def test_desk_token_is_not_an_admin_token(enrol: Callable[..., TestDesk], client: TestClient) -> None:
    desk = enrol()
    assert client.get("/api/v1/admin/anomalies", headers=desk.auth).status_code == 403
