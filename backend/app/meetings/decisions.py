"""议定事项: recorded on a meeting, carried out by a responsible unit (with co-units), followed
up with dated progress, turned into tickets (交办) in one step, done when its tickets are."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.audit import service as audit
from app.core.calendar import business_today
from app.core.concurrency import check_version
from app.core.config import Settings
from app.core.errors import Conflict, Forbidden, NotFound, Unprocessable, field_error
from app.core.pagination import PageParams, SortKey, paginate
from app.core.principal import Principal
from app.core.sequences import next_value
from app.core.time import utcnow
from app.meetings import followup, scope
from app.meetings.schemas import (
    DecisionCreate,
    DecisionRead,
    DecisionTicketRead,
    DecisionTicketsCreate,
    DecisionTransition,
    DecisionUpdateBody,
    ProgressCreate,
    ProjectBrief,
)
from app.meetings.service import check_units, is_overdue, unit_briefs
from app.meetings.service import load as load_meeting
from app.models import (
    Decision,
    DecisionProject,
    DecisionUnit,
    DecisionUpdate,
    Meeting,
    Project,
    Ticket,
    Unit,
)
from app.models.enums import (
    DecisionState,
    DecisionUpdateKind,
    MeetingKind,
    NotificationKind,
    TicketSource,
    TicketState,
    UnitKind,
)
from app.models.meeting import DECISION_OPEN
from app.notifications import service as notifications
from app.tickets import lifecycle
from app.tickets import service as tickets
from app.tickets.schemas import TicketCreate, TicketTransition
from app.tickets.service import is_overdue as ticket_overdue
from app.units import service as unit_service
from app.units.schemas import UnitBrief

# Decisions without a deadline sort after every dated one.
NO_DUE_DATE = date(9999, 12, 31)
SORTS: dict[str, Any] = {
    "created_at": Decision.created_at,
    "updated_at": Decision.updated_at,
    "code": Decision.code,
    "due_date": SortKey(
        func.coalesce(col(Decision.due_date), NO_DUE_DATE),
        lambda decision: decision.due_date or NO_DUE_DATE,
        Decision.due_date,
    ),
}
FINAL_TICKET_STATES = {TicketState.closed.value, TicketState.cancelled.value}
ROWS: Any = select(Decision, Meeting).join(Meeting, col(Meeting.id) == col(Decision.meeting_id))


@dataclass
class DecisionFilter:
    meeting_id: uuid.UUID | None = None
    kind: list[MeetingKind] | None = None
    chair_id: uuid.UUID | None = None
    meeting_from: datetime | None = None
    meeting_before: datetime | None = None
    state: list[DecisionState] | None = None
    unit_id: uuid.UUID | None = None
    project_id: uuid.UUID | None = None
    overdue: bool | None = None
    due_before: date | None = None
    mine: bool | None = None
    q: str | None = None
    updated_after: datetime | None = None


async def load(
    session: AsyncSession, principal: Principal, decision_id: uuid.UUID, *, lock: bool = False
) -> tuple[Decision, Meeting]:
    stmt = ROWS.where(col(Decision.id) == decision_id, scope.decision_condition(principal))
    if lock:
        stmt = stmt.with_for_update(of=Decision)
    row = (await session.execute(stmt)).one_or_none()
    if row is None:
        raise NotFound("议定事项不存在")
    return row[0], row[1]


async def _links(
    session: AsyncSession, ids: Sequence[uuid.UUID]
) -> tuple[dict[uuid.UUID, list[uuid.UUID]], dict[uuid.UUID, list[ProjectBrief]]]:
    units: dict[uuid.UUID, list[uuid.UUID]] = {i: [] for i in ids}
    projects: dict[uuid.UUID, list[ProjectBrief]] = {i: [] for i in ids}
    if ids:
        for du in (
            await session.execute(
                select(DecisionUnit).where(col(DecisionUnit.decision_id).in_(ids))
            )
        ).scalars():
            units[du.decision_id].append(du.unit_id)
        stmt = (
            select(
                col(DecisionProject.decision_id),
                col(Project.id),
                col(Project.code),
                col(Project.name),
            )
            .join(Project, col(Project.id) == col(DecisionProject.project_id))
            .where(col(DecisionProject.decision_id).in_(ids))
            .order_by(col(Project.code))
        )
        for decision_id, pid, code, name in (await session.execute(stmt)).all():
            projects[decision_id].append(ProjectBrief(id=pid, code=code, name=name))
    return units, projects


async def _tickets(
    session: AsyncSession, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Ticket]]:
    result: dict[uuid.UUID, list[Ticket]] = {i: [] for i in ids}
    if ids:
        stmt = select(Ticket).where(col(Ticket.decision_id).in_(ids)).order_by(col(Ticket.code))
        for t in (await session.execute(stmt)).scalars():
            assert t.decision_id is not None
            result[t.decision_id].append(t)
    return result


async def _latest_progress(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    latest = (
        select(
            col(DecisionUpdate.decision_id), func.max(col(DecisionUpdate.occurred_at)).label("at")
        )
        .where(
            col(DecisionUpdate.decision_id).in_(ids),
            col(DecisionUpdate.kind) != DecisionUpdateKind.transition.value,
        )
        .group_by(col(DecisionUpdate.decision_id))
        .subquery()
    )
    stmt = select(col(DecisionUpdate.decision_id), col(DecisionUpdate.note)).join(
        latest,
        (latest.c.decision_id == col(DecisionUpdate.decision_id))
        & (latest.c.at == col(DecisionUpdate.occurred_at)),
    )
    return {d: note for d, note in (await session.execute(stmt)).all()}


async def to_reads(
    session: AsyncSession, principal: Principal, rows: Sequence[tuple[Decision, Meeting]]
) -> list[DecisionRead]:
    ids = [d.id for d, _ in rows]
    names = await unit_service.names(session)
    units, projects = await _links(session, ids)
    tickets = await _tickets(session, ids)
    progress = await _latest_progress(session, ids)
    departments = await unit_service.department_ids(session)
    today = business_today()
    reads = []
    for d, m in rows:
        ts = tickets[d.id]
        open_tickets = sum(1 for t in ts if t.state not in FINAL_TICKET_STATES)
        busy = {t.lead_department_id for t in ts if t.state not in FINAL_TICKET_STATES}
        assignable = bool(projects[d.id]) and any(
            u in departments and u not in busy for u in (d.responsible_unit_id, *units[d.id])
        )
        reads.append(
            DecisionRead(
                **d.model_dump(exclude={"responsible_unit_id", "created_by_id"}),
                meeting_title=m.title,
                meeting_kind=m.kind,
                responsible_unit=UnitBrief(
                    id=d.responsible_unit_id, name=names.get(d.responsible_unit_id, "")
                ),
                co_units=unit_briefs(names, units[d.id]),
                projects=projects[d.id],
                is_overdue=is_overdue(d, today),
                tickets=[
                    DecisionTicketRead(
                        id=t.id,
                        code=t.code,
                        state=t.state,
                        lead_department=UnitBrief(
                            id=t.lead_department_id, name=names.get(t.lead_department_id, "")
                        )
                        if t.lead_department_id
                        else None,
                        due_date=t.due_date,
                        is_overdue=ticket_overdue(t, today),
                    )
                    for t in ts
                ],
                tickets_closed=len(ts) - open_tickets,
                latest_progress=progress.get(d.id),
                actions=scope.decision_actions(
                    principal, d, m, units[d.id], open_tickets, assignable
                ),
            )
        )
    return reads


async def read(session: AsyncSession, principal: Principal, decision_id: uuid.UUID) -> DecisionRead:
    return (await to_reads(session, principal, [await load(session, principal, decision_id)]))[0]


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
    await _set_links(
        session,
        decision,
        list(dict.fromkeys(body.co_unit_ids)),
        list(dict.fromkeys(body.project_ids)),
    )
    await session.flush()
    await notifications.notify_about(
        session,
        NotificationKind.decision_assigned,
        f"{decision.code} {meeting.title}",
        decision.text,
        f"/decisions/{decision.id}",
        units=[decision.responsible_unit_id, *body.co_unit_ids],
        exclude=principal.user.id if principal.user else None,
    )
    audit.record(
        session,
        action="decision.create",
        object_type="decision",
        object_id=decision.id,
        actor=principal,
        after={
            **(audit.snapshot(decision) or {}),
            "co_unit_ids": [str(u) for u in body.co_unit_ids],
            "project_ids": [str(p) for p in body.project_ids],
        },
    )
    return decision


async def update(
    session: AsyncSession,
    principal: Principal,
    decision_id: uuid.UUID,
    body: DecisionUpdateBody,
    if_match: str | None,
) -> Decision:
    decision, meeting = await load(session, principal, decision_id, lock=True)
    if not scope.manages(principal):
        raise Forbidden()
    if "edit" not in await _actions(session, principal, decision, meeting):
        raise Conflict("纪要已印发或事项已结束，议定事项不能再修改", code="decision_frozen")
    check_version(decision.version, if_match)
    before = audit.snapshot(decision)
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
    co = (
        (await _links(session, [decision.id]))[0][decision.id] if body.co_unit_ids is None else None
    )
    if co is not None and decision.responsible_unit_id in co:
        raise field_error("responsible_unit_id", "责任单位不能同时是配合单位", "invalid_unit")
    await _set_links(
        session,
        decision,
        list(dict.fromkeys(body.co_unit_ids)) if body.co_unit_ids is not None else None,
        list(dict.fromkeys(body.project_ids)) if body.project_ids is not None else None,
    )
    decision.updated_at = utcnow()
    await session.flush()
    audit.record(
        session,
        action="decision.update",
        object_type="decision",
        object_id=decision.id,
        actor=principal,
        before=before,
        after={
            **(audit.snapshot(decision) or {}),
            **{
                k: [str(v) for v in changes[k]]
                for k in ("co_unit_ids", "project_ids")
                if changes.get(k) is not None
            },
        },
    )
    return decision


async def _actions(
    session: AsyncSession, principal: Principal, decision: Decision, meeting: Meeting
) -> list[str]:
    return (await to_reads(session, principal, [(decision, meeting)]))[0].actions


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
    actions = await _actions(session, principal, decision, meeting)
    if target.value not in actions:
        if target == DecisionState.done and (
            scope.manages(principal) or decision.responsible_unit_id == principal.unit_id
        ):
            raise Conflict("还有未办结的交办事项，办结后才能标记完成", code="tickets_open")
        raise Forbidden("这一步不由你办理", code="not_your_step")
    if target == DecisionState.cancelled and not body.note:
        raise field_error("note", "请填写取消原因", "missing")
    before = audit.snapshot(decision)
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
    audit.record(
        session,
        action=f"decision.{target.value}",
        object_type="decision",
        object_id=decision.id,
        actor=principal,
        before=before,
        after=audit.snapshot(decision),
    )
    return decision


async def report(
    session: AsyncSession, principal: Principal, decision_id: uuid.UUID, body: ProgressCreate
) -> DecisionUpdate:
    decision, meeting = await load(session, principal, decision_id, lock=True)
    if "report" not in await _actions(session, principal, decision, meeting):
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
    audit.record(
        session,
        action="decision.report",
        object_type="decision",
        object_id=decision.id,
        actor=principal,
        after=audit.snapshot(row),
    )
    return row


async def updates(
    session: AsyncSession, principal: Principal, decision_id: uuid.UUID
) -> Sequence[DecisionUpdate]:
    decision, _ = await load(session, principal, decision_id)
    stmt = (
        select(DecisionUpdate)
        .where(col(DecisionUpdate.decision_id) == decision.id)
        .order_by(col(DecisionUpdate.occurred_at), col(DecisionUpdate.id))
    )
    return (await session.execute(stmt)).scalars().all()


async def to_tickets(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    decision_id: uuid.UUID,
    body: DecisionTicketsCreate,
) -> list[Ticket]:
    """转交办: one ticket per department, each assigned with its 交办函 and due by the decision's
    deadline (or the urgency's working days when it has none), linked back to the decision."""
    decision, meeting = await load(session, principal, decision_id, lock=True)
    if not scope.manages(principal):
        raise Forbidden()
    if decision.state not in {s.value for s in scope.OPEN_STATES}:
        raise Conflict("议定事项已结束，不能再转交办", code="decision_closed")
    co, projects = await _links(session, [decision.id])
    project_ids = [p.id for p in projects[decision.id]]
    if not project_ids:
        raise Unprocessable("议定事项未关联项目，不能转交办；请先关联相关项目", code="no_project")
    project_id = body.project_id or (project_ids[0] if len(project_ids) == 1 else None)
    if project_id is None:
        raise field_error("project_id", "议定事项关联了多个项目，请选择事项所属项目", "missing")
    if project_id not in project_ids:
        raise field_error("project_id", "须为议定事项的相关项目之一", "invalid_project")
    candidates = [decision.responsible_unit_id, *co[decision.id]]
    units = list(dict.fromkeys(body.unit_ids)) if body.unit_ids is not None else candidates
    kinds = {
        u.id: u.kind
        for u in (await session.execute(select(Unit).where(col(Unit.id).in_(units)))).scalars()
    }
    if body.unit_ids is not None:
        if set(units) - set(candidates):
            raise field_error("unit_ids", "须为议定事项的责任单位或配合单位", "invalid_unit")
        if any(kinds.get(u) != UnitKind.department for u in units):
            raise field_error("unit_ids", "交办对象须为职能部门", "invalid_department")
    units = [u for u in units if kinds.get(u) == UnitKind.department]
    if not units:
        raise field_error("unit_ids", "责任单位和配合单位中没有职能部门，无法交办", "no_department")
    already = {
        t.lead_department_id
        for t in (await _tickets(session, [decision.id]))[decision.id]
        if t.state not in FINAL_TICKET_STATES
    }
    if already & set(units):
        raise Conflict("该部门已有本事项未办结的交办单", code="already_assigned")
    today = business_today()
    due = decision.due_date if decision.due_date and decision.due_date > today else None
    created = []
    for unit in units:
        ticket = await tickets.create(
            session,
            principal,
            TicketCreate(
                project_id=project_id,
                category=body.category,
                title=f"{meeting.title}议定事项{decision.seq}",
                description=decision.text,
                urgency=body.urgency,
                source=TicketSource.meeting_decision,
            ),
            decision_id=decision.id,
        )
        await lifecycle.transition(
            session,
            settings,
            principal,
            ticket.id,
            TicketTransition(
                expected_state=TicketState.submitted,
                to_state=TicketState.assigned,
                lead_department_id=unit,
                urgency=body.urgency,
            ),
            due_date=due,
        )
        created.append(ticket)
    await followup.add_update(
        session,
        principal,
        decision,
        DecisionUpdateKind.ticket,
        "转交办：" + "、".join(t.code for t in created),
    )
    await followup.start(session, principal, decision, "已转交办")
    decision.updated_at = utcnow()
    await session.flush()
    audit.record(
        session,
        action="decision.to_tickets",
        object_type="decision",
        object_id=decision.id,
        actor=principal,
        after={"ticket_ids": [str(t.id) for t in created]},
    )
    return created


async def list_decisions(
    session: AsyncSession, principal: Principal, params: PageParams, f: DecisionFilter
) -> tuple[list[DecisionRead], str | None, int | None]:
    today = business_today()
    conditions: list[Any] = [scope.decision_condition(principal)]
    if f.meeting_id:
        conditions.append(col(Decision.meeting_id) == f.meeting_id)
    if f.kind:
        conditions.append(col(Meeting.kind).in_([k.value for k in f.kind]))
    if f.chair_id:
        conditions.append(col(Meeting.chair_id) == f.chair_id)
    if f.meeting_from:
        conditions.append(col(Meeting.starts_at) >= f.meeting_from)
    if f.meeting_before:
        conditions.append(col(Meeting.starts_at) < f.meeting_before)
    if f.state:
        conditions.append(col(Decision.state).in_([s.value for s in f.state]))
    if f.unit_id:
        conditions.append(scope.unit_responsible(f.unit_id))
    if f.project_id:
        linked = select(col(DecisionProject.decision_id)).where(
            col(DecisionProject.project_id) == f.project_id
        )
        conditions.append(col(Decision.id).in_(linked))
    if f.overdue is not None:
        due = col(Decision.due_date)
        overdue = DECISION_OPEN & due.is_not(None) & (due < today)
        # Spelled out for `false`: NOT over a NULL due date would drop those without one.
        conditions.append(
            overdue
            if f.overdue
            else or_(
                col(Decision.state).not_in([s.value for s in scope.OPEN_STATES]),
                due.is_(None),
                due >= today,
            )
        )
    if f.due_before:
        conditions.append(col(Decision.due_date) < f.due_before)
    if f.mine:
        conditions.append(scope.unit_responsible(principal.unit_id))
    if f.q:
        conditions.append(
            col(Decision.text).contains(f.q, autoescape=True)
            | col(Decision.code).contains(f.q, autoescape=True)
        )
    if f.updated_after:
        conditions.append(col(Decision.updated_at) > f.updated_after)
    rows, cursor, total = await paginate(
        session,
        ROWS.where(*conditions),
        params=params,
        sorts=SORTS,
        default_sort="-created_at",
        id_column=Decision.id,
    )
    return await to_reads(session, principal, [(r[0], r[1]) for r in rows]), cursor, total


async def of_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> list[DecisionRead]:
    """The meeting's decisions the caller may see; 404 for a meeting outside their scope."""
    await load_meeting(session, principal, meeting_id)
    stmt = ROWS.where(
        col(Decision.meeting_id) == meeting_id, scope.decision_condition(principal)
    ).order_by(col(Decision.seq))
    rows = (await session.execute(stmt)).all()
    return await to_reads(session, principal, [(r[0], r[1]) for r in rows])
