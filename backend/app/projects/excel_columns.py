"""What the project Excel files share: the importable columns, the sheet names and the lists a
cell may choose from. The template, the import and the export each live in their own module
(excel_template, excel_import, excel_export)."""

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.dictionaries import service as dictionaries
from app.models import Unit
from app.models.enums import DictionaryKind, UnitKind

MAX_IMPORT_ROWS = 5_000
DATA_SHEET = "项目"
GUIDE_SHEET = "填写说明"
OWNER_KINDS = (UnitKind.district, UnitKind.park, UnitKind.bureau)


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


def header_key(header: Any) -> str:
    """How a header is matched: without `*`, the unit in brackets, and spaces."""
    text = str(header).replace("*", "").replace("＊", "")
    return re.sub(r"\s+", "", re.split(r"[（(]", text)[0])


COLUMN_BY_KEY = {header_key(c.header): c for c in COLUMNS}


async def dictionary_options(session: AsyncSession, kind: DictionaryKind) -> list[tuple[str, str]]:
    items = await dictionaries.list_items(session, kind, include_inactive=False)
    return [(i.code, i.label) for i in items]


async def owner_units(session: AsyncSession) -> list[Unit]:
    stmt = (
        select(Unit)
        .where(col(Unit.is_active), col(Unit.kind).in_([k.value for k in OWNER_KINDS]))
        .order_by(col(Unit.code))
    )
    return list((await session.execute(stmt)).scalars())
