"""Render an official letter (公文, e.g. a 交办函) as a Word document.

Laid out after GB/T 9704-2012《党政机关公文格式》 as far as python-docx allows, for the office to
check, print and seal: red issuer mark, number over a red rule, title, 主送, body, 落款, 抄送.
"""

import io
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

# The standard's fonts; where one is missing, Word substitutes a Song face, fine for a draft.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
BODY_PT = 16  # 三号; indents are counted in body characters of this width
CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT


@dataclass(frozen=True)
class LetterContent:
    issuer: str
    number: str
    title: str
    recipient: str
    paragraphs: list[str]
    deadline: date | None
    issued_on: date
    contact: str | None = None
    copy_to: list[str] = field(default_factory=list)


def chinese_date(d: date) -> str:
    # GB/T 9704-2012 uses Arabic numerals without leading zeros.
    return f"{d.year}年{d.month}月{d.day}日"


def _set_font(rpr: CT_RPr, font: str) -> None:
    # w:ascii/w:hAnsi only cover Latin text; without w:eastAsia Word sets the Chinese in its
    # default CJK face whatever the document asks for.
    rfonts = rpr.get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "eastAsia"):
        rfonts.set(qn(f"w:{slot}"), font)


def _paragraph(
    doc: DocxDocument,
    text: str = "",
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    *,
    font: str = BODY_FONT,
    size: float = BODY_PT,
    indent_chars: float = 0,
    right_chars: float = 0,
) -> Paragraph:
    para = doc.add_paragraph()
    para.paragraph_format.alignment = align
    para.paragraph_format.first_line_indent = Pt(BODY_PT * indent_chars)
    para.paragraph_format.right_indent = Pt(BODY_PT * right_chars)
    if text:
        run = para.add_run(text)
        run.font.size = Pt(size)
        _set_font(run._element.get_or_add_rPr(), font)
    return para


def _rules(para: Paragraph, color: str, *edges: tuple[str, int, int]) -> None:
    """Paragraph borders as (edge, width in eighths of a point, gap in points) triples."""
    borders = OxmlElement("w:pBdr")
    # pPr children have a fixed schema order; Word calls the file damaged otherwise.
    para._element.get_or_add_pPr().insert_element_before(borders, "w:spacing", "w:ind", "w:jc")
    for edge, width, gap in edges:
        attrs = {"val": "single", "sz": width, "space": gap, "color": color}
        borders.append(OxmlElement(f"w:{edge}", {qn(f"w:{k}"): str(v) for k, v in attrs.items()}))


def _new_document() -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # The 28 pt line grid lives in Normal so blank lines and later edits keep to it.
    normal = doc.styles["Normal"]
    p_pr = normal.element.get_or_add_pPr()
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        # Word's extra gap around digits would push the date off the position computed below.
        p_pr.insert_element_before(OxmlElement(name, {qn("w:val"): "0"}), "w:spacing", "w:jc")
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    normal.font.size = Pt(BODY_PT)
    r_pr = normal.element.get_or_add_rPr()
    _set_font(r_pr, BODY_FONT)
    # Marks the text as Chinese, so line breaking and the CJK glyph variants follow zh-CN.
    r_pr.insert_element_before(OxmlElement("w:lang", {qn("w:eastAsia"): "zh-CN"}), "w:oMath")
    return doc


def render_letter(content: LetterContent) -> bytes:
    doc = _new_document()
    # 版头: the mark may not be wider than the 156 mm (442 pt) text block, so long names shrink.
    mark_pt = min(36, 442 // max(len(content.issuer), 1) - 1)
    mark = _paragraph(doc, content.issuer, CENTER, font=TITLE_FONT, size=mark_pt)
    mark.runs[0].font.bold = True
    mark.runs[0].font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    # A fixed 28 pt pitch would clip type this large.
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _paragraph(doc)
    # The red rule sits 4 mm (about 11 pt) under the number and spans the text block.
    _rules(_paragraph(doc, content.number, CENTER), "FF0000", ("bottom", 12, 11))
    _paragraph(doc)
    _paragraph(doc)
    _paragraph(doc, content.title, CENTER, font=TITLE_FONT, size=22)
    _paragraph(doc)
    _paragraph(doc, f"{content.recipient}：", LEFT)
    body = list(content.paragraphs)
    if content.deadline is not None:
        body.append(f"请于{chinese_date(content.deadline)}前办结并反馈办理结果。")
    if content.contact:
        body.append(content.contact)
    for text in body:
        _paragraph(doc, text, indent_chars=2)
    # Unsealed signature (7.3.5.2): issuer 2 characters from the right, the date under it
    # starting 2 characters further right (a long date pushes the issuer left); ASCII is half-width.
    issued = chinese_date(content.issued_on)
    issuer_width = sum(0.5 if ch.isascii() else 1 for ch in content.issuer)
    date_width = sum(0.5 if ch.isascii() else 1 for ch in issued)
    date_right = max(2.0, issuer_width - date_width)
    issuer_right = date_right + date_width + 2 - issuer_width
    _paragraph(doc)
    _paragraph(doc, content.issuer, RIGHT, right_chars=issuer_right)
    _paragraph(doc, issued, RIGHT, right_chars=date_right)
    if content.copy_to:
        # 版记: 四号, one character in from both sides, between a thick and a thin rule.
        _paragraph(doc)
        copy_line = _paragraph(doc, f"抄送：{'，'.join(content.copy_to)}。", LEFT, size=14)
        copy_line.paragraph_format.left_indent = copy_line.paragraph_format.right_indent = Pt(14)
        _rules(copy_line, "000000", ("top", 8, 1), ("bottom", 6, 1))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
