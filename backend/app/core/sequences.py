"""Gap-free per-year numbers (project codes, letter numbers) under concurrency.

The counter row is created or incremented by one upsert inside the caller's transaction: the
write takes a row lock that concurrent callers wait on, and a transaction that rolls back
returns its number.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.db import upsert
from app.models import CodeSequence


async def next_value(session: AsyncSession, name: str, year: int) -> int:
    stmt = upsert(session, CodeSequence).values(name=name, year=year, last_value=1)
    result = await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["name", "year"],
            set_={"last_value": CodeSequence.last_value + 1},
        ).returning(col(CodeSequence.last_value))
    )
    return int(result.scalar_one())


async def peek(session: AsyncSession, name: str, year: int) -> int:
    """The number `next_value` would return now, without taking it: the one issued next
    unless another transaction takes a number first."""
    stmt = select(col(CodeSequence.last_value)).where(
        col(CodeSequence.name) == name, col(CodeSequence.year) == year
    )
    last = (await session.execute(stmt)).scalar_one_or_none()
    return (last or 0) + 1
