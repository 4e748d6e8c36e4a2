"""Demo meetings, decisions and this year's 三级联审, recorded through the same services the
API uses: a published third-quarter joint meeting whose open decisions the fourth-quarter one
carries, a land consultation whose decision became a ticket, a 联审会 part-way through its
verdicts and the executive meeting that will decide the list."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.calendar import business_today
from app.core.concurrency import Precondition
from app.core.config import Settings
from app.core.principal import Principal
from app.core.time import SHANGHAI
from app.meetings import decision_tickets, decisions, service
from app.meetings.schemas import (
    DecisionCreate,
    DecisionTicketsCreate,
    DecisionTransition,
    MeetingCreate,
    MeetingTransition,
    MeetingUpdate,
    ProgressCreate,
)
from app.models import Meeting, Project, Unit, User
from app.models.enums import DecisionState, MeetingKind, MeetingState, ReviewVerdict, Urgency
from app.reviews import service as reviews
from app.reviews.schemas import CandidateCreate, ReviewRoundCreate, VerdictCreate

# One paragraph per line, as the minutes are printed.
MINUTES = (
    "{day:%Y年%-m月%-d日}，市委常委、常务副市长王建国主持召开{title}，听取各县市区、园区"
    "重大项目推进情况汇报，研究解决项目落地中的用地、入库和用工问题。会议议定：\n"
    """一、市自然资源和规划局牵头，尽快完成塔奥（地通）智能装备产业园二期用地农转用报批；
二、市发展和改革委员会牵头，推动湘江风电叶片及整机配套项目纳入省重点建设项目库；
三、湘潭经开区负责，协调蓝思科技湘潭新材料项目三期扩产用工和配套宿舍；
四、岳塘经开区牵头、市自然资源和规划局配合，年内落实精品钢材深加工产业园用地指标。"""
)


def _joint_title(day: date) -> str:
    quarter = "一二三四"[(day.month - 1) // 3]
    return f"{day.year}年第{quarter}季度招商引资联席调度会"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), SHANGHAI)


async def seed_meetings(session: AsyncSession, settings: Settings) -> int:
    """Adds the demo meetings once (skipped when any meeting exists)."""
    if (await session.execute(select(col(Meeting.id)).limit(1))).first():
        return 0
    units = {u.code: u.id for u in (await session.execute(select(Unit))).scalars()}
    users = {u.username: u for u in (await session.execute(select(User))).scalars()}
    projects = {p.name: p.id for p in (await session.execute(select(Project))).scalars()}
    coordinator = Principal.of_user(users["coordinator"])
    fgw, leader = Principal.of_user(users["fgw"]), Principal.of_user(users["leader"])
    today = business_today()

    async def meeting(
        title: str,
        kind: MeetingKind,
        day: date,
        chair: str,
        attending: list[str],
        agenda: str,
    ) -> Meeting:
        return await service.create(
            session,
            coordinator,
            MeetingCreate(
                title=title,
                kind=kind,
                starts_at=_at(day, 9),
                place="市政府三楼常务会议室",
                chair_id=users[chair].id,
                unit_ids=[units[u] for u in attending],
                agenda=agenda,
            ),
        )

    async def advance(m: Meeting, to: MeetingState, minutes: str | None = None) -> None:
        if minutes:
            await service.update(
                session,
                coordinator,
                m.id,
                MeetingUpdate(minutes_draft=minutes),
                Precondition(m.version),
            )
        await service.transition(
            session,
            coordinator,
            m.id,
            MeetingTransition(expected_state=MeetingState(m.state), to_state=to),
        )

    async def decide(m: Meeting, text: str, unit: str, due: date, project: str, *co: str):
        return await decisions.create(
            session,
            coordinator,
            m.id,
            DecisionCreate(
                text=text,
                responsible_unit_id=units[unit],
                co_unit_ids=[units[c] for c in co],
                project_ids=[projects[project]],
                due_date=due,
            ),
        )

    last_quarter = today - timedelta(days=65)
    q3 = await meeting(
        _joint_title(last_quarter),
        MeetingKind.joint,
        last_quarter,
        "leader",
        ["swj", "yuhu", "yuetang", "xtgx", "xtjk", "fgw", "zrzy"],
        "一、各县市区、园区汇报重大项目推进情况\n二、研究塔奥二期用地和风电项目入库问题\n"
        "三、部署第四季度招商引资工作",
    )
    land = await decide(
        q3,
        "市自然资源和规划局牵头，一个月内完成塔奥（地通）智能装备产业园二期用地农转用报批。",
        "zrzy",
        last_quarter + timedelta(days=37),
        "塔奥（地通）智能装备产业园",
        "xtjk",
    )
    listing = await decide(
        q3,
        "市发展和改革委员会牵头，推动湘江风电叶片及整机配套项目纳入省重点建设项目库。",
        "fgw",
        last_quarter + timedelta(days=21),
        "湘江风电叶片及整机配套项目",
    )
    await decide(
        q3,
        "湘潭经开区负责，协调蓝思科技湘潭新材料项目三期扩产用工和配套宿舍。",
        "xtjk",
        today + timedelta(days=22),
        "蓝思科技湘潭新材料项目",
        "rsj",
    )
    await decide(
        q3,
        "岳塘经开区牵头、市自然资源和规划局配合，年内落实精品钢材深加工产业园用地指标。",
        "yuetang-jk",
        today + timedelta(days=30),
        "精品钢材深加工产业园",
        "zrzy",
    )
    await advance(q3, MeetingState.held)
    await advance(q3, MeetingState.published, MINUTES.format(day=last_quarter, title=q3.title))
    await decisions.report(
        session,
        Principal.of_user(users["zrzy"]),
        land.id,
        ProgressCreate(note="农转用报批材料已上报省厅，正在补正耕地占补平衡材料。"),
    )
    await decisions.transition(
        session,
        fgw,
        listing.id,
        DecisionTransition(
            expected_state=DecisionState.open,
            to_state=DecisionState.done,
            note="已列入省重点建设项目库",
        ),
    )

    consultation = await meeting(
        "塔奥（地通）二期用地规划部门会商",
        MeetingKind.consultation,
        today - timedelta(days=14),
        "leader2",
        ["swj", "zrzy", "xtjk"],
        "研究塔奥（地通）智能装备产业园二期规划条件和用地指标",
    )
    planning = await decide(
        consultation,
        "市自然资源和规划局在15个工作日内出具二期地块规划条件。",
        "zrzy",
        today + timedelta(days=10),
        "塔奥（地通）智能装备产业园",
    )
    await advance(consultation, MeetingState.held)
    await decision_tickets.to_tickets(
        session,
        settings,
        coordinator,
        planning.id,
        DecisionTicketsCreate(category="planning", urgency=Urgency.urgent),
    )

    # Carries the third quarter's open decisions on its agenda.
    await meeting(
        _joint_title(today + timedelta(days=7)),
        MeetingKind.joint,
        today + timedelta(days=7),
        "leader",
        ["swj", "yuhu", "yuetang", "xtgx", "xtjk", "fgw", "zrzy"],
        "一、跟踪第三季度议定事项落实情况\n二、各县市区、园区汇报全年目标完成情况",
    )

    review_meeting = await meeting(
        f"{today.year}年度重大项目联审会",
        MeetingKind.review,
        today - timedelta(days=7),
        "leader",
        ["swj", "fgw", "zrzy", "sthj"],
        f"审议{today.year}年度重大项目候选名单",
    )
    await advance(review_meeting, MeetingState.held)
    await meeting(
        "市政府第45次常务会议",
        MeetingKind.executive,
        today + timedelta(days=3),
        "leader",
        ["zfb", "swj", "fgw"],
        f"审定{today.year}年度重大项目清单",
    )
    round_ = await reviews.create_round(session, coordinator, ReviewRoundCreate(year=today.year))
    nominations = [
        (fgw, "半导体封测项目", "填补我市集成电路封测环节空白，计划总投资15亿元。"),
        (coordinator, "塔奥（地通）智能装备产业园", "龙头企业带动装备制造产业链，已签约落地。"),
        (fgw, "湘江风电叶片及整机配套项目", "新能源装备整机配套，年产值可达30亿元。"),
    ]
    verdicts = [
        (ReviewVerdict.approved, None),
        (ReviewVerdict.conditional, "须在年底前落实二期用地指标"),
    ]
    for i, (who, name, reason) in enumerate(nominations):
        candidate = await reviews.nominate(
            session,
            settings,
            who,
            round_.id,
            CandidateCreate(project_id=projects[name], reason=reason),
        )
        if i < len(verdicts):
            verdict, opinion = verdicts[i]
            await reviews.review(
                session,
                leader,
                round_.id,
                candidate.id,
                VerdictCreate(meeting_id=review_meeting.id, verdict=verdict, opinion=opinion),
            )
    return 6
