"""The demo's reporting history as the coordinator and a district see it: August–October 2026's
月报 and the third quarter's 季报 accepted for every district and park, one returned and
submitted again, one late; November not opened yet (the job opens it on 1 December); and the
2026 上半年 通报 published with figures behind it."""

from decimal import Decimal

PERIODS = "/api/v1/report-periods"
REPORTS = "/api/v1/reports"
BULLETINS = "/api/v1/bulletins"


async def test_three_months_and_a_quarter_accepted_november_not_yet_open(client, auth_for):
    headers = await auth_for("coordinator")
    body = (await client.get(PERIODS, params={"year": 2026}, headers=headers)).json()
    opened = sorted((p["kind"], p["number"]) for p in body["items"])
    assert opened == [("month", 8), ("month", 9), ("month", 10), ("quarter", 3)]
    for period in body["items"]:
        assert period["reports"] >= 13
        assert period["accepted"] == period["submitted"] == period["reports"]
    late = (
        await client.get(REPORTS, params={"late": "true", "year": 2026}, headers=headers)
    ).json()
    assert [(r["period"]["number"], r["unit"]["name"]) for r in late["items"]] == [(10, "韶山市")]


async def test_yuhu_reads_its_september_report_returned_and_submitted_again(client, auth_for):
    headers = await auth_for("yuhu")
    listed = (await client.get(REPORTS, params={"year": 2026}, headers=headers)).json()
    assert {r["unit"]["name"] for r in listed["items"]} == {"雨湖区"}
    assert len(listed["items"]) == 4
    september = next(
        r for r in listed["items"] if r["period"]["kind"] == "month" and r["period"]["number"] == 9
    )
    report = (await client.get(f"{REPORTS}/{september['id']}", headers=headers)).json()
    assert report["state"] == "accepted" and report["actions"] == []
    assert [e["action"] for e in report["events"]] == [
        "open",
        "submit",
        "return",
        "submit",
        "accept",
    ]
    assert "形象进度" in report["project_progress"]
    assert report["meetings"] and report["activities"] and report["next_plan"]
    # It happened in September and October, not on the day the demo was loaded.
    assert all("2026-10-01" <= e["occurred_at"] < "2026-10-20" for e in report["events"])


async def test_the_first_half_bulletin_is_published_with_real_figures(client, auth_for):
    headers = await auth_for("yuhu")
    listed = (await client.get(BULLETINS, headers=headers)).json()
    assert [(b["year"], b["half"], b["state"]) for b in listed] == [(2026, 1, "published")]
    bulletin = (await client.get(f"{BULLETINS}/{listed[0]['id']}", headers=headers)).json()
    assert bulletin["published_at"].startswith("2026-07-15")
    area = next(g for g in bulletin["groups"] if g["unit_group"] == "area")
    assert len(area["rows"]) >= 13
    scores = [Decimal(r["score"]) for r in area["rows"]]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
