"""The first and second quarters' joint meetings of the history year, with their decisions
(议定事项) on the history's projects carried out — most on time, two late — so the units'
record of carrying out decisions has a half year behind it.

Recorded through the meeting and decision services as the demo meetings are, then dated back.
"""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.concurrency import Precondition
from app.core.principal import Principal
from app.core.time import SHANGHAI
from app.meetings import decisions, service
from app.meetings.schemas import (
    DecisionCreate,
    DecisionTransition,
    MeetingCreate,
    MeetingTransition,
    MeetingUpdate,
)
from app.models import (
    Decision,
    DecisionUpdate,
    Meeting,
    Notification,
    Project,
    Unit,
    User,
)
from app.models.enums import DecisionState, MeetingKind, MeetingState

# (responsible unit, what it is to do, days allowed, days it took) per decision.
QUARTERS = [
    (
        date(2026, 3, 27),
        "第一季度",
        [
            ("zrzy", "市自然资源和规划局牵头，加快{name}用地报批", 30, 24),
            ("fgw", "市发展和改革委员会牵头，推动{name}纳入省重点建设项目库", 45, 58),
            ("sthj", "市生态环境局牵头，指导{name}加快环评审批", 30, 21),
        ],
    ),
    (
        date(2026, 6, 26),
        "第二季度",
        [
            ("rsj", "市人力资源和社会保障局牵头，保障{name}投产用工", 30, 19),
            ("zrzy", "市自然资源和规划局牵头，出具{name}二期地块规划条件", 20, 33),
            ("xtgx", "湘潭高新区负责，做好{name}水电气等要素保障", 30, 26),
        ],
    ),
]
ATTENDING = ["swj", "yuhu", "yuetang", "xtgx", "xtjk", "fgw", "zrzy", "sthj", "rsj"]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), SHANGHAI)


async def seed_decision_history(session: AsyncSession, projects: list[Project]) -> int:
    """Two published joint meetings with three decisions each, all carried out since."""
    units = {u.code: u.id for u in (await session.execute(select(Unit))).scalars()}
    users = {u.username: u for u in (await session.execute(select(User))).scalars()}
    coordinator = Principal.of_user(users["coordinator"])
    by_unit = {
        code: Principal.of_user(u)
        for u in users.values()
        for code, unit_id in units.items()
        if u.unit_id == unit_id and code in {"zrzy", "fgw", "sthj", "rsj", "xtgx"}
    }
    count = 0
    for held, quarter, items in QUARTERS:
        # Projects signed in the quarter before the meeting, the largest first.
        subjects = sorted(
            (p for p in projects if p.signed_date and p.signed_date < held),
            key=lambda p: (p.signed_date, p.code),
            reverse=True,
        )[: len(items)]
        title = f"{held.year}年{quarter}招商引资联席调度会"
        meeting = await service.create(
            session,
            coordinator,
            MeetingCreate(
                title=title,
                kind=MeetingKind.joint,
                starts_at=_at(held, 9),
                place="市政府三楼常务会议室",
                chair_id=users["leader"].id,
                unit_ids=[units[u] for u in ATTENDING],
                agenda=f"一、各县市区、园区汇报{quarter}重大项目推进情况\n二、研究项目落地要素保障问题",
            ),
        )
        rows: list[tuple[Decision, date]] = []
        for (unit, text, allowed, took), project in zip(items, subjects, strict=True):
            decision = await decisions.create(
                session,
                coordinator,
                meeting.id,
                DecisionCreate(
                    text=text.format(name=project.name) + "。",
                    responsible_unit_id=units[unit],
                    project_ids=[project.id],
                    due_date=held + timedelta(days=allowed),
                ),
            )
            row = await session.get(Decision, decision.id)
            assert row is not None
            rows.append((row, held + timedelta(days=took)))
        minutes = f"{held:%Y年%-m月%-d日}，召开{title}，研究重大项目推进中的要素保障问题。"
        await service.update(
            session,
            coordinator,
            meeting.id,
            MeetingUpdate(minutes_draft=minutes),
            Precondition(meeting.version),
        )
        for to in (MeetingState.held, MeetingState.published):
            await service.transition(
                session,
                coordinator,
                meeting.id,
                MeetingTransition(expected_state=MeetingState(meeting.state), to_state=to),
            )
        for row, _ in rows:
            unit_code = next(c for c, i in units.items() if i == row.responsible_unit_id)
            await decisions.transition(
                session,
                by_unit[unit_code],
                row.id,
                DecisionTransition(
                    expected_state=DecisionState.open,
                    to_state=DecisionState.done,
                    note="已按会议要求落实到位",
                ),
            )
        await session.flush()
        await _backdate(session, meeting, held, rows)
        count += len(rows)
    return count


async def _backdate(
    session: AsyncSession, meeting: Meeting, held: date, rows: list[tuple[Decision, date]]
) -> None:
    meeting.created_at = _at(held - timedelta(days=7), 10)
    meeting.updated_at = _at(held + timedelta(days=3), 10)
    # Published minutes are frozen by the database: their version keeps today's date.
    for row, done in rows:
        row.created_at = _at(held, 11)
        row.done_at = row.updated_at = _at(done, 16)
        updates = await session.execute(
            select(DecisionUpdate).where(col(DecisionUpdate.decision_id) == row.id)
        )
        for line in updates.scalars():
            line.occurred_at = row.done_at
    # The notices were read at the time: history, not news.
    links = [f"/meetings/{meeting.id}", *(f"/decisions/{row.id}" for row, _ in rows)]
    await session.execute(
        update(Notification)
        .where(col(Notification.link).in_(links))
        .values(created_at=meeting.created_at, read_at=meeting.updated_at)
    )
