"""The scheme a year starts from when the year before has none: the bureau's usual weights.
Computed items take their names from the catalog; the hand-scored ones are those the bureau's
rules name (重大措施、重要活动), plus a capped bonus and deductions."""

from decimal import Decimal

from app.assessments.schemas import RewardRule, SchemeItemWrite
from app.models.enums import AssessmentGrade, AssessmentGroup, SchemeItemKind

C, M, B, D = (
    SchemeItemKind.computed,
    SchemeItemKind.manual,
    SchemeItemKind.bonus,
    SchemeItemKind.deduction,
)


def _item(
    kind: SchemeItemKind,
    label: str,
    weight: str,
    key: str | None = None,
    points: str | None = None,
    criteria: str = "",
) -> SchemeItemWrite:
    return SchemeItemWrite(
        kind=kind,
        key=key,
        label=label,
        weight=Decimal(weight),
        points=Decimal(points) if points else None,
        criteria=criteria,
    )


DEFAULT_ITEMS: dict[AssessmentGroup, list[SchemeItemWrite]] = {
    AssessmentGroup.area: [
        _item(C, "签约金额完成率", "25", "signed_amount"),
        _item(C, "1 亿元以上项目完成率", "15", "signed_major"),
        _item(C, "到位资金完成率", "15", "funds_arrived"),
        _item(C, "三级联审清单项目推进率", "10", "review_list_progress"),
        _item(C, "项目落地率", "10", "landing_rate"),
        _item(C, "议定事项按时落实率", "5", "decisions_on_time"),
        _item(C, "信息报送（月报按时报送率）", "5", "reports_on_time"),
        _item(
            M,
            "重大措施",
            "8",
            criteria="出台招商引资政策、优化营商环境等重大措施，按实效评分",
        ),
        _item(
            M,
            "重要活动",
            "7",
            criteria="组织或参加重要招商活动、外出招商，按次数和成效评分",
        ),
        _item(
            B,
            "引进三类 500 强企业项目",
            "5",
            criteria="年内签约世界 500 强、中国 500 强、中国民营 500 强企业项目，每个加 1 分",
        ),
        _item(
            D,
            "工作失误",
            "5",
            criteria="信息报送不实、重大工作失误造成不良影响的，每次扣 1 分",
        ),
    ],
    AssessmentGroup.department: [
        _item(C, "服务事项按时反馈率", "50", "ticket_on_time"),
        _item(C, "平均办理用时", "20", "avg_working_days"),
        _item(C, "议定事项按时落实率", "20", "decisions_on_time"),
        _item(
            M,
            "服务企业成效",
            "10",
            criteria="为项目协调解决重大问题、企业评价等，按实效评分",
        ),
        _item(D, "服务事项被退回重办", "5", "returns", points="0.5"),
        _item(D, "被督办", "10", "supervised", points="1"),
        _item(D, "被通报", "10", "circulated", points="2"),
        _item(
            B,
            "受到上级表彰",
            "3",
            criteria="服务项目建设工作受到省级以上表彰的，每次加 1 分",
        ),
    ],
}


# The bureau's 600,000 元 a year: 400,000 for districts and parks, 200,000 for departments, a
# fifth of each for individuals; 优秀 units weigh 1.5 × their score, 良好 1.0, 合格 0.5.
_FACTORS = {
    AssessmentGrade.excellent: Decimal("1.50"),
    AssessmentGrade.good: Decimal("1.00"),
    AssessmentGrade.passed: Decimal("0.50"),
    AssessmentGrade.failed: Decimal("0.00"),
}
DEFAULT_REWARD: dict[AssessmentGroup, RewardRule] = {
    AssessmentGroup.area: RewardRule(fund=400_000, individual_percent=20, factors=_FACTORS),
    AssessmentGroup.department: RewardRule(fund=200_000, individual_percent=20, factors=_FACTORS),
}
