"""Pulling: a unit's events in pages, what flows down (catalogue, calendar, centre events), versions."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from centre.services import publish, record
from desk_app.domain import sync_protocol as sp
from desk_app.domain.events import EventKind
from desk_app.domain.work_calendar import CalendarOverride
from desk_app.resources import sample_catalogue_path
from tests.centre.helpers import TestDesk


def test_events_received_at_one_desk_reach_the_other_desk_of_the_unit(enrol: Callable[..., TestDesk]) -> None:
    desk_a, desk_b = enrol(desk_number=1), enrol(desk_number=2)
    receipt = desk_a.receive(1)
    desk_a.sync([receipt])
    response = desk_b.sync()
    assert [(seq, e.id) for seq, e in response.pulled()] == [(1, receipt.id)]
    assert response.pulled()[0][1].content_hash() == receipt.content_hash()
    assert (response.cursor, response.head, response.more) == (1, 1, False)


def test_pull_comes_in_pages_with_a_cursor_and_more_flag(enrol: Callable[..., TestDesk]) -> None:
    desk_a, desk_b = enrol(desk_number=1), enrol(desk_number=2)
    desk_a.sync([desk_a.receive(n) for n in range(1, 8)])
    pages = desk_b.sync_all(page_size=3)
    assert [len(p.events) for p in pages] == [3, 3, 1]
    assert [(p.cursor, p.more) for p in pages] == [(3, True), (6, True), (7, False)]
    assert len(desk_b.pulled) == 7


def test_own_known_events_are_not_sent_back_but_the_cursor_passes_them(enrol: Callable[..., TestDesk]) -> None:
    desk_a, desk_b = enrol(desk_number=1), enrol(desk_number=2)
    desk_b.sync([desk_b.receive(1)])
    own = [desk_a.receive(n) for n in range(2, 5)]
    response = desk_a.sync(own, known_device_seq=3)
    assert [e.device_id for _, e in response.pulled()] == [desk_b.device_id]
    assert response.cursor == 4


def test_a_desk_restored_from_backup_gets_its_own_lost_events_back(enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    events = [desk.receive(n) for n in range(1, 4)]
    desk.sync(events, known_device_seq=3)
    response = desk.sync(cursor=0, known_device_seq=1)
    assert [e.id for _, e in response.pulled()] == [events[1].id, events[2].id]


def test_idle_sync_returns_nothing_and_keeps_the_cursor(enrol: Callable[..., TestDesk]) -> None:
    desk = enrol()
    response = desk.sync()
    assert (response.events, response.cursor, response.more, response.acks) == ((), 0, False, ())


def test_every_answer_carries_the_centre_time_in_utc(enrol: Callable[..., TestDesk]) -> None:
    response = enrol().sync()
    moment = sp.parse_centre_time(response.centre_time)
    assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0


def test_centre_recorded_event_reaches_the_desks_at_their_next_sync(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    desk_a, desk_b = enrol(desk_number=1), enrol(desk_number=2)
    receipt = desk_a.receive(1)
    desk_a.sync([receipt, desk_a.act(EventKind.TRANSFERRED, receipt)], known_device_seq=2)
    with engine.begin() as connection:
        event, seq = record.record_event(
            connection, receipt.payload["code"], EventKind.RESULT_RECEIVED, {"from_unit": "Sở Tư pháp"}
        )
    assert seq == 3
    pulled_a = desk_a.sync().pulled()
    assert [(s, e.device_id, e.kind) for s, e in pulled_a] == [(3, sp.CENTRE_DEVICE_ID, EventKind.RESULT_RECEIVED)]
    assert pulled_a[0][1].hlc > receipt.hlc
    assert event.id in {e.id for _, e in desk_b.sync().pulled()}


def test_catalogue_flows_down_when_the_desk_holds_another_version_only(
    enrol: Callable[..., TestDesk], engine: Engine
) -> None:
    desk = enrol()
    assert desk.sync().catalogue is None
    with engine.begin() as connection:
        catalogue, _ = publish.import_catalogue(connection, sample_catalogue_path())
    sent = desk.sync(catalogue_version="cũ").catalogue
    assert sent is not None and sent["version"] == catalogue.version
    assert desk.sync(catalogue_version=catalogue.version).catalogue is None


def test_newer_catalogue_replaces_the_current_one(
    enrol: Callable[..., TestDesk], engine: Engine, tmp_path: Path
) -> None:
    desk = enrol()
    document = json.loads(sample_catalogue_path().read_text(encoding="utf-8"))
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps({**document, "version": "2026.1"}), encoding="utf-8")
    second.write_text(json.dumps({**document, "version": "2026.2"}), encoding="utf-8")
    with engine.begin() as connection:
        publish.import_catalogue(connection, first)
        publish.import_catalogue(connection, second)
    sent = desk.sync(catalogue_version="2026.1").catalogue
    assert sent is not None and sent["version"] == "2026.2"


def test_calendar_flows_down_when_newer_and_not_again(enrol: Callable[..., TestDesk], engine: Engine) -> None:
    desk = enrol()
    assert desk.sync().calendar is None
    days = [
        CalendarOverride(date(2026, 8, 22), True, "Làm bù cho ngày 31/8", "CV 2450/VPCP"),
        CalendarOverride(date(2026, 8, 31), False, "Nghỉ bù Quốc khánh", "CV 2450/VPCP"),
    ]
    with engine.begin() as connection:
        version = publish.publish_calendar(connection, days, [2026])
    update = desk.sync(calendar_version=0).calendar
    assert update is not None and update.version == version
    assert [(o["day"], o["working"]) for o in update.overrides] == [("2026-08-22", True), ("2026-08-31", False)]
    assert desk.sync(calendar_version=version).calendar is None


def test_desk_older_than_the_minimum_still_pushes_but_pulls_nothing(
    enrol: Callable[..., TestDesk], engine: Engine, settings: object
) -> None:
    desk_a, desk_b = enrol(desk_number=1), enrol(desk_number=2)
    desk_b.sync([desk_b.receive(1)])
    old = desk_a.receive(2)
    response = desk_a.sync([old], app_version="0.0.9")
    assert [a.id for a in response.acks] == [old.id]
    assert response.update_required is True
    assert (response.events, response.cursor, response.head) == ((), 0, 2)
    assert response.min_app_version == "0.1.0"
