"""What a 考核方案 can compute from the records: each key with the unit group it applies to, the
kind of line it may be (a scored indicator or a deduction per occurrence) and how its value
becomes points. The scheme names keys and weights; this module owns the definitions, so the
editor, the score sheet and the 通报 all say the same thing."""

from dataclasses import dataclass
from enum import StrEnum

from app.models.enums import AssessmentGroup, SchemeItemKind


class Method(StrEnum):
    # weight × min(value ÷ target, 1): the unit's annual target (unit_targets).
    target = "target"
    # weight × rate (0–1).
    rate = "rate"
    # weight × best ÷ value: lower is better, measured against the group's best (lowest).
    fewest = "fewest"
    # points × occurrences, taken off, at most the item's cap.
    per_occurrence = "per_occurrence"


@dataclass(frozen=True)
class Computation:
    key: str
    group: AssessmentGroup
    kind: SchemeItemKind
    method: Method
    label: str
    definition: str


AREA, DEPARTMENT = AssessmentGroup.area, AssessmentGroup.department
SCORED, DEDUCTION = SchemeItemKind.computed, SchemeItemKind.deduction

COMPUTATIONS: tuple[Computation, ...] = (
    Computation(
        "signed_amount",
        AREA,
        SCORED,
        Method.target,
        "签约金额完成率",
        "本年度签约日期在年内的项目签约金额之和 ÷ 年度签约金额目标；"
        "得分 = 权重 × 完成率（最高 100%），未设定目标不得分",
    ),
    Computation(
        "signed_major",
        AREA,
        SCORED,
        Method.target,
        "1 亿元以上项目完成率",
        "本年度签约金额 ≥ 1 亿元的项目个数 ÷ 年度目标个数；"
        "得分 = 权重 × 完成率（最高 100%），未设定目标不得分",
    ),
    Computation(
        "funds_arrived",
        AREA,
        SCORED,
        Method.target,
        "到位资金完成率",
        "本年度签约项目的实际到位资金 ÷ 年度到位资金目标；"
        "得分 = 权重 × 完成率（最高 100%），未设定目标不得分",
    ),
    Computation(
        "review_list_progress",
        AREA,
        SCORED,
        Method.rate,
        "三级联审清单项目推进率",
        "本年度三级联审重大项目清单中本单位的项目，已签约、已开工或已投产的比例；"
        "得分 = 权重 × 比例，清单中无本单位项目不得分",
    ),
    Computation(
        "landing_rate",
        AREA,
        SCORED,
        Method.rate,
        "项目落地率",
        "本年度签约的项目中已开工或已投产的比例；得分 = 权重 × 比例，无签约项目不得分",
    ),
    Computation(
        "decisions_on_time",
        AREA,
        SCORED,
        Method.rate,
        "议定事项按时落实率",
        "年内到期的会议议定事项中按时办结的比例；得分 = 权重 × 比例，无到期事项得满分",
    ),
    Computation(
        "reports_on_time",
        AREA,
        SCORED,
        Method.rate,
        "月报按时报送率",
        "本年度已过报送期限的各月月报中，在期限当日或之前首次报送的比例；"
        "得分 = 权重 × 比例，无到期月报得满分",
    ),
    Computation(
        "ticket_on_time",
        DEPARTMENT,
        SCORED,
        Method.rate,
        "服务事项按时反馈率",
        "年内反馈的服务事项（该部门牵头）中在办理时限内反馈的比例；得分 = 权重 × 比例，"
        "无反馈事项得满分",
    ),
    Computation(
        "avg_working_days",
        DEPARTMENT,
        SCORED,
        Method.fewest,
        "平均办理用时",
        "年内反馈的服务事项（牵头或协办）自交办至反馈的平均工作日数；"
        "得分 = 权重 × 同类最少用时 ÷ 本单位用时，无反馈事项得满分",
    ),
    Computation(
        "decisions_on_time",
        DEPARTMENT,
        SCORED,
        Method.rate,
        "议定事项按时落实率",
        "年内到期的会议议定事项中按时办结的比例；得分 = 权重 × 比例，无到期事项得满分",
    ),
    Computation(
        "returns",
        DEPARTMENT,
        DEDUCTION,
        Method.per_occurrence,
        "服务事项被退回重办",
        "年内反馈后被退回重办的次数；每次扣分见方案，扣完为止",
    ),
    Computation(
        "supervised",
        DEPARTMENT,
        DEDUCTION,
        Method.per_occurrence,
        "被督办",
        "年内牵头或协办的服务事项被督办（1 级）的次数；每次扣分见方案，扣完为止",
    ),
    Computation(
        "circulated",
        DEPARTMENT,
        DEDUCTION,
        Method.per_occurrence,
        "被通报",
        "年内牵头或协办的服务事项被通报（2 级）的次数；每次扣分见方案，扣完为止",
    ),
)

BY_KEY: dict[tuple[AssessmentGroup, str], Computation] = {(c.group, c.key): c for c in COMPUTATIONS}


def find(group: AssessmentGroup, key: str) -> Computation | None:
    return BY_KEY.get((group, key))
