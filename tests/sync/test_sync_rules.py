"""The rules of sync at the desk: sent only when the centre names it, pages resumable and atomic with
the cursor, conflicts kept, anomalies folded, catalogue/calendar/centre events flowing down."""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
import requests

from centre.services import publish, record
from desk_app.domain import sync_protocol as sp
from desk_app.domain.demo_people import PeopleGenerator
from desk_app.domain.events import EventKind
from desk_app.domain.work_calendar import CalendarOverride
from desk_app.resources import sample_catalogue_path
from desk_app.services.desk import Desk
from desk_app.services.sync import CENTRE_URL_KEY, TOKEN_KEY, SyncProgress, sync
from desk_app.store import outbox, unit
from desk_app.sync import CentreClient, MockTransport, mock_response
from tests.pg import RunningCentre
from tests.sync.helpers import assert_converged, desk_events, intake_form, payload_for

NOW = datetime(2026, 3, 2, 9, 0)
CENTRE = "https://dongbo.thanhhoa.gov.vn"


def receive_some(desk: Desk, count: int, seed: int = 1) -> list[str]:
    people, rng = PeopleGenerator(seed), random.Random(seed)
    return [desk.receive(intake_form(people, rng), "canbo", now=NOW).state.dossier_id for _ in range(count)]


def unsent_ids(desk: Desk) -> set[str]:
    with desk.db.read() as connection:
        return set(connection.exec_driver_sql("SELECT id FROM events WHERE centre_seq IS NULL").scalars())


def offline(desk: Desk) -> Desk:
    with desk.db.write() as connection:
        unit.set_settings(connection, {CENTRE_URL_KEY: CENTRE, TOKEN_KEY: "token"})
    return desk


def mock_centre(answer: Callable[[dict[str, Any]], sp.SyncResponse]) -> tuple[CentreClient, list[dict[str, Any]]]:
    """A client whose centre is a function of the decoded request; also returns the requests seen."""
    seen: list[dict[str, Any]] = []

    def handler(request: requests.PreparedRequest) -> requests.Response:
        body = json.loads(gzip.decompress(request.body))  # type: ignore[arg-type]
        seen.append(body)
        return mock_response(200, sp.encode_response(answer(body)))

    return CentreClient(CENTRE, "token", transport=MockTransport(handler), sleep=lambda _s: None), seen


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def test_an_event_is_marked_sent_only_when_the_answer_names_it(make_desk: Callable[..., Desk]) -> None:
    desk = offline(make_desk())
    receive_some(desk, 4)
    named: list[str] = []

    def answer(body: dict[str, Any]) -> sp.SyncResponse:
        if not named:  # the centre takes the first two of the first page, and then nothing more
            named.extend(e["id"] for e in body["events"][:2])
        acks = tuple(sp.Ack(e["id"], n + 1) for n, e in enumerate(body["events"]) if e["id"] in named)
        return sp.SyncResponse(centre_time=now_iso(), cursor=0, acks=acks, expected_device_seq=3)

    client, seen = mock_centre(answer)
    report = sync(desk, client=client)
    assert report.pushed == 2 and report.unsent == 2
    assert unsent_ids(desk) == {e["id"] for e in seen[0]["events"]} - set(named)
    assert len(seen) == 2  # the rest was offered once more, then not again in a loop


def test_a_conflict_from_the_centre_is_kept_locally_reported_and_not_resent_in_a_loop(
    make_desk: Callable[..., Desk],
) -> None:
    desk = offline(make_desk())
    receive_some(desk, 1)
    (mine,) = unsent_ids(desk)
    rejection = sp.Rejection(mine, sp.CONFLICT, "Trung tâm đã có sự kiện cùng mã với nội dung khác", "other content")
    client, seen = mock_centre(lambda _b: sp.SyncResponse(centre_time=now_iso(), cursor=0, rejections=(rejection,)))
    report = sync(desk, client=client)
    assert [c.event_id for c in report.conflicts] == [mine] and len(seen) == 1
    assert unsent_ids(desk) == {mine}
    with desk.db.read() as connection:
        assert [c.event_id for c in outbox.recorded_conflicts(connection)] == [mine]
    assert "cần người xử lý" in report.summary()


def test_a_pulled_event_clashing_with_a_local_one_never_overwrites_it(make_desk: Callable[..., Desk]) -> None:
    desk = offline(make_desk())
    receive_some(desk, 1)
    (local,) = desk_events(desk)
    forged = {**local.to_wire(), "actor": "người khác", "centre_seq": 1}

    def answer(body: dict[str, Any]) -> sp.SyncResponse:
        return sp.SyncResponse(centre_time=now_iso(), cursor=1, head=1, events=(forged,))

    client, _ = mock_centre(answer)
    report = sync(desk, client=client)
    assert [(c.event_id, c.side) for c in report.conflicts] == [(local.id, "desk")]
    assert desk_events(desk)[0].actor == local.actor
    with desk.db.read() as connection:
        assert outbox.cursor(connection) == 1


def test_a_cut_pull_resumes_from_the_last_committed_page(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    a, b = enrolled_desk(1), enrolled_desk(2)
    for dossier_id in receive_some(a, 12):
        a.record(dossier_id, EventKind.TRANSFERRED, payload_for(EventKind.TRANSFERRED, NOW), "canbo")
    sync(a)

    def cut_after_two_pages(progress: SyncProgress) -> None:
        if progress.pages == 2:
            raise ConnectionAbortedError("the link went down")

    with pytest.raises(ConnectionAbortedError):
        sync(b, progress=cut_after_two_pages, pull_page=5)
    with b.db.read() as connection:
        assert outbox.cursor(connection) == 10 and len(desk_events(b)) == 10
    rest = sync(b, pull_page=5)
    assert rest.pulled == 14 and rest.requests == 3  # pages 3, 4, 5: nothing fetched twice
    assert_converged([a, b], centre_server.engine)


def test_pulled_events_and_cursor_are_committed_together_or_not_at_all(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = enrolled_desk(1), enrolled_desk(2)
    receive_some(a, 3)
    sync(a)

    def crash(*_args: Any) -> None:
        raise OSError("power cut while writing")

    with monkeypatch.context() as patch:
        patch.setattr(outbox, "set_cursor", crash)
        with pytest.raises(OSError):
            sync(b)
    assert desk_events(b) == []
    with b.db.read() as connection:
        assert outbox.cursor(connection) == 0
    assert sync(b).pulled == 3
    assert_converged([a, b], centre_server.engine)


def test_actions_taken_at_two_desks_at_once_become_anomalies_on_both(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    a, b = enrolled_desk(1), enrolled_desk(2)
    (dossier_id,) = receive_some(a, 1)
    sync(a), sync(b)
    a.record(dossier_id, EventKind.WITHDRAWN, payload_for(EventKind.WITHDRAWN, NOW), "canbo-a")
    b.record(dossier_id, EventKind.REFUSED, payload_for(EventKind.REFUSED, NOW), "canbo-b")
    sync(a), sync(b)
    assert sync(a).anomalies == 1
    for desk in (a, b):
        state, _ = desk.dossier(dossier_id) or (None, None)
        assert state is not None and len(state.anomalies) == 1
    assert_converged([a, b], centre_server.engine)


def test_catalogue_calendar_and_centre_events_flow_down(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    desk = enrolled_desk(1)
    (dossier_id,) = receive_some(desk, 1)
    sync(desk)
    day = date(2026, 9, 3)
    with centre_server.engine.begin() as connection:
        publish.import_catalogue(connection, sample_catalogue_path())
        version = publish.publish_calendar(
            connection, [CalendarOverride(day, False, "Nghỉ bù Quốc khánh", "Công văn 1/UBND")], [2026]
        )
        record.record_event(connection, dossier_id, EventKind.TRANSFERRED, {"to_unit": "Phòng Tư pháp"})
    report = sync(desk)
    assert report.pulled == 1 and report.calendar_version == version
    assert report.catalogue_version == desk.catalogue().version
    assert not desk.calendar().is_working_day(day)
    state, _ = desk.dossier(dossier_id) or (None, None)
    assert state is not None and state.status.name == "PROCESSING"
    again = sync(desk)
    assert (again.calendar_version, again.catalogue_version, again.pulled, again.requests) == (None, None, 0, 1)


def test_enrolment_takes_the_desk_number_the_centre_holds_and_refuses_another_unit(
    make_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    from desk_app.services.sync import enroll, is_enrolled
    from desk_app.sync import EnrolmentRefused
    from tests.sync.helpers import enrolment_code

    desk = make_desk(1)
    done = enroll(desk, centre_server.url, enrolment_code(centre_server.engine, "000.17.22.H56", 3))
    assert done.desk_number_changed and desk.require_profile().desk_number == 3
    other = make_desk(1)
    with pytest.raises(EnrolmentRefused) as caught:
        enroll(other, centre_server.url, enrolment_code(centre_server.engine, "000.17.23.H57", 1))
    assert "000.17.23.H57" in caught.value.message and not is_enrolled(other)
