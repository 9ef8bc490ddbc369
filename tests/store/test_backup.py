"""Backups: a restore brings back exactly what was backed up, a bad backup is refused with nothing
changed, automatic backups are pruned after N days, and ``check`` finds what is broken."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import tarfile
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desk_app.domain.citizen_card import Gender
from desk_app.domain.intake import IntakeForm, PaperReceived, Person
from desk_app.services import demo_data
from desk_app.services.backup import check, make_backup, maybe_daily_backup, restore_backup
from desk_app.services.desk import Desk
from desk_app.services.slips import archive_path, archive_slip
from desk_app.store import unit
from desk_app.store.backup import MANIFEST, InvalidBackup, manifest_digest
from desk_app.store.in_use import DataFolderInUse

RECEIVED_AT = datetime(2026, 11, 26, 9, 15)
_PEOPLE = ("Nguyễn Văn Đức", "Trần Thị Hồng Nhung", "Lê Hoàng Phúc", "Phạm Thị Thu Hà")


def _form(index: int) -> IntakeForm:
    return IntakeForm(
        applicant=Person(
            full_name=_PEOPLE[index % len(_PEOPLE)],
            id_number="001090123456",
            birth_date=date(1990, 1, 1),
            gender=Gender.MALE,
            address="Thôn Đông, xã Đông Sơn, tỉnh Thanh Hóa",
            phone="0912345678",
        ),
        procedure_code="2.000815",
        papers=(PaperReceived("Bản chính giấy khai sinh", 1, 2),),
        copies=1,
        pages=2,
    )


def _receive_with_slips(desk: Desk, count: int) -> list[Any]:
    states = []
    for index in range(count):
        state = desk.receive(_form(index), "canbo1", now=RECEIVED_AT + timedelta(minutes=index)).state
        archive_slip(desk, state, "Nguyễn Thị Lan")
        states.append(state)
    return states


def _content(data_dir: Path) -> dict[str, Any]:
    """Everything a restore must bring back: events by hash, dossier rows, settings, counters, slips."""
    connection = sqlite3.connect(data_dir / "desk.sqlite3")
    try:
        query = lambda sql: sorted(map(tuple, connection.execute(sql)))  # noqa: E731
        content = {
            "events": query("SELECT content_hash FROM events"),
            "dossiers": query("SELECT * FROM dossiers"),
            "settings": query("SELECT * FROM settings"),
            "counters": query("SELECT * FROM counters"),
        }
    finally:
        connection.close()
    slips = data_dir / "slips"
    content["slips"] = {
        p.relative_to(slips).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(slips.rglob("*"))
        if p.is_file()
    }
    return content


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.fixture
def filled(desk: Desk) -> Desk:
    demo_data.generate(desk, 200, workers=1)
    _receive_with_slips(desk, 3)
    return desk


def test_restore_brings_back_exactly_what_was_backed_up(filled: Desk) -> None:
    scan = filled.data_dir / "files" / "ab" / ("ab" + "0" * 62)
    scan.parent.mkdir(parents=True)
    scan.write_bytes(b"%PDF-1.7 giay khai sinh ban chup")
    before = _content(filled.data_dir)
    backup = make_backup(filled)
    _receive_with_slips(filled, 2)  # written after the backup: must be gone after the restore
    scan.write_bytes(b"changed after the backup")
    with filled.db.write() as connection:
        unit.set_settings(connection, {"backup_keep_days": 9})
    filled.close()
    aside = restore_backup(filled.data_dir, backup)
    assert _content(filled.data_dir) == before
    assert scan.read_bytes() == b"%PDF-1.7 giay khai sinh ban chup"  # scanned papers come back too
    assert len(before["events"]) > 200 and len(before["slips"]) == 3
    assert aside.name.startswith("before-restore-") and (aside / "desk.sqlite3").is_file()
    assert len(list((aside / "slips").rglob("*.pdf"))) == 5  # the replaced data is kept aside
    reopened = Desk.open(filled.data_dir)
    try:
        assert check(reopened) == []
    finally:
        reopened.close()


def test_backup_taken_while_the_desk_keeps_writing_is_consistent_and_restores_exactly(filled: Desk) -> None:
    written = threading.Event()
    stop = threading.Event()
    errors: list[BaseException] = []

    def keep_receiving() -> None:
        writer = Desk.open(filled.data_dir)
        try:
            index = 0
            while not stop.is_set() or index < 10:
                writer.receive(_form(index), "canbo2", now=RECEIVED_AT + timedelta(hours=1, minutes=index))
                index += 1
                if index == 5:
                    written.set()
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
            written.set()
        finally:
            writer.close()

    thread = threading.Thread(target=keep_receiving)
    thread.start()
    written.wait(30)
    started_with = len(_content(filled.data_dir)["events"])
    backup = make_backup(filled)
    stop.set()
    thread.join(60)
    assert not errors
    final = _content(filled.data_dir)
    with tarfile.open(backup) as tar:
        tar.extract("desk.sqlite3", filled.data_dir.parent / "inside", filter="data")
    inside = sqlite3.connect(filled.data_dir.parent / "inside" / "desk.sqlite3")
    backed_up = sorted(map(tuple, inside.execute("SELECT content_hash FROM events")))
    backed_up_rows = sorted(map(tuple, inside.execute("SELECT * FROM dossiers")))
    inside.close()
    assert started_with <= len(backed_up) < len(final["events"])  # a snapshot taken mid-stream
    filled.close()
    restore_backup(filled.data_dir, backup)
    restored = _content(filled.data_dir)
    assert restored["events"] == backed_up and restored["dossiers"] == backed_up_rows
    assert set(restored["events"]) <= set(final["events"])
    reopened = Desk.open(filled.data_dir)
    try:
        # Every event in the snapshot has its row, numbers have no gaps (the writer printed no slips).
        assert [p for p in check(reopened) if "archived slip missing" not in p.english] == []
    finally:
        reopened.close()


# -- refusals --------------------------------------------------------------------------------------


def _members(backup: Path) -> dict[str, bytes]:
    with tarfile.open(backup) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


def _rewrite(backup: Path, members: dict[str, bytes], resign: bool = False) -> None:
    if resign:
        manifest = json.loads(members[MANIFEST])
        manifest["files"] = [
            {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in members.items()
            if name != MANIFEST
        ]
        manifest["digest"] = manifest_digest(manifest)
        members[MANIFEST] = json.dumps(manifest).encode()
    with tarfile.open(backup, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _damaged_database(data: bytes) -> bytes:
    page = int.from_bytes(data[16:18], "big")
    damaged = bytearray(data)
    for start in range(page, len(data), page):  # every b-tree page after the first gets a bad header
        damaged[start : start + 8] = b"\xff" * 8
    return bytes(damaged)


def _newer_schema(data: bytes, tmp: Path) -> bytes:
    path = tmp / "newer.sqlite3"
    path.write_bytes(data)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    return path.read_bytes()


def _flip_database_bytes(m: dict[str, bytes], _: Path) -> bool:
    m["desk.sqlite3"] = _damaged_database(m["desk.sqlite3"])
    return False


def _damaged_database_resigned(m: dict[str, bytes], _: Path) -> bool:
    m["desk.sqlite3"] = _damaged_database(m["desk.sqlite3"])
    return True


def _remove_a_slip(m: dict[str, bytes], _: Path) -> bool:
    del m[next(name for name in m if name.startswith("slips/"))]
    return False


def _add_a_file(m: dict[str, bytes], _: Path) -> bool:
    m["files/ghi-chu.txt"] = "Ghi chú lạ".encode()
    return False


def _edit_the_manifest(m: dict[str, bytes], _: Path) -> bool:
    manifest = json.loads(m[MANIFEST])
    manifest["desk_number"] = 7
    m[MANIFEST] = json.dumps(manifest).encode()
    return False


def _newer_schema_revision(m: dict[str, bytes], tmp: Path) -> bool:
    m["desk.sqlite3"] = _newer_schema(m["desk.sqlite3"], tmp)
    manifest = json.loads(m[MANIFEST])
    manifest["schema_revision"] = "9999_from_the_future"
    m[MANIFEST] = json.dumps(manifest).encode()
    return True


def _no_manifest(m: dict[str, bytes], _: Path) -> bool:
    del m[MANIFEST]
    return False


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (_flip_database_bytes, "altered desk.sqlite3"),
        (_damaged_database_resigned, "database in the backup is damaged"),
        (_remove_a_slip, "missing slips/"),
        (_add_a_file, "unexpected files/ghi-chu.txt"),
        (_edit_the_manifest, "manifest.json altered"),
        (_newer_schema_revision, "unknown to this version"),
        (_no_manifest, "no manifest.json"),
    ],
)
def test_a_damaged_backup_is_refused_and_changes_nothing(filled: Desk, tmp_path: Path, damage: Any, says: str) -> None:
    backup = make_backup(filled, tmp_path / "usb")
    members = _members(backup)
    _rewrite(backup, members, resign=damage(members, tmp_path))
    filled.close()
    before = _tree(filled.data_dir)
    with pytest.raises(InvalidBackup) as refused:
        restore_backup(filled.data_dir, backup)
    assert says in refused.value.english and refused.value.message.startswith(("Tệp sao lưu", "Cơ sở", "Bản sao"))
    assert _tree(filled.data_dir) == before
    assert not [p for p in filled.data_dir.iterdir() if p.name.startswith((".restore-", "before-restore-"))]


@pytest.mark.parametrize("suffix", [".zip", ".tar"])
def test_a_random_file_renamed_as_a_backup_is_refused(filled: Desk, tmp_path: Path, suffix: str) -> None:
    impostor = tmp_path / f"desk-backup{suffix}"
    impostor.write_bytes(os.urandom(20_000))
    filled.close()
    before = _tree(filled.data_dir)
    with pytest.raises(InvalidBackup) as refused:
        restore_backup(filled.data_dir, impostor)
    assert "not a backup" in refused.value.english and "không phải bản sao lưu" in refused.value.message
    assert _tree(filled.data_dir) == before


def test_a_truncated_backup_is_refused(filled: Desk) -> None:
    backup = make_backup(filled)
    backup.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    filled.close()
    before = _tree(filled.data_dir)
    with pytest.raises(InvalidBackup):
        restore_backup(filled.data_dir, backup)
    assert _tree(filled.data_dir) == before


# -- automatic backups and retention ---------------------------------------------------------------


def test_daily_backup_goes_to_the_chosen_folder_once_a_day_and_prunes_only_old_automatic_ones(
    desk: Desk, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    with desk.db.write() as connection:
        unit.set_settings(connection, {"backup_folder": str(usb), "backup_keep_days": 30})
    usb.mkdir()
    today = datetime(2026, 11, 26, 7, 30)
    names = {
        "old_auto": "desk-backup-000.00.99.H99-q01-20261020-073000-auto.tar",  # 37 days: pruned
        "edge_auto": "desk-backup-000.00.99.H99-q01-20261027-073000-auto.tar",  # 30 days: kept
        "recent_auto": "desk-backup-000.00.99.H99-q01-20261125-073000-auto.tar",
        "old_manual": "desk-backup-000.00.99.H99-q01-20250101-120000-manual.tar",
        "other_file": "ghi-chu-20200101.txt",
    }
    for name in names.values():
        (usb / name).write_bytes(b"x")
    made = maybe_daily_backup(desk, today)
    assert made is not None and made.parent == usb and made.name.endswith("-20261126-073000-auto.tar")
    assert maybe_daily_backup(desk, today.replace(hour=15)) is None  # today's exists already
    left = {p.name for p in usb.iterdir()}
    assert names["old_auto"] not in left
    assert {names["edge_auto"], names["recent_auto"], names["old_manual"], names["other_file"], made.name} == left
    assert maybe_daily_backup(desk, today + timedelta(days=1)) is not None  # a new day, a new backup


def test_retention_follows_the_kept_days_setting(desk: Desk, tmp_path: Path) -> None:
    with desk.db.write() as connection:
        unit.set_settings(connection, {"backup_keep_days": 7})
    folder = desk.data_dir / "backups" / "daily"
    folder.mkdir(parents=True)
    (folder / "desk-backup-000.00.99.H99-q01-20261110-073000-auto.tar").write_bytes(b"x")
    maybe_daily_backup(desk, datetime(2026, 11, 26, 8, 0))
    assert [p.name for p in folder.iterdir()] == ["desk-backup-000.00.99.H99-q01-20261126-080000-auto.tar"]


def test_no_automatic_backup_before_the_unit_is_set_up(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path / "new")
    try:
        assert maybe_daily_backup(desk, datetime(2026, 11, 26, 8, 0)) is None
    finally:
        desk.close()


# -- check -----------------------------------------------------------------------------------------


def test_check_finds_nothing_on_a_healthy_desk(filled: Desk) -> None:
    assert check(filled) == []
    assert check(filled, sample=20) == []


def test_check_finds_a_broken_projection_row_and_a_missing_slip(filled: Desk) -> None:
    states = _receive_with_slips(filled, 2)
    with filled.db.write() as connection:
        connection.exec_driver_sql("UPDATE dossiers SET applicant_name = 'Ai Đó' WHERE id = ?", (states[0].dossier_id,))
    archive_path(filled, states[1]).unlink()
    problems = check(filled)
    assert any(states[0].code in p.english and "applicant_name" in p.english for p in problems)
    assert any(states[1].code in p.message and "thiếu bản lưu phiếu" in p.message for p in problems)
    assert len(problems) == 2


def test_check_finds_a_missing_search_entry_and_a_sequence_gap(filled: Desk) -> None:
    states = _receive_with_slips(filled, 3)
    with filled.db.write() as connection:
        rowid = connection.exec_driver_sql("SELECT rowid FROM dossiers WHERE id = ?", (states[0].dossier_id,)).scalar()
        connection.exec_driver_sql("DELETE FROM dossier_search WHERE rowid = ?", (rowid,))
        connection.exec_driver_sql("DELETE FROM events WHERE dossier_id = ?", (states[1].dossier_id,))
    problems = check(filled)
    assert any(states[0].code in p.english and "search entry" in p.english for p in problems)
    assert any("sequence number(s) missing" in p.english and "thiếu" in p.message for p in problems)
    assert any(states[1].code in p.english and "without a receipt" in p.english for p in problems)


def test_restore_is_refused_while_a_desk_has_the_folder_open_and_nothing_changes(filled: Desk) -> None:
    backup = make_backup(filled)
    _receive_with_slips(filled, 1)  # saved after the backup, with the window still open
    before = _content(filled.data_dir)
    with pytest.raises(DataFolderInUse) as refused:
        restore_backup(filled.data_dir, backup)
    assert "đang được phần mềm quầy sử dụng" in refused.value.message and "Nothing was changed" in refused.value.english
    assert _content(filled.data_dir) == before
    assert not list(filled.data_dir.glob("before-restore-*"))
    filled.close()
    restore_backup(filled.data_dir, backup)  # once closed, the same restore goes through


def test_a_second_desk_on_the_same_folder_also_blocks_a_restore(filled: Desk) -> None:
    backup = make_backup(filled)
    filled.close()
    second = Desk.open(filled.data_dir)  # e.g. the scheduled end-of-day sync
    try:
        with pytest.raises(DataFolderInUse):
            restore_backup(filled.data_dir, backup)
    finally:
        second.close()
    restore_backup(filled.data_dir, backup)
