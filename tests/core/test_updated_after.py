"""Every paged collection a partner may read is read incrementally the same way:
`updated_after` with `sort=updated_at`, paged by the keyset (updated_at, id), so rows written in
the same instant are neither skipped nor repeated."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.models import Meeting, Project, ReportPeriod, Ticket, Unit, UnitReport
from tests.reports.factories import open_period

MOMENT = datetime(2090, 1, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("path", "model"),
    [
        ("/api/v1/units", Unit),
        ("/api/v1/projects", Project),
        ("/api/v1/tickets", Ticket),
        ("/api/v1/meetings", Meeting),
        ("/api/v1/report-periods", ReportPeriod),
        ("/api/v1/reports", UnitReport),
    ],
)
async def test_rows_changed_in_one_instant_are_paged_once_each(
    client, auth_for, session, path, model
):
    coordinator = await auth_for("coordinator")
    rows = select(model.id).limit(7)
    if model is UnitReport:
        # The demo's reports are accepted, and frozen: a new period's drafts.
        await open_period(client, coordinator, 2025, 10)
        rows = rows.where(UnitReport.state == "draft")
    ids = list((await session.execute(rows)).scalars())
    assert len(ids) >= 3
    await session.execute(update(model).where(model.id.in_(ids)).values(updated_at=MOMENT))
    await session.flush()
    params = {"sort": "updated_at", "updated_after": "2089-12-31T00:00:00Z", "limit": 2}
    seen, cursor = [], None
    while True:
        page = await client.get(
            path, params={**params, **({"cursor": cursor} if cursor else {})}, headers=coordinator
        )
        assert page.status_code == 200, page.text
        seen += [row["id"] for row in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(str(i) for i in ids)
