"""Projects to Excel: the ledger (台账) export, the project list as a workbook (app.core.xlsx)."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.core import xlsx
from app.core.config import Settings
from app.core.pagination import PageParams
from app.core.principal import Principal
from app.core.xlsx import Column
from app.dictionaries import service as dictionaries
from app.models.enums import DictionaryKind
from app.projects import reads
from app.projects.schemas import ProjectFilter, ProjectRead

REDACTED = "（保密）"


def _columns(labels: dict[DictionaryKind, dict[str, str]]) -> list[Column[ProjectRead]]:
    chains, channels = labels[DictionaryKind.industry_chain], labels[DictionaryKind.source_channel]
    return [
        Column("项目代码", 14, lambda p: p.code),
        Column("项目名称", 30, lambda p: p.name),
        Column("投资方", 30, lambda p: REDACTED if p.investor_redacted else p.investor_name),
        Column(
            "统一社会信用代码",
            22,
            lambda p: None if p.investor_redacted else p.investor_credit_code,
        ),
        Column("产业链", 14, lambda p: chains.get(p.industry_chain, p.industry_chain)),
        Column("招商渠道", 14, lambda p: channels.get(p.source_channel, p.source_channel)),
        Column("责任单位", 16, lambda p: p.owner_unit_name),
        Column("阶段", 10, lambda p: p.stage),
        Column("计划总投资（万元）", 16, lambda p: p.planned_investment),
        Column("签约金额（万元）", 16, lambda p: p.signed_amount),
        Column("到位资金（万元）", 16, lambda p: p.funds_arrived),
        Column("用地面积（亩）", 14, lambda p: p.land_area),
        Column("预计就业（人）", 12, lambda p: p.expected_jobs),
        Column("预计年税收（万元）", 16, lambda p: p.expected_tax),
        Column("重大项目", 8, lambda p: p.is_major),
        Column("重点项目", 8, lambda p: p.is_key),
        Column("是否外资", 8, lambda p: p.is_foreign),
        Column("是否保密", 8, lambda p: p.is_confidential),
        Column("疑似重复", 8, lambda p: p.possible_duplicate),
        Column("协议类型", 10, lambda p: p.agreement_type),
        Column("签约日期", 12, lambda p: p.signed_date),
        Column("开工日期", 12, lambda p: p.started_date),
        Column("投产日期", 12, lambda p: p.production_date),
        Column("牵头市领导", 12, lambda p: p.lead_leader.full_name if p.lead_leader else None),
        Column("在当前阶段天数", 10, lambda p: p.days_in_stage),
        Column("长期无进展", 10, lambda p: p.is_stale),
        Column("卡点说明", 30, lambda p: p.blocker_note),
        Column("最近活动时间", 17, lambda p: p.last_activity_at),
        Column("创建时间", 17, lambda p: p.created_at),
    ]


async def export_projects(
    session: AsyncSession, principal: Principal, settings: Settings, filters: ProjectFilter
) -> bytes:
    """Every project the caller may see that matches the list filters, as the list shows it."""
    labels = {kind: await dictionaries.labels(session, kind) for kind in DictionaryKind}

    async def page(params: PageParams) -> tuple[list[ProjectRead], str | None, int | None]:
        return await reads.list_projects(session, principal, settings, params, filters)

    return await xlsx.export(
        settings, page, _columns(labels), sheet="项目台账", noun="项目", measure="个"
    )
