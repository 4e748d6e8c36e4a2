import json
from pathlib import Path

import pytest
from fastapi import APIRouter
from pydantic import ValidationError

from app.core.config import DEFAULT_SECRET, Settings
from app.main import create_app
from tests.helpers import assert_problem

REPO = Path(__file__).resolve().parents[2]


async def test_healthz_and_readyz(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ok"}


async def test_readyz_reports_unreachable_database(settings):
    broken = create_app(
        settings.model_copy(update={"database_url": "postgresql+asyncpg://nobody@127.0.0.1:1/none"})
    )
    import httpx

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=broken), base_url="http://t"
    ) as c:
        assert_problem(await c.get("/readyz"), 503, "database_unavailable")
        assert (await c.get("/healthz")).status_code == 200


async def test_every_response_has_a_request_id(client):
    for response in (await client.get("/healthz"), await client.get("/api/v1/units")):
        assert len(response.headers["x-request-id"]) == 32


async def test_unknown_api_route_is_problem_json(client):
    body = assert_problem(await client.get("/api/v1/no-such-thing"), 404, "not_found")
    assert body["instance"] == "/api/v1/no-such-thing"


async def test_unhandled_error_hides_internals(settings):
    application = create_app(settings.model_copy(update={"spa_dist": Path("/nonexistent")}))
    router = APIRouter()

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("SELECT secret FROM /etc/passwd")

    application.include_router(router)
    import httpx

    transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        response = await c.get("/boom")
    body = assert_problem(response, 500, "internal_error")
    assert (
        "SELECT" not in response.text
        and "Traceback" not in response.text
        and "/etc" not in response.text
    )
    assert body["request_id"] and response.headers["x-request-id"] == body["request_id"]


async def test_malformed_json_body_is_422_problem(client, admin):
    response = await client.post(
        "/api/v1/units", content=b"{not json", headers={**admin, "Content-Type": "application/json"}
    )
    assert_problem(response, 422, "validation_error")


def test_production_refuses_default_secret():
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        Settings(app_env="production", jwt_secret=DEFAULT_SECRET)
    with pytest.raises(ValidationError, match="256"):
        Settings(jwt_secret="short")
    assert Settings(app_env="production", jwt_secret="p" * 40).app_env == "production"


def test_env_example_lists_every_setting():
    listed = {
        line.split("=", 1)[0].strip()
        for line in (REPO / ".env.example").read_text().splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    assert listed == {name.upper() for name in Settings.model_fields}


def test_openapi_json_is_current():
    """openapi/openapi.json is generated (`make openapi`) and committed; it must match the app."""
    committed = json.loads((REPO / "openapi" / "openapi.json").read_text())
    assert committed == create_app().openapi(), (
        "openapi/openapi.json 已过期：请运行 make openapi 和 make client"
    )


def test_openapi_is_readable_for_partners():
    spec = create_app().openapi()
    operation_ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(operation_ids) == len(set(operation_ids))
    assert all("_api_v1_" not in o for o in operation_ids)
    undocumented = [
        f"{name}.{field}"
        for name, schema in spec["components"]["schemas"].items()
        if not name.startswith(("HTTPValidationError", "ValidationError", "Body_"))
        for field, prop in schema.get("properties", {}).items()
        if "description" not in prop
    ]
    assert undocumented == []


async def test_api_docs_work_offline(client):
    """Government intranets have no internet: the docs page loads nothing from a CDN."""
    for page in ("/docs", "/redoc"):
        html = (await client.get(page)).text
        assert "cdn" not in html.lower() and "/docs-assets/" in html
    assert (await client.get("/docs-assets/swagger-ui-bundle.js")).status_code == 200
