"""The demo data `make run` loads on an empty database: Xiangtan's units, one user per role,
code lists, projects at every stage, service tickets, meetings and this year's 三级联审, a
year of history behind them at the scale the bureau reported (app/demo/history.py), and the
year's 考核方案 and annual targets."""

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.config import get_settings
from app.core.time import utcnow
from app.demo.assessment import seed_assessment
from app.demo.dictionaries import seed_dictionaries, seed_ticket_categories
from app.demo.history import seed_history
from app.demo.meetings import seed_meetings
from app.demo.projects import seed_projects
from app.demo.tickets import seed_tickets
from app.demo.units_users import DemoUser, seed_units, seed_users
from app.models import ChangeEvent


async def seed_demo(session: AsyncSession) -> list[DemoUser]:
    """Idempotent: adds what is missing, never changes what is there."""
    units = await seed_units(session)
    created = await seed_users(session, units)
    await seed_dictionaries(session)
    await seed_ticket_categories(session)
    await seed_projects(session, units)
    await seed_tickets(session, get_settings())
    await seed_meetings(session, get_settings())
    await seed_history(session, get_settings())
    await seed_assessment(session)
    # The demo's history happened before any partner subscribed: nothing of it is pushed.
    await session.execute(
        update(ChangeEvent)
        .where(col(ChangeEvent.dispatched_at).is_(None))
        .values(dispatched_at=utcnow())
    )
    return created
