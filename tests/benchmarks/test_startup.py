"""Start-up (DESIGN §7): first paint ≤ 1.5 × a bare PySide6 window, usable ≤ 1.0 s, peak RSS ≤ 300 MB.

Measured in the same run, each as the median of 7 fresh processes (interleaved),
interleaved so that load on the machine hits all of them alike, under QT_QPA_PLATFORM=offscreen:
  bare     python -c: QApplication + an empty 1280×800 QMainWindow, shown, until its first paint;
  painted  ``python -m desk_app.ui.app DIR`` with MOT_CUA_BENCH_EXIT=painted: our main window painted;
  usable   the same with MOT_CUA_BENCH_EXIT=usable: the desk opened (imports, migration check,
           catalogue), the home page showing today's figures and the latest dossiers, the intake
           page ready for a scan; peak RSS (VmHWM) read by the process itself at that moment.
Each process is timed from a wall-clock stamp the test takes just before starting it (so interpreter
start-up counts for both). Bytecode is cached in a private folder (PYTHONPYCACHEPREFIX) and one
unmeasured run of each warms it and the page cache: a clerk's PC starts the app many times a year.

The database has BENCH_DOSSIERS dossiers (default 1,000,000; 20,000 with BENCH_QUICK=1), made once
with ``desk-app demo-data`` into BENCH_DB_DIR (default /tmp/mot-cua-bench-<N>) and reused. Figures are
printed and, when BENCH_REPORT_DIR is set, written to ``startup.json`` there.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUICK = os.environ.get("BENCH_QUICK") == "1"
RUNS = 7  # medians of 7 interleaved runs, quick or not: one slow process must not decide
DOSSIERS = int(os.environ.get("BENCH_DOSSIERS") or (20_000 if QUICK else 1_000_000))
DB_DIR = Path(os.environ.get("BENCH_DB_DIR") or f"/tmp/mot-cua-bench-{DOSSIERS}")
PAINT_RATIO = 1.5
USABLE_MS = 1000.0
RSS_MB = 300.0

BARE = """
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)

def painted():
    started = float(os.environ["MOT_CUA_BENCH_T0"])
    print(json.dumps({"event": "painted", "ms": round((time.time() - started) * 1000, 1)}), flush=True)
    app.quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False

spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(cache), PYTHONPATH=str(ROOT))
    return env


def _measure(command: list[str], env: dict[str, str]) -> dict[str, float]:
    env = {**env, "MOT_CUA_BENCH_T0": repr(time.time())}
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no figures in the output: {done.stdout!r} {done.stderr!r}"
    return json.loads(lines[-1])


def _database() -> Path:
    """The cached demo database of DOSSIERS dossiers, made on first use, migrated to the head."""
    if not (DB_DIR / "desk.sqlite3").exists():
        partial = DB_DIR.with_name(DB_DIR.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        command = [sys.executable, "-m", "desk_app.cli", "--data-dir", str(partial), "demo-data"]
        subprocess.run(
            [*command, "--dossiers", str(DOSSIERS)],
            cwd=ROOT,
            check=True,
            timeout=3600,
        )
        partial.rename(DB_DIR)
    had_backups = (DB_DIR / "backups").exists()
    subprocess.run(
        [sys.executable, "-c", f"from desk_app.services.desk import Desk; Desk.open({str(DB_DIR)!r}).close()"],
        cwd=ROOT,
        check=True,
        timeout=3600,
    )
    if not had_backups:  # a copy made by the migration above: of no use for a benchmark database
        shutil.rmtree(DB_DIR / "backups", ignore_errors=True)
    return DB_DIR


@pytest.mark.benchmark
def test_startup_paint_usable_and_memory(tmp_path: Path) -> None:
    folder = _database()
    env = _env(tmp_path / "pycache")
    bare = [sys.executable, "-c", BARE]
    ours = [sys.executable, "-m", "desk_app.ui.app", str(folder)]
    painted_env = {**env, "MOT_CUA_BENCH_EXIT": "painted"}
    usable_env = {**env, "MOT_CUA_BENCH_EXIT": "usable"}
    for command, run_env in ((bare, env), (ours, painted_env), (ours, usable_env)):
        _measure(command, run_env)  # warm the bytecode cache and the page cache

    samples: dict[str, list[dict[str, float]]] = {"bare": [], "painted": [], "usable": []}
    for _ in range(RUNS):
        samples["bare"].append(_measure(bare, env))
        samples["painted"].append(_measure(ours, painted_env))
        samples["usable"].append(_measure(ours, usable_env))

    def median(name: str) -> float:
        return statistics.median(sample["ms"] for sample in samples[name])

    bare_ms, painted_ms, usable_ms = median("bare"), median("painted"), median("usable")
    rss_mb = max(sample["rss_mb"] for sample in samples["usable"])
    figures = {
        "runs": RUNS,
        "dossiers": DOSSIERS,
        "bare_paint_ms": bare_ms,
        "paint_ms": painted_ms,
        "paint_ratio": round(painted_ms / bare_ms, 2),
        "usable_ms": usable_ms,
        "peak_rss_mb": round(rss_mb, 1),
        "latest_shown": min(sample["latest"] for sample in samples["usable"]),
        "intake_ready": all(sample["intake_ready"] for sample in samples["usable"]),
        "samples_ms": {name: [sample["ms"] for sample in values] for name, values in samples.items()},
    }
    print(
        f"\nstart-up over {DOSSIERS:,} dossiers, median of {RUNS}: bare window {bare_ms:.0f} ms, "
        f"ours painted {painted_ms:.0f} ms ({figures['paint_ratio']}×), usable {usable_ms:.0f} ms, "
        f"peak RSS {rss_mb:.0f} MB"
    )
    report_dir = os.environ.get("BENCH_REPORT_DIR")
    if report_dir:
        Path(report_dir).mkdir(parents=True, exist_ok=True)
        (Path(report_dir) / "startup.json").write_text(json.dumps(figures, indent=2))

    assert figures["latest_shown"] == 10 and figures["intake_ready"]
    assert painted_ms <= PAINT_RATIO * bare_ms
    assert usable_ms <= USABLE_MS
    assert rss_mb <= RSS_MB
