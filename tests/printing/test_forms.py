"""Mẫu 02–06 PDFs: every field given is printed, fonts embedded, text inside the margins, long lists
continue on further pages.

The PDFs are read back with pypdf, with the text-position helpers of the Mẫu 01 tests.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.printing import forms_sample as sample
from desk_app.printing.fonts import PrintError
from desk_app.printing.forms import render_refusal, render_supplement_request, write_form
from desk_app.printing.forms_control import Handover, render_control_sheet
from desk_app.printing.forms_letters import fee_sentence, render_extension_apology, render_stop_notice
from desk_app.printing.layout import PageSpec, page_spec
from tests.printing.test_slip import text_boxes

HEADER = ("ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def pdf_text(pdf: bytes) -> str:
    """All pages' extracted text with line breaks turned into spaces (values may wrap)."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def assert_inside(pdf: bytes, spec: PageSpec) -> None:
    """Every text chunk of every page lies within the page's margins."""
    for boxes in text_boxes(pdf):
        assert boxes
        for text, x, y, width in boxes:
            assert x >= spec.left - 0.5, (text, x)
            assert x + width <= spec.width - spec.right + 0.5, (text, x + width)
            assert spec.bottom - 0.5 <= y <= spec.height - spec.top, (text, y)


def assert_fonts_embedded(pdf: bytes) -> set[str]:
    """Every font on every page (and its form XObjects) is an embedded Liberation Serif subset."""
    reader = PdfReader(io.BytesIO(pdf))
    seen: set[str] = set()
    for page in reader.pages:
        resources = [page["/Resources"]]
        resources += [x.get_object()["/Resources"] for x in page["/Resources"].get("/XObject", {}).values()]
        for resource in resources:
            for font in resource.get("/Font", {}).values():
                font = font.get_object()
                name = str(font["/BaseFont"])
                seen.add(name.split("+", 1)[-1])
                assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
    assert seen and all(name.startswith("LiberationSerif") for name in seen), seen
    return seen


def test_supplement_request_prints_every_missing_item_reason_contact_and_guide() -> None:
    data = sample.sample_supplement_request()
    text = pdf_text(render_supplement_request(data))
    for expected in (
        *HEADER,
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Đông Sơn, ngày 05 tháng 3 năm 2026",
        "Mã hồ sơ: 000.17.22.H56-260305-0012",
        "Tiếp nhận hồ sơ/yêu cầu của Ông/Bà: Nguyễn Thị Thu Hương",
        "Thôn Hiệp Khởi, xã Đông Sơn, tỉnh Thanh Hóa",
        "0912 345 678",
        "thuhuong.nguyen@example.vn",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung sau:",
        "1. Giấy chứng sinh do cơ sở y tế cấp (bản chính)",
        "3. Bổ sung mục “Quê quán” còn bỏ trống trong Tờ khai đăng ký khai sinh",
        "Lý do: Hồ sơ chưa đủ thành phần theo quy định tại Điều 16 Luật Hộ tịch",
        "0237 3852 111",
        "https://dichvucong.gov.vn",
        "NGƯỜI HƯỚNG DẪN",
        "Lê Minh Tuấn",
    ):
        assert expected in text, expected
    assert "(trường hợp ủy quyền đăng ký khai sinh)" in text
    assert page_count(render_supplement_request(data)) == 1


def test_supplement_request_without_website_drops_the_lookup_clause() -> None:
    text = pdf_text(render_supplement_request(sample.sample_supplement_request(procedure_url="")))
    assert "tra cứu thủ tục hành chính" not in text and "để được hướng dẫn." in text


def test_refusal_prints_reason_applicant_and_both_signers() -> None:
    text = pdf_text(render_refusal(sample.sample_refusal()))
    for expected in (
        *HEADER,
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Tiếp nhận hồ sơ của: Trần Văn Phúc",
        "Số 12 đường Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa",
        "0983 111 222",
        "Đăng ký kết hôn có yếu tố nước ngoài",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã Đông Sơn",
        "Sở Tư pháp tỉnh Thanh Hóa",
        "Xin thông báo cho Ông/Bà được biết và thực hiện./.",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Lê Minh Tuấn",
        "Email: ……………",
    ):
        assert expected in text, expected


def test_extension_apology_prints_original_and_proposed_due_dates_reason_and_head_of_agency() -> None:
    earlier = (datetime(2026, 3, 11, 16, 0),)
    text = pdf_text(render_extension_apology(sample.sample_extension_apology(earlier_due_dates=earlier)))
    for expected in (
        *HEADER,
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Số: 15/TTPVHCC-VP",
        "Đông Sơn, ngày 10 tháng 3 năm 2026",
        "Kính gửi: Ông/Bà Nguyễn Thị Thu Hương",
        "Ngày 05/03/2026",
        "Đăng ký khai sinh",
        "000.17.22.H56-260305-0012",
        "Thời hạn trả kết quả theo giấy hẹn: 16 giờ 00 phút, ngày 10/03/2026",
        "Các lần gia hạn trước đến: 16 giờ 00 phút, ngày 11/03/2026",
        "Lý do: Cần xác minh thông tin nơi sinh với Bệnh viện Đa khoa tỉnh Thanh Hóa",
        "xin lỗi",
        "16 giờ 00 phút, ngày 13/03/2026",
        "Nơi nhận:",
        "- Chủ tịch UBND xã (để b/c)",
        "- Lưu: VT, TTPVHCC",
        "GIÁM ĐỐC",
        "(Ký, ghi rõ họ tên và đóng dấu)",
        "Phạm Quang Vinh",
    ):
        assert expected in text, expected


def test_stop_notice_prints_reason_stage_refund_and_signer() -> None:
    text = pdf_text(render_stop_notice(sample.sample_stop_notice()))
    for expected in (
        *HEADER,
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Số: 07/TB-TTPVHCC",
        "Mã hồ sơ: 000.17.22.H56-260302-0004",
        "Kính gửi: Ông/Bà Đặng Văn Đức",
        "Xóm Trung, xã Đông Sơn, tỉnh Thanh Hóa",
        "0971 234 567",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Ngày 02/03/2026",
        "dừng giải quyết hồ sơ nêu trên kể từ ngày 09/03/2026",
        "Lý do dừng giải quyết: Ông/Bà có đơn đề nghị rút hồ sơ ngày 08/03/2026",
        "Đang thẩm định tại Phòng Kinh tế",
        "Phí, lệ phí đã nộp (75.000 đồng) được hoàn trả cho Ông/Bà.",
        "GIÁM ĐỐC",
        "Phạm Quang Vinh",
    ):
        assert expected in text, expected


def test_stop_notice_says_when_fees_are_kept_or_were_not_due() -> None:
    assert fee_sentence("75.000 đồng", refunded=False) == "Phí, lệ phí đã nộp (75.000 đồng) không được hoàn trả."
    text = pdf_text(render_stop_notice(sample.sample_stop_notice(fee_paid_label="", fee_refunded=False)))
    assert "Hồ sơ không phải nộp phí, lệ phí." in text


def test_control_sheet_prints_table_headings_and_each_handover() -> None:
    text = pdf_text(render_control_sheet(sample.sample_control_sheet()))
    for expected in (
        *HEADER,
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Kèm theo hồ sơ của: Nguyễn Thị Thu Hương",
        "Cơ quan (bộ phận) giải quyết hồ sơ: Công chức Tư pháp - Hộ tịch, UBND xã Đông Sơn",
        "Cơ quan phối hợp giải quyết hồ sơ: Không",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        "GHI CHÚ",
        "1. Giao: Bộ phận Một cửa",
        "2. Nhận: Lãnh đạo UBND xã",
        "08 giờ 30 phút, ngày 05/03/2026",
        "11 giờ 30 phút, ngày 05/03/2026",
        "08 giờ 30 phút, ngày 06/03/2026",
        "Người giao",
        "Người nhận",
        "Hoàng Thị Lan",
        "Vũ Đình Khoa",
        "Trước hạn",
        "Đúng hạn",
        "Đã ký số kết quả",
    ):
        assert expected in text, expected


def test_control_sheet_with_many_handovers_continues_with_the_header_repeated() -> None:
    pdf = render_control_sheet(sample.sample_control_sheet(count=14))
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 2
    assert all("TÊN CƠ QUAN" in page and "GHI CHÚ" in page for page in pages)
    assert "(tiếp theo)" in pages[1]
    assert sum(page.count("1. Giao:") for page in pages) == 14
    assert_inside(pdf, page_spec("A4"))


def test_control_sheet_refuses_an_unknown_outcome() -> None:
    bad = Handover("Bộ phận Một cửa", "Công dân", datetime(2026, 3, 5, 9, 0), "Lê Minh Tuấn", "Trần Văn Phúc", "Sớm")
    with pytest.raises(PrintError) as error:
        render_control_sheet(sample.sample_control_sheet(handovers=(bad,)))
    assert "không hợp lệ" in error.value.text("vi")


RENDERERS: dict[str, Callable[[str], bytes]] = {
    "02": lambda size: render_supplement_request(sample.sample_supplement_request(), size),
    "03": lambda size: render_refusal(sample.sample_refusal(), size),
    "04": lambda size: render_extension_apology(sample.sample_extension_apology(), size),
    "05": lambda size: render_stop_notice(sample.sample_stop_notice(), size),
    "06": lambda size: render_control_sheet(sample.sample_control_sheet(), size),
}


@pytest.mark.parametrize("form", sorted(RENDERERS))
@pytest.mark.parametrize("size", ["A4", "A5"])
def test_each_form_embeds_liberation_serif_and_stays_inside_margins(form: str, size: str) -> None:
    pdf = RENDERERS[form](size)
    assert_fonts_embedded(pdf)
    assert_inside(pdf, page_spec(size))
    assert page_count(pdf) == 1


LONG = (
    "Bản sao giấy tờ chứng minh quan hệ nhân thân giữa người đề nghị và người được đăng ký, có chứng thực "
    "của cơ quan có thẩm quyền, số {}"
)


def test_long_missing_list_and_unbroken_values_wrap_and_continue_on_the_next_page() -> None:
    items = tuple(LONG.format(i) for i in range(1, 41))
    url = "https://dichvucong.thanhhoa.gov.vn/" + "thu-tuc-hanh-chinh-" * 12
    pdf = render_supplement_request(sample.sample_supplement_request(missing_items=items, procedure_url=url))
    assert page_count(pdf) >= 2
    text = pdf_text(pdf)
    assert LONG.format(40) in text and "Mã hồ sơ: 000.17.22.H56-260305-0012 (tiếp theo)" in text
    assert "NGƯỜI HƯỚNG DẪN" in text
    assert_inside(pdf, page_spec("A4"))


def test_write_form_writes_the_pdf_atomically(tmp_path: Path) -> None:
    target = tmp_path / "mau-03.pdf"
    assert write_form(render_refusal(sample.sample_refusal()), target) == target
    assert PdfReader(str(target)).pages[0].extract_text().count("PHIẾU TỪ CHỐI") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["mau-03.pdf"]
