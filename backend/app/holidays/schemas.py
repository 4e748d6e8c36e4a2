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
