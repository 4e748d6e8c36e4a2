from typing import Annotated

from fastapi import APIRouter, Depends, Response

from app.audit import excel_export, service
from app.audit.schemas import AuditEventFilter, AuditEventRead, AuditVerification
from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core import xlsx
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import Page, PageParams, page_params, query_model
from app.core.permissions import Permission
from app.core.principal import Principal

router = APIRouter(prefix="/audit-events", tags=["audit"], route_class=IdempotentRoute)

Auditor = Annotated[Principal, Depends(require(Permission.audit_read, people_only=True))]
Verifier = Annotated[Principal, Depends(require(Permission.audit_verify, people_only=True))]


@router.get(
    "",
    response_model=Page[AuditEventRead],
    responses={401: {"model": Problem}, 403: {"model": Problem}, 422: {"model": Problem}},
    summary="审计日志",
)
async def list_audit_events(
    principal: Auditor,
    session: SessionDep,
    filters: Annotated[AuditEventFilter, query_model(AuditEventFilter)],
    params: Annotated[PageParams, Depends(page_params)],
) -> Page[AuditEventRead]:
    """Newest first (`-occurred_at`). Read-only: the trail cannot be changed through any route.
    `before`/`after` of a business object (project, ticket, meeting, decision, review round)
    are shown only to a reader who may see that object, redacted as the object is."""
    items, cursor, total = await service.list_events(session, principal, params, filters)
    return Page[AuditEventRead](items=items, next_cursor=cursor, total=total)


@router.get(
    "/export",
    response_class=Response,
    responses={
        **xlsx.responses("审计日志（.xlsx）"),
        401: {"model": Problem},
        403: {"model": Problem},
    },
    summary="导出审计日志",
)
async def export_audit_events(
    principal: Auditor,
    session: SessionDep,
    settings: SettingsDep,
    filters: Annotated[AuditEventFilter, query_model(AuditEventFilter)],
) -> Response:
    """The trail as a workbook in people's words: the same filters as `GET /audit-events`, each
    row with the actor's name and unit, the action and object in Chinese and what changed,
    withheld as the list withholds it. At most 50,000 rows (more answers 422
    `export_too_large`)."""
    content = await excel_export.export_events(session, principal, settings, filters)
    return xlsx.download(content, "审计日志", "audit-log")


@router.get(
    "/verify",
    response_model=AuditVerification,
    responses={401: {"model": Problem}, 403: {"model": Problem}},
    summary="校验审计日志完整性",
)
async def verify_audit_events(principal: Verifier, session: SessionDep) -> AuditVerification:
    """Recomputes the hash chain of the whole trail (admins only) and names the first line
    changed, removed or out of place, as `python -m app.cli audit-verify` does. Reads every line,
    so it takes a while on a large trail; lines written while it runs are left to the next run."""
    return await service.verify_chain(session)
