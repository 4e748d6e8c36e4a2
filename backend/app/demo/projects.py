"""Demo Xiangtan projects at every stage, with their histories.

Each project goes through the same services as a real one, as the demo people: the owner
unit's officer (or the coordinator, for a unit without a demo account) records it, evaluates
it, visits the investor and moves it along the workflow; the coordinator marks the key
projects, approves signings and names the lead leaders. The dates are then set back to when
the demo says things happened.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assignments import service as assignments
from app.core.concurrency import Precondition
from app.core.credit_code import check_character
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import (
    Evaluation,
    FollowUp,
    LeaderAssignment,
    Notification,
    Project,
    ProjectApproval,
    StageChange,
    Unit,
    User,
)
from app.models.enums import (
    STAGE_ORDER,
    AgreementType,
    EvaluationConclusion,
    FollowUpKind,
    NotificationKind,
    Role,
    Stage,
)
from app.projects import records, workflow
from app.projects import service as projects
from app.projects.reads import ACTIVE_STAGES
from app.projects.schemas import (
    Contact,
    EvaluationCreate,
    FollowUpCreate,
    ProjectCreate,
    ProjectUpdate,
    ScoreItem,
    TransitionCreate,
)


@dataclass(frozen=True)
class DemoProject:
    name: str
    investor: str
    unit: str
    industry: str
    source: str
    planned: str  # 万元
    stage: Stage
    key: bool = False
    confidential: bool = False
    leader: str | None = None
    blocker: str | None = None
    # No follow-up for months: what the 长期无进展 filter is there to find.
    quiet: bool = False


DEMO_PROJECTS = [
    DemoProject(
        "吉昌动漫玩具智能制造基地",
        "湖南吉昌动漫玩具有限公司",
        "tianyi",
        "modern-services",
        "xiangshang",
        "52000",
        Stage.operating,
        key=True,
    ),
    DemoProject(
        "塔奥（地通）智能装备产业园",
        "塔奥（湖南）地通科技有限公司",
        "xtjk",
        "equipment",
        "door-knocking",
        "120000",
        Stage.started,
        key=True,
        leader="leader",
    ),
    DemoProject(
        "蓝思科技湘潭新材料项目",
        "蓝思科技（湘潭）有限公司",
        "xtjk",
        "new-materials",
        "business-referral",
        "300000",
        Stage.operating,
        key=True,
    ),
    DemoProject(
        "湘江风电叶片及整机配套项目",
        "湖南湘江风能装备有限公司",
        "xtgx",
        "new-energy",
        "fund",
        "85000",
        Stage.signed,
        key=True,
        leader="leader2",
    ),
    DemoProject(
        "精品钢材深加工产业园",
        "湖南钢联精密材料有限公司",
        "yuetang-jk",
        "new-materials",
        "park",
        "46000",
        Stage.review,
        leader="leader3",
        blocker="用地指标尚未落实",
    ),
    DemoProject(
        "新能源汽车电驱系统项目",
        "湖南驰远电驱科技有限公司",
        "xtjk",
        "auto-parts",
        "exhibition",
        "68000",
        Stage.negotiation,
    ),
    DemoProject(
        "韶山红色文旅综合体",
        "韶山红途文化旅游发展有限公司",
        "shaoshan",
        "culture-tourism",
        "xiangshang",
        "35000",
        Stage.contact,
    ),
    DemoProject(
        "雨湖智慧物流园",
        "湖南雨港供应链管理有限公司",
        "yuhu",
        "modern-services",
        "door-knocking",
        "18000",
        Stage.evaluation,
    ),
    DemoProject(
        "创新药中试基地",
        "湖南湘药生物科技有限公司",
        "xtgx",
        "biomedicine",
        "fund",
        "26000",
        Stage.lead,
        confidential=True,
    ),
    DemoProject(
        "半导体封测项目",
        "湖南芯湘半导体有限公司",
        "xtgx",
        "electronics",
        "business-referral",
        "150000",
        Stage.negotiation,
        confidential=True,
        key=True,
        quiet=True,
    ),
    DemoProject(
        "湘乡食品精深加工产业园",
        "湖南湘乡味业食品有限公司",
        "xiangxiang",
        "food",
        "park",
        "9000",
        Stage.signed,
    ),
    DemoProject(
        "昭山数字经济产业园",
        "湖南昭山数字科技有限公司",
        "zhaoshan",
        "electronics",
        "exhibition",
        "40000",
        Stage.started,
    ),
    DemoProject(
        "储能电池模组项目",
        "湖南湘储能源科技有限公司",
        "tianyi",
        "new-energy",
        "fund",
        "75000",
        Stage.shelved,
        blocker="投资方资金安排调整",
    ),
    DemoProject(
        "高端轴承制造项目",
        "湘潭精工轴承有限公司",
        "yuhu-gx",
        "equipment",
        "door-knocking",
        "12000",
        Stage.dropped,
    ),
    DemoProject(
        "岳塘商贸综合体",
        "湖南岳塘商业运营有限公司",
        "yuetang",
        "modern-services",
        "xiangshang",
        "22000",
        Stage.lead,
    ),
    DemoProject(
        "雨湖区预制菜加工基地",
        "湖南湘味预制食品有限公司",
        "yuhu",
        "food",
        "exhibition",
        "6500",
        Stage.contact,
    ),
    DemoProject(
        "碳纤维复合材料项目",
        "湖南碳谷新材料有限公司",
        "xiangxiang-jk",
        "new-materials",
        "business-referral",
        "33000",
        Stage.review,
        quiet=True,
    ),
    DemoProject(
        "医疗器械产业园",
        "湖南康湘医疗器械有限公司",
        "shaoshan-gx",
        "biomedicine",
        "park",
        "15000",
        Stage.evaluation,
    ),
]


def demo_credit_code(n: int) -> str:
    first17 = f"91430300MA4L{n:05d}"
    return first17 + check_character(first17)


EVALUATION = EvaluationCreate(
    items=[
        ScoreItem(key="industry_fit", label="产业契合度", score=27, max_score=30),
        ScoreItem(key="investment_intensity", label="亩均投资", score=20, max_score=25),
        ScoreItem(key="tax_intensity", label="亩均税收", score=20, max_score=25),
        ScoreItem(key="energy_environment", label="能耗与环保", score=15, max_score=20),
    ],
    conclusion=EvaluationConclusion.recommend,
    summary="产业契合度高，亩均投资和税收达到园区标准",
)

EXIT_REASONS = {Stage.shelved: "投资方暂缓投资计划", Stage.dropped: "投资方另择他地"}


@dataclass
class _Dates:
    """When the demo says each thing happened, to set the records back to."""

    start: datetime
    stages: dict[Stage, datetime]
    rows: list[tuple[Evaluation | FollowUp | ProjectApproval | LeaderAssignment, datetime]]


async def seed_projects(session: AsyncSession, units: dict[str, Unit]) -> int:
    """Adds the demo projects once (skipped when any project exists)."""
    if (await session.execute(select(col(Project.id)).limit(1))).first():
        return 0
    users = {u.username: u for u in (await session.execute(select(User))).scalars()}
    coordinator = Principal.of_user(users["coordinator"])
    officers = {
        u.unit_id: Principal.of_user(u) for u in users.values() if u.role == Role.unit_officer
    }
    now = utcnow()
    for n, demo in enumerate(DEMO_PROJECTS, start=1):
        unit = units[demo.unit]
        owner = officers.get(unit.id, coordinator)
        path = _path_to(demo.stage)
        start = now - timedelta(days=30 * len(path) + 5 * n)
        dates = _Dates(start=start, stages={Stage.lead: start}, rows=[])
        project = await projects.create(session, owner, _body(n, demo, unit))
        if demo.key:
            await projects.set_key(session, coordinator, project.id, True)
        if demo.leader:
            led = await assignments.assign(
                session, coordinator, project.id, users[demo.leader].id, "市领导联系重大招商项目"
            )
            assignment = await session.get(LeaderAssignment, led.id)
            assert assignment is not None
            dates.rows.append((assignment, start + timedelta(days=3)))
        await _walk(session, project, path, owner, coordinator, dates)
        if demo.stage in ACTIVE_STAGES and not demo.quiet:
            # Most projects are moving: a call within the last fortnight or so.
            called = now - timedelta(days=3 + n % 12)
            call = FollowUpCreate(
                kind=FollowUpKind.call,
                occurred_on=called.date(),
                participants="项目联络员",
                notes="电话了解项目推进情况，企业反馈按计划推进",
            )
            dates.rows.append(
                (await records.add_follow_up(session, owner, project.id, call), called)
            )
        await _backdate(session, project, dates)
    await session.flush()
    return len(DEMO_PROJECTS)


def _body(n: int, demo: DemoProject, unit: Unit) -> ProjectCreate:
    planned = Decimal(demo.planned)
    return ProjectCreate(
        name=demo.name,
        investor_name=demo.investor,
        investor_credit_code=demo_credit_code(n),
        investor_contacts=[Contact(name="张经理", title="投资总监", phone=f"0731-5888{n:04d}")],
        industry_chain=demo.industry,
        source_channel=demo.source,
        owner_unit_id=unit.id,
        planned_investment=planned,
        land_area=planned / 500,
        expected_jobs=int(planned / 100),
        expected_tax=planned / 50,
        is_confidential=demo.confidential,
        blocker_note=demo.blocker,
    )


def _path_to(stage: Stage) -> list[Stage]:
    if stage == Stage.shelved:
        return [Stage.evaluation, Stage.contact, Stage.shelved]
    if stage == Stage.dropped:
        return [Stage.evaluation, Stage.dropped]
    return STAGE_ORDER[1 : STAGE_ORDER.index(stage) + 1]


async def _walk(
    session: AsyncSession,
    project: Project,
    path: list[Stage],
    owner: Principal,
    coordinator: Principal,
    dates: _Dates,
) -> None:
    """Moves the project along `path`, 25 days a step, adding what each gate needs first."""
    at = dates.start
    for target in path:
        at += timedelta(days=25)
        gate: dict[str, Any] = {}
        mover = owner
        if target == Stage.contact:
            # The bureau evaluates and moves the project on to 接洽.
            evaluation = await records.add_evaluation(session, coordinator, project.id, EVALUATION)
            mover = coordinator
            visit = FollowUpCreate(
                kind=FollowUpKind.visit,
                occurred_on=(at - timedelta(days=1)).date(),
                participants="市商务局、园区招商局",
                notes="赴企业总部走访，介绍园区政策和要素保障",
            )
            follow_up = await records.add_follow_up(session, owner, project.id, visit)
            dates.rows += [
                (evaluation, at - timedelta(days=2)),
                (follow_up, at - timedelta(days=1)),
            ]
        elif target == Stage.signed:
            approval = await workflow.approve(session, coordinator, project.id, "同意签约")
            dates.rows.append((approval, at - timedelta(days=1)))
            gate = {
                "signed_date": at.date(),
                "signed_amount": project.planned_investment,
                "agreement_type": AgreementType.formal,
            }
        elif target == Stage.started:
            gate = {"started_date": at.date()}
        elif target == Stage.operating:
            gate = {"production_date": at.date()}
        move = TransitionCreate(
            to_stage=target,
            expected_stage=Stage(project.stage),
            reason=EXIT_REASONS.get(target),
            **gate,
        )
        await workflow.transition(session, mover, project.id, move)
        dates.stages[target] = at
        if target == Stage.signed:
            # The first instalment arrives with the signing.
            funds = (project.planned_investment * Decimal("0.3")).quantize(Decimal("0.01"))
            await projects.update_project(
                session,
                owner,
                project.id,
                ProjectUpdate(funds_arrived=funds),
                Precondition(project.version),
            )


async def _backdate(session: AsyncSession, project: Project, dates: _Dates) -> None:
    """Sets the project, its history and its records back to the demo's dates."""
    await session.flush()
    changes = (
        await session.execute(select(StageChange).where(col(StageChange.project_id) == project.id))
    ).scalars()
    for change in changes:
        change.occurred_at = dates.stages[Stage(change.to_stage)]
    for row, at in dates.rows:
        if isinstance(row, ProjectApproval):
            row.approved_at = at
        elif isinstance(row, LeaderAssignment):
            row.started_at = at
        else:
            row.created_at = at
    entered = max(dates.stages.values())
    project.created_at = dates.start
    project.stage_entered_at = entered
    project.last_activity_at = max([entered, *(at for _, at in dates.rows)])
    submitted = dates.stages.get(Stage.evaluation)
    if submitted is not None:
        # The coordinators' 待评估 notice came with the submission; a project already past
        # evaluation had it read when it was evaluated.
        read_at = None if project.stage == Stage.evaluation else submitted + timedelta(days=1)
        await session.execute(
            update(Notification)
            .where(
                col(Notification.link) == f"/projects/{project.id}",
                col(Notification.kind) == NotificationKind.evaluation_requested.value,
            )
            .values(
                created_at=submitted,
                read_at=read_at,
            )
        )
