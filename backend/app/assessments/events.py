"""What happens to 考核方案 and annual targets: each is a line in the audit trail."""

import uuid
from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Recorded


@dataclass(frozen=True, kw_only=True)
class SchemeRecorded(Recorded):
    """A scheme created, edited, published or revised (a new draft revision)."""

    object_type: ClassVar[str] = "assessment_scheme"


@dataclass(frozen=True, kw_only=True)
class TargetRecorded(Recorded):
    """A unit's annual targets set (`update`) or imported from Excel (`import`)."""

    object_type: ClassVar[str] = "unit_target"


@dataclass(frozen=True, kw_only=True)
class RoundRecorded(Recorded):
    """A round opened (`open`, its snapshot taken), publicised for objections (`publicize`)
    or confirmed (`finalize`); `unit_ids` are the units it assesses, who hear of each step."""

    object_type: ClassVar[str] = "assessment_round"
    title: str = ""
    unit_ids: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ResultRecorded(Recorded):
    """A hand score entered on a unit's sheet (`score`), or a score changed by an accepted
    objection (`adjust`)."""

    object_type: ClassVar[str] = "assessment_result"


@dataclass(frozen=True, kw_only=True)
class SelfReportRecorded(Recorded):
    """A unit's self-report on a hand-scored item written or rewritten (`update`)."""

    object_type: ClassVar[str] = "self_report"


@dataclass(frozen=True, kw_only=True)
class ObjectionRecorded(Recorded):
    """A unit's objection raised (`create`), accepted (`accept`) or rejected (`reject`)."""

    object_type: ClassVar[str] = "assessment_objection"
    title: str = ""
    unit_id: uuid.UUID | None = None
    round_id: uuid.UUID | None = None


@dataclass(frozen=True, kw_only=True)
class NominationRecorded(Recorded):
    """A unit's nominee for the individual reward put forward (`create`), approved
    (`approve`) or rejected (`reject`)."""

    object_type: ClassVar[str] = "assessment_nomination"


@dataclass(frozen=True, kw_only=True)
class AwardRecorded(Recorded):
    """A round's reward split generated (`compute`) or adjusted (`adjust`); the object is the
    round."""

    object_type: ClassVar[str] = "assessment_award"
