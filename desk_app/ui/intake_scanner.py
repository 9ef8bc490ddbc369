"""Catch a citizen ID card scan typed by a keyboard-wedge scanner, wherever the keyboard focus is.

A USB QR scanner in keyboard mode "types" the card's QR text (``<12 digits>|<old id>|<name>|…``)
followed by Enter, a few milliseconds per character — into whichever widget has the focus. While
the intake page is visible, ``CardScanListener`` watches every key press of the page's window
(an application-level event filter) and keeps the recent *fast* characters (each within
``FAST_GAP_S`` of the previous one) with the widget that received each and how that widget looked
before. When the fast run shows the card's start (12 digits then ``|``) — or two ``|`` (a pipe
layout we may not know, e.g. the 2024 card), a URL or a VietQR payment text — it is a scan:

* the characters of the scan already delivered are taken back (each widget they went to is
  restored to how it was before the scan began);
* the rest of the scan is swallowed, up to the terminating Enter/Tab or a pause of
  ``END_PAUSE_MS`` (scanners configured without a suffix), including that Enter (and the LF of a
  CR LF suffix), which must not pick a procedure or press a dialog's default button;
* ``scanned`` carries the whole text (still possibly NFD: the parser normalises it).

A person cannot type 12 digits and a ``|`` with under 50 ms between keys, so typing is never
mistaken for a scan; the scan field of the page still takes pasted text for the rare layout that
starts otherwise. Key presses with Ctrl/Alt, and non-text keys, end a fast run.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

FAST_GAP_S = 0.05
"""Longest pause between two characters of one scan (scanners: 1–20 ms; people: 80 ms and more)."""
END_PAUSE_MS = 80
"""A scan without Enter ends after this pause."""
MAX_RUN = 4000
"""Characters kept of one fast run (a QR holds at most a few hundred)."""

_CARD_START = re.compile(r"(?<![A-Za-z=_:/.-])[0-9]{12}\|")
_OTHER_START = re.compile(r"(?:https?://|000201)", re.IGNORECASE)
_MIN_OTHER = 16
_TERMINATORS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
}

Restore = Callable[[], None]


def snapshot(widget: QWidget) -> Restore | None:
    """A function that puts back what the user can edit in ``widget`` as it is now (None if nothing).

    Uses the widget's Qt *user property* (``text`` of a line edit, ``value`` of a spin box,
    ``dateTime``, ``currentText``, ``plainText``…), the cursor of a line edit and the current row
    of a list.
    """
    if isinstance(widget, QLineEdit):
        text, cursor = widget.text(), widget.cursorPosition()
        return lambda: (widget.setText(text), widget.setCursorPosition(cursor))
    if isinstance(widget, QAbstractItemView):
        current = widget.currentIndex()
        return lambda: widget.setCurrentIndex(current)
    user = widget.metaObject().userProperty()
    if not user.isValid():
        return None
    name = user.name()
    value = widget.property(name)
    return lambda: widget.setProperty(name, value)


@dataclass
class _Typed:
    """One fast character (or committed text) with where it went and how that widget was before."""

    start: int
    text: str
    receiver: QWidget
    restore: Restore | None


class CardScanListener(QObject):
    """Application event filter that turns a scanner's typing into one ``scanned`` signal."""

    scanned = Signal(str)

    def __init__(self, scope: QWidget, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(scope)
        self._scope = scope
        self._clock = clock
        self._run: list[_Typed] = []
        self._run_text = ""
        self._last = float("-inf")
        self._scan: list[str] | None = None
        self._finished = float("-inf")
        self._installed = False
        self._end = QTimer(self)
        self._end.setSingleShot(True)
        self._end.setInterval(END_PAUSE_MS)
        self._end.timeout.connect(self._finish)

    @property
    def scanning(self) -> bool:
        """Whether a scan is being received now."""
        return self._scan is not None

    def start(self) -> None:
        """Listen to the whole application (while the page is visible)."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def stop(self) -> None:
        """Stop listening; a scan in progress is dropped."""
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
        self._end.stop()
        self._scan = None
        self._forget()

    def _in_scope(self, widget: QWidget) -> bool:
        """The widget is in the page's window or in a dialog opened over it (the slip preview)."""
        home = self._scope.window()
        window: QWidget | None = widget.window()
        while window is not None:
            if window is home:
                return True
            parent = window.parentWidget()
            window = parent.window() if parent is not None else None
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Watch key presses delivered to the focused widget of the page's window."""
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or not isinstance(watched, QWidget):
            return False
        focus = QApplication.focusWidget()
        # An ignored key event travels up to the parents: look at its first delivery only.
        if (focus is not None and watched is not focus) or not self._in_scope(watched):
            return False
        if kind == QEvent.Type.KeyRelease:
            return self.scanning
        assert isinstance(event, QKeyEvent)
        return self._key_press(watched, event)

    def _key_press(self, receiver: QWidget, event: QKeyEvent) -> bool:
        key, text = event.key(), event.text()
        if self._scan is not None:
            if key in _TERMINATORS:
                self._finish()
            elif text:
                self._scan.append(text)
                self._end.start()
            return True
        if key in _MODIFIER_KEYS:
            return False
        if text == "\n" and self._clock() - self._finished <= FAST_GAP_S:
            return True  # the LF of a CR LF suffix

        chord = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if not text or not text.isprintable() or chord:
            self._forget()
            return False
        now = self._clock()
        if now - self._last > FAST_GAP_S or len(self._run_text) > MAX_RUN:
            self._forget()
        self._last = now
        self._run.append(_Typed(len(self._run_text), text, receiver, snapshot(receiver)))
        self._run_text += text
        begin = self._scan_start()
        if begin is None:
            return False
        self._take_back(begin)
        self._scan = [self._run_text[begin:]]
        self._forget()
        self._end.start()
        return True

    def _scan_start(self) -> int | None:
        """Where a scan begins in the current fast run, None while it does not look like one."""
        run = self._run_text
        card = _CARD_START.search(run)
        if card is not None:
            return card.start()
        other = _OTHER_START.search(run)
        if other is not None and len(run) - other.start() >= _MIN_OTHER:
            return other.start()
        if run.count("|") >= 2 and len(run) >= _MIN_OTHER:
            return 0
        return None

    def _take_back(self, begin: int) -> None:
        """Restore each widget that received part of the scan to how it was before its first part."""
        restored: list[QWidget] = []
        for typed in self._run:
            if typed.start + len(typed.text) <= begin or typed.receiver in restored:
                continue
            restored.append(typed.receiver)
            if typed.restore is not None:
                typed.restore()

    def _forget(self) -> None:
        self._run.clear()
        self._run_text = ""

    def _finish(self) -> None:
        self._end.stop()
        if self._scan is None:
            return
        text, self._scan = "".join(self._scan), None
        self._last = float("-inf")
        self._finished = self._clock()
        self.scanned.emit(text)
