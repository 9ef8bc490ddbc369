"""The centre's tables (SQLAlchemy 2). The event log is the truth; every other table serves it.

- ``units``: one commune unit (agency id) and ``last_seq``, the counter its centre sequence
  numbers are handed out from (locked by each inserting transaction: see ``services.ingest``).
- ``desks``: an enrolled desk (unit, desk number, device id, hashed token, revocation, the last
  device sequence number accepted from it without a gap).
- ``enrolment_codes``: one-time codes, hashed, with their expiry and use.
- ``events``: every dossier event of every unit, with the wire form it hashes to (``wire``: the
  canonical JSON, served as is to pulling desks) and its ``centre_seq`` within the unit. Its
  ``unit`` (like the projection's) has no foreign key: only the centre writes it, from the token's
  unit, and a per-row trigger would cost the bulk COPY of a day's events more than the insert itself.
- ``dossiers``: the projection per dossier (code, status, anomalies, code clash flag), for the
  lookup page, the dashboard and the admin views.
- ``rejected_events``: what a person must look at: same id with other content, quarantined events.
- ``catalogue_versions``, ``calendar_versions`` + ``calendar_overrides``: what the centre publishes.
- ``files``: scanned files received, content-addressed per unit.
- ``counters``: the centre's own device sequence and clock for the events it records itself.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
Json = JSON().with_variant(JSONB(), "postgresql")
Stamp = DateTime(timezone=True)


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name every constraint."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Unit(Base):
    """A commune unit, by its electronic agency id; ``last_seq`` hands out its centre sequence."""

    __tablename__ = "units"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(Stamp)


class Desk(Base):
    """An enrolled desk: its token (hashed) reads and writes only its unit."""

    __tablename__ = "desks"
    __table_args__ = (Index("ix_desks_unit_desk_number", "unit", "desk_number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit: Mapped[str] = mapped_column(ForeignKey("units.id"))
    desk_number: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(String(64), unique=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    enrolled_at: Mapped[datetime] = mapped_column(Stamp)
    revoked_at: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    last_seen: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    last_device_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    app_version: Mapped[str] = mapped_column(String(50), default="")


class EnrolmentCode(Base):
    """A one-time code for enrolling desk ``desk_number`` of ``unit`` (stored hashed)."""

    __tablename__ = "enrolment_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    unit: Mapped[str] = mapped_column(ForeignKey("units.id"))
    desk_number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(Stamp)
    expires_at: Mapped[datetime] = mapped_column(Stamp)
    used_at: Mapped[datetime | None] = mapped_column(Stamp, nullable=True)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("desks.id"), nullable=True)


class EventRow(Base):
    """One dossier event as received; ``wire`` is its canonical JSON, ``content_hash`` its SHA-256."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("device_id", "device_seq"),
        UniqueConstraint("unit", "centre_seq"),
        Index("ix_events_dossier_id", "dossier_id"),
    )
    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    unit: Mapped[str] = mapped_column(String(40))
    dossier_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    device_id: Mapped[str] = mapped_column(String(64))
    device_seq: Mapped[int] = mapped_column(BigInteger)
    hlc: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict] = mapped_column(Json)
    recorded_at: Mapped[datetime] = mapped_column(Stamp)
    schema_version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    centre_seq: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(Stamp)
    wire: Mapped[str] = mapped_column(Text)


class DossierRow(Base):
    """The folded state of one dossier at the centre (status NULL until its receipt arrives)."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_unit_code", "unit", "code"),
        Index("ix_dossiers_unit_status", "unit", "status"),
    )
    dossier_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    unit: Mapped[str] = mapped_column(String(40))
    code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    lookup_secret: Mapped[str | None] = mapped_column(String(40), nullable=True)
    status: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    procedure_code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    received_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    last_hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    anomaly: Mapped[bool] = mapped_column(Boolean, default=False)
    anomalies: Mapped[list] = mapped_column(Json, default=list)
    code_conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(Stamp)


class RejectedEvent(Base):
    """A pushed event the centre refused and a person should see (a conflict, a foreign dossier)."""

    __tablename__ = "rejected_events"
    __table_args__ = (UniqueConstraint("event_id", "content_hash", "reason"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit: Mapped[str] = mapped_column(ForeignKey("units.id"))
    desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"), nullable=True)
    event_id: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    wire: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(Stamp)


class CatalogueVersion(Base):
    """A published procedure catalogue; the newest (highest id) is the current one."""

    __tablename__ = "catalogue_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(64), unique=True)
    province: Mapped[str] = mapped_column(String(200))
    document: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(Stamp)


class CalendarVersion(Base):
    """One publication of the working calendar; its id is the version desks compare."""

    __tablename__ = "calendar_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    published_at: Mapped[datetime] = mapped_column(Stamp)
    note: Mapped[str] = mapped_column(String(500), default="")


class CalendarOverrideRow(Base):
    """A day the published calendar makes a working day or a day off."""

    __tablename__ = "calendar_overrides"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(200), default="")


class FileRow(Base):
    """A scanned file a unit has uploaded completely, by its SHA-256."""

    __tablename__ = "files"
    unit: Mapped[str] = mapped_column(ForeignKey("units.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    stored_at: Mapped[datetime] = mapped_column(Stamp)


class Counter(Base):
    """A named counter (the centre's own device sequence and hybrid clock)."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
