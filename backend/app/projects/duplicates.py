"""Duplicate detection: a possible duplicate is the same investor (same credit code, or same
name) reported by more than one unit."""

import re
import uuid

from sqlalchemy import and_, false, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.config import Settings
from app.core.principal import Principal
from app.models import Project
from app.projects import scope
from app.projects.reads import PROJECT_ROWS, get_visible, to_read
from app.projects.schemas import ProjectRead


def investor_key(name: str | None) -> str:
    return re.sub(r"[\s\W_]+", "", name or "").lower()


async def refresh_duplicates(session: AsyncSession, credit_code: str | None, name_key: str) -> None:
    """Re-flags every project sharing this investor: a possible duplicate is the same investor
    (same credit code, or same name) reported by more than one unit."""
    if not name_key and not credit_code:
        return  # a draft without a named investor matches no one
    match = col(Project.investor_name_key) == name_key if name_key else false()
    if credit_code:
        match = or_(match, col(Project.investor_credit_code) == credit_code)
    peers = (
        await session.execute(select(col(Project.id), col(Project.owner_unit_id)).where(match))
    ).all()
    units = {unit for _, unit in peers}
    flag = len(units) > 1
    if peers:
        await session.execute(
            update(Project)
            .where(
                col(Project.id).in_([pid for pid, _ in peers]),
                col(Project.possible_duplicate) != flag,
            )
            # updated_at kept: a unit must not see its project change when another unit
            # (whose project it cannot see) reports the same investor.
            .values(possible_duplicate=flag, updated_at=col(Project.updated_at))
            .execution_options(synchronize_session="fetch")
        )


async def duplicates_of(
    session: AsyncSession, principal: Principal, settings: Settings, project_id: uuid.UUID
) -> list[ProjectRead]:
    project = await get_visible(session, principal, project_id)
    hidden = scope.redacts_confidential(principal)
    if hidden and project.is_confidential:
        # Its peers would name the investor the caller may not see.
        return []
    name_key = project.investor_name_key
    match = col(Project.investor_name_key) == name_key if name_key else false()
    if project.investor_credit_code:
        match = or_(match, col(Project.investor_credit_code) == project.investor_credit_code)
    if hidden:
        # A confidential peer listed here would reveal who stands behind it.
        match = and_(match, ~col(Project.is_confidential))
    stmt = scope.visible(PROJECT_ROWS.where(match, col(Project.id) != project.id), principal)
    rows = (await session.execute(stmt.order_by(col(Project.created_at)))).all()
    return [to_read(principal, settings, r) for r in rows]
