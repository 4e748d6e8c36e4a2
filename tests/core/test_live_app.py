"""Tests that commit for real (`live_app`) do so in a database of their module's own."""

from datetime import date

from app.models import CalendarOverride

DAY = date(2099, 12, 30)


async def test_what_a_live_app_commits_stays_out_of_the_shared_database(live_app, session):
    async with live_app.state.sessionmaker() as s:
        s.add(CalendarOverride(day=DAY, is_working_day=True, name="仅此模块"))
        await s.commit()
    async with live_app.state.sessionmaker() as s:
        assert await s.get(CalendarOverride, DAY) is not None
    assert await session.get(CalendarOverride, DAY) is None


async def test_a_live_app_starts_from_the_seeded_data(live_app, settings, database_url):
    from sqlalchemy import func, select

    from app.models import Project, User

    assert live_app.state.settings.database_url != database_url
    async with live_app.state.sessionmaker() as s:
        assert (await s.execute(select(func.count()).select_from(User))).scalar_one() > 10
        assert (await s.execute(select(func.count()).select_from(Project))).scalar_one() > 10
