"""年度考核 rounds: the snapshot taken when the round opens (later edits do not change it), hand
scores with notes up to each item's weight, the supervisor's confirmation once everything is
scored, and the final results frozen in the API and the database."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError

from app.models import Project
from tests.helpers import assert_problem, unit_id
from tests.projects.factories import create_project

SCHEMES = "/api/v1/assessment/schemes"
ROUNDS = "/api/v1/assessment/rounds"
YEAR = 2002
ITEMS = [
    {"kind": "computed", "key": "signed_amount", "label": "签约金额完成率", "weight": "60"},
    {"kind": "computed", "key": "landing_rate", "label": "项目落地率", "weight": "10"},
    {"kind": "manual", "label": "重大措施", "weight": "30"},
    {"kind": "bonus", "label": "三类 500 强", "weight": "5"},
    {"kind": "deduction", "label": "工作失误", "weight": "5"},
]


async def _scheme(client, headers) -> dict:
    created = await client.post(
        SCHEMES, json={"year": YEAR, "unit_group": "area", "items": ITEMS}, headers=headers
    )
    assert created.status_code == 201, created.text
    published = await client.post(
        f"{SCHEMES}/{created.json()['id']}/transitions",
        json={"expected_state": "draft", "to_state": "published"},
        headers=headers,
    )
    assert published.status_code == 201, published.text
    return published.json()


def _sheet(round_: dict, unit: str) -> dict:
    return next(r for r in round_["results"] if r["unit_id"] == unit)


def _item(sheet: dict, label: str) -> dict:
    return next(i for i in sheet["items"] if i["label"] == label)


async def _score(client, headers, round_: dict, sheet: dict, label: str, points: str):
    item = _item(sheet, label)["item_id"]
    return await client.put(
        f"{ROUNDS}/{round_['id']}/results/{sheet['unit_id']}/items/{item}",
        json={"score": points, "note": "按报送材料评分"},
        headers={**headers, "If-Match": f'"{sheet["version"]}"'},
    )


async def test_a_round_from_snapshot_to_final(client, auth_for, session):
    coordinator, supervisor, yuhu = [
        await auth_for(u) for u in ("coordinator", "supervisor", "yuhu")
    ]
    yuhu_id = await unit_id(client, coordinator, "yuhu")
    scheme = await _scheme(client, coordinator)
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
    sheet = _sheet(round_, yuhu_id)
    # 500 of 1,000 万元: 30 of 60; the one signed project started: 10 of 10.
    assert (_item(sheet, "签约金额完成率")["score"], _item(sheet, "项目落地率")["score"]) == (
        "30.00",
        "10.00",
    )
    assert _item(sheet, "重大措施")["by_hand"] and _item(sheet, "重大措施")["score"] is None
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
    assert _item(live_sheet, "签约金额完成率")["score"] == "60.00"
    kept = (await client.get(f"{ROUNDS}/{round_['id']}", headers=coordinator)).json()
    assert _item(_sheet(kept, yuhu_id), "签约金额完成率")["score"] == "30.00"

    # Units do not see a round being scored.
    assert_problem(await client.get(f"{ROUNDS}/{round_['id']}", headers=yuhu), 404)
    assert (await client.get(ROUNDS, params={"year": YEAR}, headers=yuhu)).json() == []

    # Hand scores: up to each item's weight, with If-Match; computed items are not hand-scored.
    manual = await _score(client, coordinator, kept, _sheet(kept, yuhu_id), "重大措施", "25")
    assert manual.status_code == 200, manual.text
    sheet = manual.json()
    assert (sheet["total"], sheet["grade"]) == ("65.00", "pass")
    assert _item(sheet, "重大措施")["note"] == "按报送材料评分"
    assert _item(sheet, "重大措施")["scored_by"]
    stale = await _score(client, coordinator, kept, _sheet(kept, yuhu_id), "三类 500 强", "3")
    assert_problem(stale, 412)
    assert_problem(
        await _score(client, coordinator, kept, sheet, "三类 500 强", "6"), 422, "too_high"
    )
    assert_problem(
        await _score(client, coordinator, kept, sheet, "签约金额完成率", "60"), 409, "computed_item"
    )
    sheet = (await _score(client, coordinator, kept, sheet, "三类 500 强", "3")).json()
    sheet = (await _score(client, coordinator, kept, sheet, "工作失误", "2")).json()
    assert sheet["total"] == "66.00"

    # Confirmation: the supervisor's, once every unit's hand items are scored.
    move = {"expected_state": "open", "to_state": "final"}
    url = f"{ROUNDS}/{round_['id']}/transitions"
    assert_problem(await client.post(url, json=move, headers=coordinator), 403, "supervisor_only")
    assert_problem(await client.post(url, json=move, headers=supervisor), 422, "unscored_items")
    current = (await client.get(f"{ROUNDS}/{round_['id']}", headers=supervisor)).json()
    for other in current["results"]:
        if other["unit_id"] == yuhu_id:
            continue
        for label in ("重大措施", "三类 500 强", "工作失误"):
            response = await _score(client, supervisor, current, other, label, "0")
            assert response.status_code == 200, response.text
            other = response.json()
    final = await client.post(url, json=move, headers=supervisor)
    assert final.status_code == 201, final.text
    assert final.json()["state"] == "final" and final.json()["finalized_at"]
    ranks = [r["rank"] for r in final.json()["results"]]
    assert ranks[0] == 1 and _sheet(final.json(), yuhu_id)["rank"] == 1

    # Final: frozen in the API and the database, and every unit reads it.
    done = final.json()
    assert_problem(
        await _score(client, supervisor, done, _sheet(done, yuhu_id), "重大措施", "30"),
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
    assert seen.status_code == 200 and _sheet(seen.json(), yuhu_id)["total"] == "66.00"
    assert [
        r["id"] for r in (await client.get(ROUNDS, params={"year": YEAR}, headers=yuhu)).json()
    ] == [round_["id"]]


async def test_a_round_takes_the_current_revision_only(client, auth_for):
    coordinator = await auth_for("coordinator")
    first = await _scheme(client, coordinator)
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
