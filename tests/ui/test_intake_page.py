"""The intake page driven like a clerk does: card scans typed key by key, toneless search, one-key save.

A real desk in tmp_path, the task runner synchronous; every scan is sent one key event per
character to whichever widget has the focus, as a keyboard-wedge scanner does.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.domain.citizen_card import Gender
from desk_app.domain.intake import IntakeForm, Person
from desk_app.services.desk import Desk
from desk_app.store.search import DossierQuery
from desk_app.ui.context import DeskContext
from desk_app.ui.intake_page import IntakePage
from desk_app.ui.slip_preview import SlipPreviewDialog
from desk_app.ui.tasks import TaskRunner
from tests.ui.typing_helper import press, type_text

NOW = datetime(2026, 11, 26, 9, 15)
HUONG_QR = (
    "038190012345|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|"
    "Thôn Hiệp Khởi, xã Đông Sơn, huyện Đông Sơn, tỉnh Thanh Hóa|15042021\r\n"
)
DUC_ADDRESS = "Số 5 ngõ 12 phố Huế, quận Hai Bà Trưng, Hà Nội"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture()
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path / "data")
    opened.ensure_demo_unit()
    yield opened
    opened.close()


@pytest.fixture()
def page(qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch) -> IntakePage:
    monkeypatch.setattr(SlipPreviewDialog, "run_print_dialog", lambda self, dialog: False)
    context = DeskContext(TaskRunner(synchronous=True))
    context.actor, context.actor_display = "canbo1", "Lê Minh Tuấn"
    context.set_desk(desk)
    intake = IntakePage(context)
    intake.clock = lambda: NOW
    qtbot.addWidget(intake)
    intake.resize(1280, 760)
    intake.show()
    qtbot.waitExposed(intake)
    intake.activateWindow()
    intake.scan.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.scan)
    return intake


def dossier_count(desk: Desk) -> int:
    return len(desk.find(DossierQuery(limit=1000)))


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def pick(page: IntakePage, words: str) -> None:
    page.picker.search.setFocus()
    type_text(None, words)
    press(None, Qt.Key.Key_Return)


def test_scanned_card_picked_procedure_and_one_key_save_give_the_slip(page: IntakePage, desk: Desk) -> None:
    type_text(None, HUONG_QR)
    assert page.citizen.applicant.full_name.text() == "Nguyễn Thị Thu Hương"
    assert page.citizen.applicant.id_number.text() == "038190012345"
    assert page.citizen.applicant.birth_date.text() == "17/05/1990"
    assert page.citizen.applicant.gender.currentText() == "Nữ"
    assert page.citizen.applicant.address.text().startswith("Thôn Hiệp Khởi")
    assert QApplication.focusWidget() is page.picker.search  # the scan moved the clerk on
    type_text(None, "chung thuc ban sao")
    press(None, Qt.Key.Key_Return)
    assert page.picker.procedure().code == "2.000815"
    press(None, Qt.Key.Key_S, CTRL)
    assert dossier_count(desk) == 1
    assert page.last_slip == desk.data_dir / "slips" / "2026" / "11" / f"{page.last_code}.pdf"
    text = pdf_text(page.last_slip)
    assert page.last_code in text
    assert "Nguyễn Thị Thu Hương" in text
    assert "Chứng thực bản sao từ bản chính" in text
    assert "09 giờ 15 phút, ngày 26/11/2026" in text
    assert "17 giờ 00 phút, ngày 26/11/2026" in text
    assert "Lê Minh Tuấn" in text
    state, _ = desk.dossier(page.last_code)
    assert state.received["card_qr"].startswith("038190012345|")


def test_decomposed_scan_is_filled_and_stored_in_nfc(page: IntakePage, desk: Desk) -> None:
    type_text(None, unicodedata.normalize("NFD", HUONG_QR))
    name = page.citizen.applicant.full_name.text()
    assert name == "Nguyễn Thị Thu Hương" and unicodedata.is_normalized("NFC", name)
    pick(page, "chung thuc ban sao")
    press(None, Qt.Key.Key_F9)
    state, _ = desk.dossier(page.last_code)
    assert state.received["applicant_name"] == "Nguyễn Thị Thu Hương"
    assert unicodedata.is_normalized("NFC", state.received["applicant_address"])


def test_scan_is_caught_whatever_field_has_the_focus(page: IntakePage, qtbot: QtBot) -> None:
    phone = page.citizen.applicant.phone
    phone.setFocus()
    type_text(None, "0912")
    type_text(None, HUONG_QR)  # the scanner types into the phone field, right after the clerk
    assert phone.text() == "0912"
    assert page.citizen.applicant.full_name.text() == "Nguyễn Thị Thu Hương"
    page.picker.search.setFocus()
    type_text(None, "khai")
    qtbot.wait(100)  # a person's typing and the scanner's are apart in time
    type_text(None, HUONG_QR)
    assert page.picker.search.text() == "khai"
    assert page.picker.procedure() is None  # the scanner's Enter picked nothing


def test_scan_without_enter_ends_after_a_short_pause(page: IntakePage, qtbot: QtBot) -> None:
    type_text(None, HUONG_QR.rstrip())
    qtbot.waitUntil(lambda: page.citizen.applicant.full_name.text() == "Nguyễn Thị Thu Hương", timeout=1000)
    assert page.scan.text() == ""


@pytest.mark.parametrize(
    ("qr", "message"),
    [
        ("001095012346|012345678|Trần Văn Đức|0302\r", "chỉ có 4 trường, cần ít nhất 6"),
        (f"001095012346||Trần Văn Đức|31021995|Nam|{DUC_ADDRESS}|20052021\r", "'31021995' không phải ngày có thật"),
        ("SO_DINH_DANH=001095012346|HO_TEN=Trần Văn Đức|NGAY_SINH=03021995\r", "không phải của thẻ Căn cước"),
        ("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=12\r", "không phải của thẻ Căn cước"),
    ],
    ids=["malformed", "impossible-birth-date", "unknown-layout", "url"],
)
def test_unreadable_or_unknown_qr_is_said_in_the_banner_and_fills_nothing(
    page: IntakePage, desk: Desk, qr: str, message: str
) -> None:
    type_text(None, qr)
    assert page.banner.isVisible() and message in page.banner.text()
    assert page.citizen.applicant.is_empty()
    assert page.scan.text() == ""
    pick(page, "chung thuc ban sao")
    press(None, Qt.Key.Key_S, CTRL)
    assert dossier_count(desk) == 0
    assert "không được để trống" in page.citizen.applicant.errors["full_name"].text()
    type_text(page.citizen.applicant.full_name, "Trần Văn Đức")  # typing still works
    assert page.citizen.applicant.full_name.text() == "Trần Văn Đức"


def type_person(page: IntakePage, number: str, name: str, birth: str, gender: str = "") -> None:
    fields = page.citizen.applicant
    for widget, text in ((fields.id_number, number), (fields.full_name, name), (fields.birth_date, birth)):
        widget.setFocus()
        type_text(None, text)
    if gender:
        fields.gender.setCurrentText(gender)


def test_typed_impossible_birth_date_is_refused_and_nothing_written(page: IntakePage, desk: Desk) -> None:
    type_person(page, "001095012346", "Trần Văn Đức", "31/02/1995")
    assert "không có thật" in page.citizen.applicant.errors["birth_date"].text()
    pick(page, "chung thuc ban sao")
    press(None, Qt.Key.Key_S, CTRL)
    assert dossier_count(desk) == 0
    assert page.citizen.applicant.full_name.text() == "Trần Văn Đức"
    assert QApplication.focusWidget() is page.citizen.applicant.birth_date


def test_name_over_100_characters_is_refused_and_kept(page: IntakePage, desk: Desk) -> None:
    long_name = "Nguyễn " + "Thị " * 24 + "Hương"
    assert len(long_name) > 100
    type_person(page, "038190012345", long_name, "17/05/1990", "Nữ")
    assert "dài quá 100 ký tự" in page.citizen.applicant.errors["full_name"].text()
    pick(page, "chung thuc ban sao")
    press(None, Qt.Key.Key_S, CTRL)
    assert dossier_count(desk) == 0
    assert page.citizen.applicant.full_name.text() == long_name
    assert "Chưa lưu" in page.save_error.text()


def test_typed_id_number_is_checked_against_birth_date_and_gender(page: IntakePage) -> None:
    fields = page.citizen.applicant
    type_person(page, "03819001234", "Nguyễn Thị Thu Hương", "17/05/1990", "Nam")
    assert fields.errors["id_number"].isHidden()  # 11 digits: still being typed
    fields.id_number.setFocus()
    type_text(None, "5")
    assert "giới tính Nữ" in fields.errors["id_number"].text()
    fields.gender.setCurrentText("Nữ")
    assert fields.errors["id_number"].isHidden()
    fields.birth_date.setFocus()
    fields.birth_date.clear()
    type_text(None, "17/05/1991")
    assert "năm sinh 1990" in fields.errors["id_number"].text()


def test_phone_is_checked_once_it_has_its_digits(page: IntakePage) -> None:
    fields = page.citizen.applicant
    fields.phone.setFocus()
    type_text(None, "091234567")
    assert fields.errors["phone"].isHidden()  # still being typed
    type_text(None, "8")
    assert fields.errors["phone"].isHidden()
    type_text(None, "90")
    assert "Số điện thoại người nộp không hợp lệ" in fields.errors["phone"].text()
    press(None, Qt.Key.Key_Backspace)
    assert fields.errors["phone"].isHidden()  # 11 digits: an old mobile number


def test_due_date_change_needs_a_reason(page: IntakePage, desk: Desk) -> None:
    type_text(None, HUONG_QR)
    pick(page, "chung thuc ban sao")
    page.due.change.setChecked(True)
    later = NOW.replace(hour=16) + timedelta(days=1)
    page.due.edit.setDateTime(later)
    press(None, Qt.Key.Key_S, CTRL)
    assert dossier_count(desk) == 0
    assert page.due.error.text() == "Đổi ngày hẹn trả phải ghi lý do"
    assert QApplication.focusWidget() is page.due.reason
    type_text(None, "Công dân xin nhận vào chiều mai")
    press(None, Qt.Key.Key_S, CTRL)
    state, _ = desk.dossier(page.last_code)
    assert state.due_at == later
    assert state.received["due_reason"] == "Công dân xin nhận vào chiều mai"


def test_due_date_before_receipt_is_refused_by_the_desk_and_the_form_kept(page: IntakePage, desk: Desk) -> None:
    type_text(None, HUONG_QR)
    pick(page, "chung thuc ban sao")
    page.due.change.setChecked(True)
    page.due.edit.setDateTime(NOW - timedelta(hours=1))
    page.due.reason.setFocus()
    type_text(None, "Nhầm ngày")
    press(None, Qt.Key.Key_S, CTRL)
    assert dossier_count(desk) == 0
    assert "phải sau thời điểm tiếp nhận" in page.due.error.text()
    assert page.citizen.applicant.full_name.text() == "Nguyễn Thị Thu Hương"
    assert page.picker.procedure().code == "2.000815"


def test_returning_citizen_gets_phone_and_address_from_the_previous_dossier(page: IntakePage, desk: Desk) -> None:
    earlier = Person("Trần Văn Đức", "001095012346", address=DUC_ADDRESS, phone="0987654321")
    first = desk.receive(IntakeForm(applicant=earlier, procedure_code="1.001193"), "canbo1", now=NOW).state
    type_person(page, "001095012346", "Trần Văn Đức", "03/02/1995", "Nam")
    fields = page.citizen.applicant
    assert fields.phone.text() == "0987654321"
    assert fields.address.text() == DUC_ADDRESS
    assert fields.note.isVisible() and "Lấy từ hồ sơ trước" in fields.note.text() and first.code in fields.note.text()


def test_owner_fields_appear_when_the_submitter_is_not_the_owner(page: IntakePage, desk: Desk) -> None:
    type_text(None, HUONG_QR)
    assert page.citizen.owner_box.isHidden()
    page.citizen.owner_toggle.setChecked(True)
    assert page.citizen.owner_box.isVisible()
    assert QApplication.focusWidget() is page.citizen.owner.full_name
    type_text(None, f"001095012346||Trần Văn Đức|03021995|Nam|{DUC_ADDRESS}|20052021\r")  # the owner's card
    assert page.citizen.owner.full_name.text() == "Trần Văn Đức"
    assert page.citizen.applicant.full_name.text() == "Nguyễn Thị Thu Hương"
    pick(page, "dang ky khai sinh")
    press(None, Qt.Key.Key_S, CTRL)
    state, _ = desk.dossier(page.last_code)
    assert state.received["owner_name"] == "Trần Văn Đức"
    assert state.received["owner_id_number"] == "001095012346"
    assert state.received["applicant_name"] == "Nguyễn Thị Thu Hương"


def test_procedure_by_code_digits_and_arrow_keys(page: IntakePage) -> None:
    page.picker.search.setFocus()
    type_text(None, "20008")
    assert page.picker.results.count() == 2
    press(None, Qt.Key.Key_Down)
    press(None, Qt.Key.Key_Return)
    second = page.picker.procedure()
    assert second is not None and second.code.startswith("2.0008") and second.code != "2.000815"


def test_empty_search_lists_common_procedures_first_and_alt_digit_picks(page: IntakePage) -> None:
    assert "★" in page.picker.results.item(0).text()
    birth = next(r for r in range(9) if "1.001193" in page.picker.results.item(r).text())
    press(None, Qt.Key.Key_1 + birth, Qt.KeyboardModifier.AltModifier)
    assert page.picker.procedure().code == "1.001193"
    assert page.fee.fee.text() == "Phí, lệ phí: Miễn phí"


def test_papers_are_ticked_with_catalogue_counts_and_fee_follows_the_counts(page: IntakePage, desk: Desk) -> None:
    type_text(None, HUONG_QR)
    type_text(None, "chung thuc ban sao")
    press(None, Qt.Key.Key_Return)
    assert [(p.originals, p.copies) for p in page.papers.papers()] == [(1, 0), (0, 1)]
    assert QApplication.focusWidget() is page.fee.copies  # the fee counts copies: the clerk types it
    type_text(None, "3")
    page.fee.pages.setValue(4)
    assert page.fee.fee.text() == "Phí, lệ phí: 18.000 đ"  # (2 × 2.000 + 2 × 1.000) × 3
    page.papers._rows[0][0].setChecked(False)
    press(page.fee.copies, Qt.Key.Key_S, CTRL)
    state, _ = desk.dossier(page.last_code)
    assert [p["name"] for p in state.received["papers"]] == [
        "Bản sao cần chứng thực (nếu người yêu cầu tự mang theo; nếu không, bộ phận chụp)"
    ]
    assert (state.received["copies"], state.received["pages"]) == (3, 4)
    assert "18.000 đ" in pdf_text(page.last_slip)


def test_after_save_the_form_clears_signals_go_out_and_the_preview_opens(page: IntakePage, qtbot: QtBot) -> None:
    type_text(None, HUONG_QR)
    pick(page, "chung thuc ban sao")
    changed: list[str] = []
    page.context.dossierChanged.connect(changed.append)
    with qtbot.waitSignal(page.saved) as saved:
        press(None, Qt.Key.Key_S, CTRL)
    assert changed == saved.args
    assert page.last_code in page.result.text()
    assert page.citizen.applicant.is_empty() and page.picker.procedure() is None
    assert page.preview is not None and page.preview.isVisible()
    assert page.preview.document.pageCount() == 2
    assert QApplication.focusWidget() is page.preview.print_button
    press(None, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.preview is None)
    assert QApplication.focusWidget() is page.scan


def test_next_citizen_scan_while_the_preview_is_open_does_not_print(page: IntakePage, qtbot: QtBot) -> None:
    type_text(None, HUONG_QR)
    pick(page, "chung thuc ban sao")
    press(None, Qt.Key.Key_S, CTRL)
    preview = page.preview
    assert preview is not None
    type_text(None, f"001095012346||Trần Văn Đức|03021995|Nam|{DUC_ADDRESS}|20052021\r")
    assert preview.last_print_dialog is None  # the scanner's Enter was not taken as "In"
    assert page.citizen.applicant.full_name.text() == "Trần Văn Đức"


def test_save_without_procedure_says_so(page: IntakePage, desk: Desk) -> None:
    type_text(None, HUONG_QR)
    press(None, Qt.Key.Key_S, CTRL)
    assert dossier_count(desk) == 0
    assert "Chưa chọn thủ tục" in page.procedure_error.text()
    assert QApplication.focusWidget() is page.picker.search


def test_gender_from_the_card_is_the_domain_value(page: IntakePage) -> None:
    type_text(None, HUONG_QR)
    assert page.citizen.applicant.person().gender is Gender.FEMALE


def test_page_built_before_the_desk_fills_its_list_when_the_desk_arrives(qtbot: QtBot, desk: Desk) -> None:
    context = DeskContext(TaskRunner(synchronous=True))
    intake = IntakePage(context)
    qtbot.addWidget(intake)
    assert intake.picker.results.count() == 0
    intake.save()  # nothing to save into yet: ignored
    context.set_desk(desk)
    assert intake.picker.results.count() > 0


def test_threaded_runner_saves_archives_and_opens_the_preview(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SlipPreviewDialog, "run_print_dialog", lambda self, dialog: False)
    tasks = TaskRunner()
    context = DeskContext(tasks)
    context.actor, context.actor_display = "canbo1", "Lê Minh Tuấn"
    intake = IntakePage(context)
    intake.clock = lambda: NOW
    qtbot.addWidget(intake)
    context.set_desk(desk)
    intake.show()
    qtbot.waitExposed(intake)
    intake.new_dossier()
    qtbot.waitUntil(lambda: intake.picker.results.count() > 0 and QApplication.focusWidget() is intake.scan)
    type_text(None, HUONG_QR)
    pick(intake, "chung thuc ban sao")
    press(None, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: intake.preview is not None, timeout=10_000)
    assert dossier_count(desk) == 1 and intake.last_slip is not None and intake.last_slip.is_file()
    intake.preview.reject()
    assert tasks.wait(5000)


def test_scan_into_a_count_box_leaves_the_count_alone(page: IntakePage, qtbot: QtBot) -> None:
    pick(page, "chung thuc ban sao")
    assert QApplication.focusWidget() is page.fee.copies
    type_text(None, "4")
    qtbot.wait(100)
    type_text(None, HUONG_QR)
    assert page.fee.copies.value() == 4
    assert page.citizen.applicant.full_name.text() == "Nguyễn Thị Thu Hương"


def test_papers_needed_only_in_some_cases_wait_unticked_for_the_clerk(page: IntakePage) -> None:
    type_text(None, HUONG_QR)
    type_text(None, "1.001193")
    press(None, Qt.Key.Key_Return)
    ticked = {name: tick.isChecked() for tick, name, _originals, _copies in page.papers._rows}
    assert ticked["Tờ khai đăng ký khai sinh (theo mẫu)"] is True
    assert ticked["Văn bản ủy quyền (nếu nộp hồ sơ thay)"] is False
    names = [p.name for p in page.papers.papers()]
    assert "Văn bản ủy quyền (nếu nộp hồ sơ thay)" not in names and len(names) == 3


def test_a_long_address_from_the_card_shows_its_beginning(page: IntakePage) -> None:
    type_text(None, HUONG_QR)
    address = page.citizen.applicant.address
    assert address.text() == "Thôn Hiệp Khởi, xã Đông Sơn, huyện Đông Sơn, tỉnh Thanh Hóa"
    assert address.cursorPosition() == 0  # "Thôn Hiệp Khởi…" is what the clerk sees, not "…tỉnh Thanh Hóa"
