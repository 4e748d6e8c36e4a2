"""A Python client generated from openapi/openapi.json by openapi-python-client, as a partner
system would make one: it generates without a warning, installs under an ASCII name and types the
responses (a schema the generator cannot read leaves its operations returning Any)."""

import importlib
import os
import subprocess
import sys
import typing
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
