"""Projects to and from Excel (台账): the import template, the import and the export."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Response, UploadFile

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core import files, xlsx
from app.core.errors import AppError, Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.xlsx import XLSX_MEDIA_TYPE
from app.projects import excel_export, excel_import, excel_template
from app.projects.schemas import ProjectFilter

router = APIRouter(prefix="/projects", tags=["projects"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.projects_read))]
Writer = Annotated[Principal, Depends(require(Permission.projects_write))]
Filters = Annotated[ProjectFilter, query_model(ProjectFilter)]


def _download(content: bytes, filename: str, fallback: str) -> Response:
    return files.download(content, XLSX_MEDIA_TYPE, filename, fallback)


@router.get(
    "/import-template",
    response_class=Response,
    responses=xlsx.responses("项目导入模板（.xlsx）"),
    summary="下载项目导入模板",
)
async def download_import_template(principal: Writer, session: SessionDep) -> Response:
    """The .xlsx to fill in: a header row (`*` marks required columns) and a sheet
    「填写说明」 explaining each column and listing the allowed 产业链, 招商渠道 and 责任单位."""
    content = await excel_template.build_template(session)
    return _download(content, "项目导入模板.xlsx", "project-import-template.xlsx")


@router.post(
    "/imports",
    response_model=excel_import.ImportResult,
    responses={413: {"model": Problem}, 422: {"model": Problem}},
    summary="从 Excel 导入项目",
)
async def import_projects(
    principal: Writer,
    session: SessionDep,
    file: Annotated[
        UploadFile, File(description="按导入模板填写的 .xlsx 文件（不超过 5 MB、5000 行）")
    ],
) -> excel_import.ImportResult:
    """Creates one project (stage `lead`) per non-blank row, all or nothing. If any row is
    wrong nothing is imported and the 422 problem (`code` = `import_invalid`) lists every error
    in `rows`: `{row, column, message}` with the Excel row number, the column header and a
    Chinese message (`error_count` gives the total). A file that is not .xlsx answers 422
    `invalid_file`; more than 5 MB answers 413 `file_too_large`. District and park officers'
    projects always belong to their own unit; coordinators name the 责任单位 per row."""
    data = await file.read(excel_import.MAX_UPLOAD_BYTES + 1)
    if len(data) > excel_import.MAX_UPLOAD_BYTES:
        raise AppError("文件超过 5 MB，请拆分后分批导入", code="file_too_large", status=413)
    codes = await excel_import.import_projects(session, principal, data, file.filename)
    return excel_import.ImportResult(imported=len(codes), codes=codes)


@router.get(
    "/export",
    response_class=Response,
    responses=xlsx.responses("项目台账（.xlsx）"),
    summary="导出项目台账",
)
async def export_projects(
    principal: Reader, session: SessionDep, settings: SettingsDep, filters: Filters
) -> Response:
    """Every project in the caller's scope matching the same filters as the project list, with
    Chinese headers and labels; confidential investors show as （保密） where the API hides them.
    At most 50,000 rows (more answers 422 `export_too_large`: narrow the filters)."""
    content = await excel_export.export_projects(session, principal, settings, filters)
    return xlsx.download(content, "项目台账", "projects")
