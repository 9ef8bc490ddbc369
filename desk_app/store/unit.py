"""The unit's settings, the desk's persistent counters and the calendar overrides.

Counters move inside the caller's write transaction, together with the rows they number, so a
number is never handed out twice, not even after a crash or a retry: either the dossier and its
number were committed together, or neither was.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from desk_app.store.models import CALENDAR_OVERRIDES, COUNTERS, PUBLISHED_CALENDAR_OVERRIDES, SETTINGS

_SETTINGS = SETTINGS
_COUNTERS = COUNTERS
_OVERRIDES = CALENDAR_OVERRIDES
_PUBLISHED = PUBLISHED_CALENDAR_OVERRIDES


def get_setting(connection: Connection, key: str, default: Any = None) -> Any:
    """A setting's value (JSON-decoded), or ``default``."""
    text = connection.execute(select(_SETTINGS.c.value).where(_SETTINGS.c.key == key)).scalar()
    return default if text is None else json.loads(text)


def all_settings(connection: Connection) -> dict[str, Any]:
    """Every setting, decoded."""
    return {row.key: json.loads(row.value) for row in connection.execute(select(_SETTINGS))}


def set_settings(connection: Connection, values: dict[str, Any]) -> None:
    """Write several settings at once."""
    for key, value in values.items():
        statement = sqlite_insert(_SETTINGS).values(key=key, value=json.dumps(value, ensure_ascii=False))
        connection.execute(
            statement.on_conflict_do_update(index_elements=["key"], set_={"value": statement.excluded.value})
        )


def next_counter(connection: Connection, name: str, first: int = 1) -> int:
    """Increment a counter and return its new value (``first`` when it did not exist)."""
    return connection.exec_driver_sql(
        "INSERT INTO counters(name, value) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
        (name, first),
    ).scalar_one()


def get_counter(connection: Connection, name: str) -> int | None:
    """A counter's current value, None when never moved."""
    return connection.exec_driver_sql("SELECT value FROM counters WHERE name = ?", (name,)).scalar()


def raise_counter(connection: Connection, name: str, value: int) -> None:
    """Make a counter at least ``value`` (used for the clock stamp and bulk loads)."""
    connection.exec_driver_sql(
        "INSERT INTO counters(name, value) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)",
        (name, value),
    )


def calendar_overrides(connection: Connection, *, published: bool = False) -> list[dict[str, Any]]:
    """The unit's own calendar overrides (or, with ``published``, the province's) as plain rows by day."""
    table = _PUBLISHED if published else _OVERRIDES
    rows = connection.execute(select(table).order_by(table.c.day))
    return [dict(row._mapping) for row in rows]


def replace_calendar_overrides(connection: Connection, rows: list[dict[str, Any]], *, published: bool = False) -> None:
    """Replace the unit's own overrides (the admin's edit) or, with ``published``, the province's."""
    table = _PUBLISHED if published else _OVERRIDES
    connection.execute(delete(table))
    if rows:
        connection.execute(table.insert(), rows)
