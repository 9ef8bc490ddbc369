"""The whole loop on one machine: a centre, two enrolled desks, a dossier received at one shown at the other.

    .venv/bin/python tools/demo_loop.py [--keep]

Starts ``centre serve`` on an embedded SQLite file in a temporary folder, enrols two desks (each its
own data folder) with one-time codes from ``centre enroll``, receives a dossier at desk 1, syncs
both desks with ``desk-app sync`` and shows the dossier as desk 2 sees it. Every step is printed
with the command it runs. ``--keep`` leaves the folder for a look afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

BIN = Path(sys.executable).parent
UNIT = "000.17.22.H56"


def step(text: str) -> None:
    """Print a step's title."""
    print(f"\n== {text}", flush=True)


def run(*command: str) -> str:
    """Run one of the project's commands, echo it and its output; stop the demo if it fails."""
    print("$ " + " ".join(command), flush=True)
    done = subprocess.run([str(BIN / command[0]), *command[1:]], capture_output=True, text=True)
    output = (done.stdout + done.stderr).strip()
    if output:
        print("  " + output.replace("\n", "\n  "), flush=True)
    if done.returncode != 0:
        raise SystemExit(f"demo stopped: {command[0]} exited with {done.returncode}")
    return done.stdout


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    """Wait for the centre's health answer (or its exit)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the centre did not start")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the centre did not answer in time")


def receive_one(data_dir: Path) -> str:
    """Receive a birth registration at a desk (what the intake screen does); returns its code."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from desk_app.domain.intake import IntakeForm, Person
    from desk_app.services.desk import Desk

    desk = Desk.open(data_dir)
    try:
        applicant = Person("Nguyễn Văn Đức", "038095001234", address="Thôn Đông Hưng, xã Đông Sơn", phone="0912345678")
        received = desk.receive(IntakeForm(applicant, "1.001193"), "canbo1", now=datetime.now().replace(microsecond=0))
    finally:
        desk.close()
    state = received.state
    print(f"  Hồ sơ {state.code}: {state.received['procedure_name']} — {state.detail('applicant_name')}")
    return state.code


def show(data_dir: Path, code: str) -> None:
    """Print a dossier as a desk sees it, with its timeline."""
    from desk_app.services.desk import Desk

    desk = Desk.open(data_dir)
    try:
        found = desk.dossier(code)
    finally:
        desk.close()
    if found is None:
        raise SystemExit(f"desk 2 does not hold {code}: the loop failed")
    state, events = found
    due = f"{state.due_at:%d/%m/%Y %H:%M}"
    print(f"  {state.code} — {state.detail('applicant_name')} — {state.status.label_vi}, hẹn trả {due}")
    for event in events:
        print(f"    {event.recorded_at.astimezone():%H:%M:%S} {event.kind.value} ({event.device_id[:8]}…)")


def main() -> int:
    """Run the demo loop."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="mot-cua-demo-"))
    db = f"sqlite:///{root / 'centre.sqlite3'}"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server: subprocess.Popen[bytes] | None = None
    try:
        step(f"Trung tâm tỉnh trên SQLite ở {root} / the centre on an embedded SQLite file")
        run("centre", "migrate", "--db", db)
        print(f"$ centre serve --db {db} --port {port} &", flush=True)
        server = subprocess.Popen(
            [str(BIN / "centre"), "serve", "--db", db, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(url, server)
        print(f"  {url} đang chạy / is up")
        desks = [root / "quay-1", root / "quay-2"]
        for number, folder in enumerate(desks, start=1):
            step(f"Quầy {number}: cài đặt và đăng ký / desk {number}: set up and enrol")
            run(
                "desk-app", "--data-dir", str(folder), "init", "--agency-id", UNIT,
                "--parent-body", "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN", "--unit-name", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
                "--place-name", "Đông Sơn", "--desk", str(number),
            )  # fmt: skip
            code = run("centre", "enroll", "--db", db, "--unit", UNIT, "--desk", str(number)).split()[0]
            run("desk-app", "--data-dir", str(folder), "enroll", "--centre", url, "--code", code)
        step("Quầy 1 tiếp nhận một hồ sơ / desk 1 receives a dossier")
        code = receive_one(desks[0])
        step("Quầy 1 đồng bộ / desk 1 syncs")
        run("desk-app", "--data-dir", str(desks[0]), "sync")
        step("Quầy 2 đồng bộ / desk 2 syncs")
        run("desk-app", "--data-dir", str(desks[1]), "sync")
        step(f"Quầy 2 thấy hồ sơ {code} / desk 2 shows the dossier")
        show(desks[1], code)
        print("\nXong: hồ sơ tiếp nhận ở quầy 1 đã có ở quầy 2 / done: the dossier reached desk 2")
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if args.keep:
            print(f"\nThư mục giữ lại / folder kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
