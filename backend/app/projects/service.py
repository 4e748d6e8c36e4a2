"""Projects: create, read, list, update, delete, key mark and duplicate detection."""

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, bindparam, delete, false, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col

from app.audit import service as audit
from app.core.concurrency import check_version
from app.core.config import Settings
from app.core.errors import Conflict, NotFound, Unprocessable, field_error
from app.core.pagination import PageParams, paginate
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.sequences import next_value
from app.core.time import SHANGHAI, utcnow
from app.dictionaries import service as dictionaries
from app.models import (
    Evaluation,
    FollowUp,
    LeaderAssignment,
    Project,
    ProjectApproval,
    ServiceTeamMember,
    StageChange,
    Unit,
    User,
)
from app.models.enums import DictionaryKind, Stage, UnitKind
from app.models.project import MAJOR_THRESHOLD
from app.projects import scope
from app.projects.schemas import ProjectCreate, ProjectRead, ProjectUpdate


@dataclass
class ProjectFilter:
    stage: list[Stage] | None = None
    owner_unit_id: uuid.UUID | None = None
    industry_chain: str | None = None
    source_channel: str | None = None
    is_major: bool | None = None
    is_key: bool | None = None
    is_confidential: bool | None = None
    possible_duplicate: bool | None = None
    major_list_year: int | None = None
    signed_from: date | None = None
    signed_to: date | None = None
    leader_id: uuid.UUID | None = None
    stale: bool | None = None
    q: str | None = None
    updated_after: datetime | None = None


def investor_key(name: str) -> str:
    return re.sub(r"[\s\W_]+", "", name).lower()


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
    redacted = data["is_confidential"] and scope.redacts_confidential(principal)
    if redacted:
        data.update(scope.HIDDEN_INVESTOR)
    data["investor_redacted"] = redacted
    if not scope.sees_duplicates(principal):
        data["possible_duplicate"] = None
    data["days_in_stage"] = (now - data["stage_entered_at"]).days
    data["is_stale"] = data["last_activity_at"] < now - timedelta(days=settings.project_stale_days)
    data["lead_leader"] = (
        {"id": leader_id, "full_name": leader_name} if leader_id and leader_name else None
    )
    return ProjectRead.model_validate(data)


async def add_record(
    session: AsyncSession, principal: Principal, project: Project, row: SQLModel, action: str
) -> None:
    """Adds a record to a project (evaluation, follow-up, approval, team member …): the project
    counts as active again and the addition is audited against the project."""
    session.add(row)
    project.last_activity_at = utcnow()
    await session.flush()
    audit.record(
        session,
        action=action,
        object_type="project",
        object_id=project.id,
        actor=principal,
        after=audit.snapshot(row),
    )


async def touch(session: AsyncSession, project_id: uuid.UUID) -> None:
    """Marks the project active again because of work on something of its own (a ticket),
    without bumping its version: that work must not turn someone's open edit form stale, and
    concurrent tickets on one project must not conflict over it."""
    await session.execute(
        update(Project).where(col(Project.id) == project_id).values(last_activity_at=utcnow())
    )


async def get_visible(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Project:
    """The project if the caller may see it; otherwise 404, exactly like a missing one."""
    stmt = scope.visible(select(Project).where(col(Project.id) == project_id), principal)
    project = (await session.execute(stmt)).scalar_one_or_none()
    if project is None:
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
    if f.leader_id:
        conditions.append(col(LeaderAssignment.leader_id) == f.leader_id)
    if f.stale is not None:
        cutoff = utcnow() - timedelta(days=settings.project_stale_days)
        stale = col(Project.last_activity_at) < cutoff
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


async def _owner_unit(
    session: AsyncSession, principal: Principal, requested: uuid.UUID | None
) -> uuid.UUID:
    if not principal.has(Permission.projects_manage):
        if requested is not None and requested != principal.unit_id:
            raise Unprocessable(
                "只能为本单位录入项目",
                code="invalid_owner_unit",
                errors=[
                    {
                        "loc": ["body", "owner_unit_id"],
                        "msg": "只能是本单位",
                        "type": "invalid_owner_unit",
                    }
                ],
            )
        return principal.unit_id
    if requested is None:
        raise Unprocessable(
            "请指定项目的责任单位",
            code="validation_error",
            errors=[{"loc": ["body", "owner_unit_id"], "msg": "必填", "type": "missing"}],
        )
    unit = await session.get(Unit, requested)
    if (
        unit is None
        or not unit.is_active
        or unit.kind not in (UnitKind.district, UnitKind.park, UnitKind.bureau)
    ):
        raise Unprocessable(
            "责任单位须为启用的县市区、园区或市商务局",
            code="invalid_owner_unit",
            errors=[
                {"loc": ["body", "owner_unit_id"], "msg": "单位无效", "type": "invalid_owner_unit"}
            ],
        )
    return requested


# A signed amount this far above the plan is almost always 元 typed as 万元 or a slip of digits.
SIGNED_OVER_PLANNED = 10


def check_amounts(planned: Decimal | None, signed: Decimal | None) -> None:
    """422 for a signed amount more than SIGNED_OVER_PLANNED times the planned investment: a
    real one is entered after the plan is brought up to date, so the two never disagree."""
    if planned is not None and signed is not None and signed > planned * SIGNED_OVER_PLANNED:
        raise field_error(
            "signed_amount",
            f"签约金额超过计划总投资的 {SIGNED_OVER_PLANNED} 倍，请核对金额单位（万元）；"
            "如确属实，请先修改计划总投资",
            "signed_amount_implausible",
        )


async def create(session: AsyncSession, principal: Principal, body: ProjectCreate) -> Project:
    check_amounts(body.planned_investment, body.signed_amount)
    await dictionaries.check_code(
        session, DictionaryKind.industry_chain, body.industry_chain, "industry_chain"
    )
    await dictionaries.check_code(
        session, DictionaryKind.source_channel, body.source_channel, "source_channel"
    )
    owner_unit_id = await _owner_unit(session, principal, body.owner_unit_id)
    year = datetime.now(SHANGHAI).year
    number = await next_value(session, "project", year)
    data = body.model_dump(exclude={"owner_unit_id"}, exclude_none=True)
    data["investor_contacts"] = [c.model_dump() for c in body.investor_contacts or []]
    project = Project(
        **data,
        code=f"XT-{year}-{number:04d}",
        owner_unit_id=owner_unit_id,
        investor_name_key=investor_key(body.investor_name),
        is_major=body.planned_investment >= MAJOR_THRESHOLD,
        created_by_id=principal.user.id if principal.user else None,
    )
    session.add(project)
    await session.flush()
    session.add(
        StageChange(
            project_id=project.id,
            to_stage=Stage.lead,
            actor_id=project.created_by_id,
            actor_name=principal.display_name,
            reason="新建项目",
        )
    )
    await refresh_duplicates(session, project.investor_credit_code, project.investor_name_key)
    audit.record(
        session,
        action="project.create",
        object_type="project",
        object_id=project.id,
        actor=principal,
        after=audit.snapshot(project),
    )
    return project


async def update_project(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    body: ProjectUpdate,
    if_match: str | None,
) -> Project:
    project = await get_visible(session, principal, project_id)
    scope.check_can_edit(principal, project)
    check_version(project.version, if_match)
    changes = body.model_dump(exclude_unset=True)
    required = {
        "name",
        "investor_name",
        "industry_chain",
        "source_channel",
        "planned_investment",
        "funds_arrived",
        "is_foreign",
        "is_confidential",
    }
    nulls = [k for k in required if k in changes and changes[k] is None]
    if nulls:
        raise Unprocessable(
            "必填字段不能清空",
            code="validation_error",
            errors=[{"loc": ["body", k], "msg": "不能为空", "type": "missing"} for k in nulls],
        )
    check_amounts(
        changes.get("planned_investment", project.planned_investment),
        changes.get("signed_amount", project.signed_amount),
    )
    await dictionaries.check_code(
        session, DictionaryKind.industry_chain, changes.get("industry_chain"), "industry_chain"
    )
    await dictionaries.check_code(
        session, DictionaryKind.source_channel, changes.get("source_channel"), "source_channel"
    )
    before = audit.snapshot(project)
    old_keys = (project.investor_credit_code, project.investor_name_key)
    if "investor_contacts" in changes:
        changes["investor_contacts"] = [c.model_dump() for c in body.investor_contacts or []]
    for field, value in changes.items():
        setattr(project, field, value)
    project.investor_name_key = investor_key(project.investor_name)
    project.is_major = project.planned_investment >= MAJOR_THRESHOLD
    project.last_activity_at = utcnow()
    await session.flush()
    if old_keys != (project.investor_credit_code, project.investor_name_key):
        await refresh_duplicates(session, *old_keys)
        await refresh_duplicates(session, project.investor_credit_code, project.investor_name_key)
    audit.record(
        session,
        action="project.update",
        object_type="project",
        object_id=project.id,
        actor=principal,
        before=before,
        after=audit.snapshot(project),
    )
    return project


async def delete_project(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, if_match: str | None
) -> None:
    project = await get_visible(session, principal, project_id)
    scope.check_can_edit(principal, project)
    check_version(project.version, if_match)
    if project.stage != Stage.lead:
        raise Conflict(
            "只有处于信息收集阶段的项目可以删除；其他阶段请使用“终止”", code="not_deletable"
        )
    before = audit.snapshot(project)
    for model in (
        StageChange,
        Evaluation,
        FollowUp,
        ProjectApproval,
        LeaderAssignment,
        ServiceTeamMember,
    ):
        await session.execute(delete(model).where(col(model.project_id) == project.id))
    await session.delete(project)
    await session.flush()
    await refresh_duplicates(session, project.investor_credit_code, project.investor_name_key)
    audit.record(
        session,
        action="project.delete",
        object_type="project",
        object_id=project_id,
        actor=principal,
        before=before,
    )


async def set_key(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, is_key: bool
) -> Project:
    project = await get_visible(session, principal, project_id)
    if project.is_key != is_key:
        before = audit.snapshot(project)
        project.is_key = is_key
        project.last_activity_at = utcnow()
        await session.flush()
        audit.record(
            session,
            action="project.key_mark",
            object_type="project",
            object_id=project.id,
            actor=principal,
            before=before,
            after=audit.snapshot(project),
        )
    return project


async def refresh_duplicates(session: AsyncSession, credit_code: str | None, name_key: str) -> None:
    """Re-flags every project sharing this investor: a possible duplicate is the same investor
    (same credit code, or same name) reported by more than one unit."""
    match = col(Project.investor_name_key) == name_key
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
    match = col(Project.investor_name_key) == project.investor_name_key
    if project.investor_credit_code:
        match = or_(match, col(Project.investor_credit_code) == project.investor_credit_code)
    if hidden:
        # A confidential peer listed here would reveal who stands behind it.
        match = and_(match, ~col(Project.is_confidential))
    stmt = scope.visible(PROJECT_ROWS.where(match, col(Project.id) != project.id), principal)
    rows = (await session.execute(stmt.order_by(col(Project.created_at)))).all()
    return [to_read(principal, settings, r) for r in rows]
