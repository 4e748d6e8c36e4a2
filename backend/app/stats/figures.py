"""What every statistic is built from: SQL aggregates and a figure that names its definition and
the list query reproducing it."""

from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, type_coerce

from app.core.db import Money
from app.stats.schemas import Figure, ListQuery


def count_where(condition: Any) -> Any:
    """How many rows meet `condition` (0 when none), inside one aggregate statement."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def money_sum(expr: Any) -> Any:
    """The exact sum of a 万元 amount (0 when none)."""
    return type_coerce(func.coalesce(func.sum(expr), 0), Money())


def figure(
    path: str,
    key: str,
    label: str,
    count: int,
    definition: str,
    query: dict[str, Any],
    amount: Decimal | None = None,
) -> Figure:
    return Figure(
        key=key,
        label=label,
        count=int(count),
        amount=amount,
        definition=definition,
        list_query=ListQuery(path=path, query=query),
    )
