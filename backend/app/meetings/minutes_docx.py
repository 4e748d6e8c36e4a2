"""Render published minutes (会议纪要) as a Word document in the layout of the bureau's letters:
red mark over a red rule, title, the minutes as written, the decisions with who carries them out
by when, when and where the meeting sat with its chair and units, the issuer and date, and 分送
to the attending units."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import official_docx as od
from app.core.config import Settings
from app.core.errors import NotFound
from app.core.principal import Principal
from app.core.time import SHANGHAI
from app.meetings import decision_reads, meeting_reads
from app.models import MinutesVersion
from app.models.enums import MeetingKind


@dataclass(frozen=True)
class MinutesDecision:
    code: str
    text: str
    responsible: str
    co_units: list[str]
    due_date: date | None


@dataclass(frozen=True)
class MinutesContent:
    issuer: str
    kind_label: str
    title: str
    starts_at: datetime  # local time
    place: str
    chair: str
    units: list[str]
    minutes: str
    version: int
    published_on: date
    reason: str | None = None
    decisions: list[MinutesDecision] = field(default_factory=list)


DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (ordinals of the decisions, up to 99)."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{DIGITS[tens] if tens > 1 else ''}十{DIGITS[ones] if ones else ''}"


def _decision_line(n: int, d: MinutesDecision) -> str:
    who = [f"责任单位：{d.responsible}"]
    if d.co_units:
        who.append(f"配合单位：{'、'.join(d.co_units)}")
    if d.due_date:
        who.append(f"完成时限：{od.chinese_date(d.due_date)}")
    return f"（{chinese_number(n)}）{d.text.rstrip('。')}。（{'；'.join(who)}。编号{d.code}）"


def render_minutes(content: MinutesContent) -> bytes:
    doc = od.new_document()
    od.red_mark(doc, f"{content.kind_label}纪要")
    od.paragraph(doc)
    header = f"{content.issuer}　　　　{od.chinese_date(content.published_on)}"
    od.rules(od.paragraph(doc, header, od.CENTER), "FF0000", ("bottom", 12, 11))
    od.paragraph(doc)
    od.paragraph(doc, content.title, od.CENTER, font=od.TITLE_FONT, size=22)
    od.paragraph(doc)
    # The minutes as their author wrote them (they open with the meeting's own account), then
    # the responsibilities the system tracks, then who met when and where.
    for line in content.minutes.splitlines():
        if line.strip():
            od.paragraph(doc, line.strip(), indent_chars=2)
    if content.decisions:
        od.paragraph(doc, "附：议定事项责任分工", indent_chars=2, font=od.HEADING_FONT)
        for n, decision in enumerate(content.decisions, start=1):
            od.paragraph(doc, _decision_line(n, decision), indent_chars=2)
    local = content.starts_at
    od.paragraph(doc)
    od.paragraph(
        doc,
        f"会议时间：{od.chinese_date(local.date())} {local:%H:%M}　地点：{content.place}",
        od.LEFT,
    )
    od.paragraph(doc, f"主持：{content.chair}", od.LEFT)
    if content.units:
        od.paragraph(doc, f"参会单位：{'、'.join(content.units)}", od.LEFT)
    if content.version > 1:
        note = f"（本纪要为第{content.version}版"
        note += f"，修订原因：{content.reason}）" if content.reason else "）"
        od.paragraph(doc, note, indent_chars=2)
    od.signature(doc, content.issuer, content.published_on)
    if content.units:
        od.copy_note(doc, f"分送：{'，'.join(content.units)}。")
    return od.to_bytes(doc)


async def document(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    meeting_id: uuid.UUID,
    version: int,
) -> tuple[bytes, str]:
    """One published version of a meeting's minutes as .docx, and its file name, for whoever
    may read the meeting (and so all its decisions)."""
    meeting = await meeting_reads.read(session, principal, meeting_id)
    stmt = select(MinutesVersion).where(
        col(MinutesVersion.meeting_id) == meeting.id, col(MinutesVersion.version) == version
    )
    row = (await session.execute(stmt)).scalar_one_or_none()
    if row is None:
        raise NotFound("该版本的会议纪要不存在")
    listed = await decision_reads.of_meeting(session, principal, meeting.id)
    content = MinutesContent(
        issuer=settings.letter_issuer,
        kind_label=MeetingKind(meeting.kind).label,
        title=meeting.title,
        starts_at=meeting.starts_at.astimezone(SHANGHAI),
        place=meeting.place,
        chair=meeting.chair.full_name,
        units=[u.name for u in meeting.units],
        minutes=row.minutes,
        version=row.version,
        published_on=row.published_at.astimezone(SHANGHAI).date(),
        reason=row.reason,
        decisions=[
            MinutesDecision(
                code=d.code,
                text=d.text,
                responsible=d.responsible_unit.name,
                co_units=[u.name for u in d.co_units],
                due_date=d.due_date,
            )
            for d in listed
        ],
    )
    return render_minutes(content), f"{meeting.title}纪要（第{row.version}版）.docx"
