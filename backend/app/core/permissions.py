"""Permissions are data: each role maps to a set of them; routes `require(...)` them.

A partner client holds only the scopes an admin granted it; scopes are named like
permissions, and a client can never hold more than `PARTNER_SCOPES`.
"""

from enum import StrEnum

from app.models.enums import Role


class Permission(StrEnum):
    units_read = "units:read"
    units_write = "units:write"
    users_read = "users:read"
    users_write = "users:write"
    api_clients_write = "api_clients:write"
    audit_read = "audit:read"
    calendar_write = "calendar:write"
    projects_read = "projects:read"
    projects_write = "projects:write"
    projects_manage = "projects:manage"
    assignments_write = "assignments:write"
    tickets_read = "tickets:read"
    tickets_raise = "tickets:raise"
    tickets_handle = "tickets:handle"
    tickets_assign = "tickets:assign"
    tickets_escalate = "tickets:escalate"
    tickets_instruct = "tickets:instruct"
    meetings_read = "meetings:read"
    meetings_write = "meetings:write"
    reviews_read = "reviews:read"
    reviews_nominate = "reviews:nominate"
    reviews_decide = "reviews:decide"
    reports_read = "reports:read"
    reports_submit = "reports:submit"
    assessments_write = "assessments:write"


PERMISSION_LABELS: dict[Permission, str] = {
    Permission.units_read: "查看单位",
    Permission.units_write: "管理单位",
    Permission.users_read: "查看用户",
    Permission.users_write: "管理用户",
    Permission.api_clients_write: "管理接口客户端",
    Permission.audit_read: "查看审计日志",
    Permission.calendar_write: "维护节假日调整",
    Permission.projects_read: "查看项目",
    Permission.projects_write: "录入和编辑项目",
    Permission.projects_manage: "统筹管理全部项目",
    Permission.assignments_write: "安排市领导联系项目",
    Permission.tickets_read: "查看服务事项",
    Permission.tickets_raise: "提出服务事项",
    Permission.tickets_handle: "办理交办事项",
    Permission.tickets_assign: "交办事项",
    Permission.tickets_escalate: "督办",
    Permission.tickets_instruct: "批示",
    Permission.meetings_read: "查看会议",
    Permission.meetings_write: "管理会议和议定事项",
    Permission.reviews_read: "查看三级联审",
    Permission.reviews_nominate: "提名重大项目候选",
    Permission.reviews_decide: "记录联审和常务会议结论",
    Permission.reports_read: "查看报表",
    Permission.reports_submit: "报送月报",
    Permission.assessments_write: "年度考核",
}

P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.admin: frozenset(
        {
            P.units_read,
            P.units_write,
            P.users_read,
            P.users_write,
            P.api_clients_write,
            P.audit_read,
            P.calendar_write,
        }
    ),
    Role.coordinator: frozenset(
        {
            P.units_read,
            P.users_read,
            P.projects_read,
            P.projects_write,
            P.projects_manage,
            P.assignments_write,
            P.tickets_read,
            P.tickets_raise,
            P.tickets_assign,
            P.tickets_escalate,
            P.meetings_read,
            P.meetings_write,
            P.reports_read,
            P.assessments_write,
            P.reviews_read,
            P.reviews_nominate,
            P.reviews_decide,
        }
    ),
    Role.leader: frozenset(
        {
            P.units_read,
            P.users_read,
            P.projects_read,
            P.tickets_read,
            P.tickets_instruct,
            P.meetings_read,
            P.reports_read,
            P.reviews_read,
            P.reviews_decide,
        }
    ),
    Role.unit_officer: frozenset(
        {
            P.units_read,
            P.users_read,
            P.projects_read,
            P.projects_write,
            P.tickets_read,
            P.tickets_raise,
            P.meetings_read,
            P.reports_read,
            P.reports_submit,
        }
    ),
    Role.department_officer: frozenset(
        {
            P.units_read,
            P.users_read,
            P.projects_read,
            P.tickets_read,
            P.tickets_handle,
            P.meetings_read,
            P.reviews_read,
            P.reviews_nominate,
        }
    ),
    Role.supervisor: frozenset(
        {
            P.units_read,
            P.users_read,
            P.projects_read,
            P.tickets_read,
            P.tickets_escalate,
            P.meetings_read,
            P.reports_read,
            P.assessments_write,
            P.audit_read,
            P.reviews_read,
        }
    ),
    Role.viewer: frozenset({P.units_read, P.projects_read, P.reports_read}),
}

# What an admin may grant a partner system. Partners read and raise; they never administer.
PARTNER_SCOPES: frozenset[Permission] = frozenset(
    {
        P.units_read,
        P.projects_read,
        P.projects_write,
        P.tickets_read,
        P.tickets_raise,
        P.meetings_read,
        P.reports_read,
    }
)
