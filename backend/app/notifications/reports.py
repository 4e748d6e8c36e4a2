"""Who hears about units' reports: the unit's officers of a deadline coming or passed and of a
report sent back; the coordinators of a report waiting for review and of one overdue."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.enums import NotificationKind, ReportState, Role
from app.notifications.service import Note, deliver
from app.reports.events import ReportReminded, ReportTransitioned, SummaryPublished


def _deadline(e: ReportReminded) -> str:
    return f"{e.deadline.month}月{e.deadline.day}日"


async def reminded(session: AsyncSession, events: Sequence[ReportReminded]) -> None:
    """Reaction: the job's reminders, before the deadline to the unit, after it to the unit
    and the coordinators."""
    await deliver(
        session,
        [
            Note(
                kind=NotificationKind.report_overdue,
                title=e.label,
                body=f"报送截止日期 {_deadline(e)} 已过，报表仍未报送",
                link=f"/reports/{e.object_id}",
                units=[e.unit_id],
                roles=[Role.coordinator],
            )
            if e.overdue
            else Note(
                kind=NotificationKind.report_due_soon,
                title=e.label,
                body=f"请于 {_deadline(e)} 前填报并报送",
                link=f"/reports/{e.object_id}",
                units=[e.unit_id],
            )
            for e in events
        ],
    )


async def transitioned(session: AsyncSession, events: Sequence[ReportTransitioned]) -> None:
    """Reaction: a submitted report waits for the coordinators; a returned one goes back to
    its unit with the reason."""
    notes: list[Note] = []
    for e in events:
        who = e.actor.display_name if e.actor else "系统"
        exclude = e.actor.user.id if e.actor and e.actor.user else None
        if e.state == ReportState.submitted:
            notes.append(
                Note(
                    kind=NotificationKind.report_submitted,
                    title=e.label,
                    body=f"{who}已报送，请审核",
                    link=f"/reports/{e.object_id}",
                    roles=[Role.coordinator],
                    exclude=exclude,
                )
            )
        elif e.state == ReportState.returned:
            notes.append(
                Note(
                    kind=NotificationKind.report_returned,
                    title=e.label,
                    body=f"{who}退回：{e.reason or ''}",
                    link=f"/reports/{e.object_id}",
                    units=[e.unit_id],
                    exclude=exclude,
                )
            )
    await deliver(session, notes)


async def summary_published(session: AsyncSession, events: Sequence[SummaryPublished]) -> None:
    """Reaction: the city summary published or corrected, to the reporting units, the city
    leaders and the supervisors."""
    await deliver(
        session,
        [
            Note(
                kind=NotificationKind.report_summary_published,
                title=f"{e.label}全市汇总",
                body=f"第{e.version}版已发布"
                + (f"（更正原因：{e.reason}）" if e.reason else "，可下载 Word 和 Excel"),
                link=f"/report-periods/{e.object_id}",
                units=list(e.unit_ids),
                roles=[Role.leader, Role.supervisor],
                exclude=e.actor.user.id if e.actor and e.actor.user else None,
            )
            for e in events
        ],
    )
