"""Demo Xiangtan projects at every stage, with their histories."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.credit_code import check_character
from app.core.sequences import next_value
from app.core.time import utcnow
from app.models import (
    Evaluation,
    FollowUp,
    LeaderAssignment,
    Project,
    ProjectApproval,
    StageChange,
    Unit,
    User,
)
from app.models.enums import STAGE_ORDER, Stage
from app.models.project import MAJOR_THRESHOLD
from app.projects.duplicates import investor_key


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


async def seed_projects(session: AsyncSession, units: dict[str, Unit]) -> int:
    """Adds the demo projects once (skipped when any project exists)."""
    if (await session.execute(select(col(Project.id)).limit(1))).first():
        return 0
    users = {u.username: u for u in (await session.execute(select(User))).scalars()}
    coordinator = users["coordinator"]
    now = utcnow()
    for n, demo in enumerate(DEMO_PROJECTS, start=1):
        planned = Decimal(demo.planned)
        year = now.year
        code = f"XT-{year}-{await next_value(session, 'project', year):04d}"
        path = _path_to(demo.stage)
        start = now - timedelta(days=30 * len(path) + 5 * n)
        project = Project(
            code=code,
            name=demo.name,
            investor_name=demo.investor,
            investor_name_key=investor_key(demo.investor),
            investor_credit_code=demo_credit_code(n),
            investor_contacts=[
                {"name": "张经理", "title": "投资总监", "phone": "0731-5888" + f"{n:04d}"}
            ],
            industry_chain=demo.industry,
            source_channel=demo.source,
            owner_unit_id=units[demo.unit].id,
            planned_investment=planned,
            is_major=planned >= MAJOR_THRESHOLD,
            is_key=demo.key,
            is_confidential=demo.confidential,
            blocker_note=demo.blocker,
            stage=Stage.lead,
            land_area=Decimal(demo.planned) / 500,
            expected_jobs=int(planned / 100),
            expected_tax=planned / 50,
            created_by_id=coordinator.id,
            created_at=start,
            stage_entered_at=start,
            last_activity_at=start,
        )
        session.add(project)
        await session.flush()
        session.add(
            StageChange(
                project_id=project.id,
                to_stage=Stage.lead,
                actor_id=coordinator.id,
                actor_name=coordinator.full_name,
                reason="新建项目",
                occurred_at=start,
            )
        )
        await _walk(session, project, path, coordinator, start)
        if demo.leader:
            session.add(
                LeaderAssignment(
                    project_id=project.id,
                    leader_id=users[demo.leader].id,
                    assigned_by_id=coordinator.id,
                    started_at=start + timedelta(days=3),
                    note="市领导联系重大招商项目",
                )
            )
    await session.flush()
    return len(DEMO_PROJECTS)


def _path_to(stage: Stage) -> list[Stage]:
    if stage == Stage.shelved:
        return [Stage.evaluation, Stage.contact, Stage.shelved]
    if stage == Stage.dropped:
        return [Stage.evaluation, Stage.dropped]
    return STAGE_ORDER[1 : STAGE_ORDER.index(stage) + 1]


async def _walk(
    session: AsyncSession, project: Project, path: list[Stage], actor: User, start: datetime
) -> None:
    at = start
    for target in path:
        at += timedelta(days=25)
        if target == Stage.contact:
            session.add(
                Evaluation(
                    project_id=project.id,
                    total=82,
                    conclusion="recommend",
                    evaluator_id=actor.id,
                    evaluator_name=actor.full_name,
                    summary="产业契合度高，亩均投资和税收达到园区标准",
                    items=[
                        {
                            "key": "industry_fit",
                            "label": "产业契合度",
                            "score": 27,
                            "max_score": 30,
                        },
                        {
                            "key": "investment_intensity",
                            "label": "亩均投资",
                            "score": 20,
                            "max_score": 25,
                        },
                        {"key": "tax_intensity", "label": "亩均税收", "score": 20, "max_score": 25},
                        {
                            "key": "energy_environment",
                            "label": "能耗与环保",
                            "score": 15,
                            "max_score": 20,
                        },
                    ],
                    created_at=at - timedelta(days=2),
                )
            )
            session.add(
                FollowUp(
                    project_id=project.id,
                    kind="visit",
                    occurred_on=(at - timedelta(days=1)).date(),
                    participants="市商务局、园区招商局",
                    notes="赴企业总部走访，介绍园区政策和要素保障",
                    created_by_id=actor.id,
                    author_name=actor.full_name,
                )
            )
        if target == Stage.signed:
            session.add(
                ProjectApproval(
                    project_id=project.id,
                    opinion="同意签约",
                    approved_by_id=actor.id,
                    approver_name=actor.full_name,
                    approved_at=at - timedelta(days=1),
                )
            )
            project.signed_date = at.date()
            project.signed_amount = project.planned_investment
            project.agreement_type = "formal"
            project.funds_arrived = (project.planned_investment * Decimal("0.3")).quantize(
                Decimal("0.01")
            )
        if target == Stage.started:
            project.started_date = at.date()
        if target == Stage.operating:
            project.production_date = at.date()
        if target == Stage.shelved:
            project.stage_before_shelved = project.stage
        reason = {"shelved": "投资方暂缓投资计划", "dropped": "投资方另择他地"}.get(target.value)
        session.add(
            StageChange(
                project_id=project.id,
                from_stage=project.stage,
                to_stage=target,
                actor_id=actor.id,
                actor_name=actor.full_name,
                reason=reason,
                occurred_at=at,
            )
        )
        project.stage = target.value
        project.stage_entered_at = at
        project.last_activity_at = at
