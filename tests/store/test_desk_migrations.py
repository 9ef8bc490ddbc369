"""The desk schema: migrations produce exactly the models, and never lose a clerk's data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from desk_app.domain.events import canonical_json
from desk_app.services.desk import Desk
from desk_app.store import dossiers, outbox
from desk_app.store.migrate import alembic_config, copy_aside, current_revision, head_revision, upgrade
from desk_app.store.models import metadata
from tests.domain.factories import received


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite3"
    upgrade(db, tmp_path / "backups")
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_object": lambda obj, name, type_, *_: not name.startswith("dossier_search")},
        )
        differences = compare_metadata(context, metadata)
    engine.dispose()
    assert differences == []


def test_a_new_database_is_created_at_the_head_without_a_copy_aside(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite3"
    assert upgrade(db, tmp_path / "backups") is None
    assert current_revision(db) == head_revision()
    assert not (tmp_path / "backups").exists()


def test_every_earlier_schema_upgrades_with_its_dossiers_kept_and_a_copy_aside(tmp_path: Path) -> None:
    script = ScriptDirectory.from_config(alembic_config(tmp_path / "x"))
    earlier = [rev.revision for rev in script.walk_revisions() if rev.revision != head_revision()]
    for revision in earlier:
        folder = tmp_path / revision
        folder.mkdir()
        db = folder / "desk.sqlite3"
        command.upgrade(alembic_config(db), revision)
        with sqlite3.connect(db) as connection:
            connection.execute("INSERT INTO settings(key, value) VALUES ('marker', '\"giữ nguyên\"')")
        desk = Desk.open(folder)
        with desk.db.read() as connection:
            assert (
                connection.exec_driver_sql("SELECT value FROM settings WHERE key='marker'").scalar() == '"giữ nguyên"'
            )
        desk.close()
        copies = list((folder / "backups").glob(f"desk-before-upgrade-from-{revision}-*.sqlite3"))
        assert len(copies) == 1
        assert current_revision(copies[0]) == revision
        assert current_revision(db) == head_revision()


def test_copy_aside_is_a_consistent_copy_even_with_a_write_ahead_log(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path)
    desk.ensure_demo_unit()
    copy = copy_aside(desk.db.path, tmp_path / "backups", "test")
    desk.close()
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM settings WHERE key = 'unit'").fetchone()[0] == 1


def test_two_processes_opening_an_old_database_at_once_migrate_it_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = ScriptDirectory.from_config(alembic_config(tmp_path / "x"))
    oldest = list(script.walk_revisions())[-1].revision
    db = tmp_path / "desk.sqlite3"
    command.upgrade(alembic_config(db), oldest)
    code = "import sys; from pathlib import Path; from desk_app.services.desk import Desk; Desk.open(Path(sys.argv[1]))"
    children = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)]) for _ in range(3)]
    assert [child.wait(timeout=120) for child in children] == [0, 0, 0]
    assert current_revision(db) == head_revision()
    assert len(list((tmp_path / "backups").glob("*.sqlite3"))) == 1


def test_the_head_read_from_the_files_is_alembics_head(tmp_path: Path) -> None:
    script = ScriptDirectory.from_config(alembic_config(tmp_path / "x"))
    assert head_revision() == script.get_current_head()


def test_an_event_waiting_to_be_sent_before_the_outbox_kept_texts_is_still_sent_as_itself(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite3"
    command.upgrade(alembic_config(db), "0004")
    event = received()
    row = dossiers.event_to_row(event)
    with sqlite3.connect(db) as connection:
        connection.execute(
            f"INSERT INTO events({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
        )
    desk = Desk.open(tmp_path)
    try:
        with desk.db.read() as connection:
            unsent = outbox.unsent_texts(connection, event.device_id, 10)
            plan = connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE device_id = ? AND centre_seq IS NULL", ("x",)
            ).all()
    finally:
        desk.close()
    assert [u.text for u in unsent] == [canonical_json(event.to_wire()).decode()]
    assert "ix_events_unsent" in str(plan)
