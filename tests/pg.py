"""A throwaway PostgreSQL cluster for the tests, and fresh migrated centre databases on it.

``pg_cluster`` (session): ``initdb`` into a temporary folder and ``pg_ctl -w start`` on a free port
of 127.0.0.1, with ``fsync=off`` (tests only: speed over durability); stopped and deleted at the end
of the session. As root, PostgreSQL refuses to run, so the folder belongs to ``postgres`` and the
binaries run through ``runuser -u postgres --``. Binaries come from ``/usr/lib/postgresql/*/bin``
or ``pg_config --bindir``; when there are none the tests FAIL with a message (``make test``
installs the ``postgresql`` package): nothing here ever skips.

``pg_url`` (session): the URL of an empty database on the cluster. ``centre_db_url`` (function): the
URL of a database of the current centre schema (migrated once per session), emptied before each
test, so every test starts clean (a test must not leave a transaction open when it ends).
``centre_server`` (function): a real uvicorn server of the centre on a free loopback port, over a
fresh database; its ``.url``, ``.settings`` and ``.engine`` are there for the test.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


def _bin_dir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if candidates:
        return Path(candidates[-1])
    try:
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        found = ""
    if found and (Path(found) / "initdb").exists():
        return Path(found)
    pytest.fail(
        "PostgreSQL is not installed: the centre tests need its server binaries (initdb, pg_ctl). "
        "Install them with `apt-get install -y postgresql` (make test does).",
        pytrace=False,
    )


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgCluster:
    """A running throwaway cluster: its port and the way to run its binaries."""

    bin_dir: Path
    data_dir: Path
    port: int
    as_postgres: bool

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL binary (as ``postgres`` when we are root); raise with its output on failure."""
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database on this cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(sql)  # type: ignore[arg-type]

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (optionally a copy of ``template``); returns its URL."""
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, closing whatever is still connected to it."""
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """Start a throwaway PostgreSQL cluster for the session; stop and delete it at the end."""
    bin_dir = _bin_dir()
    as_postgres = os.geteuid() == 0
    # as root the folder must be reachable by ``postgres``: /tmp is, a TMPDIR under /root may not be
    root = Path(tempfile.mkdtemp(prefix="centre-pg-", dir="/tmp" if as_postgres else None))
    data_dir = root / "data"
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    cluster = PgCluster(bin_dir, data_dir, free_port(), as_postgres)
    cluster.run("initdb", "-D", str(data_dir), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "-N")
    options = (
        f"-p {cluster.port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB"
    )
    cluster.run("pg_ctl", "-D", str(data_dir), "-o", options, "-l", str(root / "log"), "-w", "-t", "60", "start")
    try:
        yield cluster
    finally:
        try:
            cluster.run("pg_ctl", "-D", str(data_dir), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_url(pg_cluster: PgCluster) -> str:
    """The URL of an empty database on the throwaway cluster."""
    return pg_cluster.create_database("test")


@pytest.fixture(scope="session")
def centre_database(pg_cluster: PgCluster) -> str:
    """The name of a database migrated once to the centre schema for the session."""
    from centre.core.db import migrate

    pg_cluster.create_database("centre_test")
    migrate(pg_cluster.url("centre_test"))
    return "centre_test"


@pytest.fixture
def centre_db_url(pg_cluster: PgCluster, centre_database: str) -> str:
    """The centre database, emptied for this test (TRUNCATE of every table: ~40 ms, where a copy of a
    template database costs ~300 ms)."""
    import psycopg

    dsn = f"host=127.0.0.1 port={pg_cluster.port} user=postgres dbname={centre_database}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("SET lock_timeout = '20s'")
        tables = connection.execute(
            "SELECT quote_ident(tablename) FROM pg_tables"
            " WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
        ).fetchall()
        connection.execute(f"TRUNCATE {', '.join(t[0] for t in tables)} RESTART IDENTITY CASCADE")  # type: ignore[arg-type]
    return pg_cluster.url(centre_database)


@dataclass
class RunningCentre:
    """A centre served by uvicorn in a thread of the test process."""

    url: str
    settings: Any
    engine: Any


@pytest.fixture
def centre_server(centre_db_url: str, tmp_path: Path) -> Iterator[RunningCentre]:
    """A real uvicorn server of the centre on 127.0.0.1 over a fresh PostgreSQL database."""
    import uvicorn

    from centre.api.main import create_app
    from centre.core.config import Settings

    settings = Settings(database_url=centre_db_url, files_dir=tmp_path / "files", admin_token="admin-secret")
    app = create_app(settings)
    # proto=IPPROTO_TCP, or asyncio does not set TCP_NODELAY on the accepted connections and every
    # answer waits ~40 ms for a delayed ACK (Nagle)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the centre did not start")
        time.sleep(0.01)
    try:
        yield RunningCentre(f"http://127.0.0.1:{port}", settings, app.state.engine)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
        app.state.engine.dispose()
