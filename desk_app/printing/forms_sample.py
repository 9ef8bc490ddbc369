"""Realistic sample data for Mẫu 02–07 (the same birth-registration dossier as the sample slip).

One definition for ``tools/sample_forms.py``, the printing tests and the screenshots; every factory
takes ``changes`` that override fields.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

from desk_app.printing.forms import RefusalData, SupplementRequestData
from desk_app.printing.forms_control import ControlSheetData, Handover
from desk_app.printing.forms_letters import ExtensionApologyData, StopNoticeData
from desk_app.printing.register import RegisterData, RegisterEntry
from desk_app.printing.sample import SAMPLE_CODE

PARENT = "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN"
UNIT = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
PLACE = "Đông Sơn"
APPLICANT = "Nguyễn Thị Thu Hương"
ADDRESS = "Thôn Hiệp Khởi, xã Đông Sơn, tỉnh Thanh Hóa"
PHONE = "0912 345 678"
EMAIL = "thuhuong.nguyen@example.vn"
PROCEDURE = "Đăng ký khai sinh"
RECEIVED = datetime(2026, 3, 5, 8, 30)
DUE = datetime(2026, 3, 10, 16, 0)
RECIPIENTS = ("Như trên", "Chủ tịch UBND xã (để b/c)", "Lưu: VT, TTPVHCC")


def sample_supplement_request(**changes: object) -> SupplementRequestData:
    """A Mẫu 02 asking for three missing papers."""
    data = SupplementRequestData(
        parent_body=PARENT,
        unit_name=UNIT,
        place_name=PLACE,
        issued_at=RECEIVED,
        dossier_code=SAMPLE_CODE,
        applicant_name=APPLICANT,
        applicant_address=ADDRESS,
        applicant_phone=PHONE,
        applicant_email=EMAIL,
        procedure_name=PROCEDURE,
        missing_items=(
            "Giấy chứng sinh do cơ sở y tế cấp (bản chính)",
            "Văn bản ủy quyền có chứng thực của cha hoặc mẹ trẻ (trường hợp ủy quyền đăng ký khai sinh)",
            "Bổ sung mục “Quê quán” còn bỏ trống trong Tờ khai đăng ký khai sinh",
        ),
        reason="Hồ sơ chưa đủ thành phần theo quy định tại Điều 16 Luật Hộ tịch",
        contact_official="Lê Minh Tuấn",
        contact_phone="0237 3852 111",
        procedure_url="https://dichvucong.gov.vn",
        guide_name="Lê Minh Tuấn",
    )
    return dataclasses.replace(data, **changes)


def sample_refusal(**changes: object) -> RefusalData:
    """A Mẫu 03 refusing a dossier that belongs to another authority."""
    data = RefusalData(
        parent_body=PARENT,
        unit_name=UNIT,
        place_name=PLACE,
        issued_at=RECEIVED,
        dossier_code=SAMPLE_CODE,
        applicant_name="Trần Văn Phúc",
        applicant_address="Số 12 đường Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa",
        applicant_phone="0983 111 222",
        applicant_email="",
        procedure_name="Đăng ký kết hôn có yếu tố nước ngoài",
        reason=(
            "Thủ tục đăng ký kết hôn có yếu tố nước ngoài không thuộc thẩm quyền giải quyết của Ủy ban nhân dân "
            "xã Đông Sơn; đề nghị Ông/Bà liên hệ Sở Tư pháp tỉnh Thanh Hóa."
        ),
        clerk_name="Lê Minh Tuấn",
    )
    return dataclasses.replace(data, **changes)


def sample_extension_apology(**changes: object) -> ExtensionApologyData:
    """A Mẫu 04 asking to move the due date by three working days."""
    data = ExtensionApologyData(
        parent_body=PARENT,
        unit_name=UNIT,
        place_name=PLACE,
        issued_at=datetime(2026, 3, 10, 9, 0),
        document_number="15/TTPVHCC-VP",
        dossier_code=SAMPLE_CODE,
        applicant_name=APPLICANT,
        applicant_address=ADDRESS,
        procedure_name=PROCEDURE,
        received_at=RECEIVED,
        original_due_at=DUE,
        reason="Cần xác minh thông tin nơi sinh với Bệnh viện Đa khoa tỉnh Thanh Hóa",
        proposed_due_at=datetime(2026, 3, 13, 16, 0),
        signer_title="Giám đốc",
        signer_name="Phạm Quang Vinh",
        recipients=RECIPIENTS,
    )
    return dataclasses.replace(data, **changes)


def sample_stop_notice(**changes: object) -> StopNoticeData:
    """A Mẫu 05 for a dossier the applicant withdrew, fees refunded."""
    data = StopNoticeData(
        parent_body=PARENT,
        unit_name=UNIT,
        place_name=PLACE,
        issued_at=datetime(2026, 3, 9, 14, 0),
        document_number="07/TB-TTPVHCC",
        dossier_code="000.17.22.H56-260302-0004",
        applicant_name="Đặng Văn Đức",
        applicant_address="Xóm Trung, xã Đông Sơn, tỉnh Thanh Hóa",
        applicant_phone="0971 234 567",
        procedure_name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        received_at=datetime(2026, 3, 2, 10, 15),
        reason="Ông/Bà có đơn đề nghị rút hồ sơ ngày 08/03/2026",
        stage="Đang thẩm định tại Phòng Kinh tế",
        fee_paid_label="75.000 đồng",
        fee_refunded=True,
        signer_title="Giám đốc",
        signer_name="Phạm Quang Vinh",
        recipients=RECIPIENTS,
    )
    return dataclasses.replace(data, **changes)


HANDOVER_STEPS = (
    ("Bộ phận Một cửa", "Công chức Tư pháp - Hộ tịch", "Lê Minh Tuấn", "Hoàng Thị Lan", "Đúng hạn"),
    ("Công chức Tư pháp - Hộ tịch", "Lãnh đạo UBND xã", "Hoàng Thị Lan", "Vũ Đình Khoa", "Trước hạn"),
    ("Lãnh đạo UBND xã", "Bộ phận Một cửa", "Vũ Đình Khoa", "Lê Minh Tuấn", "Đúng hạn"),
    ("Bộ phận Một cửa", "Công dân", "Lê Minh Tuấn", APPLICANT, "Trước hạn"),
)


def sample_handovers(count: int = 4) -> tuple[Handover, ...]:
    """``count`` hand-overs cycling through desk → officer → leader → desk → citizen."""
    result = []
    for i in range(count):
        giver_unit, taker_unit, giver, taker, outcome = HANDOVER_STEPS[i % len(HANDOVER_STEPS)]
        note = "Đã ký số kết quả" if i % 4 == 2 else ""
        at = RECEIVED + timedelta(days=i // 2, hours=3 * (i % 2))
        result.append(Handover(giver_unit, taker_unit, at, giver, taker, outcome, note))
    return tuple(result)


def sample_control_sheet(count: int = 4, **changes: object) -> ControlSheetData:
    """A Mẫu 06 with ``count`` hand-overs."""
    data = ControlSheetData(
        parent_body=PARENT,
        unit_name=UNIT,
        place_name=PLACE,
        received_at=RECEIVED,
        dossier_code=SAMPLE_CODE,
        applicant_name=APPLICANT,
        applicant_phone=PHONE,
        applicant_address=ADDRESS,
        procedure_name=PROCEDURE,
        processing_unit="Công chức Tư pháp - Hộ tịch, UBND xã Đông Sơn",
        coordinating_units="Không",
        handovers=sample_handovers(count),
    )
    return dataclasses.replace(data, **changes)


NAMES = ("Nguyễn Thị Thu Hương", "Trần Văn Phúc", "Đặng Văn Đức", "Lê Thị Ngọc Ánh", "Phạm Quang Vinh", "Vũ Thị Hằng")
PROCEDURES = (
    "Đăng ký khai sinh",
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
    "Đăng ký kết hôn",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký thường trú",
)


def sample_entries(count: int) -> tuple[RegisterEntry, ...]:
    """``count`` register lines, received two per working hour from 2 March 2026."""
    entries = []
    for i in range(count):
        received = datetime(2026, 3, 2, 7, 30) + timedelta(days=i // 16, minutes=30 * (i % 16))
        finished = i % 5 != 4
        entries.append(
            RegisterEntry(
                number=i + 1,
                dossier_code=f"000.17.22.H56-{received:%y%m%d}-{i + 1:04d}",
                procedure_name=PROCEDURES[i % len(PROCEDURES)],
                dossier_sets=1,
                applicant_name=NAMES[i % len(NAMES)],
                applicant_address=f"Thôn {i % 9 + 1}, xã Đông Sơn",
                applicant_phone=f"0912 {i:03d} 678",
                lead_agency="UBND xã Đông Sơn",
                received_at=received,
                due_at=received + timedelta(days=3),
                sent_at=received + timedelta(hours=2),
                result_received_at=received + timedelta(days=2) if finished else None,
                returned_at=received + timedelta(days=2, hours=3) if finished else None,
                note="" if finished else "Đang giải quyết",
            )
        )
    return tuple(entries)


def sample_register(count: int = 40, **changes: object) -> RegisterData:
    """A Mẫu 07 register of ``count`` lines for March 2026, volume 01/2026."""
    data = RegisterData(
        parent_body=PARENT,
        unit_name=UNIT,
        place_name=PLACE,
        volume="01/2026",
        date_from=date(2026, 3, 1),
        date_to=date(2026, 3, 31),
        printed_at=datetime(2026, 4, 1, 8, 0),
        entries=sample_entries(count),
    )
    return dataclasses.replace(data, **changes)
