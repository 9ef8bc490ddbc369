"""Shared form layout: date formats, wrapping, agency names, QR runs, font setup."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest
import segno
from reportlab.pdfbase import pdfmetrics

from desk_app.printing.fonts import SERIF, SERIF_BOLD, fonts_dir, register_fonts
from desk_app.printing.layout import (
    date_line,
    line_width,
    name_in_sentence,
    shrink_to_fit,
    time_and_date,
    vn_month,
    wrap,
)
from desk_app.printing.qr import encode


def test_month_is_padded_for_january_and_february_only() -> None:
    assert [vn_month(m) for m in range(1, 13)] == ["01", "02", *map(str, range(3, 13))]


def test_date_line_uses_place_and_two_digit_day() -> None:
    assert date_line("Đông Sơn", datetime(2026, 2, 3)) == "Đông Sơn, ngày 03 tháng 02 năm 2026"
    assert date_line("Đông Sơn", datetime(2026, 11, 24)) == "Đông Sơn, ngày 24 tháng 11 năm 2026"


def test_time_and_date_is_hours_minutes_then_numeric_date() -> None:
    assert time_and_date(datetime(2026, 3, 5, 7, 5)) == "07 giờ 05 phút, ngày 05/03/2026"


def test_agency_name_in_running_text_keeps_the_place_name() -> None:
    assert name_in_sentence("ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN", ["Đông Sơn"]) == "Ủy ban nhân dân xã Đông Sơn"
    assert name_in_sentence("Trung tâm Phục vụ hành chính công") == "Trung tâm Phục vụ hành chính công"


def test_wrapped_lines_never_exceed_the_width_and_keep_every_word() -> None:
    register_fonts()
    runs = [("Nội dung yêu cầu giải quyết: ", SERIF), ("Đăng ký khai sinh có yếu tố nước ngoài " * 6, SERIF_BOLD)]
    lines = wrap(runs, 13, 200, first_width=300)
    assert len(lines) > 2
    assert line_width(lines[0], 13) <= 300
    assert all(line_width(line, 13) <= 200 + 1e-6 for line in lines[1:])
    words = " ".join(text for line in lines for text, _, _ in line).split()
    assert words == " ".join(text for text, _ in runs).split()


def test_a_word_longer_than_the_line_is_cut_between_characters() -> None:
    register_fonts()
    word = "Đ" * 80
    lines = wrap([(word, SERIF)], 12, 100)
    assert len(lines) > 1
    assert all(line_width(line, 12) <= 100 for line in lines)
    assert "".join(text for line in lines for text, _, _ in line) == word


def test_runs_without_space_between_them_stay_glued() -> None:
    register_fonts()
    (line,) = wrap([("Mã: ", SERIF), ("000.17", SERIF_BOLD), (",", SERIF)], 12, 500)
    assert [text for text, _, _ in line] == ["Mã:", "000.17", ","]
    assert line[2][2] == pytest.approx(line[1][2] + pdfmetrics.stringWidth("000.17", SERIF_BOLD, 12))


def test_slightly_long_name_shrinks_to_one_line_but_a_long_one_wraps() -> None:
    register_fonts()
    text = "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN"
    natural = pdfmetrics.stringWidth(text, SERIF, 12)
    assert shrink_to_fit(text, SERIF, 12, natural * 0.95) == pytest.approx(12 * 0.95)
    assert shrink_to_fit(text, SERIF, 12, natural * 0.5) == 12


def test_qr_runs_cover_exactly_the_dark_modules() -> None:
    text = "https://tracuu.example.vn/tra-cuu?ma=000.17.22.H56-260305-0001&k=abc"
    symbol = segno.make(text, error="m", micro=False)
    matrix = encode(text)
    assert matrix.modules == len(symbol.matrix)
    assert matrix.dark_cells() == {(r, c) for r, row in enumerate(symbol.matrix) for c, bit in enumerate(row) if bit}
    assert all(length >= 1 for _, _, length in matrix.runs)


def test_fonts_ship_with_their_licence_and_have_vietnamese_glyphs() -> None:
    register_fonts()
    register_fonts()  # idempotent
    assert (fonts_dir() / "LICENSE-LiberationFonts.txt").read_text(encoding="utf-8").count("SIL") >= 2
    face = pdfmetrics.getFont(SERIF).face
    assert all(ord(ch) in face.charWidths for ch in "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸđĐơƠưƯ")


def test_resources_are_found_under_meipass_in_a_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert (fonts_dir() / "LiberationSerif-Regular.ttf").is_file()
    assert fonts_dir().parent.parent == Path(__file__).resolve().parents[2]
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert fonts_dir() == tmp_path / "resources" / "fonts"
