"""Keyset pagination: an opaque cursor holds the last row's sort value and id; no OFFSET.

Cursors are signed (HMAC under a key derived from the JWT secret) and bound to the sort they were
made for, so a crafted or edited cursor, or one from another sort, is refused with 400 before its
value reaches a query.
"""

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import Select, bindparam, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.core.errors import AppError, Unprocessable
from app.core.schemas import QueryInt

T = TypeVar("T")
Q = TypeVar("Q", bound=BaseModel)


class Page(BaseModel, Generic[T]):
    items: list[T] = Field(description="本页记录")
    next_cursor: str | None = Field(description="下一页游标；为空表示没有更多")
    total: int | None = Field(
        default=None, description="符合条件的总数（仅在 include_total=true 时返回）"
    )


@dataclass(frozen=True)
class SortKey:
    """A sort on an expression rather than a plain column, e.g. COALESCE over a nullable date
    so rows without one sort last: `value` reads the row's sort value for the cursor and
    `column` lends the expression its type for binding the cursor value."""

    expression: Any
    value: Callable[[Any], Any]
    column: Any


MAX_LIMIT = 200


def cursor_key(settings: Settings) -> bytes:
    return _cursor_key(settings.jwt_secret)


@lru_cache(maxsize=4)
def _cursor_key(secret: str) -> bytes:
    # Derived once per secret, not on every list request.
    return hashlib.sha256(b"zhaoshangtong cursor\x00" + secret.encode()).digest()


@dataclass
class PageParams:
    limit: int
    cursor: str | None
    include_total: bool
    sort: str | None
    key: bytes  # signs the cursors this list hands out (cursor_key)


async def page_params(
    request: Request,
    limit: Annotated[
        QueryInt, Query(ge=1, le=MAX_LIMIT, description=f"每页条数（1–{MAX_LIMIT}）")
    ] = 50,
    cursor: Annotated[
        str | None,
        Query(max_length=1000, description="上一页返回的 next_cursor（原样传回，不可修改）"),
    ] = None,
    include_total: Annotated[bool, Query(description="是否返回总数（会多一次计数查询）")] = False,
    sort: Annotated[
        str | None, Query(max_length=40, description="排序字段，前缀 - 表示倒序")
    ] = None,
) -> PageParams:
    key = cursor_key(request.app.state.settings)
    return PageParams(limit=limit, cursor=cursor, include_total=include_total, sort=sort, key=key)


def query_model(model: type[Q]) -> Any:
    """Reads a list's filters, a query-parameter model (`app.core.schemas.QueryParams`):
    `Annotated[TheFilter, query_model(TheFilter)]`. The same as `Annotated[TheFilter, Query()]`,
    but as a dependency, so the published parameters follow the order the route declares them
    in, the page's (`limit`, `cursor` …) among them: FastAPI lists a route's own parameters
    ahead of its dependencies'."""

    async def read(values: Annotated[model, Query()]) -> Q:  # type: ignore[valid-type]
        return values

    return Depends(read)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _encode(key: bytes, sort: str, value: Any, row_id: uuid.UUID) -> str:
    if isinstance(value, datetime):
        kind, text = "dt", value.isoformat()
    elif isinstance(value, date):
        kind, text = "date", value.isoformat()
    elif isinstance(value, Decimal):
        kind, text = "dec", str(value)
    else:
        kind, text = "raw", value
    body = json.dumps({"s": sort, "t": kind, "v": text, "id": str(row_id)}, ensure_ascii=False)
    data = body.encode()
    return f"{_b64(data)}.{_b64(hmac.digest(key, data, 'sha256')[:16])}"


def _invalid_cursor() -> AppError:
    return AppError(
        "分页游标无效：请原样传回上一页返回的 next_cursor，或去掉 cursor 从第一页开始",
        code="invalid_cursor",
        status=400,
        errors=[{"loc": ["query", "cursor"], "msg": "分页游标无效", "type": "invalid_cursor"}],
    )


def _decode(key: bytes, sort: str, cursor: str) -> tuple[Any, uuid.UUID]:
    """The sort value and id a signed cursor holds; 400 when it was not made by this list."""
    try:
        body, _, signature = cursor.partition(".")
        data = _unb64(body)
        if not hmac.compare_digest(_unb64(signature), hmac.digest(key, data, "sha256")[:16]):
            raise _invalid_cursor()
        payload = json.loads(data)
        if payload["s"] != sort:
            raise _invalid_cursor()
        kind, value = payload["t"], payload["v"]
        if kind == "dt":
            value = datetime.fromisoformat(value)
        elif kind == "date":
            value = date.fromisoformat(value)
        elif kind == "dec":
            value = Decimal(value)
        return value, uuid.UUID(payload["id"])
    except (ValueError, KeyError, TypeError, InvalidOperation, binascii.Error) as exc:
        raise _invalid_cursor() from exc


async def paginate(
    session: AsyncSession,
    stmt: Select[Any],
    *,
    params: PageParams,
    sorts: Mapping[str, Any],
    default_sort: str,
    id_column: Any,
    count_stmt: Select[Any] | None = None,
) -> tuple[Sequence[Any], str | None, int | None]:
    """Runs `stmt` one page at a time. `sorts` is the allowlist of sort keys → model columns;
    the first entity selected by `stmt` must be the model those columns belong to. `count_stmt`
    (the same rows with fewer joins) makes `include_total` cheaper."""
    sort = params.sort or default_sort
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in sorts:
        allowed = "、".join(sorted(sorts))
        raise Unprocessable(
            f"不支持的排序字段：{key}（可选：{allowed}）",
            code="invalid_sort",
            errors=[{"loc": ["query", "sort"], "msg": f"可选：{allowed}", "type": "invalid_sort"}],
        )
    spec = sorts[key]
    if isinstance(spec, SortKey):
        column, bind_type, read_value = spec.expression, spec.column.type, spec.value
    else:
        column, bind_type = spec, spec.type
        read_value = None

    total = None
    if params.include_total:
        counted = (count_stmt if count_stmt is not None else stmt).subquery()
        total = (await session.execute(select(func.count()).select_from(counted))).scalar_one()

    paged = stmt
    if params.cursor:
        value, last_id = _decode(params.key, sort, params.cursor)
        pair = tuple_(column, id_column)
        # Bound with the columns' own types, so custom types (Money on SQLite) convert the value.
        after = tuple_(
            bindparam(None, value, type_=bind_type),
            bindparam(None, last_id, type_=id_column.type),
        )
        paged = paged.where(pair < after if descending else pair > after)
    order = (column.desc(), id_column.desc()) if descending else (column.asc(), id_column.asc())
    rows = (await session.execute(paged.order_by(*order).limit(params.limit + 1))).all()

    next_cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        last = rows[-1]
        sort_value = read_value(last[0]) if read_value else _value(last, column)
        next_cursor = _encode(params.key, sort, sort_value, _value(last, id_column))
    return rows, next_cursor, total


def _value(row: Any, column: Any) -> Any:
    """A column's value from the row's first entity, or, for rows of plain columns, the row."""
    first = row[0]
    if hasattr(type(first), "__table__"):
        return getattr(first, str(column.key))
    return row._mapping[str(column.key)]
