"""Optimistic concurrency over HTTP: strong ETag from `version`, If-Match on every change."""

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Response

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


@dataclass(frozen=True)
class Precondition:
    """The version the client last saw, read from If-Match once by the route. The service checks
    it when it holds the row, so a missing or hidden row still answers 404, and a refused caller
    403, before an absent header's 428."""

    version: int | None = None
    malformed: bool = False

    def check(self, current: int) -> None:
        if self.malformed:
            raise Unprocessable("If-Match 格式不正确", code="invalid_if_match")
        if self.version is None:
            raise PreconditionRequired()
        if self.version != current:
            raise PreconditionFailed()


def _precondition(if_match: IfMatch = None) -> Precondition:
    if if_match is None:
        return Precondition()
    value = if_match.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not re.fullmatch(r"[0-9]{1,18}", value):
        return Precondition(malformed=True)
    return Precondition(int(value))


# A route's If-Match, parsed: `precondition: IfMatchVersion` and pass it to the service.
IfMatchVersion = Annotated[Precondition, Depends(_precondition)]
