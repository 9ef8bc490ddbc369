"""Strict JSON of the sync bodies: orjson where it gives exactly what ``json`` gives, ``json`` elsewhere."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from desk_app.domain.sync_bodies import ProtocolError, parse_json

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**80), 2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types all the way down (1 is not 1.0, True is not 1, -0.0 is not 0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return a == b


@settings(max_examples=400, deadline=None)
@given(value=_values, ascii_only=st.booleans(), compact=st.booleans())
def test_parses_exactly_what_json_parses(value: Any, ascii_only: bool, compact: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":") if compact else None)
    assert _same(parse_json(text.encode()), json.loads(text))
    assert _same(parse_json(text), json.loads(text))


@pytest.mark.parametrize(
    "text",
    [
        '{"big": 123456789012345678901234567890, "small": -98765432109876543210}',  # beyond 64 bits: exact
        '["\\ud800", "\\udfff x"]',  # lone surrogates, as json reads them
        "[1e400, -1e400]",  # too big for a double: json makes them infinite
        '{"a": 1, "a": 2, "b": 3}',  # a key twice: the last value, the first place
        "[18446744073709551615, -9223372036854775808, -9223372036854775809, 0.1, 1E-7, -0.0]",
    ],
)
def test_odd_but_valid_json_is_read_as_json_reads_it(text: str) -> None:
    assert _same(parse_json(text.encode()), json.loads(text))


@pytest.mark.parametrize(
    ("body", "english"),
    [
        (b"[NaN]", "invalid value NaN"),
        (b'{"x": Infinity}', "invalid value Infinity"),
        (b"[1, 2", "not valid JSON"),
        (b'"\xff\xfe"', "not UTF-8"),
        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b'["a\x01b"]', "not valid JSON"),
    ],
)
def test_malformed_json_is_refused_with_the_fault_named(body: bytes, english: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        parse_json(body)
    assert english in refused.value.english
