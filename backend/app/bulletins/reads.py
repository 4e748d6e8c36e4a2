"""A bulletin as the API shows it: groups of ranked rows beside the indicators they used."""

import uuid
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.bulletins import scoring, service
from app.bulletins.schemas import (
    BulletinRead,
    BulletinSummary,
    GroupRead,
    IndicatorUsed,
    MentionRead,
    RowRead,
    ValueRead,
)
from app.core.principal import Principal
from app.models import Bulletin, BulletinRow
from app.models.enums import AssessmentGroup
from app.stats.schemas import ListQuery, Period


def period(bulletin: Bulletin) -> Period:
    return Period(
        date_from=bulletin.period_from,
        date_to=bulletin.period_to,
        label=f"{bulletin.year}年{service.half_label(bulletin.half)}",
    )


def summary(bulletin: Bulletin) -> BulletinSummary:
    return BulletinSummary(
        id=bulletin.id,
        year=bulletin.year,
        half=bulletin.half,
        title=bulletin.title,
        state=bulletin.state,
        period=period(bulletin),
        built_at=bulletin.built_at,
        published_at=bulletin.published_at,
        version=bulletin.version,
    )


def _row(row: BulletinRow, own: uuid.UUID | None) -> RowRead:
    return RowRead(
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        score=row.score,
        rank=row.rank,
        values=[
            ValueRead(
                key=v["key"],
                value=None if v["value"] is None else Decimal(v["value"]),
                display=v["display"],
                score=Decimal(v["score"]),
                list_query=ListQuery(**v["list_query"]) if v["list_query"] else None,
                codes=v["codes"],
            )
            for v in row.values
        ],
        lagging=row.lagging,
        is_own=row.unit_id == own,
    )


def groups(bulletin: Bulletin, rows: list[BulletinRow], own: uuid.UUID | None) -> list[GroupRead]:
    return [
        GroupRead(
            unit_group=group,
            label=group.label,
            indicators=[
                IndicatorUsed(
                    key=i["key"],
                    label=i["label"],
                    weight=Decimal(i["weight"]),
                    direction=i["direction"],
                    definition=i["definition"],
                )
                for i in bulletin.indicators
                if i["unit_group"] == group.value
            ],
            rows=[_row(r, own) for r in rows if r.unit_group == group.value],
        )
        for group in AssessmentGroup
    ]


async def read(session: AsyncSession, principal: Principal, bulletin: Bulletin) -> BulletinRead:
    rows = await service.rows_of(session, bulletin.id)
    own = principal.unit_id if principal.user is not None else None
    return BulletinRead(
        **summary(bulletin).model_dump(),
        analysis=bulletin.analysis,
        praised=[MentionRead(**m) for m in bulletin.praised],
        criticised=[MentionRead(**m) for m in bulletin.criticised],
        method=scoring.METHOD,
        groups=groups(bulletin, rows, own),
    )
