from tests.helpers import assert_problem
from tests.projects.factories import URL, create_project, move, recommend


async def test_full_path_with_gates(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    project = await create_project(client, yuhu)
    pid = project["id"]
    assert (await move(client, yuhu, project, "evaluation")).status_code == 201

    # The bureau evaluates and moves the project on to 接洽; the district carries on from there.
    refused = assert_problem(
        await move(client, coordinator, project, "contact"), 422, "gate_not_met"
    )
    assert refused["missing"] == ["需要一份结论为“建议推进”的项目评估"]
    options = (await client.get(f"{URL}/{pid}/next-stages", headers=coordinator)).json()
    forward = next(o for o in options if o["kind"] == "forward")
    assert forward["stage"] == "contact" and forward["missing"]

    await recommend(client, coordinator, project)
    assert (await move(client, coordinator, project, "contact")).status_code == 201
    for stage in ("negotiation", "review"):
        assert (await move(client, yuhu, project, stage)).status_code == 201

    refused = assert_problem(await move(client, yuhu, project, "signed"), 422, "gate_not_met")
    assert (
        "需要招商统筹的审核通过记录" in refused["missing"]
        and "需要填写签约日期" in refused["missing"]
    )
    assert_problem(
        await client.post(f"{URL}/{pid}/approvals", json={"opinion": "同意"}, headers=yuhu), 403
    )
    approved = await client.post(
        f"{URL}/{pid}/approvals", json={"opinion": "同意签约"}, headers=coordinator
    )
    assert approved.status_code == 201 and approved.json()["approver_name"] == "刘志强"

    signed = await move(
        client,
        yuhu,
        project,
        "signed",
        signed_date="2026-11-20",
        signed_amount="11000",
        agreement_type="formal",
    )
    assert signed.status_code == 201, signed.text
    body = signed.json()
    assert (
        body["stage"] == "signed"
        and body["signed_amount"] == "11000.00"
        and body["days_in_stage"] == 0
    )
    assert_problem(await move(client, yuhu, project, "started"), 422, "gate_not_met")
    assert (
        await move(client, yuhu, project, "started", started_date="2026-11-25")
    ).status_code == 201
    assert (
        await move(client, yuhu, project, "operating", production_date="2026-11-26")
    ).status_code == 201

    history = (await client.get(f"{URL}/{pid}/transitions", headers=yuhu)).json()
    assert [h["to_stage"] for h in history] == [
        "lead",
        "evaluation",
        "contact",
        "negotiation",
        "review",
        "signed",
        "started",
        "operating",
    ]
    assert [h["actor_name"] for h in history[1:4]] == ["李娜", "刘志强", "李娜"]
    assert all(h["actor_name"] == "李娜" for h in history[3:])


async def test_not_recommended_evaluation_keeps_gate_closed(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    project = await create_project(client, yuhu)
    await move(client, yuhu, project, "evaluation")
    response = await client.post(
        f"{URL}/{project['id']}/evaluations",
        json={
            "items": [
                {"key": "fit", "label": "产业契合度", "score": 5, "max_score": 30},
                {"key": "tax", "label": "亩均税收", "score": 3, "max_score": 25},
            ],
            "conclusion": "not_recommend",
        },
        headers=coordinator,
    )
    assert response.json()["total"] == 8
    assert_problem(await move(client, coordinator, project, "contact"), 422, "gate_not_met")
    over = await client.post(
        f"{URL}/{project['id']}/evaluations",
        json={
            "items": [{"key": "fit", "label": "产业契合度", "score": 50, "max_score": 30}],
            "conclusion": "recommend",
        },
        headers=coordinator,
    )
    assert_problem(over, 422)


async def test_back_step_and_exits_need_reason(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    await move(client, yuhu, project, "evaluation")
    assert_problem(await move(client, yuhu, project, "lead"), 422, "reason_required")
    back = await move(client, yuhu, project, "lead", reason="投资方信息需要补充")
    assert back.status_code == 201 and back.json()["stage"] == "lead"
    history = (await client.get(f"{URL}/{project['id']}/transitions", headers=yuhu)).json()
    assert (
        history[-1]["reason"] == "投资方信息需要补充" and history[-1]["from_stage"] == "evaluation"
    )


async def test_shelve_and_resume_to_the_stage_it_left(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    await move(client, yuhu, project, "evaluation")
    assert_problem(await move(client, yuhu, project, "shelved"), 422, "reason_required")
    shelved = (await move(client, yuhu, project, "shelved", reason="投资方暂缓")).json()
    assert shelved["stage"] == "shelved" and shelved["stage_before_shelved"] == "evaluation"
    wrong = assert_problem(await move(client, yuhu, project, "contact"), 409, "illegal_transition")
    assert wrong["allowed"] == ["evaluation", "dropped"]
    resumed = (await move(client, yuhu, project, "evaluation")).json()
    assert resumed["stage"] == "evaluation" and resumed["stage_before_shelved"] is None


async def test_dropped_is_final(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    await move(client, yuhu, project, "dropped", reason="投资方放弃")
    body = assert_problem(
        await move(client, yuhu, project, "lead", reason="重新开始"), 409, "illegal_transition"
    )
    assert body["allowed"] == []
    assert (await client.get(f"{URL}/{project['id']}/next-stages", headers=yuhu)).json() == []


async def test_skipping_ahead_is_refused(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    body = assert_problem(
        await move(client, yuhu, project, "negotiation"), 409, "illegal_transition"
    )
    assert body["allowed"][0] == "evaluation"


async def test_expected_stage_must_match(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    url = f"{URL}/{project['id']}/transitions"
    await client.post(url, json={"to_stage": "evaluation", "expected_stage": "lead"}, headers=yuhu)
    again = await client.post(
        url, json={"to_stage": "evaluation", "expected_stage": "lead"}, headers=yuhu
    )
    body = assert_problem(again, 409, "stage_conflict")
    assert body["current_stage"] == "evaluation"
    assert_problem(
        await client.post(url, json={"to_stage": "moon", "expected_stage": "lead"}, headers=yuhu),
        422,
    )


async def test_approval_only_in_review(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    project = await create_project(client, yuhu)
    response = await client.post(
        f"{URL}/{project['id']}/approvals", json={"opinion": "同意"}, headers=coordinator
    )
    assert_problem(response, 409, "not_in_review")


async def test_follow_ups_are_recorded_and_refresh_activity(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    response = await client.post(
        f"{URL}/{project['id']}/follow-ups",
        json={
            "kind": "visit",
            "occurred_on": "2026-11-20",
            "participants": "市商务局、雨湖区",
            "notes": "上门走访，确认用地需求",
        },
        headers=yuhu,
    )
    assert response.status_code == 201 and response.json()["author_name"] == "李娜"
    listed = (
        await client.get(f"{URL}/{project['id']}/follow-ups", headers=await auth_for("viewer"))
    ).json()
    assert [f["kind"] for f in listed] == ["visit"]
    assert_problem(
        await client.post(
            f"{URL}/{project['id']}/follow-ups",
            json={"kind": "lunch", "occurred_on": "2026-11-20", "participants": "x", "notes": "x"},
            headers=yuhu,
        ),
        422,
    )
