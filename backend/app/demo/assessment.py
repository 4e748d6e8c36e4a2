"""The year's 考核方案 and annual targets, as the coordinator sets them at the start of a year:
the bureau's default schemes for districts and parks and for departments, published, and each
district's and park's targets — together the city's goal of 700 亿元 signed, 60 projects of
≥ 1 亿元 and 400 亿元 of funds arrived, shared by how much investment each unit attracts."""

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments import schemes, targets
from app.assessments.schemas import SchemeCreate, SchemeTransition, TargetWrite
from app.core.concurrency import Precondition
from app.core.principal import Principal
from app.demo.history import UNIT_WEIGHTS, YEAR
from app.models import AssessmentScheme, User
from app.models.enums import AssessmentGroup, SchemeState

CITY_SIGNED = Decimal(7_000_000)  # 万元
CITY_MAJOR = 60
CITY_FUNDS = Decimal(4_000_000)  # 万元


def _share(total: Decimal, weight: int, of: int) -> Decimal:
    return (total * weight / of).quantize(Decimal(100), ROUND_HALF_UP)


async def seed_assessment(session: AsyncSession) -> None:
    """Once: skipped when any scheme exists."""
    if (await session.execute(select(func.count()).select_from(AssessmentScheme))).scalar_one():
        return
    user = (
        await session.execute(select(User).where(col(User.username) == "coordinator"))
    ).scalar_one_or_none()
    if user is None:
        return
    coordinator = Principal.of_user(user)
    for group in AssessmentGroup:
        scheme = await schemes.create(
            session, coordinator, SchemeCreate(year=YEAR, unit_group=group)
        )
        move = SchemeTransition(expected_state=SchemeState.draft, to_state=SchemeState.published)
        await schemes.transition(session, coordinator, scheme.id, move)
    weights = sum(UNIT_WEIGHTS.values())
    by_code = {u.code: u for u in await targets.units(session)}
    for code, weight in UNIT_WEIGHTS.items():
        unit = by_code.get(code)
        if unit is None:
            continue
        body = TargetWrite(
            signed_amount=_share(CITY_SIGNED, weight, weights),
            major_projects=max(1, round(CITY_MAJOR * weight / weights)),
            funds_arrived=_share(CITY_FUNDS, weight, weights),
        )
        await targets.put(session, coordinator, YEAR, unit.id, body, Precondition(version=0))
