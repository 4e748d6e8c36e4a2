import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.audit import service
from app.audit.schemas import AuditEventRead
from app.auth.dependencies import SessionDep, require
from app.core.errors import Problem
from app.core.pagination import Page, PageParams, page_params
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.schemas import Text

router = APIRouter(prefix="/audit-events", tags=["audit"])

Auditor = Annotated[Principal, Depends(require(Permission.audit_read, people_only=True))]


@router.get(
    "",
    response_model=Page[AuditEventRead],
    responses={401: {"model": Problem}, 403: {"model": Problem}, 422: {"model": Problem}},
    summary="审计日志",
)
async def list_audit_events(
    principal: Auditor,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    action: Annotated[Text | None, Query(max_length=64, description="按动作筛选")] = None,
    object_type: Annotated[Text | None, Query(max_length=40, description="按对象类型筛选")] = None,
    object_id: Annotated[Text | None, Query(max_length=64, description="按对象编号筛选")] = None,
    actor_id: Annotated[uuid.UUID | None, Query(description="按操作人筛选")] = None,
) -> Page[AuditEventRead]:
    """Newest first (`-occurred_at`). Read-only: the trail cannot be changed through any route.
    `before`/`after` of a business object (project, ticket, meeting, decision, review round)
    are shown only to a reader who may see that object, redacted as the object is."""
    items, cursor, total = await service.list_events(
        session,
        principal,
        params,
        action=action,
        object_type=object_type,
        object_id=object_id,
        actor_id=actor_id,
    )
    return Page[AuditEventRead](items=items, next_cursor=cursor, total=total)
