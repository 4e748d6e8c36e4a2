"""Enumerations shared by the models and the API. Codes are English; labels are Chinese."""

from enum import StrEnum


class Role(StrEnum):
    admin = "admin"
    coordinator = "coordinator"
    leader = "leader"
    unit_officer = "unit_officer"
    department_officer = "department_officer"
    supervisor = "supervisor"
    viewer = "viewer"


ROLE_LABELS: dict[Role, str] = {
    Role.admin: "系统管理员",
    Role.coordinator: "招商统筹",
    Role.leader: "市领导",
    Role.unit_officer: "县市区/园区专员",
    Role.department_officer: "职能部门经办人",
    Role.supervisor: "督查督办",
    Role.viewer: "只读",
}


class UnitKind(StrEnum):
    bureau = "bureau"
    district = "district"
    park = "park"
    department = "department"
    leadership = "leadership"
    office = "office"


UNIT_KIND_LABELS: dict[UnitKind, str] = {
    UnitKind.bureau: "市商务局",
    UnitKind.district: "县市区",
    UnitKind.park: "园区",
    UnitKind.department: "职能部门",
    UnitKind.leadership: "市领导",
    UnitKind.office: "办公室",
}


class AuditOutcome(StrEnum):
    success = "success"
    failure = "failure"
    denied = "denied"
