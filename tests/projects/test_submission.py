"""The district's 信息收集 → 评估 step: a lead saved as a draft, its submission for evaluation
(提交评估) with what it still lacks, the coordinators notified, and the evaluation the bureau's."""

from sqlalchemy import select

from app.models import Notification, User
from tests.helpers import assert_problem, partner_minted
from tests.projects.factories import URL, create_project, move, recommend

EVALUATION = {
    "items": [{"key": "fit", "label": "产业契合度", "score": 20, "max_score": 30}],
    "conclusion": "recommend",
}
EVERYTHING_MISSING = [
    "需要填写投资方企业全称（草稿中的简称或“某企业”须补全）",
    "需要至少一位投资方联系人及其电话",
    "需要填写计划总投资（万元，大于 0）",
    "需要填写用地面积（亩；不新增用地填 0），用于评估亩均投资",
    "需要填写预计年税收（万元），用于评估亩均税收",
]


def draft(**overrides):
    """What a district officer knows of a first lead: a name, a chain, a channel."""
    body = {
        "name": "锂电池材料项目",
        "industry_chain": "new-energy",
        "source_channel": "door-knocking",
        "planned_investment": "0",
    }
    return body | overrides


async def create_draft(client, headers, **overrides):
    response = await client.post(URL, json=draft(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def submission_gaps(client, headers, project_id):
    options = (await client.get(f"{URL}/{project_id}/next-stages", headers=headers)).json()
    return next(o for o in options if o["stage"] == "evaluation")["missing"]


async def coordinator_notices(session, project_id):
    coordinator = (
        await session.execute(select(User).where(User.username == "coordinator"))
    ).scalar_one()
    rows = (
        await session.execute(
            select(Notification).where(
                Notification.user_id == coordinator.id,
                Notification.link == f"/projects/{project_id}",
            )
        )
    ).scalars()
    return list(rows)


async def test_draft_saved_without_or_with_partial_investor_name(client, auth_for):
    yuhu = await auth_for("yuhu")
    blank = await client.post(URL, json=draft(), headers=yuhu)
    assert blank.status_code == 201, blank.text
    assert blank.json()["investor_name"] is None and blank.json()["stage"] == "lead"
    partial = await create_draft(client, yuhu, investor_name="宁德某锂电企业")
    assert partial["investor_name"] == "宁德某锂电企业"
    assert_problem(await client.post(URL, json=draft(investor_name="宁"), headers=yuhu), 422)

    # Blank drafts of two units are not the same investor.
    other = await client.post(URL, json=draft(), headers=await auth_for("yuetang"))
    coordinator = await auth_for("coordinator")
    for pid in (blank.json()["id"], other.json()["id"]):
        read = (await client.get(f"{URL}/{pid}", headers=coordinator)).json()
        assert read["possible_duplicate"] is False


async def test_gate_lists_what_a_submission_needs_until_it_is_complete(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_draft(client, yuhu, investor_name="宁德某锂电企业")
    pid = project["id"]
    assert await submission_gaps(client, yuhu, pid) == EVERYTHING_MISSING
    refused = assert_problem(await move(client, yuhu, project, "evaluation"), 422, "gate_not_met")
    assert refused["missing"] == EVERYTHING_MISSING

    etag = (await client.get(f"{URL}/{pid}", headers=yuhu)).headers["etag"]
    completed = await client.patch(
        f"{URL}/{pid}",
        json={
            "investor_name": "宁德时代新能源科技股份有限公司",
            "investor_contacts": [{"name": "陈经理", "phone": "0593-8901234"}],
            "planned_investment": "50000",
            "land_area": "300",
        },
        headers={**yuhu, "If-Match": etag},
    )
    assert completed.status_code == 200, completed.text
    assert await submission_gaps(client, yuhu, pid) == [EVERYTHING_MISSING[-1]]
    refused = assert_problem(await move(client, yuhu, project, "evaluation"), 422, "gate_not_met")
    assert refused["missing"] == [EVERYTHING_MISSING[-1]]


async def test_investor_name_cleared_only_on_a_draft(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    pid = project["id"]
    etag = (await client.get(f"{URL}/{pid}", headers=yuhu)).headers["etag"]
    cleared = await client.patch(
        f"{URL}/{pid}", json={"investor_name": None}, headers={**yuhu, "If-Match": etag}
    )
    assert cleared.status_code == 200 and cleared.json()["investor_name"] is None
    etag = cleared.headers["etag"]
    named = await client.patch(
        f"{URL}/{pid}",
        json={"investor_name": "湖南测试装备有限公司"},
        headers={**yuhu, "If-Match": etag},
    )
    assert (await move(client, yuhu, project, "evaluation")).status_code == 201
    refused = await client.patch(
        f"{URL}/{pid}",
        json={"investor_name": None},
        headers={**yuhu, "If-Match": named.headers["etag"]},
    )
    assert_problem(refused, 412)  # the submission changed the version: read it again
    etag = (await client.get(f"{URL}/{pid}", headers=yuhu)).headers["etag"]
    refused = await client.patch(
        f"{URL}/{pid}", json={"investor_name": None}, headers={**yuhu, "If-Match": etag}
    )
    assert assert_problem(refused, 422, "validation_error")["errors"][0]["loc"] == [
        "body",
        "investor_name",
    ]


async def test_submission_notifies_the_coordinators_with_a_link(client, auth_for, session):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu, name="雨湖区锂电池材料项目")
    assert await coordinator_notices(session, project["id"]) == []
    assert (await move(client, yuhu, project, "evaluation")).status_code == 201

    notices = await coordinator_notices(session, project["id"])
    assert [(n.kind, n.title) for n in notices] == [
        ("evaluation_requested", f"{project['code']} 雨湖区锂电池材料项目")
    ]
    assert "提交评估" in notices[0].body
    coordinator = await auth_for("coordinator")
    inbox = (await client.get("/api/v1/notifications", headers=coordinator)).json()["items"]
    assert inbox[0]["kind"] == "evaluation_requested"
    assert inbox[0]["link"] == f"/projects/{project['id']}"
    # Neither the district nor the supervisor is told; the one who submits never is.
    for name in ("yuhu", "supervisor"):
        theirs = (await client.get("/api/v1/notifications", headers=await auth_for(name))).json()
        assert all(n["link"] != f"/projects/{project['id']}" for n in theirs["items"])
    mine = await create_project(client, coordinator, owner_unit_id=project["owner_unit_id"])
    assert (await move(client, coordinator, mine, "evaluation")).status_code == 201
    assert await coordinator_notices(session, mine["id"]) == []


async def test_the_evaluation_and_the_way_to_contact_are_the_bureaus(
    client, auth_for, session, settings
):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    project = await create_project(client, yuhu)
    pid = project["id"]
    assert (await move(client, yuhu, project, "evaluation")).status_code == 201

    refused = assert_problem(
        await client.post(f"{URL}/{pid}/evaluations", json=EVALUATION, headers=yuhu),
        403,
        "evaluation_by_bureau",
    )
    assert "招商统筹" in refused["detail"]
    partner = {**await partner_minted(session, settings, "yuhu"), "Idempotency-Key": "evaluate-1"}
    assert_problem(
        await client.post(f"{URL}/{pid}/evaluations", json=EVALUATION, headers=partner), 403
    )
    assert (await client.get(f"{URL}/{pid}/evaluations", headers=yuhu)).json() == []

    await recommend(client, coordinator, project)
    offered = (await client.get(f"{URL}/{pid}/next-stages", headers=yuhu)).json()
    assert "contact" not in [o["stage"] for o in offered]
    assert {"lead", "shelved", "dropped"} <= {o["stage"] for o in offered}
    assert_problem(await move(client, yuhu, project, "contact"), 403, "evaluation_by_bureau")
    partner["Idempotency-Key"] = "contact-1"
    assert_problem(await move(client, partner, project, "contact"), 403, "evaluation_by_bureau")
    offered = (await client.get(f"{URL}/{pid}/next-stages", headers=coordinator)).json()
    assert {"stage": "contact", "missing": []}.items() <= next(
        o for o in offered if o["stage"] == "contact"
    ).items()
    assert (await move(client, coordinator, project, "contact")).status_code == 201
    # From 接洽 on the district carries the project again.
    assert (await move(client, yuhu, project, "negotiation")).status_code == 201


async def test_another_unit_neither_submits_nor_sees_the_lead(client, auth_for):
    yuhu, yuetang = await auth_for("yuhu"), await auth_for("yuetang")
    project = await create_project(client, yuhu)
    pid = project["id"]
    assert_problem(await client.get(f"{URL}/{pid}/next-stages", headers=yuetang), 404)
    assert_problem(
        await client.post(
            f"{URL}/{pid}/transitions",
            json={"to_stage": "evaluation", "expected_stage": "lead"},
            headers=yuetang,
        ),
        404,
    )
    assert (await client.get(f"{URL}/{pid}", headers=yuhu)).json()["stage"] == "lead"
