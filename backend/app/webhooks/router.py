import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.changes.catalog import OBJECT_OF, PATHS, scope_of
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import Page, PageParams, page_params, query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import WebhookAttempt, WebhookDelivery
from app.models.enums import WebhookEventType
from app.webhooks import service
from app.webhooks.schemas import (
    WebhookAttemptRead,
    WebhookDeliveryDetail,
    WebhookDeliveryFilter,
    WebhookDeliveryRead,
    WebhookEndpointCreate,
    WebhookEndpointCreated,
    WebhookEndpointRead,
    WebhookEndpointUpdate,
    WebhookEventTypeRead,
    WebhookSecretRotated,
)

router = APIRouter(tags=["webhooks"], route_class=IdempotentRoute)

Manager = Annotated[Principal, Depends(require(Permission.webhooks_manage))]
ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": Problem},
    403: {"model": Problem},
    404: {"model": Problem},
    422: {"model": Problem},
}
ENDPOINT = "/webhook-endpoints/{endpoint_id:uuid}"


def _delivery(delivery: WebhookDelivery) -> WebhookDeliveryRead:
    return WebhookDeliveryRead.model_validate(delivery)


def _detail(delivery: WebhookDelivery, attempts: list[WebhookAttempt]) -> WebhookDeliveryDetail:
    return WebhookDeliveryDetail(
        **_delivery(delivery).model_dump(),
        payload=delivery.body,
        attempt_log=[WebhookAttemptRead.model_validate(a) for a in attempts],
    )


@router.get(
    "/webhook-event-types",
    response_model=list[WebhookEventTypeRead],
    responses=ERRORS,
    summary="可订阅的事件类型",
)
async def list_webhook_event_types(principal: Manager) -> list[WebhookEventTypeRead]:
    """Every type an endpoint may subscribe to, the object its message carries and the scope
    the client needs for it."""
    return [
        WebhookEventTypeRead(
            type=t,
            label=t.label,
            object_type=OBJECT_OF[t],
            object_path=PATHS[OBJECT_OF[t]],
            scope=scope_of(t).value,
        )
        for t in WebhookEventType
    ]


@router.get(
    "/webhook-endpoints",
    response_model=Page[WebhookEndpointRead],
    responses=ERRORS,
    summary="推送地址列表",
)
async def list_webhook_endpoints(
    principal: Manager,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    api_client_id: Annotated[uuid.UUID | None, Query(description="按接口客户端筛选")] = None,
) -> Page[WebhookEndpointRead]:
    """An admin sees every client's endpoints; a partner client its own."""
    items, cursor, total = await service.list_endpoints(session, principal, params, api_client_id)
    return Page[WebhookEndpointRead](
        items=[WebhookEndpointRead.model_validate(e) for e in items],
        next_cursor=cursor,
        total=total,
    )


@router.post(
    "/webhook-endpoints",
    response_model=WebhookEndpointCreated,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="登记推送地址",
)
async def create_webhook_endpoint(
    body: WebhookEndpointCreate,
    principal: Manager,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> WebhookEndpointCreated:
    """Registers a URL to receive the chosen event types. The response holds `secret`, shown
    this once: verify every message's `webhook-signature` with it (Standard Webhooks). Types
    need the client's read scope of their object (422 `scope_not_granted`)."""
    endpoint, secret = await service.create(session, settings, principal, body)
    response.headers["Location"] = f"/api/v1/webhook-endpoints/{endpoint.id}"
    set_etag(response, endpoint.version)
    return WebhookEndpointCreated(
        **WebhookEndpointRead.model_validate(endpoint).model_dump(), secret=secret
    )


@router.get(ENDPOINT, response_model=WebhookEndpointRead, responses=ERRORS, summary="推送地址详情")
async def read_webhook_endpoint(
    endpoint_id: uuid.UUID, principal: Manager, session: SessionDep, response: Response
) -> WebhookEndpointRead:
    endpoint = await service.get(session, principal, endpoint_id)
    set_etag(response, endpoint.version)
    return WebhookEndpointRead.model_validate(endpoint)


@router.patch(
    ENDPOINT,
    response_model=WebhookEndpointRead,
    responses={**ERRORS, 412: {"model": Problem}, 428: {"model": Problem}},
    summary="修改推送地址",
)
async def update_webhook_endpoint(
    endpoint_id: uuid.UUID,
    body: WebhookEndpointUpdate,
    principal: Manager,
    session: SessionDep,
    settings: SettingsDep,
    precondition: IfMatchVersion,
    response: Response,
) -> WebhookEndpointRead:
    """Changes the URL, description or types; `is_active: true` re-enables an endpoint the
    worker disabled (its waiting deliveries go out again)."""
    endpoint = await service.update(session, settings, principal, endpoint_id, body, precondition)
    set_etag(response, endpoint.version)
    return WebhookEndpointRead.model_validate(endpoint)


@router.delete(
    ENDPOINT,
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**ERRORS, 412: {"model": Problem}, 428: {"model": Problem}},
    summary="删除推送地址",
)
async def delete_webhook_endpoint(
    endpoint_id: uuid.UUID, principal: Manager, session: SessionDep, precondition: IfMatchVersion
) -> None:
    await service.remove(session, principal, endpoint_id, precondition)


@router.post(
    ENDPOINT + "/rotate-secret",
    response_model=WebhookSecretRotated,
    responses=ERRORS,
    summary="轮换签名密钥",
)
async def rotate_webhook_secret(
    endpoint_id: uuid.UUID, principal: Manager, session: SessionDep
) -> WebhookSecretRotated:
    """A new secret, shown this once. For 24 hours every message carries two signatures, by the
    new secret and the old, so the receiver can switch without losing a message."""
    endpoint, secret = await service.rotate_secret(session, principal, endpoint_id)
    assert endpoint.previous_secret_expires_at is not None
    return WebhookSecretRotated(
        secret=secret, previous_secret_expires_at=endpoint.previous_secret_expires_at
    )


@router.get(
    ENDPOINT + "/deliveries",
    response_model=Page[WebhookDeliveryRead],
    responses=ERRORS,
    summary="推送记录",
)
async def list_webhook_deliveries(
    endpoint_id: uuid.UUID,
    principal: Manager,
    session: SessionDep,
    filters: Annotated[WebhookDeliveryFilter, query_model(WebhookDeliveryFilter)],
    params: Annotated[PageParams, Depends(page_params)],
) -> Page[WebhookDeliveryRead]:
    """The endpoint's deliveries, newest first; `state=failed` lists those given up on."""
    items, cursor, total = await service.list_deliveries(
        session, principal, endpoint_id, params, filters.state
    )
    return Page[WebhookDeliveryRead](
        items=[_delivery(d) for d in items], next_cursor=cursor, total=total
    )


@router.get(
    ENDPOINT + "/deliveries/{delivery_id:uuid}",
    response_model=WebhookDeliveryDetail,
    responses=ERRORS,
    summary="推送详情",
)
async def read_webhook_delivery(
    endpoint_id: uuid.UUID, delivery_id: uuid.UUID, principal: Manager, session: SessionDep
) -> WebhookDeliveryDetail:
    """The message sent and every attempt: status, latency and the start of the response."""
    return _detail(*await service.get_delivery(session, principal, endpoint_id, delivery_id))


@router.post(
    ENDPOINT + "/deliveries/{delivery_id:uuid}/redeliver",
    response_model=WebhookDeliveryDetail,
    responses={**ERRORS, 409: {"model": Problem}},
    summary="重新推送",
)
async def redeliver_webhook(
    endpoint_id: uuid.UUID,
    delivery_id: uuid.UUID,
    principal: Manager,
    session: SessionDep,
    settings: SettingsDep,
) -> WebhookDeliveryDetail:
    """Queues a delivered or failed message again: same `webhook-id` and body, retried for
    another day (409 `delivery_pending` while it is still being sent)."""
    return _detail(*await service.redeliver(session, settings, principal, endpoint_id, delivery_id))
