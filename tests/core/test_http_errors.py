"""Errors at the HTTP layer: a 500 keeps the connection usable; unsupported methods on API
paths answer 405 with `Allow`, with or without the SPA mounted."""

import logging
import socket
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from asgi_correlation_id import CorrelationIdFilter
from fastapi import APIRouter, FastAPI, Request

from app.core.config import Settings
from app.main import create_app
from tests.helpers import assert_problem


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.addFilter(CorrelationIdFilter())
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_url(settings: Settings) -> Iterator[str]:
    """A real uvicorn server in a thread, with a route that fails and one naming the client's
    port (so a test can tell whether two requests shared a connection)."""
    application = create_app(settings.model_copy(update={"spa_dist": Path("/nonexistent")}))
    router = APIRouter()

    @router.get("/test-boom")
    async def boom() -> None:
        raise RuntimeError("SELECT secret")

    @router.get("/test-peer")
    async def peer(request: Request) -> dict[str, int]:
        assert request.client is not None
        return {"port": request.client.port}

    application.include_router(router)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(application, host="127.0.0.1", port=port, lifespan="off", log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_server_error_keeps_the_connection_and_is_logged_once(live_url):
    app_log, server_log = Captured(), Captured()
    logging.getLogger("app.errors").addHandler(app_log)
    logging.getLogger("uvicorn.error").addHandler(server_log)
    try:
        with httpx.Client(base_url=live_url, timeout=10) as c:
            first = c.get("/test-peer")
            failed = c.get("/test-boom")
            after = c.get("/test-peer")
    finally:
        logging.getLogger("app.errors").removeHandler(app_log)
        logging.getLogger("uvicorn.error").removeHandler(server_log)

    body = assert_problem(failed, 500, "internal_error")
    assert "SELECT" not in failed.text
    assert failed.headers.get("connection") != "close"
    assert after.status_code == 200
    assert after.json()["port"] == first.json()["port"], "the 500 closed the connection"
    request_id = failed.headers["x-request-id"]
    assert body["request_id"] == request_id
    logged = [(r.exc_info is not None, getattr(r, "correlation_id", None)) for r in app_log.records]
    assert logged == [(True, request_id)]
    assert server_log.records == []


@pytest.fixture(params=["without-spa", "with-spa"])
async def any_app(
    request: pytest.FixtureRequest, settings: Settings, tmp_path: Path
) -> AsyncIterator[FastAPI]:
    dist = Path("/nonexistent")
    if request.param == "with-spa":
        dist = tmp_path / "dist"
        dist.mkdir()
        (dist / "index.html").write_text("<html>招商通</html>")
    application = create_app(settings.model_copy(update={"spa_dist": dist}))
    yield application
    await application.state.engine.dispose()


async def test_unsupported_method_on_api_path_is_405_with_allow(any_app):
    transport = httpx.ASGITransport(app=any_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        response = await c.delete("/api/v1/projects")
        assert_problem(response, 405, "method_not_allowed")
        assert response.headers["allow"] == "GET, POST"
        response = await c.put(f"/api/v1/projects/{uuid.uuid4()}/transitions")
        assert_problem(response, 405, "method_not_allowed")
        assert response.headers["allow"] == "GET, POST"
        for path in ("/api/v1/no-such-thing", "/api", "/api/", "/api/index.html"):
            assert_problem(await c.get(path), 404, "not_found")


async def test_spa_answers_page_paths_but_never_api_paths(settings, tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<html>招商通</html>")
    application = create_app(settings.model_copy(update={"spa_dist": dist}))
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        page = await c.get("/projects/some-id")
        assert page.status_code == 200 and "招商通" in page.text
        assert_problem(await c.get("/api/v2/projects"), 404, "not_found")
    await application.state.engine.dispose()
