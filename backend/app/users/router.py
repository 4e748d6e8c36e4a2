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
from app.users import service
from app.users.schemas import PasswordReset, UserCreate, UserFilter, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.users_read, people_only=True))]
Admin = Annotated[Principal, Depends(require(Permission.users_write, people_only=True))]
ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": Problem},
    403: {"model": Problem},
    404: {"model": Problem},
    422: {"model": Problem},
}


@router.get("", response_model=Page[UserRead], responses=ERRORS, summary="用户列表")
async def list_users(
    principal: Reader,
    session: SessionDep,
    filters: Annotated[UserFilter, query_model(UserFilter)],
    params: Annotated[PageParams, Depends(page_params)],
) -> Page[UserRead]:
    """Sort keys: `username` (default), `full_name`, `created_at`."""
    items, cursor, total = await service.list_users(session, params, filters)
    return Page[UserRead](items=items, next_cursor=cursor, total=total)


@router.post(
    "",
    response_model=UserRead,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 409: {"model": Problem}},
    summary="新建用户",
)
async def create_user(
    body: UserCreate, principal: Admin, session: SessionDep, response: Response
) -> UserRead:
    user = await service.create(session, principal, body)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    set_etag(response, user.version)
    return user


@router.get("/{user_id:uuid}", response_model=UserRead, responses=ERRORS, summary="用户详情")
async def read_user(
    user_id: uuid.UUID, principal: Reader, session: SessionDep, response: Response
) -> UserRead:
    user = await service.read(session, user_id)
    set_etag(response, user.version)
    return user


@router.patch(
    "/{user_id:uuid}",
    response_model=UserRead,
    responses=ERRORS,
    summary="修改或停用用户",
)
async def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    principal: Admin,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> UserRead:
    """Partial update with `If-Match`. Changing role or unit, or deactivating, ends the user's
    sessions at once."""
    user = await service.update(session, principal, user_id, body, precondition)
    set_etag(response, user.version)
    return user


@router.post(
    "/{user_id:uuid}/password-reset",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
    summary="重置用户密码",
)
async def reset_user_password(
    user_id: uuid.UUID, body: PasswordReset, principal: Admin, session: SessionDep
) -> None:
    """Sets a new password, unlocks the account and ends the user's sessions."""
    await service.reset_password(session, principal, user_id, body.new_password)
