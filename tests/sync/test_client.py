"""The centre client without a network (mock transport): every failure a clerk can act on, and retries
only where repeating is harmless."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests

from desk_app.domain import sync_protocol as sp
from desk_app.services.desk import Desk
from desk_app.services.sync import CENTRE_URL_KEY, CLOCK_OFFSET_KEY, TOKEN_KEY, clock_warning, sync
from desk_app.store import unit
from desk_app.sync import (
    AppTooOld,
    CentreClient,
    ClockWrong,
    EnrolmentRefused,
    MockTransport,
    NoConnection,
    ProtocolRejected,
    ServerError,
    TokenRevoked,
    mock_response,
)

CENTRE = "https://dongbo.thanhhoa.gov.vn"


def request() -> sp.SyncRequest:
    return sp.SyncRequest(device_id="quay-01", unit="000.17.22.H56", app_version="0.1.0")


def answer(centre_time: datetime | None = None, **fields: object) -> requests.Response:
    moment = centre_time or datetime.now(UTC)
    body = sp.SyncResponse(centre_time=moment.isoformat(), cursor=0, **fields)  # type: ignore[arg-type]
    return mock_response(200, sp.encode_response(body), {"Content-Type": sp.MEDIA_TYPE})


def error(status: int, code: str, message: str = "Lỗi", english: str = "Error", **fields: str) -> requests.Response:
    body = sp.ErrorBody(code, message, english, **fields).to_json()
    return mock_response(status, json.dumps(body).encode(), {"Content-Type": "application/json"})


class Script:
    """A transport that plays a list of outcomes in order (a Response, or an exception to raise)."""

    def __init__(self, *outcomes: requests.Response | Exception) -> None:
        self.outcomes = list(outcomes)
        self.transport = MockTransport(self._next)

    def _next(self, _request: requests.PreparedRequest) -> requests.Response:
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client_for(sleeps: list[float]) -> Iterator[Callable[[Script], CentreClient]]:
    made: list[CentreClient] = []

    def make(script: Script) -> CentreClient:
        client = CentreClient(
            CENTRE, "token-quay-01", transport=script.transport, sleep=sleeps.append, jitter=lambda: 1.0
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def test_no_connection_is_retried_then_reported_in_the_clerks_words(client_for, sleeps) -> None:
    client = client_for(Script(*[requests.ConnectionError("refused")] * 5))
    with pytest.raises(NoConnection) as caught:
        client.sync(request())
    assert client.requests_made == 5 and len(sleeps) == 4
    assert "Không kết nối được với trung tâm" in caught.value.message
    assert "Cannot reach the provincial centre" in caught.value.english


def test_server_error_then_success_backs_off_exponentially(client_for, sleeps) -> None:
    client = client_for(Script(error(503, "internal"), mock_response(502, b"<html>Bad gateway</html>"), answer()))
    response = client.sync(request())
    assert response.cursor == 0
    assert client.requests_made == 3
    assert sleeps == [0.5, 1.0]  # backoff 0.5 s doubled, jitter pinned to its top


def test_backoff_jitter_keeps_at_least_half_the_delay(sleeps) -> None:
    script = Script(error(500, "internal"), error(500, "internal"), error(500, "internal"), answer())
    client = CentreClient(CENTRE, "t", transport=script.transport, sleep=sleeps.append, jitter=lambda: 0.0)
    client.sync(request())
    assert sleeps == [0.25, 0.5, 1.0]


def test_an_answer_cut_in_the_middle_is_retried_with_the_same_bytes(client_for) -> None:
    whole = answer().content
    script = Script(
        requests.exceptions.ChunkedEncodingError("connection broken"),
        mock_response(200, whole[: len(whole) // 2], {"Content-Type": sp.MEDIA_TYPE}),
        answer(),
    )
    client = client_for(script)
    client.sync(request())
    bodies = [sent.body for sent, _ in script.transport.sent]
    assert len(bodies) == 3 and bodies[0] == bodies[1] == bodies[2]


def test_a_revoked_token_is_not_retried_and_says_to_contact_the_province(client_for, sleeps) -> None:
    client = client_for(Script(error(403, sp.ERR_REVOKED, "Quầy này đã bị thu hồi quyền đồng bộ", "revoked")))
    with pytest.raises(TokenRevoked) as caught:
        client.sync(request())
    assert client.requests_made == 1 and sleeps == []
    assert "thu hồi" in caught.value.message


def test_an_unknown_token_asks_to_enrol_again(client_for) -> None:
    client = client_for(Script(error(401, sp.ERR_UNAUTHORIZED, "Hãy đăng ký lại", "enrol again")))
    with pytest.raises(TokenRevoked):
        client.sync(request())


def test_app_too_old_names_the_version_needed(client_for) -> None:
    client = client_for(Script(error(426, sp.ERR_UPDATE_REQUIRED, min_app_version="0.3.0")))
    with pytest.raises(AppTooOld) as caught:
        client.sync(request())
    assert caught.value.min_app_version == "0.3.0"
    assert "0.3.0" in caught.value.message and "cập nhật" in caught.value.message


def test_a_wrong_address_is_not_retried(client_for, sleeps) -> None:
    client = client_for(Script(mock_response(404, b"<html>Not found</html>")))
    with pytest.raises(ProtocolRejected) as caught:
        client.sync(request())
    assert "Địa chỉ trung tâm không đúng" in caught.value.message and sleeps == []


def test_a_certificate_that_does_not_verify_is_refused_not_retried(client_for, sleeps) -> None:
    client = client_for(Script(requests.exceptions.SSLError("certificate verify failed")))
    with pytest.raises(ProtocolRejected) as caught:
        client.sync(request())
    assert caught.value.code == "tls" and sleeps == []


def test_requests_carry_timeouts_tls_verification_token_and_versions(client_for) -> None:
    script = Script(answer())
    client = client_for(script)
    client.sync(request())
    sent, options = script.transport.sent[0]
    assert options["timeout"] == (10.0, 60.0)
    assert options["verify"] is True
    assert sent.headers["Authorization"] == "Bearer token-quay-01"
    assert sent.headers[sp.PROTOCOL_HEADER] == str(sp.PROTOCOL_VERSION)
    body = json.loads(gzip.decompress(sent.body))
    assert (body["protocol_version"], body["app_version"], body["schema_version"]) == (1, "0.1.0", 1)


def test_enrolment_is_never_retried(client_for, sleeps) -> None:
    client = client_for(Script(requests.ConnectionError("refused")))
    with pytest.raises(NoConnection):
        client.enrol("ABCD-EFGH", "quay-01")
    assert client.requests_made == 1 and sleeps == []


def test_a_used_enrolment_code_is_refused_clearly(client_for) -> None:
    client = client_for(Script(error(400, sp.ERR_BAD_CODE, "Mã đăng ký đã được dùng", "already used")))
    with pytest.raises(EnrolmentRefused) as caught:
        client.enrol("ABCD-EFGH", "quay-01")
    assert caught.value.message == "Mã đăng ký đã được dùng"


def enrolled(desk: Desk) -> Desk:
    with desk.db.write() as connection:
        unit.set_settings(connection, {CENTRE_URL_KEY: CENTRE, TOKEN_KEY: "token-quay-01"})
    return desk


def test_a_desk_clock_ten_minutes_slow_is_warned_loudly_and_kept_for_the_status_bar(make_desk, sleeps) -> None:
    desk = enrolled(make_desk())
    script = Script(answer(datetime.now(UTC) + timedelta(minutes=10)))
    client = CentreClient(CENTRE, "token-quay-01", transport=script.transport, sleep=sleeps.append)
    report = sync(desk, client=client)
    assert isinstance(report.clock_warning, ClockWrong)
    assert report.clock_warning.offset_s == pytest.approx(-600, abs=5)
    assert "ĐỒNG HỒ MÁY SAI 10 PHÚT" in report.summary("vi")
    assert isinstance(clock_warning(desk), ClockWrong)
    with desk.db.read() as connection:
        assert unit.get_setting(connection, CLOCK_OFFSET_KEY) == pytest.approx(-600, abs=5)


def test_a_clock_a_minute_off_is_not_warned(make_desk) -> None:
    desk = enrolled(make_desk())
    script = Script(answer(datetime.now(UTC) - timedelta(minutes=1)))
    report = sync(desk, client=CentreClient(CENTRE, "t", transport=script.transport))
    assert report.clock_warning is None and clock_warning(desk) is None
    assert report.clock_offset_s == pytest.approx(60, abs=5)


def test_sync_without_enrolment_says_how_to_enrol(make_desk) -> None:
    from desk_app.sync import NotEnrolled

    with pytest.raises(NotEnrolled) as caught:
        sync(make_desk())
    assert "desk-app enroll" in caught.value.message


def test_a_server_error_that_persists_is_reported_as_such(client_for) -> None:
    client = client_for(Script(*[error(500, "internal")] * 5))
    with pytest.raises(ServerError) as caught:
        client.sync(request())
    assert caught.value.status == 500
