"""字典: the administrator keeps the code lists; projects keep what they already hold."""

from tests.helpers import assert_problem
from tests.projects.factories import URL as PROJECTS
from tests.projects.factories import create_project

URL = "/api/v1/dictionaries"


async def _add(client, admin, **overrides):
    body = {"kind": "industry_chain", "code": "hydrogen", "label": "氢能", "sort_order": 95}
    body.update(overrides)
    return await client.post(URL, json=body, headers=admin)


async def _codes(client, headers, **params):
    response = await client.get(URL, params={"kind": "industry_chain", **params}, headers=headers)
    assert response.status_code == 200, response.text
    return [i["code"] for i in response.json()]


async def test_admin_adds_an_item_that_everyone_can_then_pick(client, admin, auth_for):
    response = await _add(client, admin)
    assert response.status_code == 201, response.text
    item = response.json()
    assert item["label"] == "氢能" and item["is_active"] and item["version"] == 1
    assert response.headers["location"].endswith(item["id"])
    assert response.headers["etag"] == '"1"'
    # In display order: 95 sits after the demo's 80 (汽车及零部件).
    assert (await _codes(client, await auth_for("yuhu")))[-1] == "hydrogen"
    project = await create_project(client, await auth_for("yuhu"), industry_chain="hydrogen")
    assert project["industry_chain"] == "hydrogen"


async def test_duplicate_code_is_409_in_chinese_but_other_kinds_may_reuse_it(client, admin):
    assert (await _add(client, admin)).status_code == 201
    body = assert_problem(await _add(client, admin, label="氢能源"), 409, "dictionary_code_exists")
    assert body["detail"] == "该字典中已有此代码"
    assert (await _add(client, admin, kind="source_channel")).status_code == 201


async def test_bad_items_are_422(client, admin):
    assert_problem(await _add(client, admin, code="Hydrogen"), 422)
    assert_problem(await _add(client, admin, label=""), 422)
    assert_problem(await _add(client, admin, kind="colour"), 422)
    assert_problem(await _add(client, admin, sort_order=-1), 422)


async def test_only_the_administrator_writes(client, auth_for):
    for role in ("coordinator", "yuhu", "viewer"):
        assert_problem(await _add(client, await auth_for(role)), 403)
    assert_problem(await client.post(URL, json={}), 401)


async def test_rename_reorder_and_deactivate_need_the_current_version(client, admin):
    item = (await _add(client, admin)).json()
    target = f"{URL}/{item['id']}"
    assert_problem(await client.patch(target, json={"label": "氢能产业"}, headers=admin), 428)
    renamed = await client.patch(
        target, json={"label": "氢能产业", "sort_order": 5}, headers={**admin, "If-Match": '"1"'}
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["label"] == "氢能产业" and renamed.json()["version"] == 2
    assert (await _codes(client, admin))[:2] == ["equipment", "hydrogen"]
    off = {"is_active": False}
    assert_problem(await client.patch(target, json=off, headers={**admin, "If-Match": '"1"'}), 412)
    assert_problem(
        await client.patch(target, json={"label": None}, headers={**admin, "If-Match": '"2"'}), 422
    )
    gone = await client.patch(target, json=off, headers={**admin, "If-Match": '"2"'})
    assert gone.json()["is_active"] is False
    assert "hydrogen" not in await _codes(client, admin)
    assert "hydrogen" in await _codes(client, admin, include_inactive="true")


async def test_a_deactivated_item_stays_on_projects_but_is_not_offered_again(
    client, admin, auth_for
):
    yuhu = await auth_for("yuhu")
    item = (await _add(client, admin)).json()
    project = await create_project(client, yuhu, industry_chain="hydrogen")
    await client.patch(
        f"{URL}/{item['id']}", json={"is_active": False}, headers={**admin, "If-Match": '"1"'}
    )

    read = await client.get(f"{PROJECTS}/{project['id']}", headers=yuhu)
    assert read.json()["industry_chain"] == "hydrogen"
    # The edit form sends the whole project back, the old entry included: that still saves.
    saved = await client.patch(
        f"{PROJECTS}/{project['id']}",
        json={
            "name": "氢能装备项目",
            "industry_chain": "hydrogen",
            "source_channel": "door-knocking",
        },
        headers={**yuhu, "If-Match": read.headers["etag"]},
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["industry_chain"] == "hydrogen"

    # Choosing it anew is refused, on a new project and on another one.
    body = assert_problem(
        await client.post(
            PROJECTS,
            json={
                "name": "另一个氢能项目",
                "investor_name": "湖南氢能有限公司",
                "industry_chain": "hydrogen",
                "source_channel": "door-knocking",
                "planned_investment": "5000",
            },
            headers=yuhu,
        ),
        422,
        "invalid_dictionary_code",
    )
    assert body["errors"][0]["loc"] == ["body", "industry_chain"]
    other = await create_project(client, yuhu)
    etag = (await client.get(f"{PROJECTS}/{other['id']}", headers=yuhu)).headers["etag"]
    assert_problem(
        await client.patch(
            f"{PROJECTS}/{other['id']}",
            json={"industry_chain": "hydrogen"},
            headers={**yuhu, "If-Match": etag},
        ),
        422,
        "invalid_dictionary_code",
    )
