"""The Qt binding itself must not wear the interpreter down over a working day.

PySide6 6.12.0 drops a reference to ``None`` on every call that returns nothing; on Python 3.11
(where ``None`` is not immortal) the desk dies with "Fatal Python error: none_dealloc" after some
tens of thousands of such calls. pyproject.toml pins around it; this test keeps it that way.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLineEdit


def test_void_qt_calls_do_not_leak_references_to_none(qtbot) -> None:  # noqa: ANN001 - pytest-qt fixture
    field = QLineEdit()
    qtbot.addWidget(field)
    before = sys.getrefcount(None)
    for _ in range(5000):
        field.setText("Nguyễn Văn Đức")
        QApplication.processEvents()
    assert abs(sys.getrefcount(None) - before) < 100
