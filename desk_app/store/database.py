"""The desk's SQLite database: one writer, many readers, migrated before use.

Pragmas on every connection: WAL (readers never wait for the writer), ``synchronous=FULL`` (a
committed dossier survives a power cut), foreign keys on, and a busy timeout so two processes on one
data folder wait for each other instead of failing. Writes start with ``BEGIN IMMEDIATE`` so a write
transaction never has to upgrade a read lock (the classic SQLITE_BUSY trap); reads use a deferred
``BEGIN`` on their own engine.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

from desk_app.store.in_use import InUseMarker

DATABASE_FILE = "desk.sqlite3"
BUSY_TIMEOUT_MS = 10_000


def _make_engine(path: Path, begin: str) -> Engine:
    engine = create_engine(f"sqlite:///{path}", pool_size=4, max_overflow=4)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql(begin)

    return engine


class Database:
    """The open database of one desk: ``write()`` and ``read()`` hand out transactions."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._in_use = InUseMarker(path.parent)  # a restore waits until every open database is closed
        self._writer = _make_engine(path, "BEGIN IMMEDIATE")
        self._reader = _make_engine(path, "BEGIN")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        with self._writer.begin() as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One read transaction over a consistent snapshot."""
        with self._reader.connect() as connection, connection.begin():
            yield connection

    def raw_connection(self) -> sqlite3.Connection:
        """A plain sqlite3 connection with the same pragmas, for bulk loads (caller closes it)."""
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA cache_size=-262144")  # 256 MiB: bulk loads touch every index
        return connection

    def close(self) -> None:
        """Close every pooled connection."""
        self._writer.dispose()
        self._reader.dispose()
        self._in_use.release()
