"""Files on a meeting (材料, 签到表, 纪要扫描件): what the shared attachments module
(`app/attachments/`) needs to know."""

from app.attachments.service import AttachmentOwner
from app.core.errors import Forbidden
from app.core.principal import Principal
from app.meetings import scope
from app.meetings.meeting_reads import load
from app.models import Meeting, MeetingAttachment


def _check_upload(principal: Principal, meeting: Meeting) -> None:
    # Whoever manages meetings may attach in every state (minutes published included).
    if "attach" not in scope.meeting_actions(principal, meeting):
        raise Forbidden()


MEETING_FILES = AttachmentOwner(
    kind="meeting",
    collection="meetings",
    label="会议",
    model=MeetingAttachment,
    owner_column="meeting_id",
    folder="meetings",
    load=load,
    check_upload=_check_upload,
)
