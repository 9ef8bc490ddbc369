"""The centre's fast paths over canonical wire JSON give exactly what parsing would."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, strategies as st

from centre.services.incoming import parse_incoming, payload_json
from desk_app.domain.events import canonical_json
from tests.domain.factories import received

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
_json: Any = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(_text, _json, max_size=6), _text)
def test_payload_text_cut_from_the_wire_is_the_payload(extra: dict[str, Any], name: str) -> None:
    event = received(applicant_name=name or "Lê Văn Tám", **{f"x_{k}": v for k, v in extra.items()})
    wire = canonical_json(event.to_wire()).decode()
    assert json.loads(payload_json(wire)) == dict(event.payload)


def test_payload_holding_the_marker_texts_is_cut_at_the_right_place() -> None:
    event = received(applicant_name='x","recorded_at":"y', nested={"recorded_at": "z", "payload": '"payload":'})
    incoming = parse_incoming(event.to_wire())
    assert json.loads(payload_json(incoming.wire)) == dict(event.payload)
    assert incoming.content_hash == event.content_hash()


def test_payload_nested_too_deeply_is_malformed() -> None:
    import pytest

    from desk_app.domain.errors import InvalidInput

    deep: Any = "lá"
    for _ in range(40):
        deep = {"x": [deep]}
    with pytest.raises(InvalidInput) as caught:
        parse_incoming(received(nested=deep).to_wire())
    assert "nested too deeply" in caught.value.english
    shallow = received(nested={"a": [{"b": [1, 2, 3]}, {"c": {"d": [4]}}]})
    assert parse_incoming(shallow.to_wire()).content_hash == shallow.content_hash()
