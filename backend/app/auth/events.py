"""Sign-ins, sign-outs and password changes (reactions: app/subscriptions.py; the audit trail
only).

A sign-in attempt has no authenticated caller: the actor is the person the username names, if
any, and `ip` the address the attempt came from.
"""

from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Recorded


@dataclass(frozen=True, kw_only=True)
class AuthRecorded(Recorded):
    """About a person's account: `login` (successful, failed or refused while locked),
    `refresh_replay` (a used refresh token presented again), `logout`, `logout_all`,
    `password_change`."""

    object_type: ClassVar[str] = "user"

    @property
    def action(self) -> str:
        return f"auth.{self.verb}"


@dataclass(frozen=True, kw_only=True)
class ClientAuthRecorded(AuthRecorded):
    """About a partner system's client: `client_token` (a refused client-credentials grant)."""

    object_type: ClassVar[str] = "api_client"
