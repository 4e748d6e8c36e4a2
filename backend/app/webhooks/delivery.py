"""The webhook worker: fans the change log's webhook events out to endpoints, then posts due
deliveries.

* **Fan-out.** A batch of undispatched webhook events is claimed (`FOR UPDATE SKIP LOCKED` on
  PostgreSQL; SQLite's one writer does the same) and, for every active endpoint subscribed to
  the type whose client holds its read scope, the object is read **through the API as that
  client** — the payload is exactly what `GET` returns to it, confidential fields redacted, and
  an object it may not read makes no delivery. The body is written with the delivery, so every
  attempt sends the same bytes.
* **Sending.** Due deliveries are leased in a short transaction (a sender that dies leaves the
  lease to expire), posted outside any transaction, and their outcome recorded with the attempt.
  Only the oldest pending delivery of an object per endpoint is due, so a receiver gets an
  object's events in order even across retries. Failures back off exponentially until the
  delivery expires (`WEBHOOK_RETRY_HOURS`); an endpoint failing that long is disabled and the
  admins are told.

Several processes may run it at once (the in-process loop of each API process, or
`python -m app.cli webhooks`): each event is fanned out once and each delivery sent by one.
"""

import asyncio
import json
import logging
import random
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import exists, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased
from sqlmodel import col

from app.changes.catalog import scope_of
from app.changes.reader import ObjectReader
from app.core import events
from app.core.config import Settings
from app.core.metrics import Metrics
from app.core.time import utcnow
from app.models import ApiClient, ChangeEvent, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from app.models.enums import WebhookDeliveryState, WebhookEventType
from app.webhooks import signing
from app.webhooks.events import EndpointDisabled

log = logging.getLogger("app.webhooks")
BATCH = 100
# How long a dispatcher holds the events it is reading objects for.
LEASE = timedelta(minutes=5)
PENDING = WebhookDeliveryState.pending.value
JOB = "webhooks"  # the worker's name in the job metrics


@dataclass
class RunResult:
    dispatched: int = 0
    delivered: int = 0
    failed_attempts: int = 0


# ---------------------------------------------------------------------------------------------
# Fan-out


def _body(event: ChangeEvent, obj: Any) -> str:
    payload = {
        "type": event.type,
        "timestamp": event.occurred_at.isoformat().replace("+00:00", "Z"),
        "data": {
            "object_type": event.object_type,
            "id": str(event.object_id),
            "change": event.change,
            "object": obj,
        },
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


async def dispatch(app: FastAPI, now: datetime | None = None) -> int:
    """Fans out one batch of the outbox; returns how many events it took.

    The batch is claimed in one short transaction, the objects are read through the API with
    no transaction held (on SQLite a held write would lock those reads out), and the
    deliveries are written in a second one — only for the events still under this claim, so
    a dispatcher that outlived its claim, or died holding it, never doubles a delivery."""
    sessionmaker: async_sessionmaker[AsyncSession] = app.state.sessionmaker
    settings: Settings = app.state.settings
    now = now or utcnow()
    claim = uuid.uuid4()
    free = or_(col(ChangeEvent.claimed_until).is_(None), col(ChangeEvent.claimed_until) < now)
    async with sessionmaker() as session, session.begin():
        waiting = (
            select(col(ChangeEvent.id))
            .where(
                col(ChangeEvent.type).is_not(None), col(ChangeEvent.dispatched_at).is_(None), free
            )
            .order_by(col(ChangeEvent.occurred_at), col(ChangeEvent.position))
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
        claimed = await session.execute(
            update(ChangeEvent)
            .where(col(ChangeEvent.id).in_(waiting), free)
            .values(claimed_by=claim, claimed_until=now + LEASE)
            .returning(ChangeEvent)
        )
        batch = sorted(claimed.scalars(), key=lambda e: (e.occurred_at, e.position))
        if not batch:
            return 0
        endpoints = (
            await session.execute(
                select(WebhookEndpoint, ApiClient)
                .join(ApiClient, col(ApiClient.id) == col(WebhookEndpoint.api_client_id))
                .where(col(WebhookEndpoint.is_active), col(ApiClient.is_active))
            )
        ).all()

    reader = ObjectReader(app)
    try:
        deliveries = [
            WebhookDelivery(
                event_id=event.id,
                endpoint_id=endpoint.id,
                type=event.type or "",
                object_id=event.object_id,
                occurred_at=event.occurred_at,
                position=event.position,
                body=body,
                next_attempt_at=now,
                expires_at=now + timedelta(hours=settings.webhook_retry_hours),
                created_at=now,
            )
            for event in batch
            for endpoint, client in endpoints
            if (body := await _render(reader, event, endpoint, client)) is not None
        ]
    finally:
        await reader.close()

    async with sessionmaker() as session, session.begin():
        kept = await session.execute(
            update(ChangeEvent)
            .where(
                col(ChangeEvent.id).in_([e.id for e in batch]),
                col(ChangeEvent.claimed_by) == claim,
                col(ChangeEvent.dispatched_at).is_(None),
            )
            .values(dispatched_at=now, claimed_until=None)
            .returning(col(ChangeEvent.id))
        )
        still_mine = set(kept.scalars())
        session.add_all(d for d in deliveries if d.event_id in still_mine)
    return len(batch)


async def _render(
    reader: ObjectReader, event: ChangeEvent, endpoint: WebhookEndpoint, client: ApiClient
) -> str | None:
    """The body this endpoint gets for the event, or None when it does not hear of it."""
    assert event.type is not None  # only webhook events are dispatched
    kind = WebhookEventType(event.type)
    if (
        event.type not in endpoint.event_types
        or scope_of(kind).value not in client.scopes
        # An endpoint hears of what happens from its registration on.
        or event.occurred_at < endpoint.created_at
    ):
        return None
    if kind == WebhookEventType.project_deleted:
        # The object is gone: only its own unit's partners hear of it.
        return _body(event, None) if event.unit_id == client.unit_id else None
    obj = await reader.read(reader.partner(client), event.object_type, event.object_id)
    return None if obj is None else _body(event, obj)


# ---------------------------------------------------------------------------------------------
# Sending


@dataclass
class _Outcome:
    delivery: WebhookDelivery
    endpoint: WebhookEndpoint
    attempted_at: datetime
    status: int | None
    latency_ms: int
    snippet: str
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def last_chance(self, now: datetime) -> bool:
        """The delivery's time is up: failing now, it is not retried."""
        return now >= self.delivery.expires_at


async def _claim(session: AsyncSession, settings: Settings, now: datetime) -> list[uuid.UUID]:
    """Leases the due deliveries: pending, past their time, not leased, their endpoint active,
    and no older event of the same object still to be delivered to that endpoint or still to
    be fanned out."""
    earlier = aliased(WebhookDelivery)
    older_pending = exists().where(
        col(earlier.endpoint_id) == col(WebhookDelivery.endpoint_id),
        col(earlier.object_id) == col(WebhookDelivery.object_id),
        col(earlier.state) == PENDING,
        tuple_(col(earlier.occurred_at), col(earlier.position))
        < tuple_(col(WebhookDelivery.occurred_at), col(WebhookDelivery.position)),
    )
    # An older event of the object not yet fanned out (another dispatcher's batch) holds it too.
    older_waiting = exists().where(
        col(ChangeEvent.object_id) == col(WebhookDelivery.object_id),
        col(ChangeEvent.type).is_not(None),
        col(ChangeEvent.dispatched_at).is_(None),
        tuple_(col(ChangeEvent.occurred_at), col(ChangeEvent.position))
        < tuple_(col(WebhookDelivery.occurred_at), col(WebhookDelivery.position)),
    )
    free = or_(col(WebhookDelivery.leased_until).is_(None), col(WebhookDelivery.leased_until) < now)
    due = (
        select(col(WebhookDelivery.id))
        .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
        .where(
            col(WebhookDelivery.state) == PENDING,
            col(WebhookDelivery.next_attempt_at) <= now,
            free,
            col(WebhookEndpoint.is_active),
            ~older_pending,
            ~older_waiting,
        )
        .order_by(col(WebhookDelivery.next_attempt_at))
        .limit(BATCH)
        .with_for_update(of=WebhookDelivery, skip_locked=True)
    )
    lease = now + timedelta(seconds=settings.webhook_timeout_seconds * 3 + 30)
    result = await session.execute(
        update(WebhookDelivery)
        .where(col(WebhookDelivery.id).in_(due), free)
        .values(leased_until=lease)
        .returning(col(WebhookDelivery.id))
    )
    return list(result.scalars())


async def _post(
    http: httpx.AsyncClient, delivery: WebhookDelivery, endpoint: WebhookEndpoint
) -> _Outcome:
    body = delivery.body.encode()
    attempted_at = utcnow()
    secrets_ = [endpoint.secret]
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires is not None and expires > attempted_at:
        secrets_.append(endpoint.previous_secret)
    headers = signing.headers(secrets_, delivery.message_id, int(attempted_at.timestamp()), body)
    started = time.perf_counter()
    status, snippet, error = None, "", None
    try:
        async with http.stream("POST", endpoint.url, content=body, headers=headers) as response:
            status = response.status_code
            read = b""
            async for chunk in response.aiter_bytes():
                read += chunk
                if len(read) >= 500:
                    break
            snippet = read[:500].decode("utf-8", "replace")
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    latency = int((time.perf_counter() - started) * 1000)
    return _Outcome(delivery, endpoint, attempted_at, status, latency, snippet, error)


def backoff(settings: Settings, attempts: int) -> timedelta:
    """The wait after the n-th failed attempt: doubling from the base up to the cap, with a
    tenth of jitter so endpoints failing together do not retry together."""
    seconds = min(settings.webhook_retry_base_seconds * 2 ** (attempts - 1), 10**7)
    seconds = min(seconds, settings.webhook_retry_max_seconds)
    return timedelta(seconds=seconds * random.uniform(0.9, 1.0))


async def _record(
    session: AsyncSession, settings: Settings, outcomes: Sequence[_Outcome], now: datetime
) -> list[EndpointDisabled]:
    disabled: list[EndpointDisabled] = []
    window = timedelta(hours=settings.webhook_retry_hours)
    for o in outcomes:
        d = o.delivery
        session.add(
            WebhookAttempt(
                delivery_id=d.id,
                attempted_at=o.attempted_at,
                status_code=o.status,
                latency_ms=o.latency_ms,
                response_snippet=o.snippet,
                error=o.error,
            )
        )
        attempts = d.attempts + 1
        values: dict[str, Any] = {
            "attempts": attempts,
            "leased_until": None,
            "last_status": o.status,
            "last_error": o.error,
        }
        endpoint = update(WebhookEndpoint).where(col(WebhookEndpoint.id) == o.endpoint.id)
        if o.ok:
            values |= {"state": WebhookDeliveryState.delivered.value, "delivered_at": now}
            await session.execute(
                endpoint.where(col(WebhookEndpoint.failing_since).is_not(None)).values(
                    failing_since=None
                )
            )
        else:
            if o.last_chance(now):
                values["state"] = WebhookDeliveryState.failed.value
            else:
                values["next_attempt_at"] = now + backoff(settings, attempts)
            await session.execute(
                endpoint.where(col(WebhookEndpoint.failing_since).is_(None)).values(
                    failing_since=o.attempted_at
                )
            )
            gave_up = await session.execute(
                endpoint.where(
                    col(WebhookEndpoint.is_active),
                    col(WebhookEndpoint.failing_since) <= now - window,
                )
                .values(
                    is_active=False,
                    disabled_at=now,
                    disabled_reason=f"连续 {settings.webhook_retry_hours} 小时推送失败",
                )
                .returning(col(WebhookEndpoint.url))
            )
            if (url := gave_up.scalar_one_or_none()) is not None:
                disabled.append(EndpointDisabled(actor=None, object_id=o.endpoint.id, url=url))
        await session.execute(
            update(WebhookDelivery).where(col(WebhookDelivery.id) == d.id).values(**values)
        )
    return disabled


async def send(
    app: FastAPI, now: datetime | None = None, http: httpx.AsyncClient | None = None
) -> tuple[int, int]:
    """Posts one batch of due deliveries; returns (delivered, failed attempts)."""
    sessionmaker: async_sessionmaker[AsyncSession] = app.state.sessionmaker
    settings: Settings = app.state.settings
    now = now or utcnow()
    async with sessionmaker() as session, session.begin():
        ids = await _claim(session, settings, now)
    if not ids:
        return 0, 0
    async with sessionmaker() as session:
        rows = (
            await session.execute(
                select(WebhookDelivery, WebhookEndpoint)
                .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
                .where(col(WebhookDelivery.id).in_(ids))
            )
        ).all()
    own = http is None
    http = http or httpx.AsyncClient(
        timeout=settings.webhook_timeout_seconds, follow_redirects=False, trust_env=False
    )
    try:
        outcomes = await asyncio.gather(*(_post(http, d, e) for d, e in rows))
    finally:
        if own:
            await http.aclose()
    async with sessionmaker() as session, session.begin():
        disabled = await _record(session, settings, outcomes, now)
        if disabled:
            await events.emit(session, *disabled)
    ok = sum(o.ok for o in outcomes)
    expired = sum(not o.ok and o.last_chance(now) for o in outcomes)
    counted = app.state.metrics.webhook_deliveries
    counted.labels("delivered").inc(ok)
    counted.labels("failed").inc(len(outcomes) - ok - expired)
    counted.labels("expired").inc(expired)
    return ok, len(outcomes) - ok


async def run_once(
    app: FastAPI, now: datetime | None = None, http: httpx.AsyncClient | None = None
) -> RunResult:
    """Fans out everything waiting, then sends everything due."""
    result = RunResult()
    while taken := await dispatch(app, now):
        result.dispatched += taken
    while True:
        ok, failed = await send(app, now, http)
        result.delivered += ok
        result.failed_attempts += failed
        if ok + failed == 0:
            return result


async def run_forever(app: FastAPI) -> None:
    """The in-process schedule: a run every `WEBHOOK_INTERVAL_SECONDS`."""
    settings: Settings = app.state.settings
    metrics: Metrics = app.state.metrics
    while True:
        try:
            with metrics.job(JOB):
                result = await run_once(app)
            if result.dispatched or result.delivered or result.failed_attempts:
                log.info(
                    "webhooks: %s events fanned out, %s delivered, %s attempts failed",
                    result.dispatched,
                    result.delivered,
                    result.failed_attempts,
                )
        except Exception:
            log.exception("webhook run failed")
        await asyncio.sleep(settings.webhook_interval_seconds)
