"""Many rows with few statements: every row inserted once, in order, whatever the count."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from desk_app.store.multirow import ROWS_PER_STATEMENT, insert_many


@pytest.mark.parametrize("count", [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, 2 * ROWS_PER_STATEMENT + 23])
def test_every_row_is_inserted_once_in_order(count: int) -> None:
    engine = create_engine("sqlite://")
    rows = [(n, f"Nguyễn Văn {n}", None if n % 3 else n * 1.5) for n in range(count)]
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (n INTEGER, name TEXT, x REAL)")
        insert_many(connection, "t(n, name, x)", rows)
        stored = connection.exec_driver_sql("SELECT n, name, x FROM t ORDER BY rowid").all()
    assert [tuple(r) for r in stored] == rows
