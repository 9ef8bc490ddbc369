"""Fixtures of the sync tests: desks in separate data folders (copied from one migrated template),
enrolled with a real centre served by uvicorn over a throwaway PostgreSQL (``tests/pg.py``)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desk_app.services.desk import Desk
from desk_app.services.sync import enroll
from desk_app.services.unit import UnitProfile
from tests.pg import RunningCentre
from tests.sync.helpers import UNIT, enrolment_code


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated data folder with the sample catalogue and no unit yet."""
    folder = tmp_path_factory.mktemp("desk-template")
    Desk.open(folder).close()
    return folder


def open_desk(template: Path, folder: Path, desk_number: int, unit: str = UNIT) -> Desk:
    """A desk of ``unit`` in its own data folder, set up as desk ``desk_number``."""
    shutil.copytree(template, folder)
    desk = Desk.open(folder)
    desk.set_up(
        UnitProfile(
            agency_id=unit,
            parent_body="ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN",
            unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
            place_name="Đông Sơn",
            desk_number=desk_number,
        )
    )
    return desk


@pytest.fixture
def make_desk(desk_template: Path, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    """Open a fresh desk (``make_desk(desk_number)``); every one is closed at the end."""
    opened: list[Desk] = []

    def make(desk_number: int = 1, unit: str = UNIT) -> Desk:
        desk = open_desk(desk_template, tmp_path / f"desk-{len(opened) + 1}", desk_number, unit)
        opened.append(desk)
        return desk

    yield make
    for desk in opened:
        desk.close()


@pytest.fixture
def enrolled_desk(make_desk: Callable[..., Desk], centre_server: RunningCentre) -> Callable[..., Desk]:
    """A fresh desk enrolled with the test centre through ``enroll`` (the real code exchange)."""

    def make(desk_number: int = 1, unit: str = UNIT, url: str | None = None) -> Desk:
        desk = make_desk(desk_number, unit)
        code = enrolment_code(centre_server.engine, unit, desk_number)
        enroll(desk, centre_server.url, code)
        if url is not None:  # talk through a proxy from now on
            from desk_app.services.sync import CENTRE_URL_KEY
            from desk_app.store import unit as unit_store

            with desk.db.write() as connection:
                unit_store.set_settings(connection, {CENTRE_URL_KEY: url})
        return desk

    return make
