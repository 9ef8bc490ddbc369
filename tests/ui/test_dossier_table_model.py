"""The dossier list's lazy table model, tested without any widget (Vorta's way).

A real desk in a temporary folder holds 500 realistic demo dossiers (plus exact ones where a test
needs them); the task runner is synchronous, so every page arrives before ``fetchMore`` returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from desk_app.domain.events import Event, EventKind, Status, new_event_id, utc_now
from desk_app.domain.intake import IntakeForm, Person
from desk_app.domain.text import fold
from desk_app.services.demo_data import generate
from desk_app.services.desk import Desk
from desk_app.store import dossiers
from desk_app.store.search import DossierQuery
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_table_model import DOSSIER_ID_ROLE, OVERDUE_COLOUR, DossierTableModel, Page
from desk_app.ui.tasks import TaskRunner

M = DossierTableModel
NOW = datetime.now().replace(microsecond=0)
DISPLAY, FOREGROUND, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path)
    opened.ensure_demo_unit()
    generate(opened, 500, now=NOW, workers=1)
    yield opened
    opened.close()


@pytest.fixture
def context(qapp: object, desk: Desk) -> DeskContext:
    ctx = DeskContext(TaskRunner(synchronous=True))
    ctx.set_desk(desk)
    return ctx


def _model(context: DeskContext, query: DossierQuery | None = None) -> DossierTableModel:
    model = DossierTableModel(context, now=lambda: NOW)
    model.set_query(query or DossierQuery())
    return model


def _text(model: DossierTableModel, row: int, column: int) -> str:
    return model.data(model.index(row, column), DISPLAY)


def _load_all(model: DossierTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def test_model_passes_qt_model_tester_while_pages_load(context: DeskContext) -> None:
    model = DossierTableModel(context, now=lambda: NOW)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_query(DossierQuery())
    _load_all(model)
    model.set_query(DossierQuery(text="nguyen"))
    _load_all(model)
    assert model.rowCount() > 0


def test_first_page_holds_the_200_newest_dossiers_and_no_count(context: DeskContext, desk: Desk) -> None:
    model = _model(context)
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    newest = desk.find(DossierQuery(limit=1))[0]
    assert model.dossier(0).rowid == newest.rowid
    rowids = [r.rowid for r in model.rows()]
    assert rowids == sorted(rowids, reverse=True)


def test_scrolling_fetches_every_page_without_duplicates(context: DeskContext) -> None:
    model = _model(context)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    _load_all(model)
    ids = [model.data(model.index(row, M.CODE), DOSSIER_ID_ROLE) for row in range(model.rowCount())]
    assert len(ids) == 500 and len(set(ids)) == 500
    assert model.is_complete() and not model.canFetchMore(QModelIndex())


def test_dates_show_as_day_month_year_hours_minutes(context: DeskContext) -> None:
    model = _model(context)
    row = model.dossier(0)
    assert _text(model, 0, M.RECEIVED) == row.received_at.strftime("%d/%m/%Y %H:%M")
    assert _text(model, 0, M.DUE) == row.due_at.strftime("%d/%m/%Y %H:%M")


def test_status_shows_the_national_label_in_the_windows_language(context: DeskContext) -> None:
    model = _model(context)
    statuses = {model.dossier(r).status: _text(model, r, M.STATUS) for r in range(model.rowCount())}
    assert statuses[Status.RECEIVED] == "Được tiếp nhận"
    context.language = "en"
    english = _model(context)
    assert _text(english, 0, M.STATUS) == english.dossier(0).status.label_en != english.dossier(0).status.label_vi


def test_procedure_column_shows_the_catalogue_name(context: DeskContext, desk: Desk) -> None:
    model = _model(context)
    for row in range(20):
        code = model.dossier(row).procedure_code
        assert _text(model, row, M.PROCEDURE) == desk.procedure(code).name
    assert code in model.data(model.index(19, M.PROCEDURE), TOOLTIP)


def test_overdue_rows_are_red_with_a_tooltip_and_others_are_not(context: DeskContext, desk: Desk) -> None:
    form = IntakeForm(applicant=Person("Trần Thị Hoa", "038190012345"), procedure_code="2.000815")
    forgotten = desk.receive(form, "canbo1", now=NOW - timedelta(days=10)).state  # due the same day, never handed on
    model = _model(context)
    assert model.dossier(0).id == forgotten.dossier_id
    _load_all(model)
    late = [r for r in range(model.rowCount()) if model.dossier(r).status in (2, 4) and model.dossier(r).due_at < NOW]
    on_time = [r for r in range(model.rowCount()) if r not in late]
    assert late and on_time
    for row in late:
        assert model.data(model.index(row, M.APPLICANT), FOREGROUND).color() == OVERDUE_COLOUR
        assert "Quá hạn" in model.data(model.index(row, M.DUE), TOOLTIP)
    for row in on_time:
        assert model.data(model.index(row, M.APPLICANT), FOREGROUND) is None
        assert "Quá hạn" not in (model.data(model.index(row, M.DUE), TOOLTIP) or "")


def test_a_dossier_with_anomalies_is_marked(context: DeskContext, desk: Desk) -> None:
    newest = desk.find(DossierQuery(limit=1))[0]
    late_return = Event(
        id=new_event_id(),
        dossier_id=newest.id,
        kind=EventKind.RESULT_RETURNED,  # synced from another desk while the result is not ready here
        payload={"at": NOW.isoformat(), "rating": "Hài lòng"},
        actor="canbo9",
        device_id="7d4c0a52-1111-4222-8333-444455556666",
        device_seq=1,
        hlc=2**60,
        recorded_at=utc_now(),
    )
    with desk.db.write() as connection:
        dossiers.append(connection, [late_return])
    model = _model(context)
    assert model.dossier(0).anomaly_count == 1
    assert "bất thường" in model.data(model.index(0, M.CODE), TOOLTIP)
    assert model.data(model.index(0, M.CODE), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(1, M.CODE), Qt.ItemDataRole.BackgroundRole) is None


def test_a_late_page_of_an_older_query_is_dropped(context: DeskContext, desk: Desk) -> None:
    model = _model(context, DossierQuery(text="nguyen"))
    old_generation = model.generation
    old_page = Page(tuple(model.rows()))
    model.set_query(DossierQuery(text="tran"))
    shown = [r.id for r in model.rows()]
    model.on_page(old_generation, old_page)  # the slow "nguyen" search finishing after "tran" was typed
    assert [r.id for r in model.rows()] == shown
    assert shown and all(any(w.startswith("tran") for w in fold(r.applicant_name).split()) for r in model.rows())


def test_column_titles_are_vietnamese(context: DeskContext) -> None:
    model = _model(context)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles[M.CODE] == "Mã hồ sơ" and titles[M.APPLICANT] == "Người nộp" and titles[M.DUE] == "Hẹn trả"
    assert titles[M.STATUS] == "Trạng thái" and titles[M.PROCEDURE] == "Thủ tục"


def test_nothing_loads_until_the_desk_is_ready(qapp: object, desk: Desk) -> None:
    context = DeskContext(TaskRunner(synchronous=True))
    model = _model(context)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
    context.set_desk(desk)
    assert model.rowCount() == 200


def test_a_new_dossier_appears_at_the_top_when_it_changes(context: DeskContext, desk: Desk) -> None:
    model = _model(context)
    model.fetchMore(QModelIndex())
    form = IntakeForm(applicant=Person("Nguyễn Văn Đức", "038190012345", phone="0912345678"), procedure_code="2.000815")
    received = desk.receive(form, "canbo1")
    context.dossierChanged.emit(received.state.dossier_id)
    assert model.rowCount() == 401
    assert _text(model, 0, M.APPLICANT) == "Nguyễn Văn Đức"


def test_a_changed_dossier_is_redrawn_or_leaves_a_list_it_no_longer_matches(context: DeskContext, desk: Desk) -> None:
    model = _model(context, DossierQuery(statuses=(int(Status.RECEIVED),)))
    target = next(r for r in model.rows() if r.status is Status.RECEIVED and r.due_at > NOW)
    count = model.rowCount()
    desk.record(target.id, EventKind.TRANSFERRED, {"at": NOW.isoformat(), "to_unit": "Công an xã"}, "canbo1")
    context.dossierChanged.emit(target.id)
    assert model.rowCount() == count - 1 and target.id not in {r.id for r in model.rows()}

    everything = _model(context)
    other = next(r for r in everything.rows() if r.status is Status.RECEIVED)
    desk.record(other.id, EventKind.TRANSFERRED, {"at": NOW.isoformat(), "to_unit": "Công an xã"}, "canbo1")
    context.dossierChanged.emit(other.id)
    row = next(i for i, r in enumerate(everything.rows()) if r.id == other.id)
    assert _text(everything, row, M.STATUS) == "Đang xử lý"


def test_a_failed_search_stops_loading_and_says_why(context: DeskContext) -> None:
    model = _model(context)
    messages: list[str] = []
    model.failed.connect(messages.append)
    model.set_query(replace(DossierQuery(), text="x" * 201))
    assert messages and "dài quá" in messages[0]
    assert not model.is_loading() and not model.canFetchMore(QModelIndex())
