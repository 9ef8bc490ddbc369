"""Saving a dossier (event + projection + search, ``synchronous=FULL``) against plain sqlite3.

Target (DESIGN.md §7): p95 ≤ 5 ms, and ≤ 5 × the p95 of plain ``sqlite3`` writing the same rows
(the event, the dossier row, its search entry and the counters, one transaction each, same
pragmas) into a copy of the same database, measured in the same run, alternating.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desk_app.domain.citizen_card import Gender
from desk_app.domain.intake import IntakeForm, PaperReceived, Person
from desk_app.services.demo_data import generate
from desk_app.services.desk import Desk
from tests.benchmarks.conftest import QUICK, report, summary_ms

SAVES = 60 if QUICK else 400


def _form(i: int) -> IntakeForm:
    return IntakeForm(
        applicant=Person(
            full_name="Nguyễn Thị Thu Hương",
            id_number="038185000123",
            birth_date=date(1985, 5, 5),
            gender=Gender.FEMALE,
            address=f"Số {i} thôn Đông, xã Đông Sơn, tỉnh Thanh Hóa",
            phone="0912345678",
        ),
        procedure_code="2.000815",
        papers=(PaperReceived("Bản chính giấy tờ cần chứng thực", 1, 2),),
        copies=2,
        pages=3,
    )


def _floor_statements(desk: Desk, dossier_id: str) -> list[tuple[str, tuple]]:
    """The rows our save wrote, as plain INSERT/UPDATE statements with fresh keys."""
    with desk.db.read() as connection:
        event = connection.exec_driver_sql("SELECT * FROM events WHERE dossier_id = ?", (dossier_id,)).one()
        dossier = connection.exec_driver_sql("SELECT * FROM dossiers WHERE id = ?", (dossier_id,)).one()
        body = connection.exec_driver_sql(
            "SELECT body FROM dossier_search WHERE rowid = ?", (dossier.rowid,)
        ).scalar_one()
    new_dossier = str(uuid.uuid4())
    event_values = {**event._mapping, "id": str(uuid.uuid4()), "dossier_id": new_dossier}
    dossier_values = {k: v for k, v in dossier._mapping.items() if k != "rowid"} | {"id": new_dossier}
    event_values["device_seq"] = int(time.perf_counter_ns())
    columns_e, columns_d = list(event_values), list(dossier_values)
    return [
        ("UPDATE counters SET value = value + 1 WHERE name = 'device_seq'", ()),
        ("UPDATE counters SET value = value + 1 WHERE name = 'hlc'", ()),
        (
            f"INSERT INTO events({', '.join(columns_e)}) VALUES ({', '.join('?' * len(columns_e))})",
            tuple(event_values.values()),
        ),
        (
            f"INSERT INTO dossiers({', '.join(columns_d)}) VALUES ({', '.join('?' * len(columns_d))})",
            tuple(dossier_values.values()),
        ),
        ("INSERT INTO dossier_search(rowid, body) VALUES (last_insert_rowid(), ?)", (body,)),
    ]


@pytest.mark.benchmark
def test_saving_a_dossier_p95_within_5ms_and_5x_plain_sqlite(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path / "desk")
    generate(desk, 2000 if QUICK else 20000, workers=1)
    floor_path = tmp_path / "floor.sqlite3"
    desk.close()
    shutil.copy(tmp_path / "desk" / "desk.sqlite3", floor_path)
    desk = Desk.open(tmp_path / "desk")
    floor = sqlite3.connect(floor_path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        floor.execute(f"PRAGMA {pragma}")
    ours: list[float] = []
    plain: list[float] = []
    now = datetime(2026, 11, 26, 8, 0)
    for i in range(SAVES + 5):
        form = _form(i)
        started = time.perf_counter()
        received = desk.receive(form, "canbo1", now=now + timedelta(seconds=i))
        elapsed = time.perf_counter() - started
        statements = _floor_statements(desk, received.state.dossier_id)
        started = time.perf_counter()
        floor.execute("BEGIN IMMEDIATE")
        for sql, params in statements:
            floor.execute(sql, params)
        floor.execute("COMMIT")
        floor_elapsed = time.perf_counter() - started
        if i >= 5:  # warm-up
            ours.append(elapsed)
            plain.append(floor_elapsed)
    floor.close()
    desk.close()
    figures = {"ours": summary_ms(ours), "plain_sqlite3": summary_ms(plain)}
    figures["ratio_p95"] = round(figures["ours"]["p95_ms"] / figures["plain_sqlite3"]["p95_ms"], 2)
    report("save", figures)
    assert figures["ours"]["p95_ms"] <= 5.0
    assert figures["ratio_p95"] <= 5.0
