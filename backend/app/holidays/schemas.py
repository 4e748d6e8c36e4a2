from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from app.core.schemas import Bool, RequestBody, ResponseBody, Text


class OverridePut(RequestBody):
    is_working_day: Bool = Field(description="true：调休上班日；false：放假日")
    name: Annotated[Text, Field(min_length=1, max_length=40)] = Field(
        description="名称，如 元旦、春节调休"
    )


class OverrideRead(ResponseBody):
    day: date = Field(description="日期")
    is_working_day: bool = Field(description="true：调休上班日；false：放假日")
    name: str = Field(description="名称")
    updated_at: datetime = Field(description="最后修改时间（UTC）")


class DueDatePreview(ResponseBody):
    start: date = Field(description="起算日（交办当日）")
    working_days: int = Field(description="工作日数")
    due_date: date = Field(description="办理时限")
    skipped: list[date] = Field(description="期间跳过的节假日和周末")
    calendar_known: bool = Field(
        description="该年度节假日安排是否已知；为 false 时只按周末计算（可在节假日调整中补录）"
    )
