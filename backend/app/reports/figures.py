"""A report's pre-filled figures and its major-projects table, from the statistics' own builders
(app/stats) with the unit and the period as filters: one definition of every figure."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.time import day_start
from app.models import FollowUp, Project, ReportPeriod
from app.models.enums import ReportFigureKey, Stage, StatsPeriod
from app.stats import projects as stats
from app.stats.schemas import Period, StatsFilter

K = ReportFigureKey
COUNTS = frozenset({K.new_leads, K.in_negotiation, K.signed_count, K.started, K.operating})

DEFINITIONS: dict[ReportFigureKey, str] = {
    K.new_leads: stats.NEW_LEADS,
    K.in_negotiation: "计算时处于项目洽谈阶段的项目数（" + stats.FUNNEL + "）",
    K.signed_count: stats.SIGNED,
    K.signed_amount: stats.SIGNED,
    K.started: stats.LANDED_TEXT,
    K.operating: "计算时处于已投产阶段的项目数（" + stats.FUNNEL + "）",
    K.funds_arrived: stats.FUNDS,
}


def unit_of(key: ReportFigureKey) -> str:
    return "个" if key in COUNTS else "万元"


@dataclass(frozen=True)
class Computed:
    figures: dict[ReportFigureKey, Decimal]
    projects: list[dict[str, Any]]


def stats_period(period: ReportPeriod) -> Period:
    return Period(date_from=period.date_from, date_to=period.date_to, label="")


async def compute(session: AsyncSession, period: ReportPeriod, unit_id: uuid.UUID) -> Computed:
    """The unit's figures for the period and its major projects as they stand now."""
    f = StatsFilter(period=StatsPeriod.custom, date_from=period.date_from, date_to=period.date_to)
    f = f.model_copy(update={"unit_id": unit_id})
    span = stats_period(period)
    headline = {x.key: x for x in await stats.headline(session, None, f, span)}
    funnel = {r.stage: r.figure for r in (await stats.funnel(session, None, f)).rows}
    leads = await stats.new_leads(session, None, f, span)
    signed = headline["signed"]
    figures = {
        K.new_leads: Decimal(leads.count),
        K.in_negotiation: Decimal(funnel[Stage.negotiation.value].count),
        K.signed_count: Decimal(signed.count),
        K.signed_amount: signed.amount or Decimal(0),
        K.started: Decimal(headline["landed"].count),
        K.operating: Decimal(funnel[Stage.operating.value].count),
        K.funds_arrived: headline["funds_arrived"].amount or Decimal(0),
    }
    return Computed(figures=figures, projects=await major_projects(session, unit_id, period))


async def major_projects(
    session: AsyncSession, unit_id: uuid.UUID, period: ReportPeriod
) -> list[dict[str, Any]]:
    """The unit's major (≥ 1 亿元) and key projects still in the workflow, by code, with the
    latest follow-up up to the period's end as their progress (else their 卡点)."""
    stmt = (
        select(Project)
        .where(
            col(Project.owner_unit_id) == unit_id,
            or_(col(Project.is_major), col(Project.is_key)),
            col(Project.stage) != Stage.dropped.value,
            col(Project.created_at) < day_start(period.date_to + timedelta(days=1)),
        )
        .order_by(col(Project.code))
        .limit(100)
    )
    projects = (await session.execute(stmt)).scalars().all()
    latest = await _latest_follow_ups(session, [p.id for p in projects], period.date_to)
    return [
        {
            "id": str(p.id),
            "code": p.code,
            "name": p.name,
            "stage": p.stage,
            "signed_amount": str(p.signed_amount) if p.signed_amount is not None else None,
            "is_confidential": p.is_confidential,
            "progress": (latest.get(p.id) or p.blocker_note or "")[:300],
        }
        for p in projects
    ]


async def _latest_follow_ups(
    session: AsyncSession, ids: list[uuid.UUID], until: date
) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    stmt = (
        select(col(FollowUp.project_id), col(FollowUp.occurred_on), col(FollowUp.notes))
        .where(col(FollowUp.project_id).in_(ids), col(FollowUp.occurred_on) <= until)
        .order_by(col(FollowUp.occurred_on), col(FollowUp.created_at))
    )
    latest: dict[uuid.UUID, str] = {}
    for project_id, on, notes in (await session.execute(stmt)).all():
        latest[project_id] = f"{on.month}月{on.day}日：{notes}"
    return latest
