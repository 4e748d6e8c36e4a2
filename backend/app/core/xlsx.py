"""A list as an Excel workbook: the one export every list a unit reports from shares.

A domain describes its sheet as columns (a Chinese header, a width, how to read the value off a
list item) and hands over the same list function its list route calls, with the same filters and
the caller's scope; this module pages through it, refuses more than `MAX_ROWS` rows with a
problem, and writes cells people can work with: enum labels rather than codes, yes/no as 是/否,
money as numbers with a thousands format (the header names the unit, 万元), dates and times as
real Excel dates in Beijing time, and a frozen bold header row.
"""

import asyncio
import contextlib
import io
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Generic, TypeVar

from fastapi import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.core import files
from app.core.config import Settings
from app.core.errors import AppError, Problem
from app.core.pagination import PageParams, cursor_key
from app.core.time import SHANGHAI
from app.models.enums import LabelledEnum

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Read at call time, so a test can lower them.
MAX_ROWS = 50_000
PAGE = 1_000

T = TypeVar("T")
# One page of a list: (items, next_cursor, total); total is asked for on the first page only.
ListPage = Callable[[PageParams], Awaitable[tuple[list[T], str | None, int | None]]]


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str  # Chinese, with the unit where there is one: 计划总投资（万元）
    width: int
    value: Callable[[T], Any]


def responses(description: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answers of an export route."""
    return {
        200: {
            "description": description,
            "content": {XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        },
        422: {"model": Problem},
    }


def download(content: bytes, name: str, fallback: str) -> Response:
    """The workbook as an attachment named `<name>_<yyyymmdd>.xlsx` (Beijing date)."""
    stamp = datetime.now(SHANGHAI).strftime("%Y%m%d")
    return files.download(
        content, XLSX_MEDIA_TYPE, f"{name}_{stamp}.xlsx", f"{fallback}-{stamp}.xlsx"
    )


async def export(
    settings: Settings,
    list_page: ListPage[T],
    columns: Sequence[Column[T]],
    *,
    sheet: str,
    noun: str,
    measure: str = "条",
) -> bytes:
    """Every item the list would show (all its pages) as one sheet. More than `MAX_ROWS` answers
    422 `export_too_large` before any row is written."""
    limit = MAX_ROWS

    async def page(cursor: str | None, first: bool) -> tuple[list[T], str | None]:
        params = PageParams(
            limit=PAGE, cursor=cursor, include_total=first, sort=None, key=cursor_key(settings)
        )
        items, next_cursor, total = await list_page(params)
        if total is not None and total > limit:
            raise AppError(
                f"符合条件的{noun}有 {total} {measure}，超过单次导出上限 {limit} {measure}，"
                "请缩小筛选范围",
                code="export_too_large",
                status=422,
            )
        return items, next_cursor

    # The first page (and the count) before the workbook opens its temporary file.
    items, cursor = await page(None, first=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    try:
        ws.append([_cell(ws, column.header, bold=True) for column in columns])
        await asyncio.to_thread(_append, ws, items, columns)
        while cursor is not None:
            items, cursor = await page(cursor, first=False)
            await asyncio.to_thread(_append, ws, items, columns)
        return await asyncio.to_thread(_save, wb)
    except BaseException:
        _discard(ws)
        raise


async def table(sheets: Sequence[tuple[str, Sequence[Column[Any]], Sequence[Any]]]) -> bytes:
    """Rows already in hand (a statistics table, never a long list) as one sheet each, with
    the same header row and cells as `export`."""

    def build() -> bytes:
        wb = Workbook(write_only=True)
        for name, columns, rows in sheets:
            ws = wb.create_sheet(name)
            for index, column in enumerate(columns, 1):
                ws.column_dimensions[get_column_letter(index)].width = column.width
            ws.freeze_panes = "A2"
            ws.append([_cell(ws, column.header, bold=True) for column in columns])
            _append(ws, list(rows), columns)
        return _save(wb)

    return await asyncio.to_thread(build)


def _append(ws: Any, items: list[T], columns: Sequence[Column[T]]) -> None:
    for item in items:
        ws.append([_cell(ws, column.value(item)) for column in columns])


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


def plain(value: Any) -> Any:
    """A value as a cell holds it: labels for enums, 是/否, Beijing time without a zone (Excel
    has none), lists joined with 、."""
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(SHANGHAI).replace(tzinfo=None)
        return value.replace(microsecond=0)
    if isinstance(value, list | tuple):
        return "、".join(str(plain(v)) for v in value if v is not None) or None
    return value


def _cell(ws: Any, value: Any, bold: bool = False) -> Any:
    value = plain(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text that looks like a formula stays text, never runs
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif isinstance(value, Decimal):
        cell.number_format = "#,##0.00"
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, time):
        cell.number_format = "hh:mm"
    if bold:
        cell.font = Font(bold=True)
    return cell
