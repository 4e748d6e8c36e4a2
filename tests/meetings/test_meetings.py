"""Meetings: create, scope, held → minutes published (frozen), revisions, carry-over."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from app.models import MinutesVersion
from tests.helpers import assert_problem, unit_id
from tests.meetings.factories import (
    MEETINGS,
    add_decision,
    create_meeting,
    move,
    user_id,
)
from tests.projects.factories import create_project


async def test_coordinator_records_a_meeting_through_to_published_minutes(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    meeting = await create_meeting(client, coordinator)
    assert meeting["state"] == "draft"
    assert meeting["chair"]["full_name"] == "王建国"
    assert {u["name"] for u in meeting["units"]} == {
        "雨湖区",
        "市自然资源和规划局",
        "市发展和改革委员会",
    }
    assert "held" in meeting["actions"] and "published" not in meeting["actions"]

    held = await move(client, coordinator, meeting, "held")
    assert held.status_code == 201, held.text
    # Publishing needs minutes.
    assert_problem(await move(client, coordinator, meeting, "published"), 422, "minutes_missing")

    etag = (await client.get(f"{MEETINGS}/{meeting['id']}", headers=coordinator)).headers["etag"]
    patched = await client.patch(
        f"{MEETINGS}/{meeting['id']}",
        json={"minutes_draft": "会议听取了各地汇报，议定如下事项。"},
        headers={**coordinator, "If-Match": etag},
    )
    assert patched.status_code == 200, patched.text
    published = await move(client, coordinator, meeting, "published")
    assert published.status_code == 201, published.text
    body = published.json()
    assert body["state"] == "published"
    assert body["minutes_version"] == 1
    assert body["minutes"] == "会议听取了各地汇报，议定如下事项。"
    assert "revise_minutes" in body["actions"] and "edit" not in body["actions"]

    # Frozen: no edits, no new decisions; a revision is a new version with a reason.
    etag = (await client.get(f"{MEETINGS}/{meeting['id']}", headers=coordinator)).headers["etag"]
    frozen = await client.patch(
        f"{MEETINGS}/{meeting['id']}",
        json={"minutes_draft": "改写"},
        headers={**coordinator, "If-Match": etag},
    )
    assert_problem(frozen, 409, "meeting_frozen")
    refused = await client.post(
        f"{MEETINGS}/{meeting['id']}/decisions",
        json={
            "text": "补充事项",
            "responsible_unit_id": await unit_id(client, coordinator, "zrzy"),
        },
        headers=coordinator,
    )
    assert_problem(refused, 409, "meeting_frozen")
    revised = await client.post(
        f"{MEETINGS}/{meeting['id']}/minutes-versions",
        json={
            "minutes": "会议听取了各地汇报，议定如下三项事项。",
            "reason": "补正议定事项数量",
        },
        headers=coordinator,
    )
    assert revised.status_code == 201, revised.text
    versions = (
        await client.get(f"{MEETINGS}/{meeting['id']}/minutes-versions", headers=coordinator)
    ).json()
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[1]["minutes"] == "会议听取了各地汇报，议定如下事项。"
    assert versions[0]["reason"] == "补正议定事项数量"
    assert versions[0]["published_by_name"] == "刘志强"
    latest = (await client.get(f"{MEETINGS}/{meeting['id']}", headers=coordinator)).json()
    assert latest["minutes"] == "会议听取了各地汇报，议定如下三项事项。"


async def test_stale_state_and_illegal_steps_are_refused(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    meeting = await create_meeting(client, coordinator)
    stale = await client.post(
        f"{MEETINGS}/{meeting['id']}/transitions",
        json={"expected_state": "held", "to_state": "published"},
        headers=coordinator,
    )
    assert_problem(stale, 409, "state_changed")
    skip = await client.post(
        f"{MEETINGS}/{meeting['id']}/transitions",
        json={"expected_state": "draft", "to_state": "published"},
        headers=coordinator,
    )
    assert_problem(skip, 409, "illegal_transition")


async def test_chair_must_be_a_leader_and_units_must_exist(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    body = {
        "title": "部门会商",
        "kind": "consultation",
        "starts_at": datetime.now(UTC).isoformat(),
        "place": "市商务局会议室",
        "chair_id": await user_id(client, coordinator, "zrzy"),
    }
    problem = assert_problem(
        await client.post(MEETINGS, json=body, headers=coordinator),
        422,
        "invalid_chair",
    )
    assert problem["errors"][0]["loc"] == ["body", "chair_id"]
    body["chair_id"] = await user_id(client, coordinator, "leader")
    body["unit_ids"] = ["00000000-0000-0000-0000-000000000000"]
    assert_problem(await client.post(MEETINGS, json=body, headers=coordinator), 422, "invalid_unit")
    body["unit_ids"] = []
    body["starts_at"] = "2026-11-20T09:00:00"
    problem = assert_problem(
        await client.post(MEETINGS, json=body, headers=coordinator),
        422,
        "validation_error",
    )
    assert problem["errors"] == [
        {
            "loc": ["body", "starts_at"],
            "msg": "须带时区，如 2026-11-30T09:00:00+08:00（北京时间）",
            "type": "naive_datetime",
        }
    ]


async def test_units_see_meetings_they_attended_leaders_those_they_chair(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    attended = await create_meeting(client, coordinator, units=("yuhu",), chair="leader")
    other = await create_meeting(client, coordinator, units=("yuetang",), chair="leader2")
    yuhu, leader, zrzy = (
        await auth_for("yuhu"),
        await auth_for("leader"),
        await auth_for("zrzy"),
    )
    for headers, sees, hidden in ((yuhu, attended, other), (leader, attended, other)):
        ids = [m["id"] for m in (await client.get(MEETINGS, headers=headers)).json()["items"]]
        assert sees["id"] in ids and hidden["id"] not in ids
        assert (await client.get(f"{MEETINGS}/{sees['id']}", headers=headers)).status_code == 200
        assert_problem(await client.get(f"{MEETINGS}/{hidden['id']}", headers=headers), 404)
        assert_problem(
            await client.get(f"{MEETINGS}/{hidden['id']}/decisions", headers=headers),
            404,
        )
    # Not attended, but responsible for one of its decisions: sees the decision, not the meeting.
    decision = await add_decision(client, coordinator, other, responsible="zrzy")
    assert_problem(await client.get(f"{MEETINGS}/{other['id']}", headers=zrzy), 404)
    assert (
        await client.get(f"/api/v1/decisions/{decision['id']}", headers=zrzy)
    ).status_code == 200
    # Only the coordinator manages meetings.
    assert_problem(
        await client.post(
            f"{MEETINGS}/{attended['id']}/transitions",
            json={"expected_state": "draft", "to_state": "held"},
            headers=leader,
        ),
        403,
    )


async def test_list_filters(client: httpx.AsyncClient, auth_for) -> None:
    coordinator = await auth_for("coordinator")
    joint = await create_meeting(client, coordinator, days_ago=3)
    consult = await create_meeting(
        client, coordinator, kind="consultation", chair="leader2", units=("zrzy",)
    )
    await move(client, coordinator, consult, "held")

    async def ids(**params: object) -> list[str]:
        response = await client.get(MEETINGS, params=params, headers=coordinator)
        assert response.status_code == 200, response.text
        return [m["id"] for m in response.json()["items"]]

    assert consult["id"] in await ids(kind="consultation")
    assert joint["id"] not in await ids(kind="consultation")
    assert await ids(state="held") == [consult["id"]] or consult["id"] in await ids(state="held")
    assert joint["id"] not in await ids(state="held")
    assert consult["id"] in await ids(chair_id=await user_id(client, coordinator, "leader2"))
    assert joint["id"] not in await ids(chair_id=await user_id(client, coordinator, "leader2"))
    zrzy = await unit_id(client, coordinator, "zrzy")
    assert {joint["id"], consult["id"]} <= set(await ids(unit_id=zrzy))
    since = (datetime.now(UTC) - timedelta(days=2)).isoformat()
    assert consult["id"] in await ids(starts_from=since)
    assert joint["id"] not in await ids(starts_from=since)
    page = (
        await client.get(MEETINGS, params={"limit": 1, "include_total": True}, headers=coordinator)
    ).json()
    assert len(page["items"]) == 1 and page["total"] >= 2 and page["next_cursor"]


async def test_next_joint_meeting_carries_the_open_decisions_of_the_last(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    project = await create_project(client, yuhu)
    # A year ahead, so the demo data's joint meetings are not in between.
    q3 = await create_meeting(client, coordinator, days_ago=-400, title="第三季度联席调度会")
    open_one = await add_decision(client, coordinator, q3, project_ids=(project["id"],))
    done_one = await add_decision(
        client, coordinator, q3, text="雨湖区完成项目备案。", responsible="yuhu"
    )
    finished = await client.post(
        f"/api/v1/decisions/{done_one['id']}/transitions",
        json={"expected_state": "open", "to_state": "done"},
        headers=coordinator,
    )
    assert finished.status_code == 201, finished.text
    q4 = await create_meeting(client, coordinator, days_ago=-490, title="第四季度联席调度会")
    assert q4["previous_id"] == q3["id"]
    carried = {d["id"]: d for d in q4["carried_decisions"]}
    # Its own open decision, not the done one, plus what it had carried and is still open.
    assert set(carried) == {open_one["id"], *(d["id"] for d in q3["carried_decisions"])}
    assert done_one["id"] not in carried
    assert carried[open_one["id"]]["meeting_title"] == "第三季度联席调度会"
    # Other kinds of meeting carry nothing.
    consult = await create_meeting(client, coordinator, kind="consultation", days_ago=0)
    assert consult["carried_decisions"] == [] and consult["previous_id"] is None


async def test_a_joint_meeting_moved_while_in_preparation_carries_anew(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    q3 = await create_meeting(client, coordinator, days_ago=-600, title="第三季度联席调度会")
    first = await add_decision(client, coordinator, q3)
    q4 = await create_meeting(client, coordinator, days_ago=-690, title="第四季度联席调度会")
    assert first["id"] in {d["id"] for d in q4["carried_decisions"]}
    late = await add_decision(client, coordinator, q3, text="市发展和改革委员会做好项目入库。")
    url = f"{MEETINGS}/{q4['id']}"

    async def reschedule(days_ahead: int) -> dict:
        etag = (await client.get(url, headers=coordinator)).headers["etag"]
        starts = datetime.now(UTC) + timedelta(days=days_ahead)
        response = await client.patch(
            url,
            json={"starts_at": starts.isoformat()},
            headers={**coordinator, "If-Match": etag},
        )
        assert response.status_code == 200, response.text
        return response.json()

    # Moved before the third-quarter meeting: that one is no longer the previous one.
    earlier = await reschedule(590)
    assert earlier["previous_id"] != q3["id"]
    assert first["id"] not in {d["id"] for d in earlier["carried_decisions"]}
    # Back after it: its decisions open now, the one recorded since included.
    back = await reschedule(690)
    assert back["previous_id"] == q3["id"]
    assert {first["id"], late["id"]} <= {d["id"] for d in back["carried_decisions"]}


async def test_attachments_on_a_meeting(client: httpx.AsyncClient, auth_for, settings) -> None:
    coordinator, yuhu, yuetang = (
        await auth_for("coordinator"),
        await auth_for("yuhu"),
        await auth_for("yuetang"),
    )
    meeting = await create_meeting(client, coordinator, units=("yuhu",))
    url = f"{MEETINGS}/{meeting['id']}/attachments"
    pdf = b"%PDF-1.7\n" + b"0" * 100
    uploaded = await client.post(
        url, files={"file": ("签到表.pdf", pdf, "application/pdf")}, headers=coordinator
    )
    assert uploaded.status_code == 201, uploaded.text
    row = uploaded.json()
    assert row["filename"] == "签到表.pdf" and row["size"] == len(pdf)
    stored = settings.attachments_dir / "meetings" / meeting["id"] / row["id"]
    assert stored.read_bytes() == pdf
    # Attendees download it; others cannot even list it.
    download = await client.get(row["download_url"], headers=yuhu)
    assert download.status_code == 200 and download.content == pdf
    assert_problem(await client.get(url, headers=yuetang), 404)
    assert_problem(await client.get(row["download_url"], headers=yuetang), 404)
    # Attendees do not upload; a renamed executable is refused.
    refused = await client.post(
        url, files={"file": ("a.pdf", pdf, "application/pdf")}, headers=yuhu
    )
    assert_problem(refused, 403)
    fake = await client.post(
        url,
        files={"file": ("纪要.pdf", b"MZ\x90\x00", "application/pdf")},
        headers=coordinator,
    )
    assert_problem(fake, 422, "file_content_mismatch")
    assert [a["filename"] for a in (await client.get(url, headers=yuhu)).json()] == ["签到表.pdf"]


async def test_published_minutes_cannot_be_changed_in_the_database(session) -> None:
    version = (await session.execute(select(MinutesVersion).limit(1))).scalar_one()
    for statement in (
        update(MinutesVersion).where(MinutesVersion.id == version.id).values(minutes="篡改"),
        delete(MinutesVersion).where(MinutesVersion.id == version.id),
    ):
        savepoint = await session.begin_nested()
        with pytest.raises(DBAPIError, match="frozen"):
            await session.execute(statement)
        await savepoint.rollback()


async def test_posts_are_idempotent_and_audited(client: httpx.AsyncClient, auth_for) -> None:
    coordinator = await auth_for("coordinator")
    body = {
        "title": "项目调度会",
        "kind": "dispatch",
        "starts_at": datetime.now(UTC).isoformat(),
        "place": "市商务局会议室",
        "chair_id": await user_id(client, coordinator, "leader"),
    }
    headers = {**coordinator, "Idempotency-Key": "dispatch-2026-11-28"}
    first = await client.post(MEETINGS, json=body, headers=headers)
    again = await client.post(MEETINGS, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    supervisor = await auth_for("supervisor")
    events = (
        await client.get(
            "/api/v1/audit-events",
            params={"object_id": first.json()["id"]},
            headers=supervisor,
        )
    ).json()["items"]
    assert [e["action"] for e in events] == ["meeting.create"]


async def test_leaders_see_decisions_on_the_project_they_lead(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    leader3_id = await user_id(client, coordinator, "leader3")
    led = (
        await client.get(
            "/api/v1/assignments",
            params={"leader_id": leader3_id, "active": True},
            headers=coordinator,
        )
    ).json()[0]["project_id"]
    meeting = await create_meeting(client, coordinator, chair="leader2")
    decision = await add_decision(client, coordinator, meeting, project_ids=(led,))
    other = await add_decision(client, coordinator, meeting, text="与其无关的事项。")
    leader3, leader = await auth_for("leader3"), await auth_for("leader")
    assert (
        await client.get(f"/api/v1/decisions/{decision['id']}", headers=leader3)
    ).status_code == 200
    assert_problem(await client.get(f"/api/v1/decisions/{other['id']}", headers=leader3), 404)
    assert_problem(await client.get(f"/api/v1/decisions/{decision['id']}", headers=leader), 404)
    ids = [
        d["id"]
        for d in (
            await client.get("/api/v1/decisions", params={"project_id": led}, headers=leader3)
        ).json()["items"]
    ]
    assert decision["id"] in ids
