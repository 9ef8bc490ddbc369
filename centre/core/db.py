"""Database engines of the centre and its migrations.

PostgreSQL through psycopg 3 is the real thing; SQLite is the embedded try-out database. On SQLite
every write transaction starts with ``BEGIN IMMEDIATE``: one writer at a time, so the centre
sequence is trivially handed out in commit order there (PostgreSQL needs the per-unit counter row,
see ``centre.services.ingest``). The schema comes from Alembic (``migrations/centre``) on both.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Column, ColumnElement, Connection, Engine, Table, any_, bindparam, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.types import UserDefinedType

from desk_app.resources import migrations_path

T = TypeVar("T")


def normalise_url(url: str) -> str:
    """``url`` with the psycopg 3 driver named for PostgreSQL (``postgresql://`` → ``postgresql+psycopg://``)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, pool_size: int = 10, max_overflow: int = 10) -> Engine:
    """An engine for ``url``; SQLite files get WAL, ``synchronous=FULL`` and ``BEGIN IMMEDIATE``."""
    url = normalise_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=True)
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_size=pool_size, max_overflow=max_overflow)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def is_postgres(connection: Connection) -> bool:
    """Whether ``connection`` talks to PostgreSQL."""
    return connection.dialect.name == "postgresql"


def alembic_config(url: str) -> Config:
    """The Alembic configuration of the centre environment for ``url``."""
    config = Config()
    config.set_main_option("script_location", str(migrations_path("centre")))
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def migrate(url: str) -> None:
    """Bring the database at ``url`` to the newest centre schema."""
    if make_url(normalise_url(url)).get_backend_name() == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), "head")


def upsert(
    connection: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    keys: Iterable[str],
    update: Iterable[str] | None = None,
) -> None:
    """Insert ``rows``, or update the named columns (or nothing) where the key already exists."""
    if not rows:
        return
    dialect = postgresql if is_postgres(connection) else sqlite
    statement = dialect.insert(table)
    keys = list(keys)
    columns = list(update) if update is not None else []
    if columns:
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_={name: statement.excluded[name] for name in columns}
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    connection.execute(statement, list(rows))


def among(connection: Connection, column: Column[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN values``; on PostgreSQL as ``= ANY(array)`` with the array as one text parameter
    (an expanded IN of 1,500 parameters costs more to build than to run, and so does a list dumped
    element by element by the driver)."""
    items = list(values)
    if is_postgres(connection):
        spec = postgresql.ARRAY(column.type).compile(dialect=connection.dialect)
        return column == any_(bindparam(None, array_literal(items), type_=_ArrayText(spec)))
    return column.in_(items)


class _ArrayText(UserDefinedType[str]):
    """An array parameter sent as its text literal with a cast to ``spec`` (``%(p)s::UUID[]``), so
    that PostgreSQL reads it as a constant array when planning (a cast of a text value to an array
    would be evaluated again for every row scanned)."""

    cache_ok = True
    render_bind_cast = True

    def __init__(self, spec: str) -> None:
        self.spec = spec

    def get_col_spec(self, **_kw: Any) -> str:
        """The array type's SQL name."""
        return self.spec


_PLAIN_ITEMS = re.compile(r"[0-9A-Za-z_.:+-]+(?:,[0-9A-Za-z_.:+-]+)*")


def array_literal(values: Sequence[Any]) -> str:
    """A PostgreSQL array literal (``{a,b}``) of ``values`` as text, each one quoted unless plain."""
    items = [str(v) for v in values]
    joined = ",".join(items)
    if not items or (_PLAIN_ITEMS.fullmatch(joined) and "NULL" not in joined.upper()):
        return "{" + joined + "}"
    quoted = ('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items)
    return "{" + ",".join(quoted) + "}"


def copy_text(value: str) -> str:
    """``value`` escaped for PostgreSQL's COPY text format (backslash, tab, newline, carriage return).

    A NUL cannot be stored in PostgreSQL text at all: callers refuse it before (``parse_incoming``)."""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if "\t" in value:
        value = value.replace("\t", "\\t")
    if "\n" in value:
        value = value.replace("\n", "\\n")
    if "\r" in value:
        value = value.replace("\r", "\\r")
    return value


def copy_rows(connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert ``rows`` with PostgreSQL's COPY, inside the connection's current transaction."""
    raw = connection.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cursor:  # type: ignore[attr-defined]
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def copy_lines(
    connection: Connection, table: Table, columns: Sequence[str], data: bytes, meanwhile: Callable[[], T]
) -> T:
    """Insert rows already written in COPY's text format, UTF-8 (``copy_text`` values, tab-separated,
    one line each) with one write, inside the connection's current transaction; ``meanwhile()`` runs
    (and its result is returned) once the rows are sent, while PostgreSQL is still storing them. If it
    raises, the COPY is abandoned and the error goes on."""
    raw = connection.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cursor:  # type: ignore[attr-defined]
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            copy.write(data)
            return meanwhile()


def pipelined(connection: Connection, statements: Sequence[tuple[str, Any]]) -> list[list[tuple[Any, ...]]]:
    """Run raw SQL statements (psycopg ``%s`` parameters) on PostgreSQL in one network round trip
    (psycopg's pipeline mode), in order, inside the connection's current transaction; the rows of
    each (none for a statement that returns none). An error in any of them is raised here."""
    if not statements:
        return []
    raw = connection.connection.dbapi_connection
    assert raw is not None
    cursors = []
    with raw.pipeline():  # type: ignore[attr-defined]
        for sql, params in statements:
            cursor = raw.cursor()
            cursor.execute(sql, params)
            cursors.append(cursor)
    results = [cursor.fetchall() if cursor.description is not None else [] for cursor in cursors]
    for cursor in cursors:
        cursor.close()
    return results
