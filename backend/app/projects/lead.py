"""The district's 信息收集 → 评估 step: what a lead must state before it is submitted for
evaluation (提交评估), and who evaluates.

A district or park officer may save a lead as a draft while the investor is known only
vaguely ("宁德某锂电企业") or not at all; the submission needs who (the investor's full name and
someone to reach there), what (the land it needs) and how much (planned investment and the tax
it expects) — the figures the bureau's evaluation scores (亩均投资, 亩均税收). The evaluation
itself is the bureau's: only the coordinator (招商统筹, `projects:manage`) records one and
moves an evaluated project on to 项目接洽.
"""

import re
from decimal import Decimal
from typing import Any

from app.core.errors import Forbidden
from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import Project

# A name still standing for an unnamed company: 某 (宁德某锂电企业), masks, "to be filled in".
PLACEHOLDER = re.compile(r"某|\*|＊|×|\?|？|…|待定|待补充|待确认|不详|XX|xx|ＸＸ")
# The shortest registered company name in practice (e.g. 华为公司 is 4 characters).
FULL_NAME_MIN = 4


def is_full_investor_name(name: str | None) -> bool:
    name = (name or "").strip()
    return len(name) >= FULL_NAME_MIN and PLACEHOLDER.search(name) is None


def submission_gaps(project: Project, supplied: dict[str, Any] | None = None) -> list[str]:
    """What a lead still lacks before it can be submitted for evaluation, in Chinese."""
    supplied = supplied or {}

    def value(field: str) -> Any:
        return supplied[field] if supplied.get(field) is not None else getattr(project, field)

    missing: list[str] = []
    if not is_full_investor_name(value("investor_name")):
        missing.append("需要填写投资方企业全称（草稿中的简称或“某企业”须补全）")
    if not any((c.get("name") and c.get("phone")) for c in value("investor_contacts") or []):
        missing.append("需要至少一位投资方联系人及其电话")
    if not (value("planned_investment") or Decimal(0)) > 0:
        missing.append("需要填写计划总投资（万元，大于 0）")
    if value("land_area") is None:
        missing.append("需要填写用地面积（亩；不新增用地填 0），用于评估亩均投资")
    if value("expected_tax") is None:
        missing.append("需要填写预计年税收（万元），用于评估亩均税收")
    return missing


def evaluates(principal: Principal) -> bool:
    """The bureau's coordinators evaluate; districts, parks and partner systems submit."""
    return principal.user is not None and principal.has(Permission.projects_manage)


def refusal(action: str) -> tuple[str, str]:
    """The 403 (detail, code) for someone else trying the bureau's part."""
    return f"项目评估由市商务局招商统筹负责，{action}须由招商统筹办理", "evaluation_by_bureau"


def check_evaluates(principal: Principal, action: str) -> None:
    if not evaluates(principal):
        detail, code = refusal(action)
        raise Forbidden(detail, code=code)
