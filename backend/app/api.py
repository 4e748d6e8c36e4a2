"""The versioned API: each domain's router, mounted under /api/v1."""

from app.api_clients.router import router as api_clients_router
from app.assessments.router import router as assessments_router
from app.assignments.router import router as assignments_router
from app.audit.router import router as audit_router
from app.auth.router import router as auth_router
from app.bulletins.router import router as bulletins_router
from app.changes.router import router as changes_router
from app.dictionaries.router import router as dictionaries_router
from app.holidays.router import router as holidays_router
from app.jobs.router import router as escalation_router
from app.meetings.decisions_router import router as decisions_router
from app.meetings.router import router as meetings_router
from app.meta.router import router as meta_router
from app.notifications.router import router as notifications_router
from app.projects.excel_router import router as projects_excel_router
from app.projects.router import router as projects_router
from app.reports.router import periods_router as report_periods_router
from app.reports.router import router as reports_router
from app.reviews.router import router as reviews_router
from app.stats.router import router as stats_router
from app.tickets.router import router as tickets_router
from app.units.router import router as units_router
from app.users.router import router as users_router
from app.webhooks.router import router as webhooks_router

PREFIX = "/api/v1"
# Included one by one on the app (not nested under one prefix router: the nested tree is walked
# again on every request), most-requested first, since routes are matched in order. The Excel
# routes come before the projects router, so /projects/export is not read as a project id.
ROUTERS = (
    projects_excel_router,
    projects_router,
    tickets_router,
    escalation_router,
    notifications_router,
    meetings_router,
    decisions_router,
    auth_router,
    units_router,
    users_router,
    api_clients_router,
    webhooks_router,
    changes_router,
    audit_router,
    meta_router,
    dictionaries_router,
    assignments_router,
    holidays_router,
    reviews_router,
    stats_router,
    report_periods_router,
    reports_router,
    bulletins_router,
    assessments_router,
)
