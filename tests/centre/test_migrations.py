"""The centre's Alembic environment builds exactly the schema the models describe, on PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from centre.core.db import alembic_config
from centre.models import Base


def test_migrated_database_matches_the_models(centre_db_url: str) -> None:
    engine = create_engine(centre_db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_database_is_at_the_newest_revision_with_the_sync_indexes(centre_db_url: str) -> None:
    engine = create_engine(centre_db_url)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            unique = inspect(connection).get_unique_constraints("events")
    finally:
        engine.dispose()
    assert current == ScriptDirectory.from_config(alembic_config(centre_db_url)).get_current_head()
    assert {tuple(u["column_names"]) for u in unique} == {("device_id", "device_seq"), ("unit", "centre_seq")}
