"""年度目标任务: each district's and park's annual targets (签约金额, 1 亿元以上项目, 到位资金),
set by the coordinator; the scheme's target-based items are measured against them."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments.events import TargetRecorded
from app.assessments.schemas import TargetRead, TargetWrite
from app.core import events
from app.core.concurrency import Precondition
from app.core.db import flush_or_conflict
from app.core.errors import NotFound
from app.core.events import snapshot
from app.core.principal import Principal
from app.models import Unit, UnitTarget
from app.models.enums import UnitKind

TARGET_KINDS = (UnitKind.district.value, UnitKind.park.value)


async def units(session: AsyncSession) -> list[Unit]:
    stmt = (
        select(Unit)
        .where(col(Unit.kind).in_(TARGET_KINDS), col(Unit.is_active).is_(True))
        .order_by(col(Unit.kind), col(Unit.code))
    )
    return list((await session.execute(stmt)).scalars())


def _read(year: int, unit: Unit, target: UnitTarget | None) -> TargetRead:
    return TargetRead(
        year=year,
        unit_id=unit.id,
        unit_name=unit.name,
        unit_kind=unit.kind,
        signed_amount=target.signed_amount if target else None,
        major_projects=target.major_projects if target else None,
        funds_arrived=target.funds_arrived if target else None,
        version=target.version if target else None,
    )


async def list_targets(session: AsyncSession, year: int) -> list[TargetRead]:
    """Every active district and park, with its targets for the year or nulls."""
    rows = await session.execute(select(UnitTarget).where(col(UnitTarget.year) == year))
    by_unit = {t.unit_id: t for t in rows.scalars()}
    return [_read(year, u, by_unit.get(u.id)) for u in await units(session)]


async def put(
    session: AsyncSession,
    principal: Principal,
    year: int,
    unit_id: uuid.UUID,
    body: TargetWrite,
    precondition: Precondition,
) -> TargetRead:
    """Sets the unit's targets, with the version read: `"0"` while none are set, so one
    person's figures never silently replace another's (412)."""
    unit = await session.get(Unit, unit_id)
    if unit is None or unit.kind not in TARGET_KINDS:
        raise NotFound("单位不存在或不是县市区、园区")
    target = (
        await session.execute(
            select(UnitTarget)
            .where(col(UnitTarget.year) == year, col(UnitTarget.unit_id) == unit_id)
            .with_for_update()
        )
    ).scalar_one_or_none()
    precondition.check(target.version if target else 0)
    target = await write(session, principal, year, unit_id, target, body, "update")
    return _read(year, unit, target)


async def write(
    session: AsyncSession,
    principal: Principal,
    year: int,
    unit_id: uuid.UUID,
    target: UnitTarget | None,
    body: TargetWrite,
    verb: str,
) -> UnitTarget:
    """The unit's targets set from `body` (a new row when `target` is None), on the record
    with `verb` (`update` one by one, `import` from the sheet)."""
    before = snapshot(target)
    if target is None:
        target = UnitTarget(year=year, unit_id=unit_id, **body.model_dump())
        session.add(target)
    else:
        for name, value in body.model_dump().items():
            setattr(target, name, value)
    await flush_or_conflict(session, "该单位的年度目标已被他人设定，请刷新后重试", "target_exists")
    await events.emit(
        session,
        TargetRecorded(
            actor=principal,
            object_id=target.id,
            verb=verb,
            before=before,
            after=snapshot(target),
        ),
    )
    return target
