"""The versioned API: one router at /api/v1 that includes each domain's router."""

from fastapi import APIRouter

from app.api_clients.router import router as api_clients_router
from app.assignments.router import router as assignments_router
from app.audit.router import router as audit_router
from app.auth.router import router as auth_router
from app.dictionaries.router import router as dictionaries_router
from app.meta.router import router as meta_router
from app.projects.excel_router import router as projects_excel_router
from app.projects.router import router as projects_router
from app.units.router import router as units_router
from app.users.router import router as users_router

api_router = APIRouter(prefix="/api/v1")
for router in (
    auth_router,
    units_router,
    users_router,
    api_clients_router,
    audit_router,
    meta_router,
    dictionaries_router,
    assignments_router,
    # Before the projects router, so /projects/export is not read as a project id.
    projects_excel_router,
    projects_router,
):
    api_router.include_router(router)
