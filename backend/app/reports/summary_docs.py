"""A published version of the city summary as Word (公文 layout, app.core.official_docx) and
as Excel: the same table (units × figures, totals, 环比 and 同比), the units not yet accepted,
and the coordinator's analysis text."""

import io
from datetime import date
from decimal import Decimal

from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.core import official_docx as od
from app.core import xlsx
from app.core.time import SHANGHAI
from app.models import ReportSummaryVersion
from app.models.enums import ReportFigureKey
from app.reports.summary_schemas import SummaryComparison, SummaryContent

TABLE_PT = 10.5  # 五号: eight columns on the 156 mm text block
NO_DATA = "无数据"


def _number(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def _rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:+}%"


def headers(content: SummaryContent) -> list[str]:
    return ["单位", *(f"{c.label}（{c.unit}）" for c in content.columns)]


def _statuses(content: SummaryContent) -> dict[str, str]:
    return {str(m.unit.id): m.status for m in content.missing}


def table_rows(content: SummaryContent) -> list[list[str]]:
    """The table as text: one line per unit (未报送 / 待审核 / 已退回 where not accepted), the
    totals, then each comparison (its totals and the change in %), or 无数据."""
    keys = [c.key for c in content.columns]
    statuses = _statuses(content)
    lines: list[list[str]] = []
    for row in content.rows:
        if row.figures is None:
            status = f"（{statuses.get(str(row.unit.id), '未报送')}）"
            lines.append([row.unit.name, status, *("" for _ in keys[1:])])
        else:
            lines.append([row.unit.name, *(_number(row.figures.get(k)) for k in keys)])
    lines.append(["合计", *(_number(content.totals[k]) for k in keys)])
    for comparison in (content.previous, content.last_year):
        lines += _comparison_rows(comparison, keys)
    return lines


def _comparison_rows(c: SummaryComparison, keys: list[ReportFigureKey]) -> list[list[str]]:
    name = f"{c.label}（{c.period_label}）"
    if not c.available or c.totals is None or c.rate is None:
        return [[name, NO_DATA, *("" for _ in keys[1:])]]
    rate_label = "环比增减" if c.label != "去年同期" else "同比增减"
    return [
        [name, *(_number(c.totals[k]) for k in keys)],
        [rate_label, *(_rate(c.rate[k]) for k in keys)],
    ]


def _title(content: SummaryContent) -> str:
    return f"{content.period_label.removesuffix('月报').removesuffix('季报')}全市招商引资" + (
        "季报" if content.period_label.endswith("季报") else "月报"
    )


def _period_line(content: SummaryContent) -> str:
    return f"统计期：{od.chinese_date(content.date_from)}至{od.chinese_date(content.date_to)}"


def _missing_line(content: SummaryContent) -> str:
    if not content.missing:
        return f"应报{content.expected}个单位，均已报送并通过审核。"
    names = "、".join(f"{m.unit.name}（{m.status}）" for m in content.missing)
    return (
        f"应报{content.expected}个单位，已通过{content.accepted}个；"
        f"未报送或未通过审核的单位：{names}。以上合计仅含已通过的报表。"
    )


def render_docx(issuer: str, row: ReportSummaryVersion) -> bytes:
    content = SummaryContent.model_validate(row.content)
    published_on: date = row.published_at.astimezone(SHANGHAI).date()
    doc = od.new_document()
    od.red_mark(doc, "招商引资工作" + ("季报" if content.period_label.endswith("季报") else "月报"))
    od.paragraph(doc)
    header = f"{issuer}　　　　{od.chinese_date(published_on)}"
    od.rules(od.paragraph(doc, header, od.CENTER), "FF0000", ("bottom", 12, 11))
    od.paragraph(doc)
    od.paragraph(doc, _title(content), od.CENTER, font=od.TITLE_FONT, size=22)
    od.paragraph(doc, _period_line(content), od.CENTER)
    od.paragraph(doc)
    od.paragraph(doc, "一、主要指标", indent_chars=2, font=od.HEADING_FONT)
    head = headers(content)
    body = table_rows(content)
    table = doc.add_table(rows=1 + len(body), cols=len(head))
    table.style = "Table Grid"
    for r, values in enumerate([head, *body]):
        for c, text in enumerate(values):
            cell = table.cell(r, c)
            para = cell.paragraphs[0]
            para.paragraph_format.alignment = od.LEFT if c == 0 else od.CENTER
            para.paragraph_format.line_spacing = Pt(16)
            run = para.add_run(od.printable(text))
            run.font.size = Pt(TABLE_PT)
            run.font.bold = r == 0 or values[0] == "合计"
    od.paragraph(
        doc, "单位：金额为万元，数量为个。合计、环比、同比均按已通过审核的报表计算。", size=12
    )
    od.paragraph(doc, "二、报送情况", indent_chars=2, font=od.HEADING_FONT)
    od.paragraph(doc, _missing_line(content), indent_chars=2)
    od.paragraph(doc, "三、分析", indent_chars=2, font=od.HEADING_FONT)
    for line in row.analysis.splitlines():
        if line.strip():
            od.paragraph(doc, line.strip(), indent_chars=2)
    if row.version > 1:
        note = f"（本汇总为第{row.version}版更正版"
        note += f"，更正原因：{row.reason}）" if row.reason else "）"
        od.paragraph(doc, note, indent_chars=2)
    od.signature(doc, issuer, published_on)
    names = [r.unit.name for r in content.rows]
    if names:
        od.copy_note(doc, f"分送：市领导，{'，'.join(names)}。")
    return od.to_bytes(doc)


def render_xlsx(row: ReportSummaryVersion) -> bytes:
    """Sheet 全市汇总: the table under a header row naming each figure's unit (万元 / 个);
    sheet 报送情况与分析: the period, version, units missing and the analysis."""
    content = SummaryContent.model_validate(row.content)
    keys = [c.key for c in content.columns]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "全市汇总"
    ws.append(headers(content))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 24
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 14

    def numbers(values: dict[ReportFigureKey, Decimal] | None) -> list[Decimal | None]:
        return [values.get(k) if values is not None else None for k in keys]

    statuses = _statuses(content)
    for r in content.rows:
        if r.figures is None:
            ws.append([r.unit.name, f"（{statuses.get(str(r.unit.id), '未报送')}）"])
        else:
            ws.append([r.unit.name, *numbers(r.figures)])
    ws.append(["合计", *numbers(content.totals)])
    for c in (content.previous, content.last_year):
        name = f"{c.label}（{c.period_label}）"
        if not c.available:
            ws.append([name, NO_DATA])
            continue
        ws.append([name, *numbers(c.totals)])
        ws.append(
            [
                f"{'同比' if c.label == '去年同期' else '环比'}增减（%）",
                *(c.rate.get(k) if c.rate else None for k in keys),
            ]
        )
    for line in ws.iter_rows(min_row=2):
        for cell in line[1:]:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    notes = wb.create_sheet("报送情况与分析")
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 90
    for label, value in (
        ("报表期", content.period_label),
        ("统计期", _period_line(content).removeprefix("统计期：")),
        ("版本", f"第{row.version}版"),
        ("更正原因", row.reason or ""),
        ("发布人", row.published_by_name),
        ("发布时间", xlsx.plain(row.published_at)),
        ("报送情况", _missing_line(content)),
        ("分析", row.analysis),
    ):
        notes.append([label, value])
        notes.cell(notes.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def file_name(content_label: str, version: int, ext: str) -> str:
    return f"{content_label}全市汇总（第{version}版）.{ext}"
