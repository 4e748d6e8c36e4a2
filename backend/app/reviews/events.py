"""What happens in a year's 三级联审, as events recorded against its round (reactions:
app/subscriptions.py). A nomination makes the project concern the nominating unit."""

import uuid
from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Event
from app.models.enums import ReviewRoundState, ReviewVerdict
from app.projects.concerns import Concern


@dataclass(frozen=True, kw_only=True)
class ReviewRoundEvent(Event):
    object_type: ClassVar[str] = "review_round"

    object_id: uuid.UUID


@dataclass(frozen=True, kw_only=True)
class ReviewRoundCreated(ReviewRoundEvent):
    year: int

    @property
    def action(self) -> str:
        return "review_round.create"


@dataclass(frozen=True, kw_only=True)
class CandidateEvent(ReviewRoundEvent):
    """Something about one candidate; `after` is the candidate, `round_state` the round's
    state once it is done (a nomination reopens a reviewed round, the last verdict closes it)."""

    candidate_id: uuid.UUID
    project_id: uuid.UUID
    round_state: ReviewRoundState


@dataclass(frozen=True, kw_only=True)
class CandidateNominated(CandidateEvent):
    """Level 1: 发改委 or 商务局 nominates a project."""

    nominating_unit_id: uuid.UUID

    @property
    def action(self) -> str:
        return "review.nominate"

    @property
    def concern(self) -> Concern | None:
        # A new candidate: nothing earlier to replace.
        return Concern(
            "review_candidate",
            self.candidate_id,
            (self.project_id,),
            (self.nominating_unit_id,),
            first=True,
        )


@dataclass(frozen=True, kw_only=True)
class CandidateReviewed(CandidateEvent):
    """Level 2: the 联审会's verdict on a candidate."""

    verdict: ReviewVerdict
    meeting_id: uuid.UUID

    @property
    def action(self) -> str:
        return "review.verdict"


@dataclass(frozen=True, kw_only=True)
class ReviewRoundDecided(ReviewRoundEvent):
    """Level 3: the 常务会议 decides the list; the round is closed."""

    meeting_id: uuid.UUID
    year: int
    listed_project_ids: tuple[uuid.UUID, ...]

    @property
    def action(self) -> str:
        return "review.decide"
