"""The desk side of the sync protocol: an HTTP client of the provincial centre and its errors.

The wire format is ``desk_app.domain.sync_protocol`` (shared with the centre); what is pushed,
pulled and stored is decided in ``desk_app.services.sync`` and ``desk_app.store.outbox``. This
package only talks HTTP (``requests``) and translates every failure at the boundary::

    DeskError                      (desk_app.domain.errors)
     ├── SyncError                 a sync or enrolment failed; nothing local was lost
     │    ├── NoConnection         centre unreachable: refused, timed out, cut mid-answer   [retried]
     │    ├── ServerError          the centre's own error (5xx) or an unreadable answer     [retried]
     │    ├── TokenRevoked         the token is revoked or unknown: contact the province / enrol again
     │    ├── AppTooOld            the centre needs a newer desk program (the push was still taken)
     │    ├── NotEnrolled          no token yet: run ``desk-app enroll``
     │    └── ProtocolRejected     the centre refused the request (malformed, too large, forbidden, TLS)
     │         └── EnrolmentRefused  the one-time code is wrong, used, expired or for another unit
     └── ClockWrong                a warning carried in the sync report, never raised: the desk clock
                                   is more than 5 minutes off the centre's (slip dates are legal dates)

Only the errors marked [retried] are retried, and only by ``CentreClient.sync`` (the round trip is
idempotent); ``CentreClient.enrol`` is never retried.
"""

from __future__ import annotations

from desk_app.sync.client import CentreClient, MockTransport, mock_response
from desk_app.sync.errors import (
    AppTooOld,
    ClockWrong,
    EnrolmentRefused,
    NoConnection,
    NotEnrolled,
    ProtocolRejected,
    ServerError,
    SyncError,
    TokenRevoked,
)

__all__ = [
    "AppTooOld",
    "CentreClient",
    "ClockWrong",
    "EnrolmentRefused",
    "MockTransport",
    "NoConnection",
    "NotEnrolled",
    "ProtocolRejected",
    "ServerError",
    "SyncError",
    "TokenRevoked",
    "mock_response",
]
