"""Alembic environment of the desk database (SQLite, batch mode, named constraints)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desk_app.store.models import metadata

config = context.config
target_metadata = metadata


def run_migrations() -> None:
    """Run in online mode against the configured file (offline mode writes SQL for review)."""
    url = config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=lambda obj, name, type_, *_: not (type_ == "table" and name.startswith("dossier_search")),
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
