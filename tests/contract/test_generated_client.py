"""A Python client generated from openapi/openapi.json by openapi-python-client, as a partner
system would make one: it generates without a warning, installs under an ASCII name and types the
responses (a schema the generator cannot read leaves its operations returning Any)."""

import importlib
import os
import subprocess
import sys
import typing
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "zhaoshangtong_client"


@pytest.fixture(scope="module")
def client_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    workdir = tmp_path_factory.mktemp("generated")
    # No --output-path: the package directory is named by openapi/client-config.yaml. The
    # generator's ruff post-hooks run from this virtualenv, offline.
    env = {
        **os.environ,
        "PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
        "COLUMNS": "200",
    }
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(REPO / "openapi" / "openapi.json"),
            "--config",
            str(REPO / "openapi" / "client-config.yaml"),
            "--meta",
            "none",
            "--fail-on-warning",
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower() and "error" not in output.lower(), output
    assert (workdir / PACKAGE / "__init__.py").is_file(), output

    sys.path.insert(0, str(workdir))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(workdir))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def returns(package: ModuleType, operation: str) -> set[str]:
    module = importlib.import_module(f"{package.__name__}.api.{operation}")
    hint = typing.get_type_hints(module.sync)["return"]
    return {getattr(arg, "__name__", repr(arg)) for arg in typing.get_args(hint)}


def test_modules_are_named_by_ascii_tags(client_package):
    api = Path(client_package.__file__).parent / "api"
    tags = {p.name for p in api.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert {"projects", "tickets", "meetings", "reviews", "auth"} <= tags
    assert all(name.isascii() for name in tags)


@pytest.mark.parametrize(
    ("operation", "model"),
    [
        ("tickets.read_ticket", "TicketRead"),
        ("tickets.list_tickets", "PageTicketRead"),
        ("meetings.read_meeting", "MeetingRead"),
        ("meetings.read_decision", "DecisionRead"),
        ("reviews.read_review_round", "ReviewRoundRead"),
        ("auth.read_me", "Me"),
        ("projects.export_projects", "File"),
        ("meetings.download_meeting_minutes", "File"),
    ],
)
def test_operations_return_typed_models(client_package, operation, model):
    assert returns(client_package, operation) == {model, "Problem", "NoneType"}


def test_if_match_is_a_required_argument(client_package):
    module = importlib.import_module(f"{PACKAGE}.api.meetings.update_meeting")
    assert typing.get_type_hints(module.sync)["if_match"] is str


async def test_a_partner_flow_through_the_generated_client(
    client_package, app, client, admin, auth_for
):
    """Token, a list read page by page, a create retried with its Idempotency-Key, another
    unit's project → 404 — through the generated client, as a partner's developer writes it."""
    import httpx

    from tests.helpers import unit_id
    from tests.projects.factories import project_body

    models = importlib.import_module(f"{PACKAGE}.models")
    unset = importlib.import_module(f"{PACKAGE}.types").UNSET
    issue_token = importlib.import_module(f"{PACKAGE}.api.auth.issue_token")
    list_projects = importlib.import_module(f"{PACKAGE}.api.projects.list_projects")
    create_project = importlib.import_module(f"{PACKAGE}.api.projects.create_project")
    read_project = importlib.import_module(f"{PACKAGE}.api.projects.read_project")
    registered = await client.post(
        "/api/v1/api-clients",
        json={
            "name": "雨湖区政务平台",
            "unit_id": await unit_id(client, admin, "yuhu"),
            "scopes": ["projects:read", "projects:write"],
        },
        headers=admin,
    )
    credentials = registered.json()

    # The partner's client, talking to this app in-process instead of over the network.
    wire = {"transport": httpx.ASGITransport(app=app)}
    anonymous = client_package.Client(base_url="http://testserver", httpx_args=wire)
    token = await issue_token.asyncio(
        client=anonymous,
        body=models.BodyIssueToken(
            grant_type=models.BodyIssueTokenGrantType.CLIENT_CREDENTIALS,
            client_id=credentials["client_id"],
            client_secret=credentials["client_secret"],
        ),
    )
    assert isinstance(token, models.TokenResponse), token
    partner = client_package.AuthenticatedClient(
        base_url="http://testserver", token=token.access_token, httpx_args=wire
    )

    seen, cursor = [], None
    for _ in range(3):
        page = await list_projects.asyncio(client=partner, limit=2, cursor=cursor or unset)
        assert isinstance(page, models.PageProjectRead), page
        seen += [p.id for p in page.items]
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == 6
    assert all(p.owner_unit_name == "雨湖区" for p in page.items)

    body = models.ProjectCreate.from_dict(project_body(name="合作系统报送的项目"))
    key = str(uuid.uuid4())
    first = await create_project.asyncio_detailed(client=partner, body=body, idempotency_key=key)
    again = await create_project.asyncio_detailed(client=partner, body=body, idempotency_key=key)
    assert first.status_code == again.status_code == 201
    assert first.parsed.id == again.parsed.id  # the retry answered the first create's response

    other = await client.post(
        "/api/v1/projects",
        json=project_body(
            name="岳塘区的项目", owner_unit_id=await unit_id(client, admin, "yuetang")
        ),
        headers=await auth_for("coordinator"),
    )
    assert other.status_code == 201, other.text
    hidden = await read_project.asyncio_detailed(
        client=partner, project_id=uuid.UUID(other.json()["id"])
    )
    assert hidden.status_code == 404
    assert isinstance(hidden.parsed, models.Problem) and hidden.parsed.code == "not_found"
