import uuid
from datetime import datetime

from pydantic import Field

from app.core.schemas import ResponseBody
from app.models.base import FileMixin


class AttachmentRead(ResponseBody):
    id: uuid.UUID = Field(description="附件编号")
    filename: str = Field(description="文件名")
    content_type: str = Field(description="文件类型")
    size: int = Field(description="大小（字节）")
    uploader_name: str = Field(description="上传人")
    uploaded_at: datetime = Field(description="上传时间（UTC）")
    download_url: str = Field(description="下载地址")

    @classmethod
    def of(cls, row: FileMixin, download_url: str) -> "AttachmentRead":
        fields = {"id", "filename", "content_type", "size", "uploader_name", "uploaded_at"}
        return cls(**row.model_dump(include=fields), download_url=download_url)
