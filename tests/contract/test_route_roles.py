"""The checked-in role × route table (route_roles.csv) against every route the app has.

A route missing from the table fails; so does a role reaching a route the table denies it, or
being refused one the table grants. Every route outside the public rows needs a token, and a
valid token is refused with 403 (never 401), a partner's on routes for people included.
"""

import csv
import re
import uuid
from pathlib import Path

import pytest
from fastapi.routing import iter_route_contexts
from starlette.routing import Mount

from app.demo.units_users import DEMO_USERS
from app.main import create_app
from tests.helpers import partner_minted

TABLE = Path(__file__).with_name("route_roles.csv")
ROLES = [
    "admin",
    "coordinator",
    "leader",
    "unit_officer",
    "department_officer",
    "supervisor",
    "viewer",
]
USERNAME = {role: next(d.username for d in DEMO_USERS if d.role == role) for role in ROLES}


def _table() -> dict[tuple[str, str], dict[str, str]]:
    with TABLE.open(newline="") as f:
        return {(row["method"], row["path"]): row for row in csv.DictReader(f)}


def _app_routes() -> set[tuple[str, str]]:
    routes = set()
    for context in iter_route_contexts(create_app().routes):
        if isinstance(context.original_route, Mount):
            continue
        assert context.path is not None
        for method in getattr(context.original_route, "methods", None) or ():
            if method != "HEAD":
                # As the OpenAPI document writes it: `{project_id}`, not `{project_id:uuid}`.
                routes.add((method, re.sub(r"\{(\w+):\w+\}", r"{\1}", context.path)))
    return routes


def test_table_lists_exactly_the_app_routes():
    table, app_routes = set(_table()), _app_routes()
    assert app_routes - table == set(), "路由未登记在 route_roles.csv 中"
    assert table - app_routes == set(), "route_roles.csv 中有不存在的路由"


def _call_args(method: str, path: str) -> tuple[str, dict]:
    url = path
    for name in (
        "unit_id",
        "user_id",
        "client_id",
        "item_id",
        "project_id",
        "assignment_id",
        "member_id",
        "ticket_id",
        "letter_id",
        "attachment_id",
        "notification_id",
        "meeting_id",
        "decision_id",
        "round_id",
        "candidate_id",
        "period_id",
        "report_id",
        "indicator_id",
        "bulletin_id",
        "endpoint_id",
        "delivery_id",
        "scheme_id",
        "self_report_id",
        "objection_id",
        "nomination_id",
    ):
        url = url.replace("{" + name + "}", str(uuid.uuid4()))
    url = url.replace("{day}", "2099-01-01").replace("{year}", "2099").replace("{version}", "1")
    kwargs: dict = {}
    if method in {"POST", "PATCH", "PUT", "DELETE"}:
        kwargs["json"] = {}
        kwargs["headers"] = {"Idempotency-Key": str(uuid.uuid4())}
        if method in {"PATCH", "DELETE"}:
            kwargs["headers"]["If-Match"] = '"1"'
    return url, kwargs


@pytest.mark.parametrize("key", sorted(_table()), ids=lambda k: f"{k[0]} {k[1]}")
async def test_route_answers_each_role_as_the_table_says(key, client, auth_for, session, settings):
    method, path = key
    row = _table()[key]
    url, kwargs = _call_args(method, path)
    extra_headers = kwargs.pop("headers", {})

    anonymous = await client.request(method, url, headers=extra_headers, **kwargs)
    if row["public"] == "Y":
        assert anonymous.status_code != 401
        return
    assert anonymous.status_code == 401, f"{method} {path} 未登录也能访问"

    callers = {role: await auth_for(USERNAME[role]) for role in ROLES}
    callers["partner"] = await partner_minted(session, settings, "yuhu")
    for caller, headers in callers.items():
        response = await client.request(method, url, headers={**headers, **extra_headers}, **kwargs)
        # Every token here is valid: a refusal is 403, never 401 (401 tells a client to renew
        # its token, and one that renews on 401 would loop on a route it may not use).
        assert response.status_code != 401, f"{method} {path} 对 {caller} 的有效令牌返回 401"
        allowed = response.status_code != 403
        assert allowed == (row[caller] == "Y"), (
            f"{method} {path} 对 {caller} 返回 {response.status_code}，表中为 {row[caller]}"
        )
