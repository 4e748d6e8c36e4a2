"""Who hears of a 年度考核's steps: the units it assesses when it opens (to self-report), when
its results are publicised (to read and object) and when it is confirmed; the coordinators when
a unit objects; the unit when its objection is answered."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.assessments.events import ObjectionRecorded, RoundRecorded
from app.models.enums import NotificationKind, Role
from app.notifications.service import Note, deliver

ROUND_NOTICES = {
    "open": (
        NotificationKind.assessment_opened,
        "年度考核已开启，请对人工评分项目填报自评并上传佐证材料。",
    ),
    "publicize": (
        NotificationKind.assessment_publicized,
        "考核结果已公示，请核对本单位得分；如有异议，请在申诉期内逐项提出申诉。",
    ),
    "finalize": (NotificationKind.assessment_final, "考核结果已确认，可查看本单位得分和全部排名。"),
}


async def round_recorded(session: AsyncSession, events: Sequence[RoundRecorded]) -> None:
    """Reaction: every assessed unit hears of each step of its round, linking to the page."""
    notes = [
        Note(
            kind=ROUND_NOTICES[e.verb][0],
            title=e.title,
            body=ROUND_NOTICES[e.verb][1],
            link=f"/assessment/rounds/{e.object_id}",
            units=e.unit_ids,
            exclude=e.actor.user.id if e.actor and e.actor.user else None,
        )
        for e in events
        if e.verb in ROUND_NOTICES
    ]
    await deliver(session, notes)


async def objection_recorded(session: AsyncSession, events: Sequence[ObjectionRecorded]) -> None:
    """Reaction: a new objection waits for the coordinators; an answer goes to the unit."""
    notes: list[Note] = []
    for e in events:
        exclude = e.actor.user.id if e.actor and e.actor.user else None
        who = e.actor.display_name if e.actor else "系统"
        if e.verb == "create":
            notes.append(
                Note(
                    kind=NotificationKind.objection_raised,
                    title=e.title,
                    body=f"{who}提出申诉，请答复",
                    link=f"/assessment/rounds/{e.round_id}",
                    roles=[Role.coordinator],
                    exclude=exclude,
                )
            )
        else:
            verdict = "已采纳" if e.verb == "accept" else "已驳回"
            notes.append(
                Note(
                    kind=NotificationKind.objection_answered,
                    title=e.title,
                    body=f"申诉{verdict}（{who}），请查看答复和得分",
                    link=f"/assessment/rounds/{e.round_id}",
                    units=[e.unit_id],
                    exclude=exclude,
                )
            )
    await deliver(session, notes)
