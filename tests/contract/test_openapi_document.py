"""The published OpenAPI document as generators and fuzzers read it.

Every schema has one stable, unique title (a clash makes generators drop schemas); tags are ASCII
ids with Chinese names; and each operation lists every status the shared machinery can answer,
so a fuzzer checking "status code documented" finds none missing.
"""

import re
from collections import Counter
from typing import Any

import pytest

from app.main import create_app
from tests.helpers import assert_problem
from tests.projects.factories import URL as PROJECTS
from tests.projects.factories import create_project

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app().openapi()


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def documented(spec: dict[str, Any], method: str, path: str) -> set[int]:
    return {int(code) for code in spec["paths"][path][method]["responses"]}


def test_schema_titles_are_unique_and_not_module_paths(spec):
    schemas = spec["components"]["schemas"]
    titles = Counter(schema.get("title", name) for name, schema in schemas.items())
    assert [title for title, n in titles.items() if n > 1] == []
    # FastAPI falls back to `app__module__Model` names when two models share a name.
    assert [name for name in schemas if "__" in name or name.startswith("app_")] == []


def test_tags_are_ascii_ids_with_chinese_names(spec):
    declared = {tag["name"]: tag for tag in spec["tags"]}
    used = {tag for _, _, op in operations(spec) for tag in op.get("tags", [])}
    assert used == set(declared)
    assert all(len(op.get("tags", [])) == 1 for _, _, op in operations(spec))
    for name, tag in declared.items():
        assert re.fullmatch(r"[a-z][a-z-]*", name), name
        assert re.search(r"[\u4e00-\u9fff]", tag["description"]), tag
        assert re.search(r"[\u4e00-\u9fff]", tag["x-displayName"]), tag
    assert "openapi/client-config.yaml" in spec["info"]["description"]


def test_every_operation_documents_the_shared_statuses(spec):
    missing = []
    for method, path, op in operations(spec):
        params = op.get("parameters", [])
        names = {p["name"] for p in params}
        want = set()
        if op.get("security"):
            want |= {401, 403}
        if any(p["in"] == "path" for p in params):
            want.add(404)
        if params or "requestBody" in op:
            want.add(422)
        if "requestBody" in op:
            want |= {400, 413}
        if method == "post" and op.get("security"):
            assert "Idempotency-Key" in names, (method, path)
            want |= {409, 422, 428}
        if "If-Match" in names:
            if_match = next(p for p in params if p["name"] == "If-Match")
            assert if_match["required"] is True, (method, path)
            want |= {412, 428}
        if lacking := want - {int(code) for code in op["responses"]}:
            missing.append((method, path, sorted(lacking)))
        for code, response in op["responses"].items():
            if int(code) >= 400:
                assert "application/problem+json" in response["content"], (
                    method,
                    path,
                    code,
                )
                assert re.search(r"[\u4e00-\u9fff]", response["description"]), (
                    path,
                    code,
                )
    assert missing == []


def test_routes_that_parse_if_match_declare_it(spec):
    """Every PATCH, and the project DELETE, checks If-Match; the document says it is required."""
    with_if_match = {
        (method, path)
        for method, path, op in operations(spec)
        if any(p["name"] == "If-Match" for p in op.get("parameters", []))
    }
    patches = {(m, p) for m, p, _ in operations(spec) if m == "patch"}
    assert patches <= with_if_match
    assert ("delete", "/api/v1/projects/{project_id}") in with_if_match


async def test_malformed_json_body_answers_a_documented_400(client, auth_for, spec):
    """Bytes that are not UTF-8 cannot be parsed at all; the body is read before the role check."""
    officer = await auth_for("yuhu")
    response = await client.post(
        "/api/v1/units",
        content=b'{"name": "\xff\xfe"}',
        headers={**officer, "Content-Type": "application/json"},
    )
    assert_problem(response, 400)
    assert 400 in documented(spec, "post", "/api/v1/units")


async def test_malformed_multipart_answers_a_documented_400(client, auth_for, spec):
    yuhu = await auth_for("yuhu")
    response = await client.post(
        "/api/v1/projects/imports",
        content=b"--x\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--x--\r\n",
        headers={**yuhu, "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert_problem(response, 400)
    assert 400 in documented(spec, "post", "/api/v1/projects/imports")


async def test_precondition_statuses_are_documented(client, auth_for, spec):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    patch = await client.patch(f"{PROJECTS}/{project['id']}", json={"name": "改名"}, headers=yuhu)
    assert_problem(patch, 428)
    stale = await client.patch(
        f"{PROJECTS}/{project['id']}",
        json={"name": "改名"},
        headers={**yuhu, "If-Match": '"99"'},
    )
    assert_problem(stale, 412)
    assert {412, 428} <= documented(spec, "patch", "/api/v1/projects/{project_id}")


async def test_post_without_a_body_documents_idempotency_statuses(client, auth_for, spec):
    """The Idempotency-Key middleware answers even on a POST that takes nothing else."""
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "k" * 201}
    response = await client.post("/api/v1/notifications/read-all", headers=headers)
    assert_problem(response, 422, "invalid_idempotency_key")
    assert {409, 422, 428} <= documented(spec, "post", "/api/v1/notifications/read-all")


def test_readyz_documents_503(spec):
    assert 503 in documented(spec, "get", "/readyz")


async def test_unparseable_form_on_token_endpoint_is_documented(client, spec):
    response = await client.post(
        "/api/v1/auth/token",
        content=b"--x\r\n\r\n--x--",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code in documented(spec, "post", "/api/v1/auth/token")
