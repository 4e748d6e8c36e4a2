"""推送地址 in the browser: the admin sets a partner client's rate limit and registers its
receiver, the running backend's worker delivers a district's new project to it, and the admin
reads the delivery, its attempt and message, rotates the secret — on a desktop and a phone."""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, Shots, login_as
from tests.projects.factories import project_body


class _Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, object]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append({"headers": dict(self.headers), "payload": json.loads(body)})
        self.send_response(200)
        self.end_headers()
        self.wfile.write("已收到".encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[dict[str, object]]]]:
    received: ClassVar[list[dict[str, object]]] = []
    handler = type("Receiver", (_Receiver,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks", received
    server.shutdown()


def test_admin_registers_a_receiver_and_reads_its_deliveries(
    page: Page, phone: Page, admin_api: Api, base_url: str, receiver, shot: Shots
) -> None:
    url, received = receiver
    n = uuid.uuid4().hex[:6]
    client = admin_api.call(
        "POST",
        "/api-clients",
        201,
        json={
            "name": f"雨湖区项目平台{n}",
            "unit_id": admin_api.unit_id("雨湖区"),
            "scopes": ["projects:read", "tickets:read"],
        },
    )

    login_as(page, "admin")
    page.goto("/admin/api-clients")
    page.get_by_role("link", name=f"雨湖区项目平台{n}").click()
    expect(page.get_by_test_id("client-name")).to_have_text(f"雨湖区项目平台{n}")
    expect(page.get_by_text("系统默认")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^编\s*辑$")).click()
    edit = page.get_by_role("dialog", name=re.compile("编辑"))
    edit.get_by_label("每分钟请求数上限").fill("120")
    edit.get_by_role("button", name=re.compile(r"^保\s*存$")).click()
    expect(edit).to_be_hidden()
    expect(page.get_by_text("120 次/分钟")).to_be_visible()
    page.get_by_role("button", name="登记推送地址").click()
    dialog = page.get_by_role("dialog", name=re.compile("登记推送地址"))
    form = dialog.locator("form#endpoint-form")
    form.get_by_label("接收地址").fill(url)
    form.get_by_label("说明").fill("项目库同步")
    # Only the events of what the client may read are offered.
    expect(form.get_by_label("会议纪要印发")).to_have_count(0)
    form.get_by_label("项目新建").check()
    form.get_by_label("服务事项交办").check()
    shot("register-endpoint")
    dialog.get_by_role("button", name=re.compile(r"^登\s*记$")).click()
    secret = page.get_by_role("dialog", name="推送地址已登记")
    expect(secret.get_by_test_id("endpoint-secret")).to_contain_text("whsec_")
    secret.get_by_role("button", name="我已妥善保存").click()
    row = page.get_by_test_id("endpoints-table").locator("tr.ant-table-row")
    expect(row).to_contain_text(url)
    expect(row).to_contain_text("正常")
    shot("client-with-endpoint")

    # 雨湖区 enters a project; the backend's own worker pushes it to the receiver.
    yuhu = Api(base_url, "yuhu")
    project = yuhu.call("POST", "/projects", 201, json=project_body(name=f"推送演示项目{n}"))
    yuhu.close()
    deadline = time.monotonic() + 30
    while not received and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [m["payload"]["data"]["id"] for m in received] == [project["id"]]  # type: ignore[index]

    row.get_by_role("link", name=url).click()
    expect(page.get_by_test_id("endpoint-url")).to_have_text(url)
    endpoint = page.url.split("/webhook-endpoints/")[1]
    expect(page.get_by_test_id("endpoint-state")).to_contain_text("正常")
    deliveries = page.get_by_test_id("deliveries-table")
    delivered = deliveries.locator("tr.ant-table-row", has_text="项目新建")
    expect(delivered).to_contain_text("已送达")
    expect(delivered).to_contain_text("1 次（200）")
    delivered.get_by_role("button", name="详情").click()
    detail = page.get_by_role("dialog", name=re.compile("推送详情"))
    expect(detail).to_contain_text("已收到")
    expect(detail).to_contain_text(f"推送演示项目{n}")
    shot("delivery-detail")
    page.keyboard.press("Escape")
    expect(detail).to_be_hidden()

    page.get_by_role("button", name="轮换密钥").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=re.compile(r"^轮\s*换$")).click()
    rotated = page.get_by_role("dialog", name="签名密钥已轮换")
    expect(rotated).to_contain_text("旧密钥到")
    rotated.get_by_role("button", name="我已妥善保存").click()
    expect(page.get_by_text("旧密钥签名至")).to_be_visible()
    shot("endpoint")

    # The partner calls the API; its page shows the day's use (each process writes its counts
    # every few seconds).
    token = httpx.post(
        f"{base_url}/api/v1/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(client["client_id"], client["client_secret"]),
    ).json()["access_token"]
    for _ in range(3):
        httpx.get(f"{base_url}/api/v1/projects", headers={"Authorization": f"Bearer {token}"})
    page.goto(f"/admin/api-clients/{client['id']}")
    usage = page.get_by_test_id("usage-table")
    deadline = time.monotonic() + 30
    while not usage.is_visible() and time.monotonic() < deadline:
        time.sleep(2)
        page.reload()
    expect(usage.locator("tr.ant-table-row").first).to_contain_text("3")
    expect(page.get_by_text("从未使用")).to_have_count(0)
    shot("client-usage")

    # On a phone: the same page, its deliveries as cards.
    login_as(phone, "admin")
    phone.goto(f"/webhook-endpoints/{endpoint}")
    expect(phone.get_by_test_id("endpoint-url")).to_have_text(url)
    cards = phone.get_by_test_id("deliveries-table")
    expect(cards).to_contain_text("已送达")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone_shots = Shots(phone, "webhooks_phone")
    phone_shots("endpoint-phone")
    phone.goto(f"/admin/api-clients/{client['id']}")
    expect(phone.get_by_test_id("usage-table")).to_be_visible()
    expect(phone.get_by_test_id("endpoints-table")).to_contain_text(url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone_shots("client-phone")
