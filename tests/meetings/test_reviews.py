"""三级联审: nomination, the joint review's verdicts, the executive meeting's list."""

import httpx

from tests.helpers import assert_problem
from tests.meetings.factories import create_meeting, move
from tests.projects.factories import create_project

ROUNDS = "/api/v1/review-rounds"


async def _held(client, headers, kind: str, chair: str = "leader") -> dict:
    meeting = await create_meeting(client, headers, kind=kind, chair=chair, units=("fgw", "swj"))
    assert (await move(client, headers, meeting, "held")).status_code == 201
    return meeting


async def _round(client, headers, year: int = 2030) -> dict:
    response = await client.post(ROUNDS, json={"year": year}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def _nominate(client, headers, round_, project, reason="投资强度高，带动产业链延伸。"):
    return await client.post(
        f"{ROUNDS}/{round_['id']}/candidates",
        json={"project_id": project["id"], "reason": reason},
        headers=headers,
    )


async def _verdict(client, headers, round_, candidate, meeting, verdict, opinion=None):
    body = {"meeting_id": meeting["id"], "verdict": verdict}
    if opinion:
        body["opinion"] = opinion
    return await client.post(
        f"{ROUNDS}/{round_['id']}/candidates/{candidate['id']}/verdict",
        json=body,
        headers=headers,
    )


async def test_a_round_runs_from_nomination_to_the_years_list(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator, fgw, leader, yuhu = (
        await auth_for("coordinator"),
        await auth_for("fgw"),
        await auth_for("leader"),
        await auth_for("yuhu"),
    )
    projects = [
        await create_project(client, yuhu, name=name, planned_investment="120000")
        for name in ("智能装备产业园", "新能源电池项目", "文旅综合体")
    ]
    round_ = await _round(client, coordinator)
    assert round_["title"] == "2030年度重大项目三级联审" and round_["state"] == "nominating"
    again = await client.post(ROUNDS, json={"year": 2030}, headers=coordinator)
    assert_problem(again, 409, "round_exists")

    # Level 1: 发改委 and 商务局 nominate; a district cannot; a project once.
    nominated = []
    for headers, project in (
        (fgw, projects[0]),
        (coordinator, projects[1]),
        (fgw, projects[2]),
    ):
        response = await _nominate(client, headers, round_, project)
        assert response.status_code == 201, response.text
        nominated.append(response.json())
    assert nominated[0]["nominating_unit"]["name"] == "市发展和改革委员会"
    assert nominated[0]["nominated_by_name"] == "黄涛"
    assert nominated[1]["nominating_unit"]["name"] == "湘潭市商务局"
    # 发改委 finds what it may still nominate, and reads what it nominated.
    eligible = await client.get(
        f"{ROUNDS}/{round_['id']}/eligible-projects", params={"q": "项目"}, headers=fgw
    )
    assert eligible.status_code == 200, eligible.text
    assert not {p["id"] for p in eligible.json()} & {p["id"] for p in projects}
    assert (
        await client.get(f"/api/v1/projects/{projects[0]['id']}", headers=fgw)
    ).status_code == 200
    opening = (await client.get(f"{ROUNDS}/{round_['id']}", headers=leader)).json()
    assert opening["actions"] == ["review"]
    assert_problem(await _nominate(client, fgw, round_, projects[0]), 409, "already_nominated")
    assert_problem(await _nominate(client, yuhu, round_, projects[0]), 403)

    # Level 3 cannot come before level 2 is complete.
    executive = await _held(client, coordinator, "executive")
    early = await client.post(
        f"{ROUNDS}/{round_['id']}/final-list",
        json={"meeting_id": executive["id"], "items": []},
        headers=coordinator,
    )
    assert_problem(early, 409, "review_incomplete")

    # Level 2: the 联审会 (chaired by the vice-mayor) gives a verdict per candidate, once.
    review = await _held(client, coordinator, "review")
    wrong_kind = await _verdict(client, leader, round_, nominated[0], executive, "approved")
    assert_problem(wrong_kind, 422, "wrong_meeting_kind")
    assert_problem(
        await _verdict(client, leader, round_, nominated[1], review, "conditional"),
        422,
        "missing",
    )
    first = await _verdict(client, leader, round_, nominated[0], review, "approved")
    assert first.status_code == 201, first.text
    assert first.json()["reviewed_by_name"] == "王建国"
    assert first.json()["review_meeting"]["id"] == review["id"]
    again = await _verdict(client, coordinator, round_, nominated[0], review, "rejected", "重议")
    assert_problem(again, 409, "already_recorded")
    await _verdict(client, leader, round_, nominated[1], review, "conditional", "须落实用地指标")
    await _verdict(client, leader, round_, nominated[2], review, "rejected", "投资强度不足")
    detail = (await client.get(f"{ROUNDS}/{round_['id']}", headers=coordinator)).json()
    assert detail["state"] == "reviewed" and detail["reviewed_count"] == 3
    assert "decide" in detail["actions"] and "review" not in detail["actions"]
    # A late nomination reopens the review, and the list waits for its verdict.
    late = await create_project(client, yuhu, name="补充候选项目", planned_investment="110000")
    late_candidate = (await _nominate(client, coordinator, round_, late)).json()
    reopened = (await client.get(f"{ROUNDS}/{round_['id']}", headers=leader)).json()
    assert reopened["state"] == "nominating" and reopened["actions"] == ["review"]
    await _verdict(client, leader, round_, late_candidate, review, "deferred", "待明年再议")

    # Level 3: one decision per approved candidate, at an executive meeting.
    mismatch = await client.post(
        f"{ROUNDS}/{round_['id']}/final-list",
        json={
            "meeting_id": executive["id"],
            "items": [{"candidate_id": nominated[0]["id"], "listed": True}],
        },
        headers=coordinator,
    )
    assert_problem(mismatch, 422, "items_mismatch")
    final = await client.post(
        f"{ROUNDS}/{round_['id']}/final-list",
        json={
            "meeting_id": executive["id"],
            "items": [
                {"candidate_id": nominated[0]["id"], "listed": True},
                {
                    "candidate_id": nominated[1]["id"],
                    "listed": True,
                    "opinion": "按联审条件推进",
                },
            ],
        },
        headers=coordinator,
    )
    assert final.status_code == 201, final.text
    body = final.json()
    assert body["state"] == "decided" and body["listed_count"] == 2
    assert body["decision_meeting"]["id"] == executive["id"]
    assert body["decided_by_name"] == "刘志强" and body["decided_at"]
    listed = {c["project"]["name"]: c["listed"] for c in body["candidates"]}
    assert listed == {
        "智能装备产业园": True,
        "新能源电池项目": True,
        "文旅综合体": False,
        "补充候选项目": False,
    }
    assert body["actions"] == []

    # The list is frozen, and its projects carry the year.
    assert_problem(await _nominate(client, fgw, round_, projects[2]), 409, "round_decided")
    on_list = await client.get(
        "/api/v1/projects", params={"major_list_year": 2030}, headers=coordinator
    )
    names = {p["name"] for p in on_list.json()["items"]}
    assert {"智能装备产业园", "新能源电池项目"} <= names and "文旅综合体" not in names
    project = (await client.get(f"/api/v1/projects/{projects[0]['id']}", headers=yuhu)).json()
    assert project["major_list_year"] == 2030


async def test_who_may_read_and_record(client: httpx.AsyncClient, auth_for) -> None:
    coordinator, zrzy, viewer = (
        await auth_for("coordinator"),
        await auth_for("zrzy"),
        await auth_for("viewer"),
    )
    round_ = await _round(client, coordinator, 2031)
    assert (await client.get(f"{ROUNDS}/{round_['id']}", headers=zrzy)).status_code == 200
    assert_problem(await client.get(ROUNDS, headers=viewer), 403)
    # A department that is not 发改委 may read but not nominate.
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    refused = await _nominate(client, zrzy, round_, project)
    assert_problem(refused, 403, "not_nominating_unit")
    listing = await client.get(f"{ROUNDS}/{round_['id']}/eligible-projects", headers=zrzy)
    assert_problem(listing, 403, "not_nominating_unit")
    detail = (await client.get(f"{ROUNDS}/{round_['id']}", headers=zrzy)).json()
    assert detail["actions"] == []


async def test_a_department_sees_only_the_candidates_its_work_concerns(
    client: httpx.AsyncClient, auth_for
) -> None:
    """自然资源局 reads the round, but a confidential project of 岳塘区 it has nothing to do with
    stays as hidden as it is on GET /projects/{id}."""
    coordinator, fgw, zrzy, yuetang = (
        await auth_for("coordinator"),
        await auth_for("fgw"),
        await auth_for("zrzy"),
        await auth_for("yuetang"),
    )
    secret = await create_project(
        client, yuetang, name="保密新材料基地", planned_investment="150000", is_confidential=True
    )
    round_ = await _round(client, coordinator, year=2031)
    nominated = await _nominate(client, fgw, round_, secret)
    assert nominated.status_code == 201, nominated.text

    assert_problem(await client.get(f"/api/v1/projects/{secret['id']}", headers=zrzy), 404)
    seen = (await client.get(f"{ROUNDS}/{round_['id']}", headers=zrzy)).json()
    assert seen["candidates"] == []
    assert "保密新材料基地" not in str(seen)
    # Those who collect and decide the list still see the whole of it.
    for headers in (fgw, coordinator, await auth_for("leader")):
        full = (await client.get(f"{ROUNDS}/{round_['id']}", headers=headers)).json()
        assert [c["project"]["name"] for c in full["candidates"]] == ["保密新材料基地"]
