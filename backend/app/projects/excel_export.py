"""Projects to Excel: the ledger (台账) export, the project list as a workbook."""

import asyncio
import contextlib
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.core.errors import AppError
from app.core.pagination import PageParams, cursor_key
from app.core.principal import Principal
from app.core.time import SHANGHAI
from app.dictionaries import service as dictionaries
from app.models.enums import DictionaryKind
from app.projects import reads
from app.projects.schemas import ProjectFilter, ProjectRead

MAX_EXPORT_ROWS = 50_000
EXPORT_PAGE = 1_000
REDACTED = "（保密）"

EXPORT_COLUMNS: list[tuple[str, int]] = [
    ("项目代码", 14),
    ("项目名称", 30),
    ("投资方", 30),
    ("统一社会信用代码", 22),
    ("产业链", 14),
    ("招商渠道", 14),
    ("责任单位", 16),
    ("阶段", 10),
    ("计划总投资（万元）", 16),
    ("签约金额（万元）", 16),
    ("到位资金（万元）", 16),
    ("用地面积（亩）", 14),
    ("预计就业（人）", 12),
    ("预计年税收（万元）", 16),
    ("重大项目", 8),
    ("重点项目", 8),
    ("是否外资", 8),
    ("是否保密", 8),
    ("疑似重复", 8),
    ("协议类型", 10),
    ("签约日期", 12),
    ("开工日期", 12),
    ("投产日期", 12),
    ("牵头市领导", 12),
    ("在当前阶段天数", 10),
    ("长期无进展", 10),
    ("卡点说明", 30),
    ("最近活动时间", 17),
    ("创建时间", 17),
]


async def export_projects(
    session: AsyncSession, principal: Principal, settings: Settings, filters: ProjectFilter
) -> bytes:
    """Every project the caller may see that matches the list filters, as the list shows it."""
    labels = {kind: await dictionaries.labels(session, kind) for kind in DictionaryKind}

    async def page(cursor: str | None, first: bool) -> tuple[list[ProjectRead], str | None]:
        params = PageParams(
            limit=EXPORT_PAGE,
            cursor=cursor,
            include_total=first,
            sort=None,
            key=cursor_key(settings),
        )
        items, next_cursor, total = await reads.list_projects(
            session, principal, settings, params, filters
        )
        if total is not None and total > MAX_EXPORT_ROWS:
            raise AppError(
                f"符合条件的项目有 {total} 个，超过单次导出上限 {MAX_EXPORT_ROWS} 个，"
                "请缩小筛选范围",
                code="export_too_large",
                status=422,
            )
        return items, next_cursor

    # The first page (and the count) before the workbook opens its temporary file.
    items, cursor = await page(None, first=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("项目台账")
    for index, (_, width) in enumerate(EXPORT_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    try:
        ws.append([_cell(ws, header, bold=True) for header, _ in EXPORT_COLUMNS])
        await asyncio.to_thread(_append, ws, items, labels)
        while cursor is not None:
            items, cursor = await page(cursor, first=False)
            await asyncio.to_thread(_append, ws, items, labels)
        return await asyncio.to_thread(_save, wb)
    except BaseException:
        _discard(ws)
        raise


def _append(
    ws: Any, items: list[ProjectRead], labels: dict[DictionaryKind, dict[str, str]]
) -> None:
    for p in items:
        ws.append([_cell(ws, v) for v in _export_values(p, labels)])


def _discard(ws: Any) -> None:
    """Closes an abandoned sheet and removes its temporary file (openpyxl would keep it until
    the process exits)."""
    writer = getattr(ws, "_writer", None)
    if writer is None or ws.closed:
        return
    with contextlib.suppress(Exception):
        ws.close()
    with contextlib.suppress(OSError, ValueError):
        writer.cleanup()


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _yes(flag: bool | None) -> str | None:
    return None if flag is None else ("是" if flag else "否")


def _local(moment: datetime) -> datetime:
    # Excel has no time zones: show Beijing time, as users read it.
    return moment.astimezone(SHANGHAI).replace(tzinfo=None, microsecond=0)


def _export_values(p: ProjectRead, labels: dict[DictionaryKind, dict[str, str]]) -> list[Any]:
    chains, channels = labels[DictionaryKind.industry_chain], labels[DictionaryKind.source_channel]
    return [
        p.code,
        p.name,
        REDACTED if p.investor_redacted else p.investor_name,
        None if p.investor_redacted else p.investor_credit_code,
        chains.get(p.industry_chain, p.industry_chain),
        channels.get(p.source_channel, p.source_channel),
        p.owner_unit_name,
        p.stage.label,
        p.planned_investment,
        p.signed_amount,
        p.funds_arrived,
        p.land_area,
        p.expected_jobs,
        p.expected_tax,
        _yes(p.is_major),
        _yes(p.is_key),
        _yes(p.is_foreign),
        _yes(p.is_confidential),
        _yes(p.possible_duplicate),
        p.agreement_type.label if p.agreement_type else None,
        p.signed_date,
        p.started_date,
        p.production_date,
        p.lead_leader.full_name if p.lead_leader else None,
        p.days_in_stage,
        _yes(p.is_stale),
        p.blocker_note,
        _local(p.last_activity_at),
        _local(p.created_at),
    ]


def _cell(ws: Any, value: Any, bold: bool = False) -> Any:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and cell.data_type != "s":
        cell.data_type = "s"  # text that looks like a formula stays text, never runs
    elif isinstance(value, Decimal):
        cell.number_format = "#,##0.00"
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    if bold:
        cell.font = Font(bold=True)
    return cell
