"""The value behind each catalog key (app/assessments/catalog.py), per unit, for a year: read
from the records through the statistics where a figure exists, with the codes of the records
it came from (projects, tickets, decisions, reports) and the list that shows them.

A value of None is "no data". Where the definition says so (nothing was due: no decision, no
ticket resolved, no report due), `full_marks` says the unit scores the item's whole weight."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.calendar import business_today
from app.core.principal import Principal
from app.models import (
    Project,
    ReportPeriod,
    ReviewCandidate,
    ReviewRound,
    Ticket,
    TicketEvent,
    UnitReport,
    UnitTarget,
)
from app.models.enums import ReportKind, Stage, TicketEventKind, TicketState
from app.stats import assessment, periods, projects
from app.stats import tickets as ticket_stats
from app.stats.assessment import Tally
from app.stats.schemas import Figure, ListQuery, Period, StatsFilter

PROJECTS = "/api/v1/projects"
LANDED = (Stage.started.value, Stage.operating.value)
SIGNED_OR_LANDED = (Stage.signed.value, *LANDED)


@dataclass
class Value:
    value: Decimal | None
    display: str
    target: Decimal | None = None
    full_marks: bool = False
    codes: list[str] = field(default_factory=list)
    list_query: ListQuery | None = None


def _wan(amount: Decimal | None) -> str:
    return f"{(amount or Decimal(0)):,.2f} 万元"


def _rate(tally: Tally | None, nothing: str, full_marks: bool) -> Value:
    if tally is None or tally.total == 0:
        return Value(None, nothing, full_marks=full_marks)
    rate = (Decimal(tally.met) / Decimal(tally.total)).quantize(Decimal("0.0001"))
    return Value(rate, f"{rate * 100:.1f}%（{tally.met}/{tally.total}）", codes=tally.missed)


class Year:
    """What one computation reads for a year, each source once for all units."""

    def __init__(self, session: AsyncSession, principal: Principal, year: int) -> None:
        self.session, self.principal, self.year = session, principal, year
        self.period: Period = periods.resolve(StatsFilter(year=year))
        self._cache: dict[str, object] = {}

    async def once(self, name: str, load: Callable[[], Awaitable[object]]) -> object:
        if name not in self._cache:
            self._cache[name] = await load()
        return self._cache[name]

    async def targets(self) -> dict[uuid.UUID, UnitTarget]:
        async def load() -> dict[uuid.UUID, UnitTarget]:
            rows = await self.session.execute(
                select(UnitTarget).where(col(UnitTarget.year) == self.year)
            )
            return {t.unit_id: t for t in rows.scalars()}

        return await self.once("targets", load)  # type: ignore[return-value]

    async def headline(self, unit_id: uuid.UUID) -> dict[str, Figure]:
        async def load() -> dict[str, Figure]:
            f = StatsFilter(year=self.year, unit_id=unit_id)
            figures = await projects.headline(self.session, self.principal, f, self.period)
            return {fig.key: fig for fig in figures}

        return await self.once(f"headline:{unit_id}", load)  # type: ignore[return-value]

    async def tally(self, name: str) -> dict[uuid.UUID, Tally]:
        loaders: dict[str, Callable[[], Awaitable[dict[uuid.UUID, Tally]]]] = {
            "decisions": lambda: assessment.decisions_on_time(
                self.session, self.principal, self.period
            ),
            "tickets": lambda: assessment.tickets_on_time(
                self.session, self.principal, self.period
            ),
            "supervised": lambda: assessment.escalations(
                self.session, self.principal, self.period, level=1
            ),
            "circulated": lambda: assessment.escalations(
                self.session, self.principal, self.period, level=2
            ),
            "landing": self._landing,
            "review_list": self._review_list,
            "reports": self._reports,
            "returns": self._returns,
        }
        return await self.once(name, loaders[name])  # type: ignore[return-value]

    async def avg_days(self) -> dict[uuid.UUID, Decimal]:
        async def load() -> dict[uuid.UUID, Decimal]:
            stats = await ticket_stats.departments(
                self.session, self.principal, StatsFilter(year=self.year), self.period
            )
            return {
                r.department_id: Decimal(str(r.avg_working_days))
                for r in stats.rows
                if r.avg_working_days is not None
            }

        return await self.once("avg_days", load)  # type: ignore[return-value]

    # ── Sources the statistics do not have ────────────────────────────────────────────────

    async def _landing(self) -> dict[uuid.UUID, Tally]:
        """Per unit: the projects signed in the year, those started or operating, and the
        codes of the rest."""
        stmt = select(col(Project.owner_unit_id), col(Project.code), col(Project.stage)).where(
            col(Project.signed_date) >= self.period.date_from,
            col(Project.signed_date) <= self.period.date_to,
        )
        return assessment.tally_rows(
            (unit, code, stage in LANDED)
            for unit, code, stage in (await self.session.execute(stmt)).all()
        )

    async def _review_list(self) -> dict[uuid.UUID, Tally]:
        """Per unit: its projects on the year's 三级联审 list, those signed, started or
        operating, and the codes of the rest."""
        stmt = (
            select(col(Project.owner_unit_id), col(Project.code), col(Project.stage))
            .select_from(ReviewCandidate)
            .join(ReviewRound, col(ReviewRound.id) == col(ReviewCandidate.round_id))
            .join(Project, col(Project.id) == col(ReviewCandidate.project_id))
            .where(col(ReviewRound.year) == self.year, col(ReviewCandidate.listed).is_(True))
        )
        return assessment.tally_rows(
            (unit, code, stage in SIGNED_OR_LANDED)
            for unit, code, stage in (await self.session.execute(stmt)).all()
        )

    async def _reports(self) -> dict[uuid.UUID, Tally]:
        """Per unit: its monthly reports of the year whose deadline has passed, those first
        submitted by the deadline (Beijing date), and the labels of the rest."""
        stmt = (
            select(
                col(UnitReport.unit_id),
                col(ReportPeriod.number),
                col(ReportPeriod.deadline),
                col(UnitReport.first_submitted_at),
            )
            .join(ReportPeriod, col(ReportPeriod.id) == col(UnitReport.period_id))
            .where(
                col(ReportPeriod.kind) == ReportKind.month.value,
                col(ReportPeriod.year) == self.year,
                col(ReportPeriod.deadline) < business_today(),
            )
            .order_by(col(ReportPeriod.number))
        )
        rows = (await self.session.execute(stmt)).all()
        return assessment.tally_rows(
            (unit, f"{self.year}年{month}月月报", _on_or_before(submitted, deadline))
            for unit, month, deadline, submitted in rows
        )

    async def _returns(self) -> dict[uuid.UUID, Tally]:
        """Per lead department: tickets returned for more work (反馈 → 办理中) in the year, the
        ticket's code once per return."""
        start, end = assessment.bounds(self.period)
        stmt = (
            select(col(Ticket.lead_department_id), col(Ticket.code))
            .select_from(TicketEvent)
            .join(Ticket, col(Ticket.id) == col(TicketEvent.ticket_id))
            .where(
                col(TicketEvent.kind) == TicketEventKind.transition.value,
                col(TicketEvent.from_state) == TicketState.resolved.value,
                col(TicketEvent.to_state) == TicketState.in_progress.value,
                and_(col(TicketEvent.occurred_at) >= start, col(TicketEvent.occurred_at) < end),
                col(Ticket.lead_department_id).is_not(None),
            )
        )
        rows = (await self.session.execute(stmt)).all()
        # Each return counts; none "meets" anything: the codes are the returned tickets.
        return assessment.tally_rows((unit, code, False) for unit, code in rows if unit is not None)


def _on_or_before(moment: datetime | None, deadline: date) -> bool:
    day = assessment.local_day(moment)
    return day is not None and day <= deadline


# ── Each key's value ─────────────────────────────────────────────────────────────────────

Compute = Callable[[Year, uuid.UUID], Awaitable[Value]]


def _against_target(figure_key: str, target_field: str, amount: bool) -> Compute:
    async def compute(y: Year, unit_id: uuid.UUID) -> Value:
        fig = (await y.headline(unit_id))[figure_key]
        target_row = (await y.targets()).get(unit_id)
        target = Decimal(getattr(target_row, target_field)) if target_row else None
        measured = (fig.amount or Decimal(0)) if amount else Decimal(fig.count)
        shown = _wan(measured) if amount else f"{measured} 个"
        aim = (_wan(target) if amount else f"{target} 个") if target is not None else "未设定目标"
        return Value(measured, f"{shown} / 目标 {aim}", target=target, list_query=fig.list_query)

    return compute


def _tallied(
    name: str,
    nothing: str,
    unit_list: Callable[[uuid.UUID], ListQuery] | None,
    *,
    full_marks: bool,
) -> Compute:
    """A rate from a tally. With nothing to count, `full_marks` where nothing was due (no
    decision, ticket or report: no duty missed), else no data (nothing signed: nothing done)."""

    async def compute(y: Year, unit_id: uuid.UUID) -> Value:
        value = _rate((await y.tally(name)).get(unit_id), nothing, full_marks)
        # Nothing counted: nothing to list.
        if unit_list and value.value is not None:
            value.list_query = unit_list(unit_id)
        return value

    return compute


def _counted(name: str) -> Compute:
    async def compute(y: Year, unit_id: uuid.UUID) -> Value:
        tally = (await y.tally(name)).get(unit_id) or Tally()
        return Value(
            Decimal(tally.total),
            f"{tally.total} 次",
            codes=tally.missed,
            list_query=assessment.tickets_list(unit_id),
        )

    return compute


async def _avg_days(y: Year, unit_id: uuid.UUID) -> Value:
    days = (await y.avg_days()).get(unit_id)
    if days is None:
        return Value(None, "无反馈事项", full_marks=True)
    return Value(days, f"{days} 个工作日", list_query=assessment.tickets_list(unit_id))


def _projects_of(unit_id: uuid.UUID) -> ListQuery:
    return ListQuery(path=PROJECTS, query={"owner_unit_id": str(unit_id)})


COMPUTE: dict[str, Compute] = {
    "signed_amount": _against_target("signed", "signed_amount", amount=True),
    "signed_major": _against_target("signed_major", "major_projects", amount=False),
    "funds_arrived": _against_target("funds_arrived", "funds_arrived", amount=True),
    "review_list_progress": _tallied(
        "review_list", "清单中无本单位项目", _projects_of, full_marks=False
    ),
    "landing_rate": _tallied("landing", "本年度无签约项目", _projects_of, full_marks=False),
    "decisions_on_time": _tallied(
        "decisions", "无到期议定事项", assessment.decisions_list, full_marks=True
    ),
    "reports_on_time": _tallied("reports", "无到期月报", None, full_marks=True),
    "ticket_on_time": _tallied("tickets", "无反馈事项", assessment.tickets_list, full_marks=True),
    "avg_working_days": _avg_days,
    "returns": _counted("returns"),
    "supervised": _counted("supervised"),
    "circulated": _counted("circulated"),
}
