"""会议通知: the units invited to a coming meeting and its chair hear of it, and again when its
time or place moves; a unit added later gets the notice too."""

from datetime import UTC, datetime, time, timedelta

import httpx
from sqlalchemy import select

from app.core.calendar import business_today
from app.core.time import SHANGHAI
from app.holidays.service import load_calendar
from app.jobs import escalation
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
    assert (
        "2031年3月5日（星期三）09:30" in body
        and "市政府三楼常务会议室" in body
        and "王建国主持" in body
    )

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
    assert len(changed) == before and all("2031年3月6日（星期四）09:30" in b for b in changed)

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


async def test_the_last_working_day_before_a_meeting_reminds_once(
    client: httpx.AsyncClient, auth_for, session, settings
) -> None:
    coordinator = await auth_for("coordinator")
    today = business_today()
    day = (await load_calendar(session)).add_working_days(today, 1)
    starts = datetime.combine(day, time(9, 30), SHANGHAI)
    meeting = await create_meeting(
        client, coordinator, units=("zrzy",), starts_at=starts.isoformat()
    )
    later = await create_meeting(
        client, coordinator, units=("zrzy",), starts_at=(starts + timedelta(days=10)).isoformat()
    )

    async def run():
        result = await escalation.run(session, settings, today)
        session.expire_all()
        return result

    async def reminded(m: dict) -> list[str]:
        return sorted(u for u, b in await _noticed(session, m) if b.startswith("会议提醒："))

    assert (await run()).meetings_reminded >= 1
    people = sorted([*await officers(session, "zrzy"), "leader"])
    assert await reminded(meeting) == people
    assert await reminded(later) == []
    assert (await run()).meetings_reminded == 0
    assert await reminded(meeting) == people

    # Moved to later that day: announced as changed, and reminded again for the new time.
    url = f"{MEETINGS}/{meeting['id']}"
    etag = (await client.get(url, headers=coordinator)).headers["etag"]
    moved = await client.patch(
        url,
        json={"starts_at": (starts + timedelta(hours=5)).isoformat()},
        headers={**coordinator, "If-Match": etag},
    )
    assert moved.status_code == 200, moved.text
    assert (await run()).meetings_reminded >= 1
    assert await reminded(meeting) == sorted(people * 2)
    bodies = [b for u, b in await _noticed(session, meeting) if u == "leader"]
    assert any("14:30" in b and b.startswith("会议提醒：") for b in bodies)
