"""The ``desk-app`` command line: due dates, demo data, unit set-up, and clear refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.services.desk import Desk
from desk_app.store.search import DossierQuery


def test_due_prints_the_due_date_time_on_an_empty_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # Certified copy is a same-day procedure: after 15:00 it is due at the end of the next working day.
    assert main(["--data-dir", str(tmp_path), "due", "--procedure", "2.000815", "--received", "2026-11-26 15:30"]) == 0
    assert capsys.readouterr().out.strip() == "2026-11-27 17:00"


def test_due_skips_tet_2026(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # Marital-status certificate (3 working days) received just before Tết 2026 (16–20/02 off).
    assert main(["--data-dir", str(tmp_path), "due", "--procedure", "1.004873", "--received", "2026-02-12 09:00"]) == 0
    assert capsys.readouterr().out.strip() == "2026-02-24 09:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--procedure", "9.999999", "--received", "2026-11-26 09:00"], "9.999999"),
        (["--procedure", "2.000815", "--received", "2026-02-30 09:00"], "2026-02-30"),
        (["--procedure", "2.000815", "--received", "hôm nay"], "hôm nay"),
    ],
)
def test_due_refuses_bad_input_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture, args: list[str], message: str
) -> None:
    assert main(["--data-dir", str(tmp_path), "due", *args]) == 2
    error = capsys.readouterr().err
    assert "Lỗi:" in error and "Error:" in error and message in error


def test_demo_data_sets_up_a_clearly_named_demo_unit_and_realistic_dossiers(tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "demo-data", "--dossiers", "300"]) == 0
    desk = Desk.open(tmp_path)
    profile = desk.require_profile()
    assert profile.is_demo and "DEMO" in profile.unit_name
    rows = desk.find(DossierQuery(limit=1000))
    assert len(rows) == 300
    assert len({r.code for r in rows}) == 300
    assert len({r.status for r in rows}) >= 3
    assert sum(r.applicant_name.startswith("Nguyễn") for r in rows) > 60
    with desk.db.read() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        seqs = connection.exec_driver_sql("SELECT device_id, count(*), max(device_seq) FROM events GROUP BY 1").all()
    assert all(count == top for _, count, top in seqs)  # gapless per device
    desk.close()


def test_init_sets_up_the_unit_and_refuses_a_bad_agency_id(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    base = ["--data-dir", str(tmp_path), "init", "--parent-body", "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN"]
    base += ["--unit-name", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "--place-name", "Đông Sơn", "--desk", "2"]
    assert main([*base, "--agency-id", "17.22.H56"]) == 2
    assert "17.22.H56" in capsys.readouterr().err
    desk = Desk.open(tmp_path)
    assert desk.profile() is None
    desk.close()
    assert main([*base, "--agency-id", "000.17.22.H56"]) == 0
    desk = Desk.open(tmp_path)
    assert desk.require_profile().desk_number == 2
    desk.close()


def test_the_console_script_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("desk-app")
    result = subprocess.run(
        [str(script), "--data-dir", str(tmp_path), "due", "--procedure", "1.001193", "--received", "2026-11-26 16:00"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "2026-11-27 17:00"


def test_slip_reprints_a_dossier_and_refuses_an_unknown_code(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from pypdf import PdfReader

    assert main(["--data-dir", str(tmp_path), "demo-data", "--dossiers", "5"]) == 0
    desk = Desk.open(tmp_path)
    code = desk.find(DossierQuery(limit=1))[0].code
    desk.close()
    out = tmp_path / "slip.pdf"
    assert main(["--data-dir", str(tmp_path), "slip", code, "--out", str(out)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert code in text
    assert main(["--data-dir", str(tmp_path), "slip", "000.00.99.H99-200101-0001", "--out", str(out)]) == 2
    assert "000.00.99.H99-200101-0001" in capsys.readouterr().err


def test_a_dossier_received_after_demo_data_gets_the_next_code_of_the_day(tmp_path: Path) -> None:
    from datetime import date, datetime

    from desk_app.domain.citizen_card import Gender
    from desk_app.domain.intake import IntakeForm, Person
    from desk_app.services.demo_data import generate

    desk = Desk.open(tmp_path)
    now = datetime(2026, 11, 26, 16, 0)
    generate(desk, 400, now=now, workers=1)
    person = Person("Lý Thị Mai", "038185000123", date(1985, 5, 5), Gender.FEMALE)
    code = desk.receive(IntakeForm(applicant=person, procedure_code="2.000815"), "canbo1", now=now).state.code
    codes = [r.code for r in desk.find(DossierQuery(limit=1000))]
    assert codes.count(code) == 1
    desk.close()


def test_demo_events_happen_in_working_time_and_never_out_of_order(tmp_path: Path) -> None:
    from datetime import datetime

    from desk_app.domain.lifecycle import fold
    from desk_app.services.demo_data import generate
    from desk_app.store.dossiers import events_of

    desk = Desk.open(tmp_path)
    generate(desk, 300, now=datetime(2026, 11, 26, 16, 0), workers=1)
    calendar = desk.calendar()
    with desk.db.read() as connection:
        ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM dossiers")]
        for dossier_id in ids:
            events = events_of(connection, dossier_id)
            state = fold(events)
            assert state is not None and state.anomalies == ()
            for event in events:
                moment = datetime.fromisoformat(event.payload.get("at") or event.payload["received_at"])
                assert calendar.in_working_time(moment), (event.kind, moment)
    desk.close()


def test_init_creates_the_first_admin_and_refuses_a_short_password_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_app.services.accounts import log_in

    base = ["--data-dir", str(tmp_path), "init", "--agency-id", "000.17.22.H56", "--place-name", "Đông Sơn"]
    base += ["--parent-body", "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN", "--unit-name", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"]
    base += ["--admin-user", "quantri", "--admin-name", "Lê Văn Tâm"]
    monkeypatch.setenv("DESK_ADMIN_PASSWORD", "ngan")
    assert main(base) == 2
    assert "Error:" in capsys.readouterr().err
    desk = Desk.open(tmp_path)
    assert desk.profile() is None
    desk.close()
    monkeypatch.setenv("DESK_ADMIN_PASSWORD", "mat-khau-du-dai")
    assert main(base) == 0
    desk = Desk.open(tmp_path)
    assert log_in(desk, "quantri", "mat-khau-du-dai").full_name == "Lê Văn Tâm"
    desk.close()


def test_data_dir_is_taken_before_or_after_the_command(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    args = ["due", "--procedure", "2.000815", "--received", "2026-11-26 09:00"]
    assert main([*args, "--data-dir", str(tmp_path / "after")]) == 0
    assert main(["--data-dir", str(tmp_path / "before"), *args]) == 0
    assert capsys.readouterr().out.split() == ["2026-11-26", "17:00", "2026-11-26", "17:00"]
    assert (tmp_path / "after" / "desk.sqlite3").exists() and (tmp_path / "before" / "desk.sqlite3").exists()
