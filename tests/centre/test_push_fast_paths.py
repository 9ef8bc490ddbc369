"""The push path's shortcuts give exactly what the plain ways give: events built from the wire, their
canonical JSON, COPY text and array literals sent to PostgreSQL, and the rows stored."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from enum import IntEnum
from typing import Any

import psycopg
import pytest
from hypothesis import given, strategies as st
from sqlalchemy import select

from centre.core.db import array_literal, copy_text, make_engine
from centre.models import EventRow
from centre.services import desks as centre_desks
from centre.services.incoming import parse_incoming
from centre.services.ingest import _EVENT_COLUMNS, store_events
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import Event, EventKind, canonical_json, canonical_payload
from tests.domain.factories import received, then

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
_json: Any = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12,
)
TRICKY = 'Nguyễn\tVăn\nĐức\r\\ "Hà Nội" \\N \\. \u2028'


def _outcome(make: Any) -> tuple[str, Any]:
    try:
        event = make()
    except InvalidInput as exc:
        return ("refused", (exc.message, exc.english, exc.field))
    return ("event", (event, vars(event)))


@given(st.dictionaries(_text, _json, max_size=5), _text, st.sampled_from(["+00:00", "+07:00", "Z", ""]))
def test_canonical_json_is_that_of_the_wire_form(extra: dict[str, Any], name: str, zone: str) -> None:
    event = received(applicant_name=name or TRICKY, **{f"x_{k}": v for k, v in extra.items()})
    wire = event.to_wire()
    wire["recorded_at"] = wire["recorded_at"].replace("+00:00", zone or "+00:00")
    built = Event.from_wire(wire)
    assert vars(built) == vars(Event._checked_from_wire(wire))
    assert built.canonical() == canonical_json(built.to_wire())


class _Seq(IntEnum):
    FIRST = 1


def test_an_event_of_unusual_field_types_is_serialised_literally() -> None:
    event = replace(received(actor=TRICKY), device_seq=_Seq.FIRST)
    assert event.canonical() == canonical_json(event.to_wire())
    local = replace(received(), recorded_at=datetime(2025, 11, 26, 9, 0, tzinfo=timezone(timedelta(hours=7))))
    assert local.canonical() == canonical_json(local.to_wire())


def _variants() -> list[dict[str, Any]]:
    base = then(EventKind.TRANSFERRED, received(actor=TRICKY)).to_wire()

    class Name(str):
        pass

    changes: list[dict[str, Any]] = [
        {},
        {"extra": 1},
        {"device_seq": True},
        {"device_seq": 0},
        {"device_seq": 1.0},
        {"hlc": -1},
        {"hlc": 2**63},
        {"schema_version": "1"},
        {"actor": " "},
        {"actor": "x" * 201},
        {"actor": Name("Lê Thị Hoa")},
        {"device_id": 7},
        {"kind": "nope"},
        {"kind": ["received"]},
        {"kind": EventKind.NOTE},
        {"id": base["id"].upper()},
        {"dossier_id": 5},
        {"payload": []},
        {"recorded_at": "2025-11-26T09:00:00"},
        {"recorded_at": "not a date"},
        {"recorded_at": 12},
    ]
    variants = [{**base, **change} for change in changes]
    variants.append({k: v for k, v in base.items() if k != "hlc"})
    return variants


@pytest.mark.parametrize("wire", _variants())
def test_from_wire_accepts_and_refuses_as_field_by_field(wire: dict[str, Any]) -> None:
    assert _outcome(lambda: Event.from_wire(wire)) == _outcome(lambda: Event._checked_from_wire(wire))


def test_copy_text_escapes_backslash_tab_newline_and_carriage_return() -> None:
    assert copy_text("Lê Văn Tám") == "Lê Văn Tám"
    assert copy_text(TRICKY) == 'Nguyễn\\tVăn\\nĐức\\r\\\\ "Hà Nội" \\\\N \\\\. \u2028'


def test_nul_anywhere_in_an_event_is_refused_before_it_is_stored() -> None:
    for event in (received(actor="Lê\x00Văn"), received(applicant_name="Tám\x00")):
        with pytest.raises(InvalidInput):
            parse_incoming(event.to_wire())


def test_array_literal_reads_back_as_the_same_list(centre_db_url: str) -> None:
    lists = [
        [],
        ["01a2175d-2bfe-74fe-aac3-7f6b5122bade", "000.17.22.H56-251126-0001"],
        ["NULL", "null", "", " lề ", 'a,"b"}{', "c\\d", TRICKY],
    ]
    dsn = centre_db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection:
        for items in lists:
            back = connection.execute("SELECT %s::text[]", (array_literal(items),)).fetchone()
            assert back is not None and back[0] == items


def test_copy_lines_store_what_row_by_row_copy_stored(centre_db_url: str) -> None:
    """The hand-written COPY text stores the rows psycopg's ``write_row`` of the former path stored."""
    unit = "000.17.22.H56"
    first = received(actor=TRICKY, applicant_name=TRICKY, applicant_address="Thôn 1\\2\t\r\n")
    second = then(EventKind.TRANSFERRED, first, actor="Trần Thị B\\")
    events = [first, second, then(EventKind.NOTE, second)]
    items = [parse_incoming(e.to_wire()) for e in events]
    engine = make_engine(centre_db_url, 1, 0)
    try:
        with engine.begin() as connection:
            centre_desks.ensure_unit(connection, unit)
            seqs = store_events(connection, unit, items)
            stored = connection.execute(select(EventRow.__table__).order_by(EventRow.centre_seq)).all()
            now = stored[0].received_at
            raw = connection.connection.dbapi_connection
            assert raw is not None
            raw.execute("CREATE TEMP TABLE former (LIKE events)")  # type: ignore[attr-defined]
            with raw.cursor() as cursor:  # type: ignore[attr-defined]
                with cursor.copy(f"COPY former ({', '.join(_EVENT_COLUMNS)}) FROM STDIN") as copy:
                    for seq, item in zip(seqs, items, strict=True):
                        event = item.event
                        copy.write_row(
                            (
                                *(event.id, unit, event.dossier_id, event.device_id, event.device_seq, event.hlc),
                                *(event.kind.value, event.actor, canonical_payload(event.canonical()).decode()),
                                *(event.recorded_at, event.schema_version, item.content_hash, seq, now, item.wire),
                            )
                        )
            former = raw.execute("SELECT * FROM former ORDER BY centre_seq").fetchall()  # type: ignore[attr-defined]
            copied = raw.execute("SELECT * FROM events ORDER BY centre_seq").fetchall()  # type: ignore[attr-defined]
    finally:
        engine.dispose()
    assert copied == former and len(copied) == 3
    assert stored[0].actor == TRICKY and stored[0].payload["applicant_name"] == TRICKY
    assert [json.loads(r.wire) for r in stored] == [json.loads(canonical_json(e.to_wire())) for e in events]
    assert [r.recorded_at for r in stored] == [e.recorded_at for e in events]
    assert stored[0].received_at <= datetime.now(UTC)


def test_a_payload_holding_itself_raises_what_the_plain_encoder_raises() -> None:
    inner: dict[str, Any] = {"tên": "Lê"}
    inner["chính nó"] = inner
    event = replace(received(), payload={"vòng": inner})
    with pytest.raises(ValueError) as fast:
        event.canonical()
    with pytest.raises(ValueError) as plain:
        canonical_json(event.to_wire())
    assert str(fast.value) == str(plain.value)


def test_the_size_limit_counts_characters_as_it_always_did() -> None:
    from desk_app.domain import sync_protocol as sp

    wide = received(ghi_chú="ễ" * 100_000)  # ~100,000 characters, ~300,000 UTF-8 bytes
    assert len(wide.canonical()) > sp.MAX_EVENT_BYTES >= len(wide.canonical().decode())
    assert parse_incoming(wide.to_wire()).wire == wide.canonical().decode()
    with pytest.raises(InvalidInput):
        parse_incoming(received(ghi_chú="a" * sp.MAX_EVENT_BYTES).to_wire())
