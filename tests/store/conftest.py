"""Store tests copy one pre-migrated, pre-seeded template data folder instead of migrating each time."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.services.desk import Desk


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    desk = Desk.open(folder)
    desk.ensure_demo_unit()
    desk.close()
    return folder


@pytest.fixture
def desk(template_dir: Path, tmp_path: Path) -> Iterator[Desk]:
    folder = tmp_path / "data"
    shutil.copytree(template_dir, folder)
    opened = Desk.open(folder)
    yield opened
    opened.close()
