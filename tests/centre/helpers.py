"""Test desks for the centre tests: enrolled through the real code exchange, syncing with real bodies.

``TestDesk`` makes events the way a desk does (its device id, a gapless device sequence, a hybrid
clock stamp) with the shared factories, and sends them with ``sync``; the HTTP client may be
FastAPI's TestClient or an ``httpx.Client`` against a real server.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select

from centre.models import DossierRow, EventRow
from centre.services import desks
from desk_app.domain import sync_protocol as sp
from desk_app.domain.events import Event, EventKind
from tests.domain.factories import ONE_MS, received, then

ADMIN_TOKEN = "admin-token-for-tests"


@dataclass
class TestDesk:
    """An enrolled desk: its token, unit, device, the next device_seq, and what it pulled."""

    __test__ = False

    client: Any
    token: str
    unit: str
    desk_number: int
    device_id: str
    next_seq: int = 1
    cursor: int = 0
    pulled: dict[str, Event] = field(default_factory=dict)

    @property
    def auth(self) -> dict[str, str]:
        """The Authorization header of this desk."""
        return {"Authorization": f"Bearer {self.token}"}

    def _seq(self) -> int:
        seq, self.next_seq = self.next_seq, self.next_seq + 1
        return seq

    def receive(self, number: int = 1, **payload: Any) -> Event:
        """A new dossier received at this desk (code ``<unit>-251126-<number>`` unless given)."""
        payload.setdefault("code", f"{self.unit}-251126-{number:04d}")
        return received(device=self.device_id, device_seq=self._seq(), **payload)

    def act(self, kind: EventKind, after: Event, **options: Any) -> Event:
        """The next event of ``after``'s dossier, recorded at this desk."""
        return then(kind, after, device=self.device_id, device_seq=self._seq(), **options)

    def request(self, events: list[Event] | None = None, **fields: Any) -> sp.SyncRequest:
        """A sync request of this desk pushing ``events``."""
        values: dict[str, Any] = {
            "device_id": self.device_id,
            "unit": self.unit,
            "app_version": "0.1.0",
            "events": tuple(e.to_wire() for e in events or ()),
            "cursor": self.cursor,
        }
        values.update(fields)
        return sp.SyncRequest(**values)

    def post(self, body: bytes, headers: dict[str, str] | None = None) -> Any:
        """POST a raw body to /api/v1/sync with this desk's token."""
        return self.client.post(
            "/api/v1/sync", content=body, headers={**self.auth, "Content-Type": sp.MEDIA_TYPE, **(headers or {})}
        )

    def sync(self, events: list[Event] | None = None, **fields: Any) -> sp.SyncResponse:
        """One round trip; keeps the cursor and the pulled events like a desk would."""
        answer = self.post(sp.encode_request(self.request(events, **fields)))
        assert answer.status_code == 200, answer.text
        response = sp.decode_response(answer.content)
        for _, event in response.pulled():
            self.pulled[event.id] = event
        self.cursor = response.cursor
        return response

    def sync_all(self, **fields: Any) -> list[sp.SyncResponse]:
        """Sync until no page is left."""
        answers = [self.sync(**fields)]
        while answers[-1].more:
            answers.append(self.sync(**fields))
        return answers


def enrol_desk(client: Any, engine: Engine, unit: str, desk_number: int, device_id: str | None = None) -> TestDesk:
    """A desk enrolled with a fresh one-time code through ``POST /api/v1/enrol``."""
    with engine.begin() as connection:
        code, _ = desks.new_enrolment_code(connection, unit, desk_number)
    device = device_id or f"desk-{uuid.uuid4()}"
    answer = client.post("/api/v1/enrol", json=sp.EnrolRequest(code, device, "0.1.0").to_json())
    assert answer.status_code == 200, answer.text
    enrolled = sp.enrol_response_from_json(answer.json())
    return TestDesk(client, enrolled.token, enrolled.unit, enrolled.desk_number, device)


def counts(engine: Engine) -> tuple[int, int]:
    """(events, dossiers) stored at the centre."""
    with engine.connect() as connection:
        events = connection.execute(select(func.count()).select_from(EventRow)).scalar_one()
        dossiers = connection.execute(select(func.count()).select_from(DossierRow)).scalar_one()
    return events, dossiers


def later(event: Event, ms: int = 1) -> int:
    """A hybrid clock stamp ``ms`` milliseconds after ``event``'s."""
    return event.hlc + ms * ONE_MS
