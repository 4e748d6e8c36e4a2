"""What every statistics test checks: a figure's count is its list's total and its rows'
amounts add up to its amount."""

from decimal import Decimal
from typing import Any

STATS = "/api/v1/stats"
AMOUNTS = {
    "signed": "signed_amount",
    "signed_major": "signed_amount",
    "funds_arrived": "funds_arrived",
}


async def list_rows(client, headers, list_query: dict[str, Any]) -> tuple[int, list[dict]]:
    params = {**list_query["query"], "include_total": "true", "limit": 200}
    rows: list[dict] = []
    total = None
    while True:
        response = await client.get(list_query["path"], params=params, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        total = body["total"] if total is None else total
        rows += body["items"]
        if not body["next_cursor"]:
            return total, rows
        params = {**params, "cursor": body["next_cursor"]}


async def check(client, headers, figures: list[dict]) -> None:
    for figure in figures:
        total, rows = await list_rows(client, headers, figure["list_query"])
        assert figure["count"] == total == len(rows), figure
        assert figure["definition"]
        if figure["amount"] is not None:
            field = AMOUNTS[figure["key"]]
            assert Decimal(figure["amount"]) == sum(
                (Decimal(r[field] or "0") for r in rows), Decimal("0")
            ), figure
