"""Which projects a caller sees and may change, and what of them (confidential investors)."""

import uuid
from typing import Any

from sqlalchemy import false, select
from sqlmodel import col

from app.core.errors import Forbidden
from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import Project, ProjectConcern
from app.models.enums import Role

# Beyond the oversight roles, the project register is open to city leaders (who follow the
# major projects) and to read-only viewers (who read it with confidential investors hidden).
REGISTER_READERS = frozenset({Role.leader, Role.viewer})


def sees_all(principal: Principal) -> bool:
    """People whose view of projects is the whole city (coordinator, supervisor, leaders,
    viewers); what of a confidential project they read is `redacts_confidential`'s to say."""
    return principal.sees_everything or (
        principal.user is not None and principal.role in REGISTER_READERS
    )


def _row_scope(principal: Principal) -> uuid.UUID | bool | None:
    """The caller's projects where the project row decides: True (every one), a unit's id (that
    unit's own), False (none); None where it takes the concerns table (a department officer)."""
    if principal.client is not None:
        return principal.unit_id or False
    if sees_all(principal):
        return True
    if principal.role == Role.unit_officer:
        return principal.unit_id or False
    if principal.role == Role.department_officer:
        return None
    return False


def visible(stmt: Any, principal: Principal) -> Any:
    """Restricts a query on Project to the caller's scope. Out of scope reads as missing."""
    rule = _row_scope(principal)
    if rule is None:
        # A summary of the projects their work concerns: tickets they lead or co-handle,
        # meeting decisions they carry out, candidates they nominated for the major list
        # (kept in project_concerns by reactions to those domains' events).
        return stmt.where(col(Project.id).in_(concerning(principal.unit_id)))
    if rule is True:
        return stmt
    if rule is False:
        return stmt.where(false())
    return stmt.where(col(Project.owner_unit_id) == rule)


def row_decides(principal: Principal, project: Project) -> bool | None:
    """`visible` for a project already read: whether the caller sees it, or None when only
    the concerns table can tell."""
    rule = _row_scope(principal)
    if rule is None or isinstance(rule, bool):
        return rule
    return project.owner_unit_id == rule


def concerning(unit_id: uuid.UUID) -> Any:
    """The ids of the projects some work of the unit concerns."""
    return select(col(ProjectConcern.project_id)).where(col(ProjectConcern.unit_id) == unit_id)


def redacts_confidential(principal: Principal) -> bool:
    """Viewers and partner systems never see who stands behind a confidential project."""
    return principal.client is not None or principal.role == Role.viewer


def sees_duplicates(principal: Principal) -> bool:
    """The possible-duplicate flag points at other units' projects, and at who stands behind
    them: only people who see every project, confidential investors included, may read it.
    For anyone else it would tell that another unit (secretly) reports the same investor."""
    return sees_all(principal) and not redacts_confidential(principal)


def redacts_investor(principal: Principal, project: Project) -> bool:
    return project.is_confidential and redacts_confidential(principal)


# Who stands behind a confidential project, as hidden from those who may not know it.
HIDDEN_INVESTOR: dict[str, Any] = {
    "investor_name": None,
    "investor_credit_code": None,
    "investor_contacts": [],
}


def redact_snapshot(
    principal: Principal, data: dict[str, Any], confidential: bool
) -> tuple[dict[str, Any], bool]:
    """A project's audit snapshot (or one of a record of it) as the caller may read the
    project: the same fields hidden as in its read model. Returns it and whether anything
    was hidden."""
    hide: dict[str, Any] = {}
    if confidential and redacts_confidential(principal):
        hide.update(HIDDEN_INVESTOR, investor_name_key=None)
    if not sees_duplicates(principal):
        hide["possible_duplicate"] = None
    hide = {k: v for k, v in hide.items() if k in data and data[k] != v}
    return {**data, **hide}, bool(hide)


def check_can_edit(principal: Principal, project: Project) -> None:
    """Coordinators edit any project; district/park officers and partner systems their unit's."""
    if not principal.has(Permission.projects_write):
        raise Forbidden()
    if principal.has(Permission.projects_manage):
        return
    if project.owner_unit_id != principal.unit_id:
        raise Forbidden("只能修改本单位的项目")
