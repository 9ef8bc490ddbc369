"""The outbox: each own event keeps its canonical JSON until the centre acknowledges it, and the
unsent events have an index of their own.

``events.wire`` is the text a push sends (``Event.canonical``), written with the event and cleared
when the centre's acknowledgement comes: a push reads it instead of putting the text together from
the row's columns again (a day's 1,500 events: ~10 → ~2 ms). Events stored before this revision have
none and are put together as before. ``ix_events_unsent`` holds only the events still to send: with
a year of acknowledged events behind it (~60,000 at a busy desk), counting and reading the unsent
ones no longer walks all of them. It replaces the index on ``centre_seq``, whose only use was to find
the NULL ones: every pulled and every acknowledged event no longer adds an entry to it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("wire", sa.Text(), nullable=True))
    op.create_index(
        "ix_events_unsent", "events", ["device_id", "device_seq"], sqlite_where=sa.text("centre_seq IS NULL")
    )
    op.drop_index("ix_events_centre_seq", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_centre_seq", "events", ["centre_seq"])
    op.drop_index("ix_events_unsent", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("wire")
