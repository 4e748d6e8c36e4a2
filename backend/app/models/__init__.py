"""Every table model; importing this package registers them all on SQLModel.metadata."""

from app.models.api_client import ApiClient
from app.models.audit import AuditEvent
from app.models.unit import Unit
from app.models.user import LoginThrottle, RefreshToken, User

__all__ = ["ApiClient", "AuditEvent", "LoginThrottle", "RefreshToken", "Unit", "User"]
