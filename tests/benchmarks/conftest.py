"""Shared set-up of the benchmarks: quick mode for CI, the cached demo database, the report folder.

``BENCH_QUICK=1`` (what ``make test`` and CI set) shrinks sizes and repetitions so the targets are
checked in seconds; ``make bench`` runs them at full size (1,000,000 dossiers) and writes each
figure as JSON under ``BENCH_REPORT_DIR`` for the README.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

QUICK = os.environ.get("BENCH_QUICK") == "1"


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of ``samples`` (``fraction`` in 0..1)."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary_ms(samples: Sequence[float]) -> dict[str, float]:
    """p50/p95/max in milliseconds of samples given in seconds."""
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples) * 1000, 3),
        "p95_ms": round(percentile(samples, 0.95) * 1000, 3),
        "max_ms": round(max(samples) * 1000, 3),
    }


def report(name: str, figures: dict) -> None:
    """Print the figures and write them to ``$BENCH_REPORT_DIR/<name>.json`` when set."""
    print(f"\n[{name}] {json.dumps(figures, ensure_ascii=False)}")
    folder = os.environ.get("BENCH_REPORT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        Path(folder, f"{name}.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2))


def bench_dossier_count() -> int:
    """How many dossiers the large-database benchmarks use."""
    return int(os.environ.get("BENCH_DOSSIERS", "20000" if QUICK else "1000000"))


def _count(folder: Path) -> int:
    import sqlite3

    db = folder / "desk.sqlite3"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as connection:
        try:
            return connection.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


@pytest.fixture(scope="session")
def demo_database() -> Path:
    """A data folder holding exactly ``bench_dossier_count()`` demo dossiers, made once and reused."""
    count = bench_dossier_count()
    folder = Path(os.environ.get("BENCH_DB_DIR", f"/tmp/mot-cua-bench-{count}"))
    if _count(folder) != count:
        subprocess.run(["rm", "-rf", str(folder)], check=True)
        script = Path(sys.executable).with_name("desk-app")
        subprocess.run([str(script), "--data-dir", str(folder), "demo-data", "--dossiers", str(count)], check=True)
    assert _count(folder) == count
    return folder
