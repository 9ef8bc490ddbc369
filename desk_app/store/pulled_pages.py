"""A pulled page made ready to store, with no database at hand: each event's ``events`` row, and each
dossier folded from the page's own events with its ``dossiers`` row and search text.

This is most of a first sync's work, and none of it needs the database: it is done while the page
before is being written (``services.sync``), in a worker process when the pull is big, so the writer
never waits for the interpreter lock. Nothing here imports SQLAlchemy; a ``PreparedPage`` holds only
plain tuples and strings, cheap to send between processes. ``outbox.store_page`` then only has to
look at what the desk already holds.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from desk_app.domain import sync_protocol as sp
from desk_app.domain.errors import InvalidInput
from desk_app.domain.events import WIRE_FIELDS, Event
from desk_app.domain.lifecycle import fold
from desk_app.store.dossier_rows import dossier_values, search_text

# an ``events`` row of a pulled event, in this order: the event, its content hash, its centre number
PULLED_ROW_COLUMNS = (*WIRE_FIELDS, "content_hash", "centre_seq")
DEVICE_ID, HLC, CONTENT_HASH = 5, 7, 10  # positions in a row
_encode_payload = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


@dataclass(frozen=True)
class FoldedDossier:
    """A dossier folded from the page's own events: its ``dossiers`` row, search text, anomalies."""

    values: tuple[Any, ...]  # in ``dossier_rows.DOSSIER_COLUMNS`` order
    search: str
    anomalies: int


@dataclass(frozen=True)
class PreparedPage:
    """A pulled page ready to store: rows in the page's order, and each dossier's fold (None when its
    events hold no receipt yet)."""

    rows: list[tuple[Any, ...]]  # ``PULLED_ROW_COLUMNS``
    by_dossier: dict[str, list[int]]  # dossier id → positions in ``rows``
    folded: dict[str, FoldedDossier | None]


def prepare_page(pulled: Sequence[tuple[int, Event, str | None, str | None]]) -> PreparedPage:
    """The page of (centre_seq, event, canonical JSON text, its SHA-256) as the centre sent it
    (``SyncResponse.pulled_canonical``), ready to store.

    The content hash is that SHA-256 and the payload's canonical JSON is cut out of the text, instead
    of serialising the event again for both. The text is the centre's stored canonical form, made by
    the same ``Event.canonical`` (see ``centre.services.incoming``). Were it ever not canonical,
    nothing would be lost: the event's fields are stored from the parsed event, the payload text is
    still that payload's JSON, and a stored hash serves one thing only, telling whether an event the
    desk holds and one it receives again are the same (``outbox.store_page``; a push built from a row
    checks the row's hash and goes the long way when it does not match, ``outbox.canonical_text``): a
    false alarm, reported as a conflict, while the desk keeps its copy. Without the text (an older
    centre) the event is hashed here.
    """
    rows: list[tuple[Any, ...]] = []
    by_dossier: dict[str, list[int]] = {}
    events: list[Event] = []
    for position, (seq, event, canonical, content_hash) in enumerate(pulled):
        if canonical is None or content_hash is None:
            content_hash = event.content_hash()
            payload = _encode_payload(dict(event.payload))
            recorded_at = event.recorded_at.isoformat()
        else:  # canonical JSON: the first "payload": is the key, the last ,"recorded_at": ends its value
            at = canonical.rindex(',"recorded_at":"')
            payload = canonical[canonical.index('"payload":') + 10 : at]
            recorded_at = canonical[at + 16 : canonical.index('"', at + 16)]  # UTC ISO: isoformat() of itself
        events.append(event)
        rows.append(
            (
                event.id,
                event.dossier_id,
                event.kind.value,
                payload,
                event.actor,
                event.device_id,
                event.device_seq,
                event.hlc,
                recorded_at,
                event.schema_version,
                content_hash,
                seq,
            )
        )
        found = by_dossier.get(event.dossier_id)
        if found is None:
            by_dossier[event.dossier_id] = [position]
        else:
            found.append(position)
    folded: dict[str, FoldedDossier | None] = {}
    for dossier_id, positions in by_dossier.items():
        folded[dossier_id] = fold_dossier([events[n] for n in positions])
    return PreparedPage(rows, by_dossier, folded)


def fold_dossier(events: Iterable[Event]) -> FoldedDossier | None:
    """A dossier folded from these events, as stored (None when they hold no receipt yet)."""
    state = fold(events)
    return None if state is None else FoldedDossier(dossier_values(state), search_text(state), len(state.anomalies))


def read_answer(body: bytes) -> tuple[sp.SyncResponse, PreparedPage]:
    """A sync answer's body, checked and decoded, with its pulled page made ready to store; the
    response comes without its events (the page holds them). ProtocolError for a malformed body or
    a pulled event that cannot be read (nothing of it is stored; the round trip may be repeated)."""
    response = sp.decode_response(body)
    try:
        page = prepare_page(response.pulled_canonical())
    except InvalidInput as exc:
        raise sp.ProtocolError(
            f"Trung tâm gửi về một sự kiện không đọc được: {exc.message}",
            f"The centre sent an event that cannot be read (malformed pulled event): {exc.english}",
        ) from None
    return replace(response, events=(), canonical_texts=()), page


def worker_ready() -> None:
    """Set up a worker process that prepares pages: its pages make many containers and no cycles,
    so young objects are collected rarely, and the modules loaded so far never."""
    gc.set_threshold(50_000, 20, 100)
    gc.freeze()
