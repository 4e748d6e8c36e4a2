"""Building blocks of an official document (公文) in Word, laid out after GB/T 9704-2012
《党政机关公文格式》 as far as python-docx allows: A4 with the standard margins and 28 pt line
grid, red issuer mark, red rule, unsealed signature, 版记 between rules. Letters
(`tickets/letter_docx.py`) and minutes (`meetings/minutes_docx.py`) are made of them."""

import io
import re
from datetime import date

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The standard's fonts; where one is missing, Word substitutes a Song face, fine for a draft.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
BODY_PT = 16  # 三号; indents are counted in body characters of this width
CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT


def chinese_date(d: date) -> str:
    # GB/T 9704-2012 uses Arabic numerals without leading zeros.
    return f"{d.year}年{d.month}月{d.day}日"


def _set_font(rpr: CT_RPr, font: str) -> None:
    # w:ascii/w:hAnsi only cover Latin text; without w:eastAsia Word sets the Chinese in its
    # default CJK face whatever the document asks for.
    rfonts = rpr.get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "eastAsia"):
        rfonts.set(qn(f"w:{slot}"), font)


# Characters XML 1.0 cannot hold. Text is cleaned on input, but rows stored before that rule (or
# written by a future path that forgets it) must still print: a letter never fails on its text.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")


def printable(text: str) -> str:
    """Text as Word can store it: Word's soft breaks become line breaks, the rest is dropped."""
    return _NOT_XML.sub("", _BREAKS.sub("\n", text))


def paragraph(
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
        run = para.add_run(printable(text))
        run.font.size = Pt(size)
        _set_font(run._element.get_or_add_rPr(), font)
    return para


def rules(para: Paragraph, color: str, *edges: tuple[str, int, int]) -> None:
    """Paragraph borders as (edge, width in eighths of a point, gap in points) triples."""
    borders = OxmlElement("w:pBdr")
    # pPr children have a fixed schema order; Word calls the file damaged otherwise.
    para._element.get_or_add_pPr().insert_element_before(borders, "w:spacing", "w:ind", "w:jc")
    for edge, width, gap in edges:
        attrs = {"val": "single", "sz": width, "space": gap, "color": color}
        borders.append(OxmlElement(f"w:{edge}", {qn(f"w:{k}"): str(v) for k, v in attrs.items()}))


def new_document() -> DocxDocument:
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


def red_mark(doc: DocxDocument, text: str) -> Paragraph:
    """版头: the mark may not be wider than the 156 mm (442 pt) text block, so long names
    shrink."""
    mark_pt = min(36, 442 // max(len(text), 1) - 1)
    mark = paragraph(doc, text, CENTER, font=TITLE_FONT, size=mark_pt)
    mark.runs[0].font.bold = True
    mark.runs[0].font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    # A fixed 28 pt pitch would clip type this large.
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    return mark


TABLE_PT = 10.5  # 五号: a table of several columns on the 156 mm text block


def head(doc: DocxDocument, mark: str, issuer: str, on: date, title: str) -> None:
    """A 通报's head: the red mark, the issuer and date over the red rule, the title."""
    red_mark(doc, mark)
    paragraph(doc)
    rules(
        paragraph(doc, f"{issuer}　　　　{chinese_date(on)}", CENTER), "FF0000", ("bottom", 12, 11)
    )
    paragraph(doc)
    paragraph(doc, title, CENTER, font=TITLE_FONT, size=22)


def table(doc: DocxDocument, rows: list[list[str]], *, bold_last: bool = False) -> None:
    """A grid table in 五号, centred: the first row (the headers) bold, and the last too
    when it is a 合计."""
    grid = doc.add_table(rows=len(rows), cols=len(rows[0]))
    grid.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            cell = grid.cell(r, c)
            cell.text = ""
            para = cell.paragraphs[0]
            para.paragraph_format.alignment = CENTER
            para.paragraph_format.first_line_indent = Pt(0)
            para.paragraph_format.line_spacing = Pt(14)
            run = para.add_run(printable(text))
            run.font.size = Pt(TABLE_PT)
            run.font.bold = r == 0 or (bold_last and r == len(rows) - 1)


def signature(doc: DocxDocument, issuer: str, on: date) -> None:
    """Unsealed signature (7.3.5.2): issuer 2 characters from the right, the date under it
    starting 2 characters further right (a long date pushes the issuer left); ASCII is
    half-width."""
    issued = chinese_date(on)
    issuer_width = sum(0.5 if ch.isascii() else 1 for ch in issuer)
    date_width = sum(0.5 if ch.isascii() else 1 for ch in issued)
    date_right = max(2.0, issuer_width - date_width)
    issuer_right = date_right + date_width + 2 - issuer_width
    paragraph(doc)
    paragraph(doc, issuer, RIGHT, right_chars=issuer_right)
    paragraph(doc, issued, RIGHT, right_chars=date_right)


def copy_note(doc: DocxDocument, text: str) -> None:
    """版记 (抄送 / 分送): 四号, one character in from both sides, between a thick and a thin
    rule."""
    paragraph(doc)
    line = paragraph(doc, text, LEFT, size=14)
    line.paragraph_format.left_indent = line.paragraph_format.right_indent = Pt(14)
    rules(line, "000000", ("top", 8, 1), ("bottom", 6, 1))


def to_bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
