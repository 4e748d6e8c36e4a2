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
