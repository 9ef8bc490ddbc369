"""Conflicts are data: kept, flagged on the dossier, listed for a person; never dropped."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from centre.models import DossierRow
from desk_app.domain.events import EventKind, Status
from tests.centre.helpers import ADMIN_TOKEN, TestDesk, counts, later

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def test_two_desks_acting_at_once_against_the_state_machine_both_are_stored_as_an_anomaly(
    enrol: Callable[..., TestDesk], engine: Engine, client: TestClient
) -> None:
    desk_a, desk_b = enrol(desk_number=1), enrol(desk_number=2)
    receipt = desk_a.receive(1)
    desk_a.sync([receipt])
    desk_b.sync()
    refused = desk_a.act(EventKind.REFUSED, receipt, hlc=later(receipt, 1))
    result = desk_b.act(EventKind.RESULT_RECEIVED, receipt, hlc=later(receipt, 2))
    assert desk_a.sync([refused]).acks and desk_b.sync([result]).acks
    assert counts(engine) == (3, 1)
    with engine.connect() as connection:
        row = connection.execute(select(DossierRow)).one()
    assert row.status == Status.REFUSED
    assert row.anomaly is True
    assert [a["event_id"] for a in row.anomalies] == [result.id]
    listed = client.get("/api/v1/admin/anomalies", headers=ADMIN).json()
    assert [(d["code"], d["anomalies"][0]["kind"]) for d in listed] == [(receipt.payload["code"], "result_received")]
    desk_a.sync()
    assert result.id in desk_a.pulled, "desk A receives desk B's conflicting event to show it too"


def test_late_event_is_folded_in_its_place_not_at_the_end(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk_a, desk_b = enrol(desk_number=1), enrol(desk_number=2)
    receipt = desk_a.receive(1)
    desk_a.sync([receipt])
    transferred = desk_b.act(EventKind.TRANSFERRED, receipt, hlc=later(receipt, 1))
    returned_result = desk_a.act(EventKind.RESULT_RECEIVED, receipt, hlc=later(receipt, 5))
    desk_a.sync([returned_result])
    desk_b.sync([transferred])  # arrives later, but happened earlier
    with engine.connect() as connection:
        row = connection.execute(select(DossierRow)).one()
    assert (row.status, row.anomaly, row.event_count) == (Status.RESULT_READY, False, 3)


def test_same_code_issued_by_two_desks_for_different_dossiers_is_flagged_and_listed(
    enrol: Callable[..., TestDesk], engine: Engine, client: TestClient
) -> None:
    desk_a, desk_b = enrol(desk_number=1), enrol(desk_number=2)  # desk 2 misconfigured as number 1
    clash_a, clash_b = desk_a.receive(7), desk_b.receive(7)
    desk_a.sync([clash_a, desk_a.receive(8)])
    desk_b.sync([clash_b])
    with engine.connect() as connection:
        flags = dict(connection.execute(select(DossierRow.dossier_id, DossierRow.code_conflict)).all())
    assert flags[clash_a.dossier_id] and flags[clash_b.dossier_id]
    assert sum(flags.values()) == 2
    listed = client.get("/api/v1/admin/code-conflicts", headers=ADMIN).json()
    assert len(listed) == 1 and listed[0]["code"] == clash_a.payload["code"]
    assert {d["device_id"] for d in listed[0]["dossiers"]} == {desk_a.device_id, desk_b.device_id}


def test_conflicting_resend_is_listed_for_a_person(enrol: Callable[..., TestDesk], client: TestClient) -> None:
    import dataclasses

    desk = enrol()
    event = desk.receive(1)
    desk.sync([event])
    desk.sync([dataclasses.replace(event, actor="Người khác")])
    listed = client.get("/api/v1/admin/rejections", headers=ADMIN).json()
    assert [(r["event_id"], r["reason"]) for r in listed] == [(event.id, "conflict")]
    desks = client.get("/api/v1/admin/desks", headers=ADMIN).json()
    assert desks[0]["last_device_seq"] == 1
