"""Uploaded files: checked by name, size and content, then stored on disk under
`ATTACHMENTS_DIR`. The rows describing them live with their owner (ticket, meeting); the routes
and rules shared by every owner are in `app/attachments/`.

A file reaches its final name only when the session that added its row commits: until then it
is a `.part` file next to it, removed when the transaction rolls back or ends uncommitted. So a
request that fails after the upload leaves neither a row nor a file, and a committed row always
has its file. (A process killed between the write and the commit leaves a `.part` file that
nothing refers to; no row ever points at it.)"""

import hashlib
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from fastapi import Response
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from app.core.body_limit import size_label
from app.core.config import Settings
from app.core.errors import AppError, Unprocessable
from app.models.base import FileMixin

F = TypeVar("F", bound=FileMixin)

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


# Control (C0/C1), format (RTL override, zero-width), surrogate, private-use and unassigned:
# invisible or misleading in a name shown to people and put into download headers.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


def _invalid_name(detail: str) -> Unprocessable:
    return Unprocessable(
        detail,
        code="invalid_filename",
        errors=[{"loc": ["body", "file"], "msg": detail, "type": "invalid_filename"}],
    )


@dataclass(frozen=True)
class Upload:
    """An uploaded file as services see it: the name the client gave and a way to read its
    bytes in chunks. Routers build it from the request's file; nothing below them sees HTTP."""

    filename: str
    read: Callable[[int], Awaitable[bytes]]


def _checked_name(upload: Upload) -> str:
    """The upload's file name, or 422 for a name or type not accepted."""
    filename = Path(upload.filename).name.strip()
    if any(unicodedata.category(ch) in _INVISIBLE for ch in filename):
        raise _invalid_name("文件名含有控制字符或不可见字符，请重命名后上传")
    # Letters, digits, punctuation or symbols; spaces and combining marks alone show nothing.
    stem = Path(filename).stem
    if filename and not any(unicodedata.category(ch)[0] in "LNPS" for ch in stem):
        raise _invalid_name("文件名须含有可见字符，请重命名后上传")
    suffix = Path(filename).suffix.lower()
    if not filename or suffix not in ALLOWED or len(filename) > 200:
        kinds = "、".join(ALLOWED)
        raise Unprocessable(
            f"不支持的文件类型（可上传：{kinds}）",
            code="unsupported_file_type",
            errors=[{"loc": ["body", "file"], "msg": f"可上传：{kinds}", "type": "file_type"}],
        )
    return filename


# Files written in a session's transaction and not yet in place: (partial, target) pairs.
_PENDING = "pending_files"


async def save(
    session: AsyncSession,
    settings: Settings,
    upload: Upload,
    row: Callable[[str, str], F],
    path_of: Callable[[F], Path],
) -> F:
    """Checks and stores an upload; `row(filename, content_type)` builds its (unsaved) row and
    `path_of(row)` says where the bytes go once `session` commits. A rejected upload leaves
    nothing: 413 over `ATTACHMENT_MAX_BYTES`, 422 when the content does not match the
    extension."""
    filename = _checked_name(upload)
    content_type, magics = ALLOWED[Path(filename).suffix.lower()]
    attachment = row(filename, content_type)
    target = path_of(attachment)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    digest, size, head = hashlib.sha256(), 0, b""
    try:
        with partial.open("wb") as out:
            while chunk := await upload.read(CHUNK):
                size += len(chunk)
                if size > settings.attachment_max_bytes:
                    limit = size_label(settings.attachment_max_bytes)
                    raise AppError(f"文件超过 {limit}", code="file_too_large", status=413)
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
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    session.info.setdefault(_PENDING, []).append((partial, target))
    attachment.size, attachment.sha256 = size, digest.hexdigest()
    return attachment


@event.listens_for(Session, "after_commit")
def _move_into_place(session: Session) -> None:
    # A released savepoint is no commit yet: the outer transaction can still roll back.
    if session.in_nested_transaction():
        return
    for partial, target in session.info.pop(_PENDING, ()):
        partial.replace(target)


@event.listens_for(Session, "after_transaction_end")
def _discard(session: Session, transaction: SessionTransaction) -> None:
    # The outermost transaction ended: whatever a commit did not move in was rolled back.
    if transaction.parent is None:
        for partial, _ in session.info.pop(_PENDING, ()):
            partial.unlink(missing_ok=True)


def download(content: bytes, media_type: str, filename: str, fallback: str) -> Response:
    """A generated file (Word, Excel) as an attachment: an ASCII fallback name for old clients
    and the Chinese name per RFC 5987."""
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{fallback}"; '
            f"filename*=UTF-8''{quote(filename)}"
        },
    )
