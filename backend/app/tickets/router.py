import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.attachments.router import attachment_router
from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core import files, xlsx
from app.core.briefs import UnitBrief
from app.core.concurrency import set_etag
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.official_docx import DOCX_MEDIA_TYPE
from app.core.pagination import Page, PageParams, page_params, query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import Letter
from app.models.enums import TicketEventKind
from app.tickets import attachments, excel_export, letters, lifecycle, reads, service
from app.tickets.schemas import (
    EscalationRead,
    LetterRead,
    NoteCreate,
    TicketCreate,
    TicketEventRead,
    TicketFilter,
    TicketRead,
    TicketTransition,
    TodoSummary,
)

router = APIRouter(prefix="/tickets", tags=["tickets"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.tickets_read))]
Raiser = Annotated[Principal, Depends(require(Permission.tickets_raise))]
Supervisor = Annotated[Principal, Depends(require(Permission.tickets_escalate, people_only=True))]
ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": Problem},
    409: {"model": Problem},
    422: {"model": Problem},
}


@router.get("", response_model=Page[TicketRead], summary="服务事项列表")
async def list_tickets(
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
    params: Annotated[PageParams, Depends(page_params)],
    filters: Annotated[TicketFilter, query_model(TicketFilter)],
) -> Page[TicketRead]:
    """Tickets in the caller's scope. Sort keys: `created_at` (default, newest first),
    `updated_at`, `due_date` (soonest first, unassigned last: use it for 待办 so overdue comes
    first). `mine=true` is the caller's 待办."""
    items, cursor, total = await reads.list_tickets(session, principal, settings, params, filters)
    return Page[TicketRead](items=items, next_cursor=cursor, total=total)


@router.get(
    "/export",
    response_class=Response,
    responses=xlsx.responses("服务事项（.xlsx）"),
    summary="导出服务事项",
)
async def export_tickets(
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
    filters: Annotated[TicketFilter, query_model(TicketFilter)],
) -> Response:
    """The ticket list as a workbook: the same filters and scope as `GET /tickets`, every page,
    Chinese headers and labels. At most 50,000 rows (more answers 422 `export_too_large`)."""
    content = await excel_export.export_tickets(session, principal, settings, filters)
    return xlsx.download(content, "服务事项", "tickets")


@router.post(
    "",
    response_model=TicketRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="提出服务事项",
)
async def create_ticket(
    body: TicketCreate,
    principal: Raiser,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> TicketRead:
    """Raises a ticket on a project of the caller's unit (the coordinator: any project). It
    starts `submitted` (待交办) and the coordinators are notified."""
    ticket = await service.create(session, principal, body)
    response.headers["Location"] = f"/api/v1/tickets/{ticket.id}"
    set_etag(response, ticket.version)
    return await reads.read(session, principal, settings, ticket.id)


@router.get("/todo-summary", response_model=TodoSummary, summary="待办统计")
async def ticket_todo_summary(
    principal: Reader, session: SessionDep, settings: SettingsDep
) -> TodoSummary:
    """Counts for the 待办 page; each equals the `total` of the list with the same filters
    (`mine=true`, plus `overdue=true` or `due_soon=true`)."""
    return TodoSummary(**await reads.todo_summary(session, principal, settings))


@router.get(
    "/{ticket_id:uuid}",
    response_model=TicketRead,
    responses={404: {"model": Problem}},
    summary="事项详情",
)
async def read_ticket(
    ticket_id: uuid.UUID,
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> TicketRead:
    ticket = await reads.read(session, principal, settings, ticket_id)
    set_etag(response, ticket.version)
    return ticket


@router.post(
    "/{ticket_id:uuid}/transitions",
    response_model=TicketRead,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 403: {"model": Problem}},
    summary="办理（状态流转）",
)
async def transition_ticket(
    ticket_id: uuid.UUID,
    body: TicketTransition,
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> TicketRead:
    """Moves the ticket to `to_state` if it is still in `expected_state` (else 409
    `state_changed`). An illegal move answers 409 `illegal_transition` with `allowed`, the states
    this caller may choose; a legal move that is someone else's step answers 403. Assigning
    (`assigned`) needs `lead_department_id`, computes the due date in working days and issues
    the 交办函; `resolved` needs the result in `note`; from `resolved`, `in_progress` returns
    the ticket (reason in `note`) and `closed` needs `satisfaction`."""
    ticket, project, co = await lifecycle.transition(session, settings, principal, ticket_id, body)
    response.headers["Location"] = f"/api/v1/tickets/{ticket.id}/timeline"
    set_etag(response, ticket.version)
    return reads.to_read(principal, await reads.context(session, settings), ticket, project, co)


@router.get(
    "/{ticket_id:uuid}/timeline",
    response_model=list[TicketEventRead],
    responses={404: {"model": Problem}},
    summary="办理过程",
)
async def ticket_timeline(
    ticket_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[TicketEventRead]:
    """Every step, comment, 催办, 批示 and 督办, oldest first."""
    events = await reads.timeline(session, principal, ticket_id)
    return [TicketEventRead.model_validate(e) for e in events]


async def _note(
    session: SessionDep,
    principal: Principal,
    ticket_id: uuid.UUID,
    kind: TicketEventKind,
    body: NoteCreate,
    response: Response,
) -> TicketEventRead:
    event = await service.add_note(session, principal, ticket_id, kind, body.text)
    response.headers["Location"] = f"/api/v1/tickets/{ticket_id}/timeline"
    return TicketEventRead.model_validate(event)


@router.post(
    "/{ticket_id:uuid}/comments",
    response_model=TicketEventRead,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 403: {"model": Problem}},
    summary="留言",
)
async def comment_ticket(
    ticket_id: uuid.UUID,
    body: NoteCreate,
    principal: Reader,
    session: SessionDep,
    response: Response,
) -> TicketEventRead:
    return await _note(session, principal, ticket_id, TicketEventKind.comment, body, response)


@router.post(
    "/{ticket_id:uuid}/nudges",
    response_model=TicketEventRead,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 403: {"model": Problem}},
    summary="催办",
)
async def nudge_ticket(
    ticket_id: uuid.UUID,
    body: NoteCreate,
    principal: Supervisor,
    session: SessionDep,
    response: Response,
) -> TicketEventRead:
    """A recorded reminder to the handling departments before (or after) the due date."""
    return await _note(session, principal, ticket_id, TicketEventKind.nudge, body, response)


@router.post(
    "/{ticket_id:uuid}/instructions",
    response_model=TicketEventRead,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 403: {"model": Problem}},
    summary="领导批示",
)
async def instruct_ticket(
    ticket_id: uuid.UUID,
    body: NoteCreate,
    principal: Annotated[
        Principal, Depends(require(Permission.tickets_instruct, people_only=True))
    ],
    session: SessionDep,
    response: Response,
) -> TicketEventRead:
    """批示 by the leader of the ticket's project; the handling departments are notified."""
    return await _note(session, principal, ticket_id, TicketEventKind.instruction, body, response)


@router.get(
    "/{ticket_id:uuid}/escalations",
    response_model=list[EscalationRead],
    responses={404: {"model": Problem}},
    summary="督办记录",
)
async def list_ticket_escalations(
    ticket_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[EscalationRead]:
    return await reads.escalation_reads(session, principal, ticket_id)


def _letter_read(letter: Letter, unit_name: str) -> LetterRead:
    return LetterRead(
        id=letter.id,
        kind=letter.kind,
        number=letter.number,
        title=letter.title,
        recipient_unit=UnitBrief(id=letter.recipient_unit_id, name=unit_name),
        deadline=letter.deadline,
        issued_on=letter.issued_on,
        download_url=f"/api/v1/tickets/{letter.ticket_id}/letters/{letter.id}/docx",
    )


@router.get(
    "/{ticket_id:uuid}/letters",
    response_model=list[LetterRead],
    responses={404: {"model": Problem}},
    summary="交办函和督办函",
)
async def list_ticket_letters(
    ticket_id: uuid.UUID, principal: Reader, session: SessionDep, settings: SettingsDep
) -> list[LetterRead]:
    found = await letters.for_ticket(session, principal, ticket_id)
    ctx = await reads.context(session, settings)
    return [
        _letter_read(letter, ctx.unit_names.get(letter.recipient_unit_id, "")) for letter in found
    ]


@router.get(
    "/{ticket_id:uuid}/letters/{letter_id:uuid}/docx",
    response_class=Response,
    responses={200: {"content": {DOCX_MEDIA_TYPE: {}}}, 404: {"model": Problem}},
    summary="下载文书（Word）",
)
async def download_ticket_letter(
    ticket_id: uuid.UUID,
    letter_id: uuid.UUID,
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """The letter as a Word document in official layout, generated from its record."""
    letter = await letters.get(session, principal, ticket_id, letter_id)
    data = await letters.render(session, settings, letter)
    return files.download(data, DOCX_MEDIA_TYPE, f"{letter.number}.docx", "letter.docx")


router.include_router(
    attachment_router(
        attachments.TICKET_FILES,
        reader=require(Permission.tickets_read),
        uploader=require(Permission.tickets_read),
    )
)
