"""What the status bar says about sync: events not yet accepted by the centre, and the last sync.

An event is unsynced while its ``centre_seq`` is NULL: the centre names each event it accepted and
hands it a sequence number, which the desk stores in the same transaction (DESIGN §5). The time of
the last successful sync is the ``last_sync_at`` setting, written by the sync client.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from desk_app.store.models import EVENTS
from desk_app.store.unit import get_setting

LAST_SYNC_KEY = "last_sync_at"
_EVENTS = EVENTS


def unsynced_count(connection: Connection) -> int:
    """How many events the centre has not accepted yet (``centre_seq`` NULL: ``ix_events_unsent``)."""
    return connection.execute(
        select(func.count()).select_from(_EVENTS).where(_EVENTS.c.centre_seq.is_(None))
    ).scalar_one()


def last_sync_at(connection: Connection) -> str | None:
    """When the last sync succeeded (ISO time as the sync client stored it), None if never."""
    value = get_setting(connection, LAST_SYNC_KEY)
    return str(value) if value else None
