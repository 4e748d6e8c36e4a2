"""The baseline: a bare ASGI app on an asyncpg pool serving the same two reads as the real app.

    uvicorn raw_app:app   (env: DATABASE_URL, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, ...)

Same token check (python-jose with the pinned algorithm and required claims, then the user row by
id for is_active and token_version), same keyset query shape, same JSON fields and cursor format.
No framework, no ORM, no validation layer: what the hardware gives for this work.
"""

import base64
import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import asyncpg
from jose import JWTError, jwt

SECRET = os.environ.get("JWT_SECRET", "")
ISSUER = os.environ.get("JWT_ISSUER", "zhaoshangtong")
AUDIENCE = os.environ.get("JWT_AUDIENCE", "zhaoshangtong-api")
STALE = timedelta(days=int(os.environ.get("PROJECT_STALE_DAYS", "30")))
DSN = os.environ.get("DATABASE_URL", "").replace("postgresql+asyncpg://", "postgresql://")
POOL = int(os.environ.get("DATABASE_POOL_SIZE", "10"))
SEES_ALL = {"coordinator", "supervisor", "leader", "viewer"}
REQUIRED = ("exp", "iat", "iss", "aud", "sub", "jti")

PROJECT_COLUMNS = """p.id, p.code, p.name, p.investor_name, p.investor_credit_code,
 p.investor_contacts, p.industry_chain, p.source_channel, p.owner_unit_id, p.planned_investment,
 p.signed_amount, p.funds_arrived, p.is_foreign, p.land_area, p.expected_jobs, p.expected_tax,
 p.is_confidential, p.blocker_note, p.is_major, p.is_key, p.possible_duplicate,
 p.major_list_year, p.stage,
 p.stage_before_shelved, p.stage_entered_at, p.last_activity_at, p.signed_date,
 p.agreement_type, p.started_date, p.production_date, p.version, p.created_at, p.updated_at"""
FROM = """FROM projects p JOIN units u ON u.id = p.owner_unit_id
 LEFT JOIN leader_assignments la ON la.project_id = p.id AND la.ended_at IS NULL
 LEFT JOIN users l ON l.id = la.leader_id"""
SELECT = f"SELECT {PROJECT_COLUMNS}, u.name AS unit_name, l.id AS lid, l.full_name AS lname {FROM}"

pool: asyncpg.Pool | None = None


class HTTPError(Exception):
    def __init__(self, status: int, code: str) -> None:
        self.status, self.code = status, code


def decode(token: str) -> tuple[uuid.UUID, int]:
    """The same checks as app.core.security.decode_token for an access token."""
    try:
        jwt.get_unverified_claims(token)  # the real app peeks at `typ` first
        if jwt.get_unverified_header(token).get("alg") != "HS256":
            raise HTTPError(401, "unauthorized")
        claims = jwt.decode(
            token,
            SECRET,
            algorithms=["HS256"],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require_" + c: True for c in REQUIRED},
        )
        if claims.get("typ") != "access" or not isinstance(claims.get("ver"), int):
            raise HTTPError(401, "unauthorized")
        return uuid.UUID(claims["sub"]), claims["ver"]
    except (JWTError, ValueError, KeyError) as exc:
        raise HTTPError(401, "unauthorized") from exc


async def principal(conn: asyncpg.Connection, headers: dict[bytes, bytes]) -> asyncpg.Record:
    scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPError(401, "unauthorized")
    user_id, version = decode(token.strip())
    user = await conn.fetchrow(
        "SELECT id, role, unit_id, is_active, token_version FROM users WHERE id = $1", user_id
    )
    if user is None or not user["is_active"] or user["token_version"] != version:
        raise HTTPError(401, "unauthorized")
    return user


def iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def item(r: asyncpg.Record, role: str, now: datetime) -> dict:
    redacted = r["is_confidential"] and role == "viewer"
    d = dict(r)
    for key in ("lid", "lname", "unit_name"):
        del d[key]
    for key in ("id", "owner_unit_id"):
        d[key] = str(d[key])
    for key in ("planned_investment", "signed_amount", "funds_arrived", "land_area"):
        d[key] = None if d[key] is None else str(d[key])
    for key in ("expected_tax",):
        d[key] = None if d[key] is None else str(d[key])
    for key in ("stage_entered_at", "last_activity_at", "created_at", "updated_at"):
        d[key] = iso(d[key])
    for key in ("signed_date", "started_date", "production_date"):
        d[key] = None if d[key] is None else d[key].isoformat()
    d["investor_contacts"] = [] if redacted else json.loads(r["investor_contacts"])
    if redacted:
        d["investor_name"] = d["investor_credit_code"] = None
    d["investor_redacted"] = redacted
    d["owner_unit_name"] = r["unit_name"]
    d["days_in_stage"] = (now - r["stage_entered_at"]).days
    d["is_stale"] = r["last_activity_at"] < now - STALE
    d["lead_leader"] = {"id": str(r["lid"]), "full_name": r["lname"]} if r["lid"] else None
    return d


def encode_cursor(created: datetime, row_id: uuid.UUID) -> str:
    payload = {"t": "dt", "v": created.isoformat(), "id": str(row_id)}
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return datetime.fromisoformat(payload["v"]), uuid.UUID(payload["id"])
    except (ValueError, KeyError, TypeError) as exc:
        raise HTTPError(422, "invalid_cursor") from exc


def where(query: dict[str, list[str]], user: asyncpg.Record) -> tuple[list[str], list]:
    """The filters the benchmark uses, in the real app's order, plus the caller's row scope."""
    clauses: list[str] = []
    args: list = []

    def add(sql: str, value: object) -> None:
        args.append(value)
        clauses.append(sql.format(len(args)))

    if user["role"] == "unit_officer":
        add("p.owner_unit_id = ${}", user["unit_id"])
    elif user["role"] not in SEES_ALL:
        clauses.append("false")
    if "stage" in query:
        add("p.stage = ANY(${})", query["stage"])
    if "owner_unit_id" in query:
        add("p.owner_unit_id = ${}", uuid.UUID(query["owner_unit_id"][0]))
    if "is_major" in query:
        add("p.is_major = ${}", query["is_major"][0] == "true")
    return clauses, args


async def list_projects(conn: asyncpg.Connection, user: asyncpg.Record, qs: bytes) -> dict:
    query = parse_qs(qs.decode())
    limit = int(query.get("limit", ["50"])[0])
    clauses, args = where(query, user)
    total = None
    if query.get("include_total", ["false"])[0] == "true":
        sql = f"SELECT count(*) FROM (SELECT p.id {FROM}{_where(clauses)}) AS s"
        total = await conn.fetchval(sql, *args)
    if "cursor" in query:
        created, last_id = decode_cursor(query["cursor"][0])
        args += [created, last_id]
        clauses.append(f"(p.created_at, p.id) < (${len(args) - 1}, ${len(args)})")
    args.append(limit + 1)
    sql = f"{SELECT}{_where(clauses)} ORDER BY p.created_at DESC, p.id DESC LIMIT ${len(args)}"
    rows = await conn.fetch(sql, *args)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["created_at"], rows[-1]["id"])
    now = datetime.now(UTC)
    items = [item(r, user["role"], now) for r in rows]
    return {"items": items, "next_cursor": next_cursor, "total": total}


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


async def read_project(conn: asyncpg.Connection, user: asyncpg.Record, raw_id: str) -> dict:
    try:
        project_id = uuid.UUID(raw_id)
    except ValueError as exc:
        raise HTTPError(422, "validation_error") from exc
    clauses, args = where({}, user)
    args.append(project_id)
    clauses.append(f"p.id = ${len(args)}")
    row = await conn.fetchrow(f"{SELECT}{_where(clauses)}", *args)
    if row is None:
        raise HTTPError(404, "not_found")
    return item(row, user["role"], datetime.now(UTC))


async def app(scope: dict, receive, send) -> None:
    global pool
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                assert SECRET and DSN, "set JWT_SECRET and DATABASE_URL"
                pool = await asyncpg.create_pool(DSN, min_size=POOL, max_size=POOL * 2)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    path = scope["path"]
    headers = dict(scope["headers"])
    status, extra, body = 200, [], b""
    try:
        if scope["method"] != "GET" or not path.startswith("/api/v1/projects"):
            raise HTTPError(404, "not_found")
        async with pool.acquire() as conn:
            user = await principal(conn, headers)
            if path in ("/api/v1/projects", "/api/v1/projects/"):
                data = await list_projects(conn, user, scope["query_string"])
            else:
                data = await read_project(conn, user, path.rsplit("/", 1)[1])
                extra = [(b"etag", f'"{data["version"]}"'.encode())]
        body = json.dumps(data, ensure_ascii=False).encode()
    except HTTPError as exc:
        status, body = exc.status, json.dumps({"status": exc.status, "code": exc.code}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), *extra],
        }
    )
    await send({"type": "http.response.body", "body": body})
