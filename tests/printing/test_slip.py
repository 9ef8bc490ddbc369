"""Mẫu 01 slip PDF: content, copies, fonts, QR, paper sizes, fitting, atomic write.

The PDFs are read back with pypdf: the text as a reader would extract it, the font resources, and
the QR path from the content stream. No Qt, no network.
"""

from __future__ import annotations

import io
import os
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from desk_app.printing.fonts import PrintError
from desk_app.printing.layout import page_spec
from desk_app.printing.qr import QUIET_ZONE, encode
from desk_app.printing.sample import SAMPLE_CODE, sample_lookup_url, sample_slip
from desk_app.printing.slip import SlipData, SlipPaper, render_slip, write_slip

URL = sample_lookup_url(SAMPLE_CODE)


def make_slip(**changes: object) -> SlipData:
    """A birth-registration slip with real Vietnamese names; ``changes`` override fields."""
    return sample_slip(**changes)


def pages_text(pdf: bytes) -> list[str]:
    """The extracted text of each page."""
    return [page.extract_text() for page in PdfReader(_stream(pdf)).pages]


def _stream(pdf: bytes) -> io.BytesIO:
    return io.BytesIO(pdf)


def text_boxes(pdf: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Per page: every extracted text chunk as ``(text, x, baseline y, width)`` in page points."""
    result = []
    for page in PdfReader(_stream(pdf)).pages:
        boxes: list[tuple[str, float, float, float]] = []

        def visit(text: str, cm: list, tm: list, font: dict | None, size: float, boxes=boxes) -> None:
            text = text.rstrip("\n")
            if not text.strip() or font is None:
                return
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            x, y = tm[4] + cm[4], tm[5] + cm[5]
            boxes.append((text, x, y, pdfmetrics.stringWidth(text, name, size)))

        page.extract_text(visitor_text=visit)
        result.append(boxes)
    return result


def assert_inside_margins(pdf: bytes, page_size: str) -> None:
    spec = page_spec(page_size)
    for boxes in text_boxes(pdf):
        assert boxes
        for text, x, y, width in boxes:
            assert x >= spec.left - 0.5, (text, x)
            assert x + width <= spec.width - spec.right + 0.5, (text, x + width)
            assert spec.bottom - 0.5 <= y <= spec.height - spec.top, (text, y)


def test_slip_prints_code_people_procedure_times_and_papers() -> None:
    text = "\n".join(pages_text(render_slip(make_slip())))
    for expected in (
        "000.17.22.H56-260305-0012",
        "Nguyễn Thị Thu Hương",
        "Đặng Văn Đức",
        "Đăng ký khai sinh",
        "1.001193",
        "08 giờ 30 phút, ngày 05/03/2026",
        "16 giờ 00 phút, ngày 10/03/2026",
        "Tờ khai đăng ký khai sinh (theo mẫu)",
        "Giấy chứng sinh do cơ sở y tế cấp",
        "Giấy chứng nhận kết hôn của cha, mẹ",
        "3 ngày làm việc",
        "Miễn phí",
        "Quyển số: 01/2026",
        "Số thứ tự: 125",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký và ghi rõ họ tên)",
        "Lê Minh Tuấn",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Tra cứu hồ sơ",
        "Đường dây nóng: 0237 3852 111",
        "038190012345",
        "thuhuong.nguyen@example.vn",
    ):
        assert expected in text, expected


def test_each_copy_is_one_page_with_its_own_label() -> None:
    first, second = pages_text(render_slip(make_slip()))
    assert "(Liên 1: Lưu)" in first and "(Liên 2: Giao người nộp)" not in first
    assert "(Liên 2: Giao người nộp)" in second and "(Liên 1: Lưu)" not in second
    assert first.replace("(Liên 1: Lưu)", "").split() == second.replace("(Liên 2: Giao người nộp)", "").split()


def test_date_line_pads_only_january_and_february() -> None:
    january = "\n".join(pages_text(render_slip(make_slip(received_at=datetime(2026, 1, 7, 9, 5)))))
    assert "Đông Sơn, ngày 07 tháng 01 năm 2026" in january
    assert "09 giờ 05 phút, ngày 07/01/2026" in january
    march = "\n".join(pages_text(render_slip(make_slip())))
    assert "Đông Sơn, ngày 05 tháng 3 năm 2026" in march


def test_fonts_are_liberation_serif_embedded_and_nothing_else() -> None:
    reader = PdfReader(_stream(render_slip(make_slip())))
    seen = set()
    for page in reader.pages:
        resources = [page["/Resources"]]
        resources += [x.get_object()["/Resources"] for x in page["/Resources"]["/XObject"].values()]
        for resource in resources:
            for font in resource["/Font"].get_object().values():
                font = font.get_object()
                name = str(font["/BaseFont"])
                seen.add(name.split("+", 1)[-1])
                assert font["/Subtype"] == "/TrueType", name
                assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
                assert "/ToUnicode" in font, name
    assert seen == {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}


def test_qr_drawn_is_segno_matrix_of_the_lookup_url() -> None:
    reader = PdfReader(_stream(render_slip(make_slip())))
    form = next(iter(reader.pages[1]["/Resources"]["/XObject"].values())).get_object()
    operations = ContentStream(form, reader).operations
    scale = origin = None
    cells = set()
    for operands, operator in operations:
        if operator == b"cm" and float(operands[0]) < 5:
            scale, origin = float(operands[0]), (float(operands[4]), float(operands[5]))
        elif operator == b"re":
            x, y, width, height = (int(v) for v in operands)
            assert height == 1
            cells.update((y, col) for col in range(x, x + width))
    symbol = segno.make(URL, error="m", micro=False)
    modules = len(symbol.matrix)
    total = modules + 2 * QUIET_ZONE
    drawn = {(total - QUIET_ZONE - 1 - y, col - QUIET_ZONE) for y, col in cells}
    expected = {(r, c) for r, row in enumerate(symbol.matrix) for c, bit in enumerate(row) if bit}
    assert drawn == expected == set(encode(URL).dark_cells())
    assert scale is not None and origin is not None
    assert 22 * mm <= scale * total <= 25 * mm
    spec = page_spec("A4")
    assert origin[0] + scale * total <= spec.width - spec.right + 0.01


def test_a5_slip_fits_one_page_per_copy_inside_margins() -> None:
    pdf = render_slip(make_slip(), page_size="A5")
    reader = PdfReader(_stream(pdf))
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)
    assert "(Liên 2: Giao người nộp)" in reader.pages[1].extract_text()
    assert_inside_margins(pdf, "A5")


ADDRESS_200 = (
    "Nhà số 128, ngõ 45, đường Nguyễn Trãi, tổ dân phố Đông Hải, khu dân cư số 3, gần Trường Trung học "
    "cơ sở Đông Sơn, xã Đông Sơn, tỉnh Thanh Hóa, Việt Nam (liên hệ qua Ủy ban nhân dân xã Đông Sơn khi vắng nhà)"
)
LONG_PAPER = "Bản sao giấy tờ chứng minh quan hệ nhân thân số {} có chứng thực của cơ quan có thẩm quyền"
SHORT_PAPER = "Giấy tờ chứng minh nơi cư trú số {} của người đề nghị"


@pytest.mark.parametrize(("page_size", "paper"), [("A4", LONG_PAPER), ("A5", SHORT_PAPER)])
def test_twelve_papers_and_a_200_character_address_fit_one_page_inside_margins(page_size: str, paper: str) -> None:
    assert len(ADDRESS_200) >= 200
    papers = tuple(SlipPaper(paper.format(i), 1, 2) for i in range(1, 13))
    pdf = render_slip(make_slip(applicant_address=ADDRESS_200, owner_address=ADDRESS_200, papers=papers), page_size)
    pages = pages_text(pdf)
    assert len(pages) == 2
    assert "(Liên 1: Lưu)" in pages[0] and "(Liên 2: Giao người nộp)" in pages[1]
    last = paper.format(12)
    assert last in pages[0].replace("\n", " ") and last in pages[1].replace("\n", " ")
    assert_inside_margins(pdf, page_size)


def test_unbroken_long_value_is_cut_inside_the_margin() -> None:
    email = "nguyen.thi.thu.huong." + "x" * 150 + "@example.vn"
    pdf = render_slip(make_slip(applicant_email=email))
    assert_inside_margins(pdf, "A4")
    assert len(PdfReader(_stream(pdf)).pages) == 2


def test_huge_paper_list_continues_on_further_pages_of_each_copy() -> None:
    papers = tuple(SlipPaper(f"Giấy tờ kèm theo số {i} của hồ sơ đề nghị", 1, 1) for i in range(1, 61))
    pages = pages_text(render_slip(make_slip(papers=papers)))
    assert len(pages) >= 4 and len(pages) % 2 == 0
    half = len(pages) // 2
    assert all("Liên 1" in page for page in pages[:half])
    assert all("Liên 2" in page for page in pages[half:])
    assert "(tiếp theo)" in pages[1]
    assert "Giấy tờ kèm theo số 60 của hồ sơ đề nghị" in "".join(pages[:half])


def test_owner_lines_only_when_the_owner_is_someone_else() -> None:
    assert "Chủ hồ sơ" not in pages_text(render_slip(make_slip(owner_name=None, owner_address=None)))[0]
    same = make_slip(owner_name="NGUYỄN THỊ THU HƯƠNG", owner_address="Thôn Hiệp Khởi")
    assert "Chủ hồ sơ" not in pages_text(render_slip(same))[0]
    assert "Địa chỉ chủ hồ sơ: Số 12 đường Lê Lợi" in pages_text(render_slip(make_slip()))[0]


def test_delivery_place_does_not_repeat_tai() -> None:
    first = pages_text(render_slip(make_slip()))[0]
    assert "Đăng ký nhận kết quả tại: Bộ phận Một cửa" in first
    post = pages_text(render_slip(make_slip(result_delivery="Qua dịch vụ bưu chính công ích")))[0]
    assert "Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích" in post


def test_decomposed_input_is_printed_composed() -> None:
    nfd = unicodedata.normalize("NFD", "Đặng Văn Đức")
    text = pages_text(render_slip(make_slip(applicant_name=nfd, owner_name=None)))[0]
    assert "Đặng Văn Đức" in text


def test_unknown_page_size_is_refused_in_vietnamese() -> None:
    with pytest.raises(PrintError) as error:
        render_slip(make_slip(), page_size="Letter")  # type: ignore[arg-type]
    assert "Khổ giấy" in error.value.text("vi") and "Paper size" in error.value.text("en")


def test_write_slip_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "phieu" / "000.17.22.H56-260305-0012.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    assert write_slip(make_slip(), target) == target
    assert target.read_bytes().startswith(b"%PDF-")
    assert len(PdfReader(str(target)).pages) == 2
    assert os.listdir(target.parent) == [target.name]


def test_write_slip_to_an_unwritable_place_raises_print_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    with pytest.raises(PrintError) as error:
        write_slip(make_slip(), blocker / "slip.pdf")
    assert "Không ghi được" in error.value.text("vi")
    assert list(tmp_path.iterdir()) == [blocker]
