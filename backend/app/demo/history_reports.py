"""The units' 月报 for August, September and October 2026 and the 第三季度 季报, and the 2026
上半年 半年度通报, on top of the year of history.

Every step goes through the services on the day it would have happened (`clock_at`): the
period opens on the first working day after it ends, as the job opens it; each district and
park fills in its narrative and submits before the deadline; the coordinator accepts. In
September 雨湖区's report is returned with a reason and submitted again; in October 韶山市's
is submitted two working days after the deadline, so the service marks it late.

November's period is left alone: it ends today (30 November) and the job opens it on the
first working day of December, so a district officer opening the demo finds August–October
accepted and no draft yet — what they would really see today.

The notices these steps sent are marked read on their day: history, not news.
"""

import random
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.bulletins import service as bulletins
from app.bulletins.schemas import BulletinCreate, BulletinTransition, BulletinUpdate
from app.core.calendar import WorkCalendar
from app.core.concurrency import Precondition
from app.core.config import Settings
from app.core.principal import Principal
from app.core.security import hash_password
from app.core.time import SHANGHAI, clock_at
from app.demo.units_users import DEMO_PASSWORD
from app.holidays import service as holidays
from app.models import Notification, Unit, UnitReport, User
from app.models.enums import BulletinState, ReportKind, ReportState, Role
from app.reports import periods
from app.reports import service as reports
from app.reports.schemas import ReportTransition, ReportUpdate

YEAR = 2026
MONTHS = (8, 9, 10)
QUARTER = 3
RETURNED = (9, "yuhu")  # (month, unit code): returned once, then submitted again
LATE = (10, "shaoshan")  # submitted two working days after the deadline
SEED = 20261031

# The officers of the districts and parks without a demo login of their own (password as the
# other demo users).
OFFICERS = {
    "xtjk": "周建华",
    "tianyi": "陈晓燕",
    "xiangtan-county": "刘志强",
    "zhaoshan": "彭丽君",
    "yuetang-jk": "谭伟",
    "xiangxiang": "易海涛",
    "xiangxiang-jk": "黄敏",
    "yuhu-gx": "唐雪梅",
    "shaoshan": "胡国栋",
    "shaoshan-gx": "罗静",
}

MEASURES = [
    "出台《{unit}招商引资项目全流程服务十条措施》，对签约项目实行“一项目一专班”。",
    "落实产业链链长制，围绕{chain}产业链梳理目标企业清单 {n} 家，逐一明确对接责任人。",
    "开展“拎包入驻”标准厂房招商，新增可租售标准厂房 {n} 万平方米。",
    "建立重大项目“周调度、月通报”机制，对签约未开工项目逐一销号管理。",
    "优化项目准入评审，容缺受理环评、能评材料，平均审批时限压缩至 {n} 个工作日。",
]
MEETINGS = [
    "召开{unit}招商引资工作调度会，研究解决项目用地、用电问题 {n} 个。",
    "召开{chain}产业链项目推进会，{n} 家在谈企业参会。",
    "参加全市重大项目三级联审会，上报项目 {n} 个。",
    "召开重点项目保姆式服务专班会议，协调解决企业诉求 {n} 项。",
]
ACTIVITIES = [
    "赴长三角开展{chain}产业链小分队招商，走访企业 {n} 家。",
    "参加第二十一届中国（湖南）国际矿物宝石博览会，洽谈项目 {n} 个。",
    "在深圳举办{unit}产业推介会，签约项目 {n} 个。",
    "接待来湘考察客商 {n} 批次，陪同实地踏勘项目选址。",
    "组织“湘商回归”座谈，邀请湘籍企业家 {n} 人回乡考察。",
]
PROGRESS = [
    "重点项目按计划推进：{n} 个项目完成供地，{m} 个项目开工建设。",
    "签约项目履约率稳步提升，本月新增开工 {m} 个、竣工投产 {n} 个。",
    "保姆式服务项目进展顺利，{n} 个项目主体结构封顶，{m} 个项目设备进场调试。",
]
PROBLEMS = [
    "部分项目用地报批周期较长，{n} 个项目因用地指标不足未能按期开工。",
    "标准厂房供给不足，中小企业项目落地承载能力有待提升。",
    "专业招商人才缺乏，产业链精准招商能力仍需加强。",
    "个别签约项目资金到位滞后，履约进度低于预期。",
]
PLANS = [
    "紧盯在谈项目 {n} 个，力争下月新签约重大项目 {m} 个。",
    "继续开展产业链精准招商，组织小分队外出招商 {m} 次。",
    "加快推进已签约项目开工，协调解决用地、用电等问题。",
    "筹备参加中国国际投资贸易洽谈会，提前对接目标企业。",
]
CHAINS = ["先进装备制造", "新材料", "电子信息", "新能源", "汽车零部件", "食品加工"]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), SHANGHAI)


def _pick(rng: random.Random, lines: list[str], unit: Unit, count: int) -> str:
    chosen = rng.sample(lines, count)
    return "\n".join(
        f"{i}. "
        + line.format(
            unit=unit.name, chain=rng.choice(CHAINS), n=rng.randint(2, 12), m=rng.randint(1, 5)
        )
        for i, line in enumerate(chosen, 1)
    )


def _narrative(rng: random.Random, unit: Unit) -> ReportUpdate:
    return ReportUpdate(
        measures=_pick(rng, MEASURES, unit, 2),
        meetings=_pick(rng, MEETINGS, unit, rng.randint(1, 3)),
        activities=_pick(rng, ACTIVITIES, unit, rng.randint(1, 3)),
        project_progress=_pick(rng, PROGRESS, unit, 1),
        problems=_pick(rng, PROBLEMS, unit, rng.randint(1, 2)),
        next_plan=_pick(rng, PLANS, unit, 2),
    )


async def _officers(session: AsyncSession, units: dict[str, Unit]) -> dict[uuid.UUID, Principal]:
    users = list((await session.execute(select(User))).scalars())
    have = {u.unit_id for u in users if u.role == Role.unit_officer}
    taken = {u.username for u in users}
    password = await hash_password(DEMO_PASSWORD)
    for code, name in OFFICERS.items():
        unit = units.get(code)
        if unit is None or unit.id in have or code in taken:
            continue
        user = User(
            username=code,
            full_name=name,
            role=Role.unit_officer,
            unit_id=unit.id,
            password_hash=password,
        )
        session.add(user)
        users.append(user)
    await session.flush()
    return {u.unit_id: Principal.of_user(u) for u in users if u.role == Role.unit_officer}


async def _period(
    session: AsyncSession,
    settings: Settings,
    work: WorkCalendar,
    rng: random.Random,
    kind: ReportKind,
    number: int,
    units: dict[uuid.UUID, Unit],
    officers: dict[uuid.UUID, Principal],
    coordinator: Principal,
) -> None:
    _, last = periods.dates(kind, YEAR, number)
    with clock_at(_at(work.add_working_days(last, 1), 9)):
        opened = await periods.open_period(session, settings, kind, YEAR, number)
    period = opened.period
    rows = (
        await session.execute(select(UnitReport).where(col(UnitReport.period_id) == period.id))
    ).scalars()
    for report in list(rows):
        unit = units[report.unit_id]
        officer = officers[report.unit_id]
        late = kind == ReportKind.month and (number, unit.code) == LATE
        returned = kind == ReportKind.month and (number, unit.code) == RETURNED
        submit_day = (
            work.add_working_days(period.deadline, 2)
            if late
            else min(period.deadline, work.add_working_days(last, rng.randint(2, 5)))
        )
        with clock_at(_at(submit_day, rng.randint(9, 16))):
            await reports.update(
                session, officer, report.id, _narrative(rng, unit), Precondition(report.version)
            )
            await reports.transition(
                session,
                officer,
                report.id,
                ReportTransition(expected_state=ReportState.draft, to_state=ReportState.submitted),
            )
        review_day = work.add_working_days(submit_day, 1)
        if returned:
            with clock_at(_at(review_day, 10)):
                await reports.transition(
                    session,
                    coordinator,
                    report.id,
                    ReportTransition(
                        expected_state=ReportState.submitted,
                        to_state=ReportState.returned,
                        reason="重点项目进展未写明项目名称和形象进度，请补充后重新报送。",
                    ),
                )
            with clock_at(_at(review_day, 16)):
                await reports.update(
                    session,
                    officer,
                    report.id,
                    ReportUpdate(
                        project_progress="1. 湘潭智能装备制造基地项目：主体厂房完成封顶，"
                        "形象进度 65%。\n2. 锂电正极材料项目：完成设备招标，"
                        "计划 11 月进场安装。"
                    ),
                    Precondition(report.version),
                )
                await reports.transition(
                    session,
                    officer,
                    report.id,
                    ReportTransition(
                        expected_state=ReportState.returned, to_state=ReportState.submitted
                    ),
                )
            review_day = work.add_working_days(review_day, 1)
        with clock_at(_at(review_day, 15)):
            await reports.transition(
                session,
                coordinator,
                report.id,
                ReportTransition(
                    expected_state=ReportState.submitted, to_state=ReportState.accepted
                ),
            )


async def _bulletin(session: AsyncSession, coordinator: Principal) -> None:
    """The 2026 上半年 通报: built on 10 July, published on 15 July."""
    with clock_at(_at(date(YEAR, 7, 10), 10)):
        bulletin = await bulletins.create(session, coordinator, BulletinCreate(year=YEAR, half=1))
        await bulletins.update(
            session,
            coordinator,
            bulletin.id,
            BulletinUpdate(
                analysis="上半年，全市招商引资工作坚持“产业链招商、精准招商”，重大项目签约"
                "数量和金额同比均有增长。但各单位工作进度不平衡，部分单位签约项目落地"
                "转化偏慢，部分部门服务诉求办理不够及时。下半年，各单位要对标对表、"
                "补齐短板，确保完成全年目标任务。"
            ),
            Precondition(bulletin.version),
        )
    with clock_at(_at(date(YEAR, 7, 15), 10)):
        await bulletins.transition(
            session,
            coordinator,
            bulletin.id,
            BulletinTransition(
                expected_state=BulletinState.draft, to_state=BulletinState.published
            ),
        )
        # The notices went out with it and were read that week.
        await session.execute(
            update(Notification)
            .where(col(Notification.link) == f"/bulletins/{bulletin.id}")
            .values(
                created_at=_at(date(YEAR, 7, 15), 10),
                read_at=_at(date(YEAR, 7, 15), 14),
            )
        )


async def seed_report_history(
    session: AsyncSession, settings: Settings, people: dict[str, Principal]
) -> int:
    """Once: skipped when August 2026's period exists. Returns the reports recorded."""
    if await periods.find(session, ReportKind.month, YEAR, MONTHS[0]) is not None:
        return 0
    rng = random.Random(SEED)
    work = await holidays.load_calendar(session)
    by_code = {u.code: u for u in (await session.execute(select(Unit))).scalars()}
    officers = await _officers(session, by_code)
    units = {u.id: u for u in by_code.values()}
    coordinator = people["coordinator"]
    plan = [(ReportKind.month, m) for m in MONTHS] + [(ReportKind.quarter, QUARTER)]
    for kind, number in sorted(plan, key=lambda p: periods.dates(p[0], YEAR, p[1])[1]):
        await _period(session, settings, work, rng, kind, number, units, officers, coordinator)
    # The notices about them were read the day they came.
    unread = await session.execute(
        select(Notification).where(
            col(Notification.link).like("/reports/%"), col(Notification.read_at).is_(None)
        )
    )
    for notice in unread.scalars():
        notice.read_at = notice.created_at + timedelta(hours=2)
    await _bulletin(session, coordinator)
    await session.flush()
    return len(units)
