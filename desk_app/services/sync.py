"""Sync with the provincial centre: enrol once, then push-and-pull round trips until nothing is left.

``sync(desk)`` loops over round trips (``POST /api/v1/sync``): each sends this desk's oldest unsent
events (a bounded page) and brings back a bounded page of what the desk lacks. Every page is
committed on its own — acknowledgements, pulled events, refolded dossiers and the pull cursor in one
transaction — so a sync cut at any point resumes where it stopped and never sends or stores
anything twice. The loop ends when nothing is left to push and the centre says no more to pull;
an idle sync is one small request.

The centre's clock comes back with every answer; a desk clock more than ``CLOCK_TOLERANCE_S`` off is
reported loudly (``ClockWrong``) and kept in the settings for the status bar, never blocking.
"""

from __future__ import annotations

import gc
import ipaddress
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from desk_app import __version__
from desk_app.domain import sync_protocol as sp
from desk_app.domain.clock import HybridClock
from desk_app.domain.errors import DeskError, InvalidInput
from desk_app.domain.procedures import parse_catalogue
from desk_app.domain.work_calendar import CalendarOverride
from desk_app.services.desk import Desk
from desk_app.services.page_reader import PageReader
from desk_app.services.pull_ahead import PullAhead
from desk_app.services.scan_upload import ScanUploadReport, upload_scans
from desk_app.store import outbox, unit
from desk_app.store.outbox import Conflict
from desk_app.store.pulled_pages import PreparedPage
from desk_app.store.sync_state import LAST_SYNC_KEY
from desk_app.sync import (
    AppTooOld,
    CentreClient,
    ClockWrong,
    EnrolmentRefused,
    NotEnrolled,
    ProtocolRejected,
)

CENTRE_URL_KEY = "centre_url"
TOKEN_KEY = "centre_token"
ENROLMENT_KEY = "centre_enrolment"
CATALOGUE_VERSION_KEY = "centre_catalogue_version"
CALENDAR_VERSION_KEY = "centre_calendar_version"
CLOCK_OFFSET_KEY = "clock_offset_s"
CLOCK_WARNING_KEY = "clock_warning"
CLOCK_TOLERANCE_S = 300.0
PUSH_PAGE = sp.DEFAULT_PAGE_SIZE
PULL_PAGE = sp.MAX_EVENTS_PER_PAGE  # the fewest round trips a first sync can take
# A new desk's first page (nothing pulled yet): small, so that writing starts, and the next full
# pages are on their way, after a tenth of the wait for a full one.
FIRST_PULL_PAGE = 500
MAX_PAGES = 100_000

Now = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SyncProgress:
    """Where a running sync stands after each committed page (for a progress bar: cursor / head)."""

    pages: int
    pushed: int
    pulled: int
    cursor: int
    head: int
    unsent: int


@dataclass
class SyncReport:
    """What one ``sync`` did: what went up and came down, what needs a person, and the clock."""

    pushed: int = 0
    pulled: int = 0
    already_held: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    rejections: list[sp.Rejection] = field(default_factory=list)
    anomalies: int = 0
    touched: list[str] = field(default_factory=list)
    requests: int = 0
    pages: int = 0
    cursor: int = 0
    head: int = 0
    unsent: int = 0
    clock_offset_s: float | None = None
    clock_warning: ClockWrong | None = None
    update_required: bool = False
    catalogue_version: str | None = None
    calendar_version: int | None = None
    warnings: list[DeskError] = field(default_factory=list)
    scans: ScanUploadReport | None = None  # this desk's scanned files sent after the events
    duration_s: float = 0.0

    def summary(self, language: str = "vi") -> str:
        """A few lines for the command line and the status bar tooltip."""
        en = language == "en"
        lines = [
            f"Sent {self.pushed}, received {self.pulled} events; {self.unsent} still to send ({self.requests} requests)"
            if en
            else f"Đã gửi {self.pushed}, đã nhận {self.pulled} sự kiện; còn {self.unsent} chờ gửi "
            f"({self.requests} lượt gửi)",
        ]
        if self.conflicts or self.rejections:
            count = len(self.conflicts) + len(self.rejections)
            lines.append(
                f"{count} events need a person (conflicts or refusals): see the list of conflicts"
                if en
                else f"{count} sự kiện cần người xử lý (xung đột hoặc bị từ chối): xem danh sách xung đột"
            )
        if self.anomalies:
            lines.append(
                f"{self.anomalies} anomalies in received dossiers (actions taken at two desks at once)"
                if en
                else f"{self.anomalies} bất thường trong hồ sơ nhận về (hai quầy cùng thao tác)"
            )
        if self.clock_offset_s is not None:
            lines.append(
                f"Clock: {self.clock_offset_s:+.0f} s from the centre"
                if en
                else f"Đồng hồ: lệch {self.clock_offset_s:+.0f} giây so với trung tâm"
            )
        for warning in [self.clock_warning, *self.warnings]:
            if warning is not None:
                lines.append(warning.text(language))
        if self.scans is not None:
            lines.extend(self.scans.summary(language))
        return "\n".join(lines)


@dataclass(frozen=True)
class Enrolment:
    """The outcome of ``enroll``: which unit and desk number the centre knows this desk as."""

    centre_url: str
    unit: str
    desk_number: int
    desk_number_changed: bool
    clock_warning: ClockWrong | None


# -- enrolment -------------------------------------------------------------------------------------


def check_centre_url(url: str) -> str:
    """The centre's base URL; https, or plain http only to this very machine (demo, tests)."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            f"Địa chỉ trung tâm không hợp lệ: «{url}» (ví dụ https://dongbo.tinh.gov.vn)",
            f"Invalid centre address: '{url}' (e.g. https://sync.province.gov.vn)",
            field="centre_url",
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InvalidInput(
            "Chỉ kết nối trung tâm qua https (mã hóa); http chỉ dùng thử trên cùng một máy.",
            "The centre must be reached over https (encrypted); plain http is only for trying it on one machine.",
            field="centre_url",
        )
    return text


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def enroll(
    desk: Desk, centre_url: str, code: str, *, client: CentreClient | None = None, now: Now = _utc_now
) -> Enrolment:
    """Exchange a one-time code for this desk's token; store the token and the centre's address."""
    profile = desk.require_profile()
    url = check_centre_url(centre_url)
    own_client = client is None
    client = client or CentreClient(url)
    try:
        answer = client.enrol(code, profile.device_id)
    finally:
        if own_client:
            client.close()
    if answer.unit != profile.agency_id:
        raise EnrolmentRefused(
            f"Mã đăng ký này dành cho đơn vị {answer.unit}, nhưng quầy thuộc đơn vị {profile.agency_id}: "
            "hãy xin trung tâm mã đúng đơn vị.",
            f"This enrolment code is for unit {answer.unit}, but this desk belongs to {profile.agency_id}: "
            "ask the centre for a code of the right unit.",
            "wrong_unit",
        )
    changed = answer.desk_number != profile.desk_number
    if changed:  # the centre owns the desk slots: two live desks with one number would clash on codes
        desk.set_up(replace(profile, desk_number=answer.desk_number))
    offset, warning = _clock_check(answer.centre_time, now)
    with desk.db.write() as connection:
        unit.set_settings(
            connection,
            {
                CENTRE_URL_KEY: url,
                TOKEN_KEY: answer.token,
                ENROLMENT_KEY: {
                    "unit": answer.unit,
                    "desk_number": answer.desk_number,
                    "enrolled_at": now().isoformat(timespec="seconds"),
                },
                **_clock_settings(offset, warning),
            },
        )
    return Enrolment(url, answer.unit, answer.desk_number, changed, warning)


def client_for(desk: Desk, **options: Any) -> CentreClient:
    """A client of the centre this desk is enrolled with; NotEnrolled before ``enroll``."""
    with desk.db.read() as connection:
        url = unit.get_setting(connection, CENTRE_URL_KEY)
        token = unit.get_setting(connection, TOKEN_KEY)
    if not url or not token:
        raise NotEnrolled()
    return CentreClient(url, token, **options)


def is_enrolled(desk: Desk) -> bool:
    """Whether the desk holds a centre token."""
    with desk.db.read() as connection:
        return bool(unit.get_setting(connection, TOKEN_KEY))


def clock_warning(desk: Desk) -> ClockWrong | None:
    """The clock warning of the last exchange with the centre (the status bar shows it), or None."""
    with desk.db.read() as connection:
        offset = unit.get_setting(connection, CLOCK_OFFSET_KEY)
    return ClockWrong(offset) if offset is not None and abs(offset) > CLOCK_TOLERANCE_S else None


def _clock_check(centre_time: str, now: Now) -> tuple[float, ClockWrong | None]:
    offset = (now() - sp.parse_centre_time(centre_time)).total_seconds()
    return offset, (ClockWrong(offset) if abs(offset) > CLOCK_TOLERANCE_S else None)


def _clock_settings(offset: float, warning: ClockWrong | None) -> dict[str, Any]:
    return {
        CLOCK_OFFSET_KEY: round(offset, 3),
        CLOCK_WARNING_KEY: {"vi": warning.message, "en": warning.english} if warning else None,
    }


# -- the sync loop ---------------------------------------------------------------------------------


def sync(
    desk: Desk,
    progress: Callable[[SyncProgress], None] | None = None,
    *,
    client: CentreClient | None = None,
    now: Now = _utc_now,
    push_page: int = PUSH_PAGE,
    pull_page: int = PULL_PAGE,
) -> SyncReport:
    """Push every unsent event and pull everything new, page by page; each page committed on its own."""
    started = time.perf_counter()
    profile = desk.require_profile()
    own_client = client is None
    client = client or client_for(desk)
    first_request = client.requests_made
    report = SyncReport()
    resend_from: int | None = None
    push_blocked = False
    reader = PageReader()
    answers = PullAhead(client, reader, page_size=pull_page)

    try:
        with _young_objects_collected_rarely():
            for _ in range(MAX_PAGES):
                with desk.db.read() as connection:
                    pushed = (
                        []
                        if push_blocked
                        else outbox.unsent_texts(connection, profile.device_id, push_page, resend_from)
                    )
                    cursor = outbox.cursor(connection)
                    request = sp.SyncRequest(
                        device_id=profile.device_id,
                        unit=profile.agency_id,
                        app_version=__version__,
                        event_texts=tuple(item.text for item in pushed),
                        cursor=cursor,
                        known_device_seq=outbox.known_device_seq(connection),
                        page_size=pull_page if cursor else min(pull_page, FIRST_PULL_PAGE),
                        catalogue_version=unit.get_setting(connection, CATALOGUE_VERSION_KEY),
                        calendar_version=unit.get_setting(connection, CALENDAR_VERSION_KEY, 0),
                        ack_runs=True,
                    )
                response, prepared = answers.answer(request)
                sent = {item.id: item.device_seq for item in pushed}
                unsent = _commit_page(desk, profile.device_id, sent, response, prepared, report, now)
                _apply_published(desk, response, report)
                if progress is not None:
                    progress(
                        SyncProgress(report.pages, report.pushed, report.pulled, response.cursor, response.head, unsent)
                    )
                progressed = any(a.id in sent for a in response.acks) or any(
                    outbox.names_sent(run, sent) for run in response.ack_runs
                )
                lost_at_centre = any(r.reason == sp.GAP for r in response.rejections) and (
                    sent and response.expected_device_seq < min(sent.values())
                )
                if lost_at_centre and resend_from is None:
                    resend_from = response.expected_device_seq  # the centre lost events it once took: resend them
                elif pushed and not progressed:
                    push_blocked = True  # refused events stay here, reported; never resent in a loop
                elif resend_from is not None:
                    resend_from = max(sent.values()) + 1 if len(pushed) == push_page else None
                more_to_push = not push_blocked and (unsent > 0 or resend_from is not None)
                if not response.more and not more_to_push:
                    break
        report.scans = upload_scans(desk, client.base_url, client.token)  # the files the events name
    finally:
        answers.close()  # never close the client under a request still on its way
        reader.close()
        report.requests = client.requests_made - first_request
        if own_client:
            client.close()
    report.duration_s = time.perf_counter() - started
    return report


@contextmanager
def _young_objects_collected_rarely() -> Iterator[None]:
    """A page of thousands of events makes tens of thousands of containers and hardly any cycles: while
    syncing, collect young objects every 50,000 allocations instead of 700, and leave the objects that
    were there before (the whole program) out of the older generations' collections (``gc.freeze``).
    Together they took ~15% of a first sync's time (0.5 s of 100,000 events)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 50_000), max(thresholds[1], 20), thresholds[2])
    frozen_here = gc.get_freeze_count() == 0  # someone froze already: theirs to undo
    if frozen_here:
        gc.freeze()
    try:
        yield
    finally:
        if frozen_here:
            gc.unfreeze()
        gc.set_threshold(*thresholds)


def _commit_page(
    desk: Desk,
    device_id: str,
    sent: Mapping[str, int],
    response: sp.SyncResponse,
    prepared: PreparedPage,
    report: SyncReport,
    now: Now,
) -> int:
    """Store one answer (its pulled page ``prepared``) to a request that pushed ``sent`` (own events'
    ids → device_seq) in one transaction; returns how many own events are still unsent."""
    offset, warning = _clock_check(response.centre_time, now)
    push_conflicts = [
        Conflict(r.id, "", "centre", r.message, r.message_en) for r in response.rejections if r.reason == sp.CONFLICT
    ]
    stamp_now = lambda: int(now().timestamp() * 1000)  # noqa: E731 - the hybrid clock's wall clock
    with desk.db.write() as connection:
        acks = [(a.id, a.centre_seq) for a in response.acks]
        acked = outbox.mark_acknowledged(connection, acks, device_id=device_id, sent=sent, runs=response.ack_runs)
        clock = HybridClock(last=unit.get_counter(connection, outbox.HLC_COUNTER) or 0, now_ms=stamp_now)
        page = outbox.store_page(connection, prepared, response.cursor, clock, device_id)
        outbox.record_conflicts(connection, push_conflicts)
        settings: dict[str, Any] = _clock_settings(offset, warning)
        settings[LAST_SYNC_KEY] = now().astimezone().isoformat(timespec="seconds")
        unit.set_settings(connection, settings)
        unsent = outbox.unsent_count(connection, device_id)
    report.pages += 1
    report.pushed += acked
    report.pulled += page.stored
    report.already_held += page.already_held + page.acknowledged
    report.conflicts.extend([*push_conflicts, *page.conflicts])
    report.rejections.extend(r for r in response.rejections if r.reason != sp.CONFLICT)
    report.anomalies += page.anomalies
    report.touched.extend(page.touched)
    report.cursor, report.head, report.unsent = response.cursor, response.head, unsent
    report.clock_offset_s, report.clock_warning = offset, warning
    if response.update_required and not report.update_required:
        report.update_required = True
        report.warnings.append(AppTooOld(response.min_app_version, __version__))
    return unsent


def _apply_published(desk: Desk, response: sp.SyncResponse, report: SyncReport) -> None:
    """Take in a newer catalogue or calendar the centre publishes (idempotent: safe after a crash)."""
    if response.catalogue is not None:
        try:
            catalogue = parse_catalogue(response.catalogue)
        except InvalidInput as exc:
            report.warnings.append(
                ProtocolRejected(
                    f"Danh mục thủ tục trung tâm gửi về không hợp lệ, giữ danh mục cũ: {exc.message}",
                    f"The procedure catalogue from the centre is invalid; the old one is kept: {exc.english}",
                )
            )
        else:
            desk.import_catalogue(catalogue)
            with desk.db.write() as connection:
                unit.set_settings(connection, {CATALOGUE_VERSION_KEY: catalogue.version})
            report.catalogue_version = catalogue.version
    if response.calendar is not None:
        overrides = [
            CalendarOverride(
                date.fromisoformat(str(o["day"])),
                bool(o["working"]),
                str(o.get("reason", "")),
                str(o.get("source", "")),
            )
            for o in response.calendar.overrides
        ]
        desk.set_calendar_overrides(overrides, published=True)  # the unit's own days stay on top
        with desk.db.write() as connection:
            unit.set_settings(connection, {CALENDAR_VERSION_KEY: response.calendar.version})
        report.calendar_version = response.calendar.version
