import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.auth.dependencies import SessionDep, require
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import Problem, Unprocessable
from app.core.idempotency import IdempotentRoute
from app.core.permissions import Permission
from app.core.principal import Principal
from app.dictionaries import service
from app.dictionaries.schemas import DictionaryItemCreate, DictionaryItemRead, DictionaryItemUpdate
from app.models.enums import DictionaryKind

router = APIRouter(prefix="/dictionaries", tags=["dictionaries"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.units_read))]
Admin = Annotated[Principal, Depends(require(Permission.units_write, people_only=True))]


@router.get("", response_model=list[DictionaryItemRead], summary="字典项")
async def list_dictionary_items(
    principal: Reader,
    session: SessionDep,
    kind: Annotated[DictionaryKind | None, Query(description="只看某个字典")] = None,
    include_inactive: Annotated[bool, Query(description="是否包含已停用项")] = False,
) -> list[DictionaryItemRead]:
    """Code lists (产业链, 招商渠道), in display order."""
    items = await service.list_items(session, kind, include_inactive)
    return [DictionaryItemRead.model_validate(i) for i in items]


@router.post(
    "",
    response_model=DictionaryItemRead,
    status_code=status.HTTP_201_CREATED,
    responses={409: {"model": Problem}},
    summary="新增字典项",
)
async def create_dictionary_item(
    body: DictionaryItemCreate, principal: Admin, session: SessionDep, response: Response
) -> DictionaryItemRead:
    item = await service.create(
        session, principal, body.kind, body.code, body.label, body.sort_order
    )
    response.headers["Location"] = f"/api/v1/dictionaries/{item.id}"
    set_etag(response, item.version)
    return DictionaryItemRead.model_validate(item)


@router.patch(
    "/{item_id:uuid}",
    response_model=DictionaryItemRead,
    responses={404: {"model": Problem}},
    summary="修改或停用字典项",
)
async def update_dictionary_item(
    item_id: uuid.UUID,
    body: DictionaryItemUpdate,
    principal: Admin,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> DictionaryItemRead:
    """The code never changes (projects refer to it); rename, reorder or deactivate instead."""
    changes = body.model_dump(exclude_unset=True)
    if any(changes.get(k, 0) is None for k in ("label", "sort_order", "is_active")):
        raise Unprocessable("字段不能为空", code="validation_error")
    item = await service.update(session, principal, item_id, changes, precondition)
    set_etag(response, item.version)
    return DictionaryItemRead.model_validate(item)
