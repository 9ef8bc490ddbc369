"""Rules found in review of the domain core (events, lifecycle, text): each test was a bug once.

Each docstring names what went wrong and the fix that was made, so the rule is not lost again.
"""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, timedelta

import pytest

from desk_app.domain.errors import InvalidInput, TransitionRefused
from desk_app.domain.events import Event, EventKind, Status
from desk_app.domain.lifecycle import check_allowed, fold
from desk_app.domain.text import clean, fold as fold_text
from tests.domain.factories import DESK_B, DUE_AT, ONE_MS, VN, history, received, then

K = EventKind
S = Status


def _wire(**changes: object) -> dict[str, object]:
    wire = then(K.TRANSFERRED, received()).to_wire()
    wire.update(changes)
    return wire


# === lifecycle.py ====================================================================================


@pytest.fixture
def machine_time_zone() -> Iterator[Callable[[str], None]]:
    """Set the process's local time zone (POSIX TZ string, no tz database needed); restored after."""
    saved = os.environ.get("TZ")

    def set_zone(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield set_zone
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def test_finish_time_without_an_at_is_the_same_on_a_desk_and_on_a_utc_server(
    machine_time_zone: Callable[[str], None],
) -> None:
    """lifecycle.py:165 `_when` falls back to `recorded_at.astimezone()`, the *machine's* zone.

    A desk (ICT) and the centre (a UTC container) then fold the same events to different
    `finished_at` / `paused_at` / `returned_at`: 7 hours apart. DESIGN §3 says every replica
    computes the same state from the same set.
    Fix: convert to Vietnam time explicitly, e.g. `VN_TZ = timezone(timedelta(hours=7), "ICT")`
    and `event.recorded_at.astimezone(VN_TZ).replace(tzinfo=None)`.
    """
    events = history(K.TRANSFERRED)
    done = then(K.RESULT_RECEIVED, events[-1], {"at": None})
    assert "at" not in done.payload
    machine_time_zone("ICT-7")
    at_desk = fold([*events, done])
    machine_time_zone("UTC0")
    at_centre = fold([*events, done])
    assert at_desk is not None and at_centre is not None
    assert at_desk.finished_at == at_centre.finished_at
    assert at_centre.finished_at == done.recorded_at.astimezone(VN).replace(tzinfo=None)


def test_last_hlc_counts_events_kept_as_anomalies() -> None:
    """lifecycle.py:175 (anomaly branch of `apply`) and :234-238 (early events in `fold`) do not
    update `last_hlc`, so it is not the greatest stamp folded when the newest event is an anomaly.

    Consequence (next test): a store deciding "older event → rebuild, newer → apply incrementally"
    by comparing with `last_hlc` applies an event that sorts *before* an anomaly incrementally, and
    gets a state that a full fold would not give.
    Fix: in the anomaly branch `last_hlc=max(state.last_hlc, event.hlc)`; in `fold`, also take the
    max over the early events (or simply set `last_hlc = max(e.hlc for e in events)` at the end).
    """
    base = history(K.TRANSFERRED)
    too_soon = then(K.RESULT_RETURNED, base[-1], device=DESK_B, hlc=base[-1].hlc + 10 * ONE_MS)
    state = fold([*base, too_soon])
    assert state is not None and len(state.anomalies) == 1
    assert state.last_hlc == too_soon.hlc


def test_dossier_waiting_for_payment_is_paused_not_overdue() -> None:
    """lifecycle.py:118 `is_overdue` counts status 6 (Yêu cầu thực hiện nghĩa vụ tài chính).

    The reference (domain-vn-one-stop.md §2.4) groups {5, 6, 8} as *dừng/tạm dừng* in the national
    reports, i.e. paused like 5; `is_overdue` treats 5 as paused but 6 as running, so a dossier
    waiting for the citizen's tax/fee shows as late at the desk and is reported "tạm dừng" upstream.
    Fix: `_RUNNING = frozenset({S.RECEIVED, S.PROCESSING})` in `is_overdue`; and, as for the
    supplement, let FEE_PAID coming out of 6 carry an optional `due_at` (lifecycle.py:205-208) so the
    wait does not count. (Rule question for the lead if payment time is meant to count.)
    """
    state = fold(history(K.TRANSFERRED, K.PAYMENT_REQUESTED))
    assert state is not None and state.status is S.AWAITING_PAYMENT
    assert not state.is_overdue(DUE_AT + timedelta(days=3))


@pytest.mark.parametrize("status", [S.REFUSED, S.RETURNED, S.PROCESSING])
def test_refused_second_receipt_names_the_current_status(status: Status) -> None:
    """lifecycle.py:133-136: the refusal of a second receipt never names the current status, and for
    a dossier in «Không được tiếp nhận» it says "đã được tiếp nhận rồi" — the opposite of its status.
    Fix: "Hồ sơ này đã có trong sổ, đang ở trạng thái «{status.label_vi}»: không tiếp nhận lại."
    (English: "This dossier is already recorded, status '{status.label_en}': it cannot be received
    again.")
    """
    state = fold([received()])
    assert state is not None
    with pytest.raises(TransitionRefused) as caught:
        check_allowed(K.RECEIVED, replace(state, status=status))
    assert f"«{status.label_vi}»" in caught.value.message


def test_fold_counts_an_event_received_twice_once() -> None:
    """lifecycle.py:228 `fold` does not de-duplicate by event id: a page pulled twice, or a merge of
    two devices' overlapping logs, applies the same FEE_PAID twice (fee doubled), counts events twice
    and turns the repeated return into an anomaly. DESIGN §3: sync is the *union of two sets*.
    Fix: `unique = {e.id: e for e in events}` before sorting (and, for determinism when one id
    carries two contents, keep the one with the smaller `content_hash()` and report an anomaly).
    """
    events = history(K.TRANSFERRED, K.RESULT_RECEIVED, K.FEE_PAID, K.RESULT_RETURNED)
    once = fold(events)
    twice = fold(events + events[2:])
    assert once is not None and twice is not None
    assert twice.fee_paid == once.fee_paid == 8000
    assert twice == once


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        (K.EXTENDED, {"new_due_at": None}),
        (K.EXTENDED, {"new_due_at": "ngày 5 tháng 12"}),
        (K.FEE_PAID, {"amount": "8.000 đồng"}),
        (K.DETAILS_CORRECTED, {"field": None}),
    ],
    ids=["extension-without-date", "extension-unparseable-date", "fee-amount-text", "correction-no-field"],
)
def test_synced_event_with_a_malformed_payload_becomes_an_anomaly_not_a_crash(
    kind: EventKind, payload: dict[str, object]
) -> None:
    """lifecycle.py:206, :210, :216 read payload keys with `p[...]`, `int(...)`, `fromisoformat`:
    one event with a missing or malformed key (an older or buggy desk) raises KeyError/ValueError out
    of `fold`, so the dossier can no longer be shown at all. DESIGN §3: an event that arrives by
    sync is never dropped, it is stored and shown as an anomaly.
    Fix: in `apply`, wrap the payload reads in `try/except (KeyError, ValueError, TypeError)` and
    return the state with an Anomaly("Sự kiện thiếu hoặc sai dữ liệu: …") as for a refused transition.
    """
    base = history(K.TRANSFERRED)
    bad = then(kind, base[-1], payload, device=DESK_B)
    state = fold([*base, bad])
    assert state is not None
    assert state.status is S.PROCESSING
    assert [a.event_id for a in state.anomalies] == [bad.id]


@pytest.mark.parametrize("end", [K.STOPPED, K.WITHDRAWN, K.REFUSED])
def test_ending_a_paused_dossier_clears_the_pause(end: EventKind) -> None:
    """lifecycle.py:196-212: STOPPED / WITHDRAWN / REFUSED from 5 (or 6) leave `paused_at` and
    `resumed_status` set on a closed dossier; a report or a screen reading `paused_at` shows a
    stopped dossier as still "waiting for supplements since …".
    Fix: in the `RESULT_RECEIVED | REFUSED | STOPPED | WITHDRAWN` case also set
    `paused_at=None, resumed_status=None`.
    """
    state = fold(history(K.TRANSFERRED, K.SUPPLEMENT_REQUESTED, end))
    assert state is not None and state.status is not S.AWAITING_SUPPLEMENT
    assert state.paused_at is None
    assert state.resumed_status is None


# === events.py =======================================================================================


def test_replacing_a_field_of_a_hashed_event_changes_its_content_hash() -> None:
    """events.py:122 `_hash` is an *init* field, so `dataclasses.replace` copies the same cache list
    into the new event: after `e.content_hash()`, `replace(e, actor=...)` reports e's old hash.
    Sync then compares a wrong hash (a silent non-conflict, or a false 409).
    Fix: `_hash: list[str] = field(default_factory=list, init=False, repr=False, compare=False)`.
    """
    event = received()
    before = event.content_hash()
    other = replace(event, actor="Phạm Minh Tuấn")
    assert other.content_hash() != before
    assert other.content_hash() == Event.from_wire(other.to_wire()).content_hash()


def test_events_can_be_held_in_a_set() -> None:
    """events.py:108 the frozen dataclass hashes every field, and `payload` is a dict, so
    `hash(event)` raises TypeError: events cannot go in a set or be dict keys, although sync is
    "the union of two sets" (DESIGN §3).
    Fix: define `def __hash__(self) -> int: return hash(self.id)` in the class body (consistent with
    `__eq__`: equal events have equal ids).
    """
    event = received()
    twin = Event.from_wire(event.to_wire())
    assert len({event, twin, then(K.NOTE, event)}) == 2


def test_equal_events_have_equal_content_hashes_whatever_the_utc_offset() -> None:
    """events.py:140 `to_wire` writes `recorded_at.isoformat()` with its own offset. Two events that
    compare equal (same instant, +07:00 versus UTC) hash differently; a centre that stores the time in
    a `timestamptz` column and serialises it back in UTC sees "same id, different content" → 409.
    Fix: `"recorded_at": self.recorded_at.astimezone(UTC).isoformat()` (and/or normalise in
    `from_wire`).
    """
    local = received()
    in_utc = Event.from_wire({**local.to_wire(), "recorded_at": local.recorded_at.astimezone(UTC).isoformat()})
    assert in_utc == local
    assert in_utc.content_hash() == local.content_hash()


@pytest.mark.parametrize(
    "spelling",
    [
        lambda u: u.upper(),
        lambda u: "{" + u + "}",
        lambda u: "urn:uuid:" + u,
        lambda u: u.replace("-", ""),
    ],
    ids=["upper-case", "braces", "urn", "no-hyphens"],
)
def test_from_wire_keeps_only_the_canonical_spelling_of_an_id(spelling: Callable[[str], str]) -> None:
    """events.py:155-156 checks the ids with `uuid.UUID(...)`, which accepts upper case, braces,
    `urn:uuid:` and no hyphens, then stores the *original* string (:170-171). One event id then
    exists under several spellings: id-based de-duplication and the 409 rule miss it.
    Fix: refuse unless `str(uuid.UUID(value)) == value` (or store the canonical form).
    """
    wire = _wire()
    canonical = str(wire["id"])
    try:
        event = Event.from_wire({**wire, "id": spelling(canonical)})
    except InvalidInput:
        return
    assert event.id == canonical


@pytest.mark.parametrize(
    ("name", "bad"),
    [("id", "not-a-uuid"), ("dossier_id", "not-a-uuid"), ("recorded_at", "hôm qua")],
)
def test_from_wire_message_names_the_malformed_field(name: str, bad: str) -> None:
    """events.py:155-157, :181-185: for a bad UUID the message is "Sự kiện không hợp lệ: badly formed
    hexadecimal UUID string" (English text from Python, no field named: is it id or dossier_id?);
    for a bad date "Invalid isoformat string: 'hôm qua'". The docstring promises "naming the field".
    Fix: check each field separately and raise e.g. `InvalidInput(f"Sự kiện không hợp lệ: trường
    «{name}» không phải là UUID ({value!r})", f"Malformed event: {name} is not a UUID ({value!r})",
    field=name)`; same for `recorded_at` ("không phải là ngày giờ ISO 8601") and for a missing key
    ("thiếu trường «{name}»").
    """
    with pytest.raises(InvalidInput) as caught:
        Event.from_wire(_wire(**{name: bad}))
    assert name in caught.value.message
    assert caught.value.field == name


@pytest.mark.parametrize(("name", "bad"), [("actor", None), ("actor", ""), ("device_id", None), ("device_id", 7)])
def test_from_wire_refuses_an_actor_or_device_that_is_not_a_name(name: str, bad: object) -> None:
    """events.py:173-175 `str(data["actor"])` turns None into the actor "None" and 7 into "7"; an
    empty actor or device is accepted. The audit trail (Phiếu kiểm soát) then names nobody.
    Fix: require `isinstance(value, str) and value.strip()` for actor and device_id.
    """
    with pytest.raises(InvalidInput):
        Event.from_wire(_wire(**{name: bad}))


@pytest.mark.parametrize("name", ["hlc", "device_seq"])
def test_from_wire_refuses_integers_too_big_for_a_64_bit_column(name: str) -> None:
    """events.py:163-166 has no upper bound: `hlc=2**70` is accepted, and fails later as an
    OverflowError in SQLite (INTEGER is 64-bit) or PostgreSQL (BIGINT), outside the InvalidInput
    boundary. Fix: refuse `value > 2**63 - 1`.
    """
    with pytest.raises(InvalidInput):
        Event.from_wire(_wire(**{name: 2**70}))


def test_hashed_event_payload_cannot_change_behind_the_hash() -> None:
    """events.py:115/147: `payload` is a plain dict inside a "frozen, immutable" event and the hash is
    cached, so `event.payload["amount"] = …` changes the event while `content_hash()` keeps the old
    value. Fix: in `__post_init__`, `object.__setattr__(self, "payload",
    MappingProxyType(copy.deepcopy(dict(self.payload))))` (to_wire already copies with `dict(...)`),
    or do not cache the hash.
    """
    event = then(K.FEE_PAID, received())
    before = event.content_hash()
    try:
        event.payload["amount"] = 80_000  # type: ignore[index]
    except TypeError:
        return
    assert event.content_hash() != before


# === text.py =========================================================================================


def test_clean_output_is_nfc_even_when_a_control_character_split_a_letter_from_its_mark() -> None:
    """text.py:101 `clean` normalises to NFC *before* removing control characters: in
    "Nguye\\x00\\u0302\\u0303n" the NUL blocks composition, then is removed, leaving a decomposed
    "ễ" in the stored text (not NFC, so equality and the limit count break).
    Fix: `return nfc(_SPACES.sub(" ", _CONTROL.sub("", text))).strip()`.
    """
    cleaned = clean("Nguye\x00\u0302\u0303n Văn Đức")
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == "Nguyễn Văn Đức"


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\ufeff", "\u200c", "\u200d", "\u2060", "\x9b", "\x80"],
    ids=["zero-width-space", "bom", "zwnj", "zwj", "word-joiner", "c1-csi", "c1-pad"],
)
def test_clean_and_fold_drop_invisible_characters(invisible: str) -> None:
    """text.py:90 `_CONTROL` covers only C0 and DEL: zero-width characters, the BOM and C1 controls
    (copied from Word/web pages, or sent by some scanners) stay in stored names, so
    `fold("Nguyễn\\u200bVăn")` does not match "nguyen van" / "nguyenvan" and the name looks
    identical on screen but never compares equal.
    Fix: `_CONTROL = re.compile(r"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u200b-\\u200d\\u2060\\ufeff]")`
    and apply it in `fold` too (or drop every character of category Cc/Cf except \\t\\n\\r).
    """
    assert clean(f"Nguyễn{invisible} Văn Đức") == "Nguyễn Văn Đức"
    assert fold_text(f"Nguyễn Văn{invisible} Đức") == "nguyen van duc"
