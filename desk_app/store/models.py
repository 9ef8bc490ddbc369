"""SQLAlchemy 2 models of the desk's local database.

The event log (``events``) is the truth; ``dossiers`` is its projection (one row per dossier, the
folded current state, kept in the same transaction as each event) and ``dossier_search`` (an FTS5
table created by the migration, not mapped here) indexes the projection's folded text by the
dossier's rowid, so that search results come back newest first in rowid order.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name every constraint."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    """The unit's configuration and the desk's identity, as JSON values by key."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Counter(Base):
    """Persistent counters (device sequence, clock, the day's dossier numbers), moved in each write."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Catalogue(Base):
    """A version of the procedure catalogue (the bundled sample or one published by the centre)."""

    __tablename__ = "catalogues"
    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    province: Mapped[str] = mapped_column(String(200))
    is_sample: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    loaded_at: Mapped[str] = mapped_column(String(32))
    document: Mapped[str] = mapped_column(Text)


class CatalogueProcedure(Base):
    """One procedure of one catalogue version, for lookups by code and toneless name."""

    __tablename__ = "procedures"
    catalogue_version: Mapped[str] = mapped_column(
        ForeignKey("catalogues.version", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    name_folded: Mapped[str] = mapped_column(String(500))
    common: Mapped[bool] = mapped_column(Boolean, default=False)


class CalendarOverride(Base):
    """A day the unit works although the calendar says off, or is off although it says working."""

    __tablename__ = "calendar_overrides"
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(200), default="")


class EventRow(Base):
    """One immutable dossier event (see ``desk_app.domain.events.Event``)."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("device_id", "device_seq"),
        Index("ix_events_dossier_id_hlc", "dossier_id", "hlc"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(64))
    device_seq: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[str] = mapped_column(String(40))
    schema_version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    centre_seq: Mapped[int | None] = mapped_column(Integer, index=True, nullable=True)


class DossierRow(Base):
    """The current state of a dossier (the projection of its events), one row each."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_status_due_at", "status", "due_at"),
        Index("ix_dossiers_status", "status"),  # (status, rowid): one status, newest first, no sort
        Index("ix_dossiers_received_at", "received_at"),
    )
    rowid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[int] = mapped_column(Integer)
    procedure_code: Mapped[str] = mapped_column(String(32), index=True)
    applicant_name: Mapped[str] = mapped_column(String(200))
    id_number: Mapped[str] = mapped_column(String(12), index=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    received_at: Mapped[str] = mapped_column(String(19))
    due_at: Mapped[str] = mapped_column(String(19))
    finished_at: Mapped[str | None] = mapped_column(String(19), nullable=True)
    returned_at: Mapped[str | None] = mapped_column(String(19), nullable=True)
    anomaly_count: Mapped[int] = mapped_column(Integer, default=0)
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    last_hlc: Mapped[int] = mapped_column(Integer, default=0)


class Account(Base):
    """A person who may sign in at this desk: clerk, leader or admin, with an argon2id password hash.

    ``failed_attempts`` and ``locked_until`` (ISO local time) make the lockout survive a restart.
    """

    __tablename__ = "accounts"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(19), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(19))
