"""Initial centre schema: units and desks, enrolment codes, the event log, dossier projections,
rejected events, published catalogue and calendar, uploaded files, counters.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_overrides")),
    )
    op.create_table(
        "calendar_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_versions")),
    )
    op.create_table(
        "catalogue_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("province", sa.String(length=200), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_versions")),
        sa.UniqueConstraint("version", name=op.f("uq_catalogue_versions_version")),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
    )
    op.create_table(
        "desks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_device_seq", sa.BigInteger(), nullable=False),
        sa.Column("app_version", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(["unit"], ["units.id"], name=op.f("fk_desks_unit_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desks")),
        sa.UniqueConstraint("device_id", name=op.f("uq_desks_device_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_desks_token_hash")),
    )
    op.create_index("ix_desks_unit_desk_number", "desks", ["unit", "desk_number"], unique=False)
    op.create_table(
        "dossiers",
        sa.Column("dossier_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("lookup_secret", sa.String(length=40), nullable=True),
        sa.Column("status", sa.SmallInteger(), nullable=True),
        sa.Column("procedure_code", sa.String(length=32), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("last_hlc", sa.BigInteger(), nullable=False),
        sa.Column("anomaly", sa.Boolean(), nullable=False),
        sa.Column(
            "anomalies", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("code_conflict", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_dossiers")),
    )
    op.create_index("ix_dossiers_unit_code", "dossiers", ["unit", "code"], unique=False)
    op.create_index("ix_dossiers_unit_status", "dossiers", ["unit", "status"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("dossier_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column(
            "payload", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("centre_seq", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wire", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("device_id", "device_seq", name=op.f("uq_events_device_id")),
        sa.UniqueConstraint("unit", "centre_seq", name=op.f("uq_events_unit")),
    )
    op.create_index("ix_events_dossier_id", "events", ["dossier_id"], unique=False)
    op.create_table(
        "files",
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit"], ["units.id"], name=op.f("fk_files_unit_units")),
        sa.PrimaryKeyConstraint("unit", "sha256", name=op.f("pk_files")),
    )
    op.create_table(
        "enrolment_codes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit"], ["units.id"], name=op.f("fk_enrolment_codes_unit_units")),
        sa.ForeignKeyConstraint(["used_by"], ["desks.id"], name=op.f("fk_enrolment_codes_used_by_desks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_enrolment_codes_code_hash")),
    )
    op.create_table(
        "rejected_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("wire", sa.Text(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"], name=op.f("fk_rejected_events_desk_id_desks")),
        sa.ForeignKeyConstraint(["unit"], ["units.id"], name=op.f("fk_rejected_events_unit_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejected_events")),
        sa.UniqueConstraint("event_id", "content_hash", "reason", name=op.f("uq_rejected_events_event_id")),
    )


def downgrade() -> None:
    op.drop_table("rejected_events")
    op.drop_table("enrolment_codes")
    op.drop_table("files")
    op.drop_index("ix_events_dossier_id", table_name="events")
    op.drop_table("events")
    op.drop_index("ix_dossiers_unit_status", table_name="dossiers")
    op.drop_index("ix_dossiers_unit_code", table_name="dossiers")
    op.drop_table("dossiers")
    op.drop_index("ix_desks_unit_desk_number", table_name="desks")
    op.drop_table("desks")
    op.drop_table("units")
    op.drop_table("counters")
    op.drop_table("catalogue_versions")
    op.drop_table("calendar_versions")
    op.drop_table("calendar_overrides")
