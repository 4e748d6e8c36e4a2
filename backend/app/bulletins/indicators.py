"""How each assessment indicator's value is computed, by its `key`: every figure comes from the
statistics module (app/stats) for the bulletin's half year, with the list or the record codes it
came from. Which indicators count and their weights are data (`assessment_indicators`)."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.principal import Principal
from app.models import ReportPeriod, UnitReport
from app.models.enums import AssessmentGroup, ReportKind, ReportState
from app.stats import assessment, projects
from app.stats.assessment import Tally
from app.stats.schemas import Figure, ListQuery, Period, StatsFilter

NO_DATA = "暂无数据"


ACTIVITIES_REPORTED = (
    "统计期内各单位已通过的月报（统计月份在本半年内）中“重要会议”“重要活动”两栏报送的条数"
    "（每行计一条）；本半年没有已通过月报的单位为暂无数据"
)


async def activities_reported(
    session: AsyncSession, principal: Principal, period: Period
) -> dict[uuid.UUID, Tally]:
    """Per district or park: the 重要会议 and 重要活动 entries (one a line) of its accepted
    monthly reports for the months of the period; `missed` holds the reports' labels."""
    # Read unscoped: only the coordinator builds a bulletin, and the coordinator reads every
    # unit's reports (app/reports/scope).
    stmt = (
        select(
            col(UnitReport.unit_id),
            col(UnitReport.meetings),
            col(UnitReport.activities),
            col(ReportPeriod.year),
            col(ReportPeriod.number),
        )
        .join(ReportPeriod, col(ReportPeriod.id) == col(UnitReport.period_id))
        .where(
            col(ReportPeriod.kind) == ReportKind.month.value,
            col(UnitReport.state) == ReportState.accepted.value,
            col(ReportPeriod.date_from) >= period.date_from,
            col(ReportPeriod.date_to) <= period.date_to,
        )
        .order_by(col(ReportPeriod.number))
    )
    tallies: dict[uuid.UUID, Tally] = {}
    for unit_id, meetings, activities, year, month in (await session.execute(stmt)).all():
        tally = tallies.setdefault(unit_id, Tally())
        lines = f"{meetings}\n{activities}".splitlines()
        tally.total += sum(1 for line in lines if line.strip())
        tally.met += 1
        tally.missed.append(f"{year}年{month}月月报")
    return tallies


@dataclass
class Value:
    """One unit's value on one indicator: `value` None reads 暂无数据 (and scores 0)."""

    value: Decimal | None
    display: str
    definition: str
    list_query: ListQuery | None = None
    codes: list[str] = field(default_factory=list)


def _wan(amount: Decimal | None) -> str:
    return f"{(amount or Decimal(0)):,.2f} 万元"


def _percent(tally: Tally | None) -> Value | None:
    if tally is None or tally.total == 0:
        return None
    rate = (Decimal(tally.met) / Decimal(tally.total)).quantize(Decimal("0.0001"))
    return Value(
        value=rate,
        display=f"{rate * 100:.1f}%（{tally.met}/{tally.total}）",
        definition="",
        codes=tally.missed,
    )


class Context:
    """What one build reads, each figure once for all units."""

    def __init__(self, session: AsyncSession, principal: Principal, period: Period) -> None:
        self.session, self.principal, self.period = session, principal, period
        self._headlines: dict[uuid.UUID, dict[str, Figure]] = {}
        self._tallies: dict[str, dict[uuid.UUID, Tally]] = {}

    async def headline(self, unit_id: uuid.UUID) -> dict[str, Figure]:
        """The unit's headline project figures (app/stats/projects) for the period."""
        if unit_id not in self._headlines:
            f = StatsFilter(unit_id=unit_id)
            figures = await projects.headline(self.session, self.principal, f, self.period)
            self._headlines[unit_id] = {fig.key: fig for fig in figures}
        return self._headlines[unit_id]

    async def tally(self, name: str) -> dict[uuid.UUID, Tally]:
        if name not in self._tallies:
            compute = {
                "decisions": assessment.decisions_on_time,
                "tickets": assessment.tickets_on_time,
                "escalations": assessment.escalations,
                "activities": activities_reported,
            }[name]
            self._tallies[name] = await compute(self.session, self.principal, self.period)
        return self._tallies[name]


Compute = Callable[[Context, uuid.UUID], Awaitable[Value]]


def _project_figure(key: str, amount: bool) -> Compute:
    async def compute(ctx: Context, unit_id: uuid.UUID) -> Value:
        fig = (await ctx.headline(unit_id))[key]
        if amount:
            value = fig.amount or Decimal(0)
            display = _wan(fig.amount) + f"（{fig.count} 个项目）"
        else:
            value, display = Decimal(fig.count), f"{fig.count} 个"
        return Value(value, display, fig.definition, fig.list_query)

    return compute


async def _activities(ctx: Context, unit_id: uuid.UUID) -> Value:
    tally = (await ctx.tally("activities")).get(unit_id)
    if tally is None:
        return Value(None, NO_DATA, ACTIVITIES_REPORTED)
    return Value(
        Decimal(tally.total),
        f"{tally.total} 次（{tally.met} 份月报）",
        ACTIVITIES_REPORTED,
        codes=tally.missed,
    )


async def _decisions_on_time(ctx: Context, unit_id: uuid.UUID) -> Value:
    tally = (await ctx.tally("decisions")).get(unit_id)
    value = _percent(tally) or Value(None, "无到期议定事项", "")
    value.definition = assessment.DECISIONS_ON_TIME
    value.list_query = assessment.decisions_list(unit_id)
    return value


async def _tickets_on_time(ctx: Context, unit_id: uuid.UUID) -> Value:
    tally = (await ctx.tally("tickets")).get(unit_id)
    value = _percent(tally) or Value(None, "无反馈事项", "")
    value.definition = assessment.TICKETS_ON_TIME
    value.list_query = assessment.tickets_list(unit_id)
    return value


async def _escalations(ctx: Context, unit_id: uuid.UUID) -> Value:
    tally = (await ctx.tally("escalations")).get(unit_id) or Tally()
    return Value(
        Decimal(tally.total),
        f"{tally.total} 次",
        assessment.ESCALATIONS,
        assessment.tickets_list(unit_id),
        tally.missed,
    )


# key → (group, computation). A row of `assessment_indicators` whose key is not here is
# refused when saved; a key here without a row simply does not count.
COMPUTE: dict[str, tuple[AssessmentGroup, Compute]] = {
    "signed_amount": (AssessmentGroup.area, _project_figure("signed", amount=True)),
    "signed_major": (AssessmentGroup.area, _project_figure("signed_major", amount=False)),
    "landed": (AssessmentGroup.area, _project_figure("landed", amount=False)),
    "funds_arrived": (AssessmentGroup.area, _project_figure("funds_arrived", amount=True)),
    "activities_reported": (AssessmentGroup.area, _activities),
    "decisions_on_time": (AssessmentGroup.area, _decisions_on_time),
    "ticket_on_time": (AssessmentGroup.department, _tickets_on_time),
    "escalations": (AssessmentGroup.department, _escalations),
}


async def lagging(ctx: Context, group: AssessmentGroup, unit_id: uuid.UUID) -> list[str]:
    """Why a unit's duties lagged in the half, for the default 通报批评 list: decisions due
    and not carried out on time; tickets resolved late; escalations."""
    reasons: list[str] = []
    if group == AssessmentGroup.area:
        tally = (await ctx.tally("decisions")).get(unit_id)
        if tally and tally.missed:
            reasons.append(f"议定事项未按时落实 {len(tally.missed)} 项")
    else:
        tally = (await ctx.tally("tickets")).get(unit_id)
        if tally and tally.missed:
            reasons.append(f"服务事项超时限反馈 {len(tally.missed)} 件")
        escalated = (await ctx.tally("escalations")).get(unit_id)
        if escalated and escalated.total:
            reasons.append(f"被督办、通报 {escalated.total} 次")
    return reasons
