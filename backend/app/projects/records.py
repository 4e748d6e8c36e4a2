"""Evaluation records (项目评估) and follow-up records (接洽/洽谈记录) on a project."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.errors import Unprocessable
from app.core.events import snapshot
from app.core.principal import Principal
from app.models import Evaluation, FollowUp
from app.projects import lead, scope
from app.projects.events import EvaluationAdded, FollowUpAdded
from app.projects.reads import get_visible
from app.projects.schemas import EvaluationCreate, FollowUpCreate
from app.projects.service import add_record


async def add_evaluation(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, body: EvaluationCreate
) -> Evaluation:
    project = await get_visible(session, principal, project_id)
    scope.check_can_edit(principal, project)
    lead.check_evaluates(principal, "录入评估")
    over = [i for i, item in enumerate(body.items) if item.score > item.max_score]
    if over:
        raise Unprocessable(
            "得分不能超过满分",
            code="validation_error",
            errors=[
                {
                    "loc": ["body", "items", i, "score"],
                    "msg": "得分不能超过满分",
                    "type": "score_too_high",
                }
                for i in over
            ],
        )
    evaluation = Evaluation(
        project_id=project.id,
        items=[item.model_dump() for item in body.items],
        total=sum(item.score for item in body.items),
        conclusion=body.conclusion.value,
        summary=body.summary,
        evaluator_id=principal.user.id if principal.user else None,
        evaluator_name=principal.display_name,
    )
    await add_record(session, project, evaluation)
    await events.emit(
        session,
        EvaluationAdded(
            actor=principal,
            object_id=project.id,
            after=snapshot(evaluation),
            record_id=evaluation.id,
            conclusion=body.conclusion,
        ),
    )
    return evaluation


async def evaluations(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Sequence[Evaluation]:
    await get_visible(session, principal, project_id)
    stmt = (
        select(Evaluation)
        .where(col(Evaluation.project_id) == project_id)
        .order_by(col(Evaluation.created_at).desc())
    )
    return (await session.execute(stmt)).scalars().all()


async def add_follow_up(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, body: FollowUpCreate
) -> FollowUp:
    project = await get_visible(session, principal, project_id)
    scope.check_can_edit(principal, project)
    follow_up = FollowUp(
        project_id=project.id,
        **body.model_dump(),
        created_by_id=principal.user.id if principal.user else None,
        author_name=principal.display_name,
    )
    await add_record(session, project, follow_up)
    await events.emit(
        session,
        FollowUpAdded(
            actor=principal, object_id=project.id, after=snapshot(follow_up), record_id=follow_up.id
        ),
    )
    return follow_up


async def follow_ups(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Sequence[FollowUp]:
    await get_visible(session, principal, project_id)
    stmt = (
        select(FollowUp)
        .where(col(FollowUp.project_id) == project_id)
        .order_by(col(FollowUp.occurred_on).desc(), col(FollowUp.created_at).desc())
    )
    return (await session.execute(stmt)).scalars().all()
