"""The live preview of a year's scores, each computed indicator against records counted by hand:
projects signed, landed and on the 三级联审 list, targets, monthly reports on time, and for
departments tickets on time, working days, returns and escalations."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import update

from app.models import (
    CalendarOverride,
    Escalation,
    Project,
    ReportPeriod,
    ReviewCandidate,
    ReviewRound,
    Ticket,
    TicketEvent,
    UnitReport,
)
from app.tickets import lifecycle
from tests.helpers import assert_problem, unit_id
from tests.projects.factories import create_project
from tests.tickets.factories import assigned_ticket, step

URL = "/api/v1/assessment/schemes"
YEAR = 2001


async def _publish_scheme(client, headers, group: str, items: list[dict]) -> dict:
    created = await client.post(
        URL, json={"year": YEAR, "unit_group": group, "items": items}, headers=headers
    )
    assert created.status_code == 201, created.text
    published = await client.post(
        f"{URL}/{created.json()['id']}/transitions",
        json={"expected_state": "draft", "to_state": "published"},
        headers=headers,
    )
    assert published.status_code == 201, published.text
    return published.json()


def _computed(key: str, weight: str) -> dict:
    return {"kind": "computed", "key": key, "label": key, "weight": weight}


def _row(preview: dict, unit: str) -> dict:
    return next(r for r in preview["rows"] if r["unit_id"] == unit)


def _items(row: dict) -> dict[str, dict]:
    return {i["label"]: i for i in row["items"]}


async def _set_ticket(session, ticket: dict, **values) -> None:
    await session.execute(
        update(Ticket).where(Ticket.id == uuid.UUID(ticket["id"])).values(**values)
    )
    await session.flush()


async def _resolve(client, zrzy, ticket: dict) -> None:
    for state in ("accepted", "in_progress"):
        assert (await step(client, zrzy, ticket, state)).status_code == 201
    response = await step(client, zrzy, ticket, "resolved", note="已办理完毕")
    assert response.status_code == 201, response.text


async def _project(client, session, headers, **values) -> dict:
    project = await create_project(client, headers)
    await session.execute(
        update(Project).where(Project.id == uuid.UUID(project["id"])).values(**values)
    )
    return project


async def test_a_district_s_computed_items_against_hand_counted_records(client, auth_for, session):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    yuhu_id = await unit_id(client, coordinator, "yuhu")
    scheme = await _publish_scheme(
        client,
        coordinator,
        "area",
        [
            _computed("signed_amount", "30"),
            _computed("signed_major", "10"),
            _computed("funds_arrived", "10"),
            _computed("landing_rate", "10"),
            _computed("review_list_progress", "10"),
            _computed("decisions_on_time", "10"),
            _computed("reports_on_time", "10"),
            {"kind": "manual", "label": "重大措施", "weight": "10"},
            {"kind": "deduction", "label": "工作失误", "weight": "5"},
        ],
    )
    target = {"signed_amount": "20000.00", "major_projects": 2, "funds_arrived": "500.00"}
    put = await client.put(
        f"/api/v1/assessment/targets/{YEAR}/{yuhu_id}",
        json=target,
        headers={**coordinator, "If-Match": '"0"'},
    )
    assert put.status_code == 200, put.text

    # 雨湖区 in 2001: two projects signed (one ≥ 1 亿元 and started), one signed the year
    # before; the second and third on the year's list.
    big = await _project(
        client,
        session,
        yuhu,
        stage="started",
        signed_date=date(YEAR, 3, 1),
        started_date=date(YEAR, 6, 1),
        signed_amount=Decimal("12000.00"),
        funds_arrived=Decimal("300.00"),
    )
    small = await _project(
        client,
        session,
        yuhu,
        stage="signed",
        signed_date=date(YEAR, 5, 1),
        signed_amount=Decimal("400.00"),
        funds_arrived=Decimal("0.00"),
    )
    earlier = await _project(
        client,
        session,
        yuhu,
        stage="negotiation",
        signed_date=date(YEAR - 1, 12, 31),
        signed_amount=Decimal("999.00"),
    )
    round_ = ReviewRound(year=YEAR, title=f"{YEAR}年度重大项目三级联审", state="decided")
    session.add(round_)
    await session.flush()
    for project in (small, earlier):
        session.add(
            ReviewCandidate(
                round_id=round_.id,
                project_id=uuid.UUID(project["id"]),
                reason="重大项目",
                nominating_unit_id=uuid.UUID(yuhu_id),
                nominated_by_name="测试",
                verdict="approved",
                listed=True,
            )
        )
    # Two monthly reports due: January's sent on its deadline, February's two days late.
    for month, sent in (
        (1, datetime(YEAR, 2, 7, 9, tzinfo=UTC)),
        (2, datetime(YEAR, 3, 9, 9, tzinfo=UTC)),
    ):
        period = ReportPeriod(
            kind="month",
            year=YEAR,
            number=month,
            date_from=date(YEAR, month, 1),
            date_to=date(YEAR, month, 28),
            deadline=date(YEAR, month + 1, 7),
        )
        session.add(period)
        await session.flush()
        session.add(
            UnitReport(
                period_id=period.id,
                unit_id=uuid.UUID(yuhu_id),
                state="accepted",
                first_submitted_at=sent,
                submitted_at=sent,
            )
        )
    await session.flush()

    response = await client.get(f"{URL}/{scheme['id']}/preview", headers=coordinator)
    assert response.status_code == 200, response.text
    preview = response.json()
    assert (preview["year"], preview["unit_group"]) == (YEAR, "area")
    row = _row(preview, yuhu_id)
    items = _items(row)
    expected = {
        # 12,400 of 20,000 万元: 62 %.
        "signed_amount": ("18.60", []),
        # 1 of 2 projects of ≥ 1 亿元.
        "signed_major": ("5.00", []),
        # 300 of 500 万元.
        "funds_arrived": ("6.00", []),
        # 1 of the 2 signed projects started.
        "landing_rate": ("5.00", [small["code"]]),
        # 1 of the 2 listed projects signed.
        "review_list_progress": ("5.00", [earlier["code"]]),
        # No decision due: nothing missed, the whole weight.
        "decisions_on_time": ("10.00", []),
        # 1 of 2 reports on time.
        "reports_on_time": ("5.00", [f"{YEAR}年2月月报"]),
    }
    assert {k: (items[k]["score"], items[k]["codes"]) for k in expected} == expected
    assert items["signed_amount"]["display"] == "12,400.00 万元 / 目标 20,000.00 万元"
    assert items["landing_rate"]["display"] == "50.0%（1/2）"
    assert (items["重大措施"]["score"], items["重大措施"]["display"]) == (None, "待评分")
    assert items["工作失误"]["score"] is None
    assert row["total"] == "54.60"
    assert row["grade"] == "fail"
    # Another district: no target, nothing signed — no points for those; nothing was due.
    other = _items(_row(preview, await unit_id(client, coordinator, "yuetang")))
    assert other["signed_amount"]["score"] == "0.00"
    assert other["signed_amount"]["display"].endswith("未设定目标")
    assert other["landing_rate"]["score"] == "0.00"
    assert other["decisions_on_time"]["score"] == "10.00"
    ranks = [r["rank"] for r in preview["rows"]]
    assert ranks == sorted(ranks) and _row(preview, yuhu_id)["rank"] == 1

    # Before publication a unit sees no other unit's detail.
    assert_problem(await client.get(f"{URL}/{scheme['id']}/preview", headers=yuhu), 403)
    _ = big


@pytest.mark.parametrize("who", ["supervisor"])
async def test_the_office_previews(client, auth_for, who):
    headers = await auth_for(who)
    schemes = (await client.get(URL, params={"year": 2026}, headers=headers)).json()
    for scheme in schemes:
        response = await client.get(f"{URL}/{scheme['id']}/preview", headers=headers)
        assert response.status_code == 200, response.text
        rows = response.json()["rows"]
        assert rows and all(r["rank"] >= 1 for r in rows)


RESOLVED_AT = datetime(YEAR, 3, 16, 2, 0, tzinfo=UTC)  # Friday 10:00 in Xiangtan


async def test_a_department_s_tickets_against_hand_counted_records(
    client, auth_for, session, monkeypatch
):
    """Three tickets resolved in March 2001 by 自然资源局 (10 and 5 working days for two, the
    second a day late; 2 days for the third, co-handled by 生态环境局), a fourth resolved and
    returned, and one escalated twice (督办, then 通报)."""
    monkeypatch.setattr(lifecycle, "utcnow", lambda: RESOLVED_AT)
    session.add(CalendarOverride(day=date(YEAR, 3, 5), is_working_day=False, name="测试假日"))
    await session.flush()
    coordinator, zrzy, yuhu = [await auth_for(u) for u in ("coordinator", "zrzy", "yuhu")]
    supervisor = await auth_for("supervisor")
    zrzy_id, sthj_id = [await unit_id(client, coordinator, c) for c in ("zrzy", "sthj")]
    scheme = await _publish_scheme(
        client,
        coordinator,
        "department",
        [
            _computed("ticket_on_time", "50"),
            _computed("avg_working_days", "30"),
            _computed("decisions_on_time", "20"),
            {
                "kind": "deduction",
                "key": "returns",
                "label": "退回",
                "weight": "5",
                "points": "0.5",
            },
            {
                "kind": "deduction",
                "key": "supervised",
                "label": "督办",
                "weight": "10",
                "points": "1",
            },
            {
                "kind": "deduction",
                "key": "circulated",
                "label": "通报",
                "weight": "10",
                "points": "2",
            },
        ],
    )
    late = None
    for assigned_on, due, co in (
        (date(YEAR, 3, 1), date(YEAR, 3, 20), ()),
        (date(YEAR, 3, 9), date(YEAR, 3, 15), ()),
        (date(YEAR, 3, 14), date(YEAR, 3, 30), ("sthj",)),
    ):
        ticket = await assigned_ticket(client, auth_for, co=co)
        await _set_ticket(session, ticket, assigned_on=assigned_on, due_date=due)
        await _resolve(client, zrzy, ticket)
        late = late or (ticket if due == date(YEAR, 3, 15) else None)
    returned = await assigned_ticket(client, auth_for)
    await _set_ticket(session, returned, assigned_on=date(YEAR, 3, 1), due_date=date(YEAR, 3, 20))
    await _resolve(client, zrzy, returned)
    back = await step(client, yuhu, returned, "in_progress", note="材料不全")
    assert back.status_code == 201, back.text
    escalated = await assigned_ticket(client, auth_for)
    for reason in ("企业多次反映", "仍未办理"):
        raised = await client.post(
            f"/api/v1/tickets/{escalated['id']}/escalations",
            json={"reason": reason},
            headers=supervisor,
        )
        assert raised.status_code == 201, raised.text
    # The return and the escalations happened in 2001 too.
    in_2001 = datetime(YEAR, 4, 2, 2, 0, tzinfo=UTC)
    for model, ticket in ((TicketEvent, returned), (Escalation, escalated)):
        await session.execute(
            update(model)
            .where(model.ticket_id == uuid.UUID(ticket["id"]))
            .values(occurred_at=in_2001)
        )
    await session.flush()

    preview = (await client.get(f"{URL}/{scheme['id']}/preview", headers=coordinator)).json()
    mine = _items(_row(preview, zrzy_id))
    # 2 of 3 on time: 50 × 0.6667; (10 + 5 + 2) ÷ 3 = 5.7 days against 生态环境局's 2.0.
    assert mine["ticket_on_time"]["score"] == "33.34"
    assert mine["ticket_on_time"]["codes"] == [late["code"]]
    assert mine["avg_working_days"]["display"] == "5.7 个工作日"
    assert mine["avg_working_days"]["score"] == "10.53"
    assert (mine["退回"]["score"], mine["退回"]["codes"]) == ("0.50", [returned["code"]])
    assert (mine["督办"]["score"], mine["督办"]["codes"]) == ("1.00", [escalated["code"]])
    assert (mine["通报"]["score"], mine["通报"]["codes"]) == ("2.00", [escalated["code"]])
    # No decision due in 2001: the whole 20. 33.34 + 10.53 + 20 − 0.5 − 1 − 2 = 60.37.
    assert mine["decisions_on_time"]["score"] == "20.00"
    assert _row(preview, zrzy_id)["total"] == "60.37"
    assert _row(preview, zrzy_id)["grade"] == "pass"
    theirs = _items(_row(preview, sthj_id))
    # 生态环境局 led nothing (full marks) and was fastest (the whole 30).
    assert (theirs["ticket_on_time"]["score"], theirs["avg_working_days"]["score"]) == (
        "50.00",
        "30.00",
    )
    assert _row(preview, sthj_id)["total"] == "100.00"
    assert _row(preview, sthj_id)["rank"] == 1
