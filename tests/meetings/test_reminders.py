"""Decisions are not forgotten: the scheduled job reminds the units carrying one out before it
falls due, and them and the coordinators once it is overdue — each reminder once."""

from datetime import date, timedelta

import httpx
from sqlalchemy import select

from app.core.calendar import business_today
from app.holidays.service import load_calendar
from app.jobs import escalation
from app.models import Notification, User
from tests.meetings.factories import DECISIONS, add_decision, create_meeting, officers

NOTIFICATIONS = "/api/v1/notifications"


async def _run(session, settings, today: date | None = None):
    result = await escalation.run(session, settings, today)
    session.expire_all()
    return result


async def _recipients(session, decision: dict, kind: str) -> list[str]:
    """Usernames reminded of this decision with this kind, one entry per notification."""
    stmt = (
        select(User.username)
        .join(Notification, Notification.user_id == User.id)
        .where(Notification.link == f"/decisions/{decision['id']}", Notification.kind == kind)
    )
    return sorted((await session.execute(stmt)).scalars())


async def _overdue_decision(client: httpx.AsyncClient, coordinator, **kw) -> dict:
    """A decision of a meeting held weeks ago whose due date passed three days ago."""
    meeting = await create_meeting(client, coordinator, days_ago=40)
    past = (business_today() - timedelta(days=3)).isoformat()
    return await add_decision(client, coordinator, meeting, due_date=past, **kw)


async def _coordinators(session) -> list[str]:
    stmt = select(User.username).where(User.is_active, User.role == "coordinator")
    return sorted((await session.execute(stmt)).scalars())


async def test_coming_due_reminds_the_responsible_and_co_units_once(
    client: httpx.AsyncClient, auth_for, session, settings
) -> None:
    coordinator = await auth_for("coordinator")
    calendar = await load_calendar(session)
    due = calendar.add_working_days(business_today(), settings.decision_due_soon_days - 1)
    meeting = await create_meeting(client, coordinator)
    decision = await add_decision(
        client, coordinator, meeting, co=("fgw",), due_date=due.isoformat()
    )
    later = await add_decision(
        client,
        coordinator,
        meeting,
        due_date=(business_today() + timedelta(days=60)).isoformat(),
    )

    # A supervisor runs the check as the schedule would.
    run = await client.post("/api/v1/tickets/escalation-runs", headers=await auth_for("supervisor"))
    assert run.status_code == 201, run.text
    assert run.json()["decisions_reminded"] >= 1
    reminded = await _recipients(session, decision, "decision_due_soon")
    assert reminded == await officers(session, "zrzy", "fgw")
    assert await _recipients(session, later, "decision_due_soon") == []

    # The responsible department sees it in its inbox, linked to the decision.
    inbox = (
        await client.get(NOTIFICATIONS, params={"unread": True}, headers=await auth_for("zrzy"))
    ).json()["items"]
    mine = next(n for n in inbox if n["link"] == f"/decisions/{decision['id']}")
    assert mine["kind"] == "decision_due_soon"
    assert mine["title"].startswith(decision["code"])
    assert "请抓紧落实" in mine["body"]

    again = await _run(session, settings)
    assert again.decisions_reminded == 0
    assert await _recipients(session, decision, "decision_due_soon") == reminded


async def test_overdue_tells_units_and_coordinators_once(
    client: httpx.AsyncClient, auth_for, session, settings
) -> None:
    overdue = await _overdue_decision(client, await auth_for("coordinator"), co=("fgw",))
    first = await _run(session, settings)
    assert first.decisions_reminded >= 1
    expected = sorted(await officers(session, "zrzy", "fgw") + await _coordinators(session))
    assert await _recipients(session, overdue, "decision_overdue") == expected
    # Already past due: no "coming due" reminder on top.
    assert await _recipients(session, overdue, "decision_due_soon") == []

    # A progress report does not re-arm it; another run sends nothing new.
    report = await client.post(
        f"{DECISIONS}/{overdue['id']}/updates",
        json={"note": "已完成用地报批材料初审。"},
        headers=await auth_for("zrzy"),
    )
    assert report.status_code == 201, report.text
    assert (await _run(session, settings)).decisions_reminded == 0
    assert await _recipients(session, overdue, "decision_overdue") == expected


async def test_a_cancelled_decision_is_not_reminded(
    client: httpx.AsyncClient, auth_for, session, settings
) -> None:
    coordinator = await auth_for("coordinator")
    cancelled = await _overdue_decision(client, coordinator)
    cancel = await client.post(
        f"{DECISIONS}/{cancelled['id']}/transitions",
        json={
            "expected_state": "open",
            "to_state": "cancelled",
            "note": "项目已退出，事项不再落实。",
        },
        headers=coordinator,
    )
    assert cancel.status_code == 201, cancel.text
    await _run(session, settings)
    assert await _recipients(session, cancelled, "decision_overdue") == []


async def test_a_new_due_date_reminds_again(
    client: httpx.AsyncClient, auth_for, session, settings
) -> None:
    coordinator = await auth_for("coordinator")
    decision = await _overdue_decision(client, coordinator)
    await _run(session, settings)
    assert len(await _recipients(session, decision, "decision_overdue")) > 0
    url = f"{DECISIONS}/{decision['id']}"
    etag = (await client.get(url, headers=coordinator)).headers["etag"]
    calendar = await load_calendar(session)
    new_due = calendar.add_working_days(business_today(), 1)
    moved = await client.patch(
        url, json={"due_date": new_due.isoformat()}, headers={**coordinator, "If-Match": etag}
    )
    assert moved.status_code == 200, moved.text
    await _run(session, settings)
    assert await _recipients(session, decision, "decision_due_soon") == await officers(
        session, "zrzy"
    )
    # And once overdue again, the overdue reminder comes again.
    await _run(session, settings, today=new_due + timedelta(days=1))
    assert len(await _recipients(session, decision, "decision_overdue")) == 2 * len(
        await officers(session, "zrzy")
    ) + 2 * len(await _coordinators(session))
