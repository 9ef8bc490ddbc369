"""The sync figures the window's status bar shows: unsynced events and the time of the last sync."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk_app.store import sync_state

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


@dataclass(frozen=True)
class SyncStatus:
    """How far the desk is from the centre."""

    unsynced_events: int
    last_sync_at: str | None  # ISO time of the last successful sync; None: never synced


def sync_status(desk: Desk) -> SyncStatus:
    """Events the centre has not accepted yet, and when the last sync succeeded."""
    with desk.db.read() as connection:
        return SyncStatus(sync_state.unsynced_count(connection), sync_state.last_sync_at(connection))
