"""audit chain

Every audit line becomes a link of a hash chain (app/audit/chain.py): `stream`, `seq`,
`prev_hash` and `hash` on audit_events, unique per (stream, seq), and `audit_chain_heads` with
the last link of each of the 16 streams. The lines written before are chained here, oldest first
(by time, then id), into stream 0, so an upgraded database verifies.

The append-only triggers are lifted while the existing lines get their links (and while SQLite
rebuilds the table, which drops them) and put back as they were.

Revision ID: 0019_audit_chain
Revises: 0018_webhooks
Create Date: 2026-12-01 13:00:00
"""

from collections.abc import Sequence
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

import app.core.db
from app.audit import chain

revision: str = "0019_audit_chain"
down_revision: str | None = "0018_webhooks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_MESSAGE = "audit_events is append-only"
BATCH = 1000

# audit_events as the lines are read for hashing: the same column types the application reads
# them with, so the canonical content is the same.
events = sa.table(
    "audit_events",
    sa.column("id", sa.Uuid()),
    sa.column("occurred_at", app.core.db.UTCDateTime(timezone=True)),
    sa.column("actor_id", sa.Uuid()),
    sa.column("actor_name", sa.String()),
    sa.column("actor_role", sa.String()),
    sa.column("unit_id", sa.Uuid()),
    sa.column("client_id", sa.String()),
    sa.column("action", sa.String()),
    sa.column("object_type", sa.String()),
    sa.column("object_id", sa.String()),
    sa.column("outcome", sa.String()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
    sa.column("request_id", sa.String()),
    sa.column("ip", sa.String()),
    sa.column("stream", sa.Integer()),
    sa.column("seq", sa.BigInteger()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _lift_append_only() -> None:
    if _postgres():
        op.execute("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change")
    else:
        op.execute("DROP TRIGGER audit_events_no_update")
        op.execute("DROP TRIGGER audit_events_no_delete")


def _restore_append_only() -> None:
    if _postgres():
        op.execute("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{event.lower()} BEFORE {event} ON audit_events "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )


def _chain_existing_lines() -> tuple[int, str]:
    """Links every line, oldest first, into stream 0; returns the stream's last seq and hash."""
    bind = op.get_bind()
    seq, prev = 0, chain.GENESIS
    last: tuple[object, ...] | None = None
    order = (events.c.occurred_at, events.c.id)
    while True:
        query = sa.select(events).order_by(*order).limit(BATCH)
        if last is not None:
            after = (sa.literal(value, c.type) for value, c in zip(last, order, strict=True))
            query = query.where(sa.tuple_(*order) > sa.tuple_(*after))
        rows = bind.execute(query).all()
        links = []
        for row in rows:
            seq += 1
            line = SimpleNamespace(**{**row._asdict(), "stream": 0, "seq": seq, "prev_hash": prev})
            prev = chain.link_hash(prev, line)
            links.append(
                {"line": row.id, "link_seq": seq, "link_prev": line.prev_hash, "link": prev}
            )
        if links:
            bind.execute(
                events.update()
                .where(events.c.id == sa.bindparam("line"))
                .values(
                    stream=0,
                    seq=sa.bindparam("link_seq"),
                    prev_hash=sa.bindparam("link_prev"),
                    hash=sa.bindparam("link"),
                ),
                links,
            )
        if len(rows) < BATCH:
            return seq, prev
        last = (rows[-1].occurred_at, rows[-1].id)


def upgrade() -> None:
    heads = op.create_table(
        "audit_chain_heads",
        sa.Column("stream", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("stream"),
    )
    _lift_append_only()
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stream", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    seq, last_hash = _chain_existing_lines()
    op.bulk_insert(
        heads,
        [
            {
                "stream": s,
                "seq": seq if s == 0 else 0,
                "hash": last_hash if s == 0 else chain.GENESIS,
            }
            for s in range(chain.STREAMS)
        ],
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        for name in ("stream", "seq", "prev_hash", "hash"):
            batch_op.alter_column(name, nullable=False)
        batch_op.create_unique_constraint("uq_audit_events_stream_seq", ["stream", "seq"])
    _restore_append_only()


def downgrade() -> None:
    _lift_append_only()
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint("uq_audit_events_stream_seq", type_="unique")
        for name in ("hash", "prev_hash", "seq", "stream"):
            batch_op.drop_column(name)
    _restore_append_only()
    op.drop_table("audit_chain_heads")
