"""年度考核 live preview: a published or draft scheme scored on today's records — every unit of
its group, every computed item's value with the records behind it, the hand-scored items still
to score (0 until scored), totals, grades and ranks. Nothing is stored: the round (at the
year's end) takes the snapshot."""

from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.assessments import catalog, indicators, schemes, scoring
from app.assessments.catalog import Method
from app.assessments.schemas import PreviewItem, PreviewRow, SchemePreview
from app.bulletins import scoring as ranking
from app.bulletins.service import units_of
from app.core.calendar import business_today
from app.core.principal import Principal
from app.models import AssessmentScheme, AssessmentSchemeItem
from app.models.enums import AssessmentGroup, SchemeItemKind

PENDING = "待评分"


def _keyed(item: AssessmentSchemeItem) -> bool:
    return item.key is not None and item.kind in (
        SchemeItemKind.computed.value,
        SchemeItemKind.deduction.value,
    )


async def preview(
    session: AsyncSession, principal: Principal, scheme: AssessmentScheme
) -> SchemePreview:
    group = AssessmentGroup(scheme.unit_group)
    units = await units_of(session, group)
    items = await schemes.items_of(session, scheme.id)
    year = indicators.Year(session, principal, scheme.year)
    values: dict[tuple[object, object], indicators.Value] = {}
    for item in items:
        if _keyed(item):
            assert item.key is not None
            compute = indicators.COMPUTE[item.key]
            for unit in units:
                values[item.id, unit.id] = await compute(year, unit.id)
    # `fewest`: measured against the group's lowest value above 0.
    best: dict[object, Decimal | None] = {}
    for item in items:
        measured = [
            v.value
            for u in units
            if (v := values.get((item.id, u.id))) is not None and v.value and v.value > 0
        ]
        best[item.id] = min(measured, default=None)

    rows: list[PreviewRow] = []
    for unit in units:
        lines: list[PreviewItem] = []
        for item in items:
            value = values.get((item.id, unit.id))
            score: Decimal | None = None
            if value is not None and item.key is not None:
                computation = catalog.find(group, item.key)
                assert computation is not None
                if value.full_marks:
                    score = item.weight
                else:
                    score = scoring.item_score(
                        computation.method,
                        item.weight,
                        value.value,
                        target=value.target,
                        best=best[item.id],
                        points=item.points if computation.method == Method.per_occurrence else None,
                    )
            lines.append(
                PreviewItem(
                    item_id=item.id,
                    label=item.label,
                    kind=SchemeItemKind(item.kind),
                    weight=item.weight,
                    by_hand=item.key is None,
                    display=value.display if value else PENDING,
                    score=score,
                    codes=value.codes if value else [],
                    list_query=value.list_query if value else None,
                )
            )
        total = scoring.sheet_total((line.kind, line.score) for line in lines)
        rows.append(
            PreviewRow(
                unit_id=unit.id,
                unit_name=unit.name,
                total=total,
                grade=scoring.grade(total, scheme.excellent_min, scheme.good_min, scheme.pass_min),
                rank=0,
                items=lines,
            )
        )
    ranked = ranking.rank([r.total for r in rows], [r.unit_name for r in rows])
    ordered = []
    for place in ranked:
        row = rows[place.index]
        row.rank = place.rank
        ordered.append(row)
    return SchemePreview(
        scheme_id=scheme.id,
        year=scheme.year,
        unit_group=group,
        as_of=business_today(),
        rows=ordered,
    )
