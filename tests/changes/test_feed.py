"""The change feed as a partner follows it, on separately committed connections: changes and
deletions in order and in scope, a whole import in one transaction paged without a gap or a
repeat, and (PostgreSQL) a transaction still running holding the feed back until it commits
rather than being skipped."""

import uuid

import httpx
import pytest
from sqlalchemy import select, update

from app.core.principal import Principal
from app.models import Project, User
from app.projects import service
from tests.conftest import bearer_for
from tests.projects.factories import create_project
from tests.projects.test_excel import row, upload, xlsx
from tests.webhooks.test_webhooks import partner

CHANGES = "/api/v1/changes"


@pytest.fixture
async def live_client(live_app):
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def follow(client, headers, cursor: str, limit: int = 50) -> tuple[list[dict], str]:
    """Everything the feed has after `cursor`, page by page, and where it ends."""
    items: list[dict] = []
    while True:
        page = await client.get(CHANGES, params={"since": cursor, "limit": limit}, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return items, cursor


async def test_a_partner_follows_its_units_changes_and_deletions(
    live_app, live_settings, live_client
):
    admin = await bearer_for(live_app, live_settings, "admin")
    yuhu = await bearer_for(live_app, live_settings, "yuhu")
    yuetang = await bearer_for(live_app, live_settings, "yuetang")
    _, headers = await partner(live_client, admin, scopes=("projects:read",))
    start = (await live_client.get(f"{CHANGES}/latest", headers=headers)).json()["cursor"]

    kept = await create_project(live_client, yuhu, name="跟踪的项目")
    url = f"/api/v1/projects/{kept['id']}"
    etag = (await live_client.get(url, headers=yuhu)).headers["etag"]
    renamed = await live_client.patch(
        url, json={"name": "跟踪的项目（改名）"}, headers={**yuhu, "If-Match": etag}
    )
    assert renamed.status_code == 200
    gone = await create_project(live_client, yuhu, name="撤回的线索")
    etag = (await live_client.get(f"/api/v1/projects/{gone['id']}", headers=yuhu)).headers["etag"]
    deleted = await live_client.delete(
        f"/api/v1/projects/{gone['id']}", headers={**yuhu, "If-Match": etag}
    )
    assert deleted.status_code == 204
    await create_project(live_client, yuetang, name="岳塘区的项目")

    items, end = await follow(live_client, headers, start)
    seen = [(i["id"], i["action"], i["type"]) for i in items]
    # The withdrawn lead's creation is not shown (it can no longer be read), its deletion is.
    assert seen == [
        (kept["id"], "changed", "project.created"),
        (kept["id"], "changed", "project.updated"),
        (gone["id"], "deleted", "project.deleted"),
    ]
    assert items[-1]["object"] is None and items[-1]["change"] == {"code": gone["code"]}
    as_partner = (await live_client.get(url, headers=headers)).json()
    assert all(i["object"] == as_partner for i in items if i["id"] == kept["id"])
    assert {i["id"] for i in items} == {kept["id"], gone["id"]}  # 岳塘区's is not its to see

    # Followed again from where it ended: nothing new, the same position.
    again, still = await follow(live_client, headers, end)
    assert again == [] and still == end
    newer = await create_project(live_client, yuhu, name="之后的项目")
    later, _ = await follow(live_client, headers, end)
    assert [i["id"] for i in later] == [newer["id"]]


async def test_a_whole_import_in_one_transaction_is_paged_without_gap_or_repeat(
    live_app, live_settings, live_client
):
    coordinator = await bearer_for(live_app, live_settings, "coordinator")
    start = (await live_client.get(f"{CHANGES}/latest", headers=coordinator)).json()["cursor"]
    tag = uuid.uuid4().hex[:6]
    imported = await upload(
        live_client, coordinator, xlsx([row(f"批量导入{tag}-{i}") for i in range(23)])
    )
    assert imported.status_code == 200 and imported.json()["imported"] == 23, imported.text

    items, _ = await follow(live_client, coordinator, start, limit=4)
    created = [i["id"] for i in items if i["type"] == "project.created"]
    assert len(created) == len(set(created)) == 23
    names = {i["object"]["name"] for i in items if i["type"] == "project.created"}
    assert names == {f"批量导入{tag}-{i}" for i in range(23)}


async def test_a_list_sorted_by_update_time_pages_rows_sharing_one_timestamp(
    live_app, live_settings, live_client
):
    """`updated_after` with `sort=updated_at`: the keyset is (updated_at, id), so rows written
    in the same instant are neither skipped nor repeated, and a row changed while the pages are
    read comes again at the end."""
    coordinator = await bearer_for(live_app, live_settings, "coordinator")
    yuhu = await bearer_for(live_app, live_settings, "yuhu")
    projects = [await create_project(live_client, yuhu, name=f"同刻{i}") for i in range(9)]
    async with live_app.state.sessionmaker() as s:
        moment = (await s.get(Project, uuid.UUID(projects[0]["id"]))).updated_at
        await s.execute(
            update(Project)
            .where(Project.id.in_([uuid.UUID(p["id"]) for p in projects]))
            .values(updated_at=moment)
        )
        await s.commit()
    after = (moment.replace(microsecond=0)).isoformat()
    params = {"sort": "updated_at", "updated_after": after, "limit": 2}
    ids = {p["id"] for p in projects}
    seen: list[str] = []
    cursor = None
    touched = False
    while True:
        page = await live_client.get(
            "/api/v1/projects",
            params={**params, "cursor": cursor} if cursor else params,
            headers=coordinator,
        )
        body = page.json()
        seen += [p["id"] for p in body["items"]]
        mine = [s for s in seen if s in ids]
        if not touched and len(mine) >= 4:
            # Someone edits a project already read while the pages are being read.
            first = f"/api/v1/projects/{mine[0]}"
            etag = (await live_client.get(first, headers=coordinator)).headers["etag"]
            edited = await live_client.patch(
                first, json={"name": "读取中被修改"}, headers={**coordinator, "If-Match": etag}
            )
            assert edited.status_code == 200
            touched = True
        cursor = body["next_cursor"]
        if cursor is None:
            break
    mine = [s for s in seen if s in ids]
    edited = mine[0]
    # Each once, and the edited one again at the end: nothing skipped, nothing repeated.
    assert set(mine) == ids and len(mine) == 10
    assert mine.count(edited) == 2 and mine[-1] == edited


async def test_a_transaction_still_running_is_waited_for_not_skipped(
    live_app, live_settings, live_client
):
    if live_app.state.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's writers take turns: no transaction commits out of order")
    coordinator = await bearer_for(live_app, live_settings, "coordinator")
    start = (await live_client.get(f"{CHANGES}/latest", headers=coordinator)).json()["cursor"]
    yuhu = await bearer_for(live_app, live_settings, "yuhu")
    project = await create_project(live_client, yuhu, name="慢事务中的项目")

    async with live_app.state.sessionmaker() as slow:
        user = (await slow.execute(select(User).where(User.username == "coordinator"))).scalar_one()
        # The slow transaction writes first (it takes the older transaction id) …
        await service.set_key(slow, Principal.of_user(user), uuid.UUID(project["id"]), True)
        await slow.flush()
        # … and a quick one commits after it began.
        quick = await create_project(live_client, yuhu, name="快事务中的项目")
        items, cursor = await follow(live_client, coordinator, start)
        ids = [i["id"] for i in items]
        assert project["id"] in ids and quick["id"] not in ids
        await slow.commit()
    items, _ = await follow(live_client, coordinator, cursor)
    assert [(i["id"], i["type"]) for i in items] == [
        (project["id"], "project.updated"),
        (quick["id"], "project.created"),
    ]
