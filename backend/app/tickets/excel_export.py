"""Service tickets (服务事项) to Excel: the ticket list as a workbook (app.core.xlsx)."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.core import xlsx
from app.core.config import Settings
from app.core.pagination import PageParams
from app.core.principal import Principal
from app.core.xlsx import Column
from app.dictionaries import service as dictionaries
from app.models.enums import DictionaryKind
from app.tickets import reads
from app.tickets.schemas import TicketFilter, TicketRead

ESCALATION_LEVELS = {0: "未督办", 1: "督办函", 2: "通报"}


def _columns(categories: dict[str, str]) -> list[Column[TicketRead]]:
    return [
        Column("事项编码", 16, lambda t: t.code),
        Column("事项标题", 30, lambda t: t.title),
        Column("项目代码", 14, lambda t: t.project_code),
        Column("项目名称", 28, lambda t: t.project_name),
        Column("类别", 12, lambda t: categories.get(t.category, t.category)),
        Column("紧急程度", 8, lambda t: t.urgency),
        Column("来源", 10, lambda t: t.source),
        Column("状态", 8, lambda t: t.state),
        Column("提出单位", 16, lambda t: t.requester_unit.name),
        Column("提出人", 10, lambda t: t.requester_name),
        Column("牵头部门", 16, lambda t: t.lead_department.name if t.lead_department else None),
        Column("协办部门", 24, lambda t: [u.name for u in t.co_departments]),
        Column("交办时间", 17, lambda t: t.assigned_at),
        Column("办理时限", 12, lambda t: t.due_date),
        Column("已超期", 8, lambda t: t.is_overdue),
        Column("督办级别", 8, lambda t: ESCALATION_LEVELS.get(t.escalation_level)),
        Column("退回次数", 8, lambda t: t.return_count),
        Column("办理结果", 30, lambda t: t.resolution),
        Column("办结时间", 17, lambda t: t.closed_at),
        Column("满意度", 8, lambda t: t.satisfaction),
        Column("提出时间", 17, lambda t: t.created_at),
    ]


async def export_tickets(
    session: AsyncSession, principal: Principal, settings: Settings, filters: TicketFilter
) -> bytes:
    """Every ticket the caller's list shows for these filters, in the list's order."""
    categories = await dictionaries.labels(session, DictionaryKind.ticket_category)

    async def page(params: PageParams) -> tuple[list[TicketRead], str | None, int | None]:
        return await reads.list_tickets(session, principal, settings, params, filters)

    return await xlsx.export(
        settings, page, _columns(categories), sheet="服务事项", noun="服务事项"
    )
