"""After an action with a printed form, the window archives the form and shows it in the print preview.

The real window on a real desk (synchronous task runner): the clerk refuses a dossier through the
dossier page's dialog; the Mẫu 03 is archived under forms/yyyy/mm and opened in the same preview as
the slip. The modal print dialog is never shown: ``run_print_dialog`` is replaced, as in
test_intake_slip_preview.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from pytestqt.qtbot import QtBot

from desk_app.domain.events import EventKind
from desk_app.services.desk import Desk
from desk_app.ui import i18n
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window import DOSSIER, MainWindow
from desk_app.ui.slip_preview import SlipPreviewDialog
from tests.ui import test_shell_support as support
from tests.ui.test_shell_support import receive
from tests.ui.typing_helper import press, type_text

context = support.context
english_qm = support.english_qm
unit_desk = support.unit_desk


def _window(qtbot: QtBot, context: DeskContext, desk: Desk) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.build_pages()
    context.actor, context.actor_display, context.role = "tuan.lm", "Lê Minh Tuấn", "clerk"
    context.set_desk(desk)
    window.set_signed_in()
    return window


def test_a_refusal_through_the_dossier_page_archives_mau_03_and_opens_it_in_the_print_preview(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = receive(unit_desk, "Trần Thị Hoa", "001190000001")
    window = _window(qtbot, context, unit_desk)
    context.openDossier.emit(code)
    page = window.pages[DOSSIER]
    qtbot.mouseClick(page.action_buttons[EventKind.REFUSED], Qt.MouseButton.LeftButton)
    dialog = page.action_dialog
    type_text(dialog.line("reason"), "Thủ tục không thuộc thẩm quyền của xã")
    press(dialog.line("reason"), Qt.Key.Key_Return)

    archived = list((unit_desk.data_dir / "forms").glob("*/*/*.pdf"))
    assert [path.name.startswith(f"{code}-mau-03-") for path in archived] == [True]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(archived[0].read_bytes())).pages)
    assert code in text and "Trần Thị Hoa" in text and "Thủ tục không thuộc thẩm quyền của xã" in text
    preview = window.slip_preview
    assert isinstance(preview, SlipPreviewDialog) and preview.isVisible()
    assert preview.pdf_path == archived[0] and preview.document.pageCount() == 1

    shown: list[QPrintDialog] = []
    monkeypatch.setattr(SlipPreviewDialog, "run_print_dialog", lambda self, d: shown.append(d) or False)
    press(preview.print_button, Qt.Key.Key_Return)
    assert len(shown) == 1 and preview.last_printer is not None
    preview.close()


def test_a_form_that_cannot_be_made_is_reported_in_the_status_bar_in_the_windows_language(
    qtbot: QtBot, context: DeskContext, unit_desk: Desk, english_qm: Path
) -> None:
    code = receive(unit_desk, "Trần Thị Hoa", "001190000001")
    window = _window(qtbot, context, unit_desk)
    dossier_id = unit_desk.dossier(code)[0].dossier_id
    window.pages[DOSSIER].formRequested.emit(dossier_id, "extended")  # no extension was recorded
    assert window.slip_preview is None
    message = window.status.currentMessage()
    assert message.startswith("Không in được mẫu của thao tác:") and "chưa có thao tác «gia hạn»" in message
    context.language = "en"
    try:
        assert i18n.set_language("en")
        window.pages[DOSSIER].formRequested.emit(dossier_id, "stopped")
        message = window.status.currentMessage()
        assert message.startswith("Could not print the form of the action:") and "has no 'stopped' action" in message
    finally:
        context.language = "vi"
        i18n.set_language("vi")
    assert not (unit_desk.data_dir / "forms").exists()
