"""Kill the desk at random points while it receives dossiers and syncs: nothing saved is lost, nothing
is doubled at the centre, and once it syncs again the desk, another desk and the centre agree.

A child process loops "receive a dossier, sync" against a real centre (uvicorn over PostgreSQL, in
this process) and prints each code only after ``receive`` returned. The test kills it with SIGKILL
at random moments — in the middle of a save, of a push whose answer never arrives, of a page being
stored — many times on the same data folder. Another desk of the unit has pushed dossiers before, so
the child's first syncs pull too. Then the desk syncs once more in this process and every printed
code must be at the centre once, the desk's file must pass ``PRAGMA integrity_check``, and every
replica must hold the same events and fold the same dossiers (``assert_converged``).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from centre.models import DossierRow
from desk_app.domain.citizen_card import Gender
from desk_app.domain.intake import IntakeForm, PaperReceived, Person
from desk_app.services.desk import Desk
from desk_app.services.sync import sync
from tests.pg import RunningCentre
from tests.sync.helpers import UNIT, assert_converged

CHILD = r"""
import sys
from datetime import date
from pathlib import Path
from desk_app.domain.citizen_card import Gender
from desk_app.domain.intake import IntakeForm, PaperReceived, Person
from desk_app.services.desk import Desk
from desk_app.services.sync import sync

desk = Desk.open(Path(sys.argv[1]))
form = IntakeForm(
    applicant=Person("Trần Thị Bích Ngọc", "038185000123", date(1985, 5, 5), Gender.FEMALE, phone="0912345678"),
    procedure_code="2.000815",
    papers=(PaperReceived("Bản chính giấy tờ", 1, 1),),
)
print("ready", flush=True)
while True:
    print(desk.receive(form, "canbo1").state.code, flush=True)
    sync(desk)
"""

ROUNDS = int(os.environ.get("SYNC_CRASH_ROUNDS", "20"))


def _other_desk_pushes(desk: Desk, dossiers: int) -> None:
    person = Person("Lê Văn Thành", "038090004321", date(1990, 4, 30), Gender.MALE, phone="0987654321")
    form = IntakeForm(person, "2.000815", papers=(PaperReceived("Bản chính giấy tờ", 1, 1),))
    for _ in range(dossiers):
        desk.receive(form, "canbo2")
    assert sync(desk).unsent == 0


def test_killing_the_desk_while_it_syncs_loses_and_doubles_nothing(
    enrolled_desk: Callable[..., Desk], centre_server: RunningCentre
) -> None:
    other = enrolled_desk(2)
    _other_desk_pushes(other, 40)
    desk = enrolled_desk(1)
    folder = desk.data_dir
    desk.close()  # the child owns the folder while it runs
    rng = random.Random(11)
    saved: list[str] = []
    for _ in range(ROUNDS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        saved.append(child.stdout.readline().strip())  # at least one save per round
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        saved.extend(line.strip() for line in out.splitlines() if line.strip())
    with sqlite3.connect(folder / "desk.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    desk = Desk.open(folder)
    try:
        with centre_server.engine.connect() as connection:
            before = len(list(connection.execute(select(DossierRow.code).where(DossierRow.unit == UNIT))))
        assert before > 40  # the child did sync between the kills (not only save)
        report = sync(desk)
        assert report.unsent == 0 and not report.conflicts and not report.rejections
        assert sync(other).unsent == 0
        assert assert_converged([desk, other], centre_server.engine) >= len(set(saved)) + 40
        with centre_server.engine.connect() as connection:
            codes = list(connection.execute(select(DossierRow.code).where(DossierRow.unit == UNIT)).scalars())
        assert set(saved) <= set(codes)  # every dossier the clerk saw saved reached the centre…
        assert len(codes) == len(set(codes))  # …once, under its own code
    finally:
        desk.close()
