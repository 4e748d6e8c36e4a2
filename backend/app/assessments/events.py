"""What happens to 考核方案 and annual targets: each is a line in the audit trail."""

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
    """A round opened (`open`, its snapshot taken) or confirmed (`finalize`)."""

    object_type: ClassVar[str] = "assessment_round"


@dataclass(frozen=True, kw_only=True)
class ResultRecorded(Recorded):
    """A hand score entered on a unit's sheet (`score`)."""

    object_type: ClassVar[str] = "assessment_result"
