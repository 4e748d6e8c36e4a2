"""Permissions are data: each role maps to a set of them; routes `require(...)` them.

A partner client holds only the scopes an admin granted it; scopes are named like
permissions, and a client can never hold more than `PARTNER_SCOPES`.
"""

from app.models.enums import LabelledEnum, Role


class Permission(LabelledEnum):
    units_read = "units:read", "查看单位"
    units_write = "units:write", "管理单位"
    users_read = "users:read", "查看用户"
    users_write = "users:write", "管理用户"
    api_clients_write = "api_clients:write", "管理接口客户端"
    audit_read = "audit:read", "查看审计日志"
    audit_verify = "audit:verify", "校验审计日志完整性"
    calendar_write = "calendar:write", "维护节假日调整"
    projects_read = "projects:read", "查看项目"
    projects_write = "projects:write", "录入和编辑项目"
    projects_manage = "projects:manage", "统筹管理全部项目"
    assignments_write = "assignments:write", "安排市领导联系项目"
    tickets_read = "tickets:read", "查看服务事项"
    tickets_raise = "tickets:raise", "提出服务事项"
    tickets_handle = "tickets:handle", "办理交办事项"
    tickets_assign = "tickets:assign", "交办事项"
    tickets_escalate = "tickets:escalate", "督办"
    tickets_instruct = "tickets:instruct", "批示"
    meetings_read = "meetings:read", "查看会议"
    meetings_write = "meetings:write", "管理会议和议定事项"
    reviews_read = "reviews:read", "查看三级联审"
    reviews_nominate = "reviews:nominate", "提名重大项目候选"
    reviews_decide = "reviews:decide", "记录联审和常务会议结论"
    reports_read = "reports:read", "查看报表"
    reports_submit = "reports:submit", "报送月报"
    reports_review = "reports:review", "开启报表期、审核月报季报"
    assessments_write = "assessments:write", "年度考核"
    bulletins_write = "bulletins:write", "编制和发布半年度通报"
    webhooks_manage = "webhooks:manage", "管理推送订阅"


P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.admin: frozenset(
        {
            P.units_read,
            P.units_write,
            P.users_read,
            P.users_write,
            P.api_clients_write,
            P.webhooks_manage,
            P.audit_read,
            P.audit_verify,
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
            P.reports_review,
            P.assessments_write,
            P.bulletins_write,
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
            P.reports_read,
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
        # Its own webhook endpoints (an admin manages every client's).
        P.webhooks_manage,
    }
)
