"""The register of dossiers (Mẫu 07) from the event log, and ``desk-app register``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.cli import main
from desk_app.domain.citizen_card import Gender
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import EventKind
from desk_app.domain.intake import IntakeForm, Person
from desk_app.services.desk import Desk
from desk_app.services.register import register_data


def _receive(desk: Desk, name: str, when: datetime) -> str:
    person = Person(name, "038185000123", date(1985, 5, 5), Gender.FEMALE, phone="0912345678")
    return desk.receive(IntakeForm(applicant=person, procedure_code="1.004873"), "canbo1", now=when).state.dossier_id


def test_register_lists_the_range_in_receipt_order_with_the_dates_of_its_events(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path)
    desk.ensure_demo_unit()
    _receive(desk, "Trần Văn Ngoài", datetime(2026, 11, 2, 9))  # the day before the range
    first = _receive(desk, "Nguyễn Thị Thu Hương", datetime(2026, 11, 3, 9))
    _receive(desk, "Đặng Văn Đức", datetime(2026, 11, 4, 14))
    desk.record(
        first, EventKind.TRANSFERRED, {"to_unit": "Công chức Tư pháp - Hộ tịch", "at": "2026-11-03T10:00:00"}, "c"
    )
    desk.record(first, EventKind.RESULT_RECEIVED, {"at": "2026-11-05T15:00:00"}, "c")
    desk.record(first, EventKind.RESULT_RETURNED, {"at": "2026-11-06T08:00:00", "rating": "Hài lòng"}, "c")
    data = register_data(desk, date(2026, 11, 3), date(2026, 11, 4), now=datetime(2026, 11, 26, 9))
    assert [e.applicant_name for e in data.entries] == ["Nguyễn Thị Thu Hương", "Đặng Văn Đức"]
    one, two = data.entries
    assert (one.number, two.number) == (1, 2)
    assert one.lead_agency == "Công chức Tư pháp - Hộ tịch"
    assert one.sent_at == datetime(2026, 11, 3, 10)
    assert one.result_received_at == datetime(2026, 11, 5, 15)
    assert one.returned_at == datetime(2026, 11, 6, 8)
    assert two.sent_at is None and two.returned_at is None
    assert data.volume == "01/2026"
    desk.close()


def test_register_refuses_a_reversed_or_too_long_range(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path)
    desk.ensure_demo_unit()
    with pytest.raises(InvalidInput):
        register_data(desk, date(2026, 11, 4), date(2026, 11, 3))
    with pytest.raises(InvalidInput):
        register_data(desk, date(2025, 1, 1), date(2026, 11, 3))
    desk.close()


def test_register_command_writes_the_pdf(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--data-dir", str(tmp_path), "demo-data", "--dossiers", "60"]) == 0
    out = tmp_path / "register.pdf"
    today = date.today()
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path),
                "register",
                "--from",
                f"{today.replace(day=1)}",
                "--to",
                f"{today}",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "SỔ THEO DÕI HỒ SƠ" in text.upper()
    assert (
        main(["--data-dir", str(tmp_path), "register", "--from", "hôm qua", "--to", "2026-11-26", "--out", str(out)])
        == 2
    )
    assert "hôm qua" in capsys.readouterr().err
