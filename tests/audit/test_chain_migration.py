"""A database upgraded to the hash chain: the lines written before it are chained, oldest first,
into stream 0, the trail verifies, and the table is still append-only."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.exc import DBAPIError

from app.audit import chain
from app.core.config import Settings
from app.core.db import create_engine
from app.models import AuditChainHead, AuditEvent
from tests.audit.test_chain import _cli_verify
from tests.conftest import alembic, drop_database, fresh_database_url

BEFORE_CHAIN = "0018_webhooks"


def _old_lines() -> list[dict]:
    start = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    return [
        {
            "id": uuid.uuid4(),
            "occurred_at": start + timedelta(minutes=minutes),
            "actor_name": "admin",
            "action": action,
            "object_type": "unit",
            "object_id": str(uuid.uuid4()),
            "outcome": "success",
            "before": before,
            "after": {"name": "市人社局", "tags": ["甲", "乙"], "n": 1.5},
            "ip": "127.0.0.1",
        }
        # Written out of time order: the migration chains them by time.
        for minutes, action, before in (
            (2, "unit.update", {"name": "旧"}),
            (0, "unit.create", None),
            (1, "unit.update", {"name": "中"}),
        )
    ]


async def _insert(settings: Settings, lines: list[dict]) -> None:
    engine = create_engine(settings)
    async with engine.begin() as conn:
        table = AuditEvent.__table__  # type: ignore[attr-defined]
        await conn.execute(insert(table).values(lines))
    await engine.dispose()


async def _read(settings: Settings) -> tuple[list, list]:
    engine = create_engine(settings)
    async with engine.connect() as conn:
        lines = (await conn.execute(select(AuditEvent).order_by(AuditEvent.seq))).all()
        heads = (await conn.execute(select(AuditChainHead).order_by(AuditChainHead.stream))).all()
        with pytest.raises(DBAPIError, match="append-only"):
            await conn.execute(update(AuditEvent).values(action="tampered"))
        await conn.rollback()
    await engine.dispose()
    return lines, heads


def test_upgrade_chains_the_lines_already_written(tmp_path, settings):
    url = fresh_database_url(tmp_path, "_chain_migration")
    own = settings.model_copy(update={"database_url": url})
    try:
        alembic(url, "upgrade", BEFORE_CHAIN)
        old = _old_lines()
        asyncio.run(_insert(own, old))
        for _ in range(2):  # and again after a downgrade, which unlinks them
            alembic(url, "upgrade", "head")
            lines, heads = asyncio.run(_read(own))
            by_time = sorted(old, key=lambda line: line["occurred_at"])
            assert [(line.id, line.stream, line.seq) for line in lines] == [
                (line["id"], 0, seq) for seq, line in enumerate(by_time, start=1)
            ]
            prev = chain.GENESIS
            for line in lines:
                assert line.prev_hash == prev and line.hash == chain.link_hash(prev, line)
                prev = line.hash
            assert len(heads) == chain.STREAMS
            assert (heads[0].seq, heads[0].hash) == (3, prev)
            assert {(h.seq, h.hash) for h in heads[1:]} == {(0, chain.GENESIS)}
            result = _cli_verify(own)
            assert result.returncode == 0, result.stdout + result.stderr
            assert "共 3 条记录" in result.stdout
            alembic(url, "downgrade", BEFORE_CHAIN)
    finally:
        drop_database(url)
