"""The scoring rule stated in every 通报: relative to the best of the group, negative indicators
inverted, no data scoring nothing, ties sharing a rank."""

from decimal import Decimal

from app.bulletins.scoring import rank, scores
from app.models.enums import IndicatorDirection

D = Decimal


def test_positive_values_score_against_the_best():
    assert scores([D(200), D(100), D(0), None], D(30), IndicatorDirection.positive) == [
        D("30.00"),
        D("15.00"),
        D("0.00"),
        D("0.00"),
    ]
    assert scores([D(0), D(0)], D(30), IndicatorDirection.positive) == [D("0.00"), D("0.00")]


def test_negative_values_lose_against_the_worst():
    assert scores([D(0), D(1), D(3)], D(30), IndicatorDirection.negative) == [
        D("30.00"),
        D("20.00"),
        D("0.00"),
    ]
    assert scores([D(0), D(0)], D(30), IndicatorDirection.negative) == [D("30.00"), D("30.00")]


def test_equal_totals_share_a_rank():
    ranked = rank([D(10), D(50), D(10), D(5)], ["丙", "甲", "乙", "丁"])
    assert [(r.index, r.rank) for r in ranked] == [(1, 1), (0, 2), (2, 2), (3, 4)]
