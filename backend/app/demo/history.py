"""A year of history on top of the demo: the signings, landings and pipeline of 2025 and 2026 at
the scale the bureau itself reported (Jan–Sep 2026: 97 newly signed major projects worth
565 亿元, 55 of them signed at ≥ 1 亿元; 13 key projects under 保姆式服务), and the service
tickets those projects raised over the year, resolved on time or late, a few under 督办 or 通报.

Everything goes through the services, as the people would have done it, then the dates are set
back (as app/demo/projects.py and app/demo/tickets.py do). A fixed random seed keeps it the same
on every run. The 2026 figures are reached exactly whatever the hand-written demo projects
(whose dates count back from today) already contribute to January–September.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assignments import service as assignments
from app.assignments.schemas import TeamMemberCreate
from app.core.calendar import business_today
from app.core.concurrency import Precondition
from app.core.config import Settings
from app.core.principal import Principal
from app.core.time import SHANGHAI
from app.demo.history_decisions import seed_decision_history
from app.demo.history_reports import seed_report_history
from app.demo.history_tickets import seed_ticket_history
from app.demo.projects import (
    DEMO_PROJECTS,
    EVALUATION,
    EXIT_REASONS,
    _backdate,
    _Dates,
    _path_to,
    demo_credit_code,
)
from app.models import Notification, Project, ServiceTeamMember, Unit, User
from app.models.enums import AgreementType, FollowUpKind, Role, Stage
from app.models.project import MAJOR_THRESHOLD
from app.projects import records, workflow
from app.projects import service as projects
from app.projects.schemas import (
    Contact,
    FollowUpCreate,
    ProjectCreate,
    ProjectUpdate,
    TransitionCreate,
)

YEAR = 2026
# What the bureau published for January–September (万元).
PUBLISHED_FROM, PUBLISHED_TO = date(YEAR, 1, 1), date(YEAR, 9, 30)
PUBLISHED_COUNT, PUBLISHED_AMOUNT, PUBLISHED_OVER_100M = 97, Decimal("5650000"), 55
PUBLISHED_KEY = 13
SEED = 20260930

# Districts and parks, weighted by how much investment each attracts.
UNIT_WEIGHTS = {
    "xtjk": 14,
    "xtgx": 14,
    "tianyi": 10,
    "xiangtan-county": 7,
    "zhaoshan": 6,
    "yuhu": 6,
    "yuetang": 6,
    "yuetang-jk": 6,
    "xiangxiang": 6,
    "xiangxiang-jk": 6,
    "yuhu-gx": 5,
    "shaoshan": 4,
    "shaoshan-gx": 4,
}
SOURCE_WEIGHTS = {
    "door-knocking": 25,
    "business-referral": 20,
    "xiangshang": 15,
    "park": 15,
    "exhibition": 13,
    "fund": 12,
}
# Per industry chain: weight, what the projects build, what the investor companies are called.
CHAINS: dict[str, tuple[int, list[str], list[str]]] = {
    "equipment": (
        18,
        [
            "智能装备制造基地",
            "高端数控机床项目",
            "工程机械关键零部件项目",
            "智能电网装备产业园",
            "轨道交通装备配套项目",
            "矿山智能装备项目",
            "精密液压件项目",
            "工业机器人集成项目",
            "风电齿轮箱制造项目",
            "特种电机生产基地",
        ],
        ["智能装备有限公司", "重工机械有限公司", "精密制造有限公司"],
    ),
    "new-materials": (
        16,
        [
            "高性能钢材深加工项目",
            "先进陶瓷材料项目",
            "锂电正极材料项目",
            "特种合金材料产业园",
            "高分子新材料项目",
            "碳基新材料项目",
            "电子级化学品项目",
            "新型建材产业园",
            "金属粉末冶金项目",
        ],
        ["新材料有限公司", "材料科技有限公司", "新材料股份有限公司"],
    ),
    "electronics": (
        12,
        [
            "电子元器件产业园",
            "智能终端制造项目",
            "光电显示模组项目",
            "集成电路封装测试项目",
            "数据中心项目",
            "印制电路板项目",
            "传感器研发生产基地",
            "算力中心项目",
        ],
        ["电子科技有限公司", "信息技术有限公司", "微电子有限公司"],
    ),
    "new-energy": (
        12,
        [
            "储能电站项目",
            "光伏组件生产基地",
            "氢能装备产业园",
            "动力电池回收利用项目",
            "分布式光伏项目",
            "风电场建设项目",
            "储能系统集成项目",
        ],
        ["新能源有限公司", "能源科技有限公司", "储能科技有限公司"],
    ),
    "auto-parts": (
        10,
        [
            "汽车零部件产业园",
            "新能源汽车电控项目",
            "汽车轻量化部件项目",
            "商用车总成项目",
            "汽车线束生产基地",
            "车载电子项目",
        ],
        ["汽车部件有限公司", "汽车科技有限公司", "动力科技有限公司"],
    ),
    "biomedicine": (
        8,
        [
            "生物医药产业园",
            "中药饮片生产基地",
            "医疗器械生产项目",
            "原料药项目",
            "体外诊断试剂项目",
            "康养产业园",
        ],
        ["生物科技有限公司", "药业有限公司", "医疗科技有限公司"],
    ),
    "food": (
        8,
        [
            "湘莲精深加工项目",
            "槟榔产业园",
            "预制菜生产基地",
            "冷链物流及食品加工项目",
            "粮油加工项目",
            "休闲食品产业园",
        ],
        ["食品有限公司", "农业发展有限公司", "食品科技有限公司"],
    ),
    "culture-tourism": (
        6,
        [
            "红色研学基地",
            "文旅综合体",
            "生态旅游度假区",
            "古镇文化街区项目",
            "乡村文旅项目",
        ],
        ["文化旅游发展有限公司", "文旅投资有限公司"],
    ),
    "modern-services": (
        10,
        [
            "现代物流园",
            "供应链总部项目",
            "商贸综合体",
            "电商产业园",
            "服务外包基地",
            "科技企业孵化园",
        ],
        ["供应链管理有限公司", "商业管理有限公司", "实业发展有限公司"],
    ),
}
BRANDS = [
    "湘达",
    "楚天",
    "莲城",
    "韶峰",
    "潭州",
    "九华",
    "鹤岭",
    "盘龙",
    "金霞",
    "宏骏",
    "瑞湘",
    "博睿",
    "恒昇",
    "泰格",
    "中弘",
    "鼎力",
    "科瑞",
    "星沙",
    "楚韵",
    "湘禾",
    "昭远",
    "云湖",
    "易俗",
    "锦程",
    "九峰",
    "华睿",
    "天擎",
    "金石",
    "昭泰",
    "众诚",
    "凯盛",
    "新宇",
    "润泽",
    "方圆",
    "伟创",
    "兴湘",
    "远航",
    "鹤翔",
    "弘毅",
    "卓越",
    "德润",
    "君信",
    "蓝湾",
    "和顺",
    "百川",
    "嘉禾",
    "宏图",
    "安泰",
    "佳园",
    "丰源",
    "光辉",
    "银河",
    "永盛",
    "华湘",
    "中楚",
    "韶韵",
    "莲湖",
    "岳华",
    "祥和",
    "同创",
    "精诚",
    "腾达",
    "海纳",
    "立恒",
    "湘瑞",
    "绿源",
    "潭兴",
    "恒信",
    "智航",
]
REGIONS = ["湖南", "湖南", "湘潭", "深圳", "广东", "上海", "浙江", "江苏", "北京", "福建"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗"
# Signings per month of the year (Spring Festival is thin, quarter ends are full).
MONTH_WEIGHTS = [5, 6, 12, 10, 11, 14, 9, 11, 15, 11, 10, 12]


@dataclass
class Plan:
    """One history project: what it is, and when it reached each stage."""

    name: str
    investor: str
    unit: str
    industry: str
    source: str
    planned: Decimal
    stage: Stage
    created: date
    signed: date | None = None
    signed_amount: Decimal | None = None
    started: date | None = None
    production: date | None = None
    funds: Decimal = Decimal("0")
    key: bool = False
    confidential: bool = False
    team: list[str] = field(default_factory=list)


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.projects: set[str] = {d.name for d in DEMO_PROJECTS}
        self.investors: set[str] = {d.investor for d in DEMO_PROJECTS}

    def make(self, chain: str, unit: Unit) -> tuple[str, str]:
        _, products, companies = CHAINS[chain]
        while True:
            brand = self.rng.choice(BRANDS)
            product = self.rng.choice(products)
            name = f"{brand}{product}"
            place = unit.name.removesuffix("区").removesuffix("市")
            if self.rng.random() < 0.3:
                name = f"{place}{name}"
            investor = f"{self.rng.choice(REGIONS)}{brand}{self.rng.choice(companies)}"
            if name not in self.projects and investor not in self.investors:
                self.projects.add(name)
                self.investors.add(investor)
                return name, investor


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day_in(rng: random.Random, start: date, end: date) -> date:
    """A working-looking day (Monday to Friday) between start and end."""
    day = start + timedelta(days=rng.randrange((end - start).days + 1))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return max(day, start) if day >= start else start


def _signing_days(rng: random.Random, n: int, start: date, end: date) -> list[date]:
    """n signing days between start and end, months weighted as the bureau's year goes."""
    months = [(y, m) for y in range(start.year, end.year + 1) for m in range(1, 13)]
    months = [
        (y, m) for y, m in months if date(y, m, 1) <= end and date(y, m, 28) >= start.replace(day=1)
    ]
    weights = [MONTH_WEIGHTS[m - 1] for _, m in months]
    days = []
    for y, m in rng.choices(months, weights=weights, k=n):
        first = max(date(y, m, 1), start)
        last = min(date(y, m, 28), end)
        days.append(_day_in(rng, first, last))
    return sorted(days)


def _round100(value: float) -> Decimal:
    return Decimal(round(value / 100) * 100)


def _big_amounts(rng: random.Random, n: int, total: Decimal) -> list[Decimal]:
    """n amounts of at least 1 亿元 (in 百万元 steps) adding up exactly to total."""
    if n == 0:
        return []
    floor = MAJOR_THRESHOLD * n
    assert total >= floor, "history cannot reach the published figures"
    weights = [rng.lognormvariate(0, 0.9) for _ in range(n)]
    spread = float(total - floor)
    amounts = [MAJOR_THRESHOLD + _round100(spread * w / sum(weights)) for w in weights]
    amounts[amounts.index(max(amounts))] += total - sum(amounts)
    return amounts


def _after_signing(rng: random.Random, plan: Plan, today: date) -> None:
    """Where a signed project has got to by today: started, operating, funds arrived."""
    assert plan.signed is not None and plan.signed_amount is not None
    age = (today - plan.signed).days
    share = rng.uniform(0.05, 0.2)
    if age > 45 and rng.random() < min(0.9, age / 250):
        started = plan.signed + timedelta(days=rng.randrange(20, min(age - 10, 150)))
        plan.started, plan.stage = started, Stage.started
        share = rng.uniform(0.25, 0.6)
        running = (today - started).days
        if running > 150 and rng.random() < 0.55:
            plan.production = started + timedelta(days=rng.randrange(120, running - 10))
            plan.stage = Stage.operating
            share = rng.uniform(0.6, 1.0)
    plan.funds = (plan.signed_amount * Decimal(str(round(share, 2)))).quantize(Decimal("1"))


class _Maker:
    def __init__(self, rng: random.Random, units: dict[str, Unit], today: date) -> None:
        self.rng, self.units, self.today = rng, units, today
        self.names = _Names(rng)

    def plan(self, stage: Stage, created: date) -> Plan:
        rng = self.rng
        unit_code = _weighted(rng, UNIT_WEIGHTS)
        chain = rng.choices(list(CHAINS), weights=[c[0] for c in CHAINS.values()])[0]
        name, investor = self.names.make(chain, self.units[unit_code])
        return Plan(
            name=name,
            investor=investor,
            unit=unit_code,
            industry=chain,
            source=_weighted(rng, SOURCE_WEIGHTS),
            planned=Decimal(0),
            stage=stage,
            created=created,
        )

    def signed(self, days: list[date], amounts: list[Decimal], phased: set[int]) -> list[Plan]:
        """Signed projects: `amounts` are the signed amounts; those at `phased` positions sign a
        first phase of a plan of at least 1 亿元."""
        plans = []
        for i, (day, amount) in enumerate(zip(days, amounts, strict=True)):
            plan = self.plan(Stage.signed, day - timedelta(days=self.rng.randrange(90, 240)))
            plan.signed, plan.signed_amount = day, amount
            if i in phased:
                plan.planned = max(MAJOR_THRESHOLD, _round100(float(amount) * 2.2))
            else:
                plan.planned = _round100(float(amount) * self.rng.choice([1, 1, 1, 1.1, 1.2]))
            _after_signing(self.rng, plan, self.today)
            plans.append(plan)
        return plans

    def majors(self, start: date, end: date, count: int, over: int, total: Decimal) -> list[Plan]:
        """`count` major signings, `over` of them at ≥ 1 亿元, worth `total` together."""
        rng = self.rng
        small = [Decimal(rng.randrange(50, 99) * 100) for _ in range(count - over)]
        amounts = _big_amounts(rng, over, total - sum(small, Decimal(0))) + small
        rng.shuffle(amounts)
        phased = {i for i, a in enumerate(amounts) if a < MAJOR_THRESHOLD}
        return self.signed(_signing_days(rng, count, start, end), amounts, phased)

    def minors(self, start: date, end: date, count: int) -> list[Plan]:
        amounts = [Decimal(self.rng.randrange(15, 95) * 100) for _ in range(count)]
        return self.signed(_signing_days(self.rng, count, start, end), amounts, set())

    def pipeline(self, stages: dict[Stage, int]) -> list[Plan]:
        """Projects before signing (and a few shelved or dropped), recorded this year."""
        plans = []
        for stage, n in stages.items():
            steps = len(_path_to(stage)) if stage != Stage.lead else 0
            latest = self.today - timedelta(days=20 * steps + 10)
            for _ in range(n):
                created = _day_in(self.rng, date(YEAR, 3, 1), latest)
                plan = self.plan(stage, created)
                plan.planned = _round100(self.rng.lognormvariate(9.9, 0.8))
                plans.append(plan)
        return plans


async def _published_so_far(session: AsyncSession) -> tuple[int, Decimal, int]:
    """What the projects already there contribute to January–September's major signings."""
    amount = col(Project.signed_amount)
    stmt = select(
        func.count(),
        func.coalesce(func.sum(amount), 0),
        func.count().filter(amount >= MAJOR_THRESHOLD),
    ).where(
        col(Project.is_major).is_(True),
        col(Project.signed_date) >= PUBLISHED_FROM,
        col(Project.signed_date) <= PUBLISHED_TO,
    )
    count, total, over = (await session.execute(stmt)).one()
    return count, Decimal(str(total)), over


def plan_history(
    units: dict[str, Unit], today: date, so_far: tuple[int, Decimal, int]
) -> list[Plan]:
    """The history's projects, the same on every run for the same starting point."""
    rng = random.Random(SEED)
    make = _Maker(rng, units, today)
    count, amount, over = so_far
    plans = [
        # Last year, comparable to this one, and its last quarter.
        *make.majors(date(YEAR - 1, 1, 1), date(YEAR - 1, 9, 30), 86, 48, Decimal("4920000")),
        *make.majors(date(YEAR - 1, 10, 1), date(YEAR - 1, 11, 30), 9, 5, Decimal("468000")),
        # This year to September: what the bureau published.
        *make.majors(
            PUBLISHED_FROM,
            PUBLISHED_TO,
            PUBLISHED_COUNT - count,
            PUBLISHED_OVER_100M - over,
            PUBLISHED_AMOUNT - amount,
        ),
        # October and November so far.
        *make.majors(
            date(YEAR, 10, 1),
            min(date(YEAR, 11, 27), today - timedelta(days=3)),
            11,
            6,
            Decimal("612000"),
        ),
        *make.minors(date(YEAR, 1, 1), today - timedelta(days=3), 6),
        *make.pipeline(
            {
                Stage.lead: 5,
                Stage.evaluation: 4,
                Stage.contact: 6,
                Stage.negotiation: 7,
                Stage.review: 4,
                Stage.shelved: 2,
                Stage.dropped: 2,
            }
        ),
    ]
    _choose_key(rng, plans)
    for plan in rng.sample([p for p in plans if p.signed and p.signed.year == YEAR], 3):
        plan.confidential = True
    return plans


def _choose_key(rng: random.Random, plans: list[Plan]) -> None:
    """Eight more key projects (the demo has five): this year's largest signings and one under
    review, each with a service team of its unit and the departments it needs."""
    signed = sorted(
        (p for p in plans if p.signed and p.signed.year == YEAR and p.signed.month <= 9),
        key=lambda p: p.signed_amount or 0,
        reverse=True,
    )
    review = [p for p in plans if p.stage == Stage.review]
    for plan in [*signed[:7], *review[:1]]:
        plan.key = True
        plan.team = [plan.unit, *rng.sample(["zrzy", "fgw", "sthj", "zjj", "spj", "rsj"], 2)]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), SHANGHAI)


def _path(plan: Plan) -> list[tuple[Stage, date]]:
    """The stages the project went through and when, from its creation to where it is."""
    if plan.stage in (Stage.shelved, Stage.dropped):
        steps = _path_to(plan.stage)
        return [(s, plan.created + timedelta(days=20 * (i + 1))) for i, s in enumerate(steps)]
    before = [Stage.evaluation, Stage.contact, Stage.negotiation, Stage.review, Stage.signed]
    if plan.signed is None:
        target = before.index(plan.stage) + 1 if plan.stage != Stage.lead else 0
        span = timedelta(days=20)
        return [(s, plan.created + span * (i + 1)) for i, s in enumerate(before[:target])]
    span = plan.signed - plan.created
    share = [0.1, 0.3, 0.5, 0.85]
    path = [(s, plan.created + span * f) for s, f in zip(before, share, strict=False)]
    path.append((Stage.signed, plan.signed))
    if plan.started:
        path.append((Stage.started, plan.started))
    if plan.production:
        path.append((Stage.operating, plan.production))
    return path


async def _record(
    session: AsyncSession,
    n: int,
    plan: Plan,
    units: dict[str, Unit],
    people: dict[str, Principal],
    officers: dict[object, Principal],
) -> Project:
    coordinator = people["coordinator"]
    unit = units[plan.unit]
    owner = officers.get(unit.id, coordinator)
    body = ProjectCreate(
        name=plan.name,
        investor_name=plan.investor,
        investor_credit_code=demo_credit_code(1000 + n),
        investor_contacts=[
            Contact(
                name=f"{SURNAMES[n % len(SURNAMES)]}总", title="董事长助理", phone=f"0731-5{n:07d}"
            )
        ],
        industry_chain=plan.industry,
        source_channel=plan.source,
        owner_unit_id=unit.id,
        planned_investment=plan.planned,
        land_area=(plan.planned / 400).quantize(Decimal("1")),
        expected_jobs=int(plan.planned / 120),
        expected_tax=(plan.planned / 60).quantize(Decimal("1")),
        is_confidential=plan.confidential,
    )
    project = await projects.create(session, owner, body)
    start = _at(plan.created, 9)
    dates = _Dates(start=start, stages={Stage.lead: start}, rows=[])
    for stage, day in _path(plan):
        at = _at(day, 15)
        gate: dict[str, object] = {}
        mover = owner
        if stage == Stage.contact:
            evaluation = await records.add_evaluation(session, coordinator, project.id, EVALUATION)
            mover = coordinator
            visit = FollowUpCreate(
                kind=FollowUpKind.visit,
                occurred_on=day - timedelta(days=1),
                participants=f"市商务局、{unit.name}",
                notes="赴企业总部走访，介绍园区政策和要素保障",
            )
            dates.rows.append((evaluation, at - timedelta(days=2)))
            if plan.signed is None:  # the pipeline shows its visits; the signed keep it short
                follow_up = await records.add_follow_up(session, owner, project.id, visit)
                dates.rows.append((follow_up, at - timedelta(days=1)))
        elif stage == Stage.signed:
            approval = await workflow.approve(session, coordinator, project.id, "同意签约")
            dates.rows.append((approval, at - timedelta(days=1)))
            gate = {
                "signed_date": day,
                "signed_amount": plan.signed_amount,
                "agreement_type": AgreementType.formal,
            }
        elif stage == Stage.started:
            gate = {"started_date": day}
        elif stage == Stage.operating:
            gate = {"production_date": day}
        move = TransitionCreate(
            to_stage=stage,
            expected_stage=Stage(project.stage),
            reason=EXIT_REASONS.get(stage),
            **gate,
        )
        await workflow.transition(session, mover, project.id, move)
        dates.stages[stage] = at
    if plan.funds:
        await projects.update_project(
            session,
            owner,
            project.id,
            ProjectUpdate(funds_arrived=plan.funds),
            Precondition(project.version),
        )
    if plan.key:
        await projects.set_key(session, coordinator, project.id, True)
        for code in plan.team:
            member = TeamMemberCreate(unit_id=units[code].id)
            await assignments.add_member(session, coordinator, project.id, member)
    await _backdate(session, project, dates)
    # The notices these steps sent were read at the time: history, not news.
    last = max(dates.stages.values())
    await session.execute(
        update(Notification)
        .where(col(Notification.link) == f"/projects/{project.id}")
        .values(created_at=last, read_at=last + timedelta(hours=2))
    )
    if plan.key:
        members = await session.execute(
            select(ServiceTeamMember).where(col(ServiceTeamMember.project_id) == project.id)
        )
        for member_row in members.scalars():
            member_row.added_at = dates.stages.get(Stage.signed, start)
    return project


async def seed_history(session: AsyncSession, settings: Settings) -> int:
    """Adds the history once, right after the hand-written demo projects (skipped when the
    database holds anything else)."""
    total = (await session.execute(select(func.count()).select_from(Project))).scalar_one()
    if total != len(DEMO_PROJECTS):
        return 0
    units = {u.code: u for u in (await session.execute(select(Unit))).scalars()}
    users = {u.username: u for u in (await session.execute(select(User))).scalars()}
    people = {name: Principal.of_user(user) for name, user in users.items()}
    officers: dict[object, Principal] = {
        u.unit_id: people[u.username] for u in users.values() if u.role == Role.unit_officer
    }
    plans = plan_history(units, business_today(), await _published_so_far(session))
    recorded = [await _record(session, n, p, units, people, officers) for n, p in enumerate(plans)]
    this_year = [
        project
        for plan, project in zip(plans, recorded, strict=True)
        if plan.signed and plan.signed.year == YEAR
    ]
    await seed_ticket_history(session, settings, people, officers, units, this_year)
    await seed_decision_history(session, this_year)
    await seed_report_history(session, settings, people)
    await session.flush()
    return len(plans)
