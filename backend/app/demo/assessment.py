"""年度考核 in the demo: last year assessed end to end, this year set up.

- 2025 (last year): the schemes and targets set in January 2025; the round opened in January
  2026 on the year's records, units' self-reports, the office's hand scores, 公示, two
  objections (雨湖区's on its signed amount accepted, 市自然资源和规划局's rejected), nominees
  approved, the reward fund split, and the supervisor's confirmation — every step through the
  services on the day it would have happened (core/time.clock_at).
- 2026 (this year): the schemes, started from last year's and published, and each district's
  and park's targets — together the city's goal of 700 亿元 signed, 60 projects of ≥ 1 亿元
  and 400 亿元 of funds arrived, shared by how much investment each unit attracts; the office
  follows them in the live preview."""

import uuid
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments import objections, rewards, rounds, schemes, self_reports, targets
from app.assessments.schemas import (
    HandScore,
    NominationCreate,
    NominationTransition,
    ObjectionCreate,
    ObjectionTransition,
    RoundCreate,
    RoundTransition,
    SchemeCreate,
    SchemeTransition,
    SelfReportWrite,
    TargetWrite,
)
from app.core.concurrency import Precondition
from app.core.config import get_settings
from app.core.principal import Principal
from app.core.time import SHANGHAI, clock_at
from app.demo.history import UNIT_WEIGHTS, YEAR
from app.models import AssessmentScheme, Unit, User
from app.models.enums import (
    AssessmentGroup,
    AssessmentRoundState,
    NominationState,
    ObjectionState,
    SchemeItemKind,
    SchemeState,
)

CITY_SIGNED = Decimal(7_000_000)  # 万元
CITY_MAJOR = 60
CITY_FUNDS = Decimal(4_000_000)  # 万元
# Last year's goal against this year's.
LAST_YEAR_SCALE = Decimal("0.85")
PEOPLE = ("coordinator", "supervisor", "yuhu", "zrzy", "fgw")
# Last year's round: opened on the first working days of this year, publicised a week later.
OPENED, PUBLICIZED = date(YEAR, 1, 5), date(YEAR, 1, 12)
SELF_REPORT = {
    AssessmentGroup.area: "出台《雨湖区招商引资若干措施》，设立 2 亿元产业引导基金，"
    "区委常委会审议通过。",
    AssessmentGroup.department: "建立重大项目用地要素保障专班，全年完成 36 个项目用地预审。",
}


@dataclass(frozen=True)
class _Objection:
    reason: str
    accepted: bool
    answer: str


OBJECTIONS = {
    AssessmentGroup.area: _Objection(
        "湘潭经开区代为签约的智能装备产业园项目（3.2 亿元）注册地在本区，应计入本区签约额。",
        True,
        "经核实，项目注册地和投资主体均在雨湖区，予以采纳，相应调整得分。",
    ),
    AssessmentGroup.department: _Objection(
        "2 件服务事项超期系企业补充材料所致，不应计入本局超期。",
        False,
        "经核查，相关事项未按规定办理延期手续，超期认定无误，不予采纳。",
    ),
}
NOMINEES = {
    AssessmentGroup.area: [
        ("刘海涛", "雨湖区商务局招商科科长", "全年牵头引进亿元以上项目 4 个，签约额 18.6 亿元。"),
    ],
    AssessmentGroup.department: [
        ("彭晓东", "市发展和改革委员会项目科副科长", "全年协调解决重大项目审批堵点 21 个。"),
    ],
}


def _share(total: Decimal, weight: int, of: int) -> Decimal:
    return (total * weight / of).quantize(Decimal(100), ROUND_HALF_UP)


async def _people(session: AsyncSession) -> dict[str, Principal]:
    found = await session.execute(select(User).where(col(User.username).in_(PEOPLE)))
    return {u.username: Principal.of_user(u) for u in found.scalars()}


async def _set_up(
    session: AsyncSession, coordinator: Principal, year: int, scale: Decimal
) -> dict[AssessmentGroup, AssessmentScheme]:
    """The year's schemes published and its targets set: the city's goal times `scale`."""
    published = {}
    for group in AssessmentGroup:
        scheme = await schemes.create(
            session, coordinator, SchemeCreate(year=year, unit_group=group)
        )
        move = SchemeTransition(expected_state=SchemeState.draft, to_state=SchemeState.published)
        published[group] = await schemes.transition(session, coordinator, scheme.id, move)
    weights = sum(UNIT_WEIGHTS.values())
    by_code = {u.code: u for u in await targets.units(session)}
    for code, weight in UNIT_WEIGHTS.items():
        unit = by_code.get(code)
        if unit is None:
            continue
        body = TargetWrite(
            signed_amount=_share(CITY_SIGNED * scale, weight, weights),
            major_projects=max(1, round(CITY_MAJOR * scale * weight / weights)),
            funds_arrived=_share(CITY_FUNDS * scale, weight, weights),
        )
        await targets.put(session, coordinator, year, unit.id, body, Precondition(version=0))
    return published


async def seed_assessment(session: AsyncSession) -> None:
    """Once: skipped when any scheme exists."""
    if (await session.execute(select(func.count()).select_from(AssessmentScheme))).scalar_one():
        return
    people = await _people(session)
    if set(people) != set(PEOPLE):
        return
    coordinator = people["coordinator"]
    with clock_at(_at(date(YEAR - 1, 1, 10))):
        last_year = await _set_up(session, coordinator, YEAR - 1, LAST_YEAR_SCALE)
    for scheme in last_year.values():
        await _assess(session, people, scheme)
    with clock_at(_at(date(YEAR, 1, 26))):
        await _set_up(session, coordinator, YEAR, Decimal(1))


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), SHANGHAI)


def _hand_points(weight: Decimal, unit_code: str, label: str) -> Decimal:
    """A hand score the office would give: most of the weight, steadily by unit and item."""
    share = Decimal(55 + zlib.crc32(f"{unit_code}{label}".encode()) % 46) / 100
    return (weight * share).quantize(Decimal("0.01"))


async def _assess(
    session: AsyncSession, people: dict[str, Principal], scheme: AssessmentScheme
) -> None:
    """Last year's round of one group, from opening to confirmation (see the module doc)."""
    coordinator, supervisor = people["coordinator"], people["supervisor"]
    group = AssessmentGroup(scheme.unit_group)
    area = group == AssessmentGroup.area
    found = await session.execute(select(col(Unit.id), col(Unit.code)))
    codes: dict[uuid.UUID, str] = {unit_id: code for unit_id, code in found.all()}
    with clock_at(_at(OPENED)):
        opened = await rounds.open_round(session, coordinator, RoundCreate(scheme_id=scheme.id))
    # Self-reports by the units with officers in the demo, on their first hand-scored item.
    reporter = people["yuhu" if area else "zrzy"]
    with clock_at(_at(OPENED + timedelta(days=2), 15)):
        result = next(
            r for r in await rounds.results_of(session, opened.id) if r.unit_id == reporter.unit_id
        )
        item = next(i for i in result.items if i["kind"] == SchemeItemKind.manual.value)
        await self_reports.put(
            session, reporter, opened.id, result.unit_id, uuid.UUID(item["item_id"]),
            SelfReportWrite(claimed=Decimal(item["weight"]), text=SELF_REPORT[group]),
            Precondition(version=0),
        )  # fmt: skip
    # The office's hand scores, unit by unit.
    with clock_at(_at(OPENED + timedelta(days=4), 16)):
        for unit_id in [r.unit_id for r in await rounds.results_of(session, opened.id)]:
            result = next(
                r for r in await rounds.results_of(session, opened.id) if r.unit_id == unit_id
            )
            for item in [i for i in result.items if i["by_hand"]]:
                weight = Decimal(item["weight"])
                points = (
                    _hand_points(weight, codes.get(unit_id, ""), item["label"])
                    if item["kind"] != SchemeItemKind.deduction.value
                    else Decimal(0)
                )
                note = "按报送材料和日常掌握情况评分" if points else "无扣分情形"
                await rounds.score(
                    session, coordinator, opened.id, unit_id, uuid.UUID(item["item_id"]),
                    HandScore(score=points, note=note), Precondition(version=result.version),
                )  # fmt: skip
    # 公示, an objection each way, nominees, the split, confirmation.
    with clock_at(_at(PUBLICIZED)):
        shown = await rounds.transition(
            session, get_settings(), coordinator, opened.id,
            RoundTransition(expected_state=AssessmentRoundState.open,
                            to_state=AssessmentRoundState.objection),
        )  # fmt: skip
    objector = people["yuhu" if area else "zrzy"]
    result = next(
        r for r in await rounds.results_of(session, opened.id) if r.unit_id == objector.unit_id
    )
    pick = next(i for i in result.items if i["kind"] == SchemeItemKind.computed.value)
    verdict = OBJECTIONS[group]
    with clock_at(_at(PUBLICIZED + timedelta(days=1), 11)):
        raised = await objections.raise_objection(
            session, objector, opened.id, result.unit_id, uuid.UUID(pick["item_id"]),
            ObjectionCreate(reason=verdict.reason),
        )  # fmt: skip
        nominee = people["yuhu" if area else "fgw"]
        for name, position, deeds in NOMINEES[group]:
            await rewards.nominate(
                session, nominee, opened.id, nominee.unit_id,
                NominationCreate(person_name=name, position=position, deeds=deeds),
            )  # fmt: skip
    with clock_at(_at(PUBLICIZED + timedelta(days=3), 15)):
        weight = Decimal(pick["weight"])
        now = Decimal(pick["score"] or 0)
        accepted = verdict.accepted and now < weight
        await objections.answer(
            session, coordinator, raised.id,
            ObjectionTransition(
                expected_state=ObjectionState.pending,
                to_state=ObjectionState.accepted if accepted else ObjectionState.rejected,
                answer=verdict.answer,
                score=min(weight, (now + weight * Decimal("0.2")).quantize(Decimal("0.01")))
                if accepted else None,
            ),
        )  # fmt: skip
        for nomination in await rewards.nominations(session, coordinator, opened.id):
            await rewards.answer_nomination(
                session, coordinator, nomination.id,
                NominationTransition(expected_state=NominationState.pending,
                                     to_state=NominationState.approved, answer="同意推荐"),
            )  # fmt: skip
        await rewards.generate(session, coordinator, opened.id)
    assert shown.objection_due is not None
    with clock_at(_at(shown.objection_due + timedelta(days=1), 9)):
        await rounds.transition(
            session, get_settings(), supervisor, opened.id,
            RoundTransition(expected_state=AssessmentRoundState.objection,
                            to_state=AssessmentRoundState.final),
        )  # fmt: skip
