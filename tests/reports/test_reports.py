"""月报 / 季报: periods open for every district and park, a unit fills in and submits its report,
the coordinator returns or accepts it, and an accepted report is frozen — in the API and in the
database."""

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from app.core.calendar import business_today
from app.jobs import escalation
from app.models import Notification, Unit, User
from app.models.enums import UnitKind
from tests.helpers import assert_problem, unit_id
from tests.projects.factories import URL as PROJECTS
from tests.projects.factories import create_project
from tests.reports.factories import PERIODS, URL, edit, open_period, report_of, step

NARRATIVE = {
    "measures": "开展敲门招商行动，赴长三角对接企业 12 家",
    "meetings": "召开重点项目调度会 2 次",
    "activities": "参加湘商回归恳谈会",
    "project_progress": "智能装备项目完成用地报批",
    "problems": "部分项目用地指标紧张",
    "next_plan": "推动两个项目签约",
}


async def _reporting_units(session) -> int:
    stmt = select(func.count()).where(
        Unit.kind.in_([UnitKind.district.value, UnitKind.park.value]), Unit.is_active
    )
    return (await session.execute(stmt)).scalar_one()


def _figure(report: dict, key: str) -> dict:
    return next(f for f in report["figures"] if f["key"] == key)


async def test_open_period_is_idempotent_with_a_draft_for_every_district_and_park(
    client, auth_for, session
):
    coordinator = await auth_for("coordinator")
    body = {"kind": "month", "year": 2025, "number": 3}
    first = await client.post(PERIODS, json=body, headers=coordinator)
    assert first.status_code == 201, first.text
    period = first.json()
    assert period["label"] == "2025年3月月报"
    assert (period["date_from"], period["date_to"]) == ("2025-03-01", "2025-03-31")
    # The 5th working day of April 2025 (清明 is on the 4th).
    assert period["deadline"] == "2025-04-08"
    assert period["reports"] == await _reporting_units(session) and period["submitted"] == 0
    again = await client.post(PERIODS, json=body, headers=coordinator)
    assert again.status_code == 200 and again.json()["id"] == period["id"]
    listed = await client.get(URL, params={"period_id": period["id"]}, headers=coordinator)
    assert {r["state"] for r in listed.json()["items"]} == {"draft"}

    quarter = await client.post(
        PERIODS, json={"kind": "quarter", "year": 2025, "number": 1}, headers=coordinator
    )
    assert quarter.status_code == 201 and quarter.json()["date_to"] == "2025-03-31"
    assert_problem(
        await client.post(
            PERIODS, json={"kind": "quarter", "year": 2025, "number": 5}, headers=coordinator
        ),
        422,
    )
    assert_problem(await client.post(PERIODS, json=body, headers=await auth_for("yuhu")), 403)
    assert_problem(await client.post(PERIODS, json=body), 401)


async def test_figures_are_the_statistics_of_the_unit_and_period(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    await create_project(client, yuhu, name="报表新增线索项目")
    today = business_today()
    period = await open_period(client, coordinator, today.year, today.month)
    report = await report_of(client, yuhu, period["id"])
    assert report["unit"]["name"] == "雨湖区" and report["state"] == "draft"
    yuhu_id = report["unit"]["id"]
    start, end = period["date_from"], period["date_to"]
    for key, query in (
        ("new_leads", {"created_from": start, "created_to": end}),
        ("signed_count", {"signed_from": start, "signed_to": end}),
        ("in_negotiation", {"stage": "negotiation"}),
        ("operating", {"stage": "operating"}),
        (
            "started",
            {"stage": ["started", "operating"], "started_from": start, "started_to": end},
        ),
    ):
        listed = await client.get(
            PROJECTS,
            params={**query, "owner_unit_id": yuhu_id, "include_total": True, "limit": 1},
            headers=coordinator,
        )
        figure = _figure(report, key)
        assert int(float(figure["computed"])) == listed.json()["total"], key
        assert figure["corrected"] is None and figure["unit"] == "个"
    assert _figure(report, "new_leads")["value"] != "0.00"
    assert _figure(report, "signed_amount")["unit"] == "万元"
    stats = await client.get(
        "/api/v1/stats/projects",
        params={"period": "custom", "date_from": start, "date_to": end, "unit_id": yuhu_id},
        headers=coordinator,
    )
    signed = next(f for f in stats.json()["figures"] if f["key"] == "signed")
    assert _figure(report, "signed_amount")["computed"] == f"{float(signed['amount']):.2f}"
    assert any(p["name"] == "报表新增线索项目" for p in report["projects"])


async def test_unit_submits_coordinator_returns_then_accepts_and_it_freezes(
    client, auth_for, session
):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    period = await open_period(client, coordinator, 2025, 4)
    report = await report_of(client, yuhu, period["id"])
    assert report["actions"] == ["edit", "refresh", "submit"]

    # A correction needs its reason, and a count stays whole.
    missing = await edit(
        client, yuhu, report, corrections=[{"key": "signed_count", "corrected": "3.00"}]
    )
    assert_problem(missing, 422, "reason_required")
    half = [{"key": "signed_count", "corrected": "2.50", "reason": "口径调整"}]
    assert_problem(await edit(client, yuhu, report, corrections=half), 422, "not_a_count")
    saved = await edit(
        client,
        yuhu,
        report,
        **NARRATIVE,
        corrections=[
            {"key": "signed_count", "corrected": "3.00", "reason": "含 4 月 30 日补签协议一份"}
        ],
    )
    assert saved.status_code == 200, saved.text
    assert saved.headers["etag"] != report["_etag"]
    stale = await edit(client, yuhu, report, measures="旧版本")
    assert_problem(stale, 412)
    report = {**saved.json(), "_etag": saved.headers["etag"]}
    signed = _figure(report, "signed_count")
    assert (signed["corrected"], signed["value"]) == ("3.00", "3.00")
    assert signed["reason"] == "含 4 月 30 日补签协议一份" and signed["computed"] != "3.00"

    submitted = await step(client, yuhu, report, "draft", "submitted")
    assert submitted.status_code == 201, submitted.text
    assert submitted.json()["late"] is True  # April 2025's deadline passed long ago
    report = {**submitted.json(), "_etag": submitted.headers["etag"]}
    assert_problem(await edit(client, yuhu, report, measures="再改"), 409, "report_submitted")
    assert_problem(await step(client, yuhu, report, "submitted", "accepted"), 403)

    assert_problem(
        await step(client, coordinator, report, "submitted", "returned"), 422, "reason_required"
    )
    returned = await step(
        client, coordinator, report, "submitted", "returned", "签约个数更正依据不足，请补充"
    )
    assert returned.status_code == 201, returned.text
    assert returned.json()["return_reason"] == "签约个数更正依据不足，请补充"
    notices = (await client.get("/api/v1/notifications", headers=yuhu)).json()["items"]
    assert any(
        n["kind"] == "report_returned" and n["link"] == f"/reports/{report['id']}" for n in notices
    )

    report = await report_of(client, yuhu, period["id"])
    fixed = await edit(client, yuhu, report, problems="补充：补签协议已上传台账")
    assert fixed.status_code == 200, fixed.text
    assert_problem(await step(client, yuhu, report, "draft", "submitted"), 409, "state_changed")
    again = await step(client, yuhu, report, "returned", "submitted")
    assert again.status_code == 201 and again.json()["state"] == "submitted"
    accepted = await step(client, coordinator, report, "submitted", "accepted")
    assert accepted.status_code == 201, accepted.text
    body = accepted.json()
    assert body["state"] == "accepted" and body["actions"] == []
    assert [(e["action"], e["to_state"]) for e in body["events"]] == [
        ("open", "draft"),
        ("submit", "submitted"),
        ("return", "returned"),
        ("submit", "submitted"),
        ("accept", "accepted"),
    ]
    assert body["events"][2]["reason"] == "签约个数更正依据不足，请补充"
    assert body["late"] is True  # late is about the first submission

    # Frozen: the API refuses every change.
    report = {**body, "_etag": accepted.headers["etag"]}
    assert_problem(await edit(client, yuhu, report, measures="改"), 409, "report_frozen")
    assert_problem(
        await step(client, coordinator, report, "accepted", "returned", "再看看"),
        409,
        "report_frozen",
    )
    refreshed = await client.post(
        f"{URL}/{report['id']}/refresh", headers={**yuhu, "If-Match": report["_etag"]}
    )
    assert_problem(refreshed, 409, "report_frozen")


async def test_database_refuses_to_change_an_accepted_report(client, auth_for, session):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    period = await open_period(client, coordinator, 2025, 5)
    report = await report_of(client, yuhu, period["id"])
    await step(client, yuhu, report, "draft", "submitted")
    accepted = await step(client, coordinator, report, "submitted", "accepted")
    assert accepted.status_code == 201
    rid = uuid.UUID(report["id"])
    key = rid.hex if session.bind.dialect.name == "sqlite" else str(rid)
    for statement in (
        "UPDATE unit_reports SET measures = 'tampered' WHERE id = :id",
        "UPDATE unit_reports SET state = 'draft' WHERE id = :id",
        "DELETE FROM unit_reports WHERE id = :id",
        "UPDATE unit_report_figures SET corrected = 1 WHERE report_id = :id",
        "DELETE FROM unit_report_figures WHERE report_id = :id",
        "UPDATE unit_report_events SET reason = 'x' WHERE report_id = :id",
    ):
        savepoint = await session.begin_nested()
        with pytest.raises(DBAPIError, match="accepted reports are frozen"):
            await session.execute(text(statement), {"id": key})
        await savepoint.rollback()
    # A report not yet accepted is an ordinary row.
    other = await report_of(client, await auth_for("yuetang"), period["id"])
    oid = uuid.UUID(other["id"])
    done = await session.execute(
        text("UPDATE unit_reports SET measures = 'ok' WHERE id = :id"),
        {"id": oid.hex if session.bind.dialect.name == "sqlite" else str(oid)},
    )
    assert done.rowcount == 1


async def test_later_project_edits_do_not_change_a_submitted_report(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    project = await create_project(client, yuhu, name="快照测试重大项目")
    today = business_today()
    period = await open_period(client, coordinator, today.year, today.month)
    report = await report_of(client, yuhu, period["id"])
    # Refreshing while a draft picks up the new project (the period may have opened earlier).
    refreshed = await client.post(
        f"{URL}/{report['id']}/refresh", headers={**yuhu, "If-Match": report["_etag"]}
    )
    assert refreshed.status_code == 200, refreshed.text
    report = {**refreshed.json(), "_etag": refreshed.headers["etag"]}
    row = next(p for p in report["projects"] if p["id"] == project["id"])
    assert row["name"] == "快照测试重大项目" and row["stage"] == "lead"
    leads = _figure(report, "new_leads")["computed"]
    submitted = await step(client, yuhu, report, "draft", "submitted")
    assert submitted.status_code == 201

    current = await client.get(f"{PROJECTS}/{project['id']}", headers=yuhu)
    renamed = await client.patch(
        f"{PROJECTS}/{project['id']}",
        json={"name": "改名后的项目"},
        headers={**yuhu, "If-Match": current.headers["etag"]},
    )
    assert renamed.status_code == 200, renamed.text
    await create_project(client, yuhu, name="报送后新增的项目")
    after = (await client.get(f"{URL}/{report['id']}", headers=yuhu)).json()
    row = next(p for p in after["projects"] if p["id"] == project["id"])
    assert row["name"] == "快照测试重大项目"
    assert _figure(after, "new_leads")["computed"] == leads
    assert not any(p["name"] == "报送后新增的项目" for p in after["projects"])


async def test_units_see_their_own_reports_and_oversight_sees_all(client, auth_for, session):
    coordinator = await auth_for("coordinator")
    period = await open_period(client, coordinator, 2025, 6)
    yuhu, yuetang = await auth_for("yuhu"), await auth_for("yuetang")
    mine = await report_of(client, yuhu, period["id"])
    listed = (await client.get(URL, params={"period_id": period["id"]}, headers=yuhu)).json()
    assert {r["unit"]["name"] for r in listed["items"]} == {"雨湖区"}
    assert_problem(await client.get(f"{URL}/{mine['id']}", headers=yuetang), 404)
    assert_problem(
        await client.patch(
            f"{URL}/{mine['id']}", json={"measures": "越权"}, headers={**yuetang, "If-Match": '"1"'}
        ),
        404,
    )
    assert_problem(await step(client, yuetang, mine, "draft", "submitted"), 404)
    count = await _reporting_units(session)
    for name in ("coordinator", "supervisor", "leader", "viewer"):
        headers = await auth_for(name)
        everyone = await client.get(
            URL, params={"period_id": period["id"], "include_total": True}, headers=headers
        )
        assert everyone.json()["total"] == count, name
        opened = await client.get(f"{URL}/{mine['id']}", headers=headers)
        assert opened.status_code == 200 and opened.json()["actions"] == [], name
    viewer = await auth_for("viewer")
    assert_problem(
        await client.patch(
            f"{URL}/{mine['id']}", json={"measures": "只读"}, headers={**viewer, "If-Match": '"1"'}
        ),
        403,
    )
    assert_problem(await step(client, viewer, mine, "draft", "submitted"), 403)
    # A coordinator reviews but does not write a unit's report.
    assert_problem(await step(client, coordinator, mine, "draft", "submitted"), 403)
    zrzy = await client.get(URL, params={"period_id": period["id"]}, headers=await auth_for("zrzy"))
    assert zrzy.json()["items"] == []
    assert_problem(await client.get(URL), 401)
    assert_problem(await client.get(URL, params={"state": "lost"}, headers=yuhu), 422)


async def test_overdue_until_submitted_then_late(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    period = await open_period(client, coordinator, 2025, 7)
    params = {"period_id": period["id"], "overdue": True, "include_total": True}
    before = await client.get(URL, params=params, headers=coordinator)
    assert before.json()["total"] >= 1
    report = await report_of(client, yuhu, period["id"])
    assert report["overdue"] is True and report["late"] is False
    await step(client, yuhu, report, "draft", "submitted")
    after = (await client.get(f"{URL}/{report['id']}", headers=yuhu)).json()
    assert after["overdue"] is False and after["late"] is True
    late = await client.get(
        URL, params={"period_id": period["id"], "late": True}, headers=coordinator
    )
    assert [r["id"] for r in late.json()["items"]] == [report["id"]]
    assert (
        before.json()["total"] - 1
        == ((await client.get(URL, params=params, headers=coordinator)).json()["total"])
    )

    # On time: a period whose deadline is still to come.
    ahead = await open_period(
        client,
        coordinator,
        2025,
        8,
        deadline=(business_today() + timedelta(days=30)).isoformat(),
    )
    report = await report_of(client, yuhu, ahead["id"])
    done = await step(client, yuhu, report, "draft", "submitted")
    assert done.json()["late"] is False and done.json()["overdue"] is False


async def _notices(session, username: str, kind: str) -> list[str]:
    stmt = (
        select(Notification.link)
        .join(User, User.id == Notification.user_id)
        .where(User.username == username, Notification.kind == kind)
    )
    return list((await session.execute(stmt)).scalars())


async def test_job_opens_the_ended_month_and_reminds_before_and_after_the_deadline(
    client, auth_for, session, settings
):
    coordinator = await auth_for("coordinator")
    # Past its reporting window a period is not opened by the job (a new installation, a job
    # stopped for weeks): December 2026's closed in the first week of January.
    late = await escalation.run(session, settings, today=date(2027, 1, 29))
    assert late.reports_opened == 0
    # Tuesday 1 December 2026 is the first working day after November.
    first = await escalation.run(session, settings, today=date(2026, 12, 1))
    assert first.reports_opened == 1  # November (the third quarter's window closed in October)
    periods = (await client.get(PERIODS, params={"year": 2026}, headers=coordinator)).json()
    november = next(p for p in periods["items"] if p["kind"] == "month" and p["number"] == 11)
    assert november["deadline"] == "2026-12-07"
    assert november["reports"] == await _reporting_units(session)
    # Only the demo's own third quarter, reported in October.
    assert [p["number"] for p in periods["items"] if p["kind"] == "quarter"] == [3]
    again = await escalation.run(session, settings, today=date(2026, 12, 1))
    assert again.reports_opened == 0

    yuhu = await auth_for("yuhu")
    mine = await report_of(client, yuhu, november["id"])
    # Submitted on time, it is never reminded.
    yuetang = await auth_for("yuetang")
    theirs = await report_of(client, yuetang, november["id"])
    assert (await step(client, yuetang, theirs, "draft", "submitted")).status_code == 201

    # Two working days before the deadline: the units still to submit are reminded, once.
    await escalation.run(session, settings, today=date(2026, 12, 3))
    link = f"/reports/{mine['id']}"
    assert link in await _notices(session, "yuhu", "report_due_soon")
    assert not any(theirs["id"] in x for x in await _notices(session, "yuetang", "report_due_soon"))
    await escalation.run(session, settings, today=date(2026, 12, 4))
    assert (await _notices(session, "yuhu", "report_due_soon")).count(link) == 1

    # Past the deadline: the unit and the coordinators hear it is overdue, once.
    await escalation.run(session, settings, today=date(2026, 12, 8))
    await escalation.run(session, settings, today=date(2026, 12, 9))
    assert (await _notices(session, "yuhu", "report_overdue")).count(link) == 1
    assert link in await _notices(session, "coordinator", "report_overdue")
    assert not any(
        theirs["id"] in x for x in await _notices(session, "coordinator", "report_overdue")
    )

    # The first working day of 2027 opens December and the fourth quarter.
    quarter = await escalation.run(session, settings, today=date(2027, 1, 4))
    assert quarter.reports_opened == 2


async def test_a_park_created_later_gets_its_draft_when_the_period_opens_again(
    client, auth_for, admin
):
    coordinator = await auth_for("coordinator")
    period = await open_period(client, coordinator, 2025, 9)
    made = await client.post(
        "/api/v1/units",
        json={"code": "test-park", "name": "测试新园区", "kind": "park"},
        headers=admin,
    )
    assert made.status_code == 201, made.text
    again = await open_period(client, coordinator, 2025, 9)
    assert again["id"] == period["id"] and again["reports"] == period["reports"] + 1
    park = await unit_id(client, coordinator, "test-park")
    listed = await client.get(
        URL, params={"period_id": period["id"], "unit_id": park}, headers=coordinator
    )
    assert len(listed.json()["items"]) == 1


async def test_quarterly_report_is_built_from_the_quarters_data(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    today = business_today()
    quarter = (today.month - 1) // 3 + 1
    await create_project(client, yuhu, name="季报新增线索项目")
    opened = await client.post(
        PERIODS,
        json={"kind": "quarter", "year": today.year, "number": quarter},
        headers=coordinator,
    )
    assert opened.status_code in (200, 201), opened.text
    period = opened.json()
    assert period["label"] == f"{today.year}年第{quarter}季度季报"
    first_month = 3 * quarter - 2
    assert period["date_from"] == date(today.year, first_month, 1).isoformat()
    report = await report_of(client, yuhu, period["id"])
    refreshed = await client.post(
        f"{URL}/{report['id']}/refresh", headers={**yuhu, "If-Match": report["_etag"]}
    )
    report = refreshed.json()
    listed = await client.get(
        PROJECTS,
        params={
            "owner_unit_id": report["unit"]["id"],
            "created_from": period["date_from"],
            "created_to": period["date_to"],
            "include_total": True,
            "limit": 1,
        },
        headers=coordinator,
    )
    leads = int(float(_figure(report, "new_leads")["computed"]))
    assert leads == listed.json()["total"] >= 1
    stats = await client.get(
        "/api/v1/stats/projects",
        params={
            "period": "quarter",
            "quarter": quarter,
            "year": today.year,
            "unit_id": yuhu_id(report),
        },
        headers=coordinator,
    )
    signed = next(f for f in stats.json()["figures"] if f["key"] == "signed")
    assert int(float(_figure(report, "signed_count")["computed"])) == signed["count"]
    # The quarter's report goes through the same states.
    submitted = await step(client, yuhu, report, "draft", "submitted")
    assert submitted.status_code == 201 and submitted.json()["period"]["kind"] == "quarter"


def yuhu_id(report: dict) -> str:
    return report["unit"]["id"]
