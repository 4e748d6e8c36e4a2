"""议定事项: recorded on a meeting, carried out by a responsible unit (with co-units), followed
up with dated progress, turned into tickets (交办, in decision_tickets) in one step, done when
its tickets are. Reads and lists are in decision_reads."""

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.calendar import business_today
from app.core.concurrency import Precondition
from app.core.errors import Conflict, Forbidden, field_error
from app.core.events import snapshot
from app.core.principal import Principal
from app.core.sequences import next_value
from app.core.time import utcnow
from app.meetings import followup, scope
from app.meetings.decision_reads import actions_of, links_of, load
from app.meetings.events import (
    DecisionCreated,
    DecisionProgressReported,
    DecisionTransitioned,
    DecisionUpdated,
)
from app.meetings.meeting_reads import load as load_meeting
from app.meetings.schemas import (
    DecisionCreate,
    DecisionTransition,
    DecisionUpdateBody,
    ProgressCreate,
)
from app.meetings.service import check_units
from app.models import Decision, DecisionProject, DecisionUnit, DecisionUpdate, Project
from app.models.enums import DecisionState, DecisionUpdateKind


async def _check_projects(session: AsyncSession, ids: Sequence[uuid.UUID]) -> None:
    if not ids:
        return
    found = await session.execute(select(col(Project.id)).where(col(Project.id).in_(ids)))
    if set(ids) - set(found.scalars()):
        raise field_error("project_ids", "项目不存在", "invalid_project")


async def _set_links(
    session: AsyncSession,
    decision: Decision,
    co_units: list[uuid.UUID] | None,
    project_ids: list[uuid.UUID] | None,
) -> None:
    if co_units is not None:
        if decision.responsible_unit_id in co_units:
            raise field_error("co_unit_ids", "配合单位不能与责任单位相同", "invalid_unit")
        await check_units(session, co_units, "co_unit_ids")
        await session.execute(
            delete(DecisionUnit).where(col(DecisionUnit.decision_id) == decision.id)
        )
        session.add_all(DecisionUnit(decision_id=decision.id, unit_id=u) for u in co_units)
    if project_ids is not None:
        await _check_projects(session, project_ids)
        await session.execute(
            delete(DecisionProject).where(col(DecisionProject.decision_id) == decision.id)
        )
        session.add_all(DecisionProject(decision_id=decision.id, project_id=p) for p in project_ids)


async def create(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, body: DecisionCreate
) -> Decision:
    meeting = await load_meeting(session, principal, meeting_id, lock=True)
    if "add_decision" not in scope.meeting_actions(principal, meeting):
        if not scope.manages(principal):
            raise Forbidden()
        raise Conflict("纪要已印发，不能再增加议定事项", code="meeting_frozen")
    await check_units(session, [body.responsible_unit_id], "responsible_unit_id")
    seq = (
        await session.execute(
            select(func.coalesce(func.max(col(Decision.seq)), 0)).where(
                col(Decision.meeting_id) == meeting.id
            )
        )
    ).scalar_one() + 1
    year = business_today().year
    number = await next_value(session, "decision", year)
    decision = Decision(
        code=f"YD-{year}-{number:04d}",
        meeting_id=meeting.id,
        seq=seq,
        text=body.text,
        responsible_unit_id=body.responsible_unit_id,
        due_date=body.due_date,
        created_by_id=principal.user.id if principal.user else None,
    )
    session.add(decision)
    await session.flush()
    co_units = list(dict.fromkeys(body.co_unit_ids))
    project_ids = list(dict.fromkeys(body.project_ids))
    await _set_links(session, decision, co_units, project_ids)
    await session.flush()
    await events.emit(
        session,
        DecisionCreated(
            actor=principal,
            object_id=decision.id,
            after={
                **(snapshot(decision) or {}),
                "co_unit_ids": [str(u) for u in body.co_unit_ids],
                "project_ids": [str(p) for p in body.project_ids],
            },
            code=decision.code,
            meeting_id=meeting.id,
            meeting_title=meeting.title,
            text=decision.text,
            responsible_unit_id=decision.responsible_unit_id,
            co_unit_ids=tuple(co_units),
            project_ids=tuple(project_ids),
        ),
    )
    return decision


async def update(
    session: AsyncSession,
    principal: Principal,
    decision_id: uuid.UUID,
    body: DecisionUpdateBody,
    precondition: Precondition,
) -> Decision:
    decision, meeting = await load(session, principal, decision_id, lock=True)
    if not scope.manages(principal):
        raise Forbidden()
    # 428/412 before the decision's state is told (409).
    precondition.check(decision.version)
    if "edit" not in await actions_of(session, principal, decision, meeting):
        raise Conflict("纪要已印发或事项已结束，议定事项不能再修改", code="decision_frozen")
    before = snapshot(decision)
    changes = body.model_dump(exclude_unset=True)
    for name in ("text", "responsible_unit_id"):
        if name in changes and changes[name] is None:
            raise field_error(name, "不能为空", "missing")
    if body.responsible_unit_id is not None:
        await check_units(session, [body.responsible_unit_id], "responsible_unit_id")
    if "due_date" in changes and changes["due_date"] != decision.due_date:
        decision.due_soon_notified = decision.overdue_notified = False  # remind for the new date
    for name in ("text", "responsible_unit_id", "due_date"):
        if name in changes:
            setattr(decision, name, changes[name])
    co_given = list(dict.fromkeys(body.co_unit_ids)) if body.co_unit_ids is not None else None
    projects_given = list(dict.fromkeys(body.project_ids)) if body.project_ids is not None else None
    # The links as they stand after the change, for the decision's concern.
    co, project_ids = co_given or [], projects_given or []
    if co_given is None or projects_given is None:
        linked_units, linked_projects = await links_of(session, [decision.id])
        if co_given is None:
            co = linked_units[decision.id]
        if projects_given is None:
            project_ids = [p.id for p in linked_projects[decision.id]]
    if co_given is None and decision.responsible_unit_id in co:
        raise field_error("responsible_unit_id", "责任单位不能同时是配合单位", "invalid_unit")
    await _set_links(session, decision, co_given, projects_given)
    decision.updated_at = utcnow()
    await session.flush()
    await events.emit(
        session,
        DecisionUpdated(
            actor=principal,
            object_id=decision.id,
            before=before,
            after={
                **(snapshot(decision) or {}),
                **{
                    k: [str(v) for v in changes[k]]
                    for k in ("co_unit_ids", "project_ids")
                    if changes.get(k) is not None
                },
            },
            code=decision.code,
            meeting_id=decision.meeting_id,
            responsible_unit_id=decision.responsible_unit_id,
            co_unit_ids=tuple(co),
            project_ids=tuple(project_ids),
            relinked=any(
                changes.get(k) is not None
                for k in ("responsible_unit_id", "co_unit_ids", "project_ids")
            ),
        ),
    )
    return decision


async def transition(
    session: AsyncSession, principal: Principal, decision_id: uuid.UUID, body: DecisionTransition
) -> Decision:
    decision, meeting = await load(session, principal, decision_id, lock=True)
    current, target = DecisionState(decision.state), body.to_state
    if body.expected_state != current:
        raise Conflict(
            f"议定事项状态已变为“{current.label}”，请刷新后重试",
            code="state_changed",
            extra={"current_state": current.value},
        )
    allowed = {
        DecisionState.open: {
            DecisionState.in_progress,
            DecisionState.done,
            DecisionState.cancelled,
        },
        DecisionState.in_progress: {DecisionState.done, DecisionState.cancelled},
    }.get(current, set())
    if target not in allowed:
        raise Conflict(
            f"“{current.label}”的议定事项不能转为“{target.label}”",
            code="illegal_transition",
            extra={"current_state": current.value},
        )
    actions = await actions_of(session, principal, decision, meeting)
    if target.value not in actions:
        if target == DecisionState.done and (
            scope.manages(principal) or decision.responsible_unit_id == principal.unit_id
        ):
            raise Conflict("还有未办结的交办事项，办结后才能标记完成", code="tickets_open")
        raise Forbidden("这一步不由你办理", code="not_your_step")
    if target == DecisionState.cancelled and not body.note:
        raise field_error("note", "请填写取消原因", "missing")
    before = snapshot(decision)
    decision.state = target.value
    if target == DecisionState.done:
        decision.done_at = utcnow()
    await followup.add_update(
        session,
        principal,
        decision,
        DecisionUpdateKind.transition,
        body.note or f"标记为{target.label}",
        from_state=current.value,
        to_state=target.value,
    )
    await session.flush()
    await events.emit(
        session,
        DecisionTransitioned(
            actor=principal,
            object_id=decision.id,
            before=before,
            after=snapshot(decision),
            code=decision.code,
            meeting_id=decision.meeting_id,
            responsible_unit_id=decision.responsible_unit_id,
            from_state=current,
            to_state=target,
            note=body.note,
        ),
    )
    return decision


async def report(
    session: AsyncSession, principal: Principal, decision_id: uuid.UUID, body: ProgressCreate
) -> DecisionUpdate:
    decision, meeting = await load(session, principal, decision_id, lock=True)
    if "report" not in await actions_of(session, principal, decision, meeting):
        if decision.state in (DecisionState.done.value, DecisionState.cancelled.value):
            raise Conflict("议定事项已结束，不能再报送进展", code="decision_closed")
        raise Forbidden("只有责任单位、配合单位或招商统筹可以报送进展")
    today = business_today()
    if body.progress_date is not None and body.progress_date > today:
        raise field_error("progress_date", "进展日期不能晚于今天", "future_date")
    row = await followup.add_update(
        session,
        principal,
        decision,
        DecisionUpdateKind.progress,
        body.note,
        progress_date=body.progress_date or today,
    )
    await followup.start(session, principal, decision, "报送进展，开始落实")
    decision.updated_at = utcnow()
    await session.flush()
    await events.emit(
        session,
        DecisionProgressReported(
            actor=principal,
            object_id=decision.id,
            after=snapshot(row),
            code=decision.code,
            meeting_id=decision.meeting_id,
            responsible_unit_id=decision.responsible_unit_id,
            note=body.note,
            progress_date=row.progress_date or today,
        ),
    )
    return row
