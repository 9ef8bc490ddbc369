"""One sync round trip: decode, check who is asking, push in one transaction, then pull (reads only,
in autocommit), on one pooled connection.

A push of the desk's next events, all new and in order (nearly every push), is checked while
PostgreSQL stores it (``services.push_in_step``); any other is checked first (``services.ingest``).
The push commits before the pull starts, so the unit's sequence lock is never held while a page is
being read and compressed. If the pull then fails, the desk retries the whole round trip and its
events are simply acknowledged again. A body that breaks the protocol is refused before any
transaction opens: nothing changes.

Version policy: a protocol older than the centre supports is refused (426, ``update_required``).
A desk program older than ``min_app_version`` is still allowed to push (its data must never be stuck
or lost because of a release), but gets nothing pulled and ``update_required`` in the answer.
"""

from __future__ import annotations

from sqlalchemy import Engine

from centre import CentreError
from centre.core.config import Settings
from centre.services import ingest, pull, push_in_step
from centre.services.ingest import DeskIdentity
from desk_app.domain import sync_protocol as sp


def check_identity(desk: DeskIdentity, request: sp.SyncRequest) -> None:
    """A token reads and writes only its own unit, as its own device: 403 otherwise."""
    if request.unit != desk.unit:
        raise CentreError(
            f"Quầy này thuộc đơn vị {desk.unit}, không được đồng bộ đơn vị {request.unit}",
            f"This desk belongs to unit {desk.unit}; it may not sync unit {request.unit}",
            sp.ERR_FORBIDDEN,
        )
    if request.device_id != desk.device_id:
        raise CentreError(
            "Mã máy không khớp với quầy đã đăng ký", "The device id is not the enrolled desk's", sp.ERR_FORBIDDEN
        )


def sync_round_trip(engine: Engine, settings: Settings, desk: DeskIdentity, body: bytes) -> bytes:
    """The answer body to one sync request body of ``desk``."""
    request = sp.decode_request(body)
    check_identity(desk, request)
    in_step = push_in_step.plan(desk, request.events) if engine.dialect.name == "postgresql" else None
    # a push not in step is parsed and hashed before a connection is taken
    checked = None if in_step else ingest.check_pushed(desk, request.events)
    update_required = sp.is_older(request.app_version, settings.min_app_version)
    with engine.connect() as connection:
        with connection.begin():
            outcome = push_in_step.push(connection, desk, in_step, request.app_version) if in_step else None
            if outcome is None:
                outcome = ingest.push(connection, desk, request.events, request.app_version, checked)
        # The pull only reads, each statement in its own snapshot (as in a READ COMMITTED transaction,
        # so nothing is lost): autocommit spares the BEGIN and COMMIT round trips.
        connection.execution_options(isolation_level="AUTOCOMMIT")
        if update_required:
            page = pull.Page([], request.cursor, pull.head_of(connection, desk.unit), False)
            catalogue, calendar = None, None
        else:
            page = pull.pull_page(
                connection, desk.unit, desk.device_id, request.cursor, request.known_device_seq, request.page_size
            )
            catalogue = pull.current_catalogue(connection, request.catalogue_version)
            calendar = pull.newer_calendar(connection, request.calendar_version)
    acks, ack_runs = outcome.answer_acks(request.ack_runs)
    response = sp.SyncResponse(
        centre_time=sp.centre_now(),
        cursor=page.cursor,
        head=page.head,
        acks=acks,
        ack_runs=ack_runs,
        rejections=tuple(outcome.rejections),
        expected_device_seq=outcome.expected_device_seq,
        more=page.more,
        catalogue=catalogue,
        calendar=calendar,
        min_app_version=settings.min_app_version,
        update_required=update_required,
    )
    return sp.encode_response_with_raw_events(response, page.texts, settings.response_gzip_level)
