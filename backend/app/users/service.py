import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.auth import service as auth_service
from app.core import events
from app.core.concurrency import Precondition
from app.core.db import flush_or_conflict
from app.core.errors import NotFound, Unprocessable
from app.core.events import snapshot
from app.core.pagination import PageParams, paginate
from app.core.principal import Principal
from app.core.security import hash_password
from app.models import LoginThrottle, Unit, User
from app.models.enums import Role, UnitKind
from app.users.events import UserRecorded
from app.users.schemas import UserCreate, UserFilter, UserRead, UserUpdate

SORTS = {"username": User.username, "full_name": User.full_name, "created_at": User.created_at}

# Which kinds of unit each role belongs to (DOMAIN.md: a district officer sits in a district
# or park, a department officer in a department, a city leader in the leadership).
ROLE_UNIT_KINDS: dict[Role, set[UnitKind] | None] = {
    Role.admin: None,
    Role.coordinator: {UnitKind.bureau},
    Role.leader: {UnitKind.leadership},
    Role.unit_officer: {UnitKind.district, UnitKind.park},
    Role.department_officer: {UnitKind.department},
    Role.supervisor: {UnitKind.office, UnitKind.bureau},
    Role.viewer: None,
}


def _select() -> Any:
    return (
        select(User, col(Unit.name), col(LoginThrottle.locked_until))
        .join(Unit, col(Unit.id) == User.unit_id)
        .outerjoin(LoginThrottle, col(LoginThrottle.username) == User.username)
    )


def to_read(user: User, unit_name: str, locked_until: datetime | None) -> UserRead:
    data = user.model_dump(exclude={"password_hash", "token_version"})
    return UserRead(**data, unit_name=unit_name, locked_until=locked_until)


async def read(session: AsyncSession, user_id: uuid.UUID) -> UserRead:
    row = (await session.execute(_select().where(col(User.id) == user_id))).one_or_none()
    if row is None:
        raise NotFound("用户不存在")
    return to_read(*row)


async def list_users(
    session: AsyncSession,
    params: PageParams,
    filters: UserFilter,
) -> tuple[list[UserRead], str | None, int | None]:
    stmt = _select()
    if filters.role:
        stmt = stmt.where(col(User.role) == filters.role)
    if filters.unit_id and filters.include_sub_units:
        stmt = stmt.where(
            or_(col(Unit.id) == filters.unit_id, col(Unit.parent_id) == filters.unit_id)
        )
    elif filters.unit_id:
        stmt = stmt.where(col(User.unit_id) == filters.unit_id)
    if filters.is_active is not None:
        stmt = stmt.where(col(User.is_active) == filters.is_active)
    if q := filters.q:
        stmt = stmt.where(
            or_(
                col(User.username).contains(q, autoescape=True),
                col(User.full_name).contains(q, autoescape=True),
            )
        )
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts=SORTS,
        default_sort="username",
        id_column=User.id,
    )
    return [to_read(*r) for r in rows], cursor, total


async def _check_role_unit(session: AsyncSession, role: Role, unit_id: uuid.UUID) -> None:
    unit = await session.get(Unit, unit_id)
    if unit is None or not unit.is_active:
        raise Unprocessable(
            "所属单位不存在或已停用",
            code="invalid_unit",
            errors=[
                {"loc": ["body", "unit_id"], "msg": "单位不存在或已停用", "type": "invalid_unit"}
            ],
        )
    kinds = ROLE_UNIT_KINDS[Role(role)]
    if kinds is not None and unit.kind not in kinds:
        raise Unprocessable(
            f"角色与所属单位类型不匹配：{unit.name}",
            code="role_unit_mismatch",
            errors=[
                {
                    "loc": ["body", "unit_id"],
                    "msg": "该角色不能属于此类单位",
                    "type": "role_unit_mismatch",
                }
            ],
        )


async def create(session: AsyncSession, principal: Principal, body: UserCreate) -> UserRead:
    await _check_role_unit(session, body.role, body.unit_id)
    data = body.model_dump(exclude={"password"})
    user = User(**data, password_hash=await hash_password(body.password))
    session.add(user)
    await flush_or_conflict(session, "登录名已存在", "username_taken", "username")
    await events.emit(
        session,
        UserRecorded(actor=principal, verb="create", object_id=user.id, after=snapshot(user)),
    )
    return await read(session, user.id)


async def _get(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound("用户不存在")
    return user


async def update(
    session: AsyncSession,
    principal: Principal,
    user_id: uuid.UUID,
    body: UserUpdate,
    precondition: Precondition,
) -> UserRead:
    user = await _get(session, user_id)
    precondition.check(user.version)
    changes = body.model_dump(exclude_unset=True)
    is_self = principal.user is not None and user.id == principal.user.id
    demotes = changes.get("is_active") is False or changes.get("role", user.role) != user.role
    if is_self and demotes:
        raise Unprocessable("不能停用自己或修改自己的角色", code="self_lockout")
    for key in ("role", "unit_id", "is_active"):
        if key in changes and changes[key] is None:
            raise Unprocessable(
                f"{key} 不能为空",
                code="validation_error",
                errors=[{"loc": ["body", key], "msg": "不能为空", "type": "missing"}],
            )
    role = changes.get("role", user.role)
    unit_id = changes.get("unit_id", user.unit_id)
    if "role" in changes or "unit_id" in changes:
        await _check_role_unit(session, role, unit_id)
    before = snapshot(user)
    ends_sessions = (
        role != user.role
        or unit_id != user.unit_id
        or (changes.get("is_active") is False and user.is_active)
    )
    for field, value in changes.items():
        setattr(user, field, value)
    if ends_sessions:
        await auth_service.end_all_sessions(session, user)
    await session.flush()
    await events.emit(
        session,
        UserRecorded(
            actor=principal,
            verb="update",
            object_id=user.id,
            before=before,
            after=snapshot(user),
        ),
    )
    return await read(session, user.id)


async def reset_password(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, new_password: str
) -> None:
    user = await _get(session, user_id)
    user.password_hash = await hash_password(new_password)
    await auth_service.end_all_sessions(session, user)
    await session.execute(delete(LoginThrottle).where(col(LoginThrottle.username) == user.username))
    await session.flush()
    await events.emit(
        session, UserRecorded(actor=principal, verb="password_reset", object_id=user.id)
    )
