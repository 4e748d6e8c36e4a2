"""Starting up for real, in processes of their own: a refused configuration and a taken port end
in one line (no traceback), "已启动" comes once the port answers, a missing PostgreSQL database is
created by `migrate`, and replicas migrating at once both succeed (an advisory lock)."""

import os
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import BACKEND, alembic, database_url_of, drop_database
from tests.live_server import backend_python, free_port

REPO = BACKEND.parent
ON_POSTGRES = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
postgres_only = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="PostgreSQL only: TEST_DATABASE_URL names no PostgreSQL database",
)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("JWT_SECRET", "APP_ENV", "DATABASE_URL")
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'startup.db'}",
            "ESCALATION_INTERVAL_SECONDS": "0",
            "WEBHOOK_INTERVAL_SECONDS": "0",
            **extra,
        }
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "uvicorn", "app.main:app", "--port", "0"],
        ["-m", "app.cli", "migrate"],
        ["-m", "app.cli", "serve", "--port", "0"],
    ],
    ids=["uvicorn", "cli-migrate", "cli-serve"],
)
def test_production_without_a_secret_refuses_in_one_line(tmp_path: Path, command: list[str]):
    done = _run([backend_python(), *command], _env(tmp_path, APP_ENV="production"))
    assert done.returncode != 0
    line = _one_line(done.stderr)
    assert "JWT_SECRET" in line and "请设置" in line and "32 字节" in line
    assert not (tmp_path / "startup.db").exists(), "nothing may happen before the refusal"


def test_a_short_secret_refuses_in_one_line(tmp_path: Path):
    done = _run(
        [backend_python(), "-m", "app.cli", "migrate"],
        _env(tmp_path, APP_ENV="development", JWT_SECRET="too-short"),
    )
    assert done.returncode != 0
    line = _one_line(done.stderr)
    assert "JWT_SECRET" in line and "32 字节" in line


def test_a_taken_port_is_one_line_naming_port(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = _run(
            [backend_python(), "-m", "app.cli", "serve", "--port", str(port)],
            _env(tmp_path, APP_ENV="test"),
        )
        # `make run` checks before installing and building anything.
        made = subprocess.run(
            ["make", "--no-print-directory", "port-free", f"PORT={port}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    for done in (served, made):
        assert done.returncode != 0
        line = _one_line(done.stderr)
        assert f"端口 {port} 已被占用" in line and "PORT" in line


def test_make_port_free_passes_a_free_port():
    made = subprocess.run(
        ["make", "--no-print-directory", "port-free", f"PORT={free_port()}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout == made.stderr == ""


def test_started_is_printed_once_the_port_answers(tmp_path: Path):
    port = free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [backend_python(), "-m", "app.cli", "serve", "--port", str(port)],
        cwd=BACKEND,
        # A proxy elsewhere: this caller's X-Forwarded-For is not believed.
        env=_env(tmp_path, APP_ENV="test", FORWARDED_ALLOW_IPS="10.9.9.9"),
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert "已启动" in line and f"http://127.0.0.1:{port}" in line, line + log_path.read_text()
        # At once, no retry: the banner comes after the server accepts connections.
        answer = httpx.get(
            f"http://127.0.0.1:{port}/healthz",
            headers={"X-Forwarded-For": "203.0.113.7"},
            timeout=10,
        )
        assert answer.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    access = [row for row in log_path.read_text().splitlines() if "GET /healthz" in row]
    assert access and "127.0.0.1:" in access[0] and "203.0.113.7" not in access[0], access


@postgres_only
def test_migrate_creates_a_missing_database(tmp_path: Path):
    url = database_url_of(tmp_path, "_missing")
    drop_database(url)
    try:
        done = _run(
            [backend_python(), "-m", "app.cli", "migrate"],
            _env(tmp_path, APP_ENV="test", DATABASE_URL=url),
        )
        assert done.returncode == 0, done.stderr
        assert "不存在，已创建" in done.stdout
        assert "(head)" in alembic(url, "current")
    finally:
        drop_database(url)


@postgres_only
def test_replicas_migrating_at_once_both_succeed(tmp_path: Path):
    """Two `migrate`s on a database that does not exist yet: one creates it, and the advisory
    lock has them migrate one after the other (without it both create alembic_version)."""
    url = database_url_of(tmp_path, "_race")
    drop_database(url)
    env = _env(tmp_path, APP_ENV="test", DATABASE_URL=url)
    try:
        runs = [
            subprocess.Popen(
                [backend_python(), "-m", "app.cli", "migrate"],
                cwd=BACKEND,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        deadline = time.monotonic() + 300
        outputs = [run.communicate(timeout=max(1, deadline - time.monotonic())) for run in runs]
        for run, (_out, err) in zip(runs, outputs, strict=True):
            assert run.returncode == 0, err
        assert "(head)" in alembic(url, "current")
        # The migrations ran once: the second found the database at head.
        upgrades = [err.count("Running upgrade") for _out, err in outputs]
        assert min(upgrades) == 0 and max(upgrades) > 0, upgrades
    finally:
        drop_database(url)


def test_jobs_runs_the_scheduled_jobs_and_keeps_a_heartbeat(tmp_path: Path):
    """`app.cli jobs`: the job runner of a deployment whose API processes run no jobs (their
    intervals 0 here too: the runner uses the defaults then)."""
    env = _env(tmp_path, APP_ENV="test")
    assert _run([backend_python(), "-m", "app.cli", "migrate"], env).returncode == 0
    heartbeat = tmp_path / "jobs.alive"
    log = (tmp_path / "jobs.log").open("w")
    runner = subprocess.Popen(
        [backend_python(), "-m", "app.cli", "jobs", "--heartbeat", str(heartbeat)],
        cwd=BACKEND,
        env={**env, "LOG_LEVEL": "DEBUG"},
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        assert runner.stdout is not None
        line = runner.stdout.readline()
        assert "后台任务已启动" in line and "3600 秒" in line and "2 秒" in line, line
        deadline = time.monotonic() + 60
        while not heartbeat.exists():
            assert runner.poll() is None, (tmp_path / "jobs.log").read_text()
            assert time.monotonic() < deadline, "no heartbeat within 60 s"
            time.sleep(0.2)
        assert runner.poll() is None
    finally:
        runner.terminate()
        runner.wait(timeout=30)
        log.close()
    # The escalation run went through (its report periods opened on the empty database).
    assert "Traceback" not in (tmp_path / "jobs.log").read_text()


def test_browser_tests_without_chromium_stop_in_one_line():
    done = subprocess.run(
        [backend_python(), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/e2e"],
        cwd=REPO,
        env={**os.environ, "E2E_CHROMIUM": "/nonexistent/chromium"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "apt-get install chromium fonts-noto-cjk" in output
    assert "Traceback" not in output and "Error" not in output, output
    assert len(output.strip().splitlines()) <= 3, output
