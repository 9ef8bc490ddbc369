"""One pushed event, checked in full, with the canonical JSON text it is stored and hashed as.

``parse_incoming`` is the only door into the centre's log for an event: the desk's own parser
(``Event.from_wire``) names the field at fault, then the canonical form (``Event.to_wire`` as
key-sorted compact JSON) gives the content hash that idempotency compares, and is kept as is
(``events.wire``) to be served to pulling desks without parsing. What PostgreSQL cannot store
(NUL characters, lone surrogates) and what no form needs (deep nesting, huge events) is malformed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk_app.domain import sync_protocol as sp
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import Event


class Incoming:
    """A checked event with its canonical wire JSON and content hash.

    The canonical JSON is ``event.canonical()`` (UTF-8, what COPY sends); ``wire`` is its text, made
    on first use (a push to PostgreSQL needs it only for a rejection it records)."""

    __slots__ = ("_wire", "content_hash", "event")

    def __init__(self, event: Event, wire: str | None, content_hash: str) -> None:
        self.event = event
        self._wire = wire
        self.content_hash = content_hash

    @property
    def wire(self) -> str:
        """The event's canonical wire JSON text."""
        if self._wire is None:
            self._wire = self.event.canonical().decode()
        return self._wire


def parse_incoming(wire: Mapping[str, Any]) -> Incoming:
    """A pushed event checked in full; InvalidInput naming the field when malformed or unstorable."""
    event = Event.from_wire(wire)
    try:
        raw = event.canonical()
    except (UnicodeEncodeError, TypeError, ValueError) as exc:
        raise InvalidInput("Sự kiện chứa ký tự không hợp lệ", f"The event holds invalid characters: {exc}") from None
    except RecursionError:
        raise _nested_too_deeply() from None
    # on the UTF-8 bytes: brackets and the escaped NUL are ASCII; a text of at most as many characters
    # as the limit has at most that many bytes (counted in characters only when the bytes are over)
    if raw.count(b"[") + raw.count(b"{") > MAX_PAYLOAD_DEPTH and _too_deep(event.payload):
        raise _nested_too_deeply()
    if b"\\u0000" in raw or (len(raw) > sp.MAX_EVENT_BYTES and len(raw.decode()) > sp.MAX_EVENT_BYTES):
        raise InvalidInput(
            "Sự kiện chứa ký tự NUL hoặc quá lớn", "The event holds a NUL character or is too large", field="payload"
        )
    return Incoming(event, None, event.content_hash())


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
