"""Finding dossiers: exact code / ID number / phone lookups and full-text search on folded text.

What the clerk types decides the path: a whole dossier code, a 12-digit ID number or a phone number
go straight to their index (well under a millisecond); anything else becomes an FTS5 prefix query
over the folded text (``nguyen van d`` → ``nguyen* van* d*``), newest first by rowid, which FTS5
walks in index order instead of sorting every match. The index keeps prefixes of 1 to 6 letters
(a Vietnamese syllable has at most 7), so no prefix query has to merge term lists in memory.
Filters (status, dates, procedure) narrow either path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from desk_app.domain.errors import InvalidInput
from desk_app.domain.text import fold

_DIGITS = re.compile(r"[0-9]+")
_CODE_LIKE = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Za-z][0-9]{2}-[0-9]{6}-[0-9]{4}")
_TOKEN = re.compile(r"[0-9a-z]+")
MAX_QUERY_LENGTH = 200

ROW_COLUMNS = (
    "d.rowid, d.id, d.code, d.status, d.procedure_code, d.applicant_name, d.id_number, d.phone, "
    "d.received_at, d.due_at, d.finished_at, d.returned_at, d.anomaly_count"
)


@dataclass(frozen=True)
class DossierQuery:
    """What the dossier list asks for: words and filters, newest first, one page at a time."""

    text: str = ""
    statuses: Sequence[int] = ()
    procedure_code: str | None = None
    received_from: str | None = None  # ISO date-time, inclusive
    received_to: str | None = None  # ISO date-time, exclusive
    due_before: str | None = None  # ISO date-time: overdue/due-today lists
    due_from: str | None = None
    before_rowid: int | None = None  # keyset paging: rows older than this one
    limit: int = 100
    extra: dict[str, Any] = field(default_factory=dict)


def fts_query(text: str) -> str | None:
    """The FTS5 MATCH expression for what the clerk typed; None when nothing searchable remains."""
    tokens = _TOKEN.findall(fold(text))
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def _exact_column(text: str) -> tuple[str, str] | None:
    stripped = text.strip()
    if _CODE_LIKE.fullmatch(stripped):
        return "code", stripped.upper()
    if _DIGITS.fullmatch(stripped):
        if len(stripped) == 12:
            return "id_number", stripped
        if len(stripped) in (10, 11) and stripped.startswith("0"):
            return "phone", stripped
    return None


def find(connection: Connection, query: DossierQuery) -> list[Any]:
    """The dossier rows matching ``query``, newest first."""
    if len(query.text) > MAX_QUERY_LENGTH:
        raise InvalidInput(
            f"Từ khóa tìm kiếm dài quá {MAX_QUERY_LENGTH} ký tự",
            f"The search text is longer than {MAX_QUERY_LENGTH} characters",
        )
    where: list[str] = []
    params: list[Any] = []
    source = "dossiers d"
    order = "d.rowid"
    exact = _exact_column(query.text)
    if exact:
        where.append(f"d.{exact[0]} = ?")
        params.append(exact[1])
    elif query.text.strip():
        match = fts_query(query.text)
        if match is None:
            return []
        # Driven by the FTS index in rowid order, so LIMIT stops the walk early.
        source = "dossier_search s JOIN dossiers d ON d.rowid = s.rowid"
        order = "s.rowid"
        where.append("dossier_search MATCH ?")
        params.append(match)
    if query.statuses:
        where.append(f"d.status IN ({', '.join('?' for _ in query.statuses)})")
        params.extend(int(s) for s in query.statuses)
    for column, operator, value in (
        ("procedure_code", "=", query.procedure_code),
        ("received_at", ">=", query.received_from),
        ("received_at", "<", query.received_to),
        ("due_at", "<", query.due_before),
        ("due_at", ">=", query.due_from),
    ):
        if value is not None:
            where.append(f"d.{column} {operator} ?")
            params.append(value)
    if query.before_rowid is not None:
        # On the full-text path the bound must reach FTS5 itself (s.rowid), or every next page
        # walks the index again from the newest match down to the bound.
        where.append(f"{order} < ?")
        params.append(query.before_rowid)
    sql = f"SELECT {ROW_COLUMNS} FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order} DESC LIMIT ?"
    params.append(query.limit)
    return connection.exec_driver_sql(sql, tuple(params)).all()


def find_by_code(connection: Connection, code: str) -> Any | None:
    """The dossier row with this code (the first received, if two desks ever issued it)."""
    return connection.exec_driver_sql(
        f"SELECT {ROW_COLUMNS} FROM dossiers d WHERE d.code = ? ORDER BY d.rowid LIMIT 1",
        (code.strip().upper(),),
    ).first()


_OPEN_NOT_PAUSED = (2, 4)  # as DossierState.is_overdue: paused dossiers (5, 6, 8) do not run late


def today_counts(connection: Connection, start: datetime, end: datetime, now: datetime) -> dict[str, int]:
    """Home-screen counts: received today, due today, overdue, result waiting to be returned."""
    iso = lambda moment: moment.isoformat(timespec="seconds")  # noqa: E731
    marks = ", ".join("?" for _ in _OPEN_NOT_PAUSED)

    def scalar(sql: str, *params: Any) -> int:
        return connection.exec_driver_sql(sql, params).scalar_one()

    return {
        "received_today": scalar(
            "SELECT count(*) FROM dossiers WHERE received_at >= ? AND received_at < ?", iso(start), iso(end)
        ),
        "due_today": scalar(
            f"SELECT count(*) FROM dossiers WHERE status IN ({marks}) AND due_at >= ? AND due_at < ?",
            *_OPEN_NOT_PAUSED,
            iso(now),
            iso(end),
        ),
        "overdue": scalar(
            f"SELECT count(*) FROM dossiers WHERE status IN ({marks}) AND due_at < ?", *_OPEN_NOT_PAUSED, iso(now)
        ),
        "to_return": scalar("SELECT count(*) FROM dossiers WHERE status = 9"),
    }
