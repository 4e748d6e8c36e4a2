"""A department officer sees a project through the work of theirs it concerns: a ticket they
lead or co-handle, a decision they carry out or help with, a candidate they nominated for the
major list. Nothing else opens it to them, and each kind opens it only to its own units."""

import httpx

from tests.helpers import assert_problem, unit_id
from tests.meetings.factories import add_decision, create_meeting
from tests.projects.factories import URL, create_project
from tests.tickets.factories import raise_ticket, step


async def _sees(client: httpx.AsyncClient, headers: dict[str, str], project: dict) -> bool:
    """Whether the caller reads the project, on its page and in the register alike."""
    detail = await client.get(f"{URL}/{project['id']}", headers=headers)
    listed = (await client.get(URL, params={"limit": 200}, headers=headers)).json()["items"]
    in_list = project["id"] in {p["id"] for p in listed}
    if detail.status_code == 404:
        assert_problem(detail, 404)
    else:
        assert detail.status_code == 200, detail.text
    assert in_list == (detail.status_code == 200)
    return in_list


async def test_a_ticket_opens_its_project_to_the_departments_handling_it(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    zrzy, fgw = await auth_for("zrzy"), await auth_for("fgw")
    handled = await create_project(client, yuhu, name="联合办理的测试项目")
    led = await create_project(client, yuhu, name="单独办理的测试项目")
    for project, co in ((handled, ["fgw"]), (led, [])):
        ticket = await raise_ticket(client, yuhu, project["id"])
        # Raised but not yet assigned: no department handles it.
        assert not await _sees(client, zrzy, project)
        assigned = await step(
            client,
            coordinator,
            ticket,
            "assigned",
            lead_department_id=await unit_id(client, coordinator, "zrzy"),
            co_department_ids=[await unit_id(client, coordinator, c) for c in co],
        )
        assert assigned.status_code == 201, assigned.text
    assert await _sees(client, zrzy, handled) and await _sees(client, zrzy, led)
    assert await _sees(client, fgw, handled)
    assert not await _sees(client, fgw, led)


async def test_a_decision_opens_its_projects_to_the_units_carrying_it_out(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    zrzy, fgw = await auth_for("zrzy"), await auth_for("fgw")
    shared = await create_project(client, yuhu, name="会议决定共同落实的项目")
    own = await create_project(client, yuhu, name="会议决定单独落实的项目")
    meeting = await create_meeting(client, coordinator)
    # A decision on no project, or on another one, opens nothing.
    await add_decision(client, coordinator, meeting, responsible="fgw", co=("zrzy",))
    assert not await _sees(client, zrzy, shared) and not await _sees(client, fgw, shared)
    await add_decision(
        client, coordinator, meeting, responsible="fgw", co=("zrzy",), project_ids=(shared["id"],)
    )
    await add_decision(client, coordinator, meeting, responsible="zrzy", project_ids=(own["id"],))
    assert await _sees(client, fgw, shared) and await _sees(client, zrzy, shared)
    assert await _sees(client, zrzy, own)
    assert not await _sees(client, fgw, own)


async def test_a_nomination_opens_the_project_to_the_nominating_unit(client, auth_for):
    yuetang, coordinator = await auth_for("yuetang"), await auth_for("coordinator")
    zrzy, fgw = await auth_for("zrzy"), await auth_for("fgw")
    project = await create_project(
        client, yuetang, name="提名重大项目的测试项目", planned_investment="150000"
    )
    assert not await _sees(client, fgw, project)
    round_ = await client.post("/api/v1/review-rounds", json={"year": 2033}, headers=coordinator)
    assert round_.status_code == 201, round_.text
    nominated = await client.post(
        f"/api/v1/review-rounds/{round_.json()['id']}/candidates",
        json={"project_id": project["id"], "reason": "投资强度高，带动产业链延伸。"},
        headers=fgw,
    )
    assert nominated.status_code == 201, nominated.text
    assert await _sees(client, fgw, project)
    assert not await _sees(client, zrzy, project)
