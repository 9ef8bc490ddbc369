"""``python -m desk_app``, and the entry script of the PyInstaller bundle: the ``desk-app`` command line.

Kept to the one import so the bundle's start-up stays as lazy as the console script's.
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen bundle started as the sync's page reader (services.page_reader)
    if os.environ.get("MOT_CUA_XCB_PROBE"):  # the bundle asked by itself whether xcb works (ui.app._xcb_works)
        from desk_app.ui.app import xcb_probe

        xcb_probe()
        sys.exit(0)
    from desk_app.cli import main

    sys.exit(main())
