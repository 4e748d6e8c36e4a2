"""The framework's floor: FastAPI doing exactly the raw baseline's work, and nothing else.

    uvicorn floor_app:app   (same environment as raw_app)

Same asyncpg pool, same token check, same SQL and the same JSON bytes as `raw_app` (its functions
are called as they are), served through FastAPI routing, one connection dependency and one
caller dependency. No middleware, no ORM, no response model, no scope or redaction beyond the raw
app's. What is left between this and `raw_app` is what FastAPI itself costs per request; the real
app cannot be faster than this on the same work.
"""

import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import asyncpg
import raw_app
from fastapi import Depends, FastAPI, Request, Response

pool: asyncpg.Pool | None = None


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    global pool
    pool = await asyncpg.create_pool(raw_app.DSN, min_size=raw_app.POOL, max_size=raw_app.POOL * 2)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan, openapi_url=None)


async def connection() -> AsyncIterator[asyncpg.Connection]:
    assert pool is not None
    async with pool.acquire() as conn:
        yield conn


Connection = Annotated[asyncpg.Connection, Depends(connection)]


async def caller(request: Request, conn: Connection) -> asyncpg.Record:
    return await raw_app.principal(conn, dict(request.scope["headers"]))


Caller = Annotated[asyncpg.Record, Depends(caller)]


def _json(data: dict, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode()
    return Response(body, media_type="application/json", headers=headers)


@app.exception_handler(raw_app.HTTPError)
async def http_error(_: Request, exc: raw_app.HTTPError) -> Response:
    return Response(
        json.dumps({"status": exc.status, "code": exc.code}).encode(),
        status_code=exc.status,
        media_type="application/json",
    )


@app.get("/api/v1/projects")
async def list_projects(request: Request, conn: Connection, user: Caller) -> Response:
    return _json(await raw_app.list_projects(conn, user, request.scope["query_string"]))


@app.get("/api/v1/projects/{project_id}")
async def read_project(project_id: uuid.UUID, conn: Connection, user: Caller) -> Response:
    data = await raw_app.read_project(conn, user, str(project_id))
    return _json(data, {"etag": f'"{data["version"]}"'})
