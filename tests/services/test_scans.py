"""Scanned papers: type checked by content, size limit, content-addressed storage, the scanner folder.

Every test works on a real desk in a temporary folder (received Monday 2/3/2026 09:15).
"""

from __future__ import annotations

import hashlib
import tarfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.domain.errors import DeskError
from desk_app.domain.events import EventKind, Status
from desk_app.domain.intake import IntakeForm, PaperReceived, Person
from desk_app.domain.lifecycle import apply, fold
from desk_app.services import scans
from desk_app.services.backup import make_backup
from desk_app.services.desk import Desk
from desk_app.store.backup import read_backup

RECEIVED_AT = datetime(2026, 3, 2, 9, 15)
SCANNED_AT = datetime(2026, 3, 2, 9, 40)
APPLICANT = Person("Lê Thị Mai", "038190012345", address="Thôn Yên Lạc, xã Đông Sơn", phone="0912345678")
PAPERS = (PaperReceived("Tờ khai đăng ký khai sinh", 1, 0), PaperReceived("Giấy chứng sinh", 1, 0))
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 64 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path / "data")
    opened.ensure_demo_unit()
    yield opened
    opened.close()


@pytest.fixture
def dossier(desk: Desk) -> str:
    form = IntakeForm(APPLICANT, "1.004884", papers=PAPERS)
    return desk.receive(form, "canbo1", now=RECEIVED_AT).state.dossier_id


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _stored(desk: Desk) -> list[Path]:
    return sorted(p for p in (desk.data_dir / "files").rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("to-khai.pdf", PDF, "application/pdf"),
        ("giay-chung-sinh.jpg", JPEG, "image/jpeg"),
        ("anh.png", PNG, "image/png"),
    ],
)
def test_pdf_jpeg_and_png_are_attached_and_stored_under_their_sha256(
    desk: Desk, dossier: str, tmp_path: Path, name: str, content: bytes, media_type: str
) -> None:
    source = _file(tmp_path, name, content)
    state = scans.attach_scan(desk, dossier, source, "Giấy chứng sinh", "canbo1", now=SCANNED_AT)
    assert state.status is Status.RECEIVED and state.event_count == 2
    digest = hashlib.sha256(content).hexdigest()
    stored = scans.scan_path(desk, digest)
    assert stored == desk.data_dir / "files" / digest[:2] / digest
    assert stored.read_bytes() == content
    (scan,) = scans.scans_of(desk, dossier)
    assert (scan.sha256, scan.file_name, scan.size, scan.media_type) == (digest, name, len(content), media_type)
    assert (scan.paper, scan.paper_index, scan.result, scan.at, scan.actor) == (
        "Giấy chứng sinh",
        1,
        False,
        SCANNED_AT,
        "canbo1",
    )


def test_a_result_scan_is_marked_as_the_result(desk: Desk, dossier: str, tmp_path: Path) -> None:
    scans.attach_scan(desk, dossier, _file(tmp_path, "ket-qua.pdf", PDF), scans.RESULT, "canbo1")
    (scan,) = scans.scans_of(desk, dossier)
    assert scan.result and scan.paper == "" and scan.paper_index is None


def test_a_text_file_renamed_pdf_is_refused_and_nothing_is_written(desk: Desk, dossier: str, tmp_path: Path) -> None:
    fake = _file(tmp_path, "to-khai.pdf", "Đây là một tệp văn bản, không phải PDF".encode())
    with pytest.raises(scans.ScanRefused) as caught:
        scans.attach_scan(desk, dossier, fake, "Giấy chứng sinh", "canbo1")
    assert "không phải là PDF, JPEG hay PNG" in caught.value.message
    assert "is not a PDF, JPEG or PNG" in caught.value.english
    assert scans.scans_of(desk, dossier) == [] and _stored(desk) == []
    assert desk.dossier(dossier)[0].event_count == 1


def test_a_file_over_20_mib_is_refused_and_nothing_is_written(desk: Desk, dossier: str, tmp_path: Path) -> None:
    big = tmp_path / "ban-quet-lon.pdf"
    with big.open("wb") as stream:
        stream.write(PDF)
        stream.truncate(scans.MAX_SCAN_BYTES + 1)
    with pytest.raises(scans.ScanRefused) as caught:
        scans.attach_scan(desk, dossier, big, None, "canbo1")
    assert "quá giới hạn 20 MB" in caught.value.message and "over the 20 MB limit" in caught.value.english
    assert scans.scans_of(desk, dossier) == [] and _stored(desk) == []


def test_a_file_of_exactly_20_mib_is_accepted(desk: Desk, dossier: str, tmp_path: Path) -> None:
    limit = tmp_path / "vua-du.pdf"
    with limit.open("wb") as stream:
        stream.write(PDF)
        stream.truncate(scans.MAX_SCAN_BYTES)
    scans.attach_scan(desk, dossier, limit, None, "canbo1")
    assert scans.scans_of(desk, dossier)[0].size == scans.MAX_SCAN_BYTES


def test_the_same_file_attached_twice_is_stored_once_with_two_events(desk: Desk, dossier: str, tmp_path: Path) -> None:
    first = _file(tmp_path, "to-khai.pdf", PDF)
    again = _file(tmp_path, "to-khai-ban-2.pdf", PDF)
    scans.attach_scan(desk, dossier, first, "Tờ khai đăng ký khai sinh", "canbo1")
    state = scans.attach_scan(desk, dossier, again, scans.RESULT, "canbo1")
    assert state.event_count == 3
    assert [s.file_name for s in scans.scans_of(desk, dossier)] == ["to-khai.pdf", "to-khai-ban-2.pdf"]
    assert len(_stored(desk)) == 1
    assert not list((desk.data_dir / "files").glob("*.tmp"))


def test_an_unknown_dossier_or_a_missing_actor_is_refused_before_storing(desk: Desk, tmp_path: Path) -> None:
    source = _file(tmp_path, "to-khai.pdf", PDF)
    with pytest.raises(DeskError):
        scans.attach_scan(desk, "000.17.22.H56-260302-9999", source, None, "canbo1")
    with pytest.raises(DeskError):
        scans.attach_scan(desk, "000.17.22.H56-260302-9999", source, None, "  ")
    assert _stored(desk) == []


def test_scan_path_refuses_anything_but_a_sha256(desk: Desk) -> None:
    with pytest.raises(DeskError):
        scans.scan_path(desk, "../../etc/passwd")


def test_scanner_folder_attaches_by_code_moves_imported_files_and_leaves_unknown_ones(
    desk: Desk, dossier: str, tmp_path: Path
) -> None:
    code = desk.dossier(dossier)[0].code
    folder = tmp_path / "may-quet"
    folder.mkdir()
    _file(folder, f"{code}.pdf", PDF)
    _file(folder, f"{code.lower()}_giay-chung-sinh.JPG", JPEG)
    _file(folder, "000.17.22.H56-260302-9998.png", PNG)  # no such dossier
    _file(folder, f"{code}_hong.pdf", b"not a scan")
    _file(folder, "ghi-chu.txt", b"ignored")
    report = scans.import_from_folder(desk, folder, "canbo1", now=SCANNED_AT)
    assert sorted(report.attached) == sorted([(f"{code}.pdf", code), (f"{code.lower()}_giay-chung-sinh.JPG", code)])
    assert report.unknown == ["000.17.22.H56-260302-9998.png"]
    assert [name for name, _ in report.refused] == [f"{code}_hong.pdf"]
    assert sorted(p.name for p in (folder / "da-nhap").iterdir()) == sorted(name for name, _ in report.attached)
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == sorted(
        ["000.17.22.H56-260302-9998.png", f"{code}_hong.pdf", "ghi-chu.txt"]
    )
    assert len(scans.scans_of(desk, dossier)) == 2


def test_a_second_import_of_the_same_name_does_not_overwrite_the_first(
    desk: Desk, dossier: str, tmp_path: Path
) -> None:
    code = desk.dossier(dossier)[0].code
    folder = tmp_path / "may-quet"
    folder.mkdir()
    for content in (PDF, PDF + b"%trang 2\n"):
        _file(folder, f"{code}.pdf", content)
        scans.import_from_folder(desk, folder, "canbo1")
    assert len(list((folder / "da-nhap").iterdir())) == 2
    assert len(_stored(desk)) == 2


def test_backups_include_the_stored_scans(desk: Desk, dossier: str, tmp_path: Path) -> None:
    scans.attach_scan(desk, dossier, _file(tmp_path, "to-khai.pdf", PDF), None, "canbo1")
    digest = hashlib.sha256(PDF).hexdigest()
    backup = make_backup(desk, tmp_path / "sao-luu")
    read_backup(backup)  # a valid backup
    with tarfile.open(backup) as archive:
        assert f"files/{digest[:2]}/{digest}" in archive.getnames()


def test_the_scanned_event_is_folded_on_every_status_without_an_anomaly(
    desk: Desk, dossier: str, tmp_path: Path
) -> None:
    scans.attach_scan(desk, dossier, _file(tmp_path, "to-khai.pdf", PDF), None, "canbo1")
    state, events = desk.dossier(dossier)
    scanned = next(e for e in events if e.kind is EventKind.PAPER_SCANNED)
    receipt = next(e for e in events if e.kind is EventKind.RECEIVED)
    assert fold([scanned, receipt]) == state and state.anomalies == ()
    for status in Status:
        before = replace(fold([receipt]), status=status)
        after = apply(before, scanned)
        assert after is not None and after.status is status and after.anomalies == ()


def test_check_reports_a_scan_whose_file_went_missing_or_changed(tmp_path: Path) -> None:
    from datetime import date as day

    from desk_app.domain.citizen_card import Gender
    from desk_app.domain.intake import IntakeForm, Person
    from desk_app.services.backup import check
    from desk_app.services.scans import attach_scan, scan_path

    desk = Desk.open(tmp_path / "data")
    desk.ensure_demo_unit()
    person = Person("Lê Thị Mai", "038185000123", day(1985, 5, 5), Gender.FEMALE)
    state = desk.receive(IntakeForm(applicant=person, procedure_code="2.000815"), "canbo1").state
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% giay khai sinh\n%%EOF\n")
    attach_scan(desk, state.dossier_id, pdf, None, "canbo1")
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert not [p for p in check(desk) if p.english.startswith("scan")]
    stored = scan_path(desk, sha)
    stored.chmod(0o644)
    stored.write_bytes(b"%PDF-1.4\n% doi noi dung\n")
    assert any("no longer matches" in p.english and "không còn khớp" in p.message for p in check(desk))
    stored.unlink()
    assert any("file missing" in p.english for p in check(desk))
    desk.close()
