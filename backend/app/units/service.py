import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.concurrency import Precondition
from app.core.db import flush_or_conflict
from app.core.errors import NotFound, Unprocessable
from app.core.events import snapshot
from app.core.pagination import PageParams, paginate
from app.core.principal import Principal
from app.models import Unit
from app.models.enums import UnitKind
from app.units.events import UnitRecorded
from app.units.schemas import UnitCreate, UnitFilter, UnitUpdate

SORTS = {
    "name": Unit.name,
    "code": Unit.code,
    "created_at": Unit.created_at,
    "updated_at": Unit.updated_at,
}


async def get(session: AsyncSession, unit_id: uuid.UUID) -> Unit:
    unit = await session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("单位不存在")
    return unit


async def directory(session: AsyncSession) -> dict[uuid.UUID, Unit]:
    """Every unit by id (a few dozen rows), read once per session: the rows then sit in the
    session's identity map, so any `session.get(Unit, ...)` after this costs no query."""
    found = session.info.get("units")
    if found is None:
        rows = (await session.execute(select(Unit))).scalars().all()
        found = session.info["units"] = {u.id: u for u in rows}
    return found


async def names(session: AsyncSession) -> dict[uuid.UUID, str]:
    """Every unit's name by id, for rendering many records at once."""
    return {unit_id: u.name for unit_id, u in (await directory(session)).items()}


async def department_ids(session: AsyncSession) -> set[uuid.UUID]:
    stmt = select(col(Unit.id)).where(col(Unit.kind) == UnitKind.department.value)
    return set((await session.execute(stmt)).scalars())


async def list_units(
    session: AsyncSession,
    params: PageParams,
    filters: UnitFilter,
) -> tuple[Sequence[Unit], str | None, int | None]:
    stmt = select(Unit)
    if filters.kind:
        stmt = stmt.where(col(Unit.kind) == filters.kind)
    if filters.parent_id:
        stmt = stmt.where(col(Unit.parent_id) == filters.parent_id)
    if filters.is_active is not None:
        stmt = stmt.where(col(Unit.is_active) == filters.is_active)
    if filters.updated_after:
        stmt = stmt.where(col(Unit.updated_at) > filters.updated_after)
    if q := filters.q:
        stmt = stmt.where(
            or_(
                col(Unit.name).contains(q, autoescape=True),
                col(Unit.code).contains(q, autoescape=True),
            )
        )
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts=SORTS,
        default_sort="code",
        id_column=Unit.id,
    )
    return [r[0] for r in rows], cursor, total


async def _check_parent(session: AsyncSession, kind: UnitKind, parent_id: uuid.UUID | None) -> None:
    if parent_id is None:
        return
    error = [
        {
            "loc": ["body", "parent_id"],
            "msg": "上级单位须为县市区，且仅园区可设上级",
            "type": "invalid_parent",
        }
    ]
    if kind != UnitKind.park:
        raise Unprocessable("只有园区可以设置上级县市区", code="invalid_parent", errors=error)
    parent = await session.get(Unit, parent_id)
    if parent is None or parent.kind != UnitKind.district:
        raise Unprocessable("上级单位须为县市区", code="invalid_parent", errors=error)


async def create(session: AsyncSession, principal: Principal, body: UnitCreate) -> Unit:
    await _check_parent(session, body.kind, body.parent_id)
    unit = Unit(**body.model_dump())
    session.add(unit)
    session.info.pop("units", None)
    await flush_or_conflict(session, "单位代码或名称已存在", "unit_exists")
    await events.emit(
        session,
        UnitRecorded(actor=principal, verb="create", object_id=unit.id, after=snapshot(unit)),
    )
    return unit


async def update(
    session: AsyncSession,
    principal: Principal,
    unit_id: uuid.UUID,
    body: UnitUpdate,
    precondition: Precondition,
) -> Unit:
    unit = await get(session, unit_id)
    precondition.check(unit.version)
    before = snapshot(unit)
    changes = body.model_dump(exclude_unset=True)
    kind = changes.get("kind", unit.kind)
    parent_id = changes.get("parent_id", unit.parent_id)
    if kind != UnitKind.park and "kind" in changes and "parent_id" not in changes:
        parent_id = None
        changes["parent_id"] = None
    await _check_parent(session, kind, parent_id)
    for field, value in changes.items():
        setattr(unit, field, value)
    await flush_or_conflict(session, "单位名称已存在", "unit_exists", "name")
    await events.emit(
        session,
        UnitRecorded(
            actor=principal,
            verb="update",
            object_id=unit.id,
            before=before,
            after=snapshot(unit),
        ),
    )
    return unit
