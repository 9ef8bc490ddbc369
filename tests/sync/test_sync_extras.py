"""What a sync carries besides events: a desk's scanned papers reach the centre after its events (each
file once, none skipped when the connection fails half-way, other desks' files never touched, a file
missing here reported by name), and the province's calendar arrives without replacing the unit's own days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest

from centre.services import publish
from desk_app.domain.intake import IntakeForm, PaperReceived, Person
from desk_app.domain.work_calendar import CalendarOverride
from desk_app.services import scan_upload, scans
from desk_app.services.backup import check
from desk_app.services.desk import Desk
from desk_app.services.scan_upload import SCAN_CURSOR, upload_scans
from desk_app.services.sync import CENTRE_URL_KEY, TOKEN_KEY, sync
from desk_app.store import unit
from desk_app.sync.errors import NoConnection
from tests.pg import RunningCentre, free_port

RECEIVED_AT = datetime(2026, 11, 24, 9, 15)
APPLICANT = Person("Trần Thị Hòa", "038190012345", address="Thôn Yên Lạc, xã Đông Sơn", phone="0912345678")
PAPERS = (PaperReceived("Tờ khai đăng ký khai sinh", 1, 0), PaperReceived("Giấy chứng sinh", 1, 0))


def _pdf(tmp_path: Path, name: str, marker: str) -> Path:
    path = tmp_path / name
    path.write_bytes(f"%PDF-1.7\n% {marker}\n%%EOF\n".encode())
    return path


def _dossier_with_scans(desk: Desk, tmp_path: Path, names: list[str]) -> list[str]:
    """A received dossier with one scanned file per name; their SHA-256s in order."""
    dossier = desk.receive(IntakeForm(APPLICANT, "1.004884", papers=PAPERS), "canbo1", now=RECEIVED_AT)
    hashes = []
    for n, name in enumerate(names):
        source = _pdf(tmp_path, name, f"{desk.data_dir.name}-{n}")
        state = scans.attach_scan(desk, dossier.state.dossier_id, source, "Giấy chứng sinh", "canbo1")
        hashes.append(scans.scans_from_events(desk.dossier(state.dossier_id)[1])[-1].sha256)  # type: ignore[index]
    return hashes


def _centre_has(centre: RunningCentre, desk: Desk, sha256: str) -> bool:
    with desk.db.read() as connection:
        token = unit.get_setting(connection, TOKEN_KEY)
    answer = httpx.get(f"{centre.url}/api/v1/files/{sha256}", headers={"Authorization": f"Bearer {token}"})
    return answer.status_code == 200 and answer.json()["complete"] is True


def _run(desk: Desk, url: str | None = None):  # type: ignore[no-untyped-def]
    with desk.db.read() as connection:
        base = unit.get_setting(connection, CENTRE_URL_KEY)
        token = unit.get_setting(connection, TOKEN_KEY)
    return upload_scans(desk, url or base, token)


def test_scanned_files_of_this_desk_reach_the_centre_once(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre, tmp_path: Path
) -> None:
    desk = enrolled_desk(1)
    hashes = _dossier_with_scans(desk, tmp_path, ["to-khai-khai-sinh.pdf", "giấy-chứng-sinh.pdf"])
    first = sync(desk).scans  # the sync sends them, after the events
    assert first is not None and first.sent == hashes and not first.missing and not first.pending
    assert all(_centre_has(centre_server, desk, sha) for sha in hashes)
    again = _run(desk)
    assert again.sent == [] and not again.pending  # the cursor moved past both: nothing is sent twice


def test_a_failed_connection_leaves_the_files_for_the_next_run(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre, tmp_path: Path
) -> None:
    desk = enrolled_desk(1)
    hashes = _dossier_with_scans(desk, tmp_path, ["to-khai.pdf"])
    cut = _run(desk, url=f"http://127.0.0.1:{free_port()}")  # nobody listens there
    assert isinstance(cut.stopped, NoConnection) and cut.sent == [] and cut.pending
    assert "lần sau" in cut.summary()[-1]
    with desk.db.read() as connection:
        assert (unit.get_counter(connection, SCAN_CURSOR) or 0) == 0
    later = _run(desk)
    assert later.sent == hashes and _centre_has(centre_server, desk, hashes[0])


def test_a_file_missing_on_this_desk_is_reported_and_the_others_still_sent(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre, tmp_path: Path
) -> None:
    desk = enrolled_desk(1)
    hashes = _dossier_with_scans(desk, tmp_path, ["mất-tệp.pdf", "còn-tệp.pdf"])
    scans.scan_path(desk, hashes[0]).unlink()
    done = _run(desk)
    assert done.missing == ["mất-tệp.pdf"] and done.sent == [hashes[1]]
    assert "mất-tệp.pdf" in " ".join(done.summary())
    assert _centre_has(centre_server, desk, hashes[1]) and not _centre_has(centre_server, desk, hashes[0])


def test_files_of_another_desk_are_not_sent_by_this_one(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre, tmp_path: Path
) -> None:
    a, b = enrolled_desk(1), enrolled_desk(2)
    _dossier_with_scans(a, tmp_path, ["cua-quay-mot.pdf"])
    sync(a)
    sync(b)  # b now holds a's PAPER_SCANNED event, but not its file
    assert _run(b).sent == [] and _run(b).missing == []
    assert not [p for p in check(b) if p.english.startswith("scan")]  # nor does b's check miss a's file


def test_events_without_scans_are_read_once_then_passed_over(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan_upload, "SKIP_AHEAD", 1)
    desk = enrolled_desk(1)
    desk.receive(IntakeForm(APPLICANT, "1.004884", papers=PAPERS), "canbo1", now=RECEIVED_AT)
    assert _run(desk).sent == []
    with desk.db.read() as connection:
        top = connection.exec_driver_sql("SELECT max(rowid) FROM events").scalar()
        assert unit.get_counter(connection, SCAN_CURSOR) == top  # the next sync starts after them


def test_a_published_calendar_never_replaces_the_units_own_days(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    desk = enrolled_desk(1)
    own = CalendarOverride(date(2026, 12, 26), True, "Làm bù cho ngày nghỉ 31/12", "Thông báo của UBND xã")
    desk.set_calendar_overrides([own])
    province = CalendarOverride(date(2026, 12, 31), False, "Nghỉ cuối năm", "Quyết định 15/QĐ-UBND")
    with centre_server.engine.begin() as connection:
        publish.publish_calendar(connection, [province], [2026])
    assert sync(desk).calendar_version is not None
    assert desk.calendar_overrides() == [own] and desk.calendar_overrides(published=True) == [province]
    assert desk.calendar().is_working_day(date(2026, 12, 26)) and not desk.calendar().is_working_day(date(2026, 12, 31))
