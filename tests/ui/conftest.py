"""Qt tests run offscreen, with the task runner synchronous where a test asks for it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
