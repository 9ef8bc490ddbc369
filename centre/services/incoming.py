"""One pushed event, checked in full, with the canonical JSON text it is stored and hashed as.

``parse_incoming`` is the only door into the centre's log for an event: the desk's own parser
(``Event.from_wire``) names the field at fault, then the canonical form (``Event.to_wire`` as
key-sorted compact JSON) gives the content hash that idempotency compares, and is kept as is
(``events.wire``) to be served to pulling desks without parsing. What PostgreSQL cannot store
(NUL characters, lone surrogates) and what no form needs (deep nesting, huge events) is malformed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from desk_app.domain import sync_protocol as sp
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import Event


class Incoming(NamedTuple):
    """A checked event with its canonical wire JSON and content hash."""

    event: Event
    wire: str
    content_hash: str


def parse_incoming(wire: Mapping[str, Any]) -> Incoming:
    """A pushed event checked in full; InvalidInput naming the field when malformed or unstorable."""
    event = Event.from_wire(wire)
    try:
        raw = event.canonical()
        text = raw.decode()
    except (UnicodeEncodeError, TypeError, ValueError) as exc:
        raise InvalidInput("Sự kiện chứa ký tự không hợp lệ", f"The event holds invalid characters: {exc}") from None
    except RecursionError:
        raise _nested_too_deeply() from None
    if text.count("[") + text.count("{") > MAX_PAYLOAD_DEPTH and _too_deep(event.payload):
        raise _nested_too_deeply()
    if "\\u0000" in text or len(text) > sp.MAX_EVENT_BYTES:
        raise InvalidInput(
            "Sự kiện chứa ký tự NUL hoặc quá lớn", "The event holds a NUL character or is too large", field="payload"
        )
    return Incoming(event, text, event.content_hash())


MAX_PAYLOAD_DEPTH = 16


def _nested_too_deeply() -> InvalidInput:
    return InvalidInput("Dữ liệu sự kiện lồng nhau quá sâu", "The payload is nested too deeply", field="payload")


def _too_deep(value: Any) -> bool:
    """Whether a payload nests deeper than MAX_PAYLOAD_DEPTH (no real form does; a crafted one could
    exhaust the recursion of a JSON encoder further down). Only walked when the canonical text has
    more brackets than that depth; iterative, so it never recurses itself."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_PAYLOAD_DEPTH:
            return True
        children = item.values() if isinstance(item, Mapping) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, Mapping | list))
    return False


def payload_json(wire: str) -> str:
    """The payload's JSON text inside an event's canonical wire JSON (``canonical_payload`` on text)."""
    return wire[wire.index('"payload":') + 10 : wire.rindex(',"recorded_at":')]
