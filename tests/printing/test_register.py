"""Mẫu 07 register PDF: landscape A4, thirteen numbered columns on every page, every row once,
page numbers, volume in the title, nothing outside the margins."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pytest
from pypdf import PdfReader

from desk_app.printing.fonts import PrintError
from desk_app.printing.forms_sample import sample_entries, sample_register
from desk_app.printing.register import REGISTER_SPEC, entry_cells, render_register
from tests.printing.test_forms import assert_fonts_embedded, assert_inside

CODE = re.compile(r"000\.17\.22\.H56-\d{6}-(\d{4})")


def pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def big() -> bytes:
    return render_register(sample_register(300))


def test_register_of_300_rows_spans_pages_each_with_the_heading_and_numbers(big: bytes) -> None:
    texts = pages(big)
    assert len(texts) >= 5
    for number, text in enumerate(texts, start=1):
        assert "Ngày, tháng, năm" in text and "Mã hồ sơ" in text and "Ghi chú" in text, number
        assert "(1) (2) (3)" in text and "(12) (13)" in text, number
        assert f"Trang {number}/{len(texts)}" in text
        assert "Quyển số 01/2026" in text


def test_register_prints_every_row_exactly_once_in_order(big: bytes) -> None:
    found = [int(m) for text in pages(big) for m in CODE.findall(text)]
    assert found == list(range(1, 301))
    assert "Tổng số hồ sơ trong kỳ: 300" in pages(big)[-1]


def test_register_first_page_has_header_title_volume_and_period(big: bytes) -> None:
    first = pages(big)[0]
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Đông Sơn, ngày 01 tháng 4 năm 2026",
        "SỔ THEO DÕI HỒ SƠ",
        "Quyển số: 01/2026",
        "Từ ngày 01/03/2026 đến ngày 31/03/2026",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Trả kết quả cho cá nhân, tổ chức",
    ):
        assert expected in first, expected
    assert "SỔ THEO DÕI HỒ SƠ" not in pages(big)[1].replace("Sổ theo dõi hồ sơ – Quyển", "")


def test_register_row_holds_all_thirteen_values() -> None:
    entry = sample_entries(1)[0]
    cells = entry_cells(entry)
    assert len(cells) == 13
    text = pages(render_register(sample_register(1)))[0]
    for value in (
        "000.17.22.H56-260302-0001",
        "Đăng ký khai sinh",
        "Nguyễn Thị Thu Hương",
        "Thôn 1, xã Đông Sơn; 0912 000 678",
        "UBND xã Đông Sơn",
        "02/03/2026 07:30",
        "05/03/2026 07:30",
        "02/03/2026 09:30",
        "04/03/2026 07:30",
        "04/03/2026 10:30",
    ):
        assert value in text, value


def test_register_is_landscape_a4_with_fonts_embedded_and_inside_margins(big: bytes) -> None:
    box = PdfReader(io.BytesIO(big)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert_fonts_embedded(big)
    assert_inside(big, REGISTER_SPEC)


def test_empty_register_still_prints_the_heading_and_a_zero_total() -> None:
    text = pages(render_register(sample_register(0, printed_at=datetime(2026, 2, 1, 8, 0))))
    assert len(text) == 1 and "(13)" in text[0] and "Tổng số hồ sơ trong kỳ: 0" in text[0]
    assert "ngày 01 tháng 02 năm 2026" in text[0]


def test_register_refuses_a5() -> None:
    with pytest.raises(PrintError) as error:
        render_register(sample_register(1), page_size="A5")
    assert "A4 ngang" in error.value.text("vi")
