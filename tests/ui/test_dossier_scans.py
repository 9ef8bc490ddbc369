"""The "Giấy tờ đã số hóa" section: attach by a simulated drop, list, refuse in the window's language, open.

A real desk in a temporary folder; the task runner is synchronous, so a drop's attachment is written
and the page reloaded before the event returns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from pytestqt.qtbot import QtBot

from desk_app.domain.events import EventKind
from desk_app.domain.intake import IntakeForm, PaperReceived, Person
from desk_app.services import scans
from desk_app.services.desk import Desk
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_page import DossierPage, allowed_actions
from desk_app.ui.dossier_scans import DossierScansWidget, format_size
from desk_app.ui.tasks import TaskRunner

RECEIVED_AT = datetime(2026, 3, 2, 9, 15)
APPLICANT = Person("Nguyễn Văn Đức", "038190012345", address="Thôn Hiệp Khởi, xã Đông Sơn", phone="0912345678")
PAPERS = (PaperReceived("Tờ khai đăng ký khai sinh", 1, 0), PaperReceived("Giấy chứng sinh", 1, 0))
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path / "data")
    opened.ensure_demo_unit()
    yield opened
    opened.close()


@pytest.fixture
def context(qapp: object, desk: Desk) -> DeskContext:
    ctx = DeskContext(TaskRunner(synchronous=True))
    ctx.set_desk(desk)
    ctx.actor, ctx.role = "canbo1", "clerk"
    return ctx


@pytest.fixture
def page(qtbot: QtBot, context: DeskContext, desk: Desk) -> DossierPage:
    state = desk.receive(IntakeForm(APPLICANT, "2.000815", papers=PAPERS), "canbo1", now=RECEIVED_AT).state
    shown = DossierPage(context, now=lambda: RECEIVED_AT)
    qtbot.addWidget(shown)
    shown.show_dossier(state.dossier_id)
    assert shown.state is not None
    return shown


def _drop(widget: DossierScansWidget, *paths: Path) -> bool:
    """Drag the files over the widget and drop them, as the file manager does; whether the drop was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), copy, mime, left, none)
    QCoreApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(10, 10), copy, mime, left, none)
    QCoreApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def _rows(widget: DossierScansWidget) -> list[list[str]]:
    table = widget.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_a_dropped_pdf_is_attached_to_the_chosen_paper_and_listed(
    page: DossierPage, desk: Desk, tmp_path: Path
) -> None:
    source = tmp_path / "giay-chung-sinh.pdf"
    source.write_bytes(PDF)
    widget = page.scans
    widget.choose_paper("Giấy chứng sinh")
    assert _drop(widget, source)
    assert _rows(widget) == [
        ["Giấy chứng sinh", "giay-chung-sinh.pdf", "1 KB", widget.scans[0].at.strftime("%d/%m/%Y %H:%M")]
    ]
    state, events = desk.dossier(page.dossier_id)
    assert [e.kind for e in events][-1] is EventKind.PAPER_SCANNED
    assert scans.scan_path(desk, hashlib.sha256(PDF).hexdigest()).read_bytes() == PDF
    assert widget.error_text() == ""


def test_the_result_can_be_chosen_before_dropping(page: DossierPage, tmp_path: Path) -> None:
    source = tmp_path / "trich-luc.png"
    source.write_bytes(PNG)
    page.scans.choose_paper(scans.RESULT)
    assert _drop(page.scans, source)
    assert _rows(page.scans)[0][:2] == ["Kết quả giải quyết", "trich-luc.png"]


def test_a_dropped_text_file_named_pdf_is_refused_in_the_windows_language(
    page: DossierPage, context: DeskContext, desk: Desk, tmp_path: Path
) -> None:
    fake = tmp_path / "to-khai.pdf"
    fake.write_text("Không phải bản quét", encoding="utf-8")
    context.language = "en"
    assert _drop(page.scans, fake)
    assert "is not a PDF, JPEG or PNG" in page.scans.error_text()
    assert page.scans.error_label.isVisibleTo(page)
    assert _rows(page.scans) == []
    assert desk.dossier(page.dossier_id)[0].event_count == 1


def test_a_dropped_file_of_another_type_is_skipped_and_named(page: DossierPage, desk: Desk, tmp_path: Path) -> None:
    other = tmp_path / "ghi-chu.txt"
    other.write_text("ghi chú", encoding="utf-8")
    assert _drop(page.scans, other)
    assert "ghi-chu.txt" in page.scans.error_text() and "Chỉ nhận tệp PDF, JPEG hoặc PNG" in page.scans.error_text()
    assert desk.dossier(page.dossier_id)[0].event_count == 1


def test_opening_a_scan_opens_a_copy_with_its_types_extension(
    qtbot: QtBot, context: DeskContext, desk: Desk, page: DossierPage, tmp_path: Path
) -> None:
    source = tmp_path / "ban-quet"  # no extension: the type comes from the content
    source.write_bytes(PDF)
    scans.attach_scan(desk, page.dossier_id, source, None, "canbo1")
    opened: list[QUrl] = []
    widget = DossierScansWidget(context, open_url=opened.append)
    qtbot.addWidget(widget)
    state, events = desk.dossier(page.dossier_id)
    widget.set_dossier(state, events)
    assert _rows(widget)[0][0] == "Giấy tờ khác"
    widget.open_scan(0)
    (url,) = opened
    path = Path(url.toLocalFile())
    assert path.suffix == ".pdf" and path.read_bytes() == PDF


def test_scans_are_not_offered_as_an_action_button(page: DossierPage) -> None:
    assert page.state is not None
    assert EventKind.PAPER_SCANNED not in allowed_actions(page.state)
    assert f"action_{EventKind.PAPER_SCANNED.value}" not in {b.objectName() for b in page.action_buttons.values()}


def test_sizes_read_in_kilobytes_and_megabytes() -> None:
    assert format_size(350 * 1024) == "350 KB"
    assert format_size(int(1.25 * 1024 * 1024)) == "1,2 MB"


def test_the_timeline_names_the_scanned_paper_and_its_file() -> None:
    from datetime import UTC, datetime

    from desk_app.domain.events import Event, EventKind
    from desk_app.ui.dossier_timeline import event_details

    event = Event(
        id="01900000-0000-7000-8000-000000000001",
        dossier_id="01900000-0000-7000-8000-000000000002",
        kind=EventKind.PAPER_SCANNED,
        payload={"paper": "Giấy chứng sinh", "file_name": "giay-chung-sinh.pdf", "sha256": "0" * 64},
        actor="canbo1",
        device_id="desk-1",
        device_seq=2,
        hlc=1,
        recorded_at=datetime(2026, 11, 26, 2, 0, tzinfo=UTC),
    )
    details = event_details(event)
    assert "Giấy chứng sinh" in details and "giay-chung-sinh.pdf" in details


def test_the_widget_names_the_result_as_the_scans_service_does() -> None:
    from desk_app.services.scans import RESULT
    from desk_app.ui.dossier_scans import RESULT_PAPER

    assert RESULT_PAPER == RESULT
