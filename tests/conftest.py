"""Test set-up shared by every folder: Qt offscreen, and the throwaway PostgreSQL cluster (tests/pg.py)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.pg"]
