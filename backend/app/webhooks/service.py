"""Webhook endpoints and their deliveries, as admins and partner clients manage them.

An admin manages every client's endpoints; a partner client (scope `webhooks:manage`) only its
own, and anyone else's answer 404. An endpoint subscribes only to types whose read scope its
client holds, so it never asks for what it could not read.
"""

import ipaddress
import uuid
from collections.abc import Sequence
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import Select, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.changes.catalog import scope_of
from app.core import events
from app.core.concurrency import Precondition
from app.core.config import Settings
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.events import snapshot
from app.core.pagination import PageParams, paginate
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import ApiClient, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from app.models.enums import WebhookDeliveryState, WebhookEventType
from app.webhooks import signing
from app.webhooks.events import EndpointRecorded
from app.webhooks.schemas import WebhookEndpointCreate, WebhookEndpointUpdate

ROTATION_OVERLAP = timedelta(hours=24)


def _invalid(field: str, detail: str, code: str) -> Unprocessable:
    return Unprocessable(
        detail, code=code, errors=[{"loc": ["body", field], "msg": detail, "type": code}]
    )


def _mine(principal: Principal, stmt: Select) -> Select:
    if principal.client is not None:
        return stmt.where(col(WebhookEndpoint.api_client_id) == principal.client.id)
    return stmt


def check_url(settings: Settings, url: str) -> None:
    """A URL the worker may post to: http(s) with a host and no credentials; in production,
    not a loopback, private or link-local address unless WEBHOOK_ALLOW_PRIVATE_URLS says so."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise _invalid("url", "接收地址须为不含用户名密码的 http(s) 地址", "invalid_url")
    if settings.app_env != "production" or settings.webhook_allow_private_urls:
        return
    host = parts.hostname
    try:
        address = ipaddress.ip_address(host)
        private = not address.is_global
    except ValueError:
        private = host == "localhost" or host.endswith((".localhost", ".local", ".internal"))
    if private:
        raise _invalid("url", "接收地址不能是本机或内网地址", "private_url")


def _check_types(client: ApiClient, types: Sequence[WebhookEventType]) -> None:
    missing = sorted({scope_of(t).value for t in types} - set(client.scopes))
    if missing:
        raise _invalid(
            "event_types",
            f"该客户端未被授予订阅这些事件所需的权限范围：{'、'.join(missing)}",
            "scope_not_granted",
        )


async def _client_for(
    session: AsyncSession, principal: Principal, api_client_id: uuid.UUID | None
) -> ApiClient:
    if principal.client is not None:
        if api_client_id not in (None, principal.client.id):
            raise _invalid("api_client_id", "合作系统只能为自己登记推送地址", "not_own_client")
        return principal.client
    if api_client_id is None:
        raise _invalid("api_client_id", "请指定所属的接口客户端", "client_required")
    client = await session.get(ApiClient, api_client_id)
    if client is None or not client.is_active:
        raise _invalid("api_client_id", "接口客户端不存在或已吊销", "invalid_client")
    return client


async def list_endpoints(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    api_client_id: uuid.UUID | None = None,
) -> tuple[list[WebhookEndpoint], str | None, int | None]:
    stmt = _mine(principal, select(WebhookEndpoint))
    if api_client_id is not None:
        stmt = stmt.where(col(WebhookEndpoint.api_client_id) == api_client_id)
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts={"created_at": WebhookEndpoint.created_at},
        default_sort="-created_at",
        id_column=WebhookEndpoint.id,
    )
    return [r[0] for r in rows], cursor, total


async def get(
    session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID
) -> WebhookEndpoint:
    stmt = _mine(principal, select(WebhookEndpoint).where(col(WebhookEndpoint.id) == endpoint_id))
    endpoint = (await session.execute(stmt)).scalar_one_or_none()
    if endpoint is None:
        raise NotFound("推送地址不存在")
    return endpoint


async def create(
    session: AsyncSession, settings: Settings, principal: Principal, body: WebhookEndpointCreate
) -> tuple[WebhookEndpoint, str]:
    client = await _client_for(session, principal, body.api_client_id)
    check_url(settings, body.url)
    _check_types(client, body.event_types)
    secret = signing.new_secret()
    endpoint = WebhookEndpoint(
        api_client_id=client.id,
        url=body.url,
        description=body.description,
        event_types=[t.value for t in body.event_types],
        secret=secret,
        created_by_id=principal.user.id if principal.user else None,
    )
    session.add(endpoint)
    await session.flush()
    await events.emit(
        session,
        EndpointRecorded(
            actor=principal, verb="create", object_id=endpoint.id, after=snapshot(endpoint)
        ),
    )
    return endpoint, secret


async def update(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    endpoint_id: uuid.UUID,
    body: WebhookEndpointUpdate,
    precondition: Precondition,
) -> WebhookEndpoint:
    endpoint = await get(session, principal, endpoint_id)
    precondition.check(endpoint.version)
    before = snapshot(endpoint)
    if body.url is not None:
        check_url(settings, body.url)
        endpoint.url = body.url
    if body.description is not None:
        endpoint.description = body.description
    if body.event_types is not None:
        client = await session.get(ApiClient, endpoint.api_client_id)
        assert client is not None
        _check_types(client, body.event_types)
        endpoint.event_types = [t.value for t in body.event_types]
    if body.is_active is not None and body.is_active != endpoint.is_active:
        endpoint.is_active = body.is_active
        if body.is_active:
            endpoint.failing_since = endpoint.disabled_at = endpoint.disabled_reason = None
        else:
            endpoint.disabled_at = utcnow()
            endpoint.disabled_reason = f"{principal.display_name} 停用"
    await session.flush()
    await events.emit(
        session,
        EndpointRecorded(
            actor=principal,
            verb="update",
            object_id=endpoint.id,
            before=before,
            after=snapshot(endpoint),
        ),
    )
    return endpoint


async def remove(
    session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID, precondition: Precondition
) -> None:
    """Deletes the endpoint with its deliveries and their attempts; the audit trail keeps
    that it existed."""
    endpoint = await get(session, principal, endpoint_id)
    precondition.check(endpoint.version)
    before = snapshot(endpoint)
    deliveries = select(col(WebhookDelivery.id)).where(
        col(WebhookDelivery.endpoint_id) == endpoint.id
    )
    await session.execute(
        delete(WebhookAttempt).where(col(WebhookAttempt.delivery_id).in_(deliveries))
    )
    await session.execute(
        delete(WebhookDelivery).where(col(WebhookDelivery.endpoint_id) == endpoint.id)
    )
    await session.delete(endpoint)
    await events.emit(
        session,
        EndpointRecorded(actor=principal, verb="delete", object_id=endpoint_id, before=before),
    )


async def rotate_secret(
    session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID
) -> tuple[WebhookEndpoint, str]:
    """A new secret; the old one goes on signing beside it for 24 hours."""
    endpoint = await get(session, principal, endpoint_id)
    secret = signing.new_secret()
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = utcnow() + ROTATION_OVERLAP
    endpoint.secret = secret
    await session.flush()
    await events.emit(
        session,
        EndpointRecorded(
            actor=principal,
            verb="rotate_secret",
            object_id=endpoint.id,
            after={"previous_secret_expires_at": endpoint.previous_secret_expires_at.isoformat()},
        ),
    )
    return endpoint, secret


async def list_deliveries(
    session: AsyncSession,
    principal: Principal,
    endpoint_id: uuid.UUID,
    params: PageParams,
    state: WebhookDeliveryState | None,
) -> tuple[list[WebhookDelivery], str | None, int | None]:
    endpoint = await get(session, principal, endpoint_id)
    stmt = select(WebhookDelivery).where(col(WebhookDelivery.endpoint_id) == endpoint.id)
    if state is not None:
        stmt = stmt.where(col(WebhookDelivery.state) == state.value)
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts={"created_at": WebhookDelivery.created_at},
        default_sort="-created_at",
        id_column=WebhookDelivery.id,
    )
    return [r[0] for r in rows], cursor, total


async def get_delivery(
    session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> tuple[WebhookDelivery, list[WebhookAttempt]]:
    endpoint = await get(session, principal, endpoint_id)
    delivery = await session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.endpoint_id != endpoint.id:
        raise NotFound("推送记录不存在")
    attempts = (
        await session.execute(
            select(WebhookAttempt)
            .where(col(WebhookAttempt.delivery_id) == delivery.id)
            .order_by(col(WebhookAttempt.attempted_at), col(WebhookAttempt.id))
        )
    ).scalars()
    return delivery, list(attempts)


async def redeliver(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    endpoint_id: uuid.UUID,
    delivery_id: uuid.UUID,
) -> tuple[WebhookDelivery, list[WebhookAttempt]]:
    """Sends a delivery again, with the same message id and body, retried for another day."""
    delivery, attempts = await get_delivery(session, principal, endpoint_id, delivery_id)
    if delivery.state == WebhookDeliveryState.pending.value:
        raise Conflict("该推送尚在送达中，无需重新推送", code="delivery_pending")
    now = utcnow()
    delivery.state = WebhookDeliveryState.pending.value
    delivery.next_attempt_at = now
    delivery.expires_at = now + timedelta(hours=settings.webhook_retry_hours)
    delivery.leased_until = None
    await session.flush()
    await events.emit(
        session,
        EndpointRecorded(
            actor=principal,
            verb="redeliver",
            object_id=endpoint_id,
            after={"delivery_id": str(delivery.id), "type": delivery.type},
        ),
    )
    return delivery, attempts
