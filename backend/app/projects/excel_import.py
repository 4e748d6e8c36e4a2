"""Projects from Excel: an all-or-nothing import.

Units keep their ledgers (台账) in Excel; an import either takes every row or none, so a
half-imported ledger never has to be untangled by hand.
"""

import asyncio
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import xlsx_upload
from app.core.errors import AppError, translate_error
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.xlsx_upload import invalid_file
from app.models.enums import DictionaryKind
from app.projects import service
from app.projects.excel_columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    FIELD_HEADER,
    GUIDE_SHEET,
    MAX_IMPORT_ROWS,
    Column,
    dictionary_options,
    header_key,
    owner_units,
)
from app.projects.schemas import ProjectCreate

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 40
TRUE_WORDS = {"是", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×"}


class ImportResult(BaseModel):
    imported: int = Field(description="导入的项目数")
    codes: list[str] = Field(description="新项目的代码，按表格行序")


@dataclass
class Sheet:
    columns: dict[int, Column]  # position in the row → column
    rows: list[tuple[int, tuple[Any, ...]]]  # Excel row number, values


def read_sheet(data: bytes, filename: str | None) -> Sheet:
    """The first worksheet: its header (the first non-blank row) and non-blank data rows."""
    columns, rows = xlsx_upload.read_sheet(
        data, filename, _header, max_columns=MAX_COLUMNS, max_rows=MAX_IMPORT_ROWS
    )
    return Sheet(columns=columns, rows=rows)


def _header(values: tuple[Any, ...]) -> dict[int, Column]:
    found: dict[int, Column] = {}
    for index, value in enumerate(values):
        column = COLUMN_BY_KEY.get(header_key(value)) if value is not None else None
        if column is None:
            continue
        if column in found.values():
            raise invalid_file(f"表头中“{column.header}”出现了两次")
        found[index] = column
    missing = [c.header for c in COLUMNS if c.required and c not in found.values()]
    if missing:
        raise invalid_file(f"表头缺少必填列：{'、'.join(missing)}（请使用导入模板）")
    return found


_CellError = xlsx_upload.CellError
_text, _money, _int = xlsx_upload.text, xlsx_upload.money, xlsx_upload.integer


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = _text(value)
    word = word.lower() if word else ""
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _CellError("应填写“是”或“否”")


def _lookup(options: list[tuple[str, str]]) -> dict[str, str]:
    """Label or code → code."""
    table = {code: code for code, _ in options}
    table.update({label: code for code, label in options})
    return table


def _message(error: Any) -> str:
    kind, ctx = error.get("type"), error.get("ctx") or {}
    if kind == "decimal_max_places":
        return f"最多 {ctx.get('decimal_places', 2)} 位小数"
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return "数值过大"
    return str(translate_error(error)["msg"])


async def import_projects(
    session: AsyncSession, principal: Principal, data: bytes, filename: str | None
) -> list[str]:
    """Creates a project per non-blank row, or none at all: raises 422 `import_invalid` listing
    every error as {row, column, message}. Returns the new codes in row order."""
    sheet = await asyncio.to_thread(read_sheet, data, filename)
    manages = principal.has(Permission.projects_manage)
    lookups = {
        kind.value: _lookup(await dictionary_options(session, kind))
        for kind in (DictionaryKind.industry_chain, DictionaryKind.source_channel)
    }
    units: dict[str, Any] = {}
    if manages:
        for unit in await owner_units(session):
            units[unit.code] = units[unit.name] = unit.id
    errors: list[dict[str, Any]] = []
    if manages and not any(c.kind == "unit" for c in sheet.columns.values()):
        errors.append({"row": 1, "column": "责任单位", "message": "招商统筹导入时须有“责任单位”列"})
    bodies: list[ProjectCreate] = []
    for number, values in sheet.rows:
        body = _row(number, values, sheet.columns, lookups, units, manages, errors)
        if body is not None:
            bodies.append(body)
    if errors:
        raise _import_error(errors)
    codes = []
    for body in bodies:
        project = await service.create(session, principal, body)
        codes.append(project.code)
    return codes


def _row(
    number: int,
    values: tuple[Any, ...],
    columns: dict[int, Column],
    lookups: dict[str, dict[str, str]],
    units: dict[str, Any],
    manages: bool,
    errors: list[dict[str, Any]],
) -> ProjectCreate | None:
    data: dict[str, Any] = {}
    failed: set[str] = set()

    def fail(column: Column, message: str) -> None:
        failed.add(column.field)
        errors.append({"row": number, "column": column.header, "message": message})

    for index, column in columns.items():
        raw = values[index] if index < len(values) else None
        text = _text(raw) if raw is not None else None
        if column.kind == "unit":
            if not manages:
                continue  # officers' projects always belong to their own unit
            if text is None:
                fail(column, "招商统筹导入时必填")
            elif text not in units:
                fail(column, f"“{text}”不是有效的责任单位（须为启用的县市区、园区或市商务局）")
            else:
                data[column.field] = units[text]
            continue
        if text is None:
            continue
        try:
            if column.kind in lookups:
                code = lookups[column.kind].get(text)
                if code is None:
                    raise _CellError(
                        f"“{text}”不在可选范围内，请按“{GUIDE_SHEET}”中的{column.header}填写"
                    )
                data[column.field] = code
            elif column.kind == "money":
                data[column.field] = _money(raw)
            elif column.kind == "int":
                data[column.field] = _int(raw)
            elif column.kind == "bool":
                data[column.field] = _bool(raw)
            else:
                data[column.field] = text
        except _CellError as exc:
            fail(column, str(exc))
    for column in columns.values():
        # A ledger row is a project already known, never a draft: the investor is required
        # here though a lead typed in may be saved without one.
        missing = column.field not in data and column.field not in failed
        if column.required and column.kind != "unit" and missing:
            fail(column, "必填")
    try:
        body = ProjectCreate.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else ""
            if field in failed:
                continue
            header = FIELD_HEADER.get(field, field)
            errors.append({"row": number, "column": header, "message": _message(error)})
        return None
    return None if failed else body


def _import_error(errors: list[dict[str, Any]]) -> AppError:
    order = {c.header: i for i, c in enumerate(COLUMNS)}
    errors.sort(key=lambda e: (e["row"], order.get(e["column"], len(order))))
    first = errors[0]["row"]
    if len(errors) == 1:
        detail = f"第 {first} 行“{errors[0]['column']}”{errors[0]['message']}，未导入任何项目"
    else:
        detail = f"第 {first} 行等 {len(errors)} 处错误，未导入任何项目"
    return AppError(
        detail,
        code="import_invalid",
        status=422,
        extra={"rows": errors[:1000], "error_count": len(errors)},
    )
