"""``desk-app backup``, ``restore`` and ``check`` end to end, through the command line's ``main``."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.services.desk import Desk
from desk_app.store.search import DossierQuery


def _dossier_count(data_dir: Path) -> int:
    desk = Desk.open(data_dir)
    try:
        return len(desk.find(DossierQuery(limit=10_000)))
    finally:
        desk.close()


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def test_backup_to_a_folder_then_restore_brings_the_data_back_and_keeps_the_old_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--dossiers", "60"]) == 0
    capsys.readouterr()
    assert main(["backup", "--data-dir", str(data), "--to", str(tmp_path / "usb")]) == 0
    backup = Path(capsys.readouterr().out.strip())
    assert backup.parent == tmp_path / "usb" and backup.name.endswith("-manual.tar")

    assert main(["--data-dir", str(data), "demo-data", "--dossiers", "40", "--seed", "1"]) == 0
    assert _dossier_count(data) == 100
    capsys.readouterr()
    assert main(["--data-dir", str(data), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    aside = next(data.glob("before-restore-*"))
    assert str(aside) in out and "Dữ liệu cũ" in out
    assert _dossier_count(data) == 60
    assert _dossier_count(aside) == 100  # the replaced data is still there, whole


def test_check_exits_0_when_healthy_and_1_listing_the_problems(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--dossiers", "30"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "check"]) == 0
    assert "healthy" in capsys.readouterr().out
    desk = Desk.open(data)
    with desk.db.write() as connection:
        code = connection.exec_driver_sql("SELECT code FROM dossiers LIMIT 1").scalar()
        connection.exec_driver_sql("UPDATE dossiers SET status = 99 WHERE code = ?", (code,))
    desk.close()
    assert main(["--data-dir", str(data), "check"]) == 1
    out = capsys.readouterr().out
    assert "1 problem(s)" in out and code in out and "status" in out


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--dossiers", "20"]) == 0
    impostor = tmp_path / "sao-luu.tar"
    impostor.write_bytes(os.urandom(10_000))
    before = _tree(data)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "restore", str(impostor)]) == 2
    error = capsys.readouterr().err
    assert "Lỗi: Tệp sao lưu không hợp lệ" in error and "Error: Not a valid backup" in error
    assert _tree(data) == before
