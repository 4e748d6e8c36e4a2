"""The three attachment routes, declared once and mounted on each owner's router
(`/tickets/{ticket_id}/attachments`, `/meetings/{meeting_id}/attachments`). Operation ids and
path parameter names follow the owner's kind, as they did when each owner declared its own."""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Response, UploadFile, status
from fastapi.responses import FileResponse

from app.attachments import service
from app.attachments.schemas import AttachmentRead
from app.attachments.service import AttachmentOwner
from app.auth.dependencies import SessionDep, SettingsDep
from app.core import files
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.principal import Principal

UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem} for code in (404, 409, 422, 403, 413)
}


def attachment_router(
    owner: AttachmentOwner[Any, Any],
    *,
    reader: Callable[..., Any],
    uploader: Callable[..., Any],
) -> APIRouter:
    """Routes for `owner`'s files: `reader` and `uploader` are the permission dependencies
    (`require(...)`) for reading and for adding a file."""
    router = APIRouter(route_class=IdempotentRoute)
    param = f"{owner.kind}_id"
    title = param.replace("_", " ").title()
    OwnerId = Annotated[uuid.UUID, Path(alias=param, title=title)]
    Reader = Annotated[Principal, Depends(reader)]
    Uploader = Annotated[Principal, Depends(uploader)]

    def read(row: Any) -> AttachmentRead:
        return AttachmentRead.of(row, owner.url_of(row))

    @router.get(
        f"/{{{param}:uuid}}/attachments",
        response_model=list[AttachmentRead],
        responses={404: {"model": Problem}},
        summary=f"{owner.label}附件列表",
        name=f"list_{owner.kind}_attachments",
    )
    async def list_attachments(
        owner_id: OwnerId, principal: Reader, session: SessionDep
    ) -> list[AttachmentRead]:
        return [read(r) for r in await service.list_for(session, principal, owner, owner_id)]

    @router.post(
        f"/{{{param}:uuid}}/attachments",
        response_model=AttachmentRead,
        status_code=status.HTTP_201_CREATED,
        responses=UPLOAD_ERRORS,
        summary=f"上传{owner.label}附件",
        name=f"upload_{owner.kind}_attachment",
    )
    async def upload_attachment(
        owner_id: OwnerId,
        principal: Uploader,
        session: SessionDep,
        settings: SettingsDep,
        response: Response,
        file: Annotated[
            UploadFile, File(description="PDF、图片、Word 或 Excel 文件（默认不超过 10 MB）")
        ],
    ) -> AttachmentRead:
        upload = files.Upload(file.filename or "", file.read)
        row = await service.upload(session, settings, principal, owner, owner_id, upload)
        response.headers["Location"] = owner.url_of(row)
        return read(row)

    @router.get(
        f"/{{{param}:uuid}}/attachments/{{attachment_id:uuid}}",
        response_class=FileResponse,
        responses={200: {"content": {"application/octet-stream": {}}}, 404: {"model": Problem}},
        summary=f"下载{owner.label}附件",
        name=f"download_{owner.kind}_attachment",
    )
    async def download_attachment(
        owner_id: OwnerId,
        attachment_id: uuid.UUID,
        principal: Reader,
        session: SessionDep,
        settings: SettingsDep,
    ) -> FileResponse:
        row, path = await service.get(session, settings, principal, owner, owner_id, attachment_id)
        return FileResponse(path, media_type=row.content_type, filename=row.filename)

    return router
