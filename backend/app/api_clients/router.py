import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.api_clients import service, usage
from app.api_clients.schemas import (
    ApiClientCreate,
    ApiClientCreated,
    ApiClientRead,
    ApiClientUpdate,
    ApiClientUsageDay,
    ApiClientUsageRead,
    PartnerClientRead,
)
from app.auth.dependencies import CurrentPartner, SessionDep, SettingsDep, require
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import Page, PageParams, page_params
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.schemas import QueryInt
from app.models import ApiClient

router = APIRouter(prefix="/api-clients", tags=["api-clients"], route_class=IdempotentRoute)

Admin = Annotated[Principal, Depends(require(Permission.api_clients_write, people_only=True))]
ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": Problem},
    403: {"model": Problem},
    404: {"model": Problem},
    422: {"model": Problem},
}


@router.get("", response_model=Page[ApiClientRead], responses=ERRORS, summary="接口客户端列表")
async def list_api_clients(
    principal: Admin, session: SessionDep, params: Annotated[PageParams, Depends(page_params)]
) -> Page[ApiClientRead]:
    items, cursor, total = await service.list_clients(session, params)
    used = await usage.last_used(session, [c.id for c in items])
    return Page[ApiClientRead](
        items=[_read(c, used.get(c.id)) for c in items], next_cursor=cursor, total=total
    )


def _read(client: ApiClient, last_used_at: datetime | None) -> ApiClientRead:
    return ApiClientRead.model_validate(client).model_copy(update={"last_used_at": last_used_at})


@router.get(
    "/me",
    response_model=PartnerClientRead,
    responses={401: {"model": Problem}, 403: {"model": Problem}},
    summary="当前合作系统",
)
async def read_own_api_client(
    principal: CurrentPartner, session: SessionDep, settings: SettingsDep
) -> PartnerClientRead:
    """The calling partner system's own client: bound unit, granted scopes (and those of this
    token), active state and limits. Partner tokens only; people get 403 `partners_only`."""
    return await service.read_own(session, principal, settings)


@router.post(
    "",
    response_model=ApiClientCreated,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="新建接口客户端",
)
async def create_api_client(
    body: ApiClientCreate, principal: Admin, session: SessionDep, response: Response
) -> ApiClientCreated:
    """Registers a partner system. The response holds `client_secret`, shown this once only."""
    client, secret = await service.create(session, principal, body)
    response.headers["Location"] = f"/api/v1/api-clients/{client.id}"
    return ApiClientCreated(
        **ApiClientRead.model_validate(client).model_dump(), client_secret=secret
    )


@router.get(
    "/{client_id:uuid}", response_model=ApiClientRead, responses=ERRORS, summary="接口客户端详情"
)
async def read_api_client(
    client_id: uuid.UUID, principal: Admin, session: SessionDep, response: Response
) -> ApiClientRead:
    client = await service.get(session, client_id)
    set_etag(response, client.version)
    used = await usage.last_used(session, [client.id])
    return _read(client, used.get(client.id))


@router.get(
    "/{client_id:uuid}/usage",
    response_model=ApiClientUsageRead,
    responses=ERRORS,
    summary="接口客户端用量",
)
async def read_api_client_usage(
    client_id: uuid.UUID,
    principal: Admin,
    session: SessionDep,
    days: Annotated[QueryInt, Query(ge=1, le=90, description="最近几天（1–90）")] = 14,
) -> ApiClientUsageRead:
    """Requests and tokens issued per day (Beijing time) over the last `days`, and the last
    call; counted by each API process and written every few seconds."""
    client = await service.get(session, client_id)
    rows = await usage.recent(session, client.id, days)
    last = (await usage.last_used(session, [client.id])).get(client.id)
    return ApiClientUsageRead(
        days=[ApiClientUsageDay.model_validate(r) for r in rows], last_used_at=last
    )


@router.patch(
    "/{client_id:uuid}",
    response_model=ApiClientRead,
    responses={**ERRORS, 412: {"model": Problem}, 428: {"model": Problem}},
    summary="修改接口客户端",
)
async def update_api_client(
    client_id: uuid.UUID,
    body: ApiClientUpdate,
    principal: Admin,
    session: SessionDep,
    precondition: IfMatchVersion,
    response: Response,
) -> ApiClientRead:
    """Renames the client, replaces its scopes (tokens it holds narrow at once) or sets its own
    rate limit (`null` returns it to the default), with `If-Match`."""
    client = await service.update(session, principal, client_id, body, precondition)
    set_etag(response, client.version)
    return ApiClientRead.model_validate(client)


@router.post(
    "/{client_id:uuid}/revoke",
    response_model=ApiClientRead,
    responses=ERRORS,
    summary="吊销接口客户端",
)
async def revoke_api_client(
    client_id: uuid.UUID, principal: Admin, session: SessionDep
) -> ApiClientRead:
    """Revokes the client; every token it holds stops working at once."""
    return ApiClientRead.model_validate(await service.revoke(session, principal, client_id))
