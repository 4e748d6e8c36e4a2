"""The whole OpenAPI document fuzzed by Schemathesis against the real server, once per identity.

The backend runs in uvicorn on 127.0.0.1 over a fresh migrated and seeded database (SQLite, or
PostgreSQL under TEST_DATABASE_URL). Each identity's run uses all four phases (examples,
coverage, fuzzing, stateful) and every check; tests/fuzz/schemathesis.toml says where one is
relaxed and why. A run fails on any failure Schemathesis reports (its output, with a curl
command per failure, is in the assertion message; add `-H 'Authorization: Bearer …'`) and on
any unhandled exception the server logged while it ran.

Bounded: each run has a time budget (`FUZZ_MAX_TIME` seconds, default 40) after which
Schemathesis stops on its own; a hard timeout kills it if it does not. The seed is fixed
(`FUZZ_SEED`) so a failing run can be repeated.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.core.permissions import PARTNER_SCOPES
from app.demo.units_users import DEMO_PASSWORD
from tests.live_server import backend_python, live_backend

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "schemathesis.toml"
HOOKS = HERE / "hooks.py"
MAX_TIME = int(os.environ.get("FUZZ_MAX_TIME", "40"))
SEED = os.environ.get("FUZZ_SEED", "20261127")
# Time past the budget for the last scenario, shrinking a failure and writing reports.
GRACE = 120
PARTNER_UNIT = "yuhu"

# The people the runs act as (demo users), and a partner system bound to a district.
IDENTITIES = {
    "coordinator": "市商务局统筹（coordinator）",
    "yuhu": "县市区经办（雨湖区）",
    "zrzy": "市直部门经办（市自然资源和规划局）",
    "partner": "合作系统（client_credentials，绑定雨湖区）",
}

# Path parameters and the list that shows their values to the identity: random UUIDs only ever
# reach "not found", so most of the time a run uses an object the identity can see.
KNOWN_IDS = {
    "project_id": "/api/v1/projects",
    "ticket_id": "/api/v1/tickets",
    "meeting_id": "/api/v1/meetings",
    "decision_id": "/api/v1/decisions",
    "round_id": "/api/v1/review-rounds",
    "unit_id": "/api/v1/units",
    "user_id": "/api/v1/users",
    "notification_id": "/api/v1/notifications",
    "assignment_id": "/api/v1/assignments",
    "item_id": "/api/v1/dictionaries",
}
KNOWN_ID_PROBABILITY = 0.8

UNHANDLED = re.compile(r"Traceback \(most recent call last\)|unhandled error")


@dataclass
class Target:
    url: str
    log: Path
    workdir: Path
    tokens: dict[str, str]
    ids: dict[str, dict[str, list[str]]]


def _password_token(http: httpx.Client, username: str) -> str:
    r = http.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": DEMO_PASSWORD},
    )
    assert r.status_code == 200, f"sign-in as {username}: {r.status_code} {r.text}"
    return str(r.json()["access_token"])


def _partner_token(http: httpx.Client) -> str:
    admin = {"Authorization": f"Bearer {_password_token(http, 'admin')}"}
    units = http.get("/api/v1/units", params={"limit": 200}, headers=admin)
    assert units.status_code == 200, units.text
    unit_id = next(u["id"] for u in units.json()["items"] if u["code"] == PARTNER_UNIT)
    created = http.post(
        "/api/v1/api-clients",
        json={
            "name": "模糊测试合作系统",
            "unit_id": unit_id,
            "scopes": sorted(s.value for s in PARTNER_SCOPES),
        },
        headers={**admin, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert created.status_code == 201, created.text
    client = created.json()
    r = http.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client["client_id"],
            "client_secret": client["client_secret"],
        },
    )
    assert r.status_code == 200, f"partner token: {r.status_code} {r.text}"
    return str(r.json()["access_token"])


def _known_ids(http: httpx.Client, token: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for parameter, path in KNOWN_IDS.items():
        r = http.get(path, params={"limit": 5}, headers={"Authorization": f"Bearer {token}"})
        if r.status_code != 200:
            continue  # not this identity's to list
        body = r.json()
        items = body["items"] if isinstance(body, dict) else body
        if ids := [str(item["id"]) for item in items[:5]]:
            found[parameter] = ids
    return found


def _run_config(run_dir: Path, ids: dict[str, list[str]]) -> Path:
    """The shared settings plus this identity's known objects as fuzz dictionaries."""
    lines = [CONFIG.read_text(), "", "[parameters]"]
    lines += [
        f'"path.{name}" = {{ dictionary = "{name}", probability = {KNOWN_ID_PROBABILITY} }}'
        for name in ids
    ]
    for name, values in ids.items():
        lines += ["", f"[dictionaries.{name}]", f"values = {json.dumps(values)}"]
    path = run_dir / "schemathesis.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    workdir = tmp_path_factory.mktemp("fuzz")
    # Served as in production: the SPA's catch-all route decides what unknown paths and methods
    # answer, so the runs must not depend on whether the SPA happens to be built.
    spa = workdir / "spa"
    spa.mkdir()
    (spa / "index.html").write_text("<!doctype html><title>招商通</title>")
    with live_backend(workdir, "_fuzz", {"SPA_DIST": str(spa)}) as (url, log):
        # All tokens first (they last 15 minutes, longer than the four runs): a run may change
        # what a later sign-in would need.
        with httpx.Client(base_url=url, timeout=30) as http:
            tokens = {
                name: _partner_token(http) if name == "partner" else _password_token(http, name)
                for name in IDENTITIES
            }
            ids = {name: _known_ids(http, token) for name, token in tokens.items()}
        yield Target(url, log, workdir, tokens, ids)


def _failures_section(output: str, limit: int = 20_000) -> str:
    """Schemathesis' failure list with its reproducing curl commands, then the summary."""
    start = output.find("= FAILURES =")
    text = output[output.rfind("\n", 0, start) + 1 :] if start >= 0 else output
    if len(text) > limit:
        text = text[: limit // 2] + "\n[… cut; the whole output is in the file named above …]\n"
        text += output[-limit // 2 :]
    return text


@pytest.mark.parametrize("identity", list(IDENTITIES))
def test_fuzz_whole_api(identity: str, target: Target) -> None:
    run_dir = target.workdir / identity
    run_dir.mkdir()
    output_path = run_dir / "schemathesis.txt"
    log_offset = target.log.stat().st_size
    command = [
        str(Path(backend_python()).with_name("schemathesis")),
        "--config-file",
        str(_run_config(run_dir, target.ids[identity])),
        "run",
        f"{target.url}/openapi.json",
        "--header",
        f"Authorization: Bearer {target.tokens[identity]}",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--checks",
        "all",
        "--seed",
        SEED,
        "--max-time",
        str(MAX_TIME),
        "--report",
        "junit,ndjson",
        "--report-dir",
        str(run_dir),
    ]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": str(HOOKS),
        "FUZZ_FRESH_IDEMPOTENCY_KEY": "1" if identity == "partner" else "0",
    }
    timed_out = False
    with output_path.open("w") as out:
        try:
            # The working directory is a temporary one: whatever Schemathesis or Hypothesis
            # writes next to it stays out of the repository.
            done = subprocess.run(
                command,
                cwd=run_dir,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=MAX_TIME + GRACE,
                check=False,
            )
            returncode = done.returncode
        except subprocess.TimeoutExpired:
            timed_out, returncode = True, -1
    output = output_path.read_text()
    server_log = target.log.read_text(errors="replace")[log_offset:]

    problems = []
    if timed_out:
        problems.append(f"Schemathesis did not stop within {MAX_TIME + GRACE} s")
    if returncode != 0:
        problems.append(
            f"Schemathesis as {IDENTITIES[identity]} exited {returncode} "
            f"(output: {output_path}):\n{_failures_section(output)}"
        )
    if UNHANDLED.search(server_log):
        count = server_log.count("unhandled error") or server_log.count("Traceback")
        problems.append(
            f"the server logged {count} unhandled exception(s) during the run "
            f"(log: {target.log}); the first:\n{_first_traceback(server_log)}"
        )
    assert not problems, "\n\n".join(problems)


def _first_traceback(log: str, lines: int = 40) -> str:
    rows = log.splitlines()
    first = next(i for i, row in enumerate(rows) if UNHANDLED.search(row))
    return "\n".join(rows[first : first + lines])
