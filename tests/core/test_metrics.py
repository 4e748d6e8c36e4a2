"""/metrics as Prometheus scrapes it: requests by route template and status, refused sign-ins
and rate-limited requests, the jobs' runs, webhook deliveries and the database pool — and who
may read it: an admin, or a scraper with METRICS_TOKEN.

The session's app keeps counting across tests, so each test compares before with after."""

import asyncio
import uuid
from datetime import timedelta

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.metrics import Metrics
from app.core.time import utcnow
from app.webhooks import delivery
from tests.helpers import assert_problem, bearer, login, partner_minted
from tests.projects.factories import create_project
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_webhooks import PROJECT_TYPES, partner, subscribe

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def api_requests(samples: Samples) -> float:
    """Requests answered, the scrapes aside."""
    return sum(
        v
        for (name, labels), v in samples.items()
        if name == "zst_http_requests_total" and ("route", "/metrics") not in labels
    )


async def scrape(client: httpx.AsyncClient, headers: dict[str, str]) -> Samples:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return parse(response.text)


async def test_requests_are_counted_by_route_template_and_status(client, admin, auth_for):
    coordinator = await auth_for("coordinator")
    missing = uuid.uuid4()
    template = "/api/v1/projects/{project_id}"
    before = await scrape(client, admin)
    found = await client.get(f"/api/v1/projects/{missing}", headers=coordinator)
    assert found.status_code == 404
    assert (await client.get("/api/v1/projects", headers=coordinator)).status_code == 200
    assert (await client.get("/api/v1/no-such-thing", headers=coordinator)).status_code == 404
    assert (await client.get("/api/v1/projects")).status_code == 401
    response = await client.get("/metrics", headers=admin)
    after = parse(response.text)

    def grew(name: str, route: str, status: str) -> float:
        labels = {"method": "GET", "route": route, "status": status}
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("zst_http_requests_total", template, "404") == 1
    assert grew("zst_http_request_duration_seconds_count", template, "404") == 1
    assert grew("zst_http_requests_total", "/api/v1/projects", "200") == 1
    assert grew("zst_http_requests_total", "/api/v1/projects", "401") == 1
    assert grew("zst_http_requests_total", "<unmatched>", "404") == 1
    # The scrape before this one was counted too, under its own route.
    assert grew("zst_http_requests_total", "/metrics", "200") == 1
    # A raw path never becomes a label.
    assert str(missing) not in response.text and "no-such-thing" not in response.text
    labels = {"method": "GET", "route": template, "status": "404"}
    assert value(after, "zst_http_request_duration_seconds_sum", **labels) > 0


async def test_a_429_counts_as_a_rate_limit_rejection(
    client, admin, auth_for, settings, monkeypatch
):
    # A rate of its own: a bucket no other test draws on.
    monkeypatch.setattr(settings, "rate_limit_user_per_minute", 3)
    viewer = await auth_for("viewer")
    before = await scrape(client, admin)
    answers = [(await client.get("/api/v1/projects", headers=viewer)).status_code for _ in range(5)]
    assert answers.count(429) >= 2
    after = await scrape(client, admin)
    # The admin's scrapes take no tokens: only the viewer's refusals count.
    grew = value(after, "zst_rate_limit_rejections_total", bucket="user") - value(
        before, "zst_rate_limit_rejections_total", bucket="user"
    )
    assert grew == answers.count(429)
    assert value(after, "zst_rate_limit_rejections_total", bucket="partner") == value(
        before, "zst_rate_limit_rejections_total", bucket="partner"
    )


async def test_a_refused_sign_in_counts_by_reason_without_the_user_name(client, admin):
    labels = {"grant_type": "password", "reason": "invalid_credentials"}
    before = await scrape(client, admin)
    assert_problem(await login(client, "jiance_nobody", "wrong"), 401, "invalid_credentials")
    assert_problem(await login(client, "yuhu", "wrong-password"), 401, "invalid_credentials")
    refused = await client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": "nonsense"}
    )
    assert_problem(refused, 401, "invalid_grant")
    assert (await login(client, "yuhu")).status_code == 200
    response = await client.get("/metrics", headers=admin)
    after = parse(response.text)
    name = "zst_login_failures_total"
    assert value(after, name, **labels) - value(before, name, **labels) == 2
    refresh = {"grant_type": "refresh_token", "reason": "invalid_grant"}
    assert value(after, name, **refresh) - value(before, name, **refresh) == 1
    assert "jiance_nobody" not in response.text


async def test_the_escalation_run_shows_in_the_job_metrics(client, admin, auth_for):
    before = await scrape(client, admin)
    run = await client.post("/api/v1/tickets/escalation-runs", headers=await auth_for("supervisor"))
    assert run.status_code == 201, run.text
    after = await scrape(client, admin)
    labels = {"job": "escalation", "outcome": "ok"}
    assert (
        value(after, "zst_job_runs_total", **labels) - value(before, "zst_job_runs_total", **labels)
        == 1
    )
    assert (
        value(after, "zst_job_duration_seconds_count", **labels)
        - value(before, "zst_job_duration_seconds_count", **labels)
        == 1
    )
    assert value(after, "zst_job_duration_seconds_sum", **labels) > value(
        before, "zst_job_duration_seconds_sum", **labels
    )


@pytest.fixture
async def receiver():
    r = Receiver()
    await r.start()
    yield r
    await r.stop()


async def test_webhook_deliveries_count_delivered_failed_and_expired(
    app, client, admin, auth_for, receiver
):
    def outcomes(samples: Samples) -> dict[str, float]:
        return {
            o: value(samples, "zst_webhook_deliveries_total", outcome=o)
            for o in ("delivered", "failed", "expired")
        }

    start = outcomes(await scrape(client, admin))
    partner_client, _ = await partner(client, admin)
    await subscribe(client, admin, receiver.url, PROJECT_TYPES, api_client_id=partner_client["id"])
    yuhu = await auth_for("yuhu")
    await create_project(client, yuhu)
    receiver.status = 500
    await delivery.run_once(app)
    failed = outcomes(await scrape(client, admin))
    # Past its day of retries, the next failure is its last.
    await delivery.run_once(app, now=utcnow() + timedelta(hours=25))
    expired = outcomes(await scrape(client, admin))
    receiver.status = 200
    # That endpoint was disabled for failing a day long: another one hears the next project.
    partner_client, _ = await partner(client, admin)
    await subscribe(client, admin, receiver.url, PROJECT_TYPES, api_client_id=partner_client["id"])
    await create_project(client, yuhu)
    before_send = await scrape(client, admin)
    await delivery.run_once(app)
    after_send = await scrape(client, admin)
    delivered = outcomes(after_send)
    # The worker read the project through the API as the partner: part of the job, not a
    # request of its own.
    assert api_requests(after_send) == api_requests(before_send)

    def grew(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
        return {k: b[k] - a[k] for k in a}

    assert grew(start, failed) == {"delivered": 0, "failed": 1, "expired": 0}
    assert grew(failed, expired) == {"delivered": 0, "failed": 0, "expired": 1}
    assert grew(expired, delivered) == {"delivered": 1, "failed": 0, "expired": 0}


async def test_the_pool_shows_connections_in_use_and_checkouts_waiting(settings):
    """On an engine of one connection: one held, another checkout waits for it."""
    engine = create_async_engine(settings.database_url, pool_size=1, max_overflow=0)
    metrics = Metrics(engine)

    def reading(name: str) -> float:
        from prometheus_client import generate_latest

        return value(parse(generate_latest(metrics.registry).decode()), f"zst_db_pool_{name}")

    async def query() -> None:
        async with engine.connect() as connection:
            await connection.exec_driver_sql("SELECT 1")

    try:
        assert reading("size") == 1 and reading("waiting") == 0
        async with engine.connect() as held:
            await held.exec_driver_sql("SELECT 1")
            assert reading("in_use") == 1
            waiter = asyncio.create_task(query())
            for _ in range(200):
                if reading("waiting") == 1:
                    break
                await asyncio.sleep(0.01)
            assert reading("waiting") == 1
        await asyncio.wait_for(waiter, 10)
        assert reading("waiting") == 0 and reading("in_use") == 0 and reading("idle") == 1
    finally:
        await engine.dispose()


async def test_only_an_admin_or_the_metrics_token_may_read(
    client, auth_for, session, settings, monkeypatch
):
    assert_problem(await client.get("/metrics"), 401, "unauthorized")
    assert_problem(await client.get("/metrics", headers=bearer("not-a-token")), 401)
    assert (await client.get("/metrics", headers=await auth_for("admin"))).status_code == 200
    for username in ("coordinator", "supervisor", "viewer", "yuhu"):
        refused = await client.get("/metrics", headers=await auth_for(username))
        assert_problem(refused, 403, "forbidden")
    assert_problem(
        await client.get("/metrics", headers=await partner_minted(session, settings, "yuhu")), 403
    )

    token = "prometheus-" + uuid.uuid4().hex * 2
    # Unset, a token of that shape is just an invalid bearer token.
    assert_problem(await client.get("/metrics", headers=bearer(token)), 401)
    monkeypatch.setattr(settings, "metrics_token", SecretStr(token))
    scraped = await client.get("/metrics", headers=bearer(token))
    assert scraped.status_code == 200
    assert "zst_http_requests_total" in scraped.text
    assert "RateLimit" not in scraped.headers
    assert_problem(await client.get("/metrics", headers=bearer(token[:-1] + "x")), 401)


async def test_metrics_stays_out_of_the_api_document(client):
    document = (await client.get("/openapi.json")).json()
    assert "/metrics" not in document["paths"]
