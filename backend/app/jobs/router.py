"""The escalation job's routes: run it now, or 督办 one ticket by hand. They sit under
/tickets with the other ticket routes, and here because the job is above the tickets domain."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core.briefs import UnitBrief
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.metrics import Metrics
from app.core.permissions import Permission
from app.core.principal import Principal
from app.jobs import escalation
from app.tickets import reads
from app.tickets.schemas import (
    EscalationCreate,
    EscalationPreview,
    EscalationRead,
    EscalationRunRead,
)

router = APIRouter(prefix="/tickets", tags=["tickets"], route_class=IdempotentRoute)

Supervisor = Annotated[Principal, Depends(require(Permission.tickets_escalate, people_only=True))]


@router.post(
    "/escalation-runs",
    response_model=EscalationRunRead,
    status_code=status.HTTP_201_CREATED,
    summary="立即执行督办检查",
)
async def run_escalation(
    principal: Supervisor, session: SessionDep, settings: SettingsDep, request: Request
) -> EscalationRunRead:
    """Runs the scheduled escalation job now (it also runs on its own every
    `ESCALATION_INTERVAL_SECONDS`): escalates late tickets, reminds handlers of tickets coming
    due, and reminds the units carrying out meeting decisions that come due within
    `DECISION_DUE_SOON_DAYS` working days or are overdue (coordinators hear of overdue ones
    too), and reminds the chair and units of a meeting held by the next working day. Running
    it again the same day changes nothing more."""
    metrics: Metrics = request.app.state.metrics
    result = await escalation.measured(metrics, session, settings, principal)
    return EscalationRunRead(
        escalated=result.escalated,
        due_soon_notified=result.due_soon_notified,
        decisions_reminded=result.decisions_reminded,
        meetings_reminded=result.meetings_reminded,
        ran=result.ran,
    )


@router.get(
    "/{ticket_id:uuid}/escalations/preview",
    response_model=EscalationPreview,
    responses={404: {"model": Problem}, 403: {"model": Problem}, 409: {"model": Problem}},
    summary="督办预览",
)
async def preview_escalation(
    ticket_id: uuid.UUID, principal: Supervisor, session: SessionDep, settings: SettingsDep
) -> EscalationPreview:
    """What 人工督办 now would issue: the level (1 督办函, 2 通报), the letter's number and its
    deadline. The number is the one the letter gets unless another letter of the same kind
    is issued first; send `expected_level` with the 督办 so a changed level is refused."""
    found = await escalation.preview(session, settings, principal, ticket_id)
    return EscalationPreview(
        current_level=found.current_level,
        level=found.level,
        letter_kind=found.kind,
        letter_number=found.letter_number,
        deadline=found.deadline,
        department=UnitBrief(id=found.department_id, name=found.department_name),
    )


@router.post(
    "/{ticket_id:uuid}/escalations",
    response_model=EscalationRead,
    status_code=status.HTTP_201_CREATED,
    responses={
        404: {"model": Problem},
        409: {"model": Problem},
        422: {"model": Problem},
        403: {"model": Problem},
    },
    summary="人工督办",
)
async def escalate_ticket(
    ticket_id: uuid.UUID,
    body: EscalationCreate,
    principal: Supervisor,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> EscalationRead:
    """Raises an assigned, accepted or in-progress ticket one level (督办函, then 通报)."""
    await escalation.escalate_by_hand(
        session, settings, principal, ticket_id, body.reason, body.expected_level
    )
    response.headers["Location"] = f"/api/v1/tickets/{ticket_id}/escalations"
    return (await reads.escalation_reads(session, principal, ticket_id))[-1]
