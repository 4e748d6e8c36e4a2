"""The audit trail to Excel, in people's words (app.core.xlsx)."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service
from app.audit.schemas import AuditEventFilter, AuditEventRead
from app.core import xlsx
from app.core.config import Settings
from app.core.pagination import PageParams
from app.core.principal import Principal
from app.core.xlsx import Column
from app.models.enums import AuditOutcome, Role


def _label(kind: type[Role] | type[AuditOutcome], code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return kind(code).label
    except ValueError:
        return "合作系统" if code == "partner" else code


def _changes(e: AuditEventRead) -> str | None:
    if e.snapshot_withheld:
        return "（无权查看）"
    lines = [f"{c.label}：{c.before or '（空）'} → {c.after or '（空）'}" for c in e.changes]
    return "\n".join(lines) or None


COLUMNS: list[Column[AuditEventRead]] = [
    Column("时间", 19, lambda e: e.occurred_at),
    Column("操作人", 12, lambda e: e.actor_display_name),
    Column("单位", 16, lambda e: e.unit_name),
    Column("角色", 14, lambda e: _label(Role, e.actor_role)),
    Column("操作", 18, lambda e: e.action_label),
    Column("对象类型", 10, lambda e: e.object_type_label),
    Column("对象", 30, lambda e: e.object_label),
    Column("结果", 6, lambda e: _label(AuditOutcome, e.outcome)),
    Column("改动", 50, _changes),
    Column("IP", 15, lambda e: e.ip),
    Column("请求编号", 34, lambda e: e.request_id),
]


async def export_events(
    session: AsyncSession, principal: Principal, settings: Settings, filters: AuditEventFilter
) -> bytes:
    """Every event the caller's audit list shows for these filters, newest first."""

    async def page(params: PageParams) -> tuple[list[AuditEventRead], str | None, int | None]:
        return await service.list_events(session, principal, params, filters)

    return await xlsx.export(settings, page, COLUMNS, sheet="审计日志", noun="审计记录")
