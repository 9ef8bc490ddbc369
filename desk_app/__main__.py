"""``python -m desk_app``, and the entry script of the PyInstaller bundle: the ``desk-app`` command line.

Kept to the one import so the bundle's start-up stays as lazy as the console script's.
"""

from __future__ import annotations

import sys

from desk_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
