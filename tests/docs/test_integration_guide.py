"""The integration guide (docs/integration.md): served beside the API docs, its error codes
those the API answers, and its Python example (docs/examples/partner_client.py) run against a
real backend process as a partner runs it — so the guide cannot rot."""

import importlib.util
import json
import re
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx

from app.demo.units_users import DEMO_PASSWORD
from tests.live_server import backend_python, live_backend

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "integration.md"
EXAMPLE = REPO / "docs" / "examples" / "partner_client.py"
# Codes every partner meets somewhere: the guide must explain them.
CROSS_CUTTING = {
    "unauthorized",
    "invalid_client",
    "forbidden",
    "not_found",
    "invalid_cursor",
    "validation_error",
    "precondition_failed",
    "precondition_required",
    "idempotency_key_required",
    "idempotency_in_progress",
    "rate_limited",
    "database_unavailable",
}


def _guide_codes() -> set[str]:
    return set(re.findall(r"^\| \d{3} \| `([a-z_]+)` \|", GUIDE.read_text(), re.M))


def test_the_guide_lists_the_codes_the_api_answers():
    source = "\n".join(p.read_text() for p in (REPO / "backend" / "app").rglob("*.py"))
    listed = _guide_codes()
    assert listed >= CROSS_CUTTING
    stale = sorted(c for c in listed if f'"{c}"' not in source)
    assert stale == [], f"the guide lists codes the API never answers: {stale}"


async def test_the_guide_is_served_with_the_docs(client):
    page = await client.get("/docs/integration")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1>招商通接入指南</h1>" in page.text and "<table>" in page.text
    assert "rate_limited" in page.text and "https://cdn" not in page.text
    spec = (await client.get("/openapi.json")).json()
    assert "/docs/integration" in spec["info"]["description"]


def _example() -> Any:
    spec = importlib.util.spec_from_file_location("partner_client", EXAMPLE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_the_example_runs_against_a_running_backend(tmp_path):
    example = _example()
    with live_backend(tmp_path, "_guide") as (url, _log):
        token = httpx.post(
            f"{url}/api/v1/auth/token",
            data={"grant_type": "password", "username": "admin", "password": DEMO_PASSWORD},
        ).json()["access_token"]
        admin = {"Authorization": f"Bearer {token}"}
        yuhu = httpx.get(f"{url}/api/v1/units", params={"q": "雨湖区"}, headers=admin)
        created = httpx.post(
            f"{url}/api/v1/api-clients",
            json={
                "name": "雨湖区政务平台",
                "unit_id": yuhu.json()["items"][0]["id"],
                "scopes": ["projects:read", "projects:write", "webhooks:manage"],
            },
            headers=admin,
        ).json()
        credentials = (url, created["client_id"], created["client_secret"])

        # As a script, the way the guide says to run it.
        run = subprocess.run(
            [backend_python(), str(EXAMPLE), *credentials],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert "合作系统：雨湖区政务平台（雨湖区）" in run.stdout
        reported = re.search(r"已报送：(XT-\d{4}-\d{4})", run.stdout)
        assert reported, run.stdout
        assert re.search(r"变更：project \S+ changed project.created", run.stdout)

        # Its parts, as a partner's code calls them.
        api = example.Zhaoshangtong(*credentials)
        projects = list(api.pages("/api/v1/projects", limit=7))
        assert len(projects) > 7 and len({p["id"] for p in projects}) == len(projects)
        assert {p["owner_unit_name"] for p in projects} == {"雨湖区"}
        body = {
            "name": "重试的报送",
            "investor_name": "重试投资有限公司",
            "industry_chain": "equipment",
            "source_channel": "door-knocking",
            "planned_investment": "100.00",
        }
        once = api.create("/api/v1/projects", body, key="guide-retry-1")
        again = api.create("/api/v1/projects", body, key="guide-retry-1")
        assert once["id"] == again["id"]

        received: list[tuple[dict[str, str], bytes]] = []
        handler = type("Receiver", (_Receiver,), {"received": received})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            hook = api.create(
                "/api/v1/webhook-endpoints",
                {
                    "url": f"http://127.0.0.1:{server.server_address[1]}/hooks",
                    "event_types": ["project.created"],
                },
            )
            pushed = api.create("/api/v1/projects", {**body, "name": "推送的报送"})
            deadline = time.monotonic() + 30
            while not received and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            server.shutdown()
        [(headers, raw)] = received
        assert json.loads(raw)["data"]["id"] == pushed["id"]
        assert example.verify_signature(hook["secret"], headers, raw)
        assert not example.verify_signature(hook["secret"], headers, raw.replace(b"}", b" }", 1))
        stale = {**headers, "webhook-timestamp": str(int(time.time()) - 3600)}
        assert not example.verify_signature(hook["secret"], stale, raw)
