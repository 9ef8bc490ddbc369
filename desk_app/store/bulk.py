"""Bulk loading of ready-made events of this desk and their projections (demo data, benchmarks).

The per-dossier path (``dossiers.append``) re-reads a dossier's events for every write, which is
right at the counter and far too slow for a million rows. Here the caller folds the states itself,
turns batches into plain rows (``rows_of``, which worker processes can run), and each batch goes
in with ``executemany`` in one transaction (``insert_rows``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desk_app.domain.events import Event
from desk_app.domain.lifecycle import DossierState
from desk_app.store.dossiers import (
    DOSSIER_COLUMNS,
    INSERT_OWN_EVENT,
    INSERT_SEARCH,
    dossier_values,
    own_event_values,
    search_text,
)

INSERT_DOSSIER_WITH_ROWID = (
    f"INSERT INTO dossiers(rowid, {', '.join(DOSSIER_COLUMNS)}) VALUES (?, {', '.join('?' * len(DOSSIER_COLUMNS))})"
)


@dataclass(frozen=True)
class Rows:
    """Ready-to-insert rows of a batch of dossiers (picklable, so worker processes can make them)."""

    events: list[tuple[Any, ...]]
    dossiers: list[tuple[Any, ...]]
    search: list[str]


def rows_of(batch: Sequence[tuple[DossierState, Sequence[Event]]]) -> Rows:
    """The rows of a batch of (folded state, events) pairs."""
    events = [own_event_values(event) for _, evs in batch for event in evs]
    dossiers = []
    search = []
    for state, _ in batch:
        dossiers.append(dossier_values(state))
        search.append(search_text(state))
    return Rows(events, dossiers, search)


def insert_rows(connection: sqlite3.Connection, rows: Rows) -> int:
    """Insert one batch in one transaction, numbering its dossiers after the last rowid; returns its size."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        first = (connection.execute("SELECT max(rowid) FROM dossiers").fetchone()[0] or 0) + 1
        rowids = range(first, first + len(rows.dossiers))
        connection.executemany(INSERT_OWN_EVENT, rows.events)
        connection.executemany(INSERT_DOSSIER_WITH_ROWID, [(r, *d) for r, d in zip(rowids, rows.dossiers, strict=True)])
        connection.executemany(INSERT_SEARCH, zip(rowids, rows.search, strict=True))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return len(rows.dossiers)
