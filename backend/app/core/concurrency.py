"""Optimistic concurrency over HTTP: strong ETag from `version`, If-Match on every change."""

import re
from typing import Annotated

from fastapi import Header, Response

from app.core.errors import PreconditionFailed, PreconditionRequired, Unprocessable


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='必填：读取记录时得到的 ETag（如 `"3"`），用于防止覆盖他人的修改',
    ),
]


def expected_version(if_match: str | None) -> int:
    """The version the client last saw; 428 without If-Match, 422 when unreadable."""
    if if_match is None:
        raise PreconditionRequired()
    value = if_match.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not re.fullmatch(r"[0-9]{1,18}", value):
        raise Unprocessable("If-Match 格式不正确", code="invalid_if_match")
    return int(value)


def check_version(current: int, if_match: str | None) -> None:
    if expected_version(if_match) != current:
        raise PreconditionFailed()
