"""Meetings and their decisions (议定事项) to Excel: each list as a workbook (app.core.xlsx)."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.core import xlsx
from app.core.config import Settings
from app.core.pagination import PageParams
from app.core.principal import Principal
from app.core.xlsx import Column
from app.meetings import decision_reads, meeting_reads
from app.meetings.schemas import DecisionFilter, DecisionRead, MeetingFilter, MeetingRead

MEETING_COLUMNS: list[Column[MeetingRead]] = [
    Column("会议名称", 30, lambda m: m.title),
    Column("会议类型", 14, lambda m: m.kind),
    Column("召开时间", 17, lambda m: m.starts_at),
    Column("地点", 20, lambda m: m.place),
    Column("主持市领导", 12, lambda m: m.chair.full_name),
    Column("参会单位", 30, lambda m: [u.name for u in m.units]),
    Column("状态", 10, lambda m: m.state),
    Column("纪要版本", 8, lambda m: m.minutes_version or None),
    Column("议定事项数", 10, lambda m: m.decision_count),
    Column("未办结数", 10, lambda m: m.open_decision_count),
    Column("创建时间", 17, lambda m: m.created_at),
]

DECISION_COLUMNS: list[Column[DecisionRead]] = [
    Column("编码", 14, lambda d: d.code),
    Column("会议名称", 26, lambda d: d.meeting_title),
    Column("会议类型", 14, lambda d: d.meeting_kind),
    Column("序号", 6, lambda d: d.seq),
    Column("议定内容", 40, lambda d: d.text),
    Column("责任单位", 16, lambda d: d.responsible_unit.name),
    Column("配合单位", 24, lambda d: [u.name for u in d.co_units]),
    Column("相关项目", 30, lambda d: [f"{p.code} {p.name}" for p in d.projects]),
    Column("完成时限", 12, lambda d: d.due_date),
    Column("状态", 8, lambda d: d.state),
    Column("已超期", 8, lambda d: d.is_overdue),
    Column("转交办事项", 10, lambda d: len(d.tickets)),
    Column("其中已办结", 10, lambda d: d.tickets_closed),
    Column("最近进展", 36, lambda d: d.latest_progress),
    Column("完成时间", 17, lambda d: d.done_at),
    Column("创建时间", 17, lambda d: d.created_at),
]


async def export_meetings(
    session: AsyncSession, principal: Principal, settings: Settings, filters: MeetingFilter
) -> bytes:
    """Every meeting the caller's list shows for these filters, in the list's order."""

    async def page(params: PageParams) -> tuple[list[MeetingRead], str | None, int | None]:
        return await meeting_reads.list_meetings(session, principal, params, filters)

    return await xlsx.export(
        settings, page, MEETING_COLUMNS, sheet="会议", noun="会议", measure="次"
    )


async def export_decisions(
    session: AsyncSession, principal: Principal, settings: Settings, filters: DecisionFilter
) -> bytes:
    """Every decision the caller's list shows for these filters, in the list's order."""

    async def page(params: PageParams) -> tuple[list[DecisionRead], str | None, int | None]:
        return await decision_reads.list_decisions(session, principal, params, filters)

    return await xlsx.export(settings, page, DECISION_COLUMNS, sheet="议定事项", noun="议定事项")
