"""A file added to an owner (reactions: app/subscriptions.py)."""

import uuid
from dataclasses import dataclass

from app.core.events import Event


@dataclass(frozen=True, kw_only=True)
class AttachmentAdded(Event):
    """A file uploaded to a ticket or a meeting. The trail files it under its owner: the
    object is the owner (`object_id`, object type `owner_kind`), the action `<owner_kind>.attach`,
    `after` the attachment's row."""

    object_id: uuid.UUID
    owner_kind: str
    attachment_id: uuid.UUID
    filename: str

    @property
    def object_type(self) -> str:  # type: ignore[override]
        return self.owner_kind

    @property
    def action(self) -> str:
        return f"{self.owner_kind}.attach"
