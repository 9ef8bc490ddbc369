"""Shared set-up of the window-shell tests: data folders, a desk with dossiers, the English .qm.

Data folders are copied from one template migrated per session (opening a new folder migrates it
and loads the catalogue, which is what costs). Every window test runs its task runner synchronously,
so results land without event-loop waits and no thread outlives a test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desk_app.domain.intake import IntakeForm, Person
from desk_app.resources import resource_path
from desk_app.services.accounts import create_account
from desk_app.services.desk import Desk
from desk_app.services.unit import UnitProfile
from desk_app.ui import i18n
from desk_app.ui.context import DeskContext
from desk_app.ui.tasks import TaskRunner

UNIT = UnitProfile(
    agency_id="000.17.22.H56",
    parent_body="ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN",
    unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ ĐÔNG SƠN",
    place_name="Đông Sơn",
    desk_number=2,
)
PASSWORD = "Mật-khẩu-2026"
_TEMPLATES: dict[str, Path] = {}


def template_folder(root: Path, with_unit: bool) -> Path:
    """A migrated data folder (with the unit and a clerk ``tuan.lm`` if asked), made once per session."""
    key = "unit" if with_unit else "empty"
    if key not in _TEMPLATES:
        folder = root / f"template-{key}"
        desk = Desk.open(folder)
        if with_unit:
            desk.set_up(UNIT)
            create_account(desk, "tuan.lm", "Lê Minh Tuấn", "clerk", PASSWORD)
        desk.close()
        _TEMPLATES[key] = folder
    return _TEMPLATES[key]


def open_copy(root: Path, target: Path, with_unit: bool) -> Desk:
    """A desk on a fresh copy of a template folder."""
    shutil.copytree(template_folder(root, with_unit), target)
    return Desk.open(target)


@pytest.fixture
def context(qapp: object) -> Iterator[DeskContext]:
    """A window context with a synchronous task runner; Vietnamese again afterwards."""
    runner = TaskRunner(synchronous=True)
    yield DeskContext(runner, "vi")
    runner.wait()
    i18n.set_language(i18n.VIETNAMESE)


@pytest.fixture
def unit_desk(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Desk]:
    """A set-up desk (Đông Sơn, desk 2) with the clerk ``tuan.lm``."""
    desk = open_copy(tmp_path_factory.getbasetemp(), tmp_path / "desk", with_unit=True)
    yield desk
    desk.close()


@pytest.fixture
def empty_desk(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Desk]:
    """A desk with no unit and no account (first run)."""
    desk = open_copy(tmp_path_factory.getbasetemp(), tmp_path / "desk", with_unit=False)
    yield desk
    desk.close()


def receive(desk: Desk, name: str, id_number: str, now: datetime | None = None, procedure: str = "2.000815") -> str:
    """Receive one dossier through the façade; its code."""
    form = IntakeForm(applicant=Person(name, id_number, phone="0912345678"), procedure_code=procedure)
    return desk.receive(form, "tuan.lm", now=now).state.code


def receive_some(desk: Desk) -> list[str]:
    """Two dossiers received now, one received ten days ago (overdue by now); codes, oldest first."""
    late = receive(desk, "Phạm Văn Đồng", "038090001234", now=datetime.now() - timedelta(days=10))
    first = receive(desk, "Nguyễn Thị Thu Hương", "038190012345")
    second = receive(desk, "Đặng Văn Đức", "001085004321")
    return [late, first, second]


@pytest.fixture(scope="session")
def english_qm() -> Path:
    """The English translation compiled from the committed .ts (the .qm is built, not committed)."""
    source = resource_path("i18n", "mot_cua_en.ts")
    target = i18n.translation_file(i18n.ENGLISH)
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(target)], check=True)
    return target
