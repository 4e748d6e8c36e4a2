"""Statistics: every figure equals its list's total (and its rows' amounts add up to it), in
the caller's scope, for the period asked."""

from datetime import date
from decimal import Decimal

import pytest

from app.core.calendar import business_today
from tests.helpers import assert_problem, partner_via_api, unit_id
from tests.projects.factories import create_project, move, recommend
from tests.stats.checks import STATS, check


def _figures(body: dict) -> list[dict]:
    ytd = body["year_to_date"]
    return body["figures"] + ytd["figures"] + ytd["last_year_figures"]


def _by_key(figures: list[dict]) -> dict[str, dict]:
    return {f["key"]: f for f in figures}


@pytest.mark.parametrize("who", ["coordinator", "yuhu", "viewer", "leader", "supervisor"])
async def test_headline_figures_equal_their_lists(client, auth_for, who):
    headers = await auth_for(who)
    response = await client.get(f"{STATS}/projects", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    year = business_today().year
    assert body["period"] == {
        "date_from": f"{year}-01-01",
        "date_to": f"{year}-12-31",
        "label": f"{year}年",
    }
    await check(client, headers, _figures(body))
    signed = _by_key(body["figures"])["signed"]
    if who == "coordinator":
        assert signed["count"] > 0 and Decimal(signed["amount"]) > 0
        assert _by_key(body["figures"])["landed"]["count"] > 0


async def test_a_district_sees_its_own_unit_the_coordinator_the_city(client, auth_for):
    ever = {"period": "custom", "date_from": "2000-01-01", "date_to": "2100-12-31"}
    coordinator = await auth_for("coordinator")

    def numbers(body: dict) -> list[tuple[str, int, str | None]]:
        return [(f["key"], f["count"], f["amount"]) for f in body["figures"]]

    city = (await client.get(f"{STATS}/projects", params=ever, headers=coordinator)).json()
    signed = 0
    for login, code in (("yuhu", "yuhu"), ("yuetang", "yuetang"), ("gaoxin", "xtgx")):
        headers = await auth_for(login)
        own = (await client.get(f"{STATS}/projects", params=ever, headers=headers)).json()
        await check(client, headers, own["figures"])
        unit = await unit_id(client, headers, code)
        sliced = (
            await client.get(
                f"{STATS}/projects", params={**ever, "unit_id": unit}, headers=coordinator
            )
        ).json()
        assert numbers(own) == numbers(sliced)
        signed += _by_key(own["figures"])["signed"]["count"]
    assert 0 < signed < _by_key(city["figures"])["signed"]["count"]
    viewer_headers = await auth_for("viewer")
    viewer = (await client.get(f"{STATS}/projects", params=ever, headers=viewer_headers)).json()
    assert numbers(viewer) == numbers(city)


@pytest.mark.parametrize("by", ["unit", "industry_chain", "source_channel", "stage", "month"])
async def test_breakdowns_add_up_to_the_headline(client, auth_for, by):
    headers = await auth_for("coordinator")
    body = (
        await client.get(f"{STATS}/projects/breakdown", params={"by": by}, headers=headers)
    ).json()
    assert body["by"] == by and body["rows"]
    figures = [row["figures"][0] for row in body["rows"]]
    await check(client, headers, figures)
    signed = _by_key((await client.get(f"{STATS}/projects", headers=headers)).json()["figures"])[
        "signed"
    ]
    assert sum(f["count"] for f in figures) == signed["count"]
    assert sum(Decimal(f["amount"]) for f in figures) == Decimal(signed["amount"])
    assert all(row["label"] for row in body["rows"])


async def test_quarters_add_up_to_the_year(client, auth_for):
    headers = await auth_for("coordinator")
    year = business_today().year
    quarters = []
    for quarter in (1, 2, 3, 4):
        response = await client.get(
            f"{STATS}/projects",
            params={"year": year, "period": "quarter", "quarter": quarter},
            headers=headers,
        )
        body = response.json()
        assert body["period"]["label"] == f"{year}年第{quarter}季度"
        await check(client, headers, body["figures"])
        quarters.append(_by_key(body["figures"])["signed"])
    whole = _by_key(
        (await client.get(f"{STATS}/projects", params={"year": year}, headers=headers)).json()[
            "figures"
        ]
    )["signed"]
    assert sum(q["count"] for q in quarters) == whole["count"]
    assert sum(Decimal(q["amount"]) for q in quarters) == Decimal(whole["amount"])
    empty = (await client.get(f"{STATS}/projects", params={"year": 2001}, headers=headers)).json()
    assert _by_key(empty["figures"])["signed"] == {
        **_by_key(empty["figures"])["signed"],
        "count": 0,
        "amount": "0.00",
    }


async def test_custom_period_and_month(client, auth_for):
    headers = await auth_for("coordinator")
    today = business_today()
    response = await client.get(
        f"{STATS}/projects",
        params={"period": "custom", "date_from": "2020-01-01", "date_to": today.isoformat()},
        headers=headers,
    )
    body = response.json()
    assert body["period"]["date_from"] == "2020-01-01"
    await check(client, headers, body["figures"])
    month = await client.get(
        f"{STATS}/projects",
        params={"period": "month", "month": today.month},
        headers=headers,
    )
    assert month.json()["period"]["date_from"] == date(today.year, today.month, 1).isoformat()
    assert_problem(
        await client.get(f"{STATS}/projects", params={"period": "quarter"}, headers=headers), 422
    )


@pytest.mark.parametrize("who", ["coordinator", "yuhu"])
async def test_funnel_in_workflow_order(client, auth_for, who):
    headers = await auth_for(who)
    body = (await client.get(f"{STATS}/projects/funnel", headers=headers)).json()
    assert [r["stage"] for r in body["rows"]] == [
        "lead",
        "evaluation",
        "contact",
        "negotiation",
        "review",
        "signed",
        "started",
        "operating",
    ]
    await check(client, headers, [r["figure"] for r in body["rows"]])


@pytest.mark.parametrize("who", ["coordinator", "supervisor", "zrzy", "yuhu"])
async def test_department_figures_equal_the_ticket_lists(client, auth_for, who):
    headers = await auth_for(who)
    response = await client.get(f"{STATS}/tickets/departments", headers=headers)
    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    figures = [f for row in rows for f in row["figures"]]
    await check(client, headers, figures)
    if who == "coordinator":
        assert sum(f["count"] for f in figures if f["key"] == "open") > 0


async def test_who_may_read_statistics(client, auth_for):
    assert_problem(await client.get(f"{STATS}/projects"), 401)
    assert_problem(await client.get(f"{STATS}/projects", headers=await auth_for("admin")), 403)


@pytest.mark.parametrize("who", ["coordinator", "leader", "yuhu", "fgw"])
async def test_unit_decision_figures_equal_the_decision_lists(client, auth_for, who):
    headers = await auth_for(who)
    response = await client.get(f"{STATS}/decisions/units", headers=headers)
    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    await check(client, headers, [f for row in rows for f in row["figures"]])
    if who == "coordinator":
        assert sum(row["figures"][0]["count"] for row in rows) > 0


async def _sign(client, yuhu, coordinator, amount: str, on: str) -> None:
    project = await create_project(client, yuhu, planned_investment=amount)
    assert (await move(client, yuhu, project, "evaluation")).status_code == 201
    await recommend(client, coordinator, project)
    assert (await move(client, coordinator, project, "contact")).status_code == 201
    for stage in ("negotiation", "review"):
        assert (await move(client, yuhu, project, stage)).status_code == 201
    approved = await client.post(
        f"/api/v1/projects/{project['id']}/approvals",
        json={"opinion": "同意签约"},
        headers=coordinator,
    )
    assert approved.status_code == 201, approved.text
    signed = await move(
        client,
        yuhu,
        project,
        "signed",
        signed_date=on,
        signed_amount=amount,
        agreement_type="formal",
    )
    assert signed.status_code == 201, signed.text


async def test_amounts_are_exact_to_the_cent(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    await _sign(client, yuhu, coordinator, "10000.01", "2001-03-01")
    await _sign(client, yuhu, coordinator, "0.02", "2001-03-31")
    await _sign(client, yuhu, coordinator, "9999.99", "2001-04-01")
    march = {"year": 2001, "period": "month", "month": 3}
    for headers in (coordinator, yuhu):
        body = (await client.get(f"{STATS}/projects", params=march, headers=headers)).json()
        figures = _by_key(body["figures"])
        assert (figures["signed"]["count"], figures["signed"]["amount"]) == (2, "10000.03")
        major = figures["signed_major"]
        assert (major["count"], major["amount"]) == (1, "10000.01")
        await check(client, headers, body["figures"])
    yuetang = (
        await client.get(f"{STATS}/projects", params=march, headers=await auth_for("yuetang"))
    ).json()
    assert _by_key(yuetang["figures"])["signed"]["count"] == 0
    months = (
        await client.get(
            f"{STATS}/projects/breakdown",
            params={"year": 2001, "by": "month"},
            headers=coordinator,
        )
    ).json()["rows"]
    assert [(r["key"], r["figures"][0]["amount"]) for r in months] == [
        ("2001-03", "10000.03"),
        ("2001-04", "9999.99"),
    ]
    await check(client, coordinator, [r["figures"][0] for r in months])


async def test_a_partner_reads_its_own_unit_s_figures(client, auth_for, admin):
    ever = {"period": "custom", "date_from": "2000-01-01", "date_to": "2100-12-31"}
    partner = await partner_via_api(client, admin, "xtgx", ("projects:read", "reports:read"))
    body = (await client.get(f"{STATS}/projects", params=ever, headers=partner)).json()
    await check(client, partner, body["figures"])
    own = (
        await client.get(f"{STATS}/projects", params=ever, headers=await auth_for("gaoxin"))
    ).json()
    assert [(f["count"], f["amount"]) for f in body["figures"]] == [
        (f["count"], f["amount"]) for f in own["figures"]
    ]
    assert _by_key(body["figures"])["signed"]["count"] > 0
    no_scope = await partner_via_api(client, admin, "xtgx", ("projects:read",))
    assert_problem(await client.get(f"{STATS}/projects", headers=no_scope), 403)
