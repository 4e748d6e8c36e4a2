"""Projects to and from Excel: the import template, an all-or-nothing import, and the export.

Units keep their ledgers (台账) in Excel; an import either takes every row or none, so a
half-imported ledger never has to be untangled by hand.
"""

import asyncio
import contextlib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.config import Settings
from app.core.db import CENT
from app.core.errors import AppError, translate_error
from app.core.pagination import PageParams, cursor_key
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.time import SHANGHAI
from app.dictionaries import service as dictionaries
from app.models import Unit
from app.models.enums import DictionaryKind, UnitKind
from app.projects import service
from app.projects.schemas import ProjectCreate, ProjectRead

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024  # a 5 MB zip must not inflate into gigabytes
MAX_IMPORT_ROWS = 5_000
MAX_EXPORT_ROWS = 50_000
MAX_COLUMNS = 40
EXPORT_PAGE = 1_000
DATA_SHEET = "项目"
GUIDE_SHEET = "填写说明"
REDACTED = "（保密）"
OWNER_KINDS = (UnitKind.district, UnitKind.park, UnitKind.bureau)
TRUE_WORDS = {"是", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×"}


class ImportResult(BaseModel):
    imported: int = Field(description="导入的项目数")
    codes: list[str] = Field(description="新项目的代码，按表格行序")


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str  # text | money | int | bool | industry_chain | source_channel | unit
    required: bool
    note: str
    example: str | int | float


COLUMNS = [
    Column("项目名称", "name", "text", True, "2–200 字", "智能装备产业园项目"),
    Column("投资方", "investor_name", "text", True, "企业全称，2–200 字", "湖南某某科技有限公司"),
    Column(
        "统一社会信用代码",
        "investor_credit_code",
        "text",
        False,
        "18 位，末位为校验位；请保持单元格为文本格式",
        "（18 位代码）",
    ),
    Column(
        "产业链",
        "industry_chain",
        "industry_chain",
        True,
        "从右侧“产业链”中选择名称",
        "先进装备制造",
    ),
    Column(
        "招商渠道",
        "source_channel",
        "source_channel",
        True,
        "从右侧“招商渠道”中选择名称",
        "敲门招商",
    ),
    Column(
        "责任单位",
        "owner_unit_id",
        "unit",
        False,
        "招商统筹导入时必填，从右侧“责任单位”中选择；县市区/园区专员导入的项目一律归本单位，此列不起作用",
        "雨湖区",
    ),
    Column(
        "计划总投资（万元）",
        "planned_investment",
        "money",
        True,
        "数字，最多两位小数；≥ 10000 万元（1 亿元）即为重大项目",
        52000,
    ),
    Column("用地面积（亩）", "land_area", "money", False, "数字，最多两位小数", 120.5),
    Column("预计就业（人）", "expected_jobs", "int", False, "整数", 300),
    Column("预计年税收（万元）", "expected_tax", "money", False, "数字，最多两位小数", 2600),
    Column("是否外资", "is_foreign", "bool", False, "填“是”或“否”，空白为否", "否"),
    Column(
        "是否保密",
        "is_confidential",
        "bool",
        False,
        "填“是”或“否”，空白为否；保密项目对只读用户和合作系统隐藏投资方",
        "否",
    ),
    Column("卡点说明", "blocker_note", "text", False, "项目因何受阻，最多 1000 字", ""),
]
FIELD_HEADER = {c.field: c.header for c in COLUMNS}


def _key(header: Any) -> str:
    """How a header is matched: without `*`, the unit in brackets, and spaces."""
    text = str(header).replace("*", "").replace("＊", "")
    return re.sub(r"\s+", "", re.split(r"[（(]", text)[0])


COLUMN_BY_KEY = {_key(c.header): c for c in COLUMNS}


def _invalid_file(detail: str) -> AppError:
    return AppError(detail, code="invalid_file", status=422)


async def _options(session: AsyncSession, kind: DictionaryKind) -> list[tuple[str, str]]:
    items = await dictionaries.list_items(session, kind, include_inactive=False)
    return [(i.code, i.label) for i in items]


async def _owner_units(session: AsyncSession) -> list[Unit]:
    stmt = (
        select(Unit)
        .where(col(Unit.is_active), col(Unit.kind).in_([k.value for k in OWNER_KINDS]))
        .order_by(col(Unit.code))
    )
    return list((await session.execute(stmt)).scalars())


# ---------------------------------------------------------------- template


async def build_template(session: AsyncSession) -> bytes:
    chains = await _options(session, DictionaryKind.industry_chain)
    channels = await _options(session, DictionaryKind.source_channel)
    units = [u.name for u in await _owner_units(session)]
    return await asyncio.to_thread(_template_bytes, chains, channels, units)


def _template_bytes(
    chains: list[tuple[str, str]], channels: list[tuple[str, str]], units: list[str]
) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = DATA_SHEET
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    ws.append([c.header + ("*" if c.required else "") for c in COLUMNS])
    for index, column in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill = bold, fill
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = 30 if column.kind == "text" else 18
        if column.field == "investor_credit_code":
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"

    guide = wb.create_sheet(GUIDE_SHEET)
    guide.append(["列名", "是否必填", "填写要求", "示例"])
    for column in COLUMNS:
        guide.append(
            [column.header, "必填" if column.required else "选填", column.note, column.example]
        )
    guide.append([])
    guide.append(["说明：第一行为表头，请勿修改；从第二行起每行一个项目，空行会被跳过。"])
    guide.append(
        [f"任何一行有错误时整份表格都不会导入；单次最多 {MAX_IMPORT_ROWS} 行，文件不超过 5 MB。"]
    )
    guide.append(["带 * 的列为必填；产业链、招商渠道也可填写代码。"])
    lists = {
        "F": ("产业链", [label for _, label in chains], [code for code, _ in chains]),
        "H": ("招商渠道", [label for _, label in channels], [code for code, _ in channels]),
        "J": ("责任单位", units, None),
        "L": ("是/否", ["是", "否"], None),
    }
    for letter, (title, labels, codes) in lists.items():
        col_index = ord(letter) - ord("A") + 1
        guide.cell(row=1, column=col_index, value=title)
        if codes is not None:
            guide.cell(row=1, column=col_index + 1, value="代码")
        for row, label in enumerate(labels, 2):
            guide.cell(row=row, column=col_index, value=label)
            if codes is not None:
                guide.cell(row=row, column=col_index + 1, value=codes[row - 2])
    for cell in guide[1]:
        cell.font = bold
    for letter, width in {"A": 20, "B": 10, "C": 60, "D": 22, "F": 16, "H": 16, "J": 18}.items():
        guide.column_dimensions[letter].width = width

    list_letter = {"industry_chain": "F", "source_channel": "H", "unit": "J", "bool": "L"}
    for index, column in enumerate(COLUMNS, 1):
        source = list_letter.get(column.kind)
        if source is None:
            continue
        _, labels, _ = lists[source]
        end = max(len(labels), 1) + 1
        validation = DataValidation(
            type="list",
            formula1=f"'{GUIDE_SHEET}'!${source}$2:${source}${end}",
            allow_blank=True,
            showErrorMessage=False,
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{MAX_IMPORT_ROWS + 1}")
        ws.add_data_validation(validation)

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- import


@dataclass
class Sheet:
    columns: dict[int, Column]  # position in the row → column
    rows: list[tuple[int, tuple[Any, ...]]]  # Excel row number, values


def _check_container(data: bytes, filename: str | None) -> None:
    if filename and not filename.lower().endswith(".xlsx"):
        raise _invalid_file("只接受 Excel .xlsx 文件，请用模板填写后上传")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _invalid_file("不支持 .xls（Excel 97-2003）格式，请另存为 .xlsx 后上传")
    if not data.startswith(b"PK\x03\x04"):
        raise _invalid_file("文件不是有效的 Excel .xlsx 文件")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise _invalid_file("文件不是有效的 Excel .xlsx 文件") from exc
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise _invalid_file("文件不是有效的 Excel .xlsx 文件")
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise AppError("文件内容过大，请拆分后分批导入", code="file_too_large", status=413)


def read_sheet(data: bytes, filename: str | None) -> Sheet:
    """The first worksheet: its header (the first non-blank row) and non-blank data rows."""
    _check_container(data, filename)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _invalid_file("无法读取该 Excel 文件，请确认文件未损坏并为 .xlsx 格式") from exc
    try:
        ws = wb.worksheets[0]
        header: dict[int, Column] | None = None
        rows: list[tuple[int, tuple[Any, ...]]] = []
        for number, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            if header is None:
                header = _header(values)
                continue
            rows.append((number, tuple(values)))
            if len(rows) > MAX_IMPORT_ROWS:
                raise AppError(
                    f"单次最多导入 {MAX_IMPORT_ROWS} 行，请拆分后分批导入",
                    code="too_many_rows",
                    status=422,
                )
    except AppError:
        raise
    except Exception as exc:
        raise _invalid_file("无法读取该 Excel 文件，请确认文件未损坏并为 .xlsx 格式") from exc
    finally:
        wb.close()
    if header is None:
        raise _invalid_file("表格是空的：第一行应为表头，请使用导入模板")
    return Sheet(columns=header, rows=rows)


def _header(values: tuple[Any, ...]) -> dict[int, Column]:
    found: dict[int, Column] = {}
    for index, value in enumerate(values):
        column = COLUMN_BY_KEY.get(_key(value)) if value is not None else None
        if column is None:
            continue
        if column in found.values():
            raise _invalid_file(f"表头中“{column.header}”出现了两次")
        found[index] = column
    missing = [c.header for c in COLUMNS if c.required and c not in found.values()]
    if missing:
        raise _invalid_file(f"表头缺少必填列：{'、'.join(missing)}（请使用导入模板）")
    return found


class _CellError(ValueError):
    pass


def _text(value: Any) -> str | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = str(value).strip()
    return text or None


def _money(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise _CellError("应为数字")
    if isinstance(value, float):
        number = Decimal(repr(value))
        # Excel keeps doubles; 0.1 + 0.2 must still read as 0.30.
        if abs(number - number.quantize(CENT)) < Decimal("0.000001"):
            number = number.quantize(CENT)
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        try:
            number = Decimal(str(value).replace(",", "").replace("，", "").strip())
        except InvalidOperation as exc:
            raise _CellError("应为数字") from exc
    if not number.is_finite():
        raise _CellError("应为数字")
    return number


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise _CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).replace(",", "").strip())
    except ValueError as exc:
        raise _CellError("应为整数") from exc


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
        kind.value: _lookup(await _options(session, kind))
        for kind in (DictionaryKind.industry_chain, DictionaryKind.source_channel)
    }
    units: dict[str, Any] = {}
    if manages:
        for unit in await _owner_units(session):
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


# ---------------------------------------------------------------- export

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
    session: AsyncSession, principal: Principal, settings: Settings, filters: service.ProjectFilter
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
        items, next_cursor, total = await service.list_projects(
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
