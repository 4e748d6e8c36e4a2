"""LOG_FORMAT=json in a real uvicorn process: every line it writes is one JSON object, and each
request has one access line carrying its request id, route template, status, duration and
caller."""

import json
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from app.demo.units_users import DEMO_PASSWORD
from tests.helpers import bearer
from tests.live_server import live_backend


def _records(log: Path) -> list[dict[str, Any]]:
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    return [json.loads(line) for line in lines]  # fails on any line that is not JSON


def _access_lines(log: Path, request_id: str) -> list[dict[str, Any]]:
    """The access lines of one request, waiting a moment for the server to write them."""
    deadline = time.monotonic() + 10
    while True:
        found = [
            r
            for r in _records(log)
            if r.get("request_id") == request_id and r["logger"] == "app.access"
        ]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_json_logs_are_one_object_a_line_with_the_request_and_its_caller(tmp_path):
    with live_backend(tmp_path, "_jsonlog", {"LOG_FORMAT": "json"}) as (url, log):
        with httpx.Client(base_url=url, timeout=30) as http:
            signed_in = http.post(
                "/api/v1/auth/token",
                data={"grant_type": "password", "username": "yuhu", "password": DEMO_PASSWORD},
            )
            assert signed_in.status_code == 200, signed_in.text
            headers = bearer(signed_in.json()["access_token"])
            me = http.get("/api/v1/auth/me", headers=headers).json()

            asked = uuid.uuid4().hex
            missing = uuid.uuid4()
            read = http.get(
                f"/api/v1/projects/{missing}", headers={**headers, "X-Request-ID": asked}
            )
            assert read.status_code == 404
            assert read.headers["X-Request-ID"] == asked
            anonymous = http.get("/api/v1/projects")
            assert anonymous.status_code == 401

        [line] = _access_lines(log, asked)
        assert line["level"] == "INFO"
        assert line["method"] == "GET"
        assert line["route"] == "/api/v1/projects/{project_id}"
        assert line["path"] == f"/api/v1/projects/{missing}"
        assert line["status"] == 404
        assert isinstance(line["duration_ms"], int | float) and line["duration_ms"] >= 0
        assert line["user_id"] == me["id"]
        assert "api_client_id" not in line
        assert datetime.fromisoformat(line["time"]).utcoffset() is not None
        assert str(missing) in line["message"] and "404" in line["message"]

        [unknown] = _access_lines(log, anonymous.headers["X-Request-ID"])
        assert unknown["status"] == 401 and unknown["route"] == "/api/v1/projects"
        assert "user_id" not in unknown

    records = _records(log)
    # uvicorn's own lines (its start and stop) are JSON too, outside any request.
    started = [r for r in records if r["logger"].startswith("uvicorn")]
    assert started and all(r["request_id"] is None for r in started)
    assert {"time", "level", "logger", "message", "request_id"} <= set(started[0])
    # One line per request: uvicorn's access log does not repeat them.
    assert not [r for r in records if r["logger"] == "uvicorn.access"]
    access = [r for r in records if r["logger"] == "app.access"]
    assert len({r["request_id"] for r in access}) == len(access)
