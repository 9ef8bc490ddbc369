"""The whole loop over real HTTP: a uvicorn centre on loopback, two desks enrolled with codes from the
``centre`` command, a dossier received at one desk reaching the other, and what the province publishes
and records reaching both."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from centre.api.main import create_app
from centre.cli import main
from centre.core.config import Settings
from centre.core.db import migrate
from desk_app.domain import sync_protocol as sp
from desk_app.domain.events import EventKind
from desk_app.resources import sample_catalogue_path
from tests.centre.helpers import TestDesk
from tests.pg import RunningCentre

UNIT = "000.17.22.H56"


def _centre(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out.strip()


def _enrolled(http: httpx.Client, code: str, device_id: str) -> TestDesk:
    answer = http.post("/api/v1/enrol", json=sp.EnrolRequest(code, device_id, "0.1.0").to_json())
    assert answer.status_code == 200, answer.text
    enrolled = sp.enrol_response_from_json(answer.json())
    return TestDesk(http, enrolled.token, enrolled.unit, enrolled.desk_number, device_id)


@pytest.fixture
def http(centre_server: RunningCentre) -> Iterator[httpx.Client]:
    """An HTTP client of the running centre."""
    with httpx.Client(base_url=centre_server.url, timeout=20) as client:
        yield client


def test_a_dossier_received_at_one_desk_appears_at_the_other_and_the_centre_talks_back(
    centre_server: RunningCentre, http: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", centre_server.settings.database_url]
    desk_a = _enrolled(http, _centre(capsys, "enroll", "--unit", UNIT.lower(), "--desk", "1", *db), "desk-a")
    desk_b = _enrolled(http, _centre(capsys, "enroll", "--unit", UNIT, "--desk", "2", *db), "desk-b")
    receipt = desk_a.receive(1, applicant_name="Phạm Thị Thu Hà")
    transferred = desk_a.act(EventKind.TRANSFERRED, receipt)
    assert len(desk_a.sync([receipt, transferred], known_device_seq=2).acks) == 2
    desk_b.sync()
    assert {e.id for e in desk_b.pulled.values()} == {receipt.id, transferred.id}
    assert desk_b.pulled[receipt.id].payload["applicant_name"] == "Phạm Thị Thu Hà"

    code = receipt.payload["code"]
    _centre(capsys, "record", "--dossier", code, "--kind", "result_received", "--payload", '{"from_unit": "UBND"}', *db)
    _centre(capsys, "catalogue", "import", str(sample_catalogue_path()), *db)
    _centre(capsys, "calendar", "set", "--year", "2026", "--work", "2026-08-22=Làm bù", *db)
    answer = desk_a.sync(calendar_version=0)
    assert [e.kind for _, e in answer.pulled()] == [EventKind.RESULT_RECEIVED]
    assert answer.catalogue is not None and answer.calendar is not None
    desk_b.sync()
    assert any(e.device_id == sp.CENTRE_DEVICE_ID for e in desk_b.pulled.values())

    _centre(capsys, "revoke", "--unit", UNIT, "--desk", "2", *db)
    refused = desk_b.post(sp.encode_request(desk_b.request()))
    assert refused.status_code == 403 and sp.decode_error(refused.content).error == sp.ERR_REVOKED  # type: ignore[union-attr]
    conflicts = json.loads(_centre(capsys, "conflicts", *db))
    assert conflicts == {"code_conflicts": [], "anomalies": [], "rejections": []}


def test_health_answers_with_the_centre_time_and_versions(http: httpx.Client) -> None:
    body = http.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["protocol_version"] == sp.PROTOCOL_VERSION
    assert sp.parse_centre_time(body["centre_time"]).utcoffset() is not None


def test_openapi_schema_lists_every_endpoint(http: httpx.Client) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    assert {"/api/v1/sync", "/api/v1/enrol", "/api/v1/files/{sha256}", "/api/v1/health"} <= set(paths)


def test_embedded_sqlite_centre_runs_the_same_loop(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'centre.sqlite3'}"
    migrate(url)
    app = create_app(Settings(database_url=url, files_dir=tmp_path / "files"))
    from tests.centre.helpers import enrol_desk

    with TestClient(app) as client:
        desk_a = enrol_desk(client, app.state.engine, UNIT, 1)
        desk_b = enrol_desk(client, app.state.engine, UNIT, 2)
        receipt = desk_a.receive(1)
        assert desk_a.sync([receipt]).acks[0].centre_seq == 1
        assert desk_a.sync([receipt]).acks[0].centre_seq == 1
        assert [e.id for _, e in desk_b.sync().pulled()] == [receipt.id]
    app.state.engine.dispose()


def test_cli_refuses_a_bad_agency_id_with_a_message(centre_db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["enroll", "--unit", "không-phải-mã", "--desk", "1", "--db", centre_db_url]) == 2
    assert "LLL.KK.JJ.Hnn" in capsys.readouterr().err
