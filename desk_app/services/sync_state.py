"""The sync figures the window's status bar shows: unsynced events, the last sync, enrolment, the clock.

Read in one job off the GUI thread. The sync service (``desk_app.services.sync``, which brings the
HTTP client with it) is imported only here, late, so it never weighs on the window's start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk_app.domain.errors import DeskError
from desk_app.store import sync_state

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


@dataclass(frozen=True)
class SyncStatus:
    """How far the desk is from the centre."""

    unsynced_events: int
    last_sync_at: str | None  # ISO time of the last successful sync; None: never synced
    enrolled: bool = False  # the desk holds a centre token: the sync button works
    clock_warning: DeskError | None = None  # the desk clock is off from the centre's (slips carry legal dates)


def sync_status(desk: Desk) -> SyncStatus:
    """Events the centre has not accepted yet, when the last sync succeeded, enrolment and clock."""
    from desk_app.services.sync import clock_warning, is_enrolled

    with desk.db.read() as connection:
        unsynced = sync_state.unsynced_count(connection)
        last = sync_state.last_sync_at(connection)
    return SyncStatus(unsynced, last, is_enrolled(desk), clock_warning(desk))
