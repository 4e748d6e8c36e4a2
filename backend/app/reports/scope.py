"""Whose reports a caller reads and who may do what to one."""

from typing import Any

from sqlmodel import col

from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import UnitReport
from app.models.enums import ReportState, Role

# Beyond the oversight roles, city leaders and viewers read every unit's report.
READ_ALL = frozenset({Role.coordinator, Role.supervisor, Role.leader, Role.viewer})
EDITABLE = (ReportState.draft, ReportState.returned)


def reads_all(principal: Principal) -> bool:
    return principal.user is not None and principal.role in READ_ALL


def visible(stmt: Any, principal: Principal) -> Any:
    """Districts and parks (and partner systems) read their own unit's reports; out of scope
    reads as missing."""
    if reads_all(principal):
        return stmt
    return stmt.where(col(UnitReport.unit_id) == principal.unit_id)


def writes(principal: Principal, report: UnitReport) -> bool:
    """The unit's own officers fill in and submit its report."""
    return (
        principal.is_person
        and principal.has(Permission.reports_submit)
        and report.unit_id == principal.unit_id
    )


def reviews(principal: Principal) -> bool:
    return principal.is_person and principal.has(Permission.reports_review)


def actions(principal: Principal, report: UnitReport) -> list[str]:
    state = ReportState(report.state)
    found: list[str] = []
    if writes(principal, report) and state in EDITABLE:
        found += ["edit", "refresh", "submit"]
    if reviews(principal) and state == ReportState.submitted:
        found += ["return", "accept"]
    return found
