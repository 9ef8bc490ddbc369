"""Whatever a client sends, the centre answers 2xx or 4xx with a JSON error: never a 5xx.

Hypothesis draws whole request bodies (random JSON, envelopes with random events, broken gzip) and
sends them with a valid desk token; the sequence and the stored events stay consistent after each.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import Engine, func, select

from centre.models import EventRow, Unit
from desk_app.domain import sync_protocol as sp
from tests.centre.helpers import TestDesk

_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20)
)
_json: Any = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
)


def _envelope(desk: TestDesk, events: list[Any], extra: dict[str, Any]) -> bytes:
    return sp.pack({**desk.request().to_json(), "events": events, **extra})


def _event_like(desk: TestDesk) -> st.SearchStrategy[dict[str, Any]]:
    base = desk.receive(1).to_wire()
    desk.next_seq = 1
    return st.dictionaries(st.sampled_from(sorted(base)), _json, max_size=4).map(
        lambda changes: {**base, **changes, "id": str(changes.get("id", base["id"]))[:64]}
    )


def test_random_bodies_never_make_a_server_error(
    enrol: Callable[..., TestDesk], client: TestClient, engine: Engine
) -> None:
    desk = enrol()
    bodies = st.one_of(
        _json.map(lambda data: sp.pack(data)),
        st.binary(max_size=300),
        st.binary(max_size=200).map(gzip.compress),
        st.tuples(
            st.lists(_event_like(desk), max_size=3),
            st.dictionaries(
                st.sampled_from(
                    [
                        "cursor",
                        "page_size",
                        "known_device_seq",
                        "catalogue_version",
                        "calendar_version",
                        "schema_version",
                    ]
                ),
                _json,
                max_size=2,
            ),
        ).map(lambda t: _envelope(desk, t[0], t[1])),
    )

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(bodies)
    def check(body: bytes) -> None:
        answer = client.post("/api/v1/sync", content=body, headers={**desk.auth, "Content-Type": sp.MEDIA_TYPE})
        assert answer.status_code < 500, answer.text
        if answer.status_code != 200:
            assert sp.decode_error(answer.content) is not None

    check()
    with engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(EventRow)).scalar_one()
        last = connection.execute(select(Unit.last_seq)).scalar_one()
    assert stored == last, "every number handed out belongs to a stored event"


def test_unexpected_failure_is_a_json_500_and_changes_nothing(
    enrol: Callable[..., TestDesk], app: Any, engine: Engine, monkeypatch: Any
) -> None:
    from centre.services import ingest

    desk = enrol()

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest.projection, "refold", broken)
    with TestClient(app, raise_server_exceptions=False) as raw:
        desk.client = raw
        answer = desk.post(sp.encode_request(desk.request([desk.receive(1)])))
    assert answer.status_code == 500
    assert sp.decode_error(answer.content).error == sp.ERR_INTERNAL  # type: ignore[union-attr]
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(EventRow)).scalar_one() == 0
        assert connection.execute(select(Unit.last_seq)).scalar_one() == 0
