import dataclasses
import io
from datetime import date

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from app.tickets.letter_docx import LetterContent, render_letter

BODY = [
    "湘潭智能装备产业园项目计划总投资12.5亿元，目前项目用地报批进度滞后，影响项目按期开工。",
    "经市招商安商领导小组研究，现将该事项交由你单位牵头办理，请加快用地报批手续办理。",
]
LETTER = LetterContent(
    issuer="湘潭市招商安商领导小组办公室",
    number="湘招交〔2026〕15号",
    title="关于协调解决湘潭智能装备产业园项目用地报批问题的交办函",
    recipient="市自然资源和规划局",
    paragraphs=BODY,
    deadline=date(2026, 12, 11),
    issued_on=date(2026, 11, 27),
    contact="联系人：刘志强，联系电话：0731-58123456",
    copy_to=["市发展和改革委员会", "湘潭经开区管委会"],
)
DEADLINE = "请于2026年12月11日前办结并反馈办理结果。"


def open_letter(content: LetterContent) -> Document:
    return docx.Document(io.BytesIO(render_letter(content)))


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def last_paragraph(document: Document, text: str) -> Paragraph:
    return [p for p in document.paragraphs if p.text == text][-1]


def test_letter_has_every_part_in_official_order() -> None:
    lines = texts(open_letter(LETTER))

    assert lines == [
        "湘潭市招商安商领导小组办公室",
        "湘招交〔2026〕15号",
        "关于协调解决湘潭智能装备产业园项目用地报批问题的交办函",
        "市自然资源和规划局：",
        *BODY,
        DEADLINE,
        "联系人：刘志强，联系电话：0731-58123456",
        "湘潭市招商安商领导小组办公室",
        "2026年11月27日",
        "抄送：市发展和改革委员会，湘潭经开区管委会。",
    ]


def test_page_is_a4_with_standard_margins() -> None:
    section = open_letter(LETTER).sections[0]

    sizes = [section.page_width, section.page_height]
    margins = [
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [length.mm for length in sizes] == pytest.approx([210, 297], abs=0.1)
    assert [length.mm for length in margins] == pytest.approx([37, 35, 28, 26], abs=0.1)


def test_fonts_sizes_and_eastasia_font_attribute() -> None:
    document = open_letter(LETTER)

    title = last_paragraph(document, LETTER.title)
    assert [run.font.size for run in title.runs] == [Pt(22)]
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    for text in [*BODY, DEADLINE]:
        for run in last_paragraph(document, text).runs:
            assert run.font.size == Pt(16)
            # Without the eastAsia slot Word would set the Chinese in its default face.
            assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert last_paragraph(document, BODY[0]).paragraph_format.first_line_indent == Pt(32)
    grid = document.styles["Normal"].paragraph_format
    assert (grid.line_spacing_rule, grid.line_spacing) == (
        WD_LINE_SPACING.EXACTLY,
        Pt(28),
    )


def test_red_heading_and_red_rule_under_the_number() -> None:
    document = open_letter(LETTER)

    heading = document.paragraphs[0]
    assert heading.text == LETTER.issuer
    assert heading.runs[0].font.color.rgb == RGBColor(0xFF, 0x00, 0x00)
    assert heading.runs[0].font.bold
    assert heading.runs[0].font.size > Pt(22)
    rule = last_paragraph(document, LETTER.number)._element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
    assert rule is not None
    assert rule.find(qn("w:bottom")).get(qn("w:color")) == "FF0000"


def test_signature_date_starts_two_characters_right_of_the_issuer() -> None:
    document = open_letter(LETTER)

    signature = last_paragraph(document, LETTER.issuer)
    issued = last_paragraph(document, "2026年11月27日")
    # Right-aligned: the left edge of each line is its right indent plus its width.
    issuer_left = signature.paragraph_format.right_indent.pt / 16 + 14
    date_left = issued.paragraph_format.right_indent.pt / 16 + 7
    assert signature.paragraph_format.right_indent == Pt(32)
    assert issuer_left - date_left == pytest.approx(2)


@pytest.mark.parametrize(
    ("change", "left_out"),
    [
        ({"deadline": None}, DEADLINE),
        ({"contact": None}, "联系人：刘志强，联系电话：0731-58123456"),
        ({"copy_to": []}, "抄送：市发展和改革委员会，湘潭经开区管委会。"),
    ],
)
def test_optional_lines_appear_only_when_given(change: dict[str, object], left_out: str) -> None:
    full = texts(open_letter(LETTER))

    lines = texts(open_letter(dataclasses.replace(LETTER, **change)))

    assert left_out in full
    assert lines == [line for line in full if line != left_out]


def test_dates_have_no_leading_zeros() -> None:
    letter = dataclasses.replace(LETTER, deadline=date(2027, 1, 5), issued_on=date(2027, 1, 4))

    lines = texts(open_letter(letter))

    assert "请于2027年1月5日前办结并反馈办理结果。" in lines
    assert lines[-2] == "2027年1月4日"
