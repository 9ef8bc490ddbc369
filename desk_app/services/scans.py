"""Scanned papers (digitisation): files attached to a dossier's papers or to its result.

A scan is checked before anything is written: its type by its first bytes (PDF ``%PDF-``, JPEG
``FF D8 FF``, PNG's 8-byte signature — never by the file name's extension) and its size (at most
``MAX_SCAN_BYTES``). It is then copied once, hashing SHA-256 as it streams, into the data folder's
``files/`` folder (``desk_app.services.backup.FILES_FOLDER``, so backups carry it) at
``files/<first two hex digits>/<sha256>``: content-addressed, so an identical file is stored once
however often it is attached, and the path is the one ``desk_app.sync.files`` uploads to the centre
by hash. The copy goes to a ``.tmp`` file first (backups skip those) and is renamed into place, so
a crash never leaves a half file under a hash name.

Each attachment is a ``PAPER_SCANNED`` event (allowed in every status, no status change), whose
payload is what ``scans_of`` lists: ``sha256``, ``file_name``, ``size``, ``media_type``, ``paper``
(the paper's name, empty for the result or when unspecified), ``paper_index`` (its position in the
receipt's ``papers`` when the name is one of them), ``result`` (True for the result) and ``at``.

``import_from_folder`` serves a watched scanner folder: a file named ``<dossier code>…`` with a
PDF/JPEG/PNG extension is attached to that dossier and moved to ``<folder>/da-nhap/``; a file whose
code is unknown, or whose content is refused, stays where it is and is reported.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.domain.dossier_code import AGENCY_ID_PATTERN
from desk_app.domain.errors import DeskError, InvalidInput
from desk_app.domain.events import Event, EventKind
from desk_app.domain.lifecycle import DossierState, check_allowed
from desk_app.domain.text import checked_field, nfc
from desk_app.services.backup import FILES_FOLDER
from desk_app.store import unit

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

MAX_SCAN_BYTES = 20 * 1024 * 1024  # 20 MiB
CHUNK_BYTES = 1024 * 1024
RESULT = "result"  # the ``paper`` argument that attaches the dossier's result
SCANNER_FOLDER_SETTING = "scanner_folder"
IMPORTED_FOLDER = "da-nhap"  # where the scanner folder's imported files are moved
SCAN_EXTENSIONS = frozenset({".pdf", ".jpg", ".jpeg", ".png"})
FILE_NAME_LIMIT = 255
PAPER_LIMIT = 500
#: (first bytes, media type): how a scan's type is recognised
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
EXTENSION_OF: Mapping[str, str] = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
VIEW_FOLDER = "mot-cua-desk-xem"  # under the system's temporary folder: copies opened in a viewer
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CODE_PREFIX = re.compile(rf"{AGENCY_ID_PATTERN.pattern}-[0-9]{{6}}-[0-9]{{4}}", re.IGNORECASE)


class ScanRefused(DeskError):
    """A file that cannot be attached as a scan (type, size, unreadable): nothing was written."""


@dataclass(frozen=True)
class ScannedPaper:
    """One attachment of a scanned file to a dossier, as its PAPER_SCANNED event records it."""

    event_id: str
    sha256: str
    file_name: str
    size: int
    media_type: str
    paper: str
    paper_index: int | None
    result: bool
    at: datetime
    actor: str


@dataclass
class FolderImport:
    """What ``import_from_folder`` did: attached (file name, dossier code), left with the reason."""

    attached: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # no dossier with the code in the name
    refused: list[tuple[str, DeskError]] = field(default_factory=list)  # content or size refused


def media_type_of(head: bytes) -> str | None:
    """The media type the first bytes of a file announce (PDF, JPEG or PNG), None for anything else."""
    for signature, media_type in SIGNATURES:
        if head.startswith(signature):
            return media_type
    return None


def check_scan(path: Path) -> tuple[int, str]:
    """``(size, media type)`` of a file that may be attached; ScanRefused otherwise (nothing written)."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(16)
    except OSError as exc:
        raise ScanRefused(
            f"Không đọc được tệp «{name}»: {exc.strerror or exc}",
            f"Cannot read the file '{name}': {exc.strerror or exc}",
        ) from exc
    if not path.is_file():
        raise ScanRefused(f"«{name}» không phải là một tệp", f"'{name}' is not a file")
    if size > MAX_SCAN_BYTES:
        raise ScanRefused(
            f"Tệp «{name}» nặng {size / 1048576:.1f} MB, quá giới hạn 20 MB: "
            "hãy quét lại với độ phân giải thấp hơn hoặc chia thành nhiều tệp.",
            f"The file '{name}' is {size / 1048576:.1f} MB, over the 20 MB limit: "
            "scan it again at a lower resolution or split it into several files.",
        )
    media_type = media_type_of(head)
    if media_type is None:
        raise ScanRefused(
            f"Tệp «{name}» không phải là PDF, JPEG hay PNG (đã xem nội dung tệp, không chỉ đuôi tên tệp).",
            f"The file '{name}' is not a PDF, JPEG or PNG (its content was checked, not only its extension).",
        )
    return size, media_type


def scan_path(desk: Desk, sha256: str) -> Path:
    """Where the file with this SHA-256 is (or would be) stored: ``<data_dir>/files/<aa>/<sha256>``."""
    if not isinstance(sha256, str) or _SHA256.fullmatch(sha256) is None:
        raise InvalidInput(f"Mã băm SHA-256 không hợp lệ: {sha256!r}", f"Not a SHA-256 hash: {sha256!r}")
    return desk.data_dir / FILES_FOLDER / sha256[:2] / sha256


def _store(desk: Desk, source: Path) -> tuple[str, int, bool]:
    """Copy ``source`` into the content-addressed store: (sha256, size, whether it was new)."""
    incoming = desk.data_dir / FILES_FOLDER
    incoming.mkdir(parents=True, exist_ok=True)
    temporary = incoming / f".incoming-{uuid.uuid4().hex}.tmp"
    digest, size = hashlib.sha256(), 0
    try:
        with source.open("rb") as reader, temporary.open("wb") as writer:
            while chunk := reader.read(CHUNK_BYTES):
                size += len(chunk)
                if size > MAX_SCAN_BYTES:  # the file grew since it was checked
                    raise ScanRefused(
                        f"Tệp «{source.name}» vượt quá giới hạn 20 MB", f"The file '{source.name}' is over 20 MB"
                    )
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        sha256 = digest.hexdigest()
        target = scan_path(desk, sha256)
        if target.exists():
            temporary.unlink()
            return sha256, size, False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, target)
        return sha256, size, True
    except OSError as exc:
        raise ScanRefused(
            f"Không chép được tệp «{source.name}» vào dữ liệu của máy: {exc.strerror or exc}",
            f"Cannot copy the file '{source.name}' into the desk's data: {exc.strerror or exc}",
        ) from exc
    finally:
        temporary.unlink(missing_ok=True)


def _paper_fields(state: DossierState, paper: str | None) -> dict[str, Any]:
    if paper == RESULT:
        return {"paper": "", "paper_index": None, "result": True}
    name = checked_field(paper or "", PAPER_LIMIT, "Tên giấy tờ", "Paper name")
    names = [str(p.get("name", "")) for p in state.received.get("papers", ()) if isinstance(p, Mapping)]
    index = names.index(name) if name in names else None
    return {"paper": name, "paper_index": index, "result": False}


def attach_scan(
    desk: Desk, dossier_id: str, path: Path | str, paper: str | None, actor: str, now: datetime | None = None
) -> DossierState:
    """Attach the scanned file at ``path`` to a paper of the dossier (its name), or to its result (``RESULT``).

    Checks the file (type by content, size), the dossier and the actor before writing anything; then
    stores the file content-addressed and records a PAPER_SCANNED event."""
    source = Path(path)
    size, media_type = check_scan(source)
    actor_name = (actor or "").strip()
    if not actor_name:
        raise InvalidInput("Chưa có người thực hiện (chưa đăng nhập?)", "No acting account (not signed in?)")
    found = desk.dossier(dossier_id)
    if found is None:
        raise DeskError(f"Không tìm thấy hồ sơ «{dossier_id}»", f"No dossier '{dossier_id}'")
    state = found[0]
    check_allowed(EventKind.PAPER_SCANNED, state)
    target = _paper_fields(state, paper)
    file_name = checked_field(nfc(source.name), FILE_NAME_LIMIT, "Tên tệp", "File name", required=True)
    sha256, size, new = _store(desk, source)
    moment = (now or datetime.now()).replace(microsecond=0)
    payload = {
        "at": moment.isoformat(),
        "sha256": sha256,
        "file_name": file_name,
        "size": size,
        "media_type": media_type,
        **target,
    }
    try:
        return desk.record(state.dossier_id, EventKind.PAPER_SCANNED, payload, actor_name)
    except BaseException:
        if new:  # writes are serialised: a file stored just now has no other event yet
            scan_path(desk, sha256).unlink(missing_ok=True)
        raise


def _scanned(event: Event) -> ScannedPaper | None:
    p = event.payload
    sha256 = p.get("sha256")
    if not isinstance(sha256, str) or _SHA256.fullmatch(sha256) is None:
        return None
    try:
        at = datetime.fromisoformat(str(p.get("at")))
    except ValueError:
        at = event.recorded_at
    index = p.get("paper_index")
    size = p.get("size")
    return ScannedPaper(
        event_id=event.id,
        sha256=sha256,
        file_name=str(p.get("file_name", "")),
        size=size if isinstance(size, int) and not isinstance(size, bool) else 0,
        media_type=str(p.get("media_type", "")),
        paper=str(p.get("paper", "")),
        paper_index=index if isinstance(index, int) and not isinstance(index, bool) else None,
        result=p.get("result") is True,
        at=at,
        actor=event.actor,
    )


def scans_from_events(events: list[Event]) -> list[ScannedPaper]:
    """The scanned papers recorded in a dossier's events, in the fold's order (malformed ones skipped)."""
    found = (_scanned(e) for e in sorted(events, key=lambda e: e.sort_key) if e.kind is EventKind.PAPER_SCANNED)
    return [scan for scan in found if scan is not None]


def scans_of(desk: Desk, dossier_id: str) -> list[ScannedPaper]:
    """The dossier's scanned papers, oldest first (empty when there is no such dossier)."""
    found = desk.dossier(dossier_id)
    return scans_from_events(found[1]) if found else []


def viewable_copy(desk: Desk, scan: ScannedPaper) -> Path:
    """A copy of the stored scan named with its type's extension, for the system's viewer to open.

    The store names files by hash only; a viewer (Windows especially) needs the extension. The copy
    lives in the system's temporary folder, so the data folder and its backups stay as they are."""
    stored = scan_path(desk, scan.sha256)
    if not stored.is_file():
        raise DeskError(
            f"Không tìm thấy bản quét «{scan.file_name}» trong dữ liệu của máy (chưa tải về từ trung tâm?)",
            f"The scan '{scan.file_name}' is not in this desk's data (not downloaded from the centre yet?)",
        )
    folder = Path(tempfile.gettempdir()) / VIEW_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{scan.sha256[:16]}{EXTENSION_OF.get(scan.media_type, '')}"
    if not target.is_file() or target.stat().st_size != stored.stat().st_size:
        temporary = folder / f".{uuid.uuid4().hex}.tmp"
        shutil.copyfile(stored, temporary)
        os.replace(temporary, target)
    return target


def _free_name(folder: Path, name: str) -> Path:
    candidate = folder / name
    number = 1
    while candidate.exists():
        candidate = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    return candidate


def import_from_folder(desk: Desk, folder: Path | str, actor: str, now: datetime | None = None) -> FolderImport:
    """Attach every ``<dossier code>….pdf|jpg|png`` in a scanner folder, moving it to ``da-nhap/``.

    Files whose code is unknown or whose content is refused are left in place and reported."""
    base = Path(folder)
    report = FolderImport()
    done = base / IMPORTED_FOLDER
    for path in sorted(base.iterdir()):
        if not path.is_file() or path.suffix.lower() not in SCAN_EXTENSIONS:
            continue
        match = _CODE_PREFIX.match(path.stem)
        found = desk.dossier(match.group(0).upper()) if match else None
        if found is None:
            report.unknown.append(path.name)
            continue
        state = found[0]
        try:
            attach_scan(desk, state.dossier_id, path, None, actor, now)
        except ScanRefused as error:
            report.refused.append((path.name, error))
            continue
        done.mkdir(exist_ok=True)
        os.replace(path, _free_name(done, path.name))
        report.attached.append((path.name, state.code))
    return report


def scanner_folder(desk: Desk) -> Path | None:
    """The watched scanner folder the admin chose (setting ``scanner_folder``), None when unset."""
    with desk.db.read() as connection:
        chosen = unit.get_setting(connection, SCANNER_FOLDER_SETTING)
    return Path(chosen) if chosen else None


def set_scanner_folder(desk: Desk, folder: Path | str | None) -> None:
    """Set (or, with None, clear) the watched scanner folder."""
    with desk.db.write() as connection:
        unit.set_settings(connection, {SCANNER_FOLDER_SETTING: str(folder) if folder else None})


def import_from_scanner_folder(desk: Desk, actor: str, now: datetime | None = None) -> FolderImport | None:
    """``import_from_folder`` on the chosen scanner folder; None when none is set or it is not there
    (a network share or USB drive that is away is no error: the next poll tries again)."""
    folder = scanner_folder(desk)
    if folder is None or not folder.is_dir():
        return None
    return import_from_folder(desk, folder, actor, now)


def scan_problems(desk: Desk) -> list[DeskError]:
    """Every scan recorded at this desk whose stored file is missing or no longer matches its SHA-256
    (for ``check``). Scans recorded at other desks are theirs: their files are not expected here."""
    profile = desk.profile()
    if profile is None:
        return []
    with desk.db.read() as connection:
        rows = connection.exec_driver_sql(
            "SELECT DISTINCT json_extract(payload, '$.sha256') FROM events WHERE kind = ? AND device_id = ?",
            (EventKind.PAPER_SCANNED.value, profile.device_id),
        ).all()
    problems = []
    for (sha256,) in rows:
        try:
            path = scan_path(desk, str(sha256))
        except DeskError:
            problems.append(DeskError(f"Tệp quét {sha256!r}: mã băm không hợp lệ", f"scan {sha256!r}: not a SHA-256"))
            continue
        if not path.is_file():
            problems.append(
                DeskError(f"Tệp quét {sha256}: không còn tệp ({path})", f"scan {sha256}: file missing ({path})")
            )
            continue
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha256:
            problems.append(
                DeskError(
                    f"Tệp quét {sha256}: tệp đã lưu không còn khớp mã băm (bị sửa hoặc hỏng)",
                    f"scan {sha256}: the stored file no longer matches its hash",
                )
            )
    return problems
