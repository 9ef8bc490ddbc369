"""Sending this desk's scanned papers to the centre, after the events that mention them.

Every scan a clerk attaches is a ``PAPER_SCANNED`` event of this desk whose payload names the file
by SHA-256, and the file itself lies content-addressed in the data folder (``services.scans``).
``upload_scans`` walks this desk's ``PAPER_SCANNED`` events in the order they were stored (the
events table's rowid; events are never deleted, so a new one always gets a higher rowid) from a
cursor kept in the ``counters`` table — the cursor then moves past the events read with no scan once
there are ``SKIP_AHEAD`` of them (a write per sync would cost more than reading a few thousand
rows again), so each sync reads only about the events stored since the last one — and sends each file with
``desk_app.sync.files.upload_file`` (resumable; a file the centre already holds costs one HEAD).

The cursor moves past an event only once its file is at the centre, so a cut connection, a
revoked token or a crash leaves the rest for the next sync, never skipped. A file that is not on
this desk (the data folder was copied without its ``files/`` folder) cannot be sent by anyone but a
person: it is reported by name and passed over, so one missing file does not hold back the others.
Events of other desks are never read here: their files are theirs to send.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from desk_app.domain.errors import DeskError
from desk_app.domain.events import EventKind
from desk_app.services.desk import Desk
from desk_app.services.scans import scan_path
from desk_app.store import unit
from desk_app.sync.client import new_session
from desk_app.sync.errors import SyncError
from desk_app.sync.files import FileDamaged, FileTooLarge, FileUnreadable, upload_file

SCAN_CURSOR = "scan_upload_rowid"
_BATCH = 200
SKIP_AHEAD = 10_000  # move the cursor past events with no scan once it spares the next sync this many


@dataclass
class ScanUploadReport:
    """What one ``upload_scans`` did: files sent (or already there), files missing here, the stop."""

    sent: list[str] = field(default_factory=list)  # SHA-256 of each file now held by the centre
    missing: list[str] = field(default_factory=list)  # file names of scans whose file is not on this desk
    refused: list[DeskError] = field(default_factory=list)  # files the centre will not take as they are
    stopped: SyncError | None = None  # the failure that stopped the run (the rest waits for the next sync)

    @property
    def pending(self) -> bool:
        """Whether files are left to send at the next sync."""
        return self.stopped is not None

    def summary(self, language: str = "vi") -> list[str]:
        """Lines for the sync summary (nothing when nothing happened)."""
        en = language == "en"
        lines = []
        if self.sent:
            count = len(self.sent)
            lines.append(f"Scanned files at the centre: {count}" if en else f"Đã gửi {count} tệp quét")
        if self.missing:
            names = ", ".join(self.missing[:5])
            lines.append(
                f"{len(self.missing)} scanned files are missing on this desk and cannot be sent: {names}"
                if en
                else f"{len(self.missing)} tệp quét không còn trên máy, không gửi được: {names}"
            )
        lines.extend(problem.text(language) for problem in self.refused)
        if self.stopped is not None:
            lines.append(
                f"Scanned files not sent yet (will be retried): {self.stopped.english}"
                if en
                else f"Chưa gửi xong tệp quét (sẽ gửi lại lần sau): {self.stopped.message}"
            )
        return lines


def upload_scans(
    desk: Desk,
    base_url: str,
    token: str | None,
    *,
    session: requests.Session | None = None,
    upload: Callable[..., str] = upload_file,
) -> ScanUploadReport:
    """Send every scanned file of this desk's events past the cursor; move the cursor as files land."""
    report = ScanUploadReport()
    device_id = desk.require_profile().device_id
    own_session = session is None
    session = session or new_session()
    try:
        while True:
            with desk.db.read() as connection:  # one snapshot: no row at or below ``top`` can appear later
                cursor = unit.get_counter(connection, SCAN_CURSOR) or 0
                top = connection.exec_driver_sql("SELECT max(rowid) FROM events").scalar() or 0
                rows = connection.exec_driver_sql(
                    "SELECT rowid, payload FROM events WHERE rowid > ? AND rowid <= ? AND kind = ? "
                    "AND device_id = ? ORDER BY rowid LIMIT ?",
                    (cursor, top, EventKind.PAPER_SCANNED.value, device_id, _BATCH),
                ).all()
            for rowid, payload_text in rows:
                if not _send_one(desk, base_url, token, session, upload, json.loads(payload_text), report):
                    return report
                _move_cursor(desk, rowid)
            if len(rows) < _BATCH:
                last = rows[-1][0] if rows else cursor
                if top - last >= SKIP_AHEAD:  # events with no scan of this desk: not read again
                    _move_cursor(desk, top)
                return report
    finally:
        if own_session:
            session.close()


def _move_cursor(desk: Desk, rowid: int) -> None:
    with desk.db.write() as connection:
        unit.raise_counter(connection, SCAN_CURSOR, rowid)


def _send_one(
    desk: Desk,
    base_url: str,
    token: str | None,
    session: requests.Session,
    upload: Callable[..., str],
    payload: dict[str, object],
    report: ScanUploadReport,
) -> bool:
    """Send one event's file; False when the run must stop here (the event is tried again next time)."""
    sha256 = str(payload.get("sha256", ""))
    name = str(payload.get("file_name", "")) or sha256
    try:
        path = scan_path(desk, sha256)
    except DeskError:
        report.missing.append(name)  # no file can have that name: nothing will ever be sent
        return True
    if not path.is_file():
        report.missing.append(name)
        return True
    try:
        report.sent.append(upload(session, base_url, token, path, sha256))
    except (FileTooLarge, FileDamaged, FileUnreadable) as problem:
        report.refused.append(problem)
    except SyncError as failure:
        report.stopped = failure
        return False
    return True
