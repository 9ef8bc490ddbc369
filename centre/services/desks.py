"""Desks: one-time enrolment codes, the exchange of a code for a token, revocation, authentication.

Province staff run ``centre enroll --unit U --desk N``: a code (hashed here, valid 24 hours, usable
once) is read out or sent to the commune. The desk exchanges it with its device id for a token
(``enrol``); only the token's SHA-256 is kept. Enrolling a device into a desk slot (unit, number)
revokes any other device active in that slot: two live desks with one desk number would issue the
same dossier codes. A device enrolled again (a lost token) keeps its device sequence, so its
unsent events still follow on without a gap.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, and_, insert, select, update

from centre import CentreError, NotAuthorised, NotFound
from centre.core import security
from centre.core.db import upsert
from centre.models import Desk, EnrolmentCode, Unit
from centre.services.ingest import DeskIdentity
from desk_app.domain import sync_protocol as sp
from desk_app.domain.dossier_code import check_agency_id

UNITS = Unit.__table__
DESKS = Desk.__table__
CODES = EnrolmentCode.__table__
MAX_DESK_NUMBER = 99


def ensure_unit(connection: Connection, unit: str, name: str = "") -> str:
    """The unit's canonical agency id, creating the unit on first use."""
    agency = check_agency_id(unit)
    upsert(connection, UNITS, [{"id": agency, "name": name, "last_seq": 0, "created_at": datetime.now(UTC)}], ["id"])
    return agency


def new_enrolment_code(connection: Connection, unit: str, desk_number: int, hours: int = 24) -> tuple[str, datetime]:
    """A fresh one-time code for desk ``desk_number`` of ``unit``, and when it expires."""
    if not 1 <= desk_number <= MAX_DESK_NUMBER:
        raise CentreError(
            f"Số quầy phải từ 1 đến {MAX_DESK_NUMBER}",
            f"The desk number must be from 1 to {MAX_DESK_NUMBER}",
            sp.ERR_MALFORMED,
        )
    agency = ensure_unit(connection, unit)
    code = security.new_enrol_code()
    now = datetime.now(UTC)
    expires = now + timedelta(hours=hours)
    connection.execute(
        insert(CODES).values(
            code_hash=security.hash_secret(security.normalise_code(code)),
            unit=agency,
            desk_number=desk_number,
            created_at=now,
            expires_at=expires,
        )
    )
    return code, expires


def enrol(connection: Connection, request: sp.EnrolRequest) -> sp.EnrolResponse:
    """Exchange a one-time code for a token; CentreError ``bad_code`` when unknown, used or expired."""
    now = datetime.now(UTC)
    code_hash = security.hash_secret(security.normalise_code(request.code))
    row = connection.execute(select(CODES).where(CODES.c.code_hash == code_hash).with_for_update()).first()
    if row is None or row.used_at is not None or _aware(row.expires_at) <= now:
        if row is None:
            why = ("Mã đăng ký không đúng", "The enrolment code is not right")
        elif row.used_at is not None:
            why = ("Mã đăng ký đã được dùng", "The enrolment code was already used")
        else:
            why = ("Mã đăng ký đã hết hạn: xin trung tâm mã mới", "The enrolment code has expired: ask for a new one")
        raise CentreError(why[0], why[1], sp.ERR_BAD_CODE)
    token = security.new_token()
    slot = and_(DESKS.c.unit == row.unit, DESKS.c.desk_number == row.desk_number, DESKS.c.revoked_at.is_(None))
    connection.execute(update(DESKS).where(slot, DESKS.c.device_id != request.device_id).values(revoked_at=now))
    desk_values = {
        "unit": row.unit,
        "desk_number": row.desk_number,
        "token_hash": security.hash_secret(token),
        "enrolled_at": now,
        "revoked_at": None,
        "app_version": request.app_version,
    }
    existing = connection.execute(select(DESKS.c.id).where(DESKS.c.device_id == request.device_id)).scalar()
    if existing is None:
        values = {**desk_values, "device_id": request.device_id, "last_device_seq": 0}
        desk_id = connection.execute(insert(DESKS).values(**values).returning(DESKS.c.id)).scalar_one()
    else:
        desk_id = existing
        connection.execute(update(DESKS).where(DESKS.c.id == desk_id).values(**desk_values))
    connection.execute(update(CODES).where(CODES.c.id == row.id).values(used_at=now, used_by=desk_id))
    return sp.EnrolResponse(token, row.unit, row.desk_number, request.device_id, sp.centre_now())


def revoke(connection: Connection, unit: str, desk_number: int) -> int:
    """Revoke every active token of desk ``desk_number`` of ``unit``; how many were revoked."""
    agency = check_agency_id(unit)
    result = connection.execute(
        update(DESKS)
        .where(DESKS.c.unit == agency, DESKS.c.desk_number == desk_number, DESKS.c.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )
    if result.rowcount == 0:
        raise NotFound(
            f"Không có quầy số {desk_number} đang hoạt động của đơn vị {agency}",
            f"No active desk {desk_number} in unit {agency}",
        )
    return result.rowcount


def authenticate(connection: Connection, authorization: str | None) -> DeskIdentity:
    """The desk of a ``Bearer`` token; NotAuthorised (401 unknown, 403 revoked) otherwise."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthorised("Thiếu mã xác thực của quầy", "The desk's token is missing")
    token_hash = security.hash_secret(token.strip())
    row = connection.execute(select(DESKS).where(DESKS.c.token_hash == token_hash)).first()
    if row is None:
        raise NotAuthorised(
            "Mã xác thực của quầy không đúng: hãy đăng ký lại với trung tâm",
            "The desk's token is unknown: enrol the desk again",
        )
    if row.revoked_at is not None:
        raise NotAuthorised(
            "Quầy này đã bị thu hồi quyền đồng bộ: liên hệ trung tâm tỉnh",
            "This desk has been revoked: contact the province",
            sp.ERR_REVOKED,
        )
    return DeskIdentity(row.id, row.unit, row.desk_number, row.device_id)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
