"""交办 → 督办: the escalation job's rules, its idempotence, manual 督办 and the letters."""

import io
import os
import uuid
from datetime import datetime, timedelta

import docx
import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.core.calendar import business_today
from app.core.time import SHANGHAI
from app.holidays.service import load_calendar
from app.jobs import escalation
from app.models import Escalation, Letter, Notification, Ticket
from tests.helpers import assert_problem
from tests.tickets.factories import URL, assigned_ticket


async def _set(session, ticket_id: str, **values) -> None:
    await session.execute(update(Ticket).where(Ticket.id == uuid.UUID(ticket_id)).values(**values))
    await session.flush()


async def _run(session, settings, today=None):
    result = await escalation.run(session, settings, today)
    session.expire_all()
    return result


async def test_overdue_past_grace_escalates_once_with_a_supervision_letter(
    client, auth_for, session, settings
):
    ticket = await assigned_ticket(client, auth_for)
    calendar = await load_calendar(session)
    today = business_today()
    # Due three working days ago: past the two-day grace.
    due = today
    for _ in range(3):
        due -= timedelta(days=1)
        while not calendar.is_working_day(due):
            due -= timedelta(days=1)
    await _set(session, ticket["id"], due_date=due, state="in_progress")

    first = await _run(session, settings)
    assert first.ran and first.escalated >= 1
    again = await _run(session, settings)
    assert again.escalated == 0  # running it twice changes nothing more

    supervisor = await auth_for("supervisor")
    detail = (await client.get(f"{URL}/{ticket['id']}", headers=supervisor)).json()
    assert detail["escalation_level"] == 1 and detail["is_overdue"]
    rows = (await client.get(f"{URL}/{ticket['id']}/escalations", headers=supervisor)).json()
    assert [(r["level"], r["reason"]) for r in rows] == [(1, "overdue")]
    assert rows[0]["department"]["name"] == "市自然资源和规划局"
    letters = (await client.get(f"{URL}/{ticket['id']}/letters", headers=supervisor)).json()
    assert [item["kind"] for item in letters] == ["assignment", "supervision"]
    supervision = letters[1]
    assert supervision["number"].startswith(f"湘招督〔{today.year}〕")
    assert rows[0]["letter_number"] == supervision["number"]

    download = await client.get(supervision["download_url"], headers=supervisor)
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
    assert supervision["number"] in text
    assert "市自然资源和规划局：" in text
    assert letters[0]["number"] in text  # refers back to the 交办函
    assert ticket["title"] in text

    timeline = (await client.get(f"{URL}/{ticket['id']}/timeline", headers=supervisor)).json()
    assert timeline[-1]["kind"] == "escalation" and timeline[-1]["actor_name"] == "系统自动督办"
    zrzy = await auth_for("zrzy")
    inbox = (await client.get("/api/v1/notifications", headers=zrzy)).json()["items"]
    about = [n for n in inbox if n["link"] == f"/tickets/{ticket['id']}"]
    assert about[0]["kind"] == "escalated" and supervision["number"] in about[0]["body"]


async def test_level_two_comes_only_after_the_waiting_period(client, auth_for, session, settings):
    ticket = await assigned_ticket(client, auth_for)
    today = business_today()
    await _set(session, ticket["id"], due_date=today - timedelta(days=30), state="in_progress")
    await _run(session, settings)
    # A week on the calendar is not yet five working days when holidays intervene, so ask the
    # calendar for "today" as the job would see it on the day level 2 is due.
    calendar = await load_calendar(session)
    await _run(
        session,
        settings,
        calendar.add_working_days(today, settings.escalate_level2_days),
    )
    level = (
        await session.execute(
            select(Ticket.escalation_level).where(Ticket.id == uuid.UUID(ticket["id"]))
        )
    ).scalar_one()
    assert level == 1
    later = calendar.add_working_days(today, settings.escalate_level2_days + 1)
    await _run(session, settings, later)
    await _run(session, settings, later)
    rows = (
        await session.execute(
            select(Escalation.level)
            .where(Escalation.ticket_id == uuid.UUID(ticket["id"]))
            .order_by(Escalation.level)
        )
    ).scalars()
    assert list(rows) == [1, 2]
    kinds = (
        await session.execute(
            select(Letter.kind)
            .where(Letter.ticket_id == uuid.UUID(ticket["id"]))
            .order_by(Letter.issued_at)
        )
    ).scalars()
    assert list(kinds) == ["assignment", "supervision", "circular"]


async def test_not_accepted_in_time_escalates(client, auth_for, session, settings):
    ticket = await assigned_ticket(client, auth_for)
    await _set(session, ticket["id"], assigned_on=business_today() - timedelta(days=10))
    await _run(session, settings)
    reasons = (
        await session.execute(
            select(Escalation.reason).where(Escalation.ticket_id == uuid.UUID(ticket["id"]))
        )
    ).scalars()
    assert list(reasons) == ["not_accepted"]


async def test_returned_too_often_escalates(client, auth_for, session, settings):
    ticket = await assigned_ticket(client, auth_for)
    await _set(session, ticket["id"], state="in_progress", return_count=3)
    await _run(session, settings)
    reasons = (
        await session.execute(
            select(Escalation.reason).where(Escalation.ticket_id == uuid.UUID(ticket["id"]))
        )
    ).scalars()
    assert list(reasons) == ["returned"]


async def test_on_time_and_closed_tickets_are_left_alone(client, auth_for, session, settings):
    on_time = await assigned_ticket(client, auth_for)
    closed = await assigned_ticket(client, auth_for)
    await _set(
        session,
        closed["id"],
        state="closed",
        due_date=business_today() - timedelta(days=40),
    )
    await _run(session, settings)
    for ticket in (on_time, closed):
        level = (
            await session.execute(
                select(Ticket.escalation_level).where(Ticket.id == uuid.UUID(ticket["id"]))
            )
        ).scalar_one()
        assert level == 0


async def test_due_soon_reminds_handlers_once(client, auth_for, session, settings):
    ticket = await assigned_ticket(client, auth_for)
    await _set(session, ticket["id"], due_date=business_today())
    first = await _run(session, settings)
    second = await _run(session, settings)
    assert first.due_soon_notified >= 1 and second.due_soon_notified == 0
    kinds = (
        await session.execute(
            select(Notification.kind).where(
                Notification.ticket_id == uuid.UUID(ticket["id"]),
                Notification.kind == "due_soon",
            )
        )
    ).scalars()
    assert len(list(kinds)) == 1  # 张敏 of 自然资源局, once
    zrzy = await auth_for("zrzy")
    detail = (await client.get(f"{URL}/{ticket['id']}", headers=zrzy)).json()
    assert detail["is_due_soon"] and not detail["is_overdue"]


async def test_supervisor_escalates_by_hand_with_a_reason(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    supervisor = await auth_for("supervisor")
    url = f"{URL}/{ticket['id']}/escalations"
    assert_problem(await client.post(url, json={}, headers=supervisor), 422)
    first = await client.post(url, json={"reason": "企业反映多次催促无果"}, headers=supervisor)
    assert first.status_code == 201, first.text
    assert first.json()["level"] == 1 and first.json()["reason"] == "manual"
    second = await client.post(url, json={"reason": "仍未办理"}, headers=supervisor)
    assert second.json()["level"] == 2
    third = await client.post(url, json={"reason": "再次督办"}, headers=supervisor)
    assert_problem(third, 403, "cannot_escalate")
    assert_problem(
        await client.post(url, json={"reason": "越权"}, headers=await auth_for("zrzy")),
        403,
    )
    detail = (await client.get(f"{URL}/{ticket['id']}", headers=supervisor)).json()
    assert detail["escalation_level"] == 2 and "escalate" not in detail["actions"]


async def test_escalation_run_endpoint_is_for_supervisors(client, auth_for):
    response = await client.post(f"{URL}/escalation-runs", headers=await auth_for("supervisor"))
    assert response.status_code == 201 and response.json()["ran"] is True
    assert_problem(await client.post(f"{URL}/escalation-runs", headers=await auth_for("zrzy")), 403)


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="several backend processes share one PostgreSQL; the embedded SQLite has one writer",
)
async def test_a_second_process_skips_while_a_run_is_in_progress(live_app, settings):
    maker = live_app.state.sessionmaker
    first, second = maker(), maker()
    try:
        await first.begin()
        assert (await escalation.run(first, settings)).ran
        await second.begin()
        assert (await escalation.run(second, settings)).ran is False
    finally:
        await second.rollback()
        await first.rollback()
        await second.close()
        await first.close()


async def test_the_database_refuses_a_second_escalation_at_the_same_level(
    client, auth_for, session
):
    ticket = await assigned_ticket(client, auth_for)
    supervisor = await auth_for("supervisor")
    response = await client.post(
        f"{URL}/{ticket['id']}/escalations",
        json={"reason": "人工督办"},
        headers=supervisor,
    )
    row = (
        await session.execute(
            select(Escalation).where(Escalation.id == uuid.UUID(response.json()["id"]))
        )
    ).scalar_one()
    with pytest.raises(IntegrityError):
        async with session.begin_nested():
            session.add(
                Escalation(
                    ticket_id=row.ticket_id,
                    level=1,
                    reason="overdue",
                    department_id=row.department_id,
                    letter_id=row.letter_id,
                )
            )


async def test_preview_names_the_level_letter_number_and_deadline_that_are_issued(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    supervisor = await auth_for("supervisor")
    url = f"{URL}/{ticket['id']}/escalations"
    year = business_today().year

    first = await client.get(f"{url}/preview", headers=supervisor)
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["current_level"], body["level"], body["letter_kind"]) == (0, 1, "supervision")
    assert body["letter_number"].startswith(f"湘招督〔{year}〕")
    assert body["department"]["name"] == "市自然资源和规划局"
    issued = await client.post(
        url, json={"reason": "企业反映多次催促无果", "expected_level": 1}, headers=supervisor
    )
    assert issued.status_code == 201, issued.text
    assert issued.json()["level"] == 1
    assert issued.json()["letter_number"] == body["letter_number"]
    letters = (await client.get(f"{URL}/{ticket['id']}/letters", headers=supervisor)).json()
    assert letters[-1]["number"] == body["letter_number"]
    assert letters[-1]["deadline"] == body["deadline"]

    # At level 1 the next 督办 is a 通报, and the preview says so.
    second = (await client.get(f"{url}/preview", headers=supervisor)).json()
    assert (second["current_level"], second["level"], second["letter_kind"]) == (
        1,
        2,
        "circular",
    )
    assert second["letter_number"].startswith(f"湘招通〔{year}〕")
    issued = await client.post(
        url, json={"reason": "仍未办理", "expected_level": 2}, headers=supervisor
    )
    assert issued.json()["level"] == 2
    assert issued.json()["letter_number"] == second["letter_number"]

    # At the top level there is nothing to preview.
    assert_problem(await client.get(f"{url}/preview", headers=supervisor), 403, "cannot_escalate")


async def test_a_dialog_that_named_level_one_never_issues_a_circular(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    supervisor = await auth_for("supervisor")
    url = f"{URL}/{ticket['id']}/escalations"
    shown = (await client.get(f"{url}/preview", headers=supervisor)).json()
    assert shown["level"] == 1
    # Someone else escalates first.
    other = await client.post(url, json={"reason": "他人督办"}, headers=supervisor)
    assert other.status_code == 201
    stale = await client.post(
        url, json={"reason": "按预览督办", "expected_level": 1}, headers=supervisor
    )
    assert_problem(stale, 409, "escalation_level_changed")
    rows = (await client.get(url, headers=supervisor)).json()
    assert [r["level"] for r in rows] == [1]


async def test_preview_is_for_supervisors_and_in_scope_only(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    url = f"{URL}/{ticket['id']}/escalations/preview"
    assert_problem(await client.get(url, headers=await auth_for("zrzy")), 403)
    assert_problem(
        await client.get(
            f"{URL}/{uuid.uuid4()}/escalations/preview", headers=await auth_for("supervisor")
        ),
        404,
    )


async def test_the_demo_escalation_is_dated_like_its_letter(client, auth_for):
    """The seeded 督办 reads on the ticket's timeline on the day its letter was issued."""
    supervisor = await auth_for("supervisor")
    found = await client.get(URL, params={"q": "首期产业扶持资金兑现"}, headers=supervisor)
    ticket = found.json()["items"][0]
    assert ticket["escalation_level"] == 1
    letters = (await client.get(f"{URL}/{ticket['id']}/letters", headers=supervisor)).json()
    supervision = next(item for item in letters if item["kind"] == "supervision")
    timeline = (await client.get(f"{URL}/{ticket['id']}/timeline", headers=supervisor)).json()
    escalations = [e for e in timeline if e["kind"] == "escalation"]
    assert len(escalations) == 1
    escalated = datetime.fromisoformat(escalations[0]["occurred_at"]).astimezone(SHANGHAI)
    assert escalated.date().isoformat() == supervision["issued_on"]
    assert escalated.date() < business_today()
