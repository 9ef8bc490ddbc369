"""The provincial centre: the HTTP sync service the commune desks push to and pull from.

A stateless FastAPI service over one database (PostgreSQL in production and tests; an embedded SQLite
file when ``centre serve`` is given no URL, so a newcomer can try the loop on one machine). The wire
format is ``desk_app.domain.sync_protocol``; the rules for events are the desk's own domain
(``desk_app.domain.events``, ``lifecycle``), so both sides fold the same event set the same way.

    centre/core/      settings, database engines and migrations, tokens and codes
    centre/models.py  the tables
    centre/services/  enrolment, ingest (push), pull, projections, publishing, files, centre events
    centre/api/       the FastAPI app: one router per resource
    centre/cli.py     ``centre serve | migrate | enroll | revoke | catalogue | calendar | record | conflicts``

Errors of the centre (``CentreError``) carry an ``ERR_*`` code of the protocol and a message in
Vietnamese and English, like the desk's ``DeskError``::

    DeskError
     └── CentreError            what the centre refuses (code → HTTP status: ERROR_STATUS)
          ├── NotAuthorised      no token, an unknown token or a revoked one
          └── NotFound           no such dossier, desk or file
"""

from __future__ import annotations

from desk_app.domain.errors import DeskError
from desk_app.domain.sync_protocol import ERR_NOT_FOUND, ERR_UNAUTHORIZED, ERROR_STATUS

__version__ = "0.1.0"


class CentreError(DeskError):
    """A request or command the centre refuses; ``code`` is one of the protocol's ``ERR_*`` codes."""

    def __init__(self, message: str, english: str, code: str) -> None:
        super().__init__(message, english)
        self.code = code

    @property
    def status(self) -> int:
        """The HTTP status of this refusal."""
        return ERROR_STATUS[self.code]


class NotAuthorised(CentreError):
    """No valid token: missing, unknown or revoked."""

    def __init__(self, message: str, english: str, code: str = ERR_UNAUTHORIZED) -> None:
        super().__init__(message, english, code)


class NotFound(CentreError):
    """No such dossier, desk, unit or file."""

    def __init__(self, message: str, english: str) -> None:
        super().__init__(message, english, ERR_NOT_FOUND)
