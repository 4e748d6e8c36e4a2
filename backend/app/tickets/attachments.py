"""Files on a ticket: checked by size, extension and content, stored on disk by id."""

import hashlib
import uuid
from collections.abc import Sequence
from pathlib import Path

from fastapi import UploadFile
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.audit import service as audit
from app.auth.dependencies import Principal
from app.core.config import Settings
from app.core.errors import AppError, Forbidden, NotFound, Unprocessable
from app.models import TicketAttachment
from app.models.enums import TicketEventKind
from app.tickets import scope
from app.tickets.service import add_event, load

# Extension → (content type, leading bytes the file must start with). The content check stops
# an executable renamed to .pdf; Office files are ZIP (new) or OLE2 (old) containers.
ALLOWED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",)),
}
CHUNK = 64 * 1024


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
    filename = Path(file.filename or "").name.strip()
    suffix = Path(filename).suffix.lower()
    if not filename or suffix not in ALLOWED or len(filename) > 200:
        kinds = "、".join(ALLOWED)
        raise Unprocessable(
            f"不支持的文件类型（可上传：{kinds}）",
            code="unsupported_file_type",
            errors=[{"loc": ["body", "file"], "msg": f"可上传：{kinds}", "type": "file_type"}],
        )
    content_type, magics = ALLOWED[suffix]
    row = TicketAttachment(
        ticket_id=ticket.id,
        filename=filename,
        content_type=content_type,
        size=0,
        sha256="",
        uploaded_by_id=principal.user.id if principal.user else None,
        uploader_name=principal.display_name,
    )
    target = path_of(settings, row)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    digest, size, head = hashlib.sha256(), 0, b""
    try:
        with partial.open("wb") as out:
            while chunk := await file.read(CHUNK):
                size += len(chunk)
                if size > settings.attachment_max_bytes:
                    limit = settings.attachment_max_bytes // (1024 * 1024)
                    raise AppError(f"文件超过 {limit} MB", code="file_too_large", status=413)
                if len(head) < 16:
                    head += chunk[:16]
                digest.update(chunk)
                out.write(chunk)
        if size == 0 or not any(head.startswith(m) for m in magics):
            raise Unprocessable(
                "文件内容与扩展名不符或文件为空",
                code="file_content_mismatch",
                errors=[{"loc": ["body", "file"], "msg": "内容不符", "type": "file_content"}],
            )
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    row.size, row.sha256 = size, digest.hexdigest()
    session.add(row)
    await add_event(session, principal, ticket, TicketEventKind.attachment, note=filename)
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
