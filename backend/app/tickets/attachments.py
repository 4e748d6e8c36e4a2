"""Files on a ticket: what the shared attachments module (`app/attachments/`) needs to know."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.attachments.service import AttachmentOwner
from app.core.errors import Forbidden
from app.core.principal import Principal
from app.models import Project, Ticket, TicketAttachment
from app.models.enums import TicketEventKind
from app.tickets import scope
from app.tickets.reads import load
from app.tickets.service import add_event


def _check_upload(principal: Principal, owner: tuple[Ticket, Project]) -> None:
    if "attach" not in scope.actions(principal, *owner):
        raise Forbidden("当前状态下不能上传附件")


async def _on_upload(
    session: AsyncSession,
    principal: Principal,
    owner: tuple[Ticket, Project],
    row: TicketAttachment,
) -> None:
    await add_event(session, principal, owner[0], TicketEventKind.attachment, note=row.filename)


# Files stay at `<ATTACHMENTS_DIR>/<ticket id>/<id>`, where tickets have always kept them.
TICKET_FILES = AttachmentOwner(
    kind="ticket",
    collection="tickets",
    label="",
    model=TicketAttachment,
    owner_column="ticket_id",
    folder="",
    load=load,
    check_upload=_check_upload,
    on_upload=_on_upload,
)
