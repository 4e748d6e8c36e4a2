"""Base classes and field types for request and response bodies."""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("不能包含空字符")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_no_nul)]


def _password_rule(value: str) -> str:
    _no_nul(value)
    if len(value) < 10:
        raise ValueError("密码至少 10 位")
    if not any(c.isalpha() for c in value) or not any(c.isdigit() for c in value):
        raise ValueError("密码须同时包含字母和数字")
    return value


Password = Annotated[str, StringConstraints(max_length=128), AfterValidator(_password_rule)]


class RequestBody(BaseModel):
    """Every request body: unknown fields are refused, never silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ResponseBody(BaseModel):
    model_config = ConfigDict(from_attributes=True)
