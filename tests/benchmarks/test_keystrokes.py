"""Keystrokes from the card scan to the print dialog, for common procedures (target: at most 12).

The real intake page over a real desk in tmp_path. The scanner's typing (the card's QR and its
Enter) is not counted: the scanner types it. Every key the clerk presses is sent to the focused
widget and counted twice: as key events (a chord such as Alt+5 is one event) and as physical keys
(Alt+5 is two). The run stops when the print dialog has been created (it is not shown: its modal
``exec`` is replaced). The counts and sequences are printed and, when BENCH_REPORT_DIR is set,
written to ``keystrokes.json`` there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.services.desk import Desk
from desk_app.ui.context import DeskContext
from desk_app.ui.intake_page import IntakePage
from desk_app.ui.slip_preview import SlipPreviewDialog
from desk_app.ui.tasks import TaskRunner
from tests.ui.typing_helper import press, type_text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # as tests/ui/conftest.py does

TARGET = 12
NOW = datetime(2026, 11, 26, 9, 15)
CARD_QR = (
    "038190012345|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|"
    "Thôn Hiệp Khởi, xã Đông Sơn, huyện Đông Sơn, tỉnh Thanh Hóa|15042021\r\n"
)
_KEY_NAMES = {Qt.Key.Key_Return: "Enter", Qt.Key.Key_F9: "F9"}
_MODIFIER_NAMES = {Qt.KeyboardModifier.AltModifier: "Alt", Qt.KeyboardModifier.ControlModifier: "Ctrl"}


@dataclass
class Clerk:
    """Sends the clerk's keys to the focused widget and keeps the count."""

    sequence: list[str] = field(default_factory=list)
    physical: int = 0

    def types(self, text: str) -> None:
        for char in text:
            type_text(None, char)
            self.sequence.append(char)
            self.physical += 1

    def presses(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        press(None, key, modifiers)
        names = [name for flag, name in _MODIFIER_NAMES.items() if modifiers & flag]
        label = _KEY_NAMES.get(key) or chr(key)
        self.sequence.append("+".join([*names, label]))
        self.physical += 1 + len(names)


@pytest.fixture()
def page(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[IntakePage]:
    desk = Desk.open(tmp_path / "data")
    desk.ensure_demo_unit()
    context = DeskContext(TaskRunner(synchronous=True))
    context.actor, context.actor_display = "canbo1", "Lê Minh Tuấn"
    context.set_desk(desk)
    intake = IntakePage(context)
    intake.clock = lambda: NOW
    qtbot.addWidget(intake)
    intake.show()
    qtbot.waitExposed(intake)
    intake.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.scan)
    yield intake
    desk.close()


def _alt_row(page: IntakePage, code: str) -> Qt.Key:
    """Alt+n for the procedure in the list shown before anything is typed."""
    row = next(r for r in range(9) if f"   {code}   " in page.picker.results.item(r).text())
    return Qt.Key(Qt.Key.Key_1 + row)


SCENARIOS = {
    "certified copy 2.000815, typed 'ban sao', 3 copies": ("2.000815", "words", "ban sao", "3"),
    "certified copy 2.000815, Alt+n from the common list, 3 copies": ("2.000815", "alt", "", "3"),
    "birth registration 1.001193, typed 'khai sinh'": ("1.001193", "words", "khai sinh", ""),
}
_results: dict[str, dict[str, object]] = {}


@pytest.mark.benchmark
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scan_to_print_dialog_takes_at_most_12_keys(
    page: IntakePage, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    code, how, words, copies = SCENARIOS[name]
    dialogs: list[QPrintDialog] = []
    monkeypatch.setattr(SlipPreviewDialog, "run_print_dialog", lambda self, dialog: dialogs.append(dialog) or False)
    clerk = Clerk()
    type_text(None, CARD_QR)  # the scanner: not counted
    if how == "alt":
        clerk.presses(_alt_row(page, code), Qt.KeyboardModifier.AltModifier)
    else:
        clerk.types(words)
        clerk.presses(Qt.Key.Key_Return)
    assert page.picker.procedure() is not None and page.picker.procedure().code == code
    if copies:
        clerk.types(copies)
    clerk.presses(Qt.Key.Key_F9)
    assert page.last_code, page.save_error.text()
    clerk.presses(Qt.Key.Key_Return)
    assert len(dialogs) == 1, "Enter in the slip preview opens the print dialog"
    assert dialogs[0].printer().pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    events = len(clerk.sequence)
    print(f"\n{name}: {events} key events, {clerk.physical} physical keys: {' '.join(clerk.sequence)}")
    _results[name] = {"key_events": events, "physical_keys": clerk.physical, "sequence": clerk.sequence}
    _write_report()
    assert events <= TARGET and clerk.physical <= TARGET


def _write_report() -> None:
    report_dir = os.environ.get("BENCH_REPORT_DIR")
    if not report_dir:
        return
    report = {"target": TARGET, "scanner_keys_counted": False, "scenarios": _results}
    Path(report_dir).mkdir(parents=True, exist_ok=True)
    (Path(report_dir) / "keystrokes.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
