"""Bring a desk database to the current schema, after copying it aside.

Called at every start-up. A database already at the head revision costs one small query. Otherwise
the file is first copied aside with SQLite's online backup (consistent even with a WAL), named after
its revision and the time, so a failed or buggy migration can never lose what a clerk saved; then
Alembic upgrades it in batch mode.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from filelock import FileLock

from desk_app.resources import migrations_path


def alembic_config(db_path: Path) -> Config:
    """The Alembic configuration of the desk environment for one database file."""
    config = Config()
    config.set_main_option("script_location", str(migrations_path("desk")))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    return config


def head_revision() -> str:
    """The newest revision of the desk schema."""
    head = ScriptDirectory.from_config(alembic_config(Path("unused"))).get_current_head()
    assert head is not None
    return head


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
