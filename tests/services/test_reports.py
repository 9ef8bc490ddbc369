"""The period report and the end-of-day summary: counting rules on hand-built dossiers, the readers
on a real desk, the PDFs' text and ``desk-app report``."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.cli import main
from desk_app.domain.citizen_card import Gender
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import Event, EventKind, Status
from desk_app.domain.intake import IntakeForm, Person
from desk_app.domain.lifecycle import DossierState, fold
from desk_app.printing.report import render_day_summary, render_period_report
from desk_app.services.desk import Desk
from desk_app.services.reports import (
    Case,
    case_of,
    count_period,
    day_summary,
    output_format,
    period_report,
    summarise_day,
)
from tests.domain.factories import DUE_AT, RECEIVED_AT, received, then

NOVEMBER = (date(2025, 11, 1), date(2025, 11, 30))


def _state(*steps: tuple[EventKind, dict], **receipt: object) -> tuple[DossierState, list[Event]]:
    events = [received(**receipt)]
    for kind, payload in steps:
        events.append(then(kind, events[-1], payload))
    state = fold(events)
    assert state is not None and not state.anomalies
    return state, events


def _finished_at(when: datetime, **receipt: object) -> Case:
    state, events = _state((EventKind.RESULT_RECEIVED, {"at": when.isoformat()}), **receipt)
    return case_of(state, events)


def test_finish_is_early_on_time_or_late_by_the_date_part_only() -> None:
    cases = [
        _finished_at(DUE_AT - timedelta(days=1)),  # the day before: early
        _finished_at(DUE_AT.replace(hour=16, minute=45)),  # due 09:15, done 16:45 the same day: on time
        _finished_at(DUE_AT + timedelta(days=1, hours=-9)),  # next morning 00:15: late
    ]
    rows, total = count_period(cases, *NOVEMBER)
    assert (total.finished_early, total.finished_on_time, total.finished_late) == (1, 1, 1)
    assert len(rows) == 1 and rows[0].procedure_code == "1.001193"
    assert rows[0].procedure_name == "Thủ tục đăng ký khai sinh"
    assert total.received == total.received_desk == 3


def test_an_extended_dossier_still_counts_late_against_its_original_due_date() -> None:
    new_due = DUE_AT + timedelta(days=5)
    state, events = _state(
        (EventKind.EXTENDED, {"new_due_at": new_due.isoformat()}),
        (EventKind.RESULT_RECEIVED, {"at": (DUE_AT + timedelta(days=2)).isoformat()}),
    )
    assert state.due_at == new_due  # the clerk's appointment moved…
    case = case_of(state, events)
    assert case.judged_due == DUE_AT  # …but the index judges it against the original
    _, total = count_period([case], *NOVEMBER)
    assert (total.finished_on_time, total.finished_late) == (0, 1)


def test_a_due_date_recomputed_after_a_supplement_stands() -> None:
    later = DUE_AT + timedelta(days=3)
    state, events = _state(
        (EventKind.SUPPLEMENT_REQUESTED, {}),
        (EventKind.SUPPLEMENT_RECEIVED, {"due_at": later.isoformat()}),
        (EventKind.RESULT_RECEIVED, {"at": (DUE_AT + timedelta(days=2)).isoformat()}),
    )
    _, total = count_period([case_of(state, events)], *NOVEMBER)
    assert (total.finished_early, total.finished_late) == (1, 0)


def test_paused_dossiers_count_as_paused_not_in_progress() -> None:
    waiting, w_events = _state((EventKind.SUPPLEMENT_REQUESTED, {}))
    paying, p_events = _state((EventKind.PAYMENT_REQUESTED, {}))
    stopped, s_events = _state((EventKind.STOPPED, {"at": "2025-11-27T10:00:00"}))
    assert [s.status for s in (waiting, paying, stopped)] == [5, 6, 8]
    cases = [case_of(waiting, w_events), case_of(paying, p_events), case_of(stopped, s_events)]
    _, total = count_period(cases, *NOVEMBER)
    assert total.paused == 3
    assert total.in_progress_on_time + total.in_progress_late == 0


def test_open_dossiers_are_in_progress_on_time_when_due_on_or_after_the_last_day() -> None:
    on_time, e1 = _state(due_at="2025-11-30T09:00:00")
    late, e2 = _state(due_at="2025-11-29T17:00:00")
    _, total = count_period([case_of(on_time, e1), case_of(late, e2)], *NOVEMBER)
    assert (total.in_progress_on_time, total.in_progress_late) == (1, 1)


def test_a_dossier_finished_after_the_period_was_in_progress_at_its_end() -> None:
    case = _finished_at(datetime(2025, 12, 2, 9), due_at="2025-12-05T09:00:00")
    _, total = count_period([case], *NOVEMBER)
    assert (total.finished_on_time, total.in_progress_on_time) == (0, 1)
    december = count_period([case], date(2025, 12, 1), date(2025, 12, 31))[1]
    assert december.received == 0  # received in November
    assert december.finished_early == 1


def test_returned_dossiers_count_with_their_ratings_whatever_the_case() -> None:
    cases = []
    for rating in ("Rất hài lòng", "hài lòng", "Hài lòng", "KHÔNG HÀI LÒNG", None):
        state, events = _state(
            (EventKind.RESULT_RECEIVED, {"at": "2025-11-27T10:00:00"}),
            (EventKind.RESULT_RETURNED, {"at": "2025-11-28T08:00:00", "rating": rating}),
        )
        cases.append(case_of(state, events))
    _, total = count_period(cases, *NOVEMBER)
    assert total.returned == 5
    assert (total.very_satisfied, total.satisfied, total.dissatisfied) == (1, 2, 1)


def test_received_is_split_by_channel_and_refused_dossiers_are_only_received() -> None:
    online, e1 = _state(channel="online")
    post, e2 = _state(channel=3)
    refused, e3 = _state((EventKind.REFUSED, {"at": "2025-11-26T10:00:00"}))
    _, total = count_period([case_of(online, e1), case_of(post, e2), case_of(refused, e3)], *NOVEMBER)
    assert (total.received_desk, total.received_online, total.received_post) == (1, 1, 1)
    # the two open ones are due 28/11, before the period's last day; the refused one is neither
    # finished nor in progress
    assert total.values()[4:10] == (0, 0, 0, 0, 2, 0)


def test_dossiers_received_after_the_period_or_closed_before_it_count_nowhere() -> None:
    after, e1 = _state(received_at="2025-12-01T08:00:00", due_at="2025-12-03T08:00:00")
    closed = _finished_at(datetime(2025, 10, 30, 9), received_at="2025-10-27T08:00:00", due_at="2025-10-31T08:00:00")
    rows, total = count_period([case_of(after, e1), closed], *NOVEMBER)
    assert rows == () and sum(total.values()) == 0


def test_digitised_counts_dossiers_with_a_scanned_paper_when_that_event_exists() -> None:
    state, events = _state()
    kind = getattr(EventKind, "PAPER_SCANNED", None)
    if kind is not None:
        events.append(then(kind, events[-1], {"sha256": "0" * 64, "name": "to_khai.pdf"}))
    case = case_of(state, events)
    assert case.digitised is (kind is not None)
    assert count_period([case], *NOVEMBER)[1].digitised == int(kind is not None)


def test_day_summary_counts_received_returned_due_next_and_overdue() -> None:
    day = RECEIVED_AT.date()  # Wednesday 26/11/2025
    today, _ = _state(due_at="2025-11-27T09:15:00")  # received today, due tomorrow
    overdue, _ = _state(received_at="2025-11-20T08:00:00", due_at="2025-11-25T08:00:00")
    returned, _ = _state(
        (EventKind.RESULT_RECEIVED, {"at": "2025-11-26T08:00:00"}),
        (EventKind.RESULT_RETURNED, {"at": "2025-11-26T10:00:00", "rating": "Hài lòng"}),
        received_at="2025-11-24T08:00:00",
    )
    counts = summarise_day([today, overdue, returned], day, date(2025, 11, 27), datetime(2025, 11, 26, 17))
    assert [(p.procedure_code, p.received) for p in counts.received] == [("1.001193", 1)]
    assert (counts.returned, counts.due_next_working_day, counts.overdue) == (1, 1, 1)
    assert overdue.status is Status.RECEIVED


def _receive(desk: Desk, name: str, when: datetime, procedure: str = "1.004873") -> str:
    person = Person(name, "038185000123", date(1985, 5, 5), Gender.FEMALE, phone="0912345678")
    form = IntakeForm(applicant=person, procedure_code=procedure)
    return desk.receive(form, "canbo1", now=when).state.dossier_id


def test_period_report_reads_the_desk_and_its_pdf_holds_the_totals(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path)
    desk.ensure_demo_unit()
    first = _receive(desk, "Nguyễn Thị Thu Hương", datetime(2026, 11, 3, 9))
    _receive(desk, "Đặng Văn Đức", datetime(2026, 11, 4, 14))
    _receive(desk, "Trần Văn Ngoài", datetime(2026, 12, 1, 9))  # after the period
    desk.record(first, EventKind.RESULT_RECEIVED, {"at": "2026-11-04T15:00:00"}, "canbo1")
    desk.record(first, EventKind.RESULT_RETURNED, {"at": "2026-11-05T08:00:00", "rating": "Rất hài lòng"}, "canbo1")
    report = period_report(desk, date(2026, 11, 1), date(2026, 11, 30), now=datetime(2026, 12, 1, 8))
    assert report.total.received == 2 and report.total.returned == 1 and report.total.very_satisfied == 1
    assert report.total.finished_early + report.total.finished_on_time == 1
    assert report.total.in_progress_late == 1  # due long before 30/11 and still open
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(render_period_report(report))).pages)
    assert "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH" in text
    assert "Từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    assert "Tổng số hồ sơ tiếp nhận: 2; đã giải quyết: 1" in text
    assert "Biểu đồ" in text and "Cấp Giấy xác nhận tình trạng hôn nhân" in text
    with pytest.raises(InvalidInput):
        period_report(desk, date(2026, 11, 30), date(2026, 11, 1))
    summary = day_summary(desk, date(2026, 11, 4), now=datetime(2026, 11, 4, 17, 30))
    assert summary.received_total == 1 and summary.unsynced_events >= 4
    day_text = PdfReader(io.BytesIO(render_day_summary(summary))).pages[0].extract_text()
    assert "BÁO CÁO TỔNG HỢP CUỐI NGÀY" in day_text and "Ngày 04/11/2026" in day_text
    assert f"Sự kiện chưa đồng bộ lên trung tâm: {summary.unsynced_events}" in day_text
    desk.close()


def test_output_format_follows_the_suffix_unless_told() -> None:
    assert output_format(Path("bao_cao.XLSX")) == "xlsx"
    assert output_format(Path("bao_cao.xlsx"), "pdf") == "pdf"
    with pytest.raises(InvalidInput):
        output_format(Path("bao_cao.docx"))


def test_report_command_writes_the_period_report_and_the_day_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "demo-data", "--dossiers", "200"]) == 0
    today = date.today()
    start = (today - timedelta(days=60)).isoformat()
    pdf, xlsx, day = tmp_path / "bao_cao.pdf", tmp_path / "bao_cao.xlsx", tmp_path / "cuoi_ngay.pdf"
    assert main(["--data-dir", data, "report", "--from", start, "--to", today.isoformat(), "--out", str(pdf)]) == 0
    assert main(["--data-dir", data, "report", "--from", start, "--to", today.isoformat(), "--out", str(xlsx)]) == 0
    assert main(["--data-dir", data, "report", "--day", today.isoformat(), "--out", str(day)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Tổng số hồ sơ tiếp nhận: 200;" in text
    assert "BÁO CÁO TỔNG HỢP CUỐI NGÀY" in PdfReader(day).pages[0].extract_text()
    assert xlsx.read_bytes()[:2] == b"PK"
    assert main(["--data-dir", data, "report", "--from", start, "--out", str(pdf)]) == 2
    assert "--from and --to are required" in capsys.readouterr().err


def test_a_past_period_counts_each_dossier_as_it_stood_at_the_periods_end(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path)
    desk.ensure_demo_unit()
    paused_later = _receive(desk, "Nguyễn Thị Thu Hương", datetime(2026, 11, 3, 9))
    paused_then = _receive(desk, "Đặng Văn Đức", datetime(2026, 11, 4, 14))
    returned_later = _receive(desk, "Lê Văn Hải", datetime(2026, 11, 5, 9))
    # in November: one dossier waits for a supplement; in December the others move on
    desk.record(paused_then, EventKind.SUPPLEMENT_REQUESTED, {"at": "2026-11-20T10:00:00"}, "canbo1")
    desk.record(paused_then, EventKind.SUPPLEMENT_RECEIVED, {"at": "2026-12-02T09:00:00"}, "canbo1")
    desk.record(paused_later, EventKind.SUPPLEMENT_REQUESTED, {"at": "2026-12-01T10:00:00"}, "canbo1")
    desk.record(returned_later, EventKind.RESULT_RECEIVED, {"at": "2026-12-01T15:00:00"}, "canbo1")
    returned = {"at": "2026-12-02T08:00:00", "rating": "Hài lòng"}
    desk.record(returned_later, EventKind.RESULT_RETURNED, returned, "canbo1")
    november = period_report(desk, date(2026, 11, 1), date(2026, 11, 30), now=datetime(2026, 12, 3, 8)).total
    assert november.paused == 1  # paused_then, as on 30/11 (resumed only in December)
    assert november.in_progress_on_time + november.in_progress_late == 2  # paused_later and returned_later
    assert november.returned == 0 and november.satisfied == 0
    december = period_report(desk, date(2026, 12, 1), date(2026, 12, 31), now=datetime(2026, 12, 3, 8)).total
    assert december.paused == 1 and december.returned == 1 and december.satisfied == 1
    desk.close()
