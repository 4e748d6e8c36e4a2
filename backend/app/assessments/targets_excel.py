"""年度目标任务 to and from Excel: the year's sheet of every district and park (filled in where
targets are set, so it doubles as the template), and its import — every row or none."""

import asyncio
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments import targets
from app.assessments.schemas import TargetRead, TargetWrite
from app.core import xlsx, xlsx_upload
from app.core.errors import AppError
from app.core.principal import Principal
from app.models import Unit, UnitTarget
from app.models.enums import UnitKind

MAX_UPLOAD_BYTES = 1024 * 1024
OUT_OF_RANGE = "应为不小于 0 的数（金额最多两位小数）"
PLACEHOLDER = {"signed_amount": Decimal(0), "major_projects": 0, "funds_arrived": Decimal(0)}
UNIT = "单位"
FIELDS = {
    "签约金额目标（万元）": "signed_amount",
    "1 亿元以上项目目标（个）": "major_projects",
    "到位资金目标（万元）": "funds_arrived",
}

COLUMNS: list[xlsx.Column[TargetRead]] = [
    xlsx.Column(UNIT, 24, lambda t: t.unit_name),
    xlsx.Column("单位类型", 10, lambda t: UnitKind(t.unit_kind).label),
    xlsx.Column("签约金额目标（万元）", 20, lambda t: t.signed_amount),
    xlsx.Column("1 亿元以上项目目标（个）", 22, lambda t: t.major_projects),
    xlsx.Column("到位资金目标（万元）", 20, lambda t: t.funds_arrived),
]


async def workbook(session: AsyncSession, year: int) -> bytes:
    rows = await targets.list_targets(session, year)
    return await xlsx.table([(f"{year}年度目标任务", COLUMNS, rows)])


def _header(values: tuple[Any, ...]) -> dict[int, str]:
    """Position → UNIT or a field name; headers are matched without spaces or a leading `*`."""
    wanted = {_plain(h): f for h, f in FIELDS.items()} | {UNIT: UNIT}
    found: dict[int, str] = {}
    for index, value in enumerate(values):
        name = wanted.get(_plain(value)) if value is not None else None
        if name is not None:
            found[index] = name
    missing = [h for h in (UNIT, *FIELDS) if wanted[_plain(h)] not in found.values()]
    if missing:
        raise xlsx_upload.invalid_file(
            f"表头缺少：{'、'.join(missing)}（请先导出本年度目标表再填写）"
        )
    return found


def _plain(value: Any) -> str:
    return str(value).replace(" ", "").replace("　", "").lstrip("*")


async def import_targets(
    session: AsyncSession, principal: Principal, year: int, data: bytes, filename: str | None
) -> int:
    """Sets the targets of every unit named in the sheet, or of none: 422 `import_invalid`
    lists each error as {row, column, message}. Units not in the sheet keep theirs."""
    columns, rows = await asyncio.to_thread(
        xlsx_upload.read_sheet, data, filename, _header, max_columns=20, max_rows=200
    )
    units: dict[str, Unit] = {}
    for each in await targets.units(session):
        units[each.name] = units[each.code] = each
    errors: list[dict[str, Any]] = []
    wanted: dict[Any, tuple[int, TargetWrite]] = {}
    headers = {f: h for h, f in FIELDS.items()} | {UNIT: UNIT}
    for number, values in rows:
        cells = {name: values[i] if i < len(values) else None for i, name in columns.items()}
        name = xlsx_upload.text(cells[UNIT]) if cells[UNIT] is not None else None
        unit = units.get(name or "")
        if unit is None:
            errors.append(
                {"row": number, "column": UNIT, "message": f"“{name or ''}”不是县市区或园区"}
            )
            continue
        if unit.id in wanted:
            message = f"与第 {wanted[unit.id][0]} 行重复"
            errors.append({"row": number, "column": UNIT, "message": message})
            continue
        parsed: dict[str, Any] = {}
        for field in FIELDS.values():
            raw = cells[field]
            try:
                if raw is None or xlsx_upload.text(raw) is None:
                    raise xlsx_upload.CellError("不能为空")
                read = xlsx_upload.integer if field == "major_projects" else xlsx_upload.money
                parsed[field] = read(raw)
            except xlsx_upload.CellError as exc:
                errors.append({"row": number, "column": headers[field], "message": str(exc)})
        # Every cell read is checked for its range, even where another cell of the row is
        # blank (a valid placeholder stands in for it, and the row is not kept).
        try:
            body = TargetWrite.model_validate({**PLACEHOLDER, **parsed})
        except ValidationError as exc:
            for error in exc.errors():
                column = headers[str(error["loc"][0])]
                errors.append({"row": number, "column": column, "message": OUT_OF_RANGE})
            continue
        if len(parsed) == len(FIELDS):
            wanted[unit.id] = (number, body)
    if errors:
        raise AppError(
            f"第 {errors[0]['row']} 行等 {len(errors)} 处错误，未导入任何目标",
            code="import_invalid",
            status=422,
            extra={"rows": errors, "error_count": len(errors)},
        )
    existing = await session.execute(
        select(UnitTarget)
        .where(col(UnitTarget.year) == year, col(UnitTarget.unit_id).in_(list(wanted)))
        .with_for_update()
    )
    by_unit = {t.unit_id: t for t in existing.scalars()}
    for unit_id, (_, body) in wanted.items():
        await targets.write(session, principal, year, unit_id, by_unit.get(unit_id), body, "import")
    return len(wanted)
