from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from app.auth.dependencies import SessionDep, current_principal
from app.changes import feed
from app.changes.schemas import ChangeFeed, ChangePosition, ChangeRead
from app.core.errors import Problem
from app.core.pagination import cursor_key
from app.core.principal import Principal
from app.core.schemas import QueryInt

router = APIRouter(prefix="/changes", tags=["changes"])

Caller = Annotated[Principal, Depends(current_principal)]
ERRORS: dict[int | str, dict[str, object]] = {400: {"model": Problem}, 401: {"model": Problem}}


@router.get("", response_model=ChangeFeed, responses=ERRORS, summary="变更流")
async def read_changes(
    request: Request,
    principal: Caller,
    session: SessionDep,
    since: Annotated[
        str | None,
        Query(max_length=200, description="上次返回的 next_cursor；省略则从最早的变更读起"),
    ] = None,
    limit: Annotated[QueryInt, Query(ge=1, le=100, description="每页条数（1–100）")] = 50,
) -> ChangeFeed:
    """Every change of the objects the caller may read — created, changed or deleted — in
    order, each with the object as its own `GET` shows it now. Save `next_cursor` and pass it
    as `since` next time: nothing is missed or repeated, deletions included, however many rows
    one write changes. Read again at once while `has_more`; otherwise poll, e.g. every minute.
    A write shows up once its transaction and every one begun before it have finished."""
    key = cursor_key(request.app.state.settings)
    position = feed.decode(key, since) if since else feed.Position()
    entries, end, more = await feed.read(
        session,
        request.app,
        principal,
        request.headers.get("authorization", ""),
        position,
        limit,
    )
    return ChangeFeed(
        items=[
            ChangeRead(
                object_type=e.row.object_type,
                id=e.row.object_id,
                action="deleted" if e.row.action == "deleted" else "changed",
                type=e.row.type,
                change=e.row.change,
                changed_at=e.row.occurred_at,
                object=e.object,
            )
            for e in entries
        ],
        next_cursor=feed.encode(key, end),
        has_more=more,
    )


@router.get("/latest", response_model=ChangePosition, responses=ERRORS, summary="变更流当前位置")
async def read_latest_change(
    request: Request, principal: Caller, session: SessionDep
) -> ChangePosition:
    """The cursor of now: a new reader that has just copied the lists starts here, to hear
    only of what changes from now on."""
    position = await feed.latest(session)
    return ChangePosition(cursor=feed.encode(cursor_key(request.app.state.settings), position))
