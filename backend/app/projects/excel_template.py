"""The project import template: a header row and a sheet 「填写说明」 with the allowed values."""

import asyncio
import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.enums import DictionaryKind
from app.projects.excel_columns import (
    COLUMNS,
    DATA_SHEET,
    GUIDE_SHEET,
    MAX_IMPORT_ROWS,
    dictionary_options,
    owner_units,
)


async def build_template(session: AsyncSession) -> bytes:
    chains = await dictionary_options(session, DictionaryKind.industry_chain)
    channels = await dictionary_options(session, DictionaryKind.source_channel)
    units = [u.name for u in await owner_units(session)]
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
