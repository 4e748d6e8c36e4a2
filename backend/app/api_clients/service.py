import secrets
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.api_clients.events import ApiClientRecorded
from app.api_clients.schemas import (
    ApiClientCreate,
    ApiClientUpdate,
    PartnerClientRead,
    PartnerLimits,
    PartnerUnit,
)
from app.core import events
from app.core.concurrency import Precondition
from app.core.config import Settings
from app.core.errors import NotFound, Unprocessable
from app.core.events import snapshot
from app.core.pagination import MAX_LIMIT, PageParams, paginate
from app.core.principal import Principal
from app.core.security import hash_opaque_token, new_opaque_token
from app.core.time import utcnow
from app.models import ApiClient, Unit


async def list_clients(
    session: AsyncSession, params: PageParams
) -> tuple[Sequence[ApiClient], str | None, int | None]:
    rows, cursor, total = await paginate(
        session,
        select(ApiClient),
        params=params,
        sorts={"created_at": ApiClient.created_at, "name": ApiClient.name},
        default_sort="-created_at",
        id_column=ApiClient.id,
    )
    return [r[0] for r in rows], cursor, total


async def create(
    session: AsyncSession, principal: Principal, body: ApiClientCreate
) -> tuple[ApiClient, str]:
    unit = await session.get(Unit, body.unit_id)
    if unit is None or not unit.is_active:
        raise Unprocessable(
            "绑定的单位不存在或已停用",
            code="invalid_unit",
            errors=[
                {"loc": ["body", "unit_id"], "msg": "单位不存在或已停用", "type": "invalid_unit"}
            ],
        )
    secret = new_opaque_token()
    client = ApiClient(
        client_id=f"xt_{secrets.token_hex(8)}",
        name=body.name,
        unit_id=body.unit_id,
        scopes=body.scopes,
        # 256 random bits: a fast hash is enough, and keeps client_credentials cheap.
        secret_hash=hash_opaque_token(secret),
        created_by_id=principal.user.id if principal.user else None,
    )
    session.add(client)
    await session.flush()
    await events.emit(
        session,
        ApiClientRecorded(
            actor=principal, verb="create", object_id=client.id, after=snapshot(client)
        ),
    )
    return client, secret


async def get(session: AsyncSession, client_uuid: uuid.UUID) -> ApiClient:
    client = await session.get(ApiClient, client_uuid)
    if client is None:
        raise NotFound("接口客户端不存在")
    return client


async def update(
    session: AsyncSession,
    principal: Principal,
    client_uuid: uuid.UUID,
    body: ApiClientUpdate,
    precondition: Precondition,
) -> ApiClient:
    """Renames the client, changes its grant (its tokens narrow at once) or its rate limit."""
    client = await get(session, client_uuid)
    precondition.check(client.version)
    before = snapshot(client)
    given = body.model_fields_set
    if body.name is not None:
        client.name = body.name
    if body.scopes is not None:
        client.scopes = body.scopes
    if "rate_limit_per_minute" in given:
        client.rate_limit_per_minute = body.rate_limit_per_minute
    await session.flush()
    await events.emit(
        session,
        ApiClientRecorded(
            actor=principal,
            verb="update",
            object_id=client.id,
            before=before,
            after=snapshot(client),
        ),
    )
    return client


async def revoke(session: AsyncSession, principal: Principal, client_uuid: uuid.UUID) -> ApiClient:
    client = await get(session, client_uuid)
    if client.is_active:
        before = snapshot(client)
        client.is_active = False
        client.revoked_at = utcnow()
        await session.flush()
        await events.emit(
            session,
            ApiClientRecorded(
                actor=principal,
                verb="revoke",
                object_id=client.id,
                before=before,
                after=snapshot(client),
            ),
        )
    return client


async def read_own(
    session: AsyncSession, principal: Principal, settings: Settings
) -> PartnerClientRead:
    """The calling partner's own client: its unit, grant and the limits that apply to it."""
    client = principal.client
    assert client is not None
    unit = await session.get(Unit, client.unit_id)
    assert unit is not None
    return PartnerClientRead(
        id=client.id,
        client_id=client.client_id,
        name=client.name,
        unit=PartnerUnit.model_validate(unit),
        scopes=sorted(client.scopes),
        token_scopes=sorted(principal.permissions),
        is_active=client.is_active,
        created_at=client.created_at,
        limits=PartnerLimits(
            token_minutes=settings.partner_token_minutes,
            requests_per_minute=client.rate_limit_per_minute
            or settings.rate_limit_partner_per_minute,
            page_size_max=MAX_LIMIT,
            idempotency_key_required=True,
            attachment_max_bytes=settings.attachment_max_bytes,
        ),
    )
