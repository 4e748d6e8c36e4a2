"""Files on an owner (a ticket, a meeting): upload, list and download, the same for every
owner. What differs is said by the owner's `AttachmentOwner`: how the owner is loaded within the
caller's scope (a 404 outside it), who may add a file, where the bytes go and which table holds
the rows. `core/files.py` checks and stores the bytes."""

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.attachments.events import AttachmentAdded
from app.core import events, files
from app.core.config import Settings
from app.core.errors import NotFound
from app.core.events import snapshot
from app.core.principal import Principal
from app.models.base import FileMixin

RowT = TypeVar("RowT", bound=FileMixin)
OwnerT = TypeVar("OwnerT")


@dataclass(frozen=True)
class AttachmentOwner(Generic[RowT, OwnerT]):
    kind: str
    """`ticket`: the path parameter `ticket_id`, the operation ids (`upload_ticket_attachment`),
    the audit object type and action (`ticket.attach`)."""
    collection: str
    """The owner's URL segment under /api/v1 (`tickets`)."""
    label: str
    """Put into the route summaries (`上传会议附件`); empty for tickets."""
    model: type[RowT]
    owner_column: str
    """The column of `model` naming the owner (`ticket_id`)."""
    folder: str
    """Under `ATTACHMENTS_DIR`; the files are `<folder>/<owner id>/<attachment id>`."""
    load: Callable[[AsyncSession, Principal, uuid.UUID], Awaitable[OwnerT]]
    """The owner's own service function: the owner if the caller may see it, else 404."""
    check_upload: Callable[[Principal, OwnerT], None]
    """Raises when the caller may not add a file to the loaded owner now."""
    on_upload: Callable[[AsyncSession, Principal, OwnerT, RowT], Awaitable[None]] | None = None
    """What else an upload records on the owner (a ticket's timeline entry)."""

    def path_of(self, settings: Settings, owner_id: uuid.UUID, attachment_id: uuid.UUID) -> Path:
        return Path(settings.attachments_dir) / self.folder / str(owner_id) / str(attachment_id)

    def owner_id(self, row: RowT) -> uuid.UUID:
        value: uuid.UUID = getattr(row, self.owner_column)
        return value

    def url_of(self, row: RowT) -> str:
        return f"/api/v1/{self.collection}/{self.owner_id(row)}/attachments/{row.id}"


async def upload(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    owner: AttachmentOwner[RowT, OwnerT],
    owner_id: uuid.UUID,
    file: files.Upload,
) -> RowT:
    loaded = await owner.load(session, principal, owner_id)
    owner.check_upload(principal, loaded)
    fields: dict[str, Any] = {
        owner.owner_column: owner_id,
        "uploaded_by_id": principal.user.id if principal.user else None,
        "uploader_name": principal.display_name,
    }
    row = await files.save(
        session,
        settings,
        file,
        lambda filename, content_type: owner.model(
            **fields, filename=filename, content_type=content_type
        ),
        lambda row: owner.path_of(settings, owner_id, row.id),
    )
    session.add(row)
    if owner.on_upload is not None:
        await owner.on_upload(session, principal, loaded, row)
    await session.flush()
    await events.emit(
        session,
        AttachmentAdded(
            actor=principal,
            object_id=owner_id,
            owner_kind=owner.kind,
            attachment_id=row.id,
            filename=row.filename,
            after=snapshot(row),
        ),
    )
    return row


async def list_for(
    session: AsyncSession,
    principal: Principal,
    owner: AttachmentOwner[RowT, OwnerT],
    owner_id: uuid.UUID,
) -> Sequence[RowT]:
    await owner.load(session, principal, owner_id)
    model = owner.model
    stmt = (
        select(model)
        .where(getattr(model, owner.owner_column) == owner_id)
        .order_by(col(model.uploaded_at))
    )
    return (await session.execute(stmt)).scalars().all()


async def get(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    owner: AttachmentOwner[RowT, OwnerT],
    owner_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> tuple[RowT, Path]:
    await owner.load(session, principal, owner_id)
    row = await session.get(owner.model, attachment_id)
    path = owner.path_of(settings, owner_id, attachment_id)
    if row is None or owner.owner_id(row) != owner_id or not path.exists():
        raise NotFound("附件不存在")
    return row, path
