"""The backup file of a data folder: one uncompressed tar holding the database, the slips, the scans
and a manifest, written in one pass and checked member by member before anything is restored.

Why a tar and not a folder or a zip: one file is what an admin copies to a USB drive, it is written
under a ``.partial`` name and renamed, so a half-written backup never looks like a backup; the
standard library reads it without extracting anything (``tarfile``), and a plain, uncompressed
tar keeps the database's pages byte-for-byte (a compressed archive would cost CPU on the desk for
little gain: PDFs and JPEGs are already compressed).

Layout inside the tar::

    desk.sqlite3            the database, taken with SQLite's online backup API (a consistent
                            snapshot, while the desk keeps writing in WAL mode)
    slips/yyyy/mm/*.pdf     the archived Mẫu 01 slips
    files/…                 scanned papers (when the folder exists)
    manifest.json           written last: app version, schema revision, unit, desk, device, the
                            time, and every other member's path, size and SHA-256; its own
                            ``digest`` is the SHA-256 of the rest of the manifest

Each file is opened before its size is read and is read from that one open handle, so a slip
replaced atomically while the backup runs is either wholly the old one or wholly the new one, and
its hash is computed from the very bytes written to the tar.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import tarfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from desk_app.domain.errors import DeskError

MANIFEST = "manifest.json"
FORMAT = "mot-cua-desk-backup"
FORMAT_VERSION = 1
_CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 256 * 1024 * 1024  # ~1.5 million files listed


class InvalidBackup(DeskError):
    """The file is not a complete, unaltered backup of a desk: nothing was changed."""


def _refuse(vi: str, en: str) -> InvalidBackup:
    return InvalidBackup(
        f"Tệp sao lưu không hợp lệ, không khôi phục: {vi}",
        f"Not a valid backup, nothing restored: {en}",
    )


@dataclass(frozen=True)
class Manifest:
    """What a backup says it holds (see the module docstring)."""

    document: dict[str, Any]

    @property
    def files(self) -> dict[str, tuple[int, str]]:
        """Each member's path with its size and SHA-256."""
        return {f["path"]: (int(f["size"]), f["sha256"]) for f in self.document["files"]}

    @property
    def schema_revision(self) -> str | None:
        """The Alembic revision the contained database is at."""
        return self.document.get("schema_revision")


def manifest_digest(document: dict[str, Any]) -> str:
    """The SHA-256 of a manifest without its ``digest`` field, over canonical JSON."""
    rest = {key: value for key, value in document.items() if key != "digest"}
    text = json.dumps(rest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def snapshot_database(db_path: Path, target: Path) -> Path:
    """A consistent copy of a live database at ``target``, by SQLite's online backup API.

    One step (all pages at once) under a read transaction: a WAL reader never blocks the desk's
    writer, and the copy is the database as of one commit.
    """
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.execute("PRAGMA busy_timeout=10000")
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def files_under(root: Path, folder: str) -> Iterator[tuple[str, Path]]:
    """Every regular file under ``root/folder`` as (archive path, file path), in a stable order."""
    base = root / folder
    if not base.is_dir():
        return
    for path in sorted(base.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.name.endswith(".tmp"):
            yield path.relative_to(root).as_posix(), path


class _Hashing(io.RawIOBase):
    """A reader that hashes what passes through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.sha.update(data)
        return len(data)


def write_backup(target: Path, members: Iterable[tuple[str, Path]], header: dict[str, Any]) -> Path:
    """Write the tar at ``target`` (via ``target.partial``, fsynced, renamed); returns ``target``.

    ``members`` are (archive path, file path); the manifest is ``header`` plus the file list.
    """
    partial = target.with_name(target.name + ".partial")
    files: list[dict[str, Any]] = []
    try:
        with open(partial, "wb") as out, tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for name, path in members:
                with open(path, "rb") as handle:
                    info = tar.gettarinfo(fileobj=handle, arcname=name)
                    info.mode, info.uid, info.gid, info.uname, info.gname = 0o644, 0, 0, "", ""
                    hashing = _Hashing(handle)
                    tar.addfile(info, hashing)
                files.append({"path": name, "size": info.size, "sha256": hashing.sha.hexdigest()})
            document = {**header, "format": FORMAT, "format_version": FORMAT_VERSION, "files": files}
            document["digest"] = manifest_digest(document)
            data = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o644, int(time.time())
            tar.addfile(info, io.BytesIO(data))
            tar.close()
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in name:
        raise _refuse(f"đường dẫn không an toàn «{name}»", f"unsafe path '{name}'")
    return path.as_posix()


def read_backup(backup: Path, extract_to: Path | None = None) -> Manifest:
    """Check a backup member by member against its manifest; extract it into ``extract_to`` if given.

    InvalidBackup when the file is not a tar, a member is not a plain file with a safe relative
    path, the manifest is missing, altered or of another format, or a file is missing, extra, or
    differs in size or SHA-256 from the manifest. The database's own integrity is checked by the
    caller on the extracted copy.
    """
    if not backup.is_file():
        raise _refuse(f"không có tệp «{backup}»", f"there is no file '{backup}'")
    found: dict[str, tuple[int, str]] = {}
    manifest_bytes: bytes | None = None
    try:
        with tarfile.open(backup, mode="r:") as tar:
            for info in tar:
                name = _safe_name(info.name)
                if info.isdir():
                    continue
                if not info.isreg():
                    raise _refuse(f"«{name}» không phải tệp thường", f"'{name}' is not a plain file")
                if name in found or (name == MANIFEST and manifest_bytes is not None):
                    raise _refuse(f"«{name}» lặp lại", f"'{name}' appears twice")
                source = tar.extractfile(info)
                assert source is not None
                if name == MANIFEST:
                    if info.size > MAX_MANIFEST_BYTES:
                        raise _refuse("manifest.json quá lớn", "manifest.json too large")
                    manifest_bytes = source.read()
                    continue
                found[name] = _copy_hashing(source, extract_to / name if extract_to else None)
    except (tarfile.TarError, EOFError):
        raise _refuse("tệp không phải bản sao lưu (.tar) hoặc bị cắt cụt", "not a backup (.tar) or truncated") from None
    except OSError as error:
        raise DeskError(
            f"Lỗi đọc/ghi khi kiểm tra bản sao lưu «{backup.name}»: {error}",
            f"Read/write error while checking the backup '{backup.name}': {error}",
        ) from error
    manifest = _parse_manifest(manifest_bytes)
    expected = manifest.files
    missing, extra = sorted(expected.keys() - found.keys()), sorted(found.keys() - expected.keys())
    if missing:
        raise _refuse(f"thiếu tệp {', '.join(missing)}", f"missing {', '.join(missing)}")
    if extra:
        raise _refuse(f"có tệp lạ {', '.join(extra)}", f"unexpected {', '.join(extra)}")
    changed = sorted(name for name, value in found.items() if expected[name] != value)
    if changed:
        raise _refuse(f"tệp bị thay đổi {', '.join(changed)}", f"altered {', '.join(changed)}")
    return manifest


def _copy_hashing(source: IO[bytes], target: Path | None) -> tuple[int, str]:
    sha, size = hashlib.sha256(), 0
    out = None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        out = open(target, "xb")  # noqa: SIM115 - closed below
    try:
        while chunk := source.read(_CHUNK):
            sha.update(chunk)
            size += len(chunk)
            if out is not None:
                out.write(chunk)
    finally:
        if out is not None:
            out.close()
    return size, sha.hexdigest()


def _parse_manifest(data: bytes | None) -> Manifest:
    if data is None:
        raise _refuse("không có manifest.json", "no manifest.json")
    try:
        document = json.loads(data)
        ok = (
            isinstance(document, dict)
            and document.get("format") == FORMAT
            and document.get("digest") == manifest_digest(document)
            and all(isinstance(f, dict) and {"path", "size", "sha256"} <= f.keys() for f in document["files"])
        )
    except (ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise _refuse("manifest.json bị sửa hoặc không đúng định dạng", "manifest.json altered or malformed")
    if int(document.get("format_version", 0)) > FORMAT_VERSION:
        raise _refuse("bản sao lưu do phiên bản mới hơn tạo ra", "made by a newer version of the app")
    return Manifest(document)


def integrity_problems(db_path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` reports on a database file; empty when it says ok."""
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if rows == ["ok"] else rows
