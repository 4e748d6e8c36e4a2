"""会议通知: the units invited to a coming meeting and its chair hear of it, and again when its
time or place moves; a unit added later gets the notice too."""

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select

from app.models import Notification, User
from tests.helpers import unit_id
from tests.meetings.factories import MEETINGS, create_meeting, officers


async def _noticed(session, meeting: dict) -> list[tuple[str, str]]:
    """(username, body) of every notice about this meeting."""
    stmt = (
        select(User.username, Notification.body)
        .join(Notification, Notification.user_id == User.id)
        .where(
            Notification.link == f"/meetings/{meeting['id']}",
            Notification.kind == "meeting_notice",
        )
    )
    return sorted((u, b) for u, b in (await session.execute(stmt)).all())


async def test_a_coming_meeting_is_announced_to_its_units_and_chair(
    client: httpx.AsyncClient, auth_for, session
) -> None:
    coordinator = await auth_for("coordinator")
    starts = datetime(2031, 3, 5, 1, 30, tzinfo=UTC)  # 09:30 in Xiangtan
    meeting = await create_meeting(
        client, coordinator, units=("yuhu", "zrzy"), starts_at=starts.isoformat()
    )
    noticed = await _noticed(session, meeting)
    people = sorted(u for u, _ in noticed)
    assert people == sorted([*await officers(session, "yuhu", "zrzy"), "leader"])
    assert "coordinator" not in people  # who scheduled it knows
    body = noticed[0][1]
    assert "2031年3月5日 09:30" in body and "市政府三楼常务会议室" in body and "王建国主持" in body

    # Inbox: the chair sees it, linked to the meeting.
    inbox = (await client.get("/api/v1/notifications", headers=await auth_for("leader"))).json()
    notice = next(n for n in inbox["items"] if n["link"] == f"/meetings/{meeting['id']}")
    assert notice["kind"] == "meeting_notice" and notice["title"] == meeting["title"]


async def test_a_meeting_recorded_afterwards_announces_nothing(
    client: httpx.AsyncClient, auth_for, session
) -> None:
    meeting = await create_meeting(client, await auth_for("coordinator"), days_ago=3)
    assert await _noticed(session, meeting) == []


async def test_a_new_time_is_announced_again_and_added_units_hear_once(
    client: httpx.AsyncClient, auth_for, session
) -> None:
    coordinator = await auth_for("coordinator")
    starts = datetime(2031, 3, 5, 1, 30, tzinfo=UTC)
    meeting = await create_meeting(
        client, coordinator, units=("zrzy",), starts_at=starts.isoformat()
    )
    url = f"{MEETINGS}/{meeting['id']}"
    before = len(await _noticed(session, meeting))

    etag = (await client.get(url, headers=coordinator)).headers["etag"]
    moved = await client.patch(
        url,
        json={"starts_at": (starts + timedelta(days=1)).isoformat()},
        headers={**coordinator, "If-Match": etag},
    )
    assert moved.status_code == 200, moved.text
    noticed = await _noticed(session, meeting)
    changed = [b for _, b in noticed if b.startswith("会议安排调整")]
    assert len(changed) == before and all("2031年3月6日 09:30" in b for b in changed)

    # Adding a unit tells that unit, and nobody else again; an agenda edit tells nobody.
    etag = moved.headers["etag"]
    added = await client.patch(
        url,
        json={
            "unit_ids": [await unit_id(client, coordinator, u) for u in ("zrzy", "fgw")],
            "agenda": "一、研究二期用地报批\n二、其他事项",
        },
        headers={**coordinator, "If-Match": etag},
    )
    assert added.status_code == 200, added.text
    after = await _noticed(session, meeting)
    fgw = await officers(session, "fgw")
    assert sorted(u for u, _ in after if u in fgw) == fgw
    assert len(after) == len(noticed) + len(fgw)
