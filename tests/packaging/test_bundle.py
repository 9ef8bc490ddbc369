"""The PyInstaller bundle (build.spec) is a working desk: built once, then run on real commands.

The bundle is built into a temporary folder (one build for the module, about a minute), then its
executable is run from outside the checkout with a fresh data folder, as a commune PC would run it:
set up a unit with its admin, make demo dossiers, compute a due date, print a slip, check the data,
and paint the window offscreen. Each command must work from the files inside the bundle alone
(fonts, catalogue, migrations, translations, hidden imports).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from desk_app.services.page_reader import WORKER_FROM_EVENTS
from tests.benchmarks.test_sync_speed import history, load_into_centre, pg_dsn
from tests.pg import RunningCentre
from tests.sync.helpers import enrolment_code

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "Quầy-Một-Cửa-2026"
UNIT = [
    "--agency-id",
    "000.17.22.H56",
    "--parent-body",
    "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN",
    "--unit-name",
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    "--place-name",
    "Đông Sơn",
    "--desk",
    "1",
    "--admin-user",
    "quantri",
    "--admin-name",
    "Nguyễn Thị Hồng Nhung",
]
# Installed next to the desk, used only by the centre or the tests: the bundle leaves them out.
CENTRE_STACK = ("fastapi", "starlette", "uvicorn", "psycopg", "pydantic", "pydantic_settings", "httpx", "centre")


@dataclass(frozen=True)
class Bundle:
    """The built folder and a way to run its executable."""

    folder: Path
    executable: Path
    home: Path

    def run(self, *args: str, data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run the bundled ``mot-cua-desk`` with ``--data-dir`` from a folder outside the checkout."""
        process = self.start(*args, data_dir=data_dir)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    def start(self, *args: str, data_dir: Path) -> subprocess.Popen[str]:
        """``run`` without waiting for it to end."""
        env = {
            key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV", "DESK_"))
        }
        env |= {"QT_QPA_PLATFORM": "offscreen", "DESK_ADMIN_PASSWORD": ADMIN_PASSWORD}
        return subprocess.Popen(
            [str(self.executable), "--data-dir", str(data_dir), *args],
            cwd=self.home,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    """``build.spec`` built once into a temporary dist folder (its work folder removed afterwards)."""
    base = tmp_path_factory.mktemp("bundle")
    dist, work = base / "dist", base / "work"
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
        + ["--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    shutil.rmtree(work, ignore_errors=True)
    home = base / "home"
    home.mkdir()
    folder = dist / "mot-cua-desk"
    yield Bundle(folder, folder / "mot-cua-desk", home)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def data_dir(bundle: Bundle) -> Path:
    """The fresh data folder the bundled commands share (made by ``init``)."""
    return bundle.home / "desk-data"


@pytest.fixture(scope="module")
def init_result(bundle: Bundle, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``init`` of the unit and its admin on an empty data folder."""
    return bundle.run("init", *UNIT, data_dir=data_dir)


@pytest.fixture(scope="module")
def demo_result(
    bundle: Bundle, data_dir: Path, init_result: subprocess.CompletedProcess[str]
) -> subprocess.CompletedProcess[str]:
    """``demo-data --dossiers 20`` on the unit just set up."""
    assert init_result.returncode == 0, init_result.stderr
    return bundle.run("demo-data", "--dossiers", "20", data_dir=data_dir)


def dossier_codes(data_dir: Path) -> list[str]:
    """The dossier codes in the data folder, oldest first."""
    with sqlite3.connect(data_dir / "desk.sqlite3") as connection:
        return [row[0] for row in connection.execute("SELECT code FROM dossiers ORDER BY code")]


def test_bundle_is_one_folder_with_the_resources_the_desk_reads(bundle: Bundle) -> None:
    internal = bundle.folder / "_internal"
    assert os.access(bundle.executable, os.X_OK)
    assert (internal / "resources" / "fonts" / "LiberationSerif-Regular.ttf").is_file()
    assert (internal / "resources" / "fonts" / "LICENSE-LiberationFonts.txt").is_file()
    assert (internal / "resources" / "catalogue" / "sample-procedures.json").is_file()
    assert (internal / "resources" / "i18n" / "mot_cua_en.qm").is_file()
    assert (internal / "migrations" / "desk" / "env.py").is_file()
    assert sorted(p.name for p in (internal / "migrations" / "desk" / "versions").glob("*.py")) == sorted(
        p.name for p in (ROOT / "migrations" / "desk" / "versions").glob("*.py")
    )
    assert not (internal / "pydantic_core").exists()
    assert not list(internal.rglob("libQt6Quick*")), "QtQuick (the virtual keyboard's) is not used by the desk"


def test_bundle_init_sets_up_the_unit_and_an_argon2_admin(
    init_result: subprocess.CompletedProcess[str], data_dir: Path
) -> None:
    assert init_result.returncode == 0, init_result.stderr
    assert "Đã cài đặt: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG (000.17.22.H56), quầy số 1" in init_result.stdout
    assert "admin account: quantri" in init_result.stdout
    with sqlite3.connect(data_dir / "desk.sqlite3") as connection:
        (name, password_hash), *_ = connection.execute("SELECT full_name, password_hash FROM accounts").fetchall()
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert name == "Nguyễn Thị Hồng Nhung"
    assert password_hash.startswith("$argon2id$")
    assert list((ROOT / "migrations" / "desk" / "versions").glob(f"{revision}_*.py"))  # migrated to a revision


def test_bundle_demo_data_makes_twenty_dossiers_of_the_unit(
    demo_result: subprocess.CompletedProcess[str], data_dir: Path
) -> None:
    assert demo_result.returncode == 0, demo_result.stderr
    assert demo_result.stdout.startswith("20 hồ sơ demo")
    codes = dossier_codes(data_dir)
    assert len(codes) == 20
    assert all(code.startswith("000.17.22.H56-") for code in codes)


def test_bundle_due_date_after_1500_is_the_next_working_day_as_in_the_readme(
    bundle: Bundle, data_dir: Path, demo_result: subprocess.CompletedProcess[str]
) -> None:
    # The holidays package's Vietnamese calendar is imported by name at run time: it must be inside.
    done = bundle.run("due", "--procedure", "2.000815", "--received", "2026-11-26 15:30", "-v", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2026-11-27 17:00"
    assert "2.000815" in done.stderr


def test_bundle_slip_pdf_has_vietnamese_text_in_the_embedded_font(
    bundle: Bundle, data_dir: Path, demo_result: subprocess.CompletedProcess[str]
) -> None:
    code = dossier_codes(data_dir)[0]
    out = bundle.home / "x.pdf"
    done = bundle.run("slip", code, "--out", str(out), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    page = PdfReader(out).pages[0]
    text = page.extract_text()
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN" in text and code in text
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    embedded = [f["/BaseFont"] for f in fonts if "/FontDescriptor" in f and "/FontFile2" in f["/FontDescriptor"]]
    assert any("LiberationSerif" in name for name in embedded), fonts


def test_bundle_check_finds_the_data_healthy(
    bundle: Bundle, data_dir: Path, demo_result: subprocess.CompletedProcess[str]
) -> None:
    done = bundle.run("check", data_dir=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "the data is healthy" in done.stdout


def test_bundle_window_paints_the_home_page_offscreen(
    bundle: Bundle, data_dir: Path, demo_result: subprocess.CompletedProcess[str]
) -> None:
    shot = bundle.home / "shot.png"
    done = bundle.run("run", "--screenshot", str(shot), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    with Image.open(shot) as image:
        width, height = image.size
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert width >= 800 and height >= 500
    # Text, the dossier table and the side bar: a blank or failed paint has a handful of colours.
    assert colours is None or len(colours) > 100


def test_desk_never_imports_the_centre_stack_the_bundle_leaves_out() -> None:
    probe = (
        "import importlib, pkgutil, sys, desk_app\n"
        "for module in pkgutil.walk_packages(desk_app.__path__, 'desk_app.'):\n"
        "    importlib.import_module(module.name)\n"
        f"print(sorted(n for n in sys.modules if n.split('.')[0] in {CENTRE_STACK!r}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_python_m_desk_app_runs_the_command_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desk_app", "--data-dir", str(tmp_path), "due", "--procedure", "2.000815"]
        + ["--received", "2026-11-26 15:30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2026-11-27 17:00"


def test_bundle_answers_its_own_display_probe_without_running_the_desk(bundle: Bundle, tmp_path: Path) -> None:
    """With no display, ``run`` asks a child whether Qt's xcb works; in the bundle that child is the
    executable itself, told by MOT_CUA_XCB_PROBE to only start Qt and exit (here on the offscreen platform)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env |= {"QT_QPA_PLATFORM": "offscreen", "MOT_CUA_XCB_PROBE": "1"}
    done = subprocess.run([str(bundle.executable)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and not list(tmp_path.iterdir())  # no window, no data folder, no screenshot


def test_bundle_first_sync_reads_its_pages_in_a_worker_process(
    bundle: Bundle, tmp_path: Path, centre_server: RunningCentre
) -> None:
    """A pull big enough for the page reader's worker process: the frozen executable starts it as
    itself (multiprocessing's freeze_support), and every event arrives."""
    unit = "001.17.22.H56"
    code = enrolment_code(centre_server.engine, unit, 2)
    events = history(unit, "desk-other-01", (WORKER_FROM_EVENTS + 7000) // 5)  # still that many after page 1
    load_into_centre(pg_dsn(centre_server.settings.database_url), unit, events)
    data = tmp_path / "desk-data"
    assert bundle.run("init", *_unit_args(unit, desk=2), data_dir=data).returncode == 0
    enrolled = bundle.run("enroll", "--centre", centre_server.url, "--code", code, data_dir=data)
    assert enrolled.returncode == 0, enrolled.stderr
    syncing = bundle.start("sync", data_dir=data)
    children = _children_while_running(syncing)
    out, err = syncing.communicate(timeout=60)
    assert syncing.returncode == 0, err
    assert "Traceback" not in err
    assert any("--multiprocessing-fork" in line for line in children), children  # the worker, as itself
    with sqlite3.connect(data / "desk.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM events").fetchone() == (len(events),)
        assert connection.execute("SELECT count(*) FROM dossiers").fetchone() == (len(events) // 5,)


def _unit_args(agency_id: str, desk: int) -> list[str]:
    args = list(UNIT)
    args[args.index("--agency-id") + 1] = agency_id
    args[args.index("--desk") + 1] = str(desk)
    return args


def _children_while_running(process: subprocess.Popen[str]) -> list[str]:
    """The command lines of the processes ``process`` starts, watched until it ends."""
    seen: dict[int, str] = {}
    while process.poll() is None:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                if parent == process.pid and int(stat.parent.name) not in seen:
                    seen[int(stat.parent.name)] = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, ValueError, IndexError):
                continue
        time.sleep(0.02)
    return list(seen.values())
