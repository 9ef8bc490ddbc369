"""Slips of received dossiers: the PDF's content, the archive, the export, refusals."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.domain.citizen_card import Gender
from desk_app.domain.intake import IntakeForm, PaperReceived, Person, ResultDelivery
from desk_app.domain.procedures import catalogue_to_dict, parse_catalogue
from desk_app.services.desk import Desk
from desk_app.services.slips import (
    UnknownDossier,
    archive_path,
    archive_slip,
    export_slip,
    slip_data,
    slip_pdf,
)

RECEIVED = datetime(2026, 11, 26, 9, 15)
APPLICANT = Person(
    full_name="Nguyễn Thị Thu Hương",
    id_number="038190012345",
    birth_date=date(1990, 5, 17),
    gender=Gender.FEMALE,
    address="Thôn Hiệp Khởi, xã Đông Sơn, tỉnh Thanh Hóa",
    phone="0912345678",
)


@pytest.fixture()
def desk(tmp_path: Path) -> Desk:
    opened = Desk.open(tmp_path / "data")
    opened.ensure_demo_unit()
    yield opened
    opened.close()


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _certified_copy(desk: Desk, copies: int = 3, pages: int = 4, **changes: object):
    form = IntakeForm(
        applicant=APPLICANT,
        procedure_code="2.000815",
        papers=(PaperReceived("Bản sao cần chứng thực", 0, copies),),
        copies=copies,
        pages=pages,
        **changes,
    )
    return desk.receive(form, "canbo1", now=RECEIVED).state


def test_slip_pdf_holds_code_name_procedure_times_and_fee(desk: Desk) -> None:
    state = _certified_copy(desk)
    text = _text(slip_pdf(desk, state.code, "Lê Minh Tuấn"))
    assert state.code in text
    assert "Nguyễn Thị Thu Hương" in text
    assert "Chứng thực bản sao từ bản chính" in text
    assert "09 giờ 15 phút, ngày 26/11/2026" in text
    # same-day procedure received before 15:00: due at the end of the same working day
    assert "17 giờ 00 phút, ngày 26/11/2026" in text
    # 4 pages: 2 × 2.000 + 2 × 1.000 = 6.000 đ per copy, 3 copies
    assert "18.000 đ" in text
    assert "Lê Minh Tuấn" in text


def test_free_procedure_prints_mien_phi(desk: Desk) -> None:
    form = IntakeForm(applicant=APPLICANT, procedure_code="1.001193")
    state = desk.receive(form, "canbo1", now=RECEIVED).state
    data = slip_data(desk, state, "Lê Minh Tuấn")
    assert data.fee_label == "Miễn phí"
    assert data.duration_label == "Trong ngày"


def test_slip_keeps_what_the_dossier_was_received_under(desk: Desk) -> None:
    state = _certified_copy(desk, result_delivery=ResultDelivery.POST)
    data = slip_data(desk, state, "Lê Minh Tuấn")
    assert data.procedure_code == "2.000815"
    assert data.channel_label == "Trực tiếp"
    assert data.result_delivery == "Qua dịch vụ bưu chính công ích"
    assert data.register_volume == "01/2026" and data.register_number == 1
    assert data.papers[0].copies == 3
    secret = state.received["lookup_secret"]
    assert data.lookup_url == f"https://tracuu.motcua.example.vn/tra-cuu?ma={state.code}&k={state.code}-{secret}"


def test_archived_slip_goes_under_year_and_month_of_receipt(desk: Desk) -> None:
    state = _certified_copy(desk)
    path = archive_slip(desk, state, "Lê Minh Tuấn")
    assert path == desk.data_dir / "slips" / "2026" / "11" / f"{state.code}.pdf"
    assert path == archive_path(desk, state)
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_export_copies_the_archived_slip(desk: Desk, tmp_path: Path) -> None:
    state = _certified_copy(desk)
    archived = archive_slip(desk, state, "Lê Minh Tuấn")
    out = export_slip(desk, state.code, tmp_path / "out" / "phieu.pdf")
    assert out.read_bytes() == archived.read_bytes()


def test_export_renders_a_slip_that_was_never_archived(desk: Desk, tmp_path: Path) -> None:
    state = _certified_copy(desk)
    out = export_slip(desk, state.code.lower(), tmp_path / "phieu.pdf")
    text = _text(out.read_bytes())
    assert state.code in text and "canbo1" in text


def test_unknown_code_is_refused_with_a_clear_message(desk: Desk, tmp_path: Path) -> None:
    with pytest.raises(UnknownDossier) as refused:
        export_slip(desk, "000.00.99.H99-261126-0999", tmp_path / "phieu.pdf")
    assert "000.00.99.H99-261126-0999" in refused.value.message
    assert not (tmp_path / "phieu.pdf").exists()
    with pytest.raises(UnknownDossier):
        slip_pdf(desk, "khong-co", "Lê Minh Tuấn")


def test_fee_comes_from_the_catalogue_version_the_dossier_was_received_under(desk: Desk) -> None:
    state = _certified_copy(desk, copies=1, pages=1)
    document = catalogue_to_dict(desk.catalogue())
    document["version"] = "2027.1"
    for entry in document["procedures"]:
        if entry["code"] == "2.000815":
            entry["fee"] = {"kind": "per_case", "amount": 50000}
            entry["name"] = "Chứng thực bản sao (tên mới)"
    desk.import_catalogue(parse_catalogue(document))
    data = slip_data(desk, state, "Lê Minh Tuấn")
    assert data.fee_label == "2.000 đ"
    assert data.procedure_name.startswith("Chứng thực bản sao từ bản chính")
