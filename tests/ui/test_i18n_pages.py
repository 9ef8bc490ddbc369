"""The work pages in English: intake, dossier list and dossier page, built with the English translator
installed or switched to English while open, show no Vietnamese of their own (only the data's)."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desk_app.services.desk import Desk
from desk_app.ui import i18n
from desk_app.ui.context import DeskContext
from desk_app.ui.dossier_list_page import DossierListPage
from desk_app.ui.dossier_page import DossierPage
from desk_app.ui.dossier_table_model import DossierTableModel
from desk_app.ui.intake_page import IntakePage
from tests.ui import test_shell_support as support
from tests.ui.test_shell_support import receive, receive_some

context = support.context
english_qm = support.english_qm
unit_desk = support.unit_desk

ROOT = Path(__file__).resolve().parents[2]


def vietnamese(text: str) -> bool:
    """Whether a text has a letter only Vietnamese writes here: a toned or hooked vowel, or đ.

    The currency sign after an amount (``2.000 đ``, the domain's ``format_vnd``) is a symbol, not a word.
    """
    text = re.sub(r"\d[\d.]* đ(?!\w)", "", text)
    return any(
        ch in "đĐ" or (ch.isalpha() and any(unicodedata.combining(m) for m in unicodedata.normalize("NFD", ch)))
        for ch in text
    )


def own_texts(page: QWidget) -> list[str]:
    """Every label, button, tick box, group title, placeholder, accessible name and choice of a page."""
    texts: list[str] = []
    for widget in page.findChildren(QWidget):
        texts.append(widget.accessibleName())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts.extend(widget.itemText(index) for index in range(widget.count()))
    return [text for text in texts if text]


def headers(model: DossierTableModel | object) -> list[str]:
    """A table model's column titles."""
    count = model.columnCount()  # type: ignore[attr-defined]
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(count)]  # type: ignore[attr-defined]


def assert_english(texts: Iterable[str]) -> None:
    """None of these texts has Vietnamese in it."""
    left = [text for text in texts if vietnamese(text)]
    assert not left, left


def _english(context: DeskContext, english_qm: Path) -> None:
    context.language = "en"
    assert english_qm.exists() and i18n.set_language("en")


def test_intake_page_built_after_an_english_log_in_speaks_english(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path
) -> None:
    _english(context, english_qm)
    context.set_desk(unit_desk)
    page = IntakePage(context)
    qtbot.addWidget(page)
    texts = own_texts(page)
    assert "Scan the QR code on the citizen ID card — or type the details below" in texts
    assert {"Submitter", "Full name", "Birth date", "Dossier owner", "Papers and fees", "In person"} <= set(texts)
    assert page.save_button.text() == "Save and print the slip  (Ctrl+S / F9)"
    assert page.fee.fee.text() == "Fees: —" and page.due.shown.text() == "Result due: —"
    assert_english(texts)
    page.picker.search.setText("chung thuc ban sao")
    procedure = page.picker.choose(0)
    assert procedure is not None and vietnamese(procedure.name)  # the catalogue's name stays as it is
    assert re.fullmatch(r"Result due: \d\d:\d\d, \d\d/\d\d/\d{4} \(.+\)", page.due.shown.text())
    assert page.fee.fee.text().startswith("Fees: ")
    assert_english([page.due.shown.text(), page.fee.fee.text(), page.papers._headers[1].text()])
    page.save()
    assert page.save_error.text().startswith("Not saved: ") and "fields to correct (in red)." in page.save_error.text()


def test_intake_page_switches_to_english_and_back_while_open(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path
) -> None:
    context.set_desk(unit_desk)
    page = IntakePage(context)
    qtbot.addWidget(page)
    assert page.citizen.title() == "Người nộp hồ sơ" and page.citizen.applicant.gender.itemText(2) == "Nữ"
    _english(context, english_qm)
    assert page.citizen.title() == "Submitter" and page.citizen.applicant.gender.itemText(2) == "Female"
    assert page.channel.currentText() == "In person" and page.new_button.text() == "Start a new dossier"
    assert_english(own_texts(page))
    context.language = "vi"
    i18n.set_language("vi")
    assert page.citizen.title() == "Người nộp hồ sơ" and page.channel.currentText() == "Trực tiếp"


def test_dossier_list_built_after_an_english_log_in_speaks_english(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path
) -> None:
    receive_some(unit_desk)
    _english(context, english_qm)
    context.set_desk(unit_desk)
    page = DossierListPage(context)
    qtbot.addWidget(page)
    page.apply_filters()
    assert page.result_label.text() == "3 dossiers found"
    assert headers(page.model)[:3] == ["Dossier code", "Submitter", "ID number"]
    assert page.clear_filters_button.text() == "Clear filters" and page.status_filter.itemText(0) == "All"
    choices = [page.procedure_filter.itemText(0)] + [page.status_filter.itemText(i) for i in range(1, 3)]
    labels = [text for text in own_texts(page) if text not in _procedure_choices(page)]
    assert_english([*labels, *choices, *headers(page.model)])
    page.search_box.setText("038190012345")
    page.apply_filters()
    assert page.result_label.text() == "1 dossier found"  # the plural follows the count
    context.language = "vi"
    i18n.set_language("vi")
    assert page.result_label.text() == "Tìm thấy 1 hồ sơ" and headers(page.model)[0] == "Mã hồ sơ"
    assert page.status_filter.itemText(0) == "Tất cả"


def _procedure_choices(page: DossierListPage) -> set[str]:
    """The catalogue's procedures in the filter (data, in Vietnamese)."""
    return {page.procedure_filter.itemText(i) for i in range(1, page.procedure_filter.count())}


def test_dossier_page_built_after_an_english_log_in_speaks_english(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path
) -> None:
    code = receive(unit_desk, "Trần Thị Hoa", "001190000001")
    _english(context, english_qm)
    context.set_desk(unit_desk)
    page = DossierPage(context)
    qtbot.addWidget(page)
    assert page.message_label.text() == "No dossier chosen"
    page.show_dossier(code)
    details = page.detail_texts()
    assert details["Submitter"] == "Trần Thị Hoa" and {"ID number", "Received", "Due"} <= set(details)
    assert page.reprint_button.text() == "Reprint the receipt slip"
    assert headers(page.timeline) == ["Time", "Action", "By", "Device", "Details"]
    first = page.timeline.entries()[0]
    assert first.device == "This desk" and first.details.startswith("Register: ")
    fixed = [page.overdue_badge.text(), page.reprint_button.text(), page.timeline_title.text()]
    assert_english([*fixed, *details, *headers(page.timeline), page.status_badge.text(), page.actions_label.text()])


def test_dossier_page_shown_in_vietnamese_follows_a_switch_to_english(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path
) -> None:
    code = receive(unit_desk, "Trần Thị Hoa", "001190000001")
    context.set_desk(unit_desk)
    page = DossierPage(context)
    qtbot.addWidget(page)
    page.show_dossier(code)
    assert "Người nộp" in page.detail_texts() and page.timeline.entries()[0].device == "Máy này"
    _english(context, english_qm)
    assert "Submitter" in page.detail_texts() and page.timeline.entries()[0].device == "This desk"
    assert page.timeline_title.text() == "Processing history" and page.code_label.text() == code


def test_building_the_dossier_list_before_the_desk_opens_does_not_import_sqlalchemy() -> None:
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desk_app.ui.context import DeskContext\n"
        "from desk_app.ui.dossier_list_page import DossierListPage\n"
        "from desk_app.ui.tasks import TaskRunner\n"
        "page = DossierListPage(DeskContext(TaskRunner(synchronous=True), 'vi'))\n"
        "print(page.result_label.text(), 'sqlalchemy' in sys.modules, 'desk_app.store.search' in sys.modules)\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "Đang mở dữ liệu… False False"
