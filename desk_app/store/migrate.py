"""Bring a desk database to the current schema, after copying it aside.

Called at every start-up. A database already at the head revision costs one small query. Otherwise
the file is first copied aside with SQLite's online backup (consistent even with a WAL), named after
its revision and the time, so a failed or buggy migration can never lose what a clerk saved; then
Alembic upgrades it in batch mode.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.resources import migrations_path

if TYPE_CHECKING:
    from alembic.config import Config

_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|None)", re.MULTILINE)


def alembic_config(db_path: Path) -> Config:
    """The Alembic configuration of the desk environment for one database file."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path("desk")))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    return config


@cache
def head_revision() -> str:
    """The newest revision of the desk schema, read from the revision files.

    Read without importing Alembic (which costs more than 100 ms at every start-up); a test checks
    that it is the head Alembic itself computes.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in migrations_path("desk", "versions").glob("*.py"):
        found = {m.group(1): m.group(2) or m.group(3) for m in _REVISION.finditer(path.read_text(encoding="utf-8"))}
        if found.get("revision"):
            revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    assert len(heads) == 1, f"the desk schema must have one head revision, not {sorted(heads)}"
    return heads.pop()


def current_revision(db_path: Path) -> str | None:
    """The revision a database file is at; None for a new or empty file."""
    if not db_path.exists():
        return None
    with sqlite3.connect(db_path) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
    return row[0] if row else None


def copy_aside(db_path: Path, backups_dir: Path, label: str) -> Path:
    """A consistent copy of the database in ``backups_dir`` (SQLite online backup)."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"{db_path.stem}-{label}-{stamp}.sqlite3"
    with sqlite3.connect(db_path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def upgrade(db_path: Path, backups_dir: Path) -> Path | None:
    """Migrate ``db_path`` to the head; returns the copy made aside, if one was needed.

    Two processes starting on one data folder at once (the window and a scheduled ``desk-app sync``)
    take turns through a lock file: the second finds the database already at the head.
    """
    head = head_revision()
    if current_revision(db_path) == head:
        return None
    from alembic import command
    from filelock import FileLock

    db_path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(db_path.with_name(db_path.name + ".migrate.lock")):
        current = current_revision(db_path)
        if current == head:
            return None
        saved = None
        if current is not None:
            saved = copy_aside(db_path, backups_dir, f"before-upgrade-from-{current}")
        command.upgrade(alembic_config(db_path), "head")
    return saved
