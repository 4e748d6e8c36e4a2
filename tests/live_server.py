"""The real backend in a uvicorn process of its own, for tests that talk to it over the network
(the browser tests, the API fuzzer): a fresh database migrated and seeded by the project's CLI,
127.0.0.1 on a free port, stdout and stderr in a log file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import BACKEND, fresh_database_url


def backend_python() -> str:
    venv = BACKEND / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        if server.poll() is not None:
            pytest.exit(f"backend exited early:\n{log.read_text()}", returncode=1)
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.exit("backend did not answer /healthz within 60 s", returncode=1)
        time.sleep(0.25)


@contextmanager
def live_backend(
    workdir: Path, suffix: str, extra_env: dict[str, str] | None = None
) -> Iterator[tuple[str, Path]]:
    """Yield the base URL and the server log path; the server is stopped on exit.

    `suffix` names the database (PostgreSQL: TEST_DATABASE_URL's name plus the suffix), so runs
    that share a TEST_DATABASE_URL never share a database."""
    with live_backends(workdir, suffix, extra_env, count=1) as servers:
        yield servers[0]


@contextmanager
def live_backends(
    workdir: Path, suffix: str, extra_env: dict[str, str] | None = None, count: int = 2
) -> Iterator[list[tuple[str, Path]]]:
    """`count` backend processes on one freshly migrated and seeded database, as a deployment
    runs several: each one's base URL and log path."""
    env = prepared_database(workdir, suffix, extra_env)
    with ExitStack() as stack:
        servers = [
            stack.enter_context(_uvicorn(env, workdir / f"server{n or ''}.log"))
            for n in range(count)
        ]
        yield servers


def backend_env(
    workdir: Path, suffix: str, extra_env: dict[str, str] | None = None
) -> dict[str, str]:
    """The environment of a backend process on the database `suffix` names (see live_backend)."""
    return {
        **os.environ,
        "DATABASE_URL": fresh_database_url(workdir, suffix),
        "APP_ENV": "test",
        "ATTACHMENTS_DIR": str(workdir / "attachments"),
        # Tests run the escalation job when they mean to (as a supervisor would).
        "ESCALATION_INTERVAL_SECONDS": "0",
        # Browser tests and the fuzzer sign in and call far faster than people do.
        "RATE_LIMIT_USER_PER_MINUTE": "1000000",
        "RATE_LIMIT_PARTNER_PER_MINUTE": "1000000",
        "RATE_LIMIT_LOGIN_PER_MINUTE": "1000000",
        **(extra_env or {}),
    }


def prepared_database(
    workdir: Path, suffix: str, extra_env: dict[str, str] | None = None
) -> dict[str, str]:
    """A fresh database migrated and seeded by the project's CLI: the backend's environment."""
    env = backend_env(workdir, suffix, extra_env)
    for command in ("migrate", "seed"):
        done = subprocess.run(
            [backend_python(), "-m", "app.cli", command],
            cwd=BACKEND,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        if done.returncode != 0:
            pytest.exit(f"`app.cli {command}` failed:\n{done.stdout}\n{done.stderr}", returncode=1)
    return env


class Backend:
    """One uvicorn process of the backend on a fixed port, which a test may kill and start
    again (as a crash and a supervisor's restart would)."""

    def __init__(self, env: dict[str, str], log_path: Path, port: int | None = None) -> None:
        self.env = env
        self.log_path = log_path
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(
                [
                    backend_python(),
                    "-m",
                    "uvicorn",
                    "app.main:app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                cwd=BACKEND,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        _wait_healthy(self.url, self.process, self.log_path)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no cleanup, connections dropped mid-request."""
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def stop(self) -> int | None:
        """SIGTERM, as a supervisor stops a process; its exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.terminate()
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


@contextmanager
def _uvicorn(env: dict[str, str], log_path: Path) -> Iterator[tuple[str, Path]]:
    log_path.write_text("")
    server = Backend(env, log_path)
    try:
        server.start()
        yield server.url, log_path
    finally:
        server.stop()
