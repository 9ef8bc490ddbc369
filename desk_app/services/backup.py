"""Backups of a desk's data folder, their restore, and the integrity check (``desk-app check``).

- ``make_backup`` writes one ``.tar`` (see ``desk_app.store.backup``) to the folder the admin chose
  (setting ``backup_folder``, e.g. a USB drive; default ``<data_dir>/backups/daily``), named
  ``desk-backup-<agency>-q<desk>-<yyyymmdd-hhmmss>-<auto|manual>.tar``, and reads it back to check
  every hash before returning.
- ``maybe_daily_backup`` makes today's automatic backup when there is none yet and prunes
  automatic backups older than the kept days (setting ``backup_keep_days``, default 30). Manual
  backups are never pruned. Dates are read from the file names, not from modification times,
  which USB drives keep badly.
- ``restore_backup`` checks the whole backup in a staging folder first (manifest, every file's
  size and SHA-256, ``PRAGMA integrity_check``, a schema revision this app knows) and refuses
  anything else with nothing changed. Only then, under the same lock file as migrations, does it
  move the current database, slips and scans to ``<data_dir>/before-restore-<time>/`` (never
  deleted) and the backup's content into their place. ``Desk.open`` migrates it as usual.
- ``check`` lists what is wrong with an open desk; an empty list means healthy.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from filelock import FileLock
from sqlalchemy.exc import DBAPIError

from desk_app import __version__
from desk_app.domain.errors import DeskError
from desk_app.domain.events import EventKind
from desk_app.domain.lifecycle import fold
from desk_app.services.desk import Desk
from desk_app.services.forms import FORM_FOLDER
from desk_app.services.slips import SLIP_FOLDER, archive_path
from desk_app.store import dossier_rows, dossiers, in_use, unit
from desk_app.store.backup import (
    InvalidBackup,
    files_under,
    integrity_problems,
    read_backup,
    snapshot_database,
    write_backup as write_tar,
)
from desk_app.store.database import DATABASE_FILE
from desk_app.store.migrate import alembic_config, current_revision

FILES_FOLDER = "files"
DATA_FOLDERS = (SLIP_FOLDER, FORM_FOLDER, FILES_FOLDER)
FOLDER_SETTING = "backup_folder"
KEEP_DAYS_SETTING = "backup_keep_days"
DEFAULT_KEEP_DAYS = 30
_NAME = re.compile(r"^desk-backup-.+-(\d{8})-(\d{6})-(auto|manual)\.tar$")


def backup_folder(desk: Desk) -> Path:
    """Where backups go: the admin's ``backup_folder`` setting, else ``<data_dir>/backups/daily``."""
    with desk.db.read() as connection:
        chosen = unit.get_setting(connection, FOLDER_SETTING)
    return Path(chosen) if chosen else desk.data_dir / "backups" / "daily"


def keep_days(desk: Desk) -> int:
    """How many days automatic backups are kept (setting ``backup_keep_days``, default 30)."""
    with desk.db.read() as connection:
        return int(unit.get_setting(connection, KEEP_DAYS_SETTING, DEFAULT_KEEP_DAYS))


def set_backup_settings(desk: Desk, folder: Path | None, keep: int) -> None:
    """Save where backups go (None: the default folder) and how many days automatic ones are kept."""
    if not 1 <= keep <= 365:
        raise DeskError(
            "Số ngày giữ bản sao lưu phải từ 1 đến 365.", "The days backups are kept must be between 1 and 365."
        )
    with desk.db.write() as connection:
        unit.set_settings(connection, {FOLDER_SETTING: str(folder) if folder else None, KEEP_DAYS_SETTING: keep})


def make_backup(
    desk: Desk, folder: Path | None = None, *, automatic: bool = False, now: datetime | None = None
) -> Path:
    """Back up the desk's database, slips and scans into one ``.tar`` in ``folder``; its path."""
    profile = desk.require_profile()
    moment = (now or datetime.now()).replace(microsecond=0)
    target_dir = Path(folder) if folder else backup_folder(desk)
    kind = "auto" if automatic else "manual"
    name = f"desk-backup-{profile.agency_id}-q{profile.desk_number:02d}-{moment:%Y%m%d-%H%M%S}-{kind}.tar"
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        scratch_root = desk.data_dir / "backups"
        scratch_root.mkdir(parents=True, exist_ok=True)
        with TemporaryDirectory(dir=scratch_root, prefix=".backup-") as scratch:
            database = snapshot_database(desk.db.path, Path(scratch) / DATABASE_FILE)
            header = {
                "app_version": __version__,
                "schema_revision": current_revision(database),
                "agency_id": profile.agency_id,
                "desk_number": profile.desk_number,
                "device_id": profile.device_id,
                "created_at": moment.astimezone().isoformat(),
                "kind": kind,
            }
            members = [(DATABASE_FILE, database)]
            for folder_name in DATA_FOLDERS:
                members.extend(files_under(desk.data_dir, folder_name))
            path = write_tar(_unused(target_dir / name), members, header)
    except OSError as error:
        raise DeskError(
            f"Không sao lưu được vào «{target_dir}»: {error.strerror or error}. Hãy kiểm tra ổ đĩa/USB.",
            f"Cannot back up to '{target_dir}': {error.strerror or error}. Check the drive/USB.",
        ) from error
    read_backup(path)  # read back what reached the drive: every hash must match
    return path


def _unused(path: Path) -> Path:
    """``path``, or the same name with a counter when two backups fall in one second."""
    candidate, number = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def _backups(folder: Path) -> Iterator[tuple[Path, date, str]]:
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match and path.is_file():
                yield path, datetime.strptime(match.group(1), "%Y%m%d").date(), match.group(3)


def prune_backups(folder: Path, keep: int, today: date) -> list[Path]:
    """Delete automatic backups dated more than ``keep`` days before ``today``; the deleted paths."""
    cutoff = today - timedelta(days=keep)
    pruned = [path for path, day, kind in _backups(folder) if kind == "auto" and day < cutoff]
    for path in pruned:
        path.unlink()
    return sorted(pruned)


def maybe_daily_backup(desk: Desk, now: datetime | None = None) -> Path | None:
    """Make today's automatic backup unless one exists (None then, or before set-up); prune old ones."""
    if desk.profile() is None:
        return None
    moment = now or datetime.now()
    folder = backup_folder(desk)
    if any(kind == "auto" and day == moment.date() for _, day, kind in _backups(folder)):
        return None
    path = make_backup(desk, folder, automatic=True, now=moment)
    prune_backups(folder, keep_days(desk), moment.date())
    return path


def _known_revision(revision: str | None, db_path: Path) -> bool:
    from alembic.script import ScriptDirectory

    if revision is None:
        return False
    try:
        return ScriptDirectory.from_config(alembic_config(db_path)).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown revision
        return False


def restore_backup(data_dir: Path, backup: Path) -> Path:
    """Replace the data folder's content by a checked backup; returns where the old data went.

    The desk must be closed: ``DataFolderInUse`` (nothing changed) while anything has the folder open.
    InvalidBackup (nothing changed) for anything that is not a complete,
    unaltered backup whose database passes ``PRAGMA integrity_check`` at a schema this app knows.
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    with in_use.exclusive(data_dir):  # DataFolderInUse while a window or a sync has the folder open
        return _restore(data_dir, Path(backup))


def _restore(data_dir: Path, backup: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    staging = data_dir / f".restore-{stamp}"
    staging.mkdir()
    try:
        manifest = read_backup(Path(backup), staging)
        database = staging / DATABASE_FILE
        if not database.is_file():
            raise InvalidBackup("Tệp sao lưu không có cơ sở dữ liệu.", "The backup holds no database.")
        problems = integrity_problems(database)
        if problems:
            raise InvalidBackup(
                f"Cơ sở dữ liệu trong bản sao lưu bị hỏng ({problems[0]}): không khôi phục.",
                f"The database in the backup is damaged ({problems[0]}): nothing restored.",
            )
        revision = current_revision(database)
        if revision != manifest.schema_revision or not _known_revision(revision, database):
            raise InvalidBackup(
                f"Bản sao lưu có lược đồ dữ liệu «{revision}» mà phiên bản này không biết: hãy cập nhật ứng dụng.",
                f"The backup's schema revision '{revision}' is unknown to this version: update the app.",
            )
        aside = data_dir / f"before-restore-{stamp}"
        with FileLock(data_dir / (DATABASE_FILE + ".migrate.lock")):
            aside.mkdir()
            for name in (DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm", *DATA_FOLDERS):
                if (data_dir / name).exists():
                    (data_dir / name).rename(aside / name)
            for name in (DATABASE_FILE, *DATA_FOLDERS):
                if (staging / name).exists():
                    (staging / name).rename(data_dir / name)
        return aside
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# -- check -----------------------------------------------------------------------------------------


def check(desk: Desk, sample: int | None = None) -> list[DeskError]:
    """Every problem found in the desk's data (empty = healthy), each in Vietnamese and English.

    ``PRAGMA integrity_check`` and ``foreign_key_check``, the FTS5 index's own integrity check,
    each dossier's row and search entry against a fresh fold of its events (all dossiers, or a
    random ``sample``), gaps in each device's sequence numbers, the archived slip of every
    checked dossier received on this desk, and every scanned paper's stored file against its hash.
    """
    problems = [
        DeskError(f"Tệp cơ sở dữ liệu bị hỏng (integrity_check): {line}", f"integrity_check: {line}")
        for line in integrity_problems(desk.db.path)
    ]
    if problems:
        return problems  # a damaged file: the other checks would only repeat it
    with desk.db.read() as connection:
        problems += [
            DeskError(f"Liên kết dữ liệu bị hỏng (foreign_key_check): {tuple(row)}", f"foreign_key_check: {tuple(row)}")
            for row in connection.exec_driver_sql("PRAGMA foreign_key_check")
        ]
    try:
        with desk.db.write() as connection:
            connection.exec_driver_sql("INSERT INTO dossier_search(dossier_search) VALUES('integrity-check')")
    except DBAPIError as error:
        problems.append(
            DeskError(
                f"Chỉ mục tìm kiếm hồ sơ bị hỏng: {error.orig}", f"dossier_search (FTS5) integrity-check: {error.orig}"
            )
        )
    problems += _projection_problems(desk, sample)
    problems += _sequence_problems(desk)
    from desk_app.services.scans import scan_problems  # scans builds on this module

    problems += scan_problems(desk)
    return problems


def _projection_problems(desk: Desk, sample: int | None) -> list[DeskError]:
    profile = desk.profile()
    own_device = profile.device_id if profile is not None else None
    problems: list[DeskError] = []
    order = "ORDER BY random() LIMIT ?" if sample is not None else "ORDER BY d.rowid LIMIT ?"
    columns = ", ".join(f"d.{c}" for c in dossier_rows.DOSSIER_COLUMNS)
    with desk.db.read() as connection:
        orphans = connection.exec_driver_sql(
            "SELECT DISTINCT dossier_id FROM events WHERE dossier_id NOT IN (SELECT id FROM dossiers)"
        ).all()
        for (dossier_id,) in orphans:
            if fold(dossiers.events_of(connection, dossier_id)) is not None:
                problems.append(
                    DeskError(
                        f"Hồ sơ {dossier_id}: có sự kiện nhưng thiếu dòng trong danh sách hồ sơ",
                        f"dossier {dossier_id}: events but no row in dossiers",
                    )
                )
        rows = connection.exec_driver_sql(
            f"SELECT {columns}, s.body FROM dossiers d LEFT JOIN dossier_search s ON s.rowid = d.rowid {order}",
            (sample if sample is not None else -1,),
        )
        for row in rows:
            stored = dict(zip(dossier_rows.DOSSIER_COLUMNS, row, strict=False))
            events = dossiers.events_of(connection, stored["id"])
            state = fold(events)
            if state is None:
                problems.append(
                    DeskError(
                        f"Hồ sơ {stored['code']}: có dòng nhưng không có sự kiện tiếp nhận",
                        f"dossier {stored['code']}: row without a receipt event",
                    )
                )
                continue
            expected = dossier_rows.dossier_row(state)
            wrong = sorted(c for c in dossier_rows.DOSSIER_COLUMNS if expected[c] != stored[c])
            if wrong:
                problems.append(
                    DeskError(
                        f"Hồ sơ {stored['code']}: dòng hồ sơ khác với các sự kiện ở {', '.join(wrong)}",
                        f"dossier {stored['code']}: row differs from its events in {', '.join(wrong)}",
                    )
                )
            if row[-1] != dossier_rows.search_text(state):
                problems.append(
                    DeskError(
                        f"Hồ sơ {stored['code']}: mục tìm kiếm khác với các sự kiện",
                        f"dossier {stored['code']}: search entry differs from its events",
                    )
                )
            received_here = any(e.kind is EventKind.RECEIVED and e.device_id == own_device for e in events)
            if received_here and not archive_path(desk, state).is_file():
                slip = archive_path(desk, state)
                problems.append(
                    DeskError(
                        f"Hồ sơ {stored['code']}: thiếu bản lưu phiếu tiếp nhận ({slip})",
                        f"dossier {stored['code']}: archived slip missing ({slip})",
                    )
                )
    return problems


def _sequence_problems(desk: Desk) -> list[DeskError]:
    profile = desk.profile()
    problems: list[DeskError] = []
    with desk.db.read() as connection:
        rows = connection.exec_driver_sql(
            "SELECT device_id, min(device_seq), max(device_seq), count(*) FROM events GROUP BY device_id"
        ).all()
        counter = unit.get_counter(connection, "device_seq") or 0
    for device_id, first, last, count in rows:
        if first != 1 or count != last - first + 1:
            problems.append(
                DeskError(
                    f"Máy {device_id}: thiếu {last - count} số thứ tự sự kiện trong khoảng 1 đến {last}",
                    f"device {device_id}: {last - count} sequence number(s) missing between 1 and {last}",
                )
            )
        if profile is not None and device_id == profile.device_id and counter < last:
            problems.append(
                DeskError(
                    f"Máy {device_id}: bộ đếm {counter} thấp hơn số thứ tự đã lưu {last}",
                    f"device {device_id}: counter {counter} behind stored sequence {last}",
                )
            )
    return problems
