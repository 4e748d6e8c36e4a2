"""Projects: create, update, delete, the key mark, and records added to a project. Reads and
lists are in reads, duplicate detection in duplicates."""

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col

from app.core import events
from app.core.concurrency import Precondition
from app.core.errors import Conflict, Unprocessable, field_error
from app.core.events import snapshot
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
)
from app.models.enums import DictionaryKind, Stage, UnitKind
from app.models.project import MAJOR_THRESHOLD
from app.projects import scope
from app.projects.duplicates import investor_key, refresh_duplicates
from app.projects.events import (
    ProjectCreated,
    ProjectDeleted,
    ProjectKeyMarked,
    ProjectUpdated,
)
from app.projects.reads import get_visible
from app.projects.schemas import ProjectCreate, ProjectUpdate


async def add_record(session: AsyncSession, project: Project, row: SQLModel) -> None:
    """Adds a record to a project (evaluation, follow-up, approval, team member …): the project
    counts as active again. The caller emits the event that says so, with the row as `after`."""
    session.add(row)
    project.last_activity_at = utcnow()
    await session.flush()


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
    data["investor_name"] = body.investor_name or ""  # a draft may not name its investor yet
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
    await events.emit(
        session,
        ProjectCreated(
            actor=principal,
            object_id=project.id,
            after=snapshot(project),
            code=project.code,
            name=project.name,
            owner_unit_id=project.owner_unit_id,
        ),
    )
    return project


async def update_project(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    body: ProjectUpdate,
    precondition: Precondition,
) -> Project:
    project = await get_visible(session, principal, project_id)
    scope.check_can_edit(principal, project)
    precondition.check(project.version)
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
    if project.stage == Stage.lead:
        required.discard("investor_name")  # a draft lead may not name its investor yet
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
    # A project keeps an entry that has since been deactivated (the form sends it back
    # unchanged); only a new choice must be an active one.
    for kind, current in (
        (DictionaryKind.industry_chain, project.industry_chain),
        (DictionaryKind.source_channel, project.source_channel),
    ):
        if changes.get(kind.value) != current:
            await dictionaries.check_code(session, kind, changes.get(kind.value), kind.value)
    before = snapshot(project)
    old_keys = (project.investor_credit_code, project.investor_name_key)
    if "investor_name" in changes and changes["investor_name"] is None:
        changes["investor_name"] = ""  # cleared on a draft lead
    if "investor_contacts" in changes:
        changes["investor_contacts"] = [c.model_dump() for c in body.investor_contacts or []]
    for field, value in changes.items():
        setattr(project, field, value)
    project.investor_name_key = investor_key(project.investor_name)
    if not project.investor_name_key and not project.investor_credit_code:
        project.possible_duplicate = False  # an unnamed investor matches no one
    project.is_major = project.planned_investment >= MAJOR_THRESHOLD
    project.last_activity_at = utcnow()
    await session.flush()
    if old_keys != (project.investor_credit_code, project.investor_name_key):
        await refresh_duplicates(session, *old_keys)
        await refresh_duplicates(session, project.investor_credit_code, project.investor_name_key)
    await events.emit(
        session,
        ProjectUpdated(
            actor=principal, object_id=project.id, before=before, after=snapshot(project)
        ),
    )
    return project


async def delete_project(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, precondition: Precondition
) -> None:
    project = await get_visible(session, principal, project_id)
    scope.check_can_edit(principal, project)
    precondition.check(project.version)
    if project.stage != Stage.lead:
        raise Conflict(
            "只有处于信息收集阶段的项目可以删除；其他阶段请使用“终止”", code="not_deletable"
        )
    before = snapshot(project)
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
    await events.emit(
        session,
        ProjectDeleted(actor=principal, object_id=project_id, before=before, code=project.code),
    )


async def set_key(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, is_key: bool
) -> Project:
    project = await get_visible(session, principal, project_id)
    if project.is_key != is_key:
        before = snapshot(project)
        project.is_key = is_key
        project.last_activity_at = utcnow()
        await session.flush()
        await events.emit(
            session,
            ProjectKeyMarked(
                actor=principal,
                object_id=project.id,
                before=before,
                after=snapshot(project),
                is_key=is_key,
            ),
        )
    return project
