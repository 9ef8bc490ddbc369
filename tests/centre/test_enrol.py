"""Enrolment: a one-time, expiring code exchanged for a token that the centre keeps only hashed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update

from centre.core.security import new_enrol_code, normalise_code
from centre.models import Desk, EnrolmentCode
from centre.services import desks
from desk_app.domain import sync_protocol as sp
from tests.centre.helpers import TestDesk

UNIT = "000.17.22.H56"


def _code(engine: Engine, desk_number: int = 1, unit: str = UNIT) -> str:
    with engine.begin() as connection:
        code, _ = desks.new_enrolment_code(connection, unit, desk_number)
    return code


def _exchange(client: TestClient, code: str, device_id: str = "desk-máy-1") -> object:
    return client.post("/api/v1/enrol", json=sp.EnrolRequest(code, device_id, "0.1.0").to_json())


def test_code_is_short_typeable_and_forgives_case_and_lookalikes() -> None:
    code = new_enrol_code()
    assert len(code) == 14 and code.count("-") == 2
    assert normalise_code(code.lower().replace("-", " ")) == code.replace("-", "")
    assert normalise_code("o1l-I") == "0111"


def test_code_is_exchanged_for_a_token_stored_only_hashed(client: TestClient, engine: Engine) -> None:
    answer = _exchange(client, _code(engine, 2))
    assert answer.status_code == 200  # type: ignore[attr-defined]
    enrolled = sp.enrol_response_from_json(answer.json())  # type: ignore[attr-defined]
    assert (enrolled.unit, enrolled.desk_number, enrolled.device_id) == (UNIT, 2, "desk-máy-1")
    assert len(enrolled.token) >= 43
    with engine.connect() as connection:
        stored = connection.execute(select(Desk.token_hash)).scalar_one()
        codes = connection.execute(select(EnrolmentCode.code_hash)).scalars().all()
    assert stored == hashlib.sha256(enrolled.token.encode()).hexdigest()
    assert enrolled.token not in stored
    assert all(len(h) == 64 for h in codes)


def test_code_works_once_only(client: TestClient, engine: Engine) -> None:
    code = _code(engine)
    assert _exchange(client, code).status_code == 200  # type: ignore[attr-defined]
    again = _exchange(client, code, "desk-máy-2")
    assert again.status_code == 400  # type: ignore[attr-defined]
    assert "already used" in sp.decode_error(again.content).message_en  # type: ignore[attr-defined,union-attr]


def test_expired_code_is_refused(client: TestClient, engine: Engine) -> None:
    code = _code(engine)
    with engine.begin() as connection:
        connection.execute(update(EnrolmentCode).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    answer = _exchange(client, code)
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert "expired" in sp.decode_error(answer.content).message_en  # type: ignore[attr-defined,union-attr]
    with engine.connect() as connection:
        assert connection.execute(select(Desk.id)).first() is None


def test_unknown_code_is_refused(client: TestClient) -> None:
    answer = _exchange(client, "AAAA-BBBB-CCCC")
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert sp.decode_error(answer.content).error == sp.ERR_BAD_CODE  # type: ignore[attr-defined,union-attr]


def test_code_typed_in_lower_case_with_spaces_is_accepted(client: TestClient, engine: Engine) -> None:
    code = _code(engine)
    assert _exchange(client, code.lower().replace("-", " ")).status_code == 200  # type: ignore[attr-defined]


def test_enrol_body_that_is_not_json_is_a_4xx(client: TestClient) -> None:
    answer = client.post("/api/v1/enrol", content=b"\xff\xfe")
    assert answer.status_code == 400


def test_new_device_in_a_desk_slot_revokes_the_old_one(enrol: Callable[..., TestDesk]) -> None:
    old = enrol(UNIT, 1)
    new = enrol(UNIT, 1)
    assert new.sync().cursor == 0
    assert old.post(sp.encode_request(old.request())).status_code == 403


def test_device_enrolled_again_keeps_its_sequence(enrol: Callable[..., TestDesk]) -> None:
    first = enrol(UNIT, 1, device_id="desk-máy-1")
    first.sync([first.receive(1)])
    again = enrol(UNIT, 1, device_id="desk-máy-1")
    again.next_seq = 2
    response = again.sync([again.receive(2)])
    assert [a.centre_seq for a in response.acks] == [2]
    assert first.post(sp.encode_request(first.request())).status_code == 401


def test_desk_number_out_of_range_gets_no_code(engine: Engine) -> None:
    import pytest

    from centre import CentreError

    with engine.begin() as connection, pytest.raises(CentreError):
        desks.new_enrolment_code(connection, UNIT, 0)
