from decimal import Decimal

from sqlalchemy import select

from app.models import AuditEvent, Project
from tests.helpers import assert_problem, partner_via_api, unit_id
from tests.projects.factories import URL, create_project, credit_code, project_body


async def test_unit_officer_creates_project_in_own_unit(client, auth_for, session):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu, investor_credit_code=credit_code(1).lower())
    assert project["code"].startswith("XT-20") and len(project["code"]) == 12
    assert project["owner_unit_name"] == "雨湖区"
    assert project["stage"] == "lead" and project["is_major"] is True
    assert project["planned_investment"] == "12000.50"
    assert project["investor_credit_code"] == credit_code(1)
    history = (await client.get(f"{URL}/{project['id']}/transitions", headers=yuhu)).json()
    assert [(h["from_stage"], h["to_stage"]) for h in history] == [(None, "lead")]
    audit = (
        (await session.execute(select(AuditEvent).where(AuditEvent.action == "project.create")))
        .scalars()
        .all()
    )
    assert audit[-1].object_id == project["id"]


async def test_project_codes_run_on_without_gaps(client, auth_for):
    yuhu = await auth_for("yuhu")
    first = await create_project(client, yuhu)
    bad = await client.post(URL, json=project_body(industry_chain="nope"), headers=yuhu)
    assert_problem(bad, 422, "invalid_dictionary_code")
    second = await create_project(client, yuhu)
    assert int(second["code"][-4:]) == int(first["code"][-4:]) + 1


async def test_is_major_is_derived_and_never_taken_from_client(client, auth_for):
    yuhu = await auth_for("yuhu")
    small = await create_project(client, yuhu, planned_investment="9999.99")
    assert small["is_major"] is False
    body = assert_problem(
        await client.post(URL, json=project_body(is_major=True), headers=yuhu), 422
    )
    assert body["errors"][0]["loc"] == ["body", "is_major"]
    etag = (await client.get(f"{URL}/{small['id']}", headers=yuhu)).headers["etag"]
    grown = await client.patch(
        f"{URL}/{small['id']}",
        json={"planned_investment": "10000"},
        headers={**yuhu, "If-Match": etag},
    )
    assert grown.json()["is_major"] is True


async def test_credit_code_check_digit_is_validated(client, auth_for):
    yuhu = await auth_for("yuhu")
    good = credit_code(7)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    body = assert_problem(
        await client.post(URL, json=project_body(investor_credit_code=wrong), headers=yuhu), 422
    )
    assert body["errors"][0]["msg"] == "统一社会信用代码校验位不正确"
    body = assert_problem(
        await client.post(URL, json=project_body(investor_credit_code="123"), headers=yuhu), 422
    )
    assert body["errors"][0]["msg"] == "统一社会信用代码应为 18 位"


async def test_money_is_exact_decimal(client, auth_for, session):
    yuhu = await auth_for("yuhu")
    project = await create_project(
        client, yuhu, planned_investment="123456789.01", expected_tax="0.10"
    )
    row = (
        await session.execute(select(Project).where(Project.code == project["code"]))
    ).scalar_one()
    assert row.planned_investment == Decimal("123456789.01") and row.expected_tax == Decimal("0.10")
    assert_problem(
        await client.post(URL, json=project_body(planned_investment="1.001"), headers=yuhu), 422
    )
    assert_problem(
        await client.post(URL, json=project_body(planned_investment="-5"), headers=yuhu), 422
    )


async def test_coordinator_must_name_owner_unit(client, auth_for):
    coordinator = await auth_for("coordinator")
    assert_problem(await client.post(URL, json=project_body(), headers=coordinator), 422)
    yuetang = await unit_id(client, coordinator, "yuetang")
    project = await create_project(client, coordinator, owner_unit_id=yuetang)
    assert project["owner_unit_name"] == "岳塘区"


async def test_unit_officer_cannot_file_for_another_unit(client, auth_for):
    yuhu = await auth_for("yuhu")
    other = await unit_id(client, yuhu, "yuetang")
    assert_problem(
        await client.post(URL, json=project_body(owner_unit_id=other), headers=yuhu),
        422,
        "invalid_owner_unit",
    )


async def test_other_units_project_is_invisible_everywhere(client, auth_for):
    yuhu, yuetang = await auth_for("yuhu"), await auth_for("yuetang")
    project = await create_project(client, yuhu, name="雨湖区独有项目")
    pid = project["id"]
    for path in (
        "",
        "/transitions",
        "/next-stages",
        "/evaluations",
        "/follow-ups",
        "/approvals",
        "/duplicates",
        "/assignments",
        "/service-team",
    ):
        assert_problem(await client.get(f"{URL}/{pid}{path}", headers=yuetang), 404, "not_found")
    assert_problem(
        await client.patch(
            f"{URL}/{pid}", json={"name": "改名"}, headers={**yuetang, "If-Match": '"1"'}
        ),
        404,
    )
    assert_problem(
        await client.post(
            f"{URL}/{pid}/transitions",
            json={"to_stage": "evaluation", "expected_stage": "lead"},
            headers=yuetang,
        ),
        404,
    )
    listed = (
        await client.get(URL, params={"q": "雨湖区独有", "include_total": True}, headers=yuetang)
    ).json()
    assert listed["items"] == [] and listed["total"] == 0
    seen = (
        await client.get(URL, params={"q": "雨湖区独有", "include_total": True}, headers=yuhu)
    ).json()
    assert seen["total"] == 1


async def test_department_officer_sees_only_projects_its_work_concerns(client, auth_for):
    """Tickets it handles and meeting decisions it carries out (a summary of those projects)."""
    zrzy = await auth_for("zrzy")
    tickets = (await client.get("/api/v1/tickets", params={"limit": 200}, headers=zrzy)).json()[
        "items"
    ]
    decisions = (
        await client.get("/api/v1/decisions", params={"limit": 200, "mine": True}, headers=zrzy)
    ).json()["items"]
    projects = (await client.get(URL, params={"limit": 200}, headers=zrzy)).json()["items"]
    concerned = {t["project_id"] for t in tickets} | {
        p["id"] for d in decisions for p in d["projects"]
    }
    assert tickets and decisions and {p["id"] for p in projects} == concerned
    # A project of a decision it attended but does not carry out stays out of reach.
    others = (await client.get("/api/v1/decisions", params={"limit": 200}, headers=zrzy)).json()
    theirs = {p["id"] for d in others["items"] for p in d["projects"]} - concerned
    assert all(p not in {x["id"] for x in projects} for p in theirs)


async def test_viewer_never_sees_confidential_investor(client, auth_for):
    yuhu, viewer = await auth_for("yuhu"), await auth_for("viewer")
    project = await create_project(
        client,
        yuhu,
        is_confidential=True,
        investor_name="保密投资方有限公司",
        investor_credit_code=credit_code(3),
        investor_contacts=[{"name": "王总", "phone": "13800000000"}],
    )
    seen = (await client.get(f"{URL}/{project['id']}", headers=viewer)).json()
    assert seen["investor_redacted"] is True
    assert (
        seen["investor_name"] is None
        and seen["investor_credit_code"] is None
        and seen["investor_contacts"] == []
    )
    # A search by the investor's name must not reveal the project either.
    found = (await client.get(URL, params={"q": "保密投资方"}, headers=viewer)).json()["items"]
    assert found == []
    own = (await client.get(f"{URL}/{project['id']}", headers=yuhu)).json()
    assert (
        own["investor_name"] == "保密投资方有限公司"
        and own["investor_contacts"][0]["name"] == "王总"
    )


async def test_partner_sees_only_own_unit_redacted(client, admin, auth_for):
    partner = await partner_via_api(client, admin, "yuhu")
    yuhu = await auth_for("yuhu")
    secret = await create_project(client, yuhu, is_confidential=True)
    other = await create_project(client, await auth_for("yuetang"))
    listed = (await client.get(URL, params={"limit": 200}, headers=partner)).json()["items"]
    assert {p["owner_unit_name"] for p in listed} == {"雨湖区"}
    assert_problem(await client.get(f"{URL}/{other['id']}", headers=partner), 404)
    assert (await client.get(f"{URL}/{secret['id']}", headers=partner)).json()[
        "investor_name"
    ] is None
    assert_problem(
        await client.post(URL, json=project_body(), headers=partner),
        428,
        "idempotency_key_required",
    )
    made = await client.post(
        URL, json=project_body(), headers={**partner, "Idempotency-Key": "sync-0001"}
    )
    assert made.status_code == 201 and made.json()["owner_unit_name"] == "雨湖区"


async def test_patch_needs_if_match_and_refuses_stale(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    url = f"{URL}/{project['id']}"
    assert_problem(await client.patch(url, json={"blocker_note": "用地未落实"}, headers=yuhu), 428)
    etag = (await client.get(url, headers=yuhu)).headers["etag"]
    ok = await client.patch(
        url, json={"blocker_note": "用地未落实"}, headers={**yuhu, "If-Match": etag}
    )
    assert ok.status_code == 200 and ok.json()["blocker_note"] == "用地未落实"
    stale = await client.patch(
        url, json={"blocker_note": "覆盖"}, headers={**yuhu, "If-Match": etag}
    )
    assert_problem(stale, 412)
    assert (await client.get(url, headers=yuhu)).json()["blocker_note"] == "用地未落实"
    assert_problem(
        await client.patch(
            url, json={"name": None}, headers={**yuhu, "If-Match": ok.headers["etag"]}
        ),
        422,
    )
    assert_problem(
        await client.patch(
            url, json={"stage": "signed"}, headers={**yuhu, "If-Match": ok.headers["etag"]}
        ),
        422,
    )


async def test_viewer_and_leader_cannot_write(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    for username in ("viewer", "leader", "supervisor"):
        headers = await auth_for(username)
        assert_problem(await client.post(URL, json=project_body(), headers=headers), 403)
        assert_problem(
            await client.patch(
                f"{URL}/{project['id']}",
                json={"name": "x项目"},
                headers={**headers, "If-Match": '"1"'},
            ),
            403,
        )


async def test_delete_only_while_lead(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    url = f"{URL}/{project['id']}"
    assert_problem(await client.delete(url, headers=yuhu), 428)
    response = await client.delete(url, headers={**yuhu, "If-Match": '"1"'})
    assert response.status_code == 204
    assert_problem(await client.get(url, headers=yuhu), 404)
    later = await create_project(client, yuhu)
    moved = await client.post(
        f"{URL}/{later['id']}/transitions",
        json={"to_stage": "evaluation", "expected_stage": "lead"},
        headers=yuhu,
    )
    assert_problem(
        await client.delete(
            f"{URL}/{later['id']}", headers={**yuhu, "If-Match": moved.headers["etag"]}
        ),
        409,
        "not_deletable",
    )


async def test_possible_duplicates_are_flagged_across_units(client, auth_for):
    yuhu, yuetang = await auth_for("yuhu"), await auth_for("yuetang")
    a = await create_project(client, yuhu, investor_name="湖南重复投资 有限公司")
    b = await create_project(client, yuetang, investor_name="湖南重复投资有限公司")
    coordinator = await auth_for("coordinator")
    for p in (a, b):
        assert (await client.get(f"{URL}/{p['id']}", headers=coordinator)).json()[
            "possible_duplicate"
        ] is True
    peers = (await client.get(f"{URL}/{a['id']}/duplicates", headers=coordinator)).json()
    assert [p["id"] for p in peers] == [b["id"]]
    flagged = (
        await client.get(
            URL, params={"possible_duplicate": True, "q": "重复投资"}, headers=coordinator
        )
    ).json()["items"]
    assert {p["id"] for p in flagged} == {a["id"], b["id"]}
    # Same unit twice is not double counting across units.
    c = await create_project(client, yuhu, investor_name="单一单位投资有限公司")
    await create_project(client, yuhu, investor_name="单一单位投资有限公司")
    assert (await client.get(f"{URL}/{c['id']}", headers=coordinator)).json()[
        "possible_duplicate"
    ] is False


async def test_list_filters_sort_and_keyset(client, auth_for):
    coordinator = await auth_for("coordinator")
    majors = (
        await client.get(
            URL,
            params={"is_major": True, "stage": ["signed", "started"], "limit": 200},
            headers=coordinator,
        )
    ).json()["items"]
    assert majors and all(p["is_major"] and p["stage"] in ("signed", "started") for p in majors)
    found = (await client.get(URL, params={"q": "蓝思"}, headers=coordinator)).json()["items"]
    assert [p["name"] for p in found] == ["蓝思科技湘潭新材料项目"]
    seen, cursor = [], None
    while True:
        params = {
            "limit": 5,
            "sort": "-planned_investment",
            **({"cursor": cursor} if cursor else {}),
        }
        page = (await client.get(URL, params=params, headers=coordinator)).json()
        seen += [Decimal(p["planned_investment"]) for p in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    total = (
        await client.get(URL, params={"include_total": True, "limit": 1}, headers=coordinator)
    ).json()["total"]
    assert len(seen) == total and seen == sorted(seen, reverse=True)
    assert_problem(
        await client.get(URL, params={"sort": "investor_name"}, headers=coordinator),
        422,
        "invalid_sort",
    )


async def test_list_by_leader_stale_and_signed_range(client, auth_for, session):
    coordinator = await auth_for("coordinator")
    leaders = (
        await client.get("/api/v1/users", params={"role": "leader"}, headers=coordinator)
    ).json()["items"]
    wang = next(u for u in leaders if u["username"] == "leader")
    led = (await client.get(URL, params={"leader_id": wang["id"]}, headers=coordinator)).json()[
        "items"
    ]
    assert [p["lead_leader"]["full_name"] for p in led] == ["王建国"]
    stale = (
        await client.get(URL, params={"stale": True, "limit": 200}, headers=coordinator)
    ).json()["items"]
    assert stale and all(p["is_stale"] for p in stale)
    signed = (
        await client.get(
            URL,
            params={"signed_from": "2000-01-01", "signed_to": "2100-01-01", "limit": 200},
            headers=coordinator,
        )
    ).json()["items"]
    assert signed and all(p["signed_date"] for p in signed)


async def test_list_by_signed_amount_and_start_date(client, auth_for):
    coordinator = await auth_for("coordinator")

    async def items(**params):
        # Every page: the demo's year of history holds more signings than one page.
        rows, query = [], {**params, "limit": 200}
        while True:
            response = await client.get(URL, params=query, headers=coordinator)
            assert response.status_code == 200, response.text
            rows += response.json()["items"]
            if not response.json()["next_cursor"]:
                return rows
            query = {**query, "cursor": response.json()["next_cursor"]}

    signed = await items(signed_from="2000-01-01")
    large = await items(signed_amount_min="10000")
    assert large and len(large) < len(signed)
    assert all(Decimal(p["signed_amount"]) >= Decimal("10000") for p in large)
    assert {p["id"] for p in large} == {
        p["id"] for p in signed if Decimal(p["signed_amount"]) >= Decimal("10000")
    }
    started = await items(started_from="2000-01-01")
    assert started and all(p["started_date"] for p in started)
    first = min(p["started_date"] for p in started)
    assert [p["id"] for p in await items(started_to=first)] == [
        p["id"] for p in started if p["started_date"] == first
    ]
    assert await items(started_from="2100-01-01") == []
    assert_problem(
        await client.get(URL, params={"signed_amount_min": "1e4"}, headers=coordinator), 422
    )


async def test_updated_after_gives_incremental_changes(client, auth_for):
    coordinator = await auth_for("coordinator")
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    since = project["updated_at"]
    assert (await client.get(URL, params={"updated_after": since}, headers=coordinator)).json()[
        "items"
    ] == []
    etag = (await client.get(f"{URL}/{project['id']}", headers=yuhu)).headers["etag"]
    await client.patch(
        f"{URL}/{project['id']}",
        json={"blocker_note": "新卡点"},
        headers={**yuhu, "If-Match": etag},
    )
    changed = (
        await client.get(
            URL, params={"updated_after": since, "sort": "updated_at"}, headers=coordinator
        )
    ).json()["items"]
    assert [p["id"] for p in changed] == [project["id"]]


async def test_key_mark_by_coordinator_only(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    project = await create_project(client, yuhu)
    assert_problem(
        await client.put(f"{URL}/{project['id']}/key", json={"is_key": True}, headers=yuhu), 403
    )
    marked = await client.put(
        f"{URL}/{project['id']}/key", json={"is_key": True}, headers=coordinator
    )
    assert marked.json()["is_key"] is True
    keys = (
        await client.get(URL, params={"is_key": True, "limit": 200}, headers=coordinator)
    ).json()["items"]
    assert project["id"] in {p["id"] for p in keys}
