"""``desk-app enroll`` and ``desk-app sync`` as a scheduled task runs them: a summary, and a non-zero
exit with a clear message when the sync fails."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from functools import partial

import pytest

from centre.services import desks as centre_desks
from desk_app.cli import main
from desk_app.domain.demo_people import PeopleGenerator
from desk_app.services.desk import Desk
from desk_app.services.sync import CENTRE_URL_KEY, TOKEN_KEY, is_enrolled
from desk_app.store import unit
from tests.pg import RunningCentre, free_port
from tests.sync.helpers import UNIT, enrolment_code, intake_form


def test_enroll_then_sync_prints_a_summary(
    make_desk: Callable[..., Desk], centre_server: RunningCentre, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = make_desk(1)
    desk.receive(intake_form(PeopleGenerator(2), random.Random(2)), "canbo", now=datetime(2026, 3, 2, 9, 0))
    folder = str(desk.data_dir)
    code = enrolment_code(centre_server.engine, UNIT, 1)
    assert main(["--data-dir", folder, "enroll", "--centre", centre_server.url, "--code", code]) == 0
    assert "Đã đăng ký quầy số 1" in capsys.readouterr().out
    assert is_enrolled(desk)
    with desk.db.read() as connection:
        assert unit.get_setting(connection, CENTRE_URL_KEY) == centre_server.url
        assert unit.get_setting(connection, TOKEN_KEY)
    assert main(["--data-dir", folder, "sync"]) == 0
    out = capsys.readouterr().out
    assert "Đã gửi 1, đã nhận 0 sự kiện; còn 0 chờ gửi" in out and "Sent 1, received 0 events" in out


def test_a_used_code_is_refused_and_nothing_is_stored(
    make_desk: Callable[..., Desk], centre_server: RunningCentre, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = make_desk(1), make_desk(1)
    code = enrolment_code(centre_server.engine, UNIT, 1)
    assert main(["--data-dir", str(first.data_dir), "enroll", "--centre", centre_server.url, "--code", code]) == 0
    assert main(["--data-dir", str(second.data_dir), "enroll", "--centre", centre_server.url, "--code", code]) == 2
    assert "Mã đăng ký đã được dùng" in capsys.readouterr().err
    assert not is_enrolled(second)


def test_sync_of_a_revoked_desk_exits_non_zero_saying_so(
    make_desk: Callable[..., Desk], centre_server: RunningCentre, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = make_desk(1)
    code = enrolment_code(centre_server.engine, UNIT, 1)
    assert main(["--data-dir", str(desk.data_dir), "enroll", "--centre", centre_server.url, "--code", code]) == 0
    with centre_server.engine.begin() as connection:
        centre_desks.revoke(connection, UNIT, 1)
    assert main(["--data-dir", str(desk.data_dir), "sync"]) == 2
    err = capsys.readouterr().err
    assert "thu hồi" in err and "revoked" in err


def test_sync_without_a_centre_exits_non_zero_and_keeps_the_events(
    make_desk: Callable[..., Desk], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = make_desk(1)
    desk.receive(intake_form(PeopleGenerator(3), random.Random(3)), "canbo", now=datetime(2026, 3, 2, 9, 0))
    with desk.db.write() as connection:  # enrolled with a centre that is down
        unit.set_settings(connection, {CENTRE_URL_KEY: f"http://127.0.0.1:{free_port()}", TOKEN_KEY: "t"})
    import desk_app.services.sync as service

    monkeypatch.setattr(service, "client_for", partial(service.client_for, retries=0))
    assert main(["--data-dir", str(desk.data_dir), "sync"]) == 2
    assert "Không kết nối được với trung tâm tỉnh" in capsys.readouterr().err
    with desk.db.read() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM events WHERE centre_seq IS NULL").scalar() == 1


def test_enroll_refuses_plain_http_to_another_machine(
    make_desk: Callable[..., Desk], capsys: pytest.CaptureFixture[str]
) -> None:
    desk = make_desk(1)
    args = ["--data-dir", str(desk.data_dir), "enroll", "--centre", "http://dongbo.thanhhoa.gov.vn", "--code", "X"]
    assert main(args) == 2
    assert "https" in capsys.readouterr().err
