"""Kill the desk at random points while it saves dossiers: every saved dossier survives.

A child process receives dossiers in a loop and prints each code only after ``receive`` returned
(the commit happened). The test kills it with SIGKILL at random moments, many times, on the same
data folder, then checks: every printed code is in the database, codes are never issued twice,
the per-device sequence has no gaps, and ``PRAGMA integrity_check`` passes.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desk_app.services.desk import Desk

CHILD = r"""
import sys
from datetime import date
from pathlib import Path
from desk_app.domain.citizen_card import Gender
from desk_app.domain.intake import IntakeForm, PaperReceived, Person
from desk_app.services.desk import Desk

desk = Desk.open(Path(sys.argv[1]))
form = IntakeForm(
    applicant=Person("Trần Thị Bích Ngọc", "038185000123", date(1985, 5, 5), Gender.FEMALE, phone="0912345678"),
    procedure_code="2.000815",
    papers=(PaperReceived("Bản chính giấy tờ", 1, 1),),
)
print("ready", flush=True)
while True:
    state = desk.receive(form, "canbo1").state
    print(state.code, flush=True)
"""

ROUNDS = int(os.environ.get("CRASH_ROUNDS", "25"))


def test_killing_the_desk_mid_save_never_loses_or_doubles_a_saved_dossier(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path)
    desk.ensure_demo_unit()
    desk.close()
    rng = random.Random(7)
    saved: list[str] = []
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path)], stdout=subprocess.PIPE, text=True, bufsize=1
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        saved.append(child.stdout.readline().strip())  # at least one save per round, however loaded the machine
        time.sleep(rng.uniform(0.0, 0.1))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        saved.extend(line.strip() for line in out.splitlines() if line.strip())
    assert saved, "the child saved nothing before being killed"
    with sqlite3.connect(tmp_path / "desk.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        codes = [row[0] for row in connection.execute("SELECT code FROM dossiers")]
        seqs = [row[0] for row in connection.execute("SELECT device_seq FROM events ORDER BY device_seq")]
        searchable = connection.execute("SELECT count(*) FROM dossier_search").fetchone()[0]
    assert set(saved) <= set(codes)
    assert len(codes) == len(set(codes))
    assert seqs == list(range(1, len(seqs) + 1))
    assert searchable == len(codes)
