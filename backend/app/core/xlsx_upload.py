"""An uploaded Excel workbook, read safely: the container checked before openpyxl sees it (.xls,
not a zip, a zip that would inflate into gigabytes), the first worksheet's header and non-blank
rows, and the cell readers every import shares (text, exact money, integers).

A domain supplies what its header means (`header`, which raises `invalid_file` for a missing
or repeated column) and turns each row into its own request model."""

import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from openpyxl import load_workbook

from app.core.db import CENT
from app.core.errors import AppError

MAX_UNZIPPED_BYTES = 60 * 1024 * 1024  # a 5 MB zip must not inflate into gigabytes
UNREADABLE = "无法读取该 Excel 文件，请确认文件未损坏并为 .xlsx 格式"

H = TypeVar("H")


def invalid_file(detail: str) -> AppError:
    return AppError(detail, code="invalid_file", status=422)


def check_container(data: bytes, filename: str | None) -> None:
    if filename and not filename.lower().endswith(".xlsx"):
        raise invalid_file("只接受 Excel .xlsx 文件，请用模板填写后上传")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise invalid_file("不支持 .xls（Excel 97-2003）格式，请另存为 .xlsx 后上传")
    if not data.startswith(b"PK\x03\x04"):
        raise invalid_file("文件不是有效的 Excel .xlsx 文件")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise invalid_file("文件不是有效的 Excel .xlsx 文件") from exc
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise invalid_file("文件不是有效的 Excel .xlsx 文件")
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise AppError("文件内容过大，请拆分后分批导入", code="file_too_large", status=413)


def read_sheet(
    data: bytes,
    filename: str | None,
    header: Callable[[tuple[Any, ...]], H],
    *,
    max_columns: int,
    max_rows: int,
) -> tuple[H, list[tuple[int, tuple[Any, ...]]]]:
    """The first worksheet: its header (the first non-blank row, as `header` reads it) and its
    non-blank data rows with their Excel row numbers."""
    check_container(data, filename)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise invalid_file(UNREADABLE) from exc
    found: list[H] = []
    rows: list[tuple[int, tuple[Any, ...]]] = []
    try:
        ws = wb.worksheets[0]
        for number, values in enumerate(ws.iter_rows(max_col=max_columns, values_only=True), 1):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            if not found:
                found.append(header(values))
                continue
            rows.append((number, tuple(values)))
            if len(rows) > max_rows:
                raise AppError(
                    f"单次最多导入 {max_rows} 行，请拆分后分批导入",
                    code="too_many_rows",
                    status=422,
                )
    except AppError:
        raise
    except Exception as exc:
        raise invalid_file(UNREADABLE) from exc
    finally:
        wb.close()
    if not found:
        raise invalid_file("表格是空的：第一行应为表头，请使用导入模板")
    return found[0], rows


class CellError(ValueError):
    """A cell that cannot be read as its column asks; the message says what was expected."""


def text(value: Any) -> str | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    out = str(value).strip()
    return out or None


def money(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError("应为数字")
    if isinstance(value, float):
        number = Decimal(repr(value))
        # Excel keeps doubles; 0.1 + 0.2 must still read as 0.30.
        if abs(number - number.quantize(CENT)) < Decimal("0.000001"):
            number = number.quantize(CENT)
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        try:
            number = Decimal(str(value).replace(",", "").replace("，", "").strip())
        except InvalidOperation as exc:
            raise CellError("应为数字") from exc
    if not number.is_finite():
        raise CellError("应为数字")
    return number


def integer(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).replace(",", "").strip())
    except ValueError as exc:
        raise CellError("应为整数") from exc
