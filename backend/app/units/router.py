import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.auth.dependencies import SessionDep, require
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import Page, PageParams, page_params, query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.units import service
from app.units.schemas import UnitCreate, UnitFilter, UnitRead, UnitUpdate

router = APIRouter(prefix="/units", tags=["units"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.units_read))]
Admin = Annotated[Principal, Depends(require(Permission.units_write, people_only=True))]
ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": Problem},
    403: {"model": Problem},
    404: {"model": Problem},
    422: {"model": Problem},
}


@router.get("", response_model=Page[UnitRead], responses=ERRORS, summary="单位列表")
async def list_units(
    principal: Reader,
    session: SessionDep,
    filters: Annotated[UnitFilter, query_model(UnitFilter)],
    params: Annotated[PageParams, Depends(page_params)],
) -> Page[UnitRead]:
    """Units (市商务局, 县市区, 园区, 职能部门 …).

    Sort keys: `code` (default), `name`, `created_at`."""
    items, cursor, total = await service.list_units(session, params, filters)
    return Page[UnitRead](
        items=[UnitRead.model_validate(u) for u in items], next_cursor=cursor, total=total
    )


@router.post(
    "",
    response_model=UnitRead,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 409: {"model": Problem}},
    summary="新建单位",
)
async def create_unit(
    body: UnitCreate, principal: Admin, session: SessionDep, response: Response
) -> UnitRead:
    unit = await service.create(session, principal, body)
    response.headers["Location"] = f"/api/v1/units/{unit.id}"
    set_etag(response, unit.version)
    return UnitRead.model_validate(unit)


@router.get("/{unit_id:uuid}", response_model=UnitRead, responses=ERRORS, summary="单位详情")
async def read_unit(
    unit_id: uuid.UUID, principal: Reader, session: SessionDep, response: Response
) -> UnitRead:
    unit = await service.get(session, unit_id)
    set_etag(response, unit.version)
    return UnitRead.model_validate(unit)


@router.patch(
    "/{unit_id:uuid}",
    response_model=UnitRead,
    responses={**ERRORS, 409: {"model": Problem}},
    summary="修改或停用单位",
)
async def update_unit(
    unit_id: uuid.UUID,
    body: UnitUpdate,
    principal: Admin,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> UnitRead:
    """Partial update; send `If-Match` with the ETag you read. `is_active: false` deactivates."""
    unit = await service.update(session, principal, unit_id, body, precondition)
    set_etag(response, unit.version)
    return UnitRead.model_validate(unit)
