"""三级联审: 发改委 and 商务局 nominate (level 1), the 联审会 gives a verdict per candidate
(level 2), the 常务会议 decides the list (level 3). Each level is written once and shows who
recorded it when; the decided list marks its projects (`major_list_year`). Reads are in reads."""

import uuid
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.config import Settings
from app.core.db import flush_or_conflict
from app.core.errors import Conflict, Forbidden, NotFound, Unprocessable, field_error
from app.core.events import snapshot
from app.core.principal import Principal
from app.core.time import utcnow
from app.meetings import meeting_reads
from app.models import Meeting, Project, ReviewCandidate, ReviewRound
from app.models.enums import MeetingKind, MeetingState, ReviewRoundState, ReviewVerdict, Stage
from app.reviews.events import (
    CandidateNominated,
    CandidateReviewed,
    ReviewRoundCreated,
    ReviewRoundDecided,
)
from app.reviews.reads import load, nominating_units
from app.reviews.schemas import CandidateCreate, FinalListCreate, ReviewRoundCreate, VerdictCreate

PASSED = {ReviewVerdict.approved.value, ReviewVerdict.conditional.value}


async def create_round(
    session: AsyncSession, principal: Principal, body: ReviewRoundCreate
) -> ReviewRound:
    round_ = ReviewRound(
        year=body.year,
        title=body.title or f"{body.year}年度重大项目三级联审",
        created_by_id=principal.user.id if principal.user else None,
    )
    session.add(round_)
    await flush_or_conflict(session, f"{body.year}年度的联审已经存在", "round_exists", "year")
    await events.emit(
        session,
        ReviewRoundCreated(
            actor=principal, object_id=round_.id, after=snapshot(round_), year=round_.year
        ),
    )
    return round_


def _open(round_: ReviewRound) -> None:
    if round_.state == ReviewRoundState.decided:
        raise Conflict("该年度清单已经确定，不能再修改", code="round_decided")


async def nominate(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    round_id: uuid.UUID,
    body: CandidateCreate,
) -> ReviewCandidate:
    round_ = await load(session, round_id, lock=True)
    _open(round_)
    if principal.unit_id not in await nominating_units(session, settings):
        raise Forbidden("只有发改委和商务局可以提名候选项目", code="not_nominating_unit")
    project = await session.get(Project, body.project_id)
    if project is None:
        raise field_error("project_id", "项目不存在", "invalid_project")
    if project.stage == Stage.dropped:
        raise field_error("project_id", "项目已终止，不能提名", "project_dropped")
    candidate = ReviewCandidate(
        round_id=round_.id,
        project_id=project.id,
        reason=body.reason,
        nominating_unit_id=principal.unit_id,
        nominated_by_id=principal.user.id if principal.user else None,
        nominated_by_name=principal.display_name,
    )
    session.add(candidate)
    await flush_or_conflict(session, "该项目已被提名", "already_nominated", "project_id")
    # A new candidate awaits its verdict: the round is no longer fully reviewed.
    round_.state = ReviewRoundState.nominating.value
    await events.emit(
        session,
        CandidateNominated(
            **_about(principal, round_, candidate),
            nominating_unit_id=candidate.nominating_unit_id,
        ),
    )
    return candidate


def _about(principal: Principal, round_: ReviewRound, candidate: ReviewCandidate) -> dict[str, Any]:
    """What every candidate event says: the candidate, and its round's state now."""
    return {
        "actor": principal,
        "object_id": round_.id,
        "after": snapshot(candidate),
        "candidate_id": candidate.id,
        "project_id": candidate.project_id,
        "round_state": ReviewRoundState(round_.state),
    }


async def _meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, kind: MeetingKind
) -> Meeting:
    try:
        meeting = await meeting_reads.load(session, principal, meeting_id)
    except NotFound as exc:
        raise field_error("meeting_id", "会议不存在", "invalid_meeting") from exc
    if meeting.kind != kind:
        label = "联审会" if kind == MeetingKind.review else "市政府常务会议"
        raise field_error("meeting_id", f"须为{label}", "wrong_meeting_kind")
    if meeting.state == MeetingState.draft:
        raise field_error("meeting_id", "会议尚未召开", "meeting_not_held")
    return meeting


async def review(
    session: AsyncSession,
    principal: Principal,
    round_id: uuid.UUID,
    candidate_id: uuid.UUID,
    body: VerdictCreate,
) -> ReviewCandidate:
    round_ = await load(session, round_id, lock=True)
    _open(round_)
    candidate = await session.get(ReviewCandidate, candidate_id, with_for_update=True)
    if candidate is None or candidate.round_id != round_.id:
        raise NotFound("候选项目不存在")
    if candidate.verdict is not None:
        raise Conflict(
            f"联审意见已由{candidate.reviewed_by_name}于"
            f"{candidate.reviewed_at:%Y-%m-%d %H:%M}记录，不能更改",
            code="already_recorded",
        )
    if body.verdict != ReviewVerdict.approved and not body.opinion:
        raise field_error("opinion", "有条件同意、不同意或暂缓时须填写意见", "missing")
    meeting = await _meeting(session, principal, body.meeting_id, MeetingKind.review)
    candidate.verdict = body.verdict.value
    candidate.opinion = body.opinion
    candidate.review_meeting_id = meeting.id
    candidate.reviewed_by_id = principal.user.id if principal.user else None
    candidate.reviewed_by_name = principal.display_name
    candidate.reviewed_at = utcnow()
    await session.flush()
    pending = await session.execute(
        select(func.count()).where(
            col(ReviewCandidate.round_id) == round_.id, col(ReviewCandidate.verdict).is_(None)
        )
    )
    if pending.scalar_one() == 0:
        round_.state = ReviewRoundState.reviewed.value
    await session.flush()
    await events.emit(
        session,
        CandidateReviewed(
            **_about(principal, round_, candidate), verdict=body.verdict, meeting_id=meeting.id
        ),
    )
    return candidate


async def decide(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID, body: FinalListCreate
) -> ReviewRound:
    round_ = await load(session, round_id, lock=True)
    _open(round_)
    meeting = await _meeting(session, principal, body.meeting_id, MeetingKind.executive)
    rows = (
        (
            await session.execute(
                select(ReviewCandidate).where(col(ReviewCandidate.round_id) == round_.id)
            )
        )
        .scalars()
        .all()
    )
    if not rows:
        raise Unprocessable("还没有候选项目", code="no_candidates")
    if any(c.verdict is None for c in rows):
        raise Conflict("还有候选项目没有联审意见，联审完成后才能确定清单", code="review_incomplete")
    passed = {c.id: c for c in rows if c.verdict in PASSED}
    given = {i.candidate_id: i for i in body.items}
    if len(given) != len(body.items) or set(given) != set(passed):
        raise field_error(
            "items", "须对联审同意或有条件同意的每个候选项目各作一次决定", "items_mismatch"
        )
    if any(not i.listed and not i.opinion for i in body.items):
        raise field_error("items", "不列入清单的项目须填写意见", "missing")
    listed = []
    for c in rows:
        decided = given.get(c.id)
        c.listed = bool(decided and decided.listed)
        c.final_opinion = decided.opinion if decided else "联审未通过，不列入"
        if c.listed:
            listed.append(c.project_id)
    round_.state = ReviewRoundState.decided.value
    round_.decision_meeting_id = meeting.id
    round_.decided_by_id = principal.user.id if principal.user else None
    round_.decided_by_name = principal.display_name
    round_.decided_at = utcnow()
    if listed:
        year = col(Project.major_list_year)
        await session.execute(
            update(Project)
            .where(col(Project.id).in_(listed), (year.is_(None)) | (year < round_.year))
            .values(major_list_year=round_.year, updated_at=utcnow(), version=Project.version + 1)
            .execution_options(synchronize_session=False)
        )
    await session.flush()
    await events.emit(
        session,
        ReviewRoundDecided(
            actor=principal,
            object_id=round_.id,
            after={"meeting_id": str(meeting.id), "listed_project_ids": [str(p) for p in listed]},
            meeting_id=meeting.id,
            year=round_.year,
            listed_project_ids=tuple(listed),
        ),
    )
    return round_
