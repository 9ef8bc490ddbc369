"""A realistic sample slip (birth registration at a commune centre) for previews, tools and tests.

One definition, so the layout tools, the printing tests and the speed benchmark all print the same
real-looking Vietnamese slip; ``changes`` override any field.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from desk_app.printing.slip import SlipData, SlipPaper

SAMPLE_CODE = "000.17.22.H56-260305-0012"
SAMPLE_PAPERS = (
    SlipPaper("Tờ khai đăng ký khai sinh (theo mẫu)", 1, 0),
    SlipPaper("Giấy chứng sinh do cơ sở y tế cấp", 1, 0),
    SlipPaper("Giấy chứng nhận kết hôn của cha, mẹ", 0, 1),
    SlipPaper("Văn bản ủy quyền có chứng thực (trường hợp ủy quyền đăng ký khai sinh)", 1, 0),
    *(SlipPaper(f"Giấy tờ chứng minh nơi cư trú số {i} của người đề nghị", 0, 1) for i in range(5, 13)),
)


def sample_lookup_url(code: str, key: str = "Zk3p9QxV7rTb2LmN8sWcYd") -> str:
    """The lookup address a sample slip's QR carries."""
    return f"https://tracuu.example.vn/tra-cuu?ma={code}&k={key}"


def sample_slip(paper_count: int = 3, **changes: object) -> SlipData:
    """The sample slip with its first ``paper_count`` papers (1–12); ``changes`` override fields."""
    data = SlipData(
        parent_body="ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN",
        unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        place_name="Đông Sơn",
        dossier_code=SAMPLE_CODE,
        applicant_name="Nguyễn Thị Thu Hương",
        applicant_id_number="038190012345",
        applicant_address="Thôn Hiệp Khởi, xã Đông Sơn, tỉnh Thanh Hóa",
        applicant_phone="0912 345 678",
        applicant_email="thuhuong.nguyen@example.vn",
        owner_name="Đặng Văn Đức",
        owner_address="Số 12 đường Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa",
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        papers=SAMPLE_PAPERS[:paper_count],
        dossier_sets=1,
        duration_label="3 ngày làm việc",
        received_at=datetime(2026, 3, 5, 8, 30),
        due_at=datetime(2026, 3, 10, 16, 0),
        result_delivery="Tại Bộ phận Một cửa",
        channel_label="Trực tiếp",
        fee_label="Miễn phí",
        register_volume="01/2026",
        register_number=125,
        clerk_name="Lê Minh Tuấn",
        lookup_url=sample_lookup_url(SAMPLE_CODE),
        hotline="0237 3852 111",
    )
    return dataclasses.replace(data, **changes)
