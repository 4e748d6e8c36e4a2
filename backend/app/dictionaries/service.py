"""Admin-editable code lists (产业链, 招商渠道 …)."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.concurrency import Precondition
from app.core.db import flush_or_conflict
from app.core.errors import NotFound, Unprocessable
from app.core.events import snapshot
from app.core.principal import Principal
from app.dictionaries.events import DictionaryItemRecorded
from app.models import DictionaryItem
from app.models.enums import DictionaryKind


async def list_items(
    session: AsyncSession, kind: DictionaryKind | None, include_inactive: bool
) -> Sequence[DictionaryItem]:
    stmt = select(DictionaryItem)
    if kind:
        stmt = stmt.where(col(DictionaryItem.kind) == kind)
    if not include_inactive:
        stmt = stmt.where(col(DictionaryItem.is_active))
    stmt = stmt.order_by(
        col(DictionaryItem.kind), col(DictionaryItem.sort_order), col(DictionaryItem.code)
    )
    return (await session.execute(stmt)).scalars().all()


async def is_active_code(session: AsyncSession, kind: DictionaryKind, code: str) -> bool:
    found = await session.execute(
        select(col(DictionaryItem.id)).where(
            col(DictionaryItem.kind) == kind,
            col(DictionaryItem.code) == code,
            col(DictionaryItem.is_active),
        )
    )
    return found.first() is not None


async def labels(session: AsyncSession, kind: DictionaryKind) -> dict[str, str]:
    return {
        item.code: item.label for item in await list_items(session, kind, include_inactive=True)
    }


async def create(
    session: AsyncSession,
    principal: Principal,
    kind: DictionaryKind,
    code: str,
    label: str,
    sort_order: int,
) -> DictionaryItem:
    item = DictionaryItem(kind=kind, code=code, label=label, sort_order=sort_order)
    session.add(item)
    await flush_or_conflict(session, "该字典中已有此代码", "dictionary_code_exists")
    await events.emit(
        session,
        DictionaryItemRecorded(
            actor=principal, verb="create", object_id=item.id, after=snapshot(item)
        ),
    )
    return item


async def update(
    session: AsyncSession,
    principal: Principal,
    item_id: uuid.UUID,
    changes: dict[str, object],
    precondition: Precondition,
) -> DictionaryItem:
    item = await session.get(DictionaryItem, item_id)
    if item is None:
        raise NotFound("字典项不存在")
    precondition.check(item.version)
    before = snapshot(item)
    for field, value in changes.items():
        setattr(item, field, value)
    await session.flush()
    await events.emit(
        session,
        DictionaryItemRecorded(
            actor=principal,
            verb="update",
            object_id=item.id,
            before=before,
            after=snapshot(item),
        ),
    )
    return item


async def check_code(
    session: AsyncSession, kind: DictionaryKind, code: str | None, field: str
) -> None:
    """422 naming `field` unless `code` is an active entry of the dictionary `kind`."""
    if code is not None and not await is_active_code(session, kind, code):
        raise Unprocessable(
            f"{kind.label}代码无效：{code}",
            code="invalid_dictionary_code",
            errors=[
                {
                    "loc": ["body", field],
                    "msg": "不在字典中或已停用",
                    "type": "invalid_dictionary_code",
                }
            ],
        )
