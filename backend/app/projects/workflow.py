"""The written workflow (《湘潭市招商引资工作流程》): stages, gates, back-steps and exits."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.errors import AppError, Conflict, Unprocessable
from app.core.events import snapshot
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import Evaluation, Project, ProjectApproval, StageChange
from app.models.enums import STAGE_ORDER, EvaluationConclusion, Stage
from app.projects import lead, scope
from app.projects.events import ProjectApproved, ProjectStageChanged
from app.projects.reads import get_visible
from app.projects.schemas import NextStage, TransitionCreate
from app.projects.service import add_record, check_amounts

OPEN_STAGES = set(STAGE_ORDER[:-1])  # operating is the end of the road; it cannot be shelved


def _index(stage: Stage) -> int:
    return STAGE_ORDER.index(stage)


def allowed_targets(project: Project) -> list[tuple[Stage, str]]:
    """Every stage the project may go to next, with the kind of move."""
    current = Stage(project.stage)
    if current == Stage.dropped:
        return []
    if current == Stage.shelved:
        assert project.stage_before_shelved is not None
        return [(Stage(project.stage_before_shelved), "resume"), (Stage.dropped, "exit")]
    targets: list[tuple[Stage, str]] = []
    position = _index(current)
    if position + 1 < len(STAGE_ORDER):
        targets.append((STAGE_ORDER[position + 1], "forward"))
    targets += [(stage, "back") for stage in reversed(STAGE_ORDER[:position])]
    if current in OPEN_STAGES:
        targets.append((Stage.shelved, "exit"))
    targets.append((Stage.dropped, "exit"))
    return targets


async def _latest_evaluation(session: AsyncSession, project: Project) -> Evaluation | None:
    stmt = (
        select(Evaluation)
        .where(col(Evaluation.project_id) == project.id)
        .order_by(col(Evaluation.created_at).desc())
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def _approved_since_review(session: AsyncSession, project: Project) -> bool:
    stmt = select(col(ProjectApproval.id)).where(
        col(ProjectApproval.project_id) == project.id,
        col(ProjectApproval.approved_at) >= project.stage_entered_at,
    )
    return (await session.execute(stmt)).first() is not None


async def gate_gaps(
    session: AsyncSession, project: Project, target: Stage, supplied: dict[str, Any] | None = None
) -> list[str]:
    """What the forward gate into `target` still needs, in Chinese; empty when it is open."""
    supplied = supplied or {}

    def value(field: str) -> Any:
        return supplied.get(field) if supplied.get(field) is not None else getattr(project, field)

    missing: list[str] = []
    if target == Stage.evaluation:
        missing += lead.submission_gaps(project, supplied)
    elif target == Stage.contact:
        evaluation = await _latest_evaluation(session, project)
        if evaluation is None or evaluation.conclusion != EvaluationConclusion.recommend:
            missing.append("需要一份结论为“建议推进”的项目评估")
    elif target == Stage.signed:
        if not await _approved_since_review(session, project):
            missing.append("需要招商统筹的审核通过记录")
        if value("signed_date") is None:
            missing.append("需要填写签约日期")
        if value("signed_amount") is None:
            missing.append("需要填写签约金额")
    elif target == Stage.started and value("started_date") is None:
        missing.append("需要填写开工日期")
    elif target == Stage.operating and value("production_date") is None:
        missing.append("需要填写投产日期")
    return missing


def _may_take(principal: Principal, project: Project, kind: str) -> bool:
    """Out of evaluation the way forward is the bureau's: its evaluation decides."""
    if project.stage == Stage.evaluation and kind == "forward":
        return lead.evaluates(principal)
    return True


async def next_stages(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> list[NextStage]:
    project = await get_visible(session, principal, project_id)
    result = []
    for stage, kind in allowed_targets(project):
        if not _may_take(principal, project, kind):
            continue
        missing = await gate_gaps(session, project, stage) if kind == "forward" else []
        result.append(
            NextStage(
                stage=stage, kind=kind, reason_required=kind in ("back", "exit"), missing=missing
            )
        )
    return result


async def way_on(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> NextStage | None:
    """The project's next step (forward, or back to where a shelved project left) and what its
    gate still needs, whoever may take it: what a leader following the project reads."""
    project = await get_visible(session, principal, project_id)
    for stage, kind in allowed_targets(project):
        if kind in ("forward", "resume"):
            missing = await gate_gaps(session, project, stage) if kind == "forward" else []
            return NextStage(stage=stage, kind=kind, reason_required=False, missing=missing)
    return None


async def transition(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, body: TransitionCreate
) -> Project:
    project = await get_visible(session, principal, project_id)
    scope.check_can_edit(principal, project)
    current = Stage(project.stage)
    if body.expected_stage != current:
        raise Conflict(
            f"项目当前处于“{current.label}”，不是“{body.expected_stage.label}”，请刷新后重试",
            code="stage_conflict",
            extra={"current_stage": current.value},
        )
    targets = dict(allowed_targets(project))
    if body.to_stage not in targets:
        allowed = [s.value for s in targets]
        names = "、".join(s.label for s in targets) or "无（项目已终止）"
        raise Conflict(
            f"不能从“{current.label}”转到“{body.to_stage.label}”；可去往：{names}",
            code="illegal_transition",
            extra={"allowed": allowed},
        )
    kind = targets[body.to_stage]
    if not _may_take(principal, project, kind):
        lead.check_evaluates(principal, "推进至项目接洽")
    if kind in ("back", "exit") and not body.reason:
        raise Unprocessable(
            "回退、暂缓或终止须说明原因",
            code="reason_required",
            errors=[{"loc": ["body", "reason"], "msg": "必填", "type": "missing"}],
        )
    gate_fields = body.model_dump(
        include={
            "signed_date",
            "signed_amount",
            "agreement_type",
            "started_date",
            "production_date",
        },
        exclude_none=True,
    )
    check_amounts(project.planned_investment, gate_fields.get("signed_amount"))
    if kind == "forward":
        missing = await gate_gaps(session, project, body.to_stage, gate_fields)
        if missing:
            raise AppError(
                "尚不满足进入“{}”的条件：{}".format(body.to_stage.label, "；".join(missing)),
                code="gate_not_met",
                status=422,
                extra={"missing": missing},
            )

    before = snapshot(project)
    for field, value in gate_fields.items():
        setattr(project, field, value)
    now = utcnow()
    if body.to_stage == Stage.shelved:
        project.stage_before_shelved = current.value
    elif current == Stage.shelved:
        project.stage_before_shelved = None
    project.stage = body.to_stage.value
    project.stage_entered_at = now
    project.last_activity_at = now
    session.add(
        StageChange(
            project_id=project.id,
            from_stage=current.value,
            to_stage=body.to_stage.value,
            reason=body.reason,
            actor_id=principal.user.id if principal.user else None,
            actor_name=principal.display_name,
            occurred_at=now,
        )
    )
    await session.flush()
    await events.emit(
        session,
        ProjectStageChanged(
            actor=principal,
            object_id=project.id,
            before=before,
            after=snapshot(project),
            from_stage=current,
            to_stage=body.to_stage,
            reason=body.reason,
        ),
    )
    return project


async def history(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Sequence[StageChange]:
    await get_visible(session, principal, project_id)
    stmt = (
        select(StageChange)
        .where(col(StageChange.project_id) == project_id)
        .order_by(col(StageChange.occurred_at), col(StageChange.id))
    )
    return (await session.execute(stmt)).scalars().all()


async def approve(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, opinion: str
) -> ProjectApproval:
    project = await get_visible(session, principal, project_id)
    if project.stage != Stage.review:
        raise Conflict("只有处于“审核”阶段的项目可以审核通过", code="not_in_review")
    assert principal.user is not None
    approval = ProjectApproval(
        project_id=project.id,
        opinion=opinion,
        approved_by_id=principal.user.id,
        approver_name=principal.user.full_name,
    )
    await add_record(session, project, approval)
    await events.emit(
        session,
        ProjectApproved(
            actor=principal, object_id=project.id, after=snapshot(approval), record_id=approval.id
        ),
    )
    return approval


async def approvals(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Sequence[ProjectApproval]:
    await get_visible(session, principal, project_id)
    stmt = (
        select(ProjectApproval)
        .where(col(ProjectApproval.project_id) == project_id)
        .order_by(col(ProjectApproval.approved_at))
    )
    return (await session.execute(stmt)).scalars().all()
