"""Where the bundled resources are: next to the package in a checkout, under ``sys._MEIPASS`` in a bundle.

Every layer finds ``resources/`` and ``migrations/`` through this one function, so the same code
runs from a source checkout, an installed wheel in editable mode, and the PyInstaller bundle.
"""

from __future__ import annotations

import sys
from pathlib import Path


def project_root() -> Path:
    """The folder holding ``resources/`` and ``migrations/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A path under ``resources/``."""
    return project_root().joinpath("resources", *parts)


def migrations_path(*parts: str) -> Path:
    """A path under ``migrations/``."""
    return project_root().joinpath("migrations", *parts)


def sample_catalogue_path() -> Path:
    """The sample catalogue shipped with the desk (real commune procedures, sample values)."""
    return resource_path("catalogue", "sample-procedures.json")
