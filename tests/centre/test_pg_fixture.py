"""The throwaway cluster set-up fails loudly (never skips) when PostgreSQL is not installed."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests import pg


def test_missing_postgresql_fails_the_tests_with_how_to_install_it(monkeypatch: Any) -> None:
    monkeypatch.setattr(pg.glob, "glob", lambda _pattern: [])

    def no_pg_config(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError("pg_config: not found")

    monkeypatch.setattr(pg.subprocess, "run", no_pg_config)
    with pytest.raises(pytest.fail.Exception) as caught:
        pg._bin_dir()
    assert "apt-get install -y postgresql" in str(caught.value)


def test_cluster_binaries_are_found(pg_cluster: pg.PgCluster) -> None:
    assert (pg_cluster.bin_dir / "pg_ctl").exists()
    version = subprocess.run([str(pg_cluster.bin_dir / "postgres"), "--version"], capture_output=True, text=True)
    assert "PostgreSQL" in version.stdout
