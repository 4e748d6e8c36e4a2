"""A confirmed round as the 年度考核通报 in Word (the bureau's 公文 layout: red mark, title, the
ranking with grades, 表扬 of the 优秀 units and the approved 先进个人, 通报批评 of the 不合格
units, the reward table adding up to the fund, signature, 分送) and its full score sheet as an
Excel workbook: every unit's every item (value and points), total, grade and rank, and the
reward split."""

import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from app.assessments.schemas import AwardsRead, ResultRead
from app.core import official_docx as od
from app.models.enums import AssessmentGrade, AssessmentGroup

NUMERALS = "一二三四五六七八九十"
ADDRESSEES = {
    AssessmentGroup.area: "各县市区人民政府，各园区管委会：",
    AssessmentGroup.department: "市直有关部门：",
}
COPIED = (
    "分送：市委办，市人大常委会办，市政府办，市政协办，各县市区人民政府，各园区管委会，"
    "市直有关部门。"
)


def _points(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _names(names: list[str]) -> str:
    return "、".join(names)


def render_docx(
    *,
    year: int,
    group: AssessmentGroup,
    scheme_title: str,
    results: list[ResultRead],
    awards: AwardsRead,
    praised_people: list[str],
    issuer: str,
    issued_on: date,
) -> bytes:
    doc = od.new_document()
    title = f"关于{year}年度{group.label}招商引资工作考核结果的通报"
    od.head(doc, "招商引资工作通报", issuer, issued_on, title)
    od.paragraph(doc)
    od.paragraph(doc, ADDRESSEES[group], od.LEFT)
    od.paragraph(
        doc,
        f"根据《{scheme_title}》，市招商安商领导小组办公室组织对{year}年度{group.label}"
        "招商引资工作进行了考核。经单位自评、考核评分、结果公示和申诉复核，并经督查督办确认，"
        "现将考核结果通报如下。",
        indent_chars=2,
    )
    od.paragraph(doc, "一、考核结果", indent_chars=2, font=od.HEADING_FONT)
    rows = [["名次", "单位", "综合得分", "等次"]]
    rows += [
        [str(r.rank), r.unit_name, _points(r.total), AssessmentGrade(r.grade).label]
        for r in results
    ]
    od.table(doc, rows)
    excellent = [r.unit_name for r in results if r.grade == AssessmentGrade.excellent]
    failed = [r.unit_name for r in results if r.grade == AssessmentGrade.failed]
    od.paragraph(doc, "二、表扬", indent_chars=2, font=od.HEADING_FONT)
    od.paragraph(
        doc,
        f"对考核等次为优秀的{_names(excellent)}等 {len(excellent)} 个单位予以通报表扬。"
        if excellent
        else "本年度无考核优秀单位。",
        indent_chars=2,
    )
    if praised_people:
        od.paragraph(
            doc,
            f"对{_names(praised_people)}等 {len(praised_people)} 名招商引资工作先进个人予以表扬。",
            indent_chars=2,
        )
    od.paragraph(doc, "三、通报批评", indent_chars=2, font=od.HEADING_FONT)
    od.paragraph(
        doc,
        f"对考核等次为不合格的{_names(failed)}予以通报批评，请认真分析原因，"
        "于一个月内向市招商安商领导小组办公室报送整改措施。"
        if failed
        else "本年度无考核不合格单位。",
        indent_chars=2,
    )
    od.paragraph(doc, "四、奖励经费", indent_chars=2, font=od.HEADING_FONT)
    od.paragraph(
        doc,
        f"本年度{group.label}奖励经费 {awards.fund:,} 元，其中单位奖励 {awards.unit_pool:,} 元、"
        f"先进个人奖励 {awards.individual_pool:,} 元，分配如下：",
        indent_chars=2,
    )
    table = [["序号", "单位或个人", "等次", "金额（元）"]]
    for n, a in enumerate(awards.items, start=1):
        who = a.unit_name if a.person_name is None else f"{a.person_name}（{a.unit_name}）"
        kind = AssessmentGrade(a.grade).label if a.grade else "先进个人"
        table.append([str(n), who, kind, f"{a.amount:,}"])
    table.append(["", "合计", "", f"{awards.paid:,}"])
    od.table(doc, table, bold_last=True)
    od.paragraph(
        doc,
        "希望受到表扬的单位和个人再接再厉，被通报批评的单位认真整改，"
        "切实抓好项目引进、落地和服务各项工作。",
        indent_chars=2,
    )
    od.signature(doc, issuer, issued_on)
    od.copy_note(doc, COPIED)
    return od.to_bytes(doc)


def render_xlsx(results: list[ResultRead], awards: AwardsRead) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "考核得分"
    labels = [i.label for i in results[0].items] if results else []
    headers: list[str] = ["名次", "单位"]
    for label in labels:
        headers += [f"{label}（值）", f"{label}（得分）"]
    headers += ["综合得分", "等次"]
    ws.append(headers)
    for r in results:
        line: list[object] = [r.rank, r.unit_name]
        for item in r.items:
            shown = item.note if item.by_hand and item.score is not None else item.display
            line += [shown, item.score if item.score is not None else "待评分"]
        line += [r.total, AssessmentGrade(r.grade).label]
        ws.append(line)
    ws.freeze_panes = "C2"
    ws.column_dimensions["B"].width = 22
    rewards = wb.create_sheet("奖励分配")
    rewards.append(
        ["序号", "单位", "个人", "等次", "综合得分", "计算金额（元）", "发放金额（元）", "调整理由"]
    )
    for n, a in enumerate(awards.items, start=1):
        rewards.append(
            [
                n,
                a.unit_name,
                a.person_name or "",
                AssessmentGrade(a.grade).label if a.grade else "先进个人",
                a.total if a.total is not None else "",
                a.computed,
                a.amount,
                a.note,
            ]
        )
    rewards.append(["", "合计", "", "", "", sum(a.computed for a in awards.items), awards.paid, ""])
    for sheet in (ws, rewards):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
