"""Files on a ticket, stored on disk by id (`core/files.py` checks and writes them)."""

import uuid
from collections.abc import Sequence
from pathlib import Path

from fastapi import UploadFile
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.audit import service as audit
from app.core import files
from app.core.config import Settings
from app.core.errors import Forbidden, NotFound
from app.core.principal import Principal
from app.models import TicketAttachment
from app.models.enums import TicketEventKind
from app.tickets import scope
from app.tickets.service import add_event, load


def path_of(settings: Settings, row: TicketAttachment) -> Path:
    return Path(settings.attachments_dir) / str(row.ticket_id) / str(row.id)


async def upload(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    ticket_id: uuid.UUID,
    file: UploadFile,
) -> TicketAttachment:
    ticket, project = await load(session, principal, ticket_id)
    if "attach" not in scope.actions(principal, ticket, project):
        raise Forbidden("当前状态下不能上传附件")
    row = await files.save(
        settings,
        file,
        lambda filename, content_type: TicketAttachment(
            ticket_id=ticket.id,
            filename=filename,
            content_type=content_type,
            uploaded_by_id=principal.user.id if principal.user else None,
            uploader_name=principal.display_name,
        ),
        lambda row: path_of(settings, row),
    )
    session.add(row)
    await add_event(session, principal, ticket, TicketEventKind.attachment, note=row.filename)
    await session.flush()
    audit.record(
        session,
        action="ticket.attach",
        object_type="ticket",
        object_id=ticket.id,
        actor=principal,
        after=audit.snapshot(row),
    )
    return row


async def list_for(
    session: AsyncSession, principal: Principal, ticket_id: uuid.UUID
) -> Sequence[TicketAttachment]:
    ticket, _ = await load(session, principal, ticket_id)
    stmt = (
        select(TicketAttachment)
        .where(col(TicketAttachment.ticket_id) == ticket.id)
        .order_by(col(TicketAttachment.uploaded_at))
    )
    return (await session.execute(stmt)).scalars().all()


async def get(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    ticket_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> tuple[TicketAttachment, Path]:
    ticket, _ = await load(session, principal, ticket_id)
    row = await session.get(TicketAttachment, attachment_id)
    if row is None or row.ticket_id != ticket.id or not path_of(settings, row).exists():
        raise NotFound("附件不存在")
    return row, path_of(settings, row)
