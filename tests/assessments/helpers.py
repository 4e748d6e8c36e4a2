"""A published scheme and the reading and scoring of round sheets, for the round tests; a
whole round taken to final for tests that need one done."""

from datetime import date, datetime, time, timedelta

from app.core.time import SHANGHAI, clock_at

SCHEMES = "/api/v1/assessment/schemes"
ROUNDS = "/api/v1/assessment/rounds"
ITEMS = [
    {"kind": "computed", "key": "signed_amount", "label": "签约金额完成率", "weight": "60"},
    {"kind": "computed", "key": "landing_rate", "label": "项目落地率", "weight": "10"},
    {"kind": "manual", "label": "重大措施", "weight": "30"},
    {"kind": "bonus", "label": "三类 500 强", "weight": "5"},
    {"kind": "deduction", "label": "工作失误", "weight": "5"},
]


async def publish_scheme(client, headers, year: int, items: list[dict] | None = None) -> dict:
    """The districts' and parks' scheme of `year` with `items` (ITEMS), published."""
    created = await client.post(
        SCHEMES,
        json={"year": year, "unit_group": "area", "items": items or ITEMS},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    published = await client.post(
        f"{SCHEMES}/{created.json()['id']}/transitions",
        json={"expected_state": "draft", "to_state": "published"},
        headers=headers,
    )
    assert published.status_code == 201, published.text
    return published.json()


def sheet_of(round_: dict, unit: str) -> dict:
    return next(r for r in round_["results"] if r["unit_id"] == unit)


def item_of(sheet: dict, label: str) -> dict:
    return next(i for i in sheet["items"] if i["label"] == label)


async def score(client, headers, round_: dict, sheet: dict, label: str, points: str):
    item = item_of(sheet, label)["item_id"]
    return await client.put(
        f"{ROUNDS}/{round_['id']}/results/{sheet['unit_id']}/items/{item}",
        json={"score": points, "note": "按报送材料评分"},
        headers={**headers, "If-Match": f'"{sheet["version"]}"'},
    )


async def score_everything(client, headers, round_id: str, points: str = "0") -> None:
    """Every hand item of every sheet not yet scored gets `points`."""
    current = (await client.get(f"{ROUNDS}/{round_id}", headers=headers)).json()
    for sheet in current["results"]:
        for item in sheet["items"]:
            if item["by_hand"] and item["score"] is None:
                response = await score(client, headers, current, sheet, item["label"], points)
                assert response.status_code == 200, response.text
                sheet = response.json()


def after_window(round_: dict) -> datetime:
    """A working morning the day after the round's objection window closed."""
    due = date.fromisoformat(round_["objection_due"])
    return datetime.combine(due + timedelta(days=1), time(10), SHANGHAI)


async def round_to_final(client, coordinator, supervisor, unit_headers, *, year: int) -> dict:
    """The districts' round of `year`: opened, scored, publicised, one objection by the unit
    of `unit_headers` rejected, the reward split generated, confirmed after the window.
    Returns the final round."""
    scheme = await publish_scheme(client, coordinator, year)
    opened = await client.post(ROUNDS, json={"scheme_id": scheme["id"]}, headers=coordinator)
    assert opened.status_code == 201, opened.text
    round_id = opened.json()["id"]
    await score_everything(client, coordinator, round_id)
    url = f"{ROUNDS}/{round_id}/transitions"
    shown = await client.post(
        url, json={"expected_state": "open", "to_state": "objection"}, headers=coordinator
    )
    assert shown.status_code == 201, shown.text
    own = (await client.get(f"{ROUNDS}/{round_id}", headers=unit_headers)).json()["results"][0]
    item = item_of(own, "重大措施")
    raised = await client.post(
        f"{url.removesuffix('/transitions')}/results/{own['unit_id']}/items/{item['item_id']}"
        "/objections",
        json={"reason": "已报送重大措施材料"},
        headers=unit_headers,
    )
    assert raised.status_code == 201, raised.text
    answered = await client.post(
        f"/api/v1/assessment/objections/{raised.json()['id']}/transitions",
        json={"expected_state": "pending", "to_state": "rejected", "answer": "材料不符合要求"},
        headers=coordinator,
    )
    assert answered.status_code == 201, answered.text
    awards = await client.post(f"{ROUNDS}/{round_id}/awards", headers=coordinator)
    assert awards.status_code == 201, awards.text
    with clock_at(after_window(shown.json())):
        final = await client.post(
            url, json={"expected_state": "objection", "to_state": "final"}, headers=supervisor
        )
    assert final.status_code == 201, final.text
    return final.json()
