"""Render an official letter (公文, e.g. a 交办函) as a Word document.

Laid out after GB/T 9704-2012《党政机关公文格式》 as far as python-docx allows, for the office to
check, print and seal: red issuer mark, number over a red rule, title, 主送, body, 落款, 抄送.
"""

from dataclasses import dataclass, field
from datetime import date

from app.core import official_docx as od
from app.core.official_docx import chinese_date


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


def render_letter(content: LetterContent) -> bytes:
    doc = od.new_document()
    od.red_mark(doc, content.issuer)
    od.paragraph(doc)
    # The red rule sits 4 mm (about 11 pt) under the number and spans the text block.
    od.rules(od.paragraph(doc, content.number, od.CENTER), "FF0000", ("bottom", 12, 11))
    od.paragraph(doc)
    od.paragraph(doc)
    od.paragraph(doc, content.title, od.CENTER, font=od.TITLE_FONT, size=22)
    od.paragraph(doc)
    od.paragraph(doc, f"{content.recipient}：", od.LEFT)
    body = list(content.paragraphs)
    if content.deadline is not None:
        body.append(f"请于{chinese_date(content.deadline)}前办结并反馈办理结果。")
    if content.contact:
        body.append(content.contact)
    for text in body:
        od.paragraph(doc, text, indent_chars=2)
    od.signature(doc, content.issuer, content.issued_on)
    if content.copy_to:
        od.copy_note(doc, f"抄送：{'，'.join(content.copy_to)}。")
    return od.to_bytes(doc)
