"""Fixtures of the centre tests: an app over a fresh PostgreSQL database, and enrolled test desks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from centre.api.main import create_app
from centre.core.config import Settings
from tests.centre.helpers import ADMIN_TOKEN, TestDesk, enrol_desk


@pytest.fixture
def settings(centre_db_url: str, tmp_path: Path) -> Settings:
    """Settings of a centre over a fresh database, files in a temporary folder."""
    return Settings(database_url=centre_db_url, files_dir=tmp_path / "files", admin_token=ADMIN_TOKEN)


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    """The centre application."""
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A test client of the centre (no network)."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def engine(app: FastAPI) -> Engine:
    """The centre's database engine."""
    return app.state.engine


@pytest.fixture
def enrol(client: TestClient, engine: Engine) -> Callable[..., TestDesk]:
    """Enrol a desk of a unit through the real code exchange; returns a desk that can sync."""

    def make(unit: str = "000.17.22.H56", desk_number: int = 1, device_id: str | None = None) -> TestDesk:
        return enrol_desk(client, engine, unit, desk_number, device_id)

    return make
