"""What happens to reporting periods and units' reports (reactions: app/subscriptions.py)."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from app.core.events import Event
from app.models.enums import ReportState


@dataclass(frozen=True, kw_only=True)
class PeriodOpened(Event):
    """A period opened (by the job or the coordinator), with a draft for every unit."""

    object_type: ClassVar[str] = "report_period"

    object_id: uuid.UUID
    label: str
    reports: int

    @property
    def action(self) -> str:
        return "report_period.open"


@dataclass(frozen=True, kw_only=True)
class ReportChange(Event):
    """A unit's report as it stands after the change."""

    object_type: ClassVar[str] = "unit_report"

    object_id: uuid.UUID
    unit_id: uuid.UUID
    label: str
    state: ReportState


@dataclass(frozen=True, kw_only=True)
class ReportEdited(ReportChange):
    """Narrative or corrections saved, or the figures computed again."""

    refreshed: bool = False

    @property
    def action(self) -> str:
        return "unit_report.refresh" if self.refreshed else "unit_report.update"


@dataclass(frozen=True, kw_only=True)
class ReportTransitioned(ReportChange):
    from_state: ReportState
    reason: str | None = None

    @property
    def action(self) -> str:
        return {
            ReportState.submitted: "unit_report.submit",
            ReportState.returned: "unit_report.return",
            ReportState.accepted: "unit_report.accept",
        }.get(self.state, "unit_report.transition")


@dataclass(frozen=True, kw_only=True)
class ReportReminded(ReportChange):
    """The job's reminder of a deadline coming, or of a report overdue (not audited)."""

    audited: ClassVar[bool] = False

    deadline: date
    overdue: bool

    @property
    def action(self) -> str:
        return "unit_report.remind"


@dataclass(frozen=True, kw_only=True)
class SummaryPublished(Event):
    """The city summary of a period published (version 1) or corrected (a later version)."""

    object_type: ClassVar[str] = "report_period"

    object_id: uuid.UUID
    label: str
    version: int
    reason: str | None = None
    unit_ids: tuple[uuid.UUID, ...] = ()

    @property
    def action(self) -> str:
        return "report_summary.publish" if self.version == 1 else "report_summary.correct"
