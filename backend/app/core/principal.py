"""The caller of a request or a job: a signed-in person or a partner system, with the
permissions it acts with. Services take it to apply their scope; `auth.dependencies` builds it
from the bearer token."""

import uuid
from dataclasses import dataclass, field

from app.core.permissions import ROLE_PERMISSIONS, Permission
from app.models import ApiClient, User
from app.models.enums import Role

# The oversight roles: every unit's projects, tickets, meetings and decisions are theirs to see.
# Each domain's scope starts from this one definition (the project register adds its readers).
SEES_EVERYTHING = frozenset({Role.coordinator, Role.supervisor})


@dataclass
class Principal:
    """The caller: a signed-in person or a partner system."""

    user: User | None = None
    client: ApiClient | None = None
    permissions: frozenset[str] = field(default_factory=frozenset)
    ip: str | None = None

    @property
    def is_person(self) -> bool:
        return self.user is not None

    @property
    def role(self) -> Role | None:
        return Role(self.user.role) if self.user else None

    @property
    def unit_id(self) -> uuid.UUID:
        if self.user is not None:
            return self.user.unit_id
        assert self.client is not None
        return self.client.unit_id

    @property
    def display_name(self) -> str:
        """How the caller is named in histories: a person's name, or the partner system's."""
        if self.user is not None:
            return self.user.full_name
        assert self.client is not None
        return self.client.name

    @property
    def sees_everything(self) -> bool:
        """A person in an oversight role; a partner system is always bound to its unit."""
        return self.user is not None and self.role in SEES_EVERYTHING

    def has(self, permission: Permission) -> bool:
        return permission.value in self.permissions

    @classmethod
    def of_user(cls, user: User, ip: str | None = None) -> "Principal":
        """A person acting with their role's permissions."""
        perms = frozenset(p.value for p in ROLE_PERMISSIONS[Role(user.role)])
        return cls(user=user, permissions=perms, ip=ip)
