"""Type text into a widget one key event per character, with the text attached.

``qtbot.keyClicks`` aborts the whole test process on non-ASCII text, so every test that types
Vietnamese (names, addresses, a scanned ID card QR) goes through ``type_text``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget | None, text: str) -> None:
    """Send ``text`` to ``widget`` (or the focused widget) as key presses and releases."""
    for char in text:
        target = widget or QApplication.focusWidget()
        assert target is not None, "no widget has the keyboard focus"
        key = _key_for(char)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
    QCoreApplication.processEvents()


def press(widget: QWidget | None, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press and release one key (Enter, Tab, F-keys, Ctrl+S…) on ``widget`` or the focused widget."""
    target = widget or QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(target, QKeyEvent(kind, key, modifiers))
    QCoreApplication.processEvents()


def _key_for(char: str) -> int:
    if char in "\r\n":
        return Qt.Key.Key_Return
    if char == "\t":
        return Qt.Key.Key_Tab
    if char.isascii() and (char.isalnum() or char in " |-.,/"):
        return ord(char.upper())
    return Qt.Key.Key_unknown
