"""How units are scored and ranked on the indicators — the method the 通报 itself states.

For each indicator, a unit's score is its value against the best value of its group:
- positive indicators: weight × value ÷ (the group's highest value); all at 0 → 0 for all;
- negative indicators (escalations): weight × (highest − value) ÷ highest; none at all → full
  weight for all;
- no data (暂无数据) scores 0.
The total is the sum, to two decimals; units are ranked within their group by total, highest
first, equal totals sharing a rank (1, 1, 3)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.models.enums import IndicatorDirection

CENT = Decimal("0.01")

METHOD = (
    "评分方法：各项指标以同类单位中的最高值为满分基准。正向指标得分 = 权重 × 本单位值 ÷ 最高值；"
    "负向指标（被督办、通报）得分 = 权重 × (最高值 − 本单位值) ÷ 最高值，均无则各得满分；"
    "暂无数据的指标不得分。综合得分为各项得分之和，同类单位按综合得分从高到低排名，得分相同名次相同。"
)


def scores(
    values: list[Decimal | None], weight: Decimal, direction: IndicatorDirection
) -> list[Decimal]:
    """Each unit's score on one indicator, in the order of `values`."""
    known = [v for v in values if v is not None]
    best = max(known, default=Decimal(0))
    out: list[Decimal] = []
    for value in values:
        if value is None:
            score = Decimal(0)
        elif direction == IndicatorDirection.negative:
            score = weight if best <= 0 else weight * (best - value) / best
        else:
            score = Decimal(0) if best <= 0 else weight * value / best
        out.append(score.quantize(CENT, ROUND_HALF_UP))
    return out


@dataclass(frozen=True)
class Ranked:
    index: int
    rank: int


def rank(totals: list[Decimal], names: list[str]) -> list[Ranked]:
    """Competition ranking by total (highest first), ties by name for the order only."""
    order = sorted(range(len(totals)), key=lambda i: (-totals[i], names[i]))
    ranked: list[Ranked] = []
    for position, i in enumerate(order):
        if position and totals[i] == totals[order[position - 1]]:
            ranked.append(Ranked(i, ranked[-1].rank))
        else:
            ranked.append(Ranked(i, position + 1))
    return ranked
