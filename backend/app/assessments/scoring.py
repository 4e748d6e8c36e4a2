"""How a 考核方案 turns values into points, points into grades and ranks, and the reward fund
into yuan — the arithmetic the 年度考核通报 states, kept apart from reading the records so that
each rule is tested on its own.

- A computed item scores by its catalog method: `target` weight × min(value ÷ target, 1);
  `rate` weight × min(rate, 1); `fewest` weight × (the group's lowest value ÷ the unit's);
  `per_occurrence` is a deduction of points × occurrences. No data scores as the catalog says
  (the caller passes None for "no data", which scores 0, or the full weight where the item's
  definition says so).
- Bonus and deduction items are capped at their weight.
- The total is the scored items plus bonuses minus deductions, never below 0; grades by the
  scheme's thresholds; ranks within the group, equal totals sharing a rank.
- The fund is split by the largest-remainder method: every part in whole yuan, and the parts
  add up to the fund exactly."""

from collections.abc import Hashable, Iterable, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TypeVar

from app.assessments.catalog import Method
from app.models.enums import AssessmentGrade, SchemeItemKind

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
K = TypeVar("K", bound=Hashable)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def item_score(
    method: Method,
    weight: Decimal,
    value: Decimal | None,
    *,
    target: Decimal | None = None,
    best: Decimal | None = None,
    points: Decimal | None = None,
) -> Decimal:
    """One unit's points on one item (for `per_occurrence`, the deduction, capped)."""
    if value is None:
        return ZERO
    if method == Method.target:
        if not target or target <= 0:
            return ZERO
        return _cents(weight * min(value / target, Decimal(1)))
    if method == Method.rate:
        return _cents(weight * min(max(value, Decimal(0)), Decimal(1)))
    if method == Method.fewest:
        if value <= 0:
            return _cents(weight)
        if best is None or best <= 0:
            return ZERO
        return _cents(weight * min(best / value, Decimal(1)))
    if points is None:
        raise ValueError("a deduction per occurrence needs its points")
    return capped(points * value, weight)


def capped(points: Decimal, cap: Decimal) -> Decimal:
    """A bonus or a deduction: never negative, never more than its cap."""
    return _cents(min(max(points, Decimal(0)), cap))


def total(
    scored: Sequence[Decimal], bonuses: Sequence[Decimal], deductions: Sequence[Decimal]
) -> Decimal:
    points = sum(scored, Decimal(0)) + sum(bonuses, Decimal(0)) - sum(deductions, Decimal(0))
    return _cents(max(points, Decimal(0)))


def sheet_total(items: Iterable[tuple[str, Decimal | None]]) -> Decimal:
    """A unit's total from its sheet's (kind, score) pairs: bonuses added, deductions taken
    off, everything else scored; an item not yet scored counts 0."""
    scored: list[Decimal] = []
    bonuses: list[Decimal] = []
    deductions: list[Decimal] = []
    for kind, points in items:
        if kind == SchemeItemKind.bonus:
            bonuses.append(points or ZERO)
        elif kind == SchemeItemKind.deduction:
            deductions.append(points or ZERO)
        else:
            scored.append(points or ZERO)
    return total(scored, bonuses, deductions)


def grade(
    score: Decimal, excellent_min: Decimal, good_min: Decimal, pass_min: Decimal
) -> AssessmentGrade:
    if score >= excellent_min:
        return AssessmentGrade.excellent
    if score >= good_min:
        return AssessmentGrade.good
    if score >= pass_min:
        return AssessmentGrade.passed
    return AssessmentGrade.failed


def split(fund: int, weights: dict[K, Decimal]) -> dict[K, int]:
    """The fund (whole yuan) in proportion to `weights` by the largest-remainder method: each
    part its quota rounded down, then the yuan left over one each to the largest remainders.
    Equal remainders go in the order of `weights` (the caller orders by rank, then name), so
    the same inputs always give the same split. All weights 0: nothing is paid out of the
    fund's parts (every part 0) — the caller decides what that means."""
    if fund < 0:
        raise ValueError("the fund cannot be negative")
    whole = sum(weights.values(), Decimal(0))
    if whole <= 0:
        return {key: 0 for key in weights}
    quotas = {key: Decimal(fund) * w / whole for key, w in weights.items()}
    parts = {key: int(q.to_integral_value(ROUND_FLOOR)) for key, q in quotas.items()}
    left = fund - sum(parts.values())
    order = list(weights)
    by_remainder = sorted(order, key=lambda k: (-(quotas[k] - parts[k]), order.index(k)))
    for key in by_remainder[:left]:
        parts[key] += 1
    return parts


def adjust(parts: dict[K, int], changes: dict[K, int]) -> dict[K, int]:
    """A manual adjustment of a split: the changed parts must keep the total and stay ≥ 0."""
    adjusted = {**parts, **changes}
    if set(adjusted) != set(parts):
        raise ValueError("an adjustment cannot add or remove a part")
    if any(v < 0 for v in adjusted.values()):
        raise ValueError("a part cannot be negative")
    if sum(adjusted.values()) != sum(parts.values()):
        raise ValueError("an adjustment must keep the fund's total")
    return adjusted
