"""招商通接入示例：合作系统用 httpx 调用招商通 API。

获取令牌并在过期时重新申请，按游标读完列表，跟踪变更流（含删除），带 Idempotency-Key
报送并安全重试，遇到 429/503 按 Retry-After 等待，验证推送消息的签名。CI 每次都用它对
真实运行的招商通跑一遍（tests/docs/test_integration_guide.py），所以这里的代码始终可用。

    python partner_client.py http://127.0.0.1:8000 <client_id> <client_secret>
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx


class Zhaoshangtong:
    """A partner system's connection: its token, renewed when it expires, and retries."""

    def __init__(self, base_url: str, client_id: str, client_secret: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.client_id, self.client_secret = client_id, client_secret
        self.token: str | None = None

    def _sign_in(self) -> str:
        # client_credentials; the secret as HTTP Basic (or as form fields).
        response = self.http.post(
            "/api/v1/auth/token",
            data={"grant_type": "client_credentials"},
            auth=(self.client_id, self.client_secret),
        )
        response.raise_for_status()
        return str(response.json()["access_token"])

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One call: signs in again on 401 (tokens last 15 minutes), waits out 429 and 503."""
        for attempt in range(5):
            self.token = self.token or self._sign_in()
            headers = {**kwargs.pop("headers", {}), "Authorization": f"Bearer {self.token}"}
            response = self.http.request(method, path, headers=headers, **kwargs)
            kwargs["headers"] = {k: v for k, v in headers.items() if k != "Authorization"}
            if response.status_code == 401 and attempt == 0:
                self.token = None
                continue
            if response.status_code in (429, 503):
                time.sleep(int(response.headers.get("Retry-After", "1")))
                continue
            return response
        return response

    def pages(self, path: str, **params: Any) -> Iterator[dict[str, Any]]:
        """Every row of a list, page by page (keyset cursor: nothing skipped or repeated)."""
        cursor = None
        while True:
            query = {**params, **({"cursor": cursor} if cursor else {})}
            page = self.request("GET", path, params=query)
            page.raise_for_status()
            body = page.json()
            yield from body["items"]
            cursor = body["next_cursor"]
            if not cursor:
                return

    def latest(self) -> str:
        """The change feed's position now: follow it from here after copying the lists."""
        response = self.request("GET", "/api/v1/changes/latest")
        response.raise_for_status()
        return str(response.json()["cursor"])

    def changes(self, since: str) -> tuple[list[dict[str, Any]], str]:
        """What changed after `since` (created, changed, deleted), and the cursor to keep."""
        items: list[dict[str, Any]] = []
        while True:
            response = self.request("GET", "/api/v1/changes", params={"since": since})
            response.raise_for_status()
            body = response.json()
            items += body["items"]
            since = body["next_cursor"]
            if not body["has_more"]:
                return items, since

    def create(self, path: str, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        """POST with an Idempotency-Key: retried with the same key after a network error or a
        5xx, it is done once, and the retry answers what the first one did."""
        key = key or str(uuid.uuid4())
        for _ in range(5):
            try:
                response = self.request("POST", path, json=body, headers={"Idempotency-Key": key})
            except httpx.TransportError:
                time.sleep(1)
                continue
            if response.status_code == 409 and response.json()["code"] == "idempotency_in_progress":
                time.sleep(1)  # the first attempt is still running: ask again shortly
                continue
            if response.status_code >= 500:
                time.sleep(1)
                continue
            response.raise_for_status()
            return dict(response.json())
        raise RuntimeError(f"{path}: 多次重试仍未成功")


def verify_signature(
    secret: str, headers: dict[str, str], body: bytes, tolerance: int = 300
) -> bool:
    """A webhook message is ours and unaltered (Standard Webhooks): HMAC-SHA256 over
    `{webhook-id}.{webhook-timestamp}.{body}` with the key in `whsec_…`, base64, compared with
    each `v1,` signature in `webhook-signature`; a timestamp more than 5 minutes off is refused."""
    headers = {k.lower(): v for k, v in headers.items()}
    timestamp = int(headers["webhook-timestamp"])
    if abs(time.time() - timestamp) > tolerance:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(expected, signature.removeprefix("v1,"))
        for signature in headers["webhook-signature"].split()
        if signature.startswith("v1,")
    )


def main(base_url: str, client_id: str, client_secret: str) -> None:
    api = Zhaoshangtong(base_url, client_id, client_secret)
    me = api.request("GET", "/api/v1/api-clients/me").json()
    print(f"合作系统：{me['name']}（{me['unit']['name']}），权限：{' '.join(me['token_scopes'])}")
    cursor = api.latest()
    projects = list(api.pages("/api/v1/projects", limit=100))
    print(f"项目：{len(projects)} 个")
    if "projects:write" in me["token_scopes"]:
        created = api.create(
            "/api/v1/projects",
            {
                "name": "合作系统报送的示例项目",
                "investor_name": "示例投资有限公司",
                "industry_chain": "equipment",
                "source_channel": "door-knocking",
                "planned_investment": "5000.00",
            },
        )
        print(f"已报送：{created['code']} {created['name']}")
    changed, cursor = api.changes(cursor)
    for item in changed:
        print(f"变更：{item['object_type']} {item['id']} {item['action']} {item['type'] or ''}")
    print(f"下次从这里继续：{cursor}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
