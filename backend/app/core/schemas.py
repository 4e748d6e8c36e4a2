"""Base classes and field types for request and response bodies.

Input is taken strictly, as a partner system's developer reads the contract: a number is a JSON
number (never a string, never `true`), a date is a `YYYY-MM-DD` string (never a number), money is
a decimal string. Text is normalised where people paste from Word (line breaks, invisible format
characters) and refused where it holds control characters. Every request-body field uses one of
the types below; tests/core/test_input_types.py walks every request model to keep it so.
"""

import re
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from app.core.time import SHANGHAI

# ── Text ──────────────────────────────────────────────────────────────────────────────────────

# Line and paragraph breaks as Word, old Macs and Unicode write them: U+000B is Word's soft line
# break and arrives with every paste.
_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Characters that render as nothing yet are not whitespace: names made only of these are empty.
_BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def clean_text(value: str, *, multiline: bool) -> str:
    """Text as stored: breaks unified (`\\n` in multi-line text, a space in a single line), tabs
    kept only in multi-line text, format characters (zero-width, bidi overrides, soft hyphen,
    BOM) dropped, NFC; any other control character or a lone surrogate is refused."""
    value = value.replace("\r\n", "\n")
    out: list[str] = []
    for ch in value:
        if ch in _BREAKS:
            out.append("\n" if multiline else " ")
            continue
        if ch == "\t":
            out.append("\t" if multiline else " ")
            continue
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        if category in ("Cc", "Cs"):
            raise ValueError(f"不能包含控制字符（U+{ord(ch):04X}）")
        out.append(ch)
    text = unicodedata.normalize("NFC", "".join(out)).strip()
    if text and all(ch.isspace() or ch in _BLANKS for ch in text):
        raise ValueError("须包含可见字符")
    return text


def _single_line(value: Any) -> Any:
    return clean_text(value, multiline=False) if isinstance(value, str) else value


def _multi_line(value: Any) -> Any:
    return clean_text(value, multiline=True) if isinstance(value, str) else value


# One line: names, titles, places, codes people type.
Text = Annotated[str, BeforeValidator(_single_line), Strict()]
# Several lines: notes, descriptions, minutes, opinions.
MultilineText = Annotated[str, BeforeValidator(_multi_line), Strict()]
# A dictionary or score-item code: lower-case ASCII, as `GET /dictionaries` lists them.
Code = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]

# ── Numbers and flags ─────────────────────────────────────────────────────────────────────────

Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]


def _ascii_int(value: Any) -> Any:
    """A number in a query string or path: ASCII digits only (no `1_000`, no full-width)."""
    if isinstance(value, str) and not re.fullmatch(r"-?[0-9]{1,18}", value):
        raise ValueError("应为整数")
    return value


# In a query string or a path, where everything arrives as text.
QueryInt = Annotated[int, BeforeValidator(_ascii_int)]

MONEY_PATTERN = r"^\d{1,12}(\.\d{1,2})?$"
_MONEY = re.compile(MONEY_PATTERN, re.ASCII)
CENT = Decimal("0.01")


def _decimal_text(value: Any) -> Any:
    """Money and areas travel as decimal strings ("1200.50"); a JSON number is refused, since a
    binary float cannot hold 0.1 exactly. Decimals built in-process (Excel import) pass."""
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not _MONEY.match(value):
        raise ValueError('应为十进制数字字符串，最多两位小数，如 "1200.50"')
    return Decimal(value)


def _decimal_field(upper: str) -> Any:
    return Annotated[
        Decimal,
        BeforeValidator(_decimal_text),
        Field(ge=0, le=Decimal(upper), decimal_places=2),
        AfterValidator(lambda v: v.quantize(CENT)),
        WithJsonSchema(
            {"type": "string", "pattern": MONEY_PATTERN, "examples": ["1200.50"]},
            mode="validation",
        ),
    ]


# 万元 with two decimals; up to 999,999,999,999.99 万元.
Money = _decimal_field("999999999999.99")
# 亩 with two decimals.
Area = _decimal_field("99999999.99")

# ── Dates and times ───────────────────────────────────────────────────────────────────────────

# What a record of investment attraction can plausibly carry: this century and the next one's
# start. Far-off dates are typing slips, and the calendar arithmetic has no need for year 9999.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}.*")


def _iso_day(value: Any) -> Any:
    """A date travels as `YYYY-MM-DD`; a number (or a numeric string) is not a date."""
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("应为日期字符串 YYYY-MM-DD")


def _iso_moment(value: Any) -> Any:
    """A time travels as ISO 8601 text with its offset; a number is not a time."""
    if isinstance(value, datetime) or (isinstance(value, str) and _ISO_MOMENT.fullmatch(value)):
        return value
    raise ValueError("应为 ISO 8601 时间字符串，如 2026-11-30T09:00:00+08:00")


def _within_day(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"日期须在 {EARLIEST} 至 {LATEST} 之间")
    return value


def _within_moment(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise PydanticCustomError(
            "naive_datetime", "须带时区，如 2026-11-30T09:00:00+08:00（北京时间）"
        )
    # Checked before converting: year 9999 at UTC-12 is past what a datetime can hold in UTC.
    if not EARLIEST <= value.date() <= LATEST:
        raise ValueError(f"时间须在 {EARLIEST} 至 {LATEST} 之间")
    return value.astimezone(UTC)


# A business date (Asia/Shanghai), `YYYY-MM-DD`.
Day = Annotated[date, BeforeValidator(_iso_day), AfterValidator(_within_day)]


def _not_future(value: date) -> date:
    if value > datetime.now(SHANGHAI).date():
        raise ValueError("不能晚于今天")
    return value


# A date on which something already happened (signed, started, visited).
PastDay = Annotated[Day, AfterValidator(_not_future)]
# A point in time with its offset (`2026-11-30T10:00:00+08:00`); stored and returned in UTC.
Moment = Annotated[datetime, BeforeValidator(_iso_moment), AfterValidator(_within_moment)]

# ── Base models ───────────────────────────────────────────────────────────────────────────────


def _password_rule(value: str) -> str:
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
        raise ValueError("密码不能包含控制字符")
    if len(value) < 10:
        raise ValueError("密码至少 10 位")
    if not any(c.isalpha() for c in value) or not any(c.isdigit() for c in value):
        raise ValueError("密码须同时包含字母和数字")
    return value


Password = Annotated[
    str, Strict(), StringConstraints(max_length=128), AfterValidator(_password_rule)
]
# A list's incremental read: rows changed after this moment (with `sort=updated_at`, whose keyset
# is (updated_at, id), so rows written in the same instant are neither skipped nor repeated).
UpdatedAfter = Annotated[
    Moment | None,
    Field(description="只返回此时间之后修改过的（增量同步，配合 sort=updated_at 使用）"),
]
# A secret as issued (current password, refresh token): compared, never stored as typed.
Secret = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=200)]


class RequestBody(BaseModel):
    """Every request body: unknown fields are refused, never silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ResponseBody(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class QueryParams(BaseModel):
    """A list's filters, declared as query parameters (`Annotated[TheFilter, Query()]`). Values
    arrive as text, so they are parsed as such; other parameters of the same query string (the
    page's `limit`, `cursor` …) are someone else's and are ignored here, not refused."""

    model_config = ConfigDict(extra="ignore")
