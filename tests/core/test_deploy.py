"""The deployment: docker-compose.yml (nginx, two backend replicas, the job runner, a one-off
migrate step, PostgreSQL, Redis) and deploy/nginx.conf, run for real in front of two backends
when nginx is installed."""

import base64
import hashlib
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from app.core.body_limit import MULTIPART_FRAMING, size_label
from app.core.config import Settings
from app.main import create_app
from app.projects import excel_import
from tests.conftest import BACKEND
from tests.live_server import free_port, live_backends

REPO = BACKEND.parent
COMPOSE = REPO / "docker-compose.yml"
NGINX_CONF = REPO / "deploy" / "nginx.conf"
APP_SERVICES = ("migrate", "backend-1", "backend-2", "jobs")
BACKENDS = ("backend-1", "backend-2")
MIB = 1024 * 1024


def _compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def _inline_script_hashes(html: str) -> set[str]:
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.DOTALL)
    return {
        "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        for script in scripts
    }


def test_compose_runs_replicas_behind_nginx_with_one_job_runner():
    services = _compose()["services"]
    assert set(services) == {"db", "redis", "migrate", *BACKENDS, "jobs", "nginx"}
    for name, service in services.items():
        if name != "migrate":  # a one-off step: it exits
            assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"
    assert services["migrate"]["command"][:3] == ["python", "-m", "app.cli"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in (*BACKENDS, "jobs"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
    for name in BACKENDS:
        env = services[name]["environment"]
        # The replicas leave the scheduled jobs to the job runner.
        assert env["ESCALATION_INTERVAL_SECONDS"] == env["WEBHOOK_INTERVAL_SECONDS"] == "0"
        # X-Forwarded-* believed from nginx alone.
        nginx_ip = services["nginx"]["networks"]["default"]["ipv4_address"]
        assert env["FORWARDED_ALLOW_IPS"] == nginx_ip
    jobs = services["jobs"]
    assert jobs["command"][:4] == ["python", "-m", "app.cli", "jobs"]
    assert "ESCALATION_INTERVAL_SECONDS" not in jobs["environment"]
    assert "WEBHOOK_INTERVAL_SECONDS" not in jobs["environment"]
    assert {name: services["nginx"]["depends_on"][name]["condition"] for name in BACKENDS} == {
        name: "service_healthy" for name in BACKENDS
    }
    assert services["nginx"]["build"]["target"] == "web"
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]


def test_compose_environment_names_real_settings_and_demands_a_secret():
    services = _compose()["services"]
    settings = {name.upper() for name in Settings.model_fields}
    for name in APP_SERVICES:
        env = services[name]["environment"]
        unknown = set(env) - settings - {"ADMIN_USERNAME", "ADMIN_PASSWORD"}
        assert not unknown, f"{name}: {unknown} are no settings"
        assert env["APP_ENV"] == "production"
        assert env["JWT_SECRET"].startswith("${JWT_SECRET:?请设置 JWT_SECRET")
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://")
        assert env["REDIS_URL"].startswith("redis://")


@pytest.mark.skipif(
    shutil.which("docker-compose") is None, reason="docker-compose is not installed"
)
def test_compose_config_validates_and_refuses_without_a_secret(tmp_path: Path):
    no_env = tmp_path / "empty.env"  # not a developer's .env
    no_env.write_text("")
    command = [
        "docker-compose",
        "--env-file",
        str(no_env),
        "-f",
        str(COMPOSE),
        "config",
        "-q",
    ]
    env = {name: value for name, value in os.environ.items() if name != "JWT_SECRET"}
    ok = subprocess.run(
        command,
        env={**env, "JWT_SECRET": "x" * 40},
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    refused = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert refused.returncode != 0
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "请设置 JWT_SECRET（至少 32 字节的随机串）" in lines[0]


def test_nginx_conf_headers_body_cap_and_proxied_paths():
    conf = NGINX_CONF.read_text()
    for header in (
        "add_header Content-Security-Policy $csp always;",
        "add_header X-Content-Type-Options nosniff always;",
        "add_header Referrer-Policy strict-origin-when-cross-origin always;",
    ):
        assert header in conf
    policies = re.findall(r'^\s*(\S+) "(default-src [^"]+)";$', conf, re.MULTILINE)
    assert {uri for uri, _ in policies} == {
        "default",
        "/docs",
        "/docs/oauth2-redirect",
        "/redoc",
    }
    for _uri, policy in policies:
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert "'unsafe-eval'" not in policy and "script-src 'self'" in policy
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    # Every path the backend answers outside /api is proxied, not handed the SPA.
    location = re.search(r"location ~ (\^/\(api\S+) \{", conf)
    assert location
    proxied = re.compile(location.group(1))
    paths = {getattr(route, "path", "") for route in create_app().routes}
    for path in sorted(paths - {""}):
        assert proxied.match(path.replace("{", "").replace("}", "")), path
    assert not proxied.match("/projects/1") and not proxied.match("/assets/index.js")
    assert "server backend-1:8000" in conf and "server backend-2:8000" in conf


def _nginx_caps(conf: str) -> dict[str, tuple[int, str]]:
    """Each proxying location's body cap (bytes) and the detail of its 413."""
    details = dict(re.findall(r'location (@\w+) \{[^}]*"detail":"([^"]+)"', conf))
    caps = {}
    for where, size, unit, page in re.findall(
        r"location ([^{]+?) \{\s*client_max_body_size (\d+)([km]);\s*error_page 413 = (@\w+);",
        conf,
    ):
        caps[where] = (int(size) * (1024 if unit == "k" else MIB), details[page])
    return caps


def test_nginx_caps_bodies_exactly_as_the_backend():
    """The backend refuses an oversized body before reading it, which nginx (still sending it)
    would answer as 502: nginx refuses first, at the same sizes, in the same words."""
    conf = NGINX_CONF.read_text()
    settings = Settings()
    caps = _nginx_caps(conf)
    upload = settings.attachment_max_bytes
    assert caps == {
        "= /api/v1/projects/imports": (
            excel_import.MAX_UPLOAD_BYTES + MULTIPART_FRAMING,
            f"上传的文件不能超过 {size_label(excel_import.MAX_UPLOAD_BYTES)}",
        ),
        "~ ^/api/.+/(attachments|imports)$": (
            upload + MULTIPART_FRAMING,
            f"上传的文件不能超过 {size_label(upload)}",
        ),
        "~ ^/(api|docs|docs-assets|redoc|openapi\\.json|healthz|readyz)(/|$)": (
            settings.json_max_bytes,
            f"请求内容不能超过 {size_label(settings.json_max_bytes)}",
        ),
    }
    # Every operation taking an upload goes to an upload location.
    uploads = re.compile(r"^/api/.+/(attachments|imports)$")
    spec = create_app().openapi()
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {})
            if "multipart/form-data" in content:
                assert uploads.match(path), f"{path} takes uploads but nginx caps it at 1 MB"


async def test_docs_inline_scripts_are_allowed_by_their_hashes():
    """Swagger UI's page and its OAuth2 redirect page start with an inline script each: the CSP
    allows exactly those, by hash, so a FastAPI upgrade that changes them fails here."""
    conf = NGINX_CONF.read_text()
    app = create_app()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        for uri in ("/docs", "/docs/oauth2-redirect"):
            hashes = _inline_script_hashes((await client.get(uri)).text)
            assert hashes
            policy = re.search(rf'^\s*{re.escape(uri)} "([^"]+)";$', conf, re.MULTILINE)
            assert policy
            allowed = set(re.findall(r"'(sha256-[^']+)'", policy.group(1)))
            assert allowed == hashes, f"{uri}: CSP allows {allowed}, the page has {hashes}"
        assert not _inline_script_hashes((await client.get("/redoc")).text)


def _render_for_test(workdir: Path, listen: int, upstreams: list[str], spa: Path) -> Path:
    """deploy/nginx.conf with this machine's paths: the backends' addresses, a port of its
    own, the test's SPA folder and temp folders."""
    conf = NGINX_CONF.read_text()
    conf = conf.replace("server backend-1:8000", f"server {upstreams[0]}")
    conf = conf.replace("server backend-2:8000", f"server {upstreams[1]}")
    conf = conf.replace("listen 80 default_server;", f"listen 127.0.0.1:{listen} default_server;")
    conf = conf.replace("root /usr/share/nginx/html;", f"root {spa};")
    conf = conf.replace("user nginx;", "user root;" if os.geteuid() == 0 else "")
    conf = conf.replace("access_log /dev/stdout;", f"access_log {workdir}/access.log;")
    temp = "".join(
        f"    {kind}_temp_path {workdir}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = conf.replace("http {\n", "http {\n" + temp, 1)
    assert conf.count(str(spa)) == 1 and f"127.0.0.1:{listen}" in conf
    path = workdir / "nginx.conf"
    path.write_text(conf)
    return path


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_in_front_of_two_backends(tmp_path: Path):
    spa = tmp_path / "spa"
    (spa / "assets").mkdir(parents=True)
    (spa / "index.html").write_text("<!doctype html><title>招商通</title><div id=root></div>")
    (spa / "assets" / "index-abc.js").write_text("console.log('招商通');\n" * 400)
    port = free_port()
    with live_backends(tmp_path, "_nginx", count=2) as servers:
        upstreams = [url.removeprefix("http://") for url, _log in servers]
        conf = _render_for_test(tmp_path, port, upstreams, spa)
        nginx = ["nginx", "-p", str(tmp_path), "-c", str(conf)]
        pid = f"pid {tmp_path}/nginx.pid;"
        checked = subprocess.run(
            [*nginx, "-t", "-g", pid], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, checked.stderr
        proc = subprocess.Popen(
            [*nginx, "-g", f"daemon off; {pid}"],
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / "nginx.err").open("w"),
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 20
            while True:
                try:
                    httpx.get(f"{base}/index.html", timeout=2)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, (tmp_path / "nginx.err").read_text()
                    time.sleep(0.2)
            _check_through_nginx(base, servers)
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def _check_through_nginx(base: str, servers: list[tuple[str, Path]]) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        page = http.get("/projects/42")  # a page of the SPA: its index.html
        assert page.status_code == 200 and "招商通" in page.text
        csp = page.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self';" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert page.headers["cache-control"] == "no-cache"

        asset = http.get("/assets/index-abc.js", headers={"Accept-Encoding": "gzip"})
        assert asset.headers["content-encoding"] == "gzip"
        assert "immutable" in asset.headers["cache-control"]

        # The backend's answers come through, compressed, with the same headers.
        spec = http.get("/openapi.json", headers={"Accept-Encoding": "gzip"})
        assert spec.status_code == 200 and spec.json()["info"]["title"] == "招商通 API"
        assert spec.headers["content-encoding"] == "gzip"
        assert spec.headers["x-content-type-options"] == "nosniff"
        assert http.get("/readyz").json() == {"status": "ok"}
        docs = http.get("/docs")
        assert _inline_script_hashes(docs.text) <= set(
            re.findall(r"'(sha256-[^']+)'", docs.headers["content-security-policy"])
        )
        assert http.get("/docs-assets/swagger-ui.css").status_code == 200
        missing = http.get("/api/v1/no-such-thing")
        assert missing.headers["content-type"].startswith("application/problem+json")

        # Bodies over the backend's caps: refused by nginx in the backend's words, never a 502.
        for path, size, detail in (
            ("/api/v1/auth/token", 2 * MIB, "请求内容不能超过 1 MB"),
            (
                "/api/v1/tickets/1/attachments",
                10 * MIB + 20_000,
                "上传的文件不能超过 10 MB",
            ),
            ("/api/v1/projects/imports", 5 * MIB + 20_000, "上传的文件不能超过 5 MB"),
        ):
            refused = http.post(
                path,
                content=b" " * size,
                headers={"Content-Type": "multipart/form-data; b=x"},
            )
            assert refused.status_code == 413, (path, refused.text)
            assert refused.headers["content-type"] == "application/problem+json"
            assert refused.json()["code"] == "payload_too_large"
            assert refused.json()["detail"] == detail
            assert refused.headers["x-content-type-options"] == "nosniff"
        # Under the cap, the body reaches the backend (which answers for itself: a problem with
        # its request id).
        upload = http.post(
            "/api/v1/tickets/1/attachments",
            content=b" " * (9 * MIB),
            headers={"Content-Type": "multipart/form-data; boundary=x"},
        )
        assert upload.status_code not in (413, 502) and upload.json()["request_id"]

        # Both replicas serve.
        for _ in range(12):
            assert http.get("/healthz").status_code == 200
    for _url, log in servers:
        assert "GET /healthz" in log.read_text(), f"{log} got no request through nginx"
