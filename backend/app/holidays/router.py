from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core.calendar import business_today
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.schemas import Day, QueryInt
from app.holidays import service
from app.holidays.schemas import DueDatePreview, OverridePut, OverrideRead
from app.models.enums import Urgency

router = APIRouter(prefix="/calendar", tags=["calendar"], route_class=IdempotentRoute)

Anyone = Annotated[Principal, Depends(require())]
Admin = Annotated[Principal, Depends(require(Permission.calendar_write, people_only=True))]


@router.get("/overrides", response_model=list[OverrideRead], summary="节假日调整")
async def list_calendar_overrides(
    principal: Anyone,
    session: SessionDep,
    year: Annotated[QueryInt | None, Query(ge=2000, le=2100, description="年度")] = None,
) -> list[OverrideRead]:
    """Dates that override the published holiday schedule: holidays (`is_working_day=false`)
    and make-up working days (`true`)."""
    return [OverrideRead.model_validate(o) for o in await service.list_overrides(session, year)]


@router.put(
    "/overrides/{day}",
    response_model=OverrideRead,
    responses={422: {"model": Problem}},
    summary="设置节假日调整",
)
async def put_calendar_override(
    day: Day, body: OverridePut, principal: Admin, session: SessionDep
) -> OverrideRead:
    """Creates or replaces the override for one date. Deadlines already set keep their date;
    new deadlines count with the change."""
    row = await service.put_override(session, principal, day, body.is_working_day, body.name)
    return OverrideRead.model_validate(row)


@router.delete(
    "/overrides/{day}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"model": Problem}},
    summary="删除节假日调整",
)
async def delete_calendar_override(day: Day, principal: Admin, session: SessionDep) -> Response:
    await service.delete_override(session, principal, day)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/due-date", response_model=DueDatePreview, summary="计算办理时限")
async def preview_due_date(
    principal: Anyone,
    session: SessionDep,
    settings: SettingsDep,
    urgency: Annotated[Urgency, Query(description="紧急程度，决定工作日数")] = Urgency.normal,
    start: Annotated[Day | None, Query(description="起算日（默认今天）")] = None,
) -> DueDatePreview:
    """The deadline a ticket assigned on `start` with this urgency gets, counting working days
    on the Chinese calendar, with the holidays and weekends it skips."""
    calendar = await service.load_calendar(session)
    begin = start or business_today()
    days = settings.ticket_days(urgency)
    due, skipped = service.preview(calendar, begin, days)
    return DueDatePreview(
        start=begin,
        working_days=days,
        due_date=due,
        skipped=skipped,
        calendar_known=calendar.knows_year(begin.year) and calendar.knows_year(due.year),
    )
