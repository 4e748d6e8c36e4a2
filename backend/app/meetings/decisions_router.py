import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core import xlsx
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import Page, PageParams, page_params, query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.meetings import decision_reads, decision_tickets, decisions, excel_export
from app.meetings.schemas import (
    DecisionFilter,
    DecisionRead,
    DecisionTicketsCreate,
    DecisionTransition,
    DecisionUpdateBody,
    DecisionUpdateRead,
    ProgressCreate,
)
from app.tickets import reads as tickets
from app.tickets.schemas import TicketRead

router = APIRouter(prefix="/decisions", tags=["meetings"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.meetings_read))]
Person = Annotated[Principal, Depends(require(Permission.meetings_read, people_only=True))]
Manager = Annotated[Principal, Depends(require(Permission.meetings_write, people_only=True))]
ERRORS: dict[int | str, dict[str, object]] = {
    403: {"model": Problem},
    404: {"model": Problem},
    409: {"model": Problem},
    422: {"model": Problem},
}


@router.get("", response_model=Page[DecisionRead], summary="议定事项跟踪列表")
async def list_decisions(
    principal: Reader,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    filters: Annotated[DecisionFilter, query_model(DecisionFilter)],
) -> Page[DecisionRead]:
    """Decisions in the caller's scope, newest first; `sort=due_date` puts the nearest deadline
    first (undated last), `code` in recording order. `overdue=true` lists those past their
    deadline and not done; `mine=true` those the caller's unit carries out."""
    items, cursor, total = await decision_reads.list_decisions(session, principal, params, filters)
    return Page[DecisionRead](items=items, next_cursor=cursor, total=total)


@router.get(
    "/export",
    response_class=Response,
    responses=xlsx.responses("议定事项（.xlsx）"),
    summary="导出议定事项",
)
async def export_decisions(
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
    filters: Annotated[DecisionFilter, query_model(DecisionFilter)],
) -> Response:
    """The decision list as a workbook: the same filters and scope as `GET /decisions`, every
    page, Chinese headers and labels. At most 50,000 rows (more answers 422
    `export_too_large`)."""
    content = await excel_export.export_decisions(session, principal, settings, filters)
    return xlsx.download(content, "议定事项", "decisions")


@router.get(
    "/{decision_id:uuid}", response_model=DecisionRead, responses=ERRORS, summary="议定事项详情"
)
async def read_decision(
    decision_id: uuid.UUID, principal: Reader, session: SessionDep, response: Response
) -> DecisionRead:
    decision = await decision_reads.read(session, principal, decision_id)
    set_etag(response, decision.version)
    return decision


@router.patch(
    "/{decision_id:uuid}",
    response_model=DecisionRead,
    responses=ERRORS,
    summary="修改议定事项",
)
async def update_decision(
    decision_id: uuid.UUID,
    body: DecisionUpdateBody,
    principal: Manager,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> DecisionRead:
    """Partial update with `If-Match`, while the decision is open and its meeting's minutes
    are not yet published."""
    decision = await decisions.update(session, principal, decision_id, body, precondition)
    set_etag(response, decision.version)
    return await decision_reads.read(session, principal, decision.id)


@router.post(
    "/{decision_id:uuid}/transitions",
    response_model=DecisionRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="议定事项状态变更",
)
async def transition_decision(
    decision_id: uuid.UUID,
    body: DecisionTransition,
    principal: Person,
    session: SessionDep,
    response: Response,
) -> DecisionRead:
    """`open` → `in_progress` (the responsible unit starts), → `done` (the coordinator or the
    responsible unit; 409 `tickets_open` while a ticket it created is not closed), →
    `cancelled` (the coordinator, with a reason)."""
    decision = await decisions.transition(session, principal, decision_id, body)
    set_etag(response, decision.version)
    return await decision_reads.read(session, principal, decision.id)


@router.get(
    "/{decision_id:uuid}/updates",
    response_model=list[DecisionUpdateRead],
    responses={404: {"model": Problem}},
    summary="议定事项跟踪记录",
)
async def list_decision_updates(
    decision_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[DecisionUpdateRead]:
    """Progress reports, state changes and what its tickets did, oldest first."""
    rows = await decision_reads.updates(session, principal, decision_id)
    return [DecisionUpdateRead.model_validate(r) for r in rows]


@router.post(
    "/{decision_id:uuid}/updates",
    response_model=DecisionUpdateRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="报送进展",
)
async def report_decision_progress(
    decision_id: uuid.UUID, body: ProgressCreate, principal: Person, session: SessionDep
) -> DecisionUpdateRead:
    """By the responsible unit, a co-unit or the coordinator. The first report moves an open
    decision to `in_progress`."""
    row = await decisions.report(session, principal, decision_id, body)
    return DecisionUpdateRead.model_validate(row)


@router.post(
    "/{decision_id:uuid}/tickets",
    response_model=list[TicketRead],
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="转交办",
)
async def create_decision_tickets(
    decision_id: uuid.UUID,
    body: DecisionTicketsCreate,
    principal: Manager,
    session: SessionDep,
    settings: SettingsDep,
) -> list[TicketRead]:
    """One step: a ticket per department (the responsible unit and co-units that are
    departments, or `unit_ids`), each already assigned (交办) with its numbered 交办函, due by
    the decision's deadline, and linked back to the decision and its meeting. When all of them
    are closed the decision can be marked done."""
    created = await decision_tickets.to_tickets(session, settings, principal, decision_id, body)
    return [await tickets.read(session, principal, settings, t.id) for t in created]
