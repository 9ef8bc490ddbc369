"""The tables of the desk's local database (SQLAlchemy Core).

The event log (``events``) is the truth; ``dossiers`` is its projection (one row per dossier, the
folded current state, kept in the same transaction as each event) and ``dossier_search`` (an FTS5
table created by the migration, not declared here) indexes the projection's folded text by the
dossier's rowid, so that search results come back newest first in rowid order.

Plain Core tables rather than ORM classes: the store writes through SQL it controls, and importing
the ORM would add more than 100 ms to every start of the desk.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Every table of the desk, with a naming convention so migrations name every constraint.
metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _required(name: str, kind: object, **options: object) -> Column:
    return Column(name, kind, nullable=False, **options)


#: The unit's configuration and the desk's identity, as JSON values by key.
SETTINGS = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    _required("value", Text),
)

#: Persistent counters (device sequence, clock, the day's dossier numbers), moved in each write.
COUNTERS = Table(
    "counters",
    metadata,
    Column("name", String(64), primary_key=True),
    _required("value", Integer),
)

#: A version of the procedure catalogue (the bundled sample or one published by the centre).
CATALOGUES = Table(
    "catalogues",
    metadata,
    Column("version", String(64), primary_key=True),
    _required("province", String(200)),
    _required("is_sample", Boolean),
    _required("active", Boolean, default=False),
    _required("loaded_at", String(32)),
    _required("document", Text),
)

#: One procedure of one catalogue version, for lookups by code and toneless name.
PROCEDURES = Table(
    "procedures",
    metadata,
    Column("catalogue_version", String(64), ForeignKey("catalogues.version", ondelete="CASCADE"), primary_key=True),
    Column("code", String(32), primary_key=True),
    _required("name", String(500)),
    _required("name_folded", String(500)),
    _required("common", Boolean, default=False),
)


def _override_table(name: str) -> Table:
    return Table(
        name,
        metadata,
        Column("day", String(10), primary_key=True),
        _required("working", Boolean),
        _required("reason", String(500)),
        _required("source", String(200), default=""),
    )


#: A day the unit works although the calendar says off, or is off although it says working: the
#: unit administrator's own entries, which win over the province's for the same day.
CALENDAR_OVERRIDES = _override_table("calendar_overrides")
#: The same, as the province's centre publishes them (replaced whole at each new publication).
PUBLISHED_CALENDAR_OVERRIDES = _override_table("published_calendar_overrides")

#: One immutable dossier event (see ``desk_app.domain.events.Event``).
EVENTS = Table(
    "events",
    metadata,
    Column("id", String(36), primary_key=True),
    _required("dossier_id", String(36)),
    _required("kind", String(32)),
    _required("payload", Text),
    _required("actor", String(100)),
    _required("device_id", String(64)),
    _required("device_seq", Integer),
    _required("hlc", Integer),
    _required("recorded_at", String(40)),
    _required("schema_version", Integer),
    _required("content_hash", String(64)),
    Column("centre_seq", Integer, nullable=True),  # NULL: not yet acknowledged (see ix_events_unsent)
    # an own event's canonical JSON (what a push sends) until the centre acknowledges it
    Column("wire", Text, nullable=True),
    UniqueConstraint("device_id", "device_seq"),
    Index("ix_events_dossier_id_hlc", "dossier_id", "hlc"),
    Index("ix_events_unsent", "device_id", "device_seq", sqlite_where=text("centre_seq IS NULL")),
)

#: The current state of a dossier (the projection of its events), one row each.
DOSSIERS = Table(
    "dossiers",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=True),
    _required("id", String(36), unique=True),
    _required("code", String(40), index=True),
    _required("status", Integer),
    _required("procedure_code", String(32), index=True),
    _required("applicant_name", String(200)),
    _required("id_number", String(12), index=True),
    _required("phone", String(20), index=True),
    _required("received_at", String(19)),
    _required("due_at", String(19)),
    Column("finished_at", String(19), nullable=True),
    Column("returned_at", String(19), nullable=True),
    _required("anomaly_count", Integer, default=0),
    _required("event_count", Integer, default=0),
    _required("last_hlc", Integer, default=0),
    Index("ix_dossiers_status_due_at", "status", "due_at"),
    Index("ix_dossiers_received_at", "received_at"),
    Index("ix_dossiers_status", "status"),  # (status, rowid): one status, newest first, no sort
)

#: A person who may sign in at this desk: clerk, leader or admin, with an argon2id password hash.
#: ``failed_attempts`` and ``locked_until`` (ISO local time) make the lockout survive a restart.
ACCOUNTS = Table(
    "accounts",
    metadata,
    Column("username", String(64), primary_key=True),
    _required("full_name", String(200)),
    _required("role", String(16)),
    _required("password_hash", String(255)),
    _required("failed_attempts", Integer, default=0),
    Column("locked_until", String(19), nullable=True),
    _required("active", Boolean, default=True),
    _required("created_at", String(19)),
)
