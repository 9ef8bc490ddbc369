"""The dossier list page driven like a clerk would: typing (Vietnamese-safe), filters, Enter, double click.

A real desk in a temporary folder: 500 realistic demo dossiers and a few exact ones received through
the façade. The task runner is synchronous except in the test that checks the search really runs on
the reader pool.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from desk_app.domain.events import EventKind, Status
from desk_app.domain.intake import IntakeForm, Person
from desk_app.domain.text import fold
from desk_app.services.demo_data import generate
from desk_app.services.desk import Desk
from desk_app.store.search import DossierQuery
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_list_page import SEARCH_DELAY_MS, DossierListPage
from desk_app.ui.dossier_table_model import DossierTableModel
from desk_app.ui.tasks import TaskRunner
from tests.ui.typing_helper import press, type_text

M = DossierTableModel
NOW = datetime.now().replace(microsecond=0)
DUC = Person("Đặng Văn Đức", "038190012345", address="Thôn Hiệp Khởi, xã Đông Sơn", phone="0912345678")


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path)
    opened.ensure_demo_unit()
    generate(opened, 500, now=NOW, workers=1)
    yield opened
    opened.close()


@pytest.fixture
def duc(desk: Desk) -> str:
    """An exact dossier, received 40 days ago and never handed on: overdue.

    Forty days: before the demo data's month, whose dossier numbers the desk's own counter does not know.
    """
    return desk.receive(IntakeForm(DUC, "2.000815"), "canbo1", now=NOW - timedelta(days=40)).state.dossier_id


def _context(desk: Desk) -> DeskContext:
    context = DeskContext(TaskRunner(synchronous=True))
    context.set_desk(desk)
    return context


@pytest.fixture
def context(desk: Desk) -> DeskContext:
    return _context(desk)


@pytest.fixture
def page(qtbot: QtBot, context: DeskContext) -> DossierListPage:
    widget = DossierListPage(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


def _search(qtbot: QtBot, page: DossierListPage, text: str) -> None:
    page.search_box.setFocus()
    with qtbot.waitSignal(page.queryChanged, timeout=SEARCH_DELAY_MS * 10):
        type_text(page.search_box, text)


def _rows(page: DossierListPage) -> list:
    return list(page.model.rows())


def test_typing_a_name_without_tones_finds_the_dossiers_whose_folded_name_matches(
    qtbot: QtBot, page: DossierListPage, desk: Desk
) -> None:
    _search(qtbot, page, "nguyen van")
    rows = _rows(page)
    assert rows, "the demo data has many Nguyễn Văn"
    for row in rows:
        words = fold(row.applicant_name).split()
        assert any(w.startswith("nguyen") for w in words) and any(w.startswith("van") for w in words)
    assert any("Nguyễn" in row.applicant_name for row in rows)
    everything = desk.find(DossierQuery(limit=1000))
    expected = [
        r.id
        for r in everything
        if any(w.startswith("nguyen") for w in fold(r.applicant_name).split())
        and any(w.startswith("van") for w in fold(r.applicant_name).split())
    ]
    while page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
    assert [r.id for r in _rows(page)] == expected


def test_search_waits_for_the_clerk_to_stop_typing(qtbot: QtBot, page: DossierListPage) -> None:
    queries: list[str] = []
    page.queryChanged.connect(lambda: queries.append(page.search_box.text()))
    page.search_box.setFocus()
    type_text(page.search_box, "tran thi h")
    assert queries == []  # nothing yet: the debounce is running
    qtbot.waitUntil(lambda: queries == ["tran thi h"], timeout=SEARCH_DELAY_MS * 10)


def test_a_twelve_digit_id_number_finds_exactly_that_dossier(qtbot: QtBot, page: DossierListPage, duc: str) -> None:
    _search(qtbot, page, "038190012345")
    assert [r.id for r in _rows(page)] == [duc]
    assert page.result_label.text() == "Tìm thấy 1 hồ sơ"


def test_a_phone_number_and_a_dossier_code_find_the_dossier(
    qtbot: QtBot, page: DossierListPage, desk: Desk, duc: str
) -> None:
    _search(qtbot, page, "0912345678")
    assert [r.id for r in _rows(page)] == [duc]
    page.search_box.clear()
    code = desk.dossier(duc)[0].code
    _search(qtbot, page, code)
    assert [r.code for r in _rows(page)] == [code]


def test_enter_after_a_scanned_code_opens_the_only_match(
    qtbot: QtBot, context: DeskContext, page: DossierListPage, desk: Desk, duc: str
) -> None:
    opened: list[str] = []
    context.openDossier.connect(opened.append)
    page.search_box.setFocus()
    type_text(page.search_box, desk.dossier(duc)[0].code + "\n")  # a barcode scanner ends with Enter
    assert opened == [duc]


def test_enter_and_double_click_in_the_list_open_the_dossier(
    qtbot: QtBot, context: DeskContext, page: DossierListPage
) -> None:
    opened: list[str] = []
    context.openDossier.connect(opened.append)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(2, M.APPLICANT))
    press(page.table, Qt.Key.Key_Return)
    assert opened == [page.model.dossier_id(2)]
    rect = page.table.visualRect(page.model.index(4, M.CODE))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [page.model.dossier_id(2), page.model.dossier_id(4)]


def test_down_arrow_moves_from_the_search_box_into_the_list(qtbot: QtBot, page: DossierListPage) -> None:
    _search(qtbot, page, "le")
    press(page.search_box, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.table.currentIndex().row() == 0


def test_the_status_filter_lists_only_that_status(page: DossierListPage) -> None:
    page.status_filter.setCurrentIndex(page.status_filter.findData(int(Status.RESULT_READY)))
    rows = _rows(page)
    assert rows and {r.status for r in rows} == {Status.RESULT_READY}
    assert page.status_filter.currentText() == "Đã xử lý xong"
    assert page.status_filter.itemText(0) == "Tất cả" and page.status_filter.count() == 11
    page.status_filter.setCurrentIndex(0)
    assert len({r.status for r in _rows(page)}) > 1


def test_the_overdue_filter_lists_only_late_dossiers_in_red(page: DossierListPage, duc: str) -> None:
    page.overdue_filter.setChecked(True)
    rows = _rows(page)
    assert duc in {r.id for r in rows}
    moment = datetime.now()
    for number, row in enumerate(rows):
        assert row.status in (Status.RECEIVED, Status.PROCESSING) and row.due_at < moment
        brush = page.model.data(page.model.index(number, M.CODE), Qt.ItemDataRole.ForegroundRole)
        assert brush is not None and brush.color().name() == "#c62828"


def test_the_due_today_filter_lists_dossiers_due_from_now_to_midnight(qtbot: QtBot, desk: Desk, duc: str) -> None:
    due = desk.dossier(duc)[0].due_at
    moment = due - timedelta(hours=1)  # the clerk looks an hour before it falls due
    page = DossierListPage(_context(desk), now=lambda: moment)
    qtbot.addWidget(page)
    page.due_today_filter.setChecked(True)
    rows = _rows(page)
    assert duc in {r.id for r in rows}
    midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time())
    assert all(moment <= r.due_at < midnight and r.status in (Status.RECEIVED, Status.PROCESSING) for r in rows)
    assert page.model.data(page.model.index(0, M.CODE), Qt.ItemDataRole.ForegroundRole) is None  # not late yet
    page.due_today_filter.setChecked(False)
    page.overdue_filter.setChecked(True)
    assert duc not in {r.id for r in _rows(page)}


def test_the_received_date_range_filter(page: DossierListPage) -> None:
    first, last = NOW.date() - timedelta(days=12), NOW.date() - timedelta(days=10)
    page.received_from.setDate(QDate(first.year, first.month, first.day))
    page.received_to.setDate(QDate(last.year, last.month, last.day))
    assert page.model.query.received_from is None  # not applied before the box is ticked
    page.date_filter.setChecked(True)
    rows = _rows(page)
    assert rows and all(first <= r.received_at.date() <= last for r in rows)


def test_the_procedure_filter_offers_the_catalogue_and_narrows_the_list(page: DossierListPage, desk: Desk) -> None:
    assert page.procedure_filter.count() == len(desk.catalogue().procedures) + 1
    position = page.procedure_filter.findData("1.001193")
    assert "Đăng ký khai sinh" in page.procedure_filter.itemText(position)
    page.procedure_filter.setCurrentIndex(position)
    rows = _rows(page)
    assert rows and {r.procedure_code for r in rows} == {"1.001193"}
    page.clear_filters()
    assert len({r.procedure_code for r in _rows(page)}) > 1


def test_the_result_line_says_more_come_on_scrolling(qtbot: QtBot, page: DossierListPage) -> None:
    assert page.result_label.text() == "Hiển thị 200 hồ sơ mới nhất… cuộn để xem thêm"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 200, timeout=2000)
    ids = [r.id for r in _rows(page)]
    assert len(ids) == len(set(ids))
    _search(qtbot, page, "khong ai ten nay")
    assert page.result_label.text() == "Không tìm thấy hồ sơ nào"


def test_the_list_cannot_be_sorted_by_a_column(page: DossierListPage) -> None:
    assert not page.table.isSortingEnabled()
    assert not page.table.horizontalHeader().sectionsClickable()


def test_a_recorded_action_shows_in_the_list_without_a_new_search(
    context: DeskContext, page: DossierListPage, desk: Desk, duc: str
) -> None:
    page.apply_filters()
    assert page.model.dossier(0).id == duc and page.model.dossier(0).status is Status.RECEIVED
    desk.record(duc, EventKind.TRANSFERRED, {"at": NOW.isoformat(), "to_unit": "Công an xã"}, "canbo1")
    context.dossierChanged.emit(duc)
    assert page.model.data(page.model.index(0, M.STATUS)) == "Đang xử lý"


def test_search_runs_on_the_reader_pool_and_results_come_back(qtbot: QtBot, desk: Desk, duc: str) -> None:
    tasks = TaskRunner()
    context = DeskContext(tasks)
    widget = DossierListPage(context)
    qtbot.addWidget(widget)
    context.set_desk(desk)
    qtbot.waitUntil(lambda: widget.model.rowCount() == 200, timeout=5000)
    widget.search_box.setFocus()
    type_text(widget.search_box, "dang van duc")
    searched = lambda: widget.model.query.text == "dang van duc" and not widget.model.is_loading()  # noqa: E731
    qtbot.waitUntil(searched, timeout=5000)
    assert duc in {r.id for r in widget.model.rows()}
    assert all("dang" in fold(r.applicant_name) for r in widget.model.rows())
    tasks.wait()


def test_the_list_waits_for_the_desk_then_shows_the_newest(qtbot: QtBot, desk: Desk) -> None:
    context = DeskContext(TaskRunner(synchronous=True))
    widget = DossierListPage(context)
    qtbot.addWidget(widget)
    assert widget.result_label.text() == "Đang mở dữ liệu…" and widget.model.rowCount() == 0
    context.set_desk(desk)
    assert widget.model.rowCount() == 200 and widget.procedure_filter.count() > 1
    type_text(widget.search_box, "le")
    widget.stop()  # the window closes while the clerk is typing: no search fires after it
    qtbot.wait(SEARCH_DELAY_MS * 2)
    assert widget.model.query.text == ""
