"""The assessment's arithmetic: item scores by method, caps, totals, grades, and the reward
fund split to the yuan by the largest-remainder method."""

import random
from decimal import Decimal as D

import pytest

from app.assessments.catalog import Method
from app.assessments.scoring import adjust, capped, grade, item_score, split, total
from app.models.enums import AssessmentGrade


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (D(350000), D(500000), D("17.50")),
        (D(600000), D(500000), D("25.00")),  # beyond the target: the full weight, no more
        (D(0), D(500000), D("0.00")),
        (D(1), D(3), D("8.33")),
        (D(350000), None, D(0)),  # no target set
        (D(350000), D(0), D(0)),
        (None, D(500000), D(0)),  # no data
    ],
)
def test_target_items_score_the_completion_up_to_the_weight(value, target, expected):
    assert item_score(Method.target, D(25), value, target=target) == expected


def test_rates_and_the_fewest_days():
    assert item_score(Method.rate, D(10), D("0.8")) == D("8.00")
    assert item_score(Method.rate, D(10), D("1.2")) == D("10.00")
    assert item_score(Method.rate, D(10), D("-0.1")) == D("0.00")
    assert item_score(Method.rate, D(5), D("0.6667")) == D("3.33")
    # Against the group's lowest average: the fastest gets the whole weight.
    assert item_score(Method.fewest, D(20), D("5.7"), best=D("5.7")) == D("20.00")
    assert item_score(Method.fewest, D(20), D("8.0"), best=D("5.7")) == D("14.25")
    assert item_score(Method.fewest, D(20), None, best=D("5.7")) == D(0)


def test_deductions_per_occurrence_and_bonuses_are_capped():
    assert item_score(Method.per_occurrence, D(10), D(3), points=D("1.5")) == D("4.50")
    assert item_score(Method.per_occurrence, D(10), D(8), points=D("1.5")) == D("10.00")
    assert item_score(Method.per_occurrence, D(10), D(0), points=D("1.5")) == D("0.00")
    with pytest.raises(ValueError):
        item_score(Method.per_occurrence, D(10), D(1))
    assert capped(D(7), D(5)) == D("5.00")
    assert capped(D(-1), D(5)) == D("0.00")


def test_the_total_adds_bonuses_takes_deductions_and_stays_at_or_above_zero():
    assert total([D("17.50"), D("8.00")], [D(3)], [D("4.50")]) == D("24.00")
    assert total([D(2)], [], [D(10)]) == D("0.00")
    assert total([D(60), D(40)], [D(5)], []) == D("105.00")


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (D("105"), AssessmentGrade.excellent),
        (D("90.00"), AssessmentGrade.excellent),
        (D("89.99"), AssessmentGrade.good),
        (D("80"), AssessmentGrade.good),
        (D("60"), AssessmentGrade.passed),
        (D("59.99"), AssessmentGrade.failed),
    ],
)
def test_grades_by_the_scheme_thresholds(score, expected):
    assert grade(score, D(90), D(80), D(60)) == expected


def test_the_fund_split_in_proportion():
    assert split(600_000, {"a": D(3), "b": D(2), "c": D(1)}) == {
        "a": 300_000,
        "b": 200_000,
        "c": 100_000,
    }


def test_the_yuan_left_over_go_to_the_largest_remainders_then_in_order():
    # 600,000 in seven equal parts: 85,714 each and 2 yuan over, to the first two in order.
    seven = split(600_000, {n: D(1) for n in range(7)})
    assert list(seven.values()) == [85_715, 85_715, 85_714, 85_714, 85_714, 85_714, 85_714]
    # Equal remainders (49.5 and 50.5): the yuan over goes to the first in order.
    assert split(100, {"x": D("0.495"), "y": D("0.505")}) == {"x": 50, "y": 50}
    # The largest remainder first, whatever the order: 49.995 and 51.005.
    assert split(101, {"x": D("0.495"), "y": D("0.505")}) == {"x": 50, "y": 51}
    assert split(100, {"x": D(0), "y": D(0)}) == {"x": 0, "y": 0}
    with pytest.raises(ValueError):
        split(-1, {"x": D(1)})


def test_every_split_adds_up_to_the_fund_and_each_part_is_within_a_yuan_of_its_share():
    rng = random.Random(20261201)
    for _ in range(500):
        fund = rng.choice([600_000, 599_999, 1, 7, rng.randrange(0, 2_000_000)])
        weights = {n: D(rng.randrange(0, 10_000)) / 100 for n in range(rng.randrange(1, 30))}
        parts = split(fund, weights)
        whole = sum(weights.values())
        if whole == 0:
            assert set(parts.values()) == {0}
            continue
        assert sum(parts.values()) == fund
        for key, part in parts.items():
            assert abs(D(part) - D(fund) * weights[key] / whole) < 1
        assert split(fund, weights) == parts  # the same inputs, the same split


def test_a_manual_adjustment_keeps_the_total():
    parts = split(600_000, {"a": D(3), "b": D(2), "c": D(1)})
    assert adjust(parts, {"a": 290_000, "c": 110_000}) == {"a": 290_000, "b": 200_000, "c": 110_000}
    for changes in ({"a": 290_000}, {"a": -1, "b": 500_001}, {"d": 0}):
        with pytest.raises(ValueError):
            adjust(parts, changes)
