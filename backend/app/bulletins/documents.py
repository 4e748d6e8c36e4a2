"""A published bulletin as the Word 通报 (in the 公文 layout of the bureau's letters and
minutes: red mark over a red rule, title, body, ranking tables, 表扬 and 通报批评, signature,
分送) and its ranking as an Excel workbook, one sheet per group of units."""

import io
from datetime import date
from decimal import Decimal

from docx.document import Document as DocxDocument
from openpyxl import Workbook
from openpyxl.styles import Font

from app.bulletins.schemas import BulletinRead, GroupRead
from app.core import official_docx as od
from app.core.time import SHANGHAI

# What each indicator's value is counted in (its Excel header names it).
UNITS = {
    "signed_amount": "万元",
    "funds_arrived": "万元",
    "signed_major": "个",
    "landed": "个",
    "activities_reported": "次",
    "escalations": "次",
    "decisions_on_time": "%",
    "ticket_on_time": "%",
}
RATES = {"decisions_on_time", "ticket_on_time"}
NUMERALS = "一二三四五六七八九十"


def _table(doc: DocxDocument, group: GroupRead) -> None:
    headers = ["名次", "单位"]
    headers += [f"{i.label}（{i.weight:g}分）" for i in group.indicators]
    headers.append("综合得分")
    rows = [headers]
    for row in group.rows:
        texts = [str(row.rank), row.unit_name]
        texts += [f"{v.display}\n得分 {v.score}" for v in row.values]
        texts.append(str(row.score))
        rows.append(texts)
    od.table(doc, rows)


def render_docx(bulletin: BulletinRead, issuer: str) -> bytes:
    doc = od.new_document()
    published = bulletin.published_at.astimezone(SHANGHAI).date() if bulletin.published_at else None
    issued_on = published or date.today()
    od.head(doc, "招商引资工作通报", issuer, issued_on, bulletin.title)
    od.paragraph(doc)
    od.paragraph(doc, "各县市区人民政府，各园区管委会，市直有关部门：", od.LEFT)
    period = bulletin.period
    od.paragraph(
        doc,
        f"根据全市招商引资考核办法，现将{period.label}（{od.chinese_date(period.date_from)}至"
        f"{od.chinese_date(period.date_to)}）各县市区、园区和市直有关部门招商引资工作情况"
        "通报如下。",
        indent_chars=2,
    )
    sections: list[tuple[str, list[str]]] = []
    analysis = [line.strip() for line in bulletin.analysis.splitlines() if line.strip()]
    if analysis:
        sections.append(("总体情况", analysis))
    sections.append(("排名情况", [bulletin.method]))
    n = 0
    for heading, lines in sections:
        od.paragraph(doc, f"{NUMERALS[n]}、{heading}", indent_chars=2, font=od.HEADING_FONT)
        n += 1
        for line in lines:
            od.paragraph(doc, line, indent_chars=2)
    for k, group in enumerate(bulletin.groups):
        od.paragraph(doc, f"（{NUMERALS[k]}）{group.label}", indent_chars=2)
        if group.rows:
            _table(doc, group)
        else:
            od.paragraph(doc, "（无）", indent_chars=2)
    for heading, mentions, empty in (
        ("表扬", bulletin.praised, "本期无表扬单位。"),
        ("通报批评", bulletin.criticised, "本期无通报批评单位。"),
    ):
        od.paragraph(doc, f"{NUMERALS[n]}、{heading}", indent_chars=2, font=od.HEADING_FONT)
        n += 1
        if not mentions:
            od.paragraph(doc, empty, indent_chars=2)
        for m in mentions:
            od.paragraph(doc, f"{m.unit_name}：{m.reason}。", indent_chars=2)
    od.paragraph(
        doc,
        "希望受到表扬的单位再接再厉，被通报批评的单位认真整改，切实抓好项目引进、落地和服务各项工作。",
        indent_chars=2,
    )
    od.signature(doc, issuer, issued_on)
    od.copy_note(doc, "分送：各县市区人民政府，各园区管委会，市直有关部门。")
    return od.to_bytes(doc)


def _number(key: str, value: Decimal | None) -> object:
    if value is None:
        return "暂无数据"
    if key in RATES:
        return (value * 100).quantize(Decimal("0.1"))
    return value if UNITS.get(key) == "万元" else int(value)


def render_xlsx(bulletin: BulletinRead) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for group in bulletin.groups:
        ws = wb.create_sheet(group.label.replace("/", "、"))
        headers = ["名次", "单位"]
        for i in group.indicators:
            headers += [
                f"{i.label}（{UNITS.get(i.key, '')}）",
                f"{i.label}得分（权重{i.weight:g}）",
            ]
        headers += ["综合得分", "履职滞后情况"]
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in group.rows:
            line: list[object] = [row.rank, row.unit_name]
            for v in row.values:
                line += [_number(v.key, v.value), v.score]
            line += [row.score, "；".join(row.lagging)]
            ws.append(line)
        ws.freeze_panes = "C2"
        ws.column_dimensions["B"].width = 18
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
