"""考核方案: a draft from the defaults or last year's scheme, each item's shape checked, published
only at 100 points, then frozen in the API and the database; changes as revisions with a
reason; drafts hidden from the units assessed."""

from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.helpers import assert_problem

URL = "/api/v1/assessment/schemes"


def _if_match(headers: dict, body: dict) -> dict:
    return {**headers, "If-Match": f'"{body["version"]}"'}


async def _create(client, headers, year: int, group: str = "area", **extra) -> dict:
    response = await client.post(
        URL, json={"year": year, "unit_group": group, **extra}, headers=headers
    )
    assert response.status_code == 201, response.text
    assert response.headers["Location"].endswith(response.json()["id"])
    return response.json()


async def _publish(client, headers, scheme: dict):
    return await client.post(
        f"{URL}/{scheme['id']}/transitions",
        json={"expected_state": "draft", "to_state": "published"},
        headers=headers,
    )


def _items(scheme: dict) -> list[dict]:
    keep = ("kind", "key", "label", "weight", "points", "criteria")
    return [{k: i[k] for k in keep} for i in scheme["items"]]


async def test_a_scheme_starts_from_the_defaults_and_is_frozen_once_published(client, auth_for):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    scheme = await _create(client, coordinator, 2031)
    assert (scheme["state"], scheme["revision"], scheme["is_current"]) == ("draft", 1, False)
    assert scheme["title"] == "2031年度县市区/园区招商引资工作考核方案"
    assert Decimal(scheme["total_weight"]) == 100
    assert (scheme["excellent_min"], scheme["good_min"], scheme["pass_min"]) == (
        "90.00",
        "80.00",
        "60.00",
    )
    computed = {i["key"]: i for i in scheme["items"] if i["kind"] == "computed"}
    assert {"signed_amount", "signed_major", "funds_arrived", "landing_rate"} <= set(computed)
    assert "年度签约金额目标" in computed["signed_amount"]["definition"]
    assert {i["kind"] for i in scheme["items"]} == {"computed", "manual", "bonus", "deduction"}

    # A draft is not shown to the units assessed.
    assert_problem(await client.get(f"{URL}/{scheme['id']}", headers=yuhu), 404, "not_found")
    listed = (await client.get(URL, params={"year": 2031}, headers=yuhu)).json()
    assert listed == []

    published = await _publish(client, coordinator, scheme)
    assert published.status_code == 201, published.text
    body = published.json()
    assert (body["state"], body["is_current"]) == ("published", True)
    assert body["published_at"]
    seen = await client.get(f"{URL}/{scheme['id']}", headers=yuhu)
    assert seen.status_code == 200 and seen.json()["items"] == body["items"]

    edit = await client.patch(
        f"{URL}/{scheme['id']}", json={"title": "改"}, headers=_if_match(coordinator, body)
    )
    assert_problem(edit, 409, "scheme_published")
    assert_problem(await _publish(client, coordinator, body), 409, "state_changed")
    again = await client.post(URL, json={"year": 2031, "unit_group": "area"}, headers=coordinator)
    assert_problem(again, 409, "scheme_exists")


async def test_publishing_takes_exactly_100_points(client, auth_for):
    supervisor = await auth_for("supervisor")
    items = [
        {"kind": "computed", "key": "ticket_on_time", "label": "按时反馈率", "weight": "60.00"},
        {"kind": "manual", "label": "服务成效", "weight": "30.00", "criteria": "按实效评分"},
        {
            "kind": "deduction",
            "key": "supervised",
            "label": "被督办",
            "weight": "10.00",
            "points": "1.50",
        },
        {"kind": "bonus", "label": "表彰", "weight": "5.00"},
    ]
    scheme = await _create(client, supervisor, 2031, "department", items=items)
    # Bonus and deduction caps do not count towards the 100 points.
    assert scheme["total_weight"] == "90.00"
    assert_problem(await _publish(client, supervisor, scheme), 422, "weights_not_100")

    items[1]["weight"] = "40.00"
    fixed = await client.patch(
        f"{URL}/{scheme['id']}",
        json={
            "items": items,
            "grades": {"excellent_min": "95", "good_min": "85", "pass_min": "70"},
        },
        headers=_if_match(supervisor, scheme),
    )
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["total_weight"] == "100.00"
    assert [i["position"] for i in fixed.json()["items"]] == [0, 1, 2, 3]
    stale = await client.patch(
        f"{URL}/{scheme['id']}", json={"title": "旧版本"}, headers=_if_match(supervisor, scheme)
    )
    assert_problem(stale, 412)
    published = await _publish(client, supervisor, fixed.json())
    assert published.status_code == 201, published.text
    assert published.json()["excellent_min"] == "95.00"


@pytest.mark.parametrize(
    ("item", "field", "code"),
    [
        (
            {"kind": "computed", "key": "ticket_on_time", "label": "x", "weight": "10"},
            "key",
            "unknown_indicator",
        ),
        (
            {"kind": "computed", "key": "nonsense", "label": "x", "weight": "10"},
            "key",
            "unknown_indicator",
        ),
        (
            {"kind": "manual", "key": "signed_amount", "label": "x", "weight": "10"},
            "key",
            "unexpected_key",
        ),
        (
            {"kind": "deduction", "key": "signed_amount", "label": "x", "weight": "10"},
            "kind",
            "wrong_kind",
        ),
        (
            {
                "kind": "computed",
                "key": "signed_amount",
                "label": "x",
                "weight": "10",
                "points": "1",
            },
            "points",
            "unexpected_points",
        ),
        ({"kind": "bonus", "label": "x", "weight": "101"}, "weight", None),
    ],
)
async def test_each_item_is_checked_when_saved(client, auth_for, item, field, code):
    coordinator = await auth_for("coordinator")
    response = await client.post(
        URL, json={"year": 2032, "unit_group": "area", "items": [item]}, headers=coordinator
    )
    body = assert_problem(response, 422, code)
    assert any(field in [str(p) for p in e["loc"]] for e in body["errors"]), body


async def test_a_deduction_per_occurrence_needs_its_points_and_keys_are_unique(client, auth_for):
    coordinator = await auth_for("coordinator")
    base = {"kind": "deduction", "key": "circulated", "label": "被通报", "weight": "10"}
    missing = await client.post(
        URL, json={"year": 2032, "unit_group": "department", "items": [base]}, headers=coordinator
    )
    assert_problem(missing, 422, "missing")
    twice = [{**base, "points": "2"}, {**base, "points": "1"}]
    duplicate = await client.post(
        URL, json={"year": 2032, "unit_group": "department", "items": twice}, headers=coordinator
    )
    assert_problem(duplicate, 422, "duplicate_indicator")
    grades = {"excellent_min": "80", "good_min": "80", "pass_min": "60"}
    bad = await client.post(
        URL, json={"year": 2032, "unit_group": "department", "grades": grades}, headers=coordinator
    )
    assert_problem(bad, 422, "invalid_grades")


async def test_a_published_scheme_is_frozen_in_the_database(client, auth_for, session):
    coordinator = await auth_for("coordinator")
    scheme = await _create(client, coordinator, 2033, "department")
    assert (await _publish(client, coordinator, scheme)).status_code == 201
    for statement in (
        text(f"UPDATE assessment_schemes SET title = 'x' WHERE id = '{_db_id(session, scheme)}'"),
        text("UPDATE assessment_scheme_items SET weight = 1"),
        text("DELETE FROM assessment_scheme_items"),
        text("DELETE FROM assessment_schemes"),
    ):
        savepoint = await session.begin_nested()
        with pytest.raises(DBAPIError, match="frozen"):
            await session.execute(statement)
        await savepoint.rollback()


def _db_id(session, scheme: dict) -> str:
    # SQLite stores UUIDs as 32 hex digits, PostgreSQL as uuid.
    raw = scheme["id"]
    return raw if session.bind.dialect.name == "postgresql" else raw.replace("-", "")


async def test_a_change_is_a_new_revision_with_its_reason(client, auth_for):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    first = await _create(client, coordinator, 2034)
    first = (await _publish(client, coordinator, first)).json()

    unexplained = await client.post(f"{URL}/{first['id']}/revisions", json={}, headers=coordinator)
    assert_problem(unexplained, 422)
    revised = await client.post(
        f"{URL}/{first['id']}/revisions",
        json={"reason": "按市委要求提高到位资金权重"},
        headers=coordinator,
    )
    assert revised.status_code == 201, revised.text
    draft = revised.json()
    assert (draft["revision"], draft["state"], draft["reason"]) == (
        2,
        "draft",
        "按市委要求提高到位资金权重",
    )
    assert _items(draft) == _items(first)
    twice = await client.post(
        f"{URL}/{first['id']}/revisions", json={"reason": "再改"}, headers=coordinator
    )
    assert_problem(twice, 409, "revision_exists")

    items = _items(draft)
    funds = next(i for i in items if i["key"] == "funds_arrived")
    signed = next(i for i in items if i["key"] == "signed_amount")
    funds["weight"], signed["weight"] = "20.00", "20.00"
    edited = await client.patch(
        f"{URL}/{draft['id']}", json={"items": items}, headers=_if_match(coordinator, draft)
    )
    assert edited.status_code == 200, edited.text
    # Until the revision is published, revision 1 stays the year's scheme.
    listed = (await client.get(URL, params={"year": 2034}, headers=coordinator)).json()
    assert [(s["revision"], s["is_current"]) for s in listed] == [(2, False), (1, True)]
    assert (await _publish(client, coordinator, edited.json())).status_code == 201
    listed = (await client.get(URL, params={"year": 2034}, headers=yuhu)).json()
    assert [(s["revision"], s["is_current"]) for s in listed] == [(2, True), (1, False)]
    older = await client.post(
        f"{URL}/{first['id']}/revisions", json={"reason": "x"}, headers=coordinator
    )
    assert_problem(older, 409, "not_current")

    # The next year starts from this year's scheme as finally published.
    following = await _create(client, coordinator, 2035)
    assert _items(following) == items


async def test_only_the_assessment_office_writes_schemes(client, auth_for):
    for who in ("yuhu", "zrzy", "leader", "viewer"):
        headers = await auth_for(who)
        response = await client.post(
            URL, json={"year": 2036, "unit_group": "area"}, headers=headers
        )
        assert_problem(response, 403)
    listed = await client.get("/api/v1/assessment/computations", headers=await auth_for("viewer"))
    assert listed.status_code == 200
    keys = {(c["unit_group"], c["key"]) for c in listed.json()}
    assert {("area", "signed_amount"), ("department", "supervised")} <= keys
