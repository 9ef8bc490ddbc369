"""The centre's settings: one pydantic-settings class, read from ``CENTRE_*`` environment variables.

With no ``CENTRE_DATABASE_URL`` the centre uses an embedded SQLite file in the user data folder, so
that a newcomer can run the whole loop on one machine; production uses PostgreSQL
(``postgresql://user@host/db``, driven by psycopg 3).
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "mot-cua-centre"


def default_data_dir() -> Path:
    """The centre's folder in the user data folder (embedded database, uploaded files)."""
    return user_data_path(APP_NAME, appauthor=False)


def default_database_url() -> str:
    """The embedded SQLite database used when no URL is given."""
    return f"sqlite:///{default_data_dir() / 'centre.sqlite3'}"


class Settings(BaseSettings):
    """Everything the centre can be configured with; every field has a working default."""

    model_config = SettingsConfigDict(env_prefix="CENTRE_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    files_dir: Path = Field(default_factory=lambda: default_data_dir() / "files")
    admin_token: str = ""
    min_app_version: str = "0.1.0"
    enrol_code_hours: int = 24
    max_file_bytes: int = 100 * 1024 * 1024
    max_chunk_bytes: int = 16 * 1024 * 1024
    # Database connections per worker process. A sync's database work is short and a worker runs
    # Python on one core: a few connections keep it busy, and more only make concurrent pushes
    # contend in PostgreSQL (200 desks at once on 2 cores: p95 ~3.7-4.6 s with 4, ~4.8-5.9 s with 20).
    pool_size: int = 4
    max_overflow: int = 2
    response_gzip_level: int = 1
