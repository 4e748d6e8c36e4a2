"""交办函, 督办函 and 通报: numbered per kind and year without gaps, composed from the ticket
when issued (the text is frozen with the letter) and rendered as .docx on download."""

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.calendar import business_today
from app.core.config import Settings
from app.core.errors import NotFound
from app.core.official_docx import chinese_date
from app.core.principal import Principal
from app.core.sequences import next_value, peek
from app.models import Letter, Project, Ticket, Unit
from app.models.enums import LetterKind, Urgency
from app.tickets import reads
from app.tickets.letter_docx import LetterContent, render_letter

CIRCULAR_RECIPIENT = "市招商安商领导小组各成员单位"


def _prefix(settings: Settings, kind: LetterKind) -> str:
    return {
        LetterKind.assignment: settings.letter_prefix_assignment,
        LetterKind.supervision: settings.letter_prefix_supervision,
        LetterKind.circular: settings.letter_prefix_circular,
    }[kind]


def _number(settings: Settings, kind: LetterKind, year: int, serial: int) -> str:
    return f"{_prefix(settings, kind)}〔{year}〕{serial}号"


async def next_number(session: AsyncSession, settings: Settings, kind: LetterKind) -> str:
    """The number the next letter of `kind` issued today will get, without taking it."""
    year = business_today().year
    return _number(settings, kind, year, await peek(session, f"letter_{kind.value}", year))


async def _unit_name(session: AsyncSession, unit_id: uuid.UUID | None) -> str:
    unit = await session.get(Unit, unit_id) if unit_id else None
    return unit.name if unit else ""


async def _previous(session: AsyncSession, ticket: Ticket, kind: LetterKind) -> Letter | None:
    stmt = (
        select(Letter)
        .where(col(Letter.ticket_id) == ticket.id, col(Letter.kind) == kind.value)
        .order_by(col(Letter.issued_at).desc())
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def _compose(
    session: AsyncSession,
    ticket: Ticket,
    project: Project,
    kind: LetterKind,
    co_units: Sequence[uuid.UUID],
    reason: str | None,
) -> tuple[str, list[str]]:
    department = await _unit_name(session, ticket.lead_department_id)
    owner = await _unit_name(session, project.owner_unit_id)
    subject = f"“{ticket.title}”事项（{ticket.code}）"
    if kind == LetterKind.assignment:
        co_names = [await _unit_name(session, u) for u in co_units]
        helpers = f"，{'、'.join(co_names)}协助配合" if co_names else ""
        return f"关于{ticket.title}的交办函", [
            f"{owner}{project.name}（项目编码 {project.code}）在推进中提出{subject}，"
            f"紧急程度为{Urgency(ticket.urgency).label}。",
            f"问题及诉求：{ticket.description}",
            f"经研究，现交由你单位牵头办理{helpers}。请收到本函后及时在招商通系统签收，"
            "明确责任人，按时限办结，并通过系统反馈办理结果。",
        ]
    assignment = await _previous(session, ticket, LetterKind.assignment)
    ref = f"以{assignment.number}" if assignment else ""
    assigned = chinese_date(ticket.assigned_on) if ticket.assigned_on else ""
    if kind == LetterKind.supervision:
        return f"关于督促办理{ticket.title}的督办函", [
            f"{assigned}{ref}交由你单位牵头办理的{subject}，{reason or '未按时办理'}。",
            "请你单位高度重视，主要负责同志亲自过问，立即组织力量办理，"
            "并通过招商通系统反馈办理结果。逾期仍未办结的，将予以通报。",
        ]
    supervision = await _previous(session, ticket, LetterKind.supervision)
    sup_ref = f"，经{supervision.number}督办后" if supervision else ""
    return f"关于{department}办理{ticket.title}事项情况的通报", [
        f"{assigned}{ref}交由{department}牵头办理的{subject}{sup_ref}，{reason or '仍未办结'}。",
        f"现予以通报。请{department}切实履行职责，限期办结；各成员单位引以为戒，"
        "严格落实交办督办制度，为项目建设提供优质服务。",
    ]


async def issue(
    session: AsyncSession,
    settings: Settings,
    principal: Principal | None,
    ticket: Ticket,
    project: Project,
    kind: LetterKind,
    *,
    co_units: Sequence[uuid.UUID] = (),
    reason: str | None = None,
    deadline: date | None = None,
) -> Letter:
    """Issues the next-numbered letter of `kind` for this year, addressed to the ticket's lead
    department. The number comes from a counter row locked in this transaction: no gaps."""
    assert ticket.lead_department_id is not None
    today = business_today()
    serial = await next_value(session, f"letter_{kind.value}", today.year)
    title, paragraphs = await _compose(session, ticket, project, kind, co_units, reason)
    letter = Letter(
        ticket_id=ticket.id,
        kind=kind.value,
        year=today.year,
        serial=serial,
        number=_number(settings, kind, today.year, serial),
        recipient_unit_id=ticket.lead_department_id,
        title=title,
        body="\n".join(paragraphs),
        deadline=deadline,
        issued_on=today,
        issued_by_id=principal.user.id if principal and principal.user else None,
    )
    session.add(letter)
    await session.flush()
    return letter


async def for_ticket(
    session: AsyncSession, principal: Principal, ticket_id: uuid.UUID
) -> Sequence[Letter]:
    """The ticket's letters in order of issue; 404 for a ticket outside the caller's scope."""
    await reads.load(session, principal, ticket_id)
    stmt = (
        select(Letter)
        .where(col(Letter.ticket_id) == ticket_id)
        .order_by(col(Letter.issued_at), col(Letter.serial))
    )
    return (await session.execute(stmt)).scalars().all()


async def get(
    session: AsyncSession, principal: Principal, ticket_id: uuid.UUID, letter_id: uuid.UUID
) -> Letter:
    await reads.load(session, principal, ticket_id)
    letter = await session.get(Letter, letter_id)
    if letter is None or letter.ticket_id != ticket_id:
        raise NotFound("文书不存在")
    return letter


async def render(session: AsyncSession, settings: Settings, letter: Letter) -> bytes:
    recipient = (
        CIRCULAR_RECIPIENT
        if letter.kind == LetterKind.circular
        else await _unit_name(session, letter.recipient_unit_id)
    )
    copy_to = [await _unit_name(session, letter.recipient_unit_id)]
    return render_letter(
        LetterContent(
            issuer=settings.letter_issuer,
            number=letter.number,
            title=letter.title,
            recipient=recipient,
            paragraphs=letter.body.split("\n"),
            deadline=letter.deadline,
            issued_on=letter.issued_on,
            contact=settings.letter_contact or None,
            copy_to=copy_to if letter.kind == LetterKind.circular else [],
        )
    )
