"""奖励经费: the rule a scheme states, units' nominees approved or not by the office, the split
generated on the publicised scores — to the yuan, adding up to the fund — adjusted with a reason
keeping the total, discarded when its basis moves, required for confirmation and frozen with
the results."""

from app.core.time import clock_at
from tests.assessments.helpers import (
    ROUNDS,
    SCHEMES,
    after_window,
    item_of,
    publish_scheme,
    score,
    sheet_of,
)
from tests.helpers import assert_frozen, assert_problem, unit_id

YEAR = 2005
# Hand items only, so each unit's total is what the office gives it.
ITEMS = [
    {"kind": "manual", "label": "重大措施", "weight": "60"},
    {"kind": "manual", "label": "重要活动", "weight": "40"},
]
FACTORS = {"excellent": "1.50", "good": "1.00", "pass": "0.50", "fail": "0.00"}


async def test_a_scheme_states_its_reward_rule(client, auth_for):
    coordinator = await auth_for("coordinator")
    made = await client.post(
        SCHEMES, json={"year": YEAR + 10, "unit_group": "department"}, headers=coordinator
    )
    assert made.status_code == 201, made.text
    assert made.json()["reward"] == {"fund": 200000, "individual_percent": 20, "factors": FACTORS}
    bad = {"fund": 100000, "individual_percent": 10, "factors": {"excellent": "2.00"}}
    assert_problem(
        await client.patch(
            f"{SCHEMES}/{made.json()['id']}",
            json={"reward": bad},
            headers={**coordinator, "If-Match": f'"{made.json()["version"]}"'},
        ),
        422,
    )
    rule = {"fund": 300000, "individual_percent": 0, "factors": {**FACTORS, "good": "0.80"}}
    patched = await client.patch(
        f"{SCHEMES}/{made.json()['id']}",
        json={"reward": rule},
        headers={**coordinator, "If-Match": f'"{made.json()["version"]}"'},
    )
    assert patched.status_code == 200 and patched.json()["reward"] == rule
    published = await client.post(
        f"{SCHEMES}/{made.json()['id']}/transitions",
        json={"expected_state": "draft", "to_state": "published"},
        headers=coordinator,
    )
    assert published.status_code == 201, published.text
    # The next year starts from this year's published rule.
    following = await client.post(
        SCHEMES, json={"year": YEAR + 11, "unit_group": "department"}, headers=coordinator
    )
    assert following.json()["reward"] == rule


async def _scored(client, coordinator, round_: dict, points: dict[str, tuple[str, str]]) -> None:
    units = [
        r["unit_id"]
        for r in (await client.get(f"{ROUNDS}/{round_['id']}", headers=coordinator)).json()[
            "results"
        ]
    ]
    for unit in units:
        # A score moves the group's ranks, and with them other sheets' versions: read afresh.
        current = (await client.get(f"{ROUNDS}/{round_['id']}", headers=coordinator)).json()
        sheet = sheet_of(current, unit)
        first, second = points.get(sheet["unit_name"], ("0", "0"))
        sheet = (await score(client, coordinator, current, sheet, "重大措施", first)).json()
        response = await score(client, coordinator, current, sheet, "重要活动", second)
        assert response.status_code == 200, response.text


async def test_the_fund_split_to_the_yuan_adjusted_and_frozen(client, auth_for, session):
    coordinator, supervisor, yuhu, yuetang = [
        await auth_for(u) for u in ("coordinator", "supervisor", "yuhu", "yuetang")
    ]
    yuhu_id = await unit_id(client, coordinator, "yuhu")
    yuetang_id = await unit_id(client, coordinator, "yuetang")
    scheme = await publish_scheme(client, coordinator, YEAR, ITEMS)
    round_ = (
        await client.post(ROUNDS, json={"scheme_id": scheme["id"]}, headers=coordinator)
    ).json()
    # 雨湖区 95 (优秀), 岳塘区 85 (良好), 湘潭县 70 (合格), every other unit 0 (不合格).
    await _scored(
        client,
        coordinator,
        round_,
        {"雨湖区": ("60", "35"), "岳塘区": ("50", "35"), "湘潭县": ("40", "30")},
    )
    url = f"{ROUNDS}/{round_['id']}"
    assert_problem(await client.post(f"{url}/awards", headers=coordinator), 409, "not_publicized")

    # Nominees: the unit's own officers put them forward; the office answers each.
    nominees = []
    for headers, unit, name in (
        (yuhu, yuhu_id, "王建国"),
        (yuhu, yuhu_id, "李秀英"),
        (yuetang, yuetang_id, "张伟"),
    ):
        made = await client.post(
            f"{url}/results/{unit}/nominations",
            json={"person_name": name, "position": "招商科科长", "deeds": "引进重大项目 3 个"},
            headers=headers,
        )
        assert made.status_code == 201, made.text
        nominees.append(made.json())
    assert_problem(
        await client.post(
            f"{url}/results/{yuhu_id}/nominations",
            json={"person_name": "赵六", "position": "科员", "deeds": "代为提名"},
            headers=yuetang,
        ),
        404,
    )
    own = (await client.get(f"{url}/nominations", headers=yuetang)).json()
    assert [n["person_name"] for n in own] == ["张伟"]
    moved = await client.post(
        f"{url}/transitions",
        json={"expected_state": "open", "to_state": "objection"},
        headers=coordinator,
    )
    assert moved.status_code == 201, moved.text
    assert_problem(
        await client.post(f"{url}/awards", headers=coordinator), 422, "nominations_pending"
    )
    for nominee, verdict in zip(nominees, ("approved", "approved", "rejected"), strict=True):
        answered = await client.post(
            f"/api/v1/assessment/nominations/{nominee['id']}/transitions",
            json={"expected_state": "pending", "to_state": verdict, "answer": "经审核"},
            headers=coordinator,
        )
        assert answered.status_code == 201, answered.text

    # 400,000 元: 20 % to the two approved nominees, 320,000 by factor × score —
    # 142.5 : 85 : 35, i.e. 173,714.29 / 103,619.05 / 42,666.67, the yuan left over to the
    # largest remainder (湘潭县).
    made = await client.post(f"{url}/awards", headers=coordinator)
    assert made.status_code == 201, made.text
    split = made.json()
    assert (split["fund"], split["unit_pool"], split["individual_pool"]) == (400000, 320000, 80000)
    parts = {(a["unit_name"], a["person_name"]): a["amount"] for a in split["items"]}
    assert parts == {
        ("雨湖区", None): 173714,
        ("岳塘区", None): 103619,
        ("湘潭县", None): 42667,
        ("雨湖区", "王建国"): 40000,
        ("雨湖区", "李秀英"): 40000,
    }
    assert split["paid"] == sum(parts.values()) == 400000
    assert_problem(await client.get(f"{url}/awards", headers=yuhu), 404)

    # Adjusted with a reason, keeping the total.
    by_name = {(a["unit_name"], a["person_name"]): a for a in split["items"]}
    moved_part = [
        {"award_id": by_name[("雨湖区", None)]["id"], "amount": 172714},
        {"award_id": by_name[("岳塘区", None)]["id"], "amount": 104619},
    ]
    assert_problem(
        await client.put(
            f"{url}/awards",
            json={"changes": moved_part[:1], "reason": "少发一千"},
            headers=coordinator,
        ),
        422,
        "total_changed",
    )
    adjusted = await client.put(
        f"{url}/awards",
        json={"changes": moved_part, "reason": "岳塘区承办全市招商推介会"},
        headers=coordinator,
    )
    assert adjusted.status_code == 200, adjusted.text
    after = {(a["unit_name"], a["person_name"]): a for a in adjusted.json()["items"]}
    assert after[("岳塘区", None)]["amount"] == 104619
    assert after[("岳塘区", None)]["computed"] == 103619
    assert after[("岳塘区", None)]["note"] == "岳塘区承办全市招商推介会"
    assert adjusted.json()["paid"] == 400000

    # A nominee put forward after the split discards it: it waits for the office's answer.
    late = await client.post(
        f"{url}/results/{yuhu_id}/nominations",
        json={"person_name": "陈晨", "position": "科员", "deeds": "协助洽谈项目 2 个"},
        headers=yuhu,
    )
    assert late.status_code == 201, late.text
    assert (await client.get(f"{url}/awards", headers=coordinator)).json()["items"] == []
    assert_problem(
        await client.post(f"{url}/awards", headers=coordinator), 422, "nominations_pending"
    )
    refused = await client.post(
        f"/api/v1/assessment/nominations/{late.json()['id']}/transitions",
        json={"expected_state": "pending", "to_state": "rejected", "answer": "事迹不够突出"},
        headers=coordinator,
    )
    assert refused.status_code == 201, refused.text

    # An accepted objection moves the scores: the split is discarded, confirmation waits.
    shown = (await client.get(url, headers=yuetang)).json()
    sheet = sheet_of(shown, yuetang_id)
    objection = await client.post(
        f"{url}/results/{yuetang_id}/items/{item_of(sheet, '重要活动')['item_id']}/objections",
        json={"reason": "承办全市招商推介会"},
        headers=yuetang,
    )
    assert objection.status_code == 201, objection.text
    accepted = await client.post(
        f"/api/v1/assessment/objections/{objection.json()['id']}/transitions",
        json={
            "expected_state": "pending",
            "to_state": "accepted",
            "answer": "经核实加分",
            "score": "40",
        },
        headers=coordinator,
    )
    assert accepted.status_code == 201, accepted.text
    assert (await client.get(f"{url}/awards", headers=coordinator)).json()["items"] == []
    finalize = {"expected_state": "objection", "to_state": "final"}
    with clock_at(after_window(moved.json())):
        assert_problem(
            await client.post(f"{url}/transitions", json=finalize, headers=supervisor),
            422,
            "awards_missing",
        )
        again = await client.post(f"{url}/awards", headers=coordinator)
        assert again.status_code == 201 and again.json()["paid"] == 400000
        final = await client.post(f"{url}/transitions", json=finalize, headers=supervisor)
        assert final.status_code == 201, final.text

    # Final: frozen with the results, read by every unit.
    assert_problem(
        await client.put(
            f"{url}/awards", json={"changes": moved_part, "reason": "再调"}, headers=coordinator
        ),
        409,
        "round_final",
    )
    for statement in (
        "UPDATE assessment_awards SET amount = 0",
        "UPDATE assessment_nominations SET answer = ''",
    ):
        await assert_frozen(session, statement)
    seen = await client.get(f"{url}/awards", headers=yuetang)
    assert seen.status_code == 200 and seen.json()["paid"] == 400000
