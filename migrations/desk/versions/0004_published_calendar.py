"""The province's published calendar days in their own table, so that a publication never replaces
the days the unit's administrator entered (those win for the same day).

Rows already in ``calendar_overrides`` stay there as the unit's own: a desk that synced before this
revision cannot tell them apart, and keeping them loses nothing (the next publication fills the new
table; the administrator can remove a duplicate in the calendar panel).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_calendar_overrides",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_published_calendar_overrides")),
    )


def downgrade() -> None:
    op.drop_table("published_calendar_overrides")
