"""Inserting many rows with few statements: ``INSERT … VALUES (…), (…), …``, ``ROWS_PER_STATEMENT`` rows
a statement.

``executemany`` steps SQLite once a row, and the sqlite3 module lets the interpreter lock go for
each step: with another thread of the program busy (a sync fetching the next pages), the writer then
waits for the lock again after every row, up to the interpreter's switch interval (5 ms). Fifty rows
a statement make fifty times fewer such waits, and are as fast on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection

ROWS_PER_STATEMENT = 50


def insert_many(connection: Connection, into: str, rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (all of one width) with ``INSERT INTO {into} VALUES …``; ``into`` names the
    table and its columns, e.g. ``"events(id, kind)"``."""
    if not rows:
        return
    width = len(rows[0])
    one = f"({', '.join('?' * width)})"
    full = len(rows) - len(rows) % ROWS_PER_STATEMENT
    if full:
        sql = f"INSERT INTO {into} VALUES {', '.join([one] * ROWS_PER_STATEMENT)}"
        per = ROWS_PER_STATEMENT
        chunks = [tuple(chain.from_iterable(rows[n : n + per])) for n in range(0, full, per)]
        connection.exec_driver_sql(sql, chunks)
    if full < len(rows):
        rest = rows[full:]
        sql = f"INSERT INTO {into} VALUES {', '.join([one] * len(rest))}"
        connection.exec_driver_sql(sql, tuple(chain.from_iterable(rest)))
