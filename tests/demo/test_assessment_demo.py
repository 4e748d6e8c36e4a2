"""The demo year's 考核方案 and annual targets: both groups' schemes published at 100 points, and
every district's and park's targets adding up to the city's goal."""

from decimal import Decimal

from app.demo.assessment import CITY_FUNDS, CITY_SIGNED
from app.demo.history import YEAR


async def test_the_demo_year_has_its_schemes_and_targets(client, auth_for):
    yuhu = await auth_for("yuhu")
    schemes = (
        await client.get("/api/v1/assessment/schemes", params={"year": YEAR}, headers=yuhu)
    ).json()
    assert {(s["unit_group"], s["state"], s["is_current"]) for s in schemes} == {
        ("area", "published", True),
        ("department", "published", True),
    }
    for s in schemes:
        detail = (await client.get(f"/api/v1/assessment/schemes/{s['id']}", headers=yuhu)).json()
        assert Decimal(detail["total_weight"]) == 100
    targets = (
        await client.get("/api/v1/assessment/targets", params={"year": YEAR}, headers=yuhu)
    ).json()
    assert all(t["version"] == 1 for t in targets), targets
    signed = sum(Decimal(t["signed_amount"]) for t in targets)
    funds = sum(Decimal(t["funds_arrived"]) for t in targets)
    # Each unit's share is rounded to the 100 万元.
    assert abs(signed - CITY_SIGNED) <= 100 * len(targets)
    assert abs(funds - CITY_FUNDS) <= 100 * len(targets)


async def test_last_year_is_assessed_end_to_end(client, auth_for):
    """2025 in the demo: both rounds confirmed, one objection accepted and one rejected, the
    self-reports on the record, the fund split to the yuan — read as a district reads it."""
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    rounds = (
        await client.get("/api/v1/assessment/rounds", params={"year": YEAR - 1}, headers=yuhu)
    ).json()
    assert {(r["unit_group"], r["state"]) for r in rounds} == {
        ("area", "final"),
        ("department", "final"),
    }
    answered = (
        await client.get(
            "/api/v1/assessment/objections", params={"year": YEAR - 1}, headers=coordinator
        )
    ).json()
    assert sorted(o["state"] for o in answered) == ["accepted", "rejected"]
    accepted = next(o for o in answered if o["state"] == "accepted")
    assert accepted["unit_name"] == "雨湖区"
    assert Decimal(accepted["score_after"]) > Decimal(accepted["score_before"])
    for summary in rounds:
        detail = (
            await client.get(f"/api/v1/assessment/rounds/{summary['id']}", headers=coordinator)
        ).json()
        assert any(r["self_reports"] for r in detail["results"])
        assert all(
            i["score"] is not None for r in detail["results"] for i in r["items"] if i["by_hand"]
        )
        awards = (
            await client.get(f"/api/v1/assessment/rounds/{summary['id']}/awards", headers=yuhu)
        ).json()
        assert awards["fund"] > 0 and awards["paid"] == awards["fund"]
        assert {a["kind"] for a in awards["items"]} == {"unit", "individual"}
        # Units are paid in rank order: a better grade and score never gets less.
        paid = [a["amount"] for a in awards["items"] if a["kind"] == "unit"]
        assert paid == sorted(paid, reverse=True)
