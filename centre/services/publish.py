"""What the province publishes to its desks: the procedure catalogue and the working calendar.

A catalogue is checked with the desk's own parser (``parse_catalogue``) and stored in its canonical
form; versions are immutable (importing the same version with other content is refused) and the
last imported is the current one, sent to every desk holding another version. The calendar is a
list of override days (make-up Saturdays, extra days off) on top of the holidays every desk seeds
itself; each change is a new calendar version, and a desk holding an older one receives the whole
list at its next sync.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from centre import CentreError
from centre.models import CalendarOverrideRow, CalendarVersion, CatalogueVersion
from desk_app.domain import sync_protocol as sp
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import canonical_json
from desk_app.domain.procedures import Catalogue, catalogue_to_dict, load_catalogue
from desk_app.domain.work_calendar import CalendarOverride

CATALOGUES = CatalogueVersion.__table__
CALENDARS = CalendarVersion.__table__
OVERRIDES = CalendarOverrideRow.__table__


def import_catalogue(connection: Connection, path: str | Path) -> tuple[Catalogue, bool]:
    """Publish the catalogue in ``path`` (validated); (catalogue, False when that version was already there)."""
    catalogue = load_catalogue(path)
    document = canonical_json(catalogue_to_dict(catalogue)).decode()
    held = connection.execute(select(CATALOGUES.c.document).where(CATALOGUES.c.version == catalogue.version)).first()
    if held is not None:
        if held.document != document:
            raise CentreError(
                f"Danh mục phiên bản {catalogue.version} đã được công bố với nội dung khác: hãy đặt phiên bản mới",
                f"Catalogue version {catalogue.version} was published with other content: give it a new version",
                sp.ERR_CONFLICT,
            )
        return catalogue, False
    connection.execute(
        insert(CATALOGUES).values(
            version=catalogue.version, province=catalogue.province, document=document, imported_at=datetime.now(UTC)
        )
    )
    return catalogue, True


def parse_overrides(items: Iterable[object]) -> list[CalendarOverride]:
    """Override days from their JSON form ``{"day", "working", "reason", "source"}``; InvalidInput otherwise."""
    result = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise InvalidInput(
                f"Mục lịch thứ {index} không phải đối tượng JSON", f"Calendar item {index} is not an object"
            )
        try:
            day = date.fromisoformat(str(item.get("day")))
        except ValueError:
            raise InvalidInput(
                f"Mục lịch thứ {index}: ngày {item.get('day')!r} không đúng dạng YYYY-MM-DD",
                f"Calendar item {index}: day {item.get('day')!r} is not YYYY-MM-DD",
            ) from None
        result.append(
            CalendarOverride(day, item.get("working"), str(item.get("reason", "")), str(item.get("source", "")))
        )  # type: ignore[arg-type]
    days = [o.day for o in result]
    if len(set(days)) != len(days):
        raise InvalidInput("Một ngày xuất hiện hai lần trong lịch", "A day appears twice in the calendar")
    return result


def publish_calendar(
    connection: Connection, overrides: Sequence[CalendarOverride], years: Iterable[int], note: str = ""
) -> int:
    """Replace the override days of ``years`` with ``overrides``; returns the new calendar version."""
    years = sorted(set(years))
    stray = [o.day for o in overrides if o.day.year not in years]
    if stray:
        raise InvalidInput(
            f"Ngày {stray[0]:%d/%m/%Y} nằm ngoài năm đang đặt lịch",
            f"{stray[0]:%d/%m/%Y} is outside the years being set",
        )
    for year in years:
        connection.execute(
            delete(OVERRIDES).where(OVERRIDES.c.day >= date(year, 1, 1), OVERRIDES.c.day <= date(year, 12, 31))
        )
    if overrides:
        rows = [{"day": o.day, "working": o.working, "reason": o.reason, "source": o.source} for o in overrides]
        connection.execute(insert(OVERRIDES), rows)
    version = connection.execute(
        insert(CALENDARS).values(published_at=datetime.now(UTC), note=note[:500]).returning(CALENDARS.c.id)
    ).scalar_one()
    return int(version)


def import_calendar(connection: Connection, path: str | Path) -> tuple[int, int]:
    """Publish the override days in a JSON file (a list, or ``{"overrides": [...]}``), replacing the
    years it covers; returns (new version, number of days)."""
    file = Path(path)
    try:
        data: Any = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(
            f"Không đọc được tệp lịch {file}: {exc}", f"Cannot read the calendar file {file}: {exc}"
        ) from None
    items = data.get("overrides") if isinstance(data, Mapping) else data
    if not isinstance(items, list):
        raise InvalidInput("Tệp lịch phải là một danh sách ngày", "The calendar file must be a list of days")
    overrides = parse_overrides(items)
    version = publish_calendar(connection, overrides, {o.day.year for o in overrides}, note=f"import {file.name}")
    return version, len(overrides)
