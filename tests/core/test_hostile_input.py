"""What an outside tester sends: pasted Word text, naive and far-off times, crafted cursors,
huge numbers, wildcards, lax types. Each gets a clear 4xx (or is stored cleanly), never a 500."""

import base64
import io
import json
import uuid
from datetime import date, timedelta

import docx
import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Ticket
from tests.conftest import TokenFor
from tests.helpers import assert_problem
from tests.meetings.factories import MEETINGS, create_meeting
from tests.projects.factories import URL as PROJECTS
from tests.projects.factories import create_project, project_body
from tests.tickets.factories import URL as TICKETS
from tests.tickets.factories import assigned_ticket

WORD_PASTE = "一、用地指标尚缺 80 亩\u000b二、需自然资源局协调\u000b三、请于月底前答复"


async def _docx_text(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> str:
    response = await client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    return "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)


async def test_word_soft_breaks_are_stored_as_line_breaks_and_the_letter_downloads(
    client: httpx.AsyncClient, auth_for: TokenFor
) -> None:
    ticket = await assigned_ticket(client, auth_for, description=WORD_PASTE)
    coordinator = await auth_for("coordinator")
    stored = (await client.get(f"{TICKETS}/{ticket['id']}", headers=coordinator)).json()
    assert stored["description"] == WORD_PASTE.replace("\u000b", "\n")
    letters = (await client.get(f"{TICKETS}/{ticket['id']}/letters", headers=coordinator)).json()
    text = await _docx_text(client, letters[0]["download_url"], coordinator)
    assert "二、需自然资源局协调" in text


async def test_letter_downloads_even_when_stored_text_holds_control_characters(
    client: httpx.AsyncClient, auth_for: TokenFor, session: AsyncSession
) -> None:
    """Rows written before the input rule (or by any other path) still print."""
    ticket = await assigned_ticket(client, auth_for)
    await session.execute(
        update(Ticket)
        .where(Ticket.id == uuid.UUID(ticket["id"]))  # type: ignore[arg-type]
        .values(title="用地\u000b指标\x01协调", description="第一段\x0b第二段\x1f")
    )
    await session.flush()
    coordinator = await auth_for("coordinator")
    letters = (await client.get(f"{TICKETS}/{ticket['id']}/letters", headers=coordinator)).json()
    assert await _docx_text(client, letters[0]["download_url"], coordinator)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "用地\x00协调", "控制字符"),
        ("title", "用地\x1b[31m协调", "控制字符"),
        ("title", "\u200b\u200b\u200b", None),
        ("description", "\x7f", "控制字符"),
    ],
)
async def test_control_characters_and_invisible_names_are_refused(
    client: httpx.AsyncClient,
    auth_for: TokenFor,
    field: str,
    value: str,
    message: str | None,
) -> None:
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    body = {
        "project_id": project["id"],
        "category": "land",
        "title": "二期用地指标协调",
        "description": "需要新增建设用地指标。",
        field: value,
    }
    problem = assert_problem(await client.post(TICKETS, json=body, headers=yuhu), 422)
    assert problem["errors"][0]["loc"] == ["body", field]
    if message:
        assert message in problem["errors"][0]["msg"]


async def test_format_characters_are_dropped_from_names(
    client: httpx.AsyncClient, auth_for: TokenFor
) -> None:
    """A right-to-left override or zero-width space cannot disguise a name."""
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu, name="湘潭\u202e电机\u200b扩产项目")
    assert project["name"] == "湘潭电机扩产项目"


DATETIME_FILTERS = [
    (PROJECTS, "updated_after"),
    (TICKETS, "updated_after"),
    (MEETINGS, "starts_from"),
    (MEETINGS, "starts_before"),
    ("/api/v1/decisions", "meeting_from"),
    ("/api/v1/decisions", "meeting_before"),
    ("/api/v1/decisions", "updated_after"),
]


@pytest.mark.parametrize(("url", "name"), DATETIME_FILTERS)
@pytest.mark.parametrize(
    "value",
    [
        "2026-11-30T10:10:00",
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00",
        "2026-11-30T10:10:00+25:00",
        "0.5",
        "1764496200",
    ],
)
async def test_datetime_filters_need_a_zone_and_a_plausible_year(
    client: httpx.AsyncClient, auth_for: TokenFor, url: str, name: str, value: str
) -> None:
    coordinator = await auth_for("coordinator")
    response = await client.get(url, params={name: value}, headers=coordinator)
    problem = assert_problem(response, 422, "validation_error")
    assert problem["errors"][0]["loc"] == ["query", name]


async def test_datetime_filter_with_zone_works(
    client: httpx.AsyncClient, auth_for: TokenFor
) -> None:
    coordinator = await auth_for("coordinator")
    for url, name in DATETIME_FILTERS:
        response = await client.get(
            url, params={name: "2026-11-30T10:10:00+08:00"}, headers=coordinator
        )
        assert response.status_code == 200, (url, name, response.text)


async def test_far_off_dates_are_refused(client: httpx.AsyncClient, auth_for: TokenFor) -> None:
    coordinator = await auth_for("coordinator")
    response = await client.get("/api/v1/calendar/due-date", params={"start": "9999-12-25"})
    assert response.status_code == 401
    for start in ("9999-12-25", "0001-01-01", "0", "20261130"):
        response = await client.get(
            "/api/v1/calendar/due-date", params={"start": start}, headers=coordinator
        )
        assert_problem(response, 422)
    problem = assert_problem(
        await client.post(
            MEETINGS,
            json={
                "title": "年度调度会",
                "kind": "joint",
                "starts_at": "9999-12-31T23:59:59Z",
                "place": "市政府三楼",
                "chair_id": "00000000-0000-0000-0000-000000000000",
            },
            headers=coordinator,
        ),
        422,
    )
    assert ["body", "starts_at"] in [e["loc"] for e in problem["errors"]]


async def test_things_that_happened_cannot_be_dated_in_the_future_or_year_one(
    client: httpx.AsyncClient, auth_for: TokenFor
) -> None:
    yuhu = await auth_for("yuhu")
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    problem = assert_problem(
        await client.post(PROJECTS, json=project_body(signed_date=tomorrow), headers=yuhu),
        422,
    )
    assert problem["errors"][0]["loc"] == ["body", "signed_date"]
    project = await create_project(client, yuhu)
    for day in ("0001-01-01", tomorrow):
        response = await client.post(
            f"{PROJECTS}/{project['id']}/follow-ups",
            json={
                "kind": "visit",
                "occurred_on": day,
                "participants": "张三",
                "notes": "走访",
            },
            headers=yuhu,
        )
        assert_problem(response, 422)


async def test_a_signed_amount_far_above_the_plan_is_refused(
    client: httpx.AsyncClient, auth_for: TokenFor
) -> None:
    yuhu = await auth_for("yuhu")
    body = project_body(planned_investment="5000.00", signed_amount="50000.01")
    problem = assert_problem(
        await client.post(PROJECTS, json=body, headers=yuhu),
        422,
        "signed_amount_implausible",
    )
    assert "万元" in problem["detail"]
    body["signed_amount"] = "50000.00"
    assert (await client.post(PROJECTS, json=body, headers=yuhu)).status_code == 201


def _old_style_cursor(value: object) -> str:
    payload = {"t": "dt", "v": value, "id": "00000000-0000-0000-0000-000000000001"}
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize("url", [PROJECTS, TICKETS, "/api/v1/notifications", MEETINGS])
async def test_crafted_cursors_are_refused(
    client: httpx.AsyncClient, auth_for: TokenFor, url: str
) -> None:
    coordinator = await auth_for("coordinator")
    for cursor in (
        _old_style_cursor(12),
        _old_style_cursor(None),
        "x" * 40,
        "e30.AAAA",
    ):
        response = await client.get(url, params={"cursor": cursor}, headers=coordinator)
        assert_problem(response, 400, "invalid_cursor")


async def test_a_cursor_is_tamper_evident_and_bound_to_its_sort(
    client: httpx.AsyncClient, auth_for: TokenFor
) -> None:
    coordinator = await auth_for("coordinator")
    first = (await client.get(PROJECTS, params={"limit": 2}, headers=coordinator)).json()
    cursor = first["next_cursor"]
    assert cursor
    following = await client.get(
        PROJECTS, params={"limit": 2, "cursor": cursor}, headers=coordinator
    )
    assert following.status_code == 200
    assert {p["id"] for p in following.json()["items"]}.isdisjoint(
        {p["id"] for p in first["items"]}
    )
    body, signature = cursor.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["v"] = 12
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    response = await client.get(
        PROJECTS, params={"cursor": f"{forged}.{signature}"}, headers=coordinator
    )
    assert_problem(response, 400, "invalid_cursor")
    response = await client.get(
        PROJECTS, params={"cursor": cursor, "sort": "code"}, headers=coordinator
    )
    assert_problem(response, 400, "invalid_cursor")


async def test_huge_path_numbers_are_refused(client: httpx.AsyncClient, auth_for: TokenFor) -> None:
    coordinator = await auth_for("coordinator")
    meeting = await create_meeting(client, coordinator)
    url = f"{MEETINGS}/{meeting['id']}/minutes-versions/99999999999999999999/docx"
    assert_problem(await client.get(url, headers=coordinator), 422)


@pytest.mark.parametrize("wildcard", ["%", "_"])
async def test_search_wildcards_match_only_themselves(
    client: httpx.AsyncClient, auth_for: TokenFor, wildcard: str
) -> None:
    coordinator = await auth_for("coordinator")
    everything = (
        await client.get(PROJECTS, params={"include_total": True}, headers=coordinator)
    ).json()["total"]
    assert everything > 0
    for url in (PROJECTS, TICKETS, MEETINGS, "/api/v1/decisions", "/api/v1/units"):
        response = await client.get(
            url, params={"q": wildcard, "include_total": True}, headers=coordinator
        )
        assert response.status_code == 200, response.text
        assert response.json()["items"] == [], url
    yuhu = await auth_for("yuhu")
    named = await create_project(client, yuhu, name=f"100{wildcard}控股项目")
    found = (await client.get(PROJECTS, params={"q": wildcard}, headers=coordinator)).json()
    assert [p["id"] for p in found["items"]] == [named["id"]]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"expected_jobs": "1_000"}, "expected_jobs"),
        ({"expected_jobs": "１２"}, "expected_jobs"),
        ({"expected_jobs": True}, "expected_jobs"),
        ({"expected_jobs": 12.0}, "expected_jobs"),
        ({"is_foreign": 1}, "is_foreign"),
        ({"is_foreign": "true"}, "is_foreign"),
        ({"planned_investment": 0.30000000000000004}, "planned_investment"),
        ({"planned_investment": 1200}, "planned_investment"),
        ({"planned_investment": "1_200"}, "planned_investment"),
        ({"planned_investment": "１２００"}, "planned_investment"),
        ({"planned_investment": "1200.505"}, "planned_investment"),
        ({"signed_date": 0}, "signed_date"),
        ({"name": 12345}, "name"),
    ],
)
async def test_types_are_strict(
    client: httpx.AsyncClient,
    auth_for: TokenFor,
    overrides: dict[str, object],
    field: str,
) -> None:
    yuhu = await auth_for("yuhu")
    response = await client.post(PROJECTS, json=project_body(**overrides), headers=yuhu)
    problem = assert_problem(response, 422, "validation_error")
    assert [e["loc"] for e in problem["errors"]] == [["body", field]]


async def test_money_is_a_decimal_string_and_comes_back_exact(
    client: httpx.AsyncClient, auth_for: TokenFor
) -> None:
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu, planned_investment="1200.5", expected_jobs=30)
    assert project["planned_investment"] == "1200.50"
    assert project["expected_jobs"] == 30


async def test_scores_are_numbers_not_flags(client: httpx.AsyncClient, auth_for: TokenFor) -> None:
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    project = await create_project(client, yuhu)
    response = await client.post(
        f"{PROJECTS}/{project['id']}/evaluations",
        json={
            "items": [{"key": "fit", "label": "产业契合度", "score": False, "max_score": 30}],
            "conclusion": "recommend",
        },
        headers=coordinator,
    )
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["loc"] == ["body", "items", 0, "score"]


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PATCH", "/api/v1/projects/import-template", "GET"),
        ("OPTIONS", "/api/v1/projects/export", "GET"),
        ("GET", "/api/v1/tickets/escalation-runs", "POST"),
        ("PUT", "/api/v1/projects/imports", "POST"),
    ],
)
async def test_a_path_beside_an_id_route_answers_405_with_its_own_methods(
    client: httpx.AsyncClient, auth_for: TokenFor, method: str, path: str, allow: str
) -> None:
    """`/projects/export` is not a project id: the id routes do not claim it."""
    coordinator = await auth_for("coordinator")
    response = await client.request(method, path, headers=coordinator)
    assert_problem(response, 405, "method_not_allowed")
    assert response.headers["allow"] == allow
