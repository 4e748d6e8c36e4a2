"""Objects read through the API as a caller: what its own `GET` returns, or None where it
answers 403 or 404. The change feed and the webhooks show objects this way, so a partner hears
of exactly what it may read, shown exactly as it would read it."""

import uuid
from typing import Any

import httpx
from fastapi import FastAPI

from app.changes.catalog import PATHS
from app.core.config import Settings
from app.core.permissions import PARTNER_SCOPES
from app.core.rate_limit import INTERNAL_HEADER
from app.core.security import create_token
from app.models import ApiClient


class ObjectReader:
    """Reads objects through the app's own API in-process, each as the caller whose
    `Authorization` it is given, remembering what it read."""

    def __init__(self, app: FastAPI) -> None:
        self.settings: Settings = app.state.settings
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://changes.internal",
            # Reads on the caller's behalf, not the caller's own requests: no rate-limit tokens.
            headers={INTERNAL_HEADER: app.state.limiter.internal_key},
        )
        self.cache: dict[tuple[str, str, uuid.UUID], Any] = {}
        self.tokens: dict[uuid.UUID, str] = {}

    def partner(self, client: ApiClient) -> str:
        """A bearer token of the partner client, with the scopes it holds now."""
        if client.id not in self.tokens:
            token, _ = create_token(
                self.settings,
                subject=str(client.id),
                token_type="partner",
                version=client.version,
                scopes=sorted(s for s in client.scopes if s in PARTNER_SCOPES),
            )
            self.tokens[client.id] = f"Bearer {token}"
        return self.tokens[client.id]

    async def read(self, authorization: str, object_type: str, object_id: uuid.UUID) -> Any:
        key = (authorization, object_type, object_id)
        if key not in self.cache:
            path = PATHS[object_type].format(id=object_id)
            response = await self.http.get(path, headers={"Authorization": authorization})
            if response.status_code in (403, 404):
                self.cache[key] = None
            else:
                # Anything else (the database gone away) fails the caller, to be tried again.
                response.raise_for_status()
                self.cache[key] = response.json()
        return self.cache[key]

    async def close(self) -> None:
        await self.http.aclose()
