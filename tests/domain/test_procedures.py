"""The procedure catalogue: the shipped sample, validation of catalogue data, lookup and search."""

from __future__ import annotations

import copy
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from desk_app.domain.errors import InvalidInput, UnknownProcedure
from desk_app.domain.fees import FeeKind, FeeRule
from desk_app.domain.procedures import (
    Catalogue,
    Procedure,
    RequiredPaper,
    catalogue_to_dict,
    load_catalogue,
    parse_catalogue,
)
from desk_app.domain.work_calendar import Duration, DurationUnit
from desk_app.resources import resource_path, sample_catalogue_path

# The shipped sample is read once: it is a read-only resource of the package, like a font.
SAMPLE = load_catalogue(sample_catalogue_path())


def _procedure(code: str, name: str, *, common: bool = False) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "field": "Hộ tịch",
        "level": "Cấp xã",
        "common": common,
        "duration": "3 working_days",
        "fee": {"kind": "none", "amount": 0},
        "papers": [{"name": "Tờ khai (theo mẫu)", "originals": 1, "copies": 0, "shown_only": False}],
        "result": "Trích lục",
    }


def _data(*procedures: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": 1,
        "version": "HN-2026.3",
        "province": "Thành phố Hà Nội",
        "is_sample": False,
        "procedures": list(procedures) or [_procedure("1.001193", "Đăng ký khai sinh", common=True)],
    }


def _refused(data: dict[str, Any]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_catalogue(data)
    return caught.value


# --- the shipped sample ------------------------------------------------------------------------


def test_sample_catalogue_has_at_least_18_real_commune_procedures() -> None:
    codes = {p.code for p in SAMPLE.procedures}
    assert len(codes) >= 18
    assert {"1.001193", "1.000656", "1.000894", "1.004873", "2.000815", "2.000884", "2.000635"} <= codes
    assert {"1.001612", "1.001776", "1.001731", "1.001699"} <= codes


def test_sample_catalogue_says_it_is_sample_data_in_both_languages() -> None:
    assert SAMPLE.is_sample is True
    assert SAMPLE.version == "sample-2026.11"
    assert SAMPLE.province == "Mẫu (dữ liệu mẫu)"
    assert "DỮ LIỆU MẪU" in SAMPLE.notice and "SAMPLE DATA" in SAMPLE.notice
    assert "[M]" in SAMPLE.notice


def test_sample_catalogue_marks_about_six_common_procedures() -> None:
    common = {p.code for p in SAMPLE.procedures if p.common}
    assert 5 <= len(common) <= 8
    assert {"1.001193", "2.000815", "2.000884"} <= common


def test_every_sample_procedure_has_papers_result_and_a_source_note() -> None:
    for procedure in SAMPLE.procedures:
        assert procedure.papers, procedure.code
        assert procedure.result, procedure.code
        assert "[" in procedure.source, procedure.code
        assert procedure.catalogue_version == "sample-2026.11"


def test_sample_text_is_stored_in_nfc() -> None:
    for procedure in SAMPLE.procedures:
        for text in (procedure.name, procedure.field, procedure.result, *(p.name for p in procedure.papers)):
            assert unicodedata.is_normalized("NFC", text)


def test_birth_registration_is_same_day_and_free_on_time() -> None:
    birth = SAMPLE.get("1.001193")
    assert birth.name == "Đăng ký khai sinh"
    assert birth.field == "Hộ tịch"
    assert birth.duration == Duration(0, DurationUnit.SAME_DAY)
    assert birth.fee.kind is FeeKind.NONE
    assert "60 ngày" in birth.fee.note_vi


def test_certified_copy_fee_is_per_page_cheaper_from_page_3_and_capped() -> None:
    fee = SAMPLE.get("2.000815").fee
    assert (fee.kind, fee.amount, fee.later_pages_from, fee.later_page_amount, fee.cap_per_copy) == (
        FeeKind.PER_PAGE,
        2000,
        3,
        1000,
        200000,
    )


def test_certified_copy_original_is_only_shown() -> None:
    papers = SAMPLE.get("2.000815").papers
    assert papers[0].shown_only is True and papers[0].originals == 1
    assert any(p.copies >= 1 and not p.shown_only for p in papers)


def test_marital_status_certificate_takes_three_working_days() -> None:
    assert SAMPLE.get("1.004873").duration == Duration(3, DurationUnit.WORKING_DAYS)


def test_household_business_procedures_are_in_their_own_field() -> None:
    assert SAMPLE.get("1.001612").field == "Thành lập và hoạt động của hộ kinh doanh"
    assert SAMPLE.get("1.001776").field == "Bảo trợ xã hội"


def test_catalogue_round_trips_through_its_dict_form() -> None:
    again = parse_catalogue(catalogue_to_dict(SAMPLE))
    assert again == SAMPLE
    assert catalogue_to_dict(again) == catalogue_to_dict(SAMPLE)


def test_online_duration_round_trips_when_it_differs() -> None:
    entry = _procedure("1.001612", "Đăng ký thành lập hộ kinh doanh")
    entry["online_duration"] = "2 working_days"
    catalogue = parse_catalogue(_data(entry))
    assert catalogue.procedures[0].online_duration == Duration(2, DurationUnit.WORKING_DAYS)
    assert catalogue_to_dict(catalogue)["procedures"][0]["online_duration"] == "2 working_days"
    assert parse_catalogue(catalogue_to_dict(catalogue)) == catalogue


# --- get ---------------------------------------------------------------------------------------


def test_get_unknown_code_names_the_code_in_both_languages() -> None:
    with pytest.raises(UnknownProcedure) as caught:
        SAMPLE.get("9.999999")
    assert "9.999999" in caught.value.message and "9.999999" in caught.value.english
    assert "Không có thủ tục" in caught.value.message
    assert "not in catalogue" in caught.value.english


def test_get_trims_the_typed_code() -> None:
    assert SAMPLE.get(" 1.000894 ").name == "Đăng ký kết hôn"


# --- find --------------------------------------------------------------------------------------


def test_find_khai_sinh_without_tones_puts_birth_registration_first() -> None:
    found = SAMPLE.find("khai sinh")
    assert found[0].code == "1.001193"
    assert {"1.004884", "1.000689"} <= {p.code for p in found}


def test_find_chung_thuc_ban_sao_finds_the_certified_copy_first() -> None:
    found = SAMPLE.find("chung thuc ban sao")
    assert found[0].code == "2.000815"
    assert all("chung" in p.name_folded and "sao" in p.name_folded for p in found)


def test_find_ket_hon_puts_marriage_before_re_registration() -> None:
    assert [p.code for p in SAMPLE.find("ket hon")][:2] == ["1.000894", "1.004746"]


def test_find_requires_every_word_to_match() -> None:
    assert SAMPLE.find("khai sinh ket hon") == []


def test_find_matches_word_prefixes_not_inner_substrings() -> None:
    assert SAMPLE.find("kha sin")[0].code == "1.001193"
    assert SAMPLE.find("hai inh") == []


def test_find_accepts_tones_capitals_and_decomposed_text() -> None:
    typed = unicodedata.normalize("NFD", "KẾT HÔN")
    assert SAMPLE.find(typed)[0].code == "1.000894"
    assert SAMPLE.find("Đăng ký khai tử")[0].code == "1.000656"


def test_find_by_code_prefix_with_or_without_dot() -> None:
    assert {p.code for p in SAMPLE.find("2.0008")} == {"2.000815", "2.000884"}
    assert SAMPLE.find("1001193")[0].code == "1.001193"


def test_find_puts_common_procedures_first_then_shorter_names() -> None:
    catalogue = parse_catalogue(
        _data(
            _procedure("1.000003", "Đăng ký lại khai sinh cho người đã có hồ sơ"),
            _procedure("1.000002", "Đăng ký lại khai sinh"),
            _procedure("1.000001", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", common=True),
        )
    )
    assert [p.code for p in catalogue.find("khai sinh")] == ["1.000001", "1.000002", "1.000003"]


def test_find_with_empty_query_offers_common_procedures_first() -> None:
    first = SAMPLE.find("", limit=6)
    assert all(p.common for p in first)


def test_find_respects_the_limit() -> None:
    assert len(SAMPLE.find("dang ky", limit=3)) == 3
    assert SAMPLE.find("dang ky", limit=0) == []


def test_name_folded_has_no_marks_and_d_for_đ() -> None:
    assert SAMPLE.get("1.001193").name_folded == "dang ky khai sinh"


# --- validation --------------------------------------------------------------------------------


def test_parse_refuses_an_unknown_schema_version() -> None:
    data = _data()
    data["schema"] = 2
    error = _refused(data)
    assert error.field == "schema" and "2" in error.message


def test_parse_refuses_duplicate_codes_naming_the_code() -> None:
    error = _refused(_data(_procedure("1.001193", "Đăng ký khai sinh"), _procedure("1.001193", "Khai sinh")))
    assert "1.001193" in error.message and "trùng" in error.message
    assert "appears twice" in error.english


@pytest.mark.parametrize("code", ["1.0011", "1001193", "1.001193a", "A.001193", 1.001193])
def test_parse_refuses_a_malformed_code(code: object) -> None:
    entry = _procedure("1.001193", "Đăng ký khai sinh")
    entry["code"] = code
    error = _refused(_data(entry))
    assert error.field == "code" and "thủ tục thứ 1" in error.message and "d.dddddd" in error.english


def test_parse_refuses_a_bad_duration_naming_procedure_and_field() -> None:
    entry = _procedure("1.004884", "Đăng ký lại khai sinh")
    entry["duration"] = "3 tuần"
    error = _refused(_data(entry))
    assert error.field == "duration"
    assert "1.004884" in error.message and "«duration»" in error.message
    assert "procedure 1.004884, field 'duration'" in error.english


def test_parse_refuses_a_missing_duration() -> None:
    entry = _procedure("1.004884", "Đăng ký lại khai sinh")
    del entry["duration"]
    assert _refused(_data(entry)).field == "duration"


def test_parse_refuses_a_negative_paper_count() -> None:
    entry = _procedure("1.004884", "Đăng ký lại khai sinh")
    entry["papers"][0]["copies"] = -1
    error = _refused(_data(entry))
    assert error.field == "copies" and "giấy tờ thứ 1" in error.message and "-1" in error.english


def test_parse_refuses_a_paper_with_neither_original_nor_copy() -> None:
    entry = _procedure("1.004884", "Đăng ký lại khai sinh")
    entry["papers"][0]["originals"] = 0
    assert "1.004884" in _refused(_data(entry)).message


def test_parse_refuses_a_bad_fee_naming_the_procedure() -> None:
    entry = _procedure("2.000884", "Chứng thực chữ ký")
    entry["fee"] = {"kind": "per_case", "amount": -10000}
    error = _refused(_data(entry))
    assert error.field == "fee" and "2.000884" in error.message


def test_parse_refuses_an_empty_name_and_a_non_boolean_flag() -> None:
    entry = _procedure("1.001193", "   ")
    assert _refused(_data(entry)).field == "name"
    entry = _procedure("1.001193", "Đăng ký khai sinh")
    entry["common"] = "yes"
    assert _refused(_data(entry)).field == "common"


def test_parse_refuses_a_catalogue_without_procedures() -> None:
    data = _data()
    data["procedures"] = []
    assert _refused(data).field == "procedures"


def test_parse_ignores_unknown_keys_from_a_newer_centre() -> None:
    entry = _procedure("1.001193", "Đăng ký khai sinh")
    entry["online_level"] = "toàn trình"
    assert parse_catalogue(_data(entry)).get("1.001193").name == "Đăng ký khai sinh"


def test_parse_cleans_text_into_nfc() -> None:
    entry = _procedure("1.000656", unicodedata.normalize("NFD", "  Đăng ký   khai tử "))
    name = parse_catalogue(_data(entry)).get("1.000656").name
    assert name == "Đăng ký khai tử" and unicodedata.is_normalized("NFC", name)


def test_parse_does_not_change_its_input() -> None:
    data = _data()
    before = copy.deepcopy(data)
    parse_catalogue(data)
    assert data == before


def test_procedures_built_in_code_compare_equal_to_parsed_ones() -> None:
    built = Procedure(
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        level="Cấp xã",
        duration=Duration.parse("3 working_days"),
        online_duration=None,
        fee=FeeRule.from_dict({"kind": "none", "amount": 0}),
        papers=(RequiredPaper("Tờ khai (theo mẫu)", 1, 0),),
        result="Trích lục",
        common=True,
        catalogue_version="HN-2026.3",
    )
    parsed = parse_catalogue(_data()).get("1.001193")
    assert parsed == built
    assert Catalogue("HN-2026.3", "Thành phố Hà Nội", False, (built,)).get("1.001193") is built


# --- files and resources -----------------------------------------------------------------------


def test_sample_catalogue_path_is_under_the_top_level_resources_folder() -> None:
    path = sample_catalogue_path()
    assert path.is_file()
    assert path.parent.parent.name == "resources"
    assert (path.parent.parent.parent / "desk_app").is_dir()


def test_resource_path_uses_the_bundle_folder_when_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", "/opt/mot-cua-desk/_internal", raising=False)
    assert resource_path("fonts", "x.ttf") == Path("/opt/mot-cua-desk/_internal/resources/fonts/x.ttf")


def test_load_catalogue_reports_broken_json_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "catalogue.json"
    broken.write_text('{"schema": 1,\n "version": }', encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_catalogue(broken)
    assert "dòng 2" in caught.value.message and "line 2" in caught.value.english


def test_load_catalogue_reports_a_missing_file() -> None:
    with pytest.raises(InvalidInput) as caught:
        load_catalogue(Path("/nonexistent/catalogue.json"))
    assert "Không đọc được" in caught.value.message


def test_papers_needed_only_in_some_cases_are_marked_conditional_in_the_sample() -> None:
    papers = {p.name: p for p in SAMPLE.get("1.001193").papers}
    assert papers["Văn bản ủy quyền (nếu nộp hồ sơ thay)"].conditional is True
    assert papers["Tờ khai đăng ký khai sinh (theo mẫu)"].conditional is False
    # "…nếu không có Giấy chứng sinh" offers an alternative to a required paper: still required
    assert not next(p for name, p in papers.items() if name.startswith("Giấy chứng sinh")).conditional


def test_a_conditional_flag_that_is_not_true_or_false_is_refused_naming_the_paper() -> None:
    data = _data()
    data["procedures"][0]["papers"][0]["conditional"] = "có"
    with pytest.raises(InvalidInput) as refused:
        parse_catalogue(data)
    assert "conditional" in refused.value.english and "paper #1" in refused.value.english
