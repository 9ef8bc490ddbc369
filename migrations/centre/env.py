"""Alembic environment of the centre database (PostgreSQL; plain ALTERs, no batch mode).

The embedded SQLite try-out database runs the same revisions; a revision that SQLite cannot apply
without batch mode should say so and ask embedded users to start afresh (it is never production).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from centre.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Run online against the configured URL (offline mode writes SQL for review)."""
    url = config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
