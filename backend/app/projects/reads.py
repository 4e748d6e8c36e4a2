"""Projects read: one project or the list, as ProjectRead rows built in one statement."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.config import Settings
from app.core.errors import NotFound
from app.core.pagination import PageParams, paginate
from app.core.principal import Principal
from app.core.time import day_start, utcnow
from app.models import LeaderAssignment, Project, Unit, User
from app.models.enums import STAGE_ORDER, Stage
from app.projects import scope
from app.projects.schemas import ProjectFilter, ProjectRead

ACTIVE_LEAD = and_(
    col(LeaderAssignment.project_id) == col(Project.id), col(LeaderAssignment.ended_at).is_(None)
)
_P: Any = Project.__table__  # type: ignore[attr-defined]
_UNITS: Any = Unit.__table__  # type: ignore[attr-defined]
_USERS: Any = User.__table__  # type: ignore[attr-defined]
_LEADS: Any = LeaderAssignment.__table__  # type: ignore[attr-defined]
# A project's columns with its unit's name and its lead leader, as plain table columns: rows
# come back as tuples (no ORM entity to hydrate, dump and validate again) and are validated
# once into ProjectRead. Built once: statements are immutable, lists add their conditions to a
# copy, and the detail statement is reused as is with a bound id, keeping its compiled form.
PROJECT_ROWS: Any = select(
    *(c for c in _P.c if c.key not in {"investor_name_key", "created_by_id"}),
    _UNITS.c.name.label("owner_unit_name"),
    _USERS.c.id.label("lead_leader_id"),
    _USERS.c.full_name.label("lead_leader_name"),
).select_from(
    _P.join(_UNITS, _UNITS.c.id == _P.c.owner_unit_id)
    .outerjoin(_LEADS, and_(_LEADS.c.project_id == _P.c.id, _LEADS.c.ended_at.is_(None)))
    .outerjoin(_USERS, _USERS.c.id == _LEADS.c.leader_id)
)
PROJECT_BY_ID: Any = PROJECT_ROWS.where(_P.c.id == bindparam("project_id"))
# Stages a project still moves on from: only these can be 长期无进展. A project in production
# (operating), dropped or shelved is not waiting for anyone's activity.
ACTIVE_STAGES: tuple[Stage, ...] = tuple(STAGE_ORDER[:-1])
ACTIVE_STAGE_VALUES = [s.value for s in ACTIVE_STAGES]


def is_stale(stage: str, last_activity_at: datetime, now: datetime, settings: Settings) -> bool:
    """长期无进展: an active stage with no activity for `project_stale_days` days."""
    return stage in ACTIVE_STAGE_VALUES and last_activity_at < now - timedelta(
        days=settings.project_stale_days
    )


SORTS = {
    key: _P.c[key]
    for key in ("created_at", "updated_at", "last_activity_at", "planned_investment", "code")
}


def to_read(principal: Principal, settings: Settings, row: Any) -> ProjectRead:
    """One PROJECT_ROWS row → ProjectRead, validated once."""
    now = utcnow()
    data = dict(row._mapping)
    leader_id = data.pop("lead_leader_id")
    leader_name = data.pop("lead_leader_name")
    data["investor_name"] = data["investor_name"] or None  # a draft lead's unnamed investor
    redacted = data["is_confidential"] and scope.redacts_confidential(principal)
    if redacted:
        data.update(scope.HIDDEN_INVESTOR)
    data["investor_redacted"] = redacted
    if not scope.sees_duplicates(principal):
        data["possible_duplicate"] = None
    data["days_in_stage"] = (now - data["stage_entered_at"]).days
    data["is_stale"] = is_stale(data["stage"], data["last_activity_at"], now, settings)
    data["lead_leader"] = (
        {"id": leader_id, "full_name": leader_name} if leader_id and leader_name else None
    )
    return ProjectRead.model_validate(data)


async def get_visible(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Project:
    """The project if the caller may see it; otherwise 404, exactly like a missing one. Where
    the row itself decides the scope, it is read through the session's identity map (a service
    call after another in one transaction does not read the project again)."""
    project = await session.get(Project, project_id)
    sees = None if project is None else scope.row_decides(principal, project)
    if sees is None and project is not None:
        stmt = scope.visible(
            select(col(Project.id)).where(col(Project.id) == project_id), principal
        )
        sees = (await session.execute(stmt)).first() is not None
    if project is None or not sees:
        raise NotFound("项目不存在")
    return project


async def read(
    session: AsyncSession, principal: Principal, settings: Settings, project_id: uuid.UUID
) -> ProjectRead:
    stmt = scope.visible(PROJECT_BY_ID, principal)
    row = (await session.execute(stmt, {"project_id": project_id})).one_or_none()
    if row is None:
        raise NotFound("项目不存在")
    return to_read(principal, settings, row)


async def list_projects(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    params: PageParams,
    filters: ProjectFilter,
) -> tuple[list[ProjectRead], str | None, int | None]:
    stmt = scope.visible(PROJECT_ROWS, principal)
    f = filters
    conditions: list[Any] = []
    if f.stage:
        conditions.append(col(Project.stage).in_([s.value for s in f.stage]))
    if f.owner_unit_id:
        conditions.append(col(Project.owner_unit_id) == f.owner_unit_id)
    if f.industry_chain:
        conditions.append(col(Project.industry_chain) == f.industry_chain)
    if f.source_channel:
        conditions.append(col(Project.source_channel) == f.source_channel)
    for column, value in (
        (Project.is_major, f.is_major),
        (Project.is_key, f.is_key),
        (Project.is_confidential, f.is_confidential),
    ):
        if value is not None:
            conditions.append(col(column) == value)
    if f.possible_duplicate is not None:
        # Filters on the flag as the caller sees it: those who may not read it see null,
        # which matches neither true nor false (else the filter would be the oracle).
        conditions.append(
            col(Project.possible_duplicate) == f.possible_duplicate
            if scope.sees_duplicates(principal)
            else false()
        )
    if f.major_list_year is not None:
        conditions.append(col(Project.major_list_year) == f.major_list_year)
    if f.signed_from:
        conditions.append(col(Project.signed_date) >= f.signed_from)
    if f.signed_to:
        conditions.append(col(Project.signed_date) <= f.signed_to)
    if f.signed_amount_min is not None:
        conditions.append(col(Project.signed_amount) >= f.signed_amount_min)
    if f.started_from:
        conditions.append(col(Project.started_date) >= f.started_from)
    if f.started_to:
        conditions.append(col(Project.started_date) <= f.started_to)
    if f.created_from:
        conditions.append(col(Project.created_at) >= day_start(f.created_from))
    if f.created_to:
        conditions.append(col(Project.created_at) < day_start(f.created_to + timedelta(days=1)))
    if f.leader_id:
        conditions.append(col(LeaderAssignment.leader_id) == f.leader_id)
    if f.stale is not None:
        cutoff = utcnow() - timedelta(days=settings.project_stale_days)
        stale = and_(
            col(Project.stage).in_(ACTIVE_STAGE_VALUES), col(Project.last_activity_at) < cutoff
        )
        conditions.append(stale if f.stale else ~stale)
    if f.updated_after:
        conditions.append(col(Project.updated_at) > f.updated_after)
    if f.q:
        text_match: list[Any] = [
            col(Project.name).contains(f.q, autoescape=True),
            col(Project.code).contains(f.q, autoescape=True),
        ]
        if not scope.redacts_confidential(principal):
            text_match.append(col(Project.investor_name).contains(f.q, autoescape=True))
        else:
            # Never let a search reveal who stands behind a confidential project.
            text_match.append(
                and_(
                    ~col(Project.is_confidential),
                    col(Project.investor_name).contains(f.q, autoescape=True),
                )
            )
        conditions.append(or_(*text_match))
    # The count needs neither the unit's name nor the leader's, unless filtering by leader.
    count_stmt = select(col(Project.id))
    if f.leader_id:
        count_stmt = count_stmt.join(LeaderAssignment, ACTIVE_LEAD)
    count_stmt = scope.visible(count_stmt, principal)
    if conditions:
        stmt = stmt.where(*conditions)
        count_stmt = count_stmt.where(*conditions)
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts=SORTS,
        default_sort="-created_at",
        id_column=_P.c.id,
        count_stmt=count_stmt,
    )
    return [to_read(principal, settings, r) for r in rows], cursor, total
