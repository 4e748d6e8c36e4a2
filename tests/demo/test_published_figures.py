"""The demo reproduces what the bureau published for January–September 2026 (新签约重大项目
97 个、签约金额 565 亿元、1 亿元以上 55 个; 13 个重点项目实行保姆式服务), read through the
statistics API as the coordinator reads it, with a year of history behind it."""

from decimal import Decimal

from app.demo.history import (
    PUBLISHED_AMOUNT,
    PUBLISHED_COUNT,
    PUBLISHED_KEY,
    PUBLISHED_OVER_100M,
)

STATS = "/api/v1/stats/projects"
SEPTEMBER = {"year": 2026, "period": "custom", "date_from": "2026-01-01", "date_to": "2026-09-30"}


def _by_key(figures: list[dict]) -> dict[str, dict]:
    return {f["key"]: f for f in figures}


async def test_january_to_september_major_signings_are_the_published_figures(client, auth_for):
    headers = await auth_for("coordinator")
    response = await client.get(STATS, params={**SEPTEMBER, "is_major": "true"}, headers=headers)
    assert response.status_code == 200, response.text
    figures = _by_key(response.json()["figures"])
    assert (PUBLISHED_COUNT, PUBLISHED_AMOUNT, PUBLISHED_OVER_100M) == (97, 5650000, 55)
    assert figures["signed"]["count"] == 97
    assert Decimal(figures["signed"]["amount"]) == Decimal("5650000")  # 565 亿元
    assert figures["signed_major"]["count"] == 55
    # The list behind the number holds the same 97 projects.
    listed = await client.get(
        "/api/v1/projects",
        params={**figures["signed"]["list_query"]["query"], "include_total": "true", "limit": 1},
        headers=headers,
    )
    assert listed.json()["total"] == 97


async def test_key_projects_under_concierge_service(client, auth_for):
    headers = await auth_for("coordinator")
    listed = await client.get(
        "/api/v1/projects", params={"is_key": "true", "include_total": "true"}, headers=headers
    )
    assert listed.json()["total"] == PUBLISHED_KEY == 13


async def test_the_year_has_a_history_to_compare_with(client, auth_for):
    """Every month of 2026 to November has signings, and the same period of 2025 has a
    comparable number, so 年初至今 against 上年同期 means something; projects have landed."""
    headers = await auth_for("coordinator")
    params = {"year": 2026, "period": "custom", "date_from": "2026-01-01", "date_to": "2026-11-30"}
    body = (await client.get(STATS, params=params, headers=headers)).json()
    this = _by_key(body["year_to_date"]["figures"])
    last = _by_key(body["year_to_date"]["last_year_figures"])
    assert this["signed"]["count"] > 100
    assert 0.7 < last["signed"]["count"] / this["signed"]["count"] < 1.1
    assert this["landed"]["count"] > 10 and last["landed"]["count"] > 10
    assert Decimal(this["funds_arrived"]["amount"]) > 0
    months = await client.get(
        f"{STATS}/breakdown", params={**params, "by": "month"}, headers=headers
    )
    keys = [row["key"] for row in months.json()["rows"]]
    assert keys == [f"2026-{m:02d}" for m in range(1, 12)]
    funnel = (await client.get(f"{STATS}/funnel", headers=headers)).json()
    assert all(row["figure"]["count"] > 0 for row in funnel["rows"])
    units = await client.get(
        f"{STATS}/breakdown", params={**SEPTEMBER, "by": "unit"}, headers=headers
    )
    assert len(units.json()["rows"]) >= 10
