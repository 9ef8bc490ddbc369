"""The forms of a dossier's actions (Mẫu 02–06) filled from its events: fields, rows, archive, refusals, CLI.

A real desk in a temporary folder; the actions go through ``desk_app.services.actions`` at fixed
times (received Monday 2/3/2026 09:15, a 5-working-day procedure due Monday 9/3/2026 09:15).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.cli import main
from desk_app.domain.errors import DeskError
from desk_app.domain.intake import IntakeForm, Person
from desk_app.services import actions, forms
from desk_app.services.accounts import create_account
from desk_app.services.desk import Desk

RECEIVED_AT = datetime(2026, 3, 2, 9, 15)  # Monday
FIVE_DAYS = "1.004884"  # 5 working days: due Monday 9/3/2026 09:15
APPLICANT = Person("Lê Thị Mai", "038190012345", address="Thôn Yên Lạc, xã Đông Sơn", phone="0912345678")


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path / "desk")
    opened.ensure_demo_unit()
    create_account(opened, "canbo1", "Phạm Văn Bình", "clerk", "mat-khau-dai")
    create_account(opened, "lanhdao", "Trần Quốc Hùng", "leader", "mat-khau-dai")
    yield opened
    opened.close()


@pytest.fixture
def dossier(desk: Desk) -> str:
    return desk.receive(IntakeForm(APPLICANT, FIVE_DAYS), "canbo1", now=RECEIVED_AT).state.dossier_id


def _code(desk: Desk, dossier_id: str) -> str:
    return desk.dossier(dossier_id)[0].code


def _text(pdf: bytes) -> str:
    """The PDF's text with runs of white space made single spaces (lines wrap anywhere)."""
    raw = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", raw)


def test_supplement_request_prints_the_items_reason_and_the_contact_split_into_official_and_phone(
    desk: Desk, dossier: str
) -> None:
    items = ["Bản sao Giấy khai sinh", "Giấy xác nhận cư trú"]
    when = datetime(2026, 3, 5, 10, 0)
    actions.request_supplement(desk, dossier, items, "Thiếu giấy tờ nơi cư trú", "Chị Hoa, 0987654321", "canbo1", when)
    text = _text(forms.form_pdf(desk, dossier, "supplement_requested", "Người Khác"))
    assert _code(desk, dossier) in text and "Lê Thị Mai" in text
    assert "1. Bản sao Giấy khai sinh" in text and "2. Giấy xác nhận cư trú" in text
    assert "Lý do: Thiếu giấy tờ nơi cư trú" in text
    assert "công chức Chị Hoa, số điện thoại 0987654321" in text
    assert "Phạm Văn Bình" in text and "Người Khác" not in text  # signed by the clerk who asked


def test_contact_is_split_on_the_first_comma_and_a_lone_number_is_the_phone() -> None:
    assert forms.split_contact("Anh Tuấn, 0237 3852 111, máy lẻ 5") == ("Anh Tuấn", "0237 3852 111, máy lẻ 5")
    assert forms.split_contact("0987654321") == ("", "0987654321")
    assert forms.split_contact("Chị Hoa") == ("Chị Hoa", "")
    assert forms.split_contact("  ") == ("", "")


def test_refusal_prints_the_reason_and_the_refusing_clerk(desk: Desk, dossier: str) -> None:
    actions.refuse(desk, dossier, "Không thuộc thẩm quyền giải quyết của xã", "canbo1", RECEIVED_AT)
    text = _text(forms.form_pdf(desk, _code(desk, dossier), "refused", ""))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN" in text and _code(desk, dossier) in text and "Lê Thị Mai" in text
    assert "Không thuộc thẩm quyền giải quyết của xã" in text and "Phạm Văn Bình" in text


def test_second_extension_prints_the_new_due_date_the_original_one_and_the_earlier_extension(
    desk: Desk, dossier: str
) -> None:
    actions.extend(desk, dossier, datetime(2026, 3, 11, 16, 0), "Cần xác minh nơi sinh", "lanhdao", "canbo1",
                   datetime(2026, 3, 9, 8, 0))  # fmt: skip
    actions.extend(desk, dossier, datetime(2026, 3, 13, 10, 30), "Chờ kết quả xác minh của bệnh viện", "lanhdao",
                   "canbo1", datetime(2026, 3, 11, 9, 0))  # fmt: skip
    text = _text(forms.form_pdf(desk, dossier, "extended", ""))
    assert _code(desk, dossier) in text and "Lê Thị Mai" in text
    assert "10 giờ 30 phút, ngày 13/03/2026" in text  # the new due date
    assert "Thời hạn trả kết quả theo giấy hẹn: 09 giờ 15 phút, ngày 09/03/2026" in text
    assert "Các lần gia hạn trước đến: 16 giờ 00 phút, ngày 11/03/2026" in text
    assert "Chờ kết quả xác minh của bệnh viện" in text and "Cần xác minh nơi sinh" not in text
    assert "CHỦ TỊCH" in text and "Trần Quốc Hùng" in text


def test_stop_after_hand_over_prints_the_stage_reached_and_a_fee_not_refunded(desk: Desk, dossier: str) -> None:
    actions.record_fee(desk, dossier, 50_000, "cash", "canbo1", RECEIVED_AT)
    actions.transfer(desk, dossier, "Công chức Địa chính - Xây dựng", "canbo1", datetime(2026, 3, 2, 10, 0))
    actions.stop(desk, dossier, "Đất đang có tranh chấp, Tòa án đã thụ lý", "canbo1", datetime(2026, 3, 4, 9, 0))
    text = _text(forms.form_pdf(desk, dossier, "stopped", ""))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and _code(desk, dossier) in text and "Lê Thị Mai" in text
    assert "Đất đang có tranh chấp, Tòa án đã thụ lý" in text
    assert "Hồ sơ đã được giải quyết đến bước: Đang xử lý" in text
    assert "Phí, lệ phí đã nộp (50.000 đ) không được hoàn trả" in text


def test_withdrawal_before_hand_over_prints_mau_05_with_the_fee_refunded(desk: Desk, dossier: str) -> None:
    actions.record_fee(desk, dossier, 8_000, "cash", "canbo1", RECEIVED_AT)
    actions.withdraw(desk, dossier, "Ông/Bà có đơn xin rút hồ sơ ngày 03/03/2026", "canbo1", datetime(2026, 3, 3, 8))
    text = _text(forms.form_pdf(desk, dossier, "withdrawn", ""))
    assert _code(desk, dossier) in text and "Lê Thị Mai" in text
    assert "Ông/Bà có đơn xin rút hồ sơ ngày 03/03/2026" in text and "bước: Được tiếp nhận" in text
    assert "Phí, lệ phí đã nộp (8.000 đ) được hoàn trả cho Ông/Bà" in text


def test_control_sheet_has_one_row_per_hand_over_with_the_outcome_against_the_due_date(
    desk: Desk, dossier: str
) -> None:
    actions.transfer(desk, dossier, "Công chức Tư pháp - Hộ tịch", "canbo1", datetime(2026, 3, 2, 10, 0))
    actions.receive_result(desk, dossier, "Công chức Tư pháp - Hộ tịch", "Đã ký", "canbo1", datetime(2026, 3, 6, 15))
    actions.return_result(desk, dossier, "Hài lòng", "canbo1", datetime(2026, 3, 10, 8, 0), delivery="post")
    data = forms.control_sheet_data(desk, dossier)
    rows = [(h.from_unit, h.to_unit, h.at, h.giver_name, h.receiver_name, h.outcome) for h in data.handovers]
    assert rows == [
        ("Bộ phận Một cửa", "Công chức Tư pháp - Hộ tịch", datetime(2026, 3, 2, 10, 0), "Phạm Văn Bình", "", ""),
        ("Công chức Tư pháp - Hộ tịch", "Bộ phận Một cửa", datetime(2026, 3, 6, 15), "", "Phạm Văn Bình", "Trước hạn"),
        ("Bộ phận Một cửa", "Công dân", datetime(2026, 3, 10, 8, 0), "Phạm Văn Bình", "Lê Thị Mai", "Quá hạn"),
    ]
    assert data.processing_unit == "Công chức Tư pháp - Hộ tịch"
    assert "bưu chính" in data.handovers[2].note
    text = _text(forms.control_sheet_pdf(desk, dossier))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text and _code(desk, dossier) in text
    assert "Lê Thị Mai" in text and "Trước hạn" in text and "Quá hạn" in text


def test_control_sheet_outcome_counts_the_supplement_pause_but_not_an_extension(desk: Desk, dossier: str) -> None:
    actions.request_supplement(desk, dossier, ["Tờ khai"], "Thiếu tờ khai", "", "canbo1", datetime(2026, 3, 5, 10))
    actions.receive_supplement(desk, dossier, "canbo1", now=datetime(2026, 3, 9, 10, 0))  # due → Wed 11/3 09:15
    actions.receive_result(desk, dossier, "Công chức Địa chính", "", "canbo1", datetime(2026, 3, 11, 16, 0))
    assert [h.outcome for h in forms.control_sheet_data(desk, dossier).handovers] == ["Đúng hạn"]

    other = desk.receive(IntakeForm(APPLICANT, FIVE_DAYS), "canbo1", now=RECEIVED_AT).state.dossier_id
    actions.extend(desk, other, datetime(2026, 3, 13, 16), "Chờ xác minh", "lanhdao", "canbo1", datetime(2026, 3, 9))
    actions.receive_result(desk, other, "Công chức Địa chính", "", "canbo1", datetime(2026, 3, 12, 9, 0))
    assert [h.outcome for h in forms.control_sheet_data(desk, other).handovers] == ["Quá hạn"]


def test_a_dossier_without_the_action_has_no_form_and_says_so_in_both_languages(desk: Desk, dossier: str) -> None:
    with pytest.raises(DeskError) as caught:
        forms.form_pdf(desk, dossier, "refused", "Phạm Văn Bình")
    assert "chưa có thao tác «từ chối tiếp nhận»" in caught.value.message and "Mẫu 03" in caught.value.message
    assert "has no 'refused' action" in caught.value.english
    with pytest.raises(DeskError) as caught:
        forms.archive_form(desk, dossier, "extended", "Phạm Văn Bình")
    assert not (desk.data_dir / "forms").exists()
    with pytest.raises(DeskError) as caught:
        forms.form_pdf(desk, dossier, "note", "")
    assert "Không có mẫu in" in caught.value.message and "no printed form" in caught.value.english
    with pytest.raises(DeskError):
        forms.form_pdf(desk, "000.00.99.H99-260302-9999", "refused", "")


def test_archive_keeps_each_extension_under_the_month_of_the_action_from_the_latest_event(
    desk: Desk, dossier: str
) -> None:
    actions.extend(desk, dossier, datetime(2026, 3, 31, 16), "Lần một", "lanhdao", "canbo1", datetime(2026, 3, 9))
    first = forms.archive_form(desk, dossier, "extended", "")
    actions.extend(desk, dossier, datetime(2026, 4, 3, 16), "Lần hai", "lanhdao", "canbo1", datetime(2026, 4, 1))
    second = forms.archive_form(desk, dossier, "extended", "")
    code = _code(desk, dossier)
    last_event = desk.dossier(dossier)[1][-1]
    assert first.parent == desk.data_dir / "forms" / "2026" / "03"
    name = f"{code}-mau-04-{last_event.id.replace('-', '')[-8:]}.pdf"
    assert second == desk.data_dir / "forms" / "2026" / "04" / name
    assert first.exists() and first != second
    assert "Lần hai" in _text(second.read_bytes()) and "Lần một" in _text(first.read_bytes())
    assert not list(desk.data_dir.glob("forms/**/*.tmp*"))


def test_cli_form_writes_each_kind_and_the_control_sheet_and_refuses_a_missing_action(
    desk: Desk, dossier: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actions.transfer(desk, dossier, "Công chức Tư pháp - Hộ tịch", "canbo1", datetime(2026, 3, 2, 10, 0))
    actions.stop(desk, dossier, "Người nộp đã chết, không có người thừa kế", "canbo1", datetime(2026, 3, 3, 9))
    code, data_dir = _code(desk, dossier), str(desk.data_dir)
    desk.close()
    out = tmp_path / "out" / "mau05.pdf"
    assert main(["form", code, "--kind", "stopped", "--out", str(out), "--data-dir", data_dir]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert "Người nộp đã chết, không có người thừa kế" in _text(out.read_bytes())
    control = tmp_path / "mau06.pdf"
    assert main(["--data-dir", data_dir, "form", code, "--kind", "control", "--out", str(control)]) == 0
    assert "Công chức Tư pháp - Hộ tịch" in _text(control.read_bytes())
    missing = tmp_path / "mau02.pdf"
    assert main(["--data-dir", data_dir, "form", code, "--kind", "supplement_requested", "--out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "Lỗi: Hồ sơ" in err and "Error: Dossier" in err and not missing.exists()


def test_archived_forms_are_in_the_backup_and_come_back_on_restore(desk: Desk, dossier: str) -> None:
    from desk_app.services.backup import make_backup, restore_backup

    actions.refuse(desk, dossier, "Hồ sơ không thuộc thẩm quyền", "canbo1", now=datetime(2026, 11, 26, 10, 0))
    archived = forms.archive_form(desk, dossier, "refused", "Lê Minh Tuấn")
    content = archived.read_bytes()
    backup = make_backup(desk, desk.data_dir.parent / "usb")
    archived.unlink()
    data_dir = desk.data_dir
    desk.close()
    restore_backup(data_dir, backup)
    assert archived.read_bytes() == content


def test_letters_are_signed_with_the_units_own_signer_title(desk: Desk, dossier: str) -> None:
    desk.set_up(replace(desk.require_profile(), signer_title="Giám đốc"))
    actions.withdraw(desk, dossier, "Ông/Bà có đơn xin rút hồ sơ ngày 03/03/2026", "canbo1", datetime(2026, 3, 3, 8))
    text = _text(forms.form_pdf(desk, dossier, "withdrawn", ""))
    assert "GIÁM ĐỐC" in text and "CHỦ TỊCH" not in text


def test_an_empty_signer_title_is_refused_naming_the_field(desk: Desk) -> None:
    with pytest.raises(DeskError) as refused:
        desk.set_up(replace(desk.require_profile(), signer_title="  "))
    assert "Chức danh người ký" in refused.value.message and "signer" in refused.value.english
    assert desk.require_profile().signer_title == "CHỦ TỊCH"
