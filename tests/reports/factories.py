"""Small builders for report tests."""

from typing import Any

import httpx

PERIODS = "/api/v1/report-periods"
URL = "/api/v1/reports"


async def open_period(
    client: httpx.AsyncClient, headers: dict[str, str], year: int, number: int, **extra: Any
) -> dict[str, Any]:
    body = {"kind": "month", "year": year, "number": number, **extra}
    response = await client.post(PERIODS, json=body, headers=headers)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def report_of(
    client: httpx.AsyncClient, headers: dict[str, str], period_id: str
) -> dict[str, Any]:
    """The caller's unit's report of the period (with its ETag as `_etag`)."""
    listed = await client.get(URL, params={"period_id": period_id}, headers=headers)
    assert listed.status_code == 200, listed.text
    items = listed.json()["items"]
    assert len(items) == 1, items
    response = await client.get(f"{URL}/{items[0]['id']}", headers=headers)
    return {**response.json(), "_etag": response.headers["etag"]}


async def edit(
    client: httpx.AsyncClient, headers: dict[str, str], report: dict[str, Any], **body: Any
) -> httpx.Response:
    return await client.patch(
        f"{URL}/{report['id']}", json=body, headers={**headers, "If-Match": report["_etag"]}
    )


async def step(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    report: dict[str, Any],
    expected: str,
    to: str,
    reason: str | None = None,
) -> httpx.Response:
    body: dict[str, Any] = {"expected_state": expected, "to_state": to}
    if reason is not None:
        body["reason"] = reason
    return await client.post(f"{URL}/{report['id']}/transitions", json=body, headers=headers)
