"""Rate limits: a token bucket per caller — each person's account, each partner client (its own
rate, set by the admin, or the default) — and per source address for sign-ins.

The buckets are throttled-py's token buckets, in Redis when `REDIS_URL` is set (every process
of the deployment shares them) and in this process otherwise. Each answer to a limited caller
carries the IETF headers (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy` names the
bucket (`q` tokens, refilled in `w` seconds) and `RateLimit` what is left (`r`) and when the
bucket is full again (`t`); a refused request answers 429 with `Retry-After`.

The change feed and the webhook worker read objects through the API in-process
(app/changes/reader.py); those reads carry this process's internal key and take no tokens.
"""

import math
import secrets
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from throttled.asyncio import (
    MemoryStore,
    RateLimiterType,
    RateLimitState,
    RedisStore,
    Throttled,
    per_min,
)

from app.core.config import Settings
from app.core.errors import AppError

INTERNAL_HEADER = "X-Internal-Read"
_STATE_KEY = "rate_limit_headers"


@dataclass(frozen=True)
class Policy:
    """A bucket's rule: `per_minute` tokens a minute, holding at most `burst`."""

    name: str
    per_minute: int
    burst: int

    @property
    def window(self) -> int:
        """Seconds an empty bucket takes to fill."""
        return max(1, math.ceil(self.burst * 60 / self.per_minute))


class Limiter:
    def __init__(self, settings: Settings) -> None:
        self.store = RedisStore(server=settings.redis_url) if settings.redis_url else MemoryStore()
        self.internal_key = secrets.token_urlsafe(24)
        self._buckets: dict[Policy, Throttled] = {}

    async def take(self, policy: Policy, key: str) -> tuple[bool, RateLimitState]:
        """Takes a token from the caller's bucket: whether it was there, and what is left."""
        bucket = self._buckets.get(policy)
        if bucket is None:
            bucket = self._buckets[policy] = Throttled(
                using=RateLimiterType.TOKEN_BUCKET.value,
                quota=per_min(policy.per_minute, policy.burst),
                store=self.store,
                key_prefix="zhaoshangtong",
            )
        # The rate is part of the key: a client given a new rate starts with a full bucket.
        result = await bucket.limit(f"{policy.name}:{policy.per_minute}:{key}")
        return not result.limited, result.state


def headers(policy: Policy, state: RateLimitState) -> dict[str, str]:
    return {
        "RateLimit-Policy": f'"{policy.name}";q={policy.burst};w={policy.window}',
        "RateLimit": f'"{policy.name}";r={state.remaining};t={math.ceil(state.reset_after)}',
    }


async def enforce(request: Any, policy: Policy, key: str) -> None:
    """Takes a token for this request, or refuses it with 429; the answer carries the
    headers either way."""
    limiter: Limiter = request.app.state.limiter
    allowed, state = await limiter.take(policy, key)
    shown = headers(policy, state)
    if not allowed:
        request.app.state.metrics.rate_limited.labels(policy.name).inc()
        wait = max(1, math.ceil(state.retry_after))
        raise AppError(
            f"请求过于频繁，请 {wait} 秒后再试",
            code="rate_limited",
            status=429,
            headers={**shown, "Retry-After": str(wait)},
        )
    request.state.rate_limit_headers = shown


def is_internal(request: Any) -> bool:
    limiter: Limiter = request.app.state.limiter
    given = request.headers.get(INTERNAL_HEADER)
    return given is not None and secrets.compare_digest(given, limiter.internal_key)


class RateLimitHeadersMiddleware:
    """Adds the caller's `RateLimit` headers, set while the request was authenticated, to
    whatever the route answered (JSON, a file)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                shown = scope.get("state", {}).get(_STATE_KEY)
                if shown:
                    present = {k.lower() for k, _ in message.get("headers", [])}
                    extra = [
                        (k.encode(), v.encode())
                        for k, v in shown.items()
                        if k.lower().encode() not in present
                    ]
                    message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
