"""三级联审 read: a round with its candidates (as far as the caller may see them), the list of
rounds, and the projects a nominating unit may still put forward."""

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.briefs import UnitBrief
from app.core.config import Settings
from app.core.errors import Forbidden, NotFound
from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import Meeting, Project, ReviewCandidate, ReviewRound, Unit
from app.models.enums import ReviewRoundState, Stage
from app.projects import scope as project_scope
from app.reviews.schemas import CandidateProject, CandidateRead, MeetingBrief, ReviewRoundRead
from app.units import service as unit_service


async def nominating_units(session: AsyncSession, settings: Settings) -> set[uuid.UUID]:
    codes = settings.review_nominating_units
    return set(
        (await session.execute(select(col(Unit.id)).where(col(Unit.code).in_(codes)))).scalars()
    )


def _actions(
    principal: Principal, round_: ReviewRound, nominator: bool, candidates: int, reviewed: int
) -> list[str]:
    """nominate (发改委, 商务局); review while a candidate awaits its verdict; decide once every
    candidate has one."""
    if not principal.is_person or round_.state == ReviewRoundState.decided:
        return []
    actions = []
    if nominator:
        actions.append("nominate")
    if principal.has(Permission.reviews_decide) and reviewed < candidates:
        actions.append("review")
    if principal.has(Permission.reviews_decide) and candidates and reviewed == candidates:
        actions.append("decide")
    return actions


async def load(session: AsyncSession, round_id: uuid.UUID, *, lock: bool = False) -> ReviewRound:
    stmt = select(ReviewRound).where(col(ReviewRound.id) == round_id)
    if lock:
        stmt = stmt.with_for_update()
    round_ = (await session.execute(stmt)).scalar_one_or_none()
    if round_ is None:
        raise NotFound("联审轮次不存在")
    return round_


async def _meeting_briefs(
    session: AsyncSession, ids: set[uuid.UUID | None]
) -> dict[uuid.UUID, MeetingBrief]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = await session.execute(select(Meeting).where(col(Meeting.id).in_(wanted)))
    return {m.id: MeetingBrief.model_validate(m) for m in rows.scalars()}


def sees_every_candidate(principal: Principal, collects: bool) -> bool:
    """Those who see every project, and the units that collect the candidates (发改委, 商务局:
    `collects`), see the whole list; any other department only the candidates whose projects
    its work concerns, exactly as GET /projects shows them."""
    return collects or project_scope.sees_all(principal)


async def candidates(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID, *, sees_all: bool
) -> list[CandidateRead]:
    stmt = (
        select(ReviewCandidate, Project)
        .join(Project, col(Project.id) == col(ReviewCandidate.project_id))
        .where(col(ReviewCandidate.round_id) == round_id)
        .order_by(col(ReviewCandidate.nominated_at), col(ReviewCandidate.id))
    )
    if not sees_all:
        stmt = project_scope.visible(stmt, principal)
    rows = (await session.execute(stmt)).all()
    names = await unit_service.names(session)
    briefs = await _meeting_briefs(session, {c.review_meeting_id for c, _ in rows})
    return [
        CandidateRead(
            **c.model_dump(exclude={"project_id", "nominating_unit_id", "review_meeting_id"}),
            project=CandidateProject(
                **p.model_dump(include={"id", "code", "name", "stage", "planned_investment"}),
                owner_unit=UnitBrief(id=p.owner_unit_id, name=names.get(p.owner_unit_id, "")),
            ),
            nominating_unit=UnitBrief(
                id=c.nominating_unit_id, name=names.get(c.nominating_unit_id, "")
            ),
            review_meeting=briefs.get(c.review_meeting_id) if c.review_meeting_id else None,
        )
        for c, p in rows
    ]


async def to_reads(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    rounds: Sequence[ReviewRound],
    *,
    full: bool,
) -> list[ReviewRoundRead]:
    ids = [r.id for r in rounds]
    counts: dict[uuid.UUID, tuple[int, int, int]] = {}
    if ids:
        stmt = (
            select(
                col(ReviewCandidate.round_id),
                func.count(),
                func.count(col(ReviewCandidate.verdict)),
                func.count().filter(col(ReviewCandidate.listed).is_(True)),
            )
            .where(col(ReviewCandidate.round_id).in_(ids))
            .group_by(col(ReviewCandidate.round_id))
        )
        counts = {r: (n, v, li) for r, n, v, li in (await session.execute(stmt)).all()}
    collects = principal.unit_id in await nominating_units(session, settings)
    nominator = collects and principal.has(Permission.reviews_nominate)
    sees_all = sees_every_candidate(principal, collects)
    briefs = await _meeting_briefs(session, {r.decision_meeting_id for r in rounds})
    reads = []
    for r in rounds:
        n, v, li = counts.get(r.id, (0, 0, 0))
        reads.append(
            ReviewRoundRead(
                **r.model_dump(exclude={"decision_meeting_id", "decided_by_id", "created_by_id"}),
                candidate_count=n,
                reviewed_count=v,
                listed_count=li,
                decision_meeting=briefs.get(r.decision_meeting_id)
                if r.decision_meeting_id
                else None,
                candidates=await candidates(session, principal, r.id, sees_all=sees_all)
                if full
                else [],
                actions=_actions(principal, r, nominator, n, v),
            )
        )
    return reads


async def read_candidate(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    round_id: uuid.UUID,
    candidate_id: uuid.UUID,
) -> CandidateRead:
    collects = principal.unit_id in await nominating_units(session, settings)
    sees_all = sees_every_candidate(principal, collects)
    found = [
        c
        for c in await candidates(session, principal, round_id, sees_all=sees_all)
        if c.id == candidate_id
    ]
    if not found:
        raise NotFound("候选项目不存在")
    return found[0]


async def read(
    session: AsyncSession, settings: Settings, principal: Principal, round_id: uuid.UUID
) -> ReviewRoundRead:
    return (
        await to_reads(session, settings, principal, [await load(session, round_id)], full=True)
    )[0]


async def list_rounds(
    session: AsyncSession, settings: Settings, principal: Principal
) -> list[ReviewRoundRead]:
    rounds = (
        (await session.execute(select(ReviewRound).order_by(col(ReviewRound.year).desc())))
        .scalars()
        .all()
    )
    return await to_reads(session, settings, principal, rounds, full=False)


async def eligible_projects(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    round_id: uuid.UUID,
    q: str | None,
    limit: int,
) -> list[CandidateProject]:
    """Projects a nominating unit may put forward: not dropped, not yet in the round, largest
    planned investment first. 发改委 sees no projects in its own scope otherwise."""
    round_ = await load(session, round_id)
    if principal.unit_id not in await nominating_units(session, settings):
        raise Forbidden("只有发改委和商务局可以提名候选项目", code="not_nominating_unit")
    taken = select(col(ReviewCandidate.project_id)).where(
        col(ReviewCandidate.round_id) == round_.id
    )
    stmt = select(Project).where(
        col(Project.stage) != Stage.dropped.value, col(Project.id).not_in(taken)
    )
    if q:
        stmt = stmt.where(
            col(Project.name).contains(q, autoescape=True)
            | col(Project.code).contains(q, autoescape=True)
        )
    stmt = stmt.order_by(col(Project.planned_investment).desc(), col(Project.code)).limit(limit)
    names = await unit_service.names(session)
    return [
        CandidateProject(
            **p.model_dump(include={"id", "code", "name", "stage", "planned_investment"}),
            owner_unit=UnitBrief(id=p.owner_unit_id, name=names.get(p.owner_unit_id, "")),
        )
        for p in (await session.execute(stmt)).scalars()
    ]
