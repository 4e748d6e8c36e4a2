"""年度考核 rounds: the snapshot taken when the round opens (later edits do not change it), hand
scores with notes up to each item's weight, 公示 once everything is scored, the supervisor's
confirmation once the objection window has closed, and the final results frozen in the API and
the database. Self-reports and objections: test_objections.py."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError

from app.core.time import clock_at
from app.models import Project
from tests.assessments.helpers import (
    ROUNDS,
    SCHEMES,
    after_window,
    item_of,
    publish_scheme,
    score,
    sheet_of,
)
from tests.helpers import assert_problem, unit_id
from tests.projects.factories import create_project

YEAR = 2002


async def test_a_round_from_snapshot_to_final(client, auth_for, session):
    coordinator, supervisor, yuhu = [
        await auth_for(u) for u in ("coordinator", "supervisor", "yuhu")
    ]
    yuhu_id = await unit_id(client, coordinator, "yuhu")
    scheme = await publish_scheme(client, coordinator, YEAR)
    put = await client.put(
        f"/api/v1/assessment/targets/{YEAR}/{yuhu_id}",
        json={"signed_amount": "1000.00", "major_projects": 1, "funds_arrived": "100.00"},
        headers={**coordinator, "If-Match": '"0"'},
    )
    assert put.status_code == 200, put.text
    project = await create_project(client, yuhu)
    await session.execute(
        update(Project)
        .where(Project.id == uuid.UUID(project["id"]))
        .values(
            stage="started",
            signed_date=date(YEAR, 4, 1),
            started_date=date(YEAR, 6, 1),
            signed_amount=Decimal("500.00"),
        )
    )
    await session.flush()

    opened = await client.post(ROUNDS, json={"scheme_id": scheme["id"]}, headers=coordinator)
    assert opened.status_code == 201, opened.text
    round_ = opened.json()
    assert (round_["year"], round_["unit_group"], round_["state"]) == (YEAR, "area", "open")
    sheet = sheet_of(round_, yuhu_id)
    # 500 of 1,000 万元: 30 of 60; the one signed project started: 10 of 10.
    assert (item_of(sheet, "签约金额完成率")["score"], item_of(sheet, "项目落地率")["score"]) == (
        "30.00",
        "10.00",
    )
    assert item_of(sheet, "重大措施")["by_hand"] and item_of(sheet, "重大措施")["score"] is None
    assert sheet["total"] == "40.00" and sheet["rank"] == 1
    again = await client.post(ROUNDS, json={"scheme_id": scheme["id"]}, headers=coordinator)
    assert_problem(again, 409, "round_exists")

    # The snapshot holds: the project's amount doubled since, the live preview follows, the
    # round does not.
    await session.execute(
        update(Project)
        .where(Project.id == uuid.UUID(project["id"]))
        .values(signed_amount=Decimal("1000.00"))
    )
    await session.flush()
    live = (await client.get(f"{SCHEMES}/{scheme['id']}/preview", headers=coordinator)).json()
    live_sheet = next(r for r in live["rows"] if r["unit_id"] == yuhu_id)
    assert item_of(live_sheet, "签约金额完成率")["score"] == "60.00"
    kept = (await client.get(f"{ROUNDS}/{round_['id']}", headers=coordinator)).json()
    assert item_of(sheet_of(kept, yuhu_id), "签约金额完成率")["score"] == "30.00"

    # While it is scored a unit reads its own sheet only; people outside the round nothing.
    own = (await client.get(f"{ROUNDS}/{round_['id']}", headers=yuhu)).json()
    assert [r["unit_id"] for r in own["results"]] == [yuhu_id]
    assert [
        r["id"] for r in (await client.get(ROUNDS, params={"year": YEAR}, headers=yuhu)).json()
    ] == [round_["id"]]
    leader = await auth_for("leader")
    assert_problem(await client.get(f"{ROUNDS}/{round_['id']}", headers=leader), 404)

    # Hand scores: up to each item's weight, with If-Match; computed items are not hand-scored.
    manual = await score(client, coordinator, kept, sheet_of(kept, yuhu_id), "重大措施", "25")
    assert manual.status_code == 200, manual.text
    sheet = manual.json()
    assert (sheet["total"], sheet["grade"]) == ("65.00", "pass")
    assert item_of(sheet, "重大措施")["note"] == "按报送材料评分"
    assert item_of(sheet, "重大措施")["scored_by"]
    stale = await score(client, coordinator, kept, sheet_of(kept, yuhu_id), "三类 500 强", "3")
    assert_problem(stale, 412)
    assert_problem(
        await score(client, coordinator, kept, sheet, "三类 500 强", "6"), 422, "too_high"
    )
    assert_problem(
        await score(client, coordinator, kept, sheet, "签约金额完成率", "60"), 409, "computed_item"
    )
    sheet = (await score(client, coordinator, kept, sheet, "三类 500 强", "3")).json()
    sheet = (await score(client, coordinator, kept, sheet, "工作失误", "2")).json()
    assert sheet["total"] == "66.00"

    # 公示: by the office, once every unit's hand items are scored; then the supervisor
    # confirms, after the objection window.
    url = f"{ROUNDS}/{round_['id']}/transitions"
    publicize = {"expected_state": "open", "to_state": "objection"}
    finalize = {"expected_state": "objection", "to_state": "final"}
    assert_problem(
        await client.post(url, json={**publicize, "to_state": "final"}, headers=supervisor),
        409,
        "invalid_transition",
    )
    assert_problem(
        await client.post(url, json=publicize, headers=coordinator), 422, "unscored_items"
    )
    current = (await client.get(f"{ROUNDS}/{round_['id']}", headers=supervisor)).json()
    for other in current["results"]:
        if other["unit_id"] == yuhu_id:
            continue
        for label in ("重大措施", "三类 500 强", "工作失误"):
            response = await score(client, supervisor, current, other, label, "0")
            assert response.status_code == 200, response.text
            other = response.json()
    shown = await client.post(url, json=publicize, headers=coordinator)
    assert shown.status_code == 201, shown.text
    due = date.fromisoformat(shown.json()["objection_due"])
    # Five working days after today (ASSESSMENT_OBJECTION_DAYS): a week or more away.
    assert shown.json()["state"] == "objection" and (due - date.today()).days >= 7
    assert_problem(
        await score(client, coordinator, kept, sheet_of(shown.json(), yuhu_id), "重大措施", "30"),
        409,
        "round_publicized",
    )
    assert_problem(
        await client.post(url, json=finalize, headers=coordinator), 403, "supervisor_only"
    )
    assert_problem(
        await client.post(url, json=finalize, headers=supervisor), 422, "objection_window_open"
    )
    with clock_at(after_window(shown.json())):
        assert_problem(
            await client.post(url, json=finalize, headers=supervisor), 422, "awards_missing"
        )
        made = await client.post(f"{ROUNDS}/{round_['id']}/awards", headers=coordinator)
        assert made.status_code == 201, made.text
        final = await client.post(url, json=finalize, headers=supervisor)
    assert final.status_code == 201, final.text
    assert final.json()["state"] == "final" and final.json()["finalized_at"]
    ranks = [r["rank"] for r in final.json()["results"]]
    assert ranks[0] == 1 and sheet_of(final.json(), yuhu_id)["rank"] == 1
    # Each step reached the district's officers.
    kinds = [
        n["kind"] for n in (await client.get("/api/v1/notifications", headers=yuhu)).json()["items"]
    ]
    assert {"assessment_opened", "assessment_publicized", "assessment_final"} <= set(kinds)

    # Final: frozen in the API and the database, and every unit reads it.
    done = final.json()
    assert_problem(
        await score(client, supervisor, done, sheet_of(done, yuhu_id), "重大措施", "30"),
        409,
        "round_final",
    )
    for statement in (
        text("UPDATE assessment_results SET total = 0"),
        text("UPDATE assessment_rounds SET state = 'open'"),
        text("DELETE FROM assessment_results"),
    ):
        savepoint = await session.begin_nested()
        with pytest.raises(DBAPIError, match="frozen"):
            await session.execute(statement)
        await savepoint.rollback()
    seen = await client.get(f"{ROUNDS}/{round_['id']}", headers=yuhu)
    assert seen.status_code == 200 and sheet_of(seen.json(), yuhu_id)["total"] == "66.00"
    assert [
        r["id"] for r in (await client.get(ROUNDS, params={"year": YEAR}, headers=yuhu)).json()
    ] == [round_["id"]]


async def test_a_round_takes_the_current_revision_only(client, auth_for):
    coordinator = await auth_for("coordinator")
    first = await publish_scheme(client, coordinator, YEAR)
    revised = await client.post(
        f"{SCHEMES}/{first['id']}/revisions", json={"reason": "调整权重"}, headers=coordinator
    )
    draft = revised.json()
    assert_problem(
        await client.post(ROUNDS, json={"scheme_id": draft["id"]}, headers=coordinator),
        409,
        "not_current",
    )
    published = await client.post(
        f"{SCHEMES}/{draft['id']}/transitions",
        json={"expected_state": "draft", "to_state": "published"},
        headers=coordinator,
    )
    assert published.status_code == 201
    assert_problem(
        await client.post(ROUNDS, json={"scheme_id": first["id"]}, headers=coordinator),
        409,
        "not_current",
    )
