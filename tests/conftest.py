"""Test set-up shared by every folder: the throwaway PostgreSQL cluster (tests/pg.py)."""

pytest_plugins = ["tests.pg"]
