"""Dossier search speed (DESIGN §7) through the façade, over a large demo database.

Targets: a realistic mix of toneless name fragments p95 ≤ 10 ms warm; the first search of a freshly
started process ≤ 300 ms; exact dossier-code and ID-number lookups p95 ≤ 1 ms. The database holds
``BENCH_DOSSIERS`` demo dossiers (1,000,000; 20,000 with ``BENCH_QUICK=1``), made once by
``desk-app demo-data`` into a cached folder (``demo_database`` in conftest). The name fragments are
sampled from names actually in the database, folded, 1–3 words, the last often cut to a 1–3 letter
prefix, as a clerk types them ("nguyen van d", "tran thi h", "le minh", "hoa"). Filtered searches
(status, overdue, procedure, date range, the next page) are measured and reported, not asserted.
The figures are printed and written to ``$BENCH_REPORT_DIR/search.json``; when a target is missed
the slowest queries are printed with their query plan.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from time import perf_counter
from typing import Any

import pytest

from desk_app.domain.text import fold
from desk_app.services.desk import Desk
from desk_app.store import search
from desk_app.store.search import DossierQuery
from tests.benchmarks.conftest import QUICK, bench_dossier_count, report, summary_ms

NAME_P95_MS = 10.0
FIRST_SEARCH_MS = 300.0
EXACT_P95_MS = 1.0
SAMPLES = 200
FRESH_STARTS = 5
FIGURES: dict[str, Any] = {"dossiers": bench_dossier_count(), "quick": QUICK}

_FIRST_SEARCH = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from desk_app.services.desk import Desk
from desk_app.store.search import DossierQuery
imported = time.perf_counter()
desk = Desk.open(Path(sys.argv[1]))
opened = time.perf_counter()
rows = desk.find(DossierQuery(text=sys.argv[2], limit=50))
searched = time.perf_counter()
print(json.dumps({"import_ms": (imported - started) * 1000, "open_ms": (opened - imported) * 1000,
                  "first_search_ms": (searched - opened) * 1000, "rows": len(rows)}))
"""


@pytest.fixture(scope="module")
def desk(demo_database: Path) -> Iterator[Desk]:
    opened = Desk.open(demo_database)
    yield opened
    opened.close()


def _sample_rows(desk: Desk, count: int, seed: int) -> list[Any]:
    """``count`` dossier rows picked at random over the whole database."""
    rng = random.Random(seed)
    with desk.db.read() as connection:
        top = connection.exec_driver_sql("SELECT max(rowid) FROM dossiers").scalar_one()
        rows = []
        while len(rows) < count:
            row = connection.exec_driver_sql(
                "SELECT applicant_name, code, id_number FROM dossiers WHERE rowid = ?", (rng.randint(1, top),)
            ).first()
            if row is not None and row.id_number:
                rows.append(row)
    return rows


def name_fragment(name: str, rng: random.Random) -> str:
    """What a clerk types to find this person: 1–3 folded words, the last often a 1–3 letter prefix."""
    words = fold(name).split()
    family, middle, given = words[0], words[1:-1], words[-1]
    roll = rng.random()
    if roll < 0.35 and middle:  # "nguyen van d"
        chosen = [family, middle[0], given[: rng.randint(1, 3)]]
    elif roll < 0.55 and middle:  # "tran thi h"
        chosen = [family, middle[0][: rng.randint(1, 3)]]
    elif roll < 0.75:  # "le minh"
        chosen = [family, (middle or [given])[0]]
    elif roll < 0.85:  # "hoa"
        chosen = [given]
    elif roll < 0.95:  # "van duc"
        chosen = [*middle[-1:], given]
    else:  # the whole name
        chosen = words[:3]
    return " ".join(chosen)


def _timed(desk: Desk, query: DossierQuery) -> tuple[float, int]:
    start = perf_counter()
    rows = desk.find(query)
    return perf_counter() - start, len(rows)


def _measure(desk: Desk, queries: list[DossierQuery], rounds: int = 2) -> list[float]:
    """Seconds per query, after one untimed warm-up pass."""
    for query in queries:
        desk.find(query)
    return [_timed(desk, query)[0] for _ in range(rounds) for query in queries]


def _plans(desk: Desk, slowest: list[tuple[float, DossierQuery]]) -> list[dict[str, Any]]:
    """The slowest queries with the FTS expression and SQLite's plan: what to look at when a target fails."""
    found = []
    with desk.db.read() as connection:
        for seconds, query in slowest:
            match = search.fts_query(query.text)
            sql = (
                "EXPLAIN QUERY PLAN SELECT d.rowid FROM dossier_search s JOIN dossiers d ON d.rowid = s.rowid "
                "WHERE dossier_search MATCH ? ORDER BY s.rowid DESC LIMIT ?"
            )
            plan = [row[3] for row in connection.exec_driver_sql(sql, (match, query.limit)).all()] if match else []
            found.append({"text": query.text, "match": match, "ms": round(seconds * 1000, 2), "plan": plan})
    return found


def _record(name: str, figures: dict[str, Any]) -> None:
    FIGURES[name] = figures
    report("search", FIGURES)


@pytest.mark.benchmark
def test_name_fragments_p95_within_10_ms_warm(desk: Desk) -> None:
    rng = random.Random(20260305)
    queries = [
        DossierQuery(text=name_fragment(r.applicant_name, rng), limit=50) for r in _sample_rows(desk, SAMPLES, 1)
    ]
    times = _measure(desk, queries)
    figures: dict[str, Any] = {**summary_ms(times), "examples": [q.text for q in queries[:12]]}
    if figures["p95_ms"] > NAME_P95_MS:
        ranked = sorted(zip(times, queries + queries, strict=True), key=lambda pair: pair[0], reverse=True)
        unique = list({q.text: (t, q) for t, q in reversed(ranked)}.values())
        figures["slowest"] = _plans(desk, sorted(unique, key=lambda pair: pair[0], reverse=True)[:5])
    _record("names_warm", figures)
    assert figures["p95_ms"] <= NAME_P95_MS, f"name search p95 {figures['p95_ms']} ms > {NAME_P95_MS} ms"


@pytest.mark.benchmark
def test_first_search_after_start_within_300_ms(desk: Desk, demo_database: Path) -> None:
    rng = random.Random(7)
    texts = [name_fragment(r.applicant_name, rng) for r in _sample_rows(desk, FRESH_STARTS, 2)]
    runs = []
    for text in texts:
        done = subprocess.run(
            [sys.executable, "-c", _FIRST_SEARCH, str(demo_database), text],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        runs.append({"text": text, **json.loads(done.stdout.strip().splitlines()[-1])})
    worst = max(run["first_search_ms"] for run in runs)
    figures = {
        "first_search_max_ms": round(worst, 2),
        "open_max_ms": round(max(run["open_ms"] for run in runs), 2),
        "import_max_ms": round(max(run["import_ms"] for run in runs), 2),
        "runs": [{key: round(v, 2) if isinstance(v, float) else v for key, v in run.items()} for run in runs],
    }
    _record("first_search", figures)
    assert worst <= FIRST_SEARCH_MS, f"first search after start {worst:.1f} ms > {FIRST_SEARCH_MS} ms"


@pytest.mark.benchmark
def test_exact_code_and_id_number_lookups_p95_within_1_ms(desk: Desk) -> None:
    rows = _sample_rows(desk, SAMPLES, 3)
    by_code = summary_ms(_measure(desk, [DossierQuery(text=r.code, limit=50) for r in rows]))
    by_id = summary_ms(_measure(desk, [DossierQuery(text=r.id_number, limit=50) for r in rows]))
    _record("exact", {"code": by_code, "id_number": by_id})
    assert desk.find(DossierQuery(text=rows[0].code))[0].code == rows[0].code
    assert by_code["p95_ms"] <= EXACT_P95_MS, f"code lookup p95 {by_code['p95_ms']} ms > {EXACT_P95_MS} ms"
    assert by_id["p95_ms"] <= EXACT_P95_MS, f"ID number lookup p95 {by_id['p95_ms']} ms > {EXACT_P95_MS} ms"


def _filtered(desk: Desk, make: Callable[[str], DossierQuery], texts: list[str]) -> dict[str, float]:
    return summary_ms(_measure(desk, [make(text) for text in texts], rounds=1))


@pytest.mark.benchmark
def test_filtered_searches_are_measured(desk: Desk) -> None:
    """What the list's filters cost (reported for the lead; DESIGN sets no target for them)."""
    rng = random.Random(11)
    texts = [name_fragment(r.applicant_name, rng) for r in _sample_rows(desk, 40, 4)]
    with desk.db.read() as connection:
        newest = datetime.fromisoformat(
            connection.exec_driver_sql("SELECT max(received_at) FROM dossiers").scalar_one()
        )
    now = newest.isoformat()
    year_ago, week_later = (newest - timedelta(days=days) for days in (365, 358))
    figures = {
        f"status_{status}": _filtered(desk, lambda _t, s=status: DossierQuery(statuses=(s,), limit=200), ["x"] * 5)
        for status in (2, 5, 7, 10)
    }
    figures["overdue"] = _filtered(desk, lambda _t: DossierQuery(statuses=(2, 4), due_before=now, limit=200), ["x"] * 5)
    figures["procedure"] = _filtered(desk, lambda _t: DossierQuery(procedure_code="1.001193", limit=200), ["x"] * 5)
    figures["name_and_procedure"] = _filtered(
        desk, lambda t: DossierQuery(text=t, procedure_code="1.001193", limit=200), texts
    )
    figures["name_and_week_a_year_ago"] = _filtered(
        desk,
        lambda t: DossierQuery(
            text=t, received_from=year_ago.isoformat(), received_to=week_later.isoformat(), limit=200
        ),
        texts,
    )
    figures["name_next_page"] = _filtered(
        desk, lambda t: DossierQuery(text=t, before_rowid=bench_dossier_count() // 2, limit=200), texts
    )
    _record("filters", figures)
    assert all(value["n"] for value in figures.values())
