import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.auth.dependencies import CurrentUser, SessionDep
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import Page, PageParams, page_params, query_model
from app.notifications import service
from app.notifications.schemas import NotificationFilter, NotificationRead, UnreadCount

router = APIRouter(prefix="/notifications", tags=["notifications"], route_class=IdempotentRoute)


def _user_id(principal: CurrentUser) -> uuid.UUID:
    assert principal.user is not None
    return principal.user.id


@router.get("", response_model=Page[NotificationRead], summary="我的通知")
async def list_notifications(
    principal: CurrentUser,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    filters: Annotated[NotificationFilter, query_model(NotificationFilter)],
) -> Page[NotificationRead]:
    """The signed-in person's notifications (never another's), newest first; `link` opens the
    ticket, decision or meeting it is about."""
    rows, cursor, total = await service.list_mine(session, _user_id(principal), params, filters)
    return Page[NotificationRead](
        items=[NotificationRead.model_validate(r) for r in rows], next_cursor=cursor, total=total
    )


@router.get("/unread-count", response_model=UnreadCount, summary="未读通知数")
async def count_unread_notifications(principal: CurrentUser, session: SessionDep) -> UnreadCount:
    return UnreadCount(unread=await service.unread_count(session, _user_id(principal)))


@router.post(
    "/read-all",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="全部标为已读",
)
async def read_all_notifications(principal: CurrentUser, session: SessionDep) -> Response:
    await service.mark_read(session, _user_id(principal), None)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{notification_id:uuid}/read",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"model": Problem}},
    summary="标为已读",
)
async def read_notification(
    notification_id: uuid.UUID, principal: CurrentUser, session: SessionDep
) -> Response:
    """Marks one of the caller's notifications read (again is fine); another's answers 404."""
    await service.mark_one_read(session, _user_id(principal), notification_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
