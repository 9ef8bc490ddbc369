"""Write a sample Mẫu 01 slip PDF (real-looking Vietnamese data) to a given path.

Used by ``make screenshots`` and to eyeball the layout:
``.venv/bin/python tools/sample_slip.py /tmp/slip.pdf [--size A5] [--papers 12]``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk_app.printing.slip import SlipData, SlipPaper, write_slip  # noqa: E402

PAPERS = (
    SlipPaper("Tờ khai đăng ký khai sinh (theo mẫu)", 1, 0),
    SlipPaper("Giấy chứng sinh do cơ sở y tế cấp", 1, 0),
    SlipPaper("Giấy chứng nhận kết hôn của cha, mẹ", 0, 1),
    SlipPaper("Văn bản ủy quyền có chứng thực (trường hợp ủy quyền đăng ký khai sinh)", 1, 0),
)
EXTRA = tuple(SlipPaper(f"Giấy tờ chứng minh nơi cư trú số {i} của người đề nghị", 0, 1) for i in range(5, 13))


def sample_data(papers: int = 4) -> SlipData:
    """A realistic slip: birth registration received at a commune centre."""
    chosen = (PAPERS + EXTRA)[:papers]
    return SlipData(
        parent_body="ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN",
        unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        place_name="Đông Sơn",
        dossier_code="000.17.22.H56-260305-0012",
        applicant_name="Nguyễn Thị Thu Hương",
        applicant_id_number="038190012345",
        applicant_address="Thôn Hiệp Khởi, xã Đông Sơn, tỉnh Thanh Hóa",
        applicant_phone="0912 345 678",
        applicant_email="thuhuong.nguyen@example.vn",
        owner_name="Đặng Văn Đức",
        owner_address="Số 12 đường Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa",
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        papers=chosen,
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
        lookup_url="https://tracuu.example.vn/tra-cuu?ma=000.17.22.H56-260305-0012&k=Zk3p9QxV7rTb2LmN8sWcYd",
        hotline="0237 3852 111",
    )


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and write the sample slip."""
    parser = argparse.ArgumentParser(description="Write a sample Mẫu 01 slip PDF")
    parser.add_argument("path", type=Path, help="where to write the PDF")
    parser.add_argument("--size", choices=("A4", "A5"), default="A4", help="paper size (default A4)")
    parser.add_argument("--papers", type=int, default=4, help="number of papers listed (1-12, default 4)")
    args = parser.parse_args(argv)
    written = write_slip(sample_data(max(1, min(args.papers, 12))), args.path, args.size)
    print(written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
