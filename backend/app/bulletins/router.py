"""半年度通报 and the assessment indicators it ranks on."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.bulletins import documents, reads, service
from app.bulletins.schemas import (
    BulletinCreate,
    BulletinRead,
    BulletinSummary,
    BulletinTransition,
    BulletinUpdate,
    IndicatorRead,
    IndicatorUpdate,
)
from app.core import files, xlsx
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import Conflict, Problem
from app.core.idempotency import IdempotentRoute
from app.core.official_docx import DOCX_MEDIA_TYPE
from app.core.permissions import Permission
from app.core.principal import Principal
from app.models.enums import BulletinState

router = APIRouter(tags=["bulletins"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.reports_read))]
Editor = Annotated[Principal, Depends(require(Permission.bulletins_write, people_only=True))]
ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": Problem},
    409: {"model": Problem},
    412: {"model": Problem},
    422: {"model": Problem},
    428: {"model": Problem},
}


@router.get("/assessment-indicators", response_model=list[IndicatorRead], summary="考核指标和权重")
async def list_assessment_indicators(principal: Reader, session: SessionDep) -> list[IndicatorRead]:
    """The indicators units are ranked on in the 半年度通报 (and the annual assessment), per
    group (县市区/园区, 职能部门), with their weights; inactive ones do not count."""
    rows = await service.list_indicators(session)
    return [IndicatorRead.model_validate(r, from_attributes=True) for r in rows]


@router.patch(
    "/assessment-indicators/{indicator_id:uuid}",
    response_model=IndicatorRead,
    responses=ERRORS,
    summary="修改考核指标",
)
async def update_assessment_indicator(
    indicator_id: uuid.UUID,
    body: IndicatorUpdate,
    principal: Editor,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> IndicatorRead:
    """Label, weight (0–100) or whether it counts, with `If-Match`. Bulletins keep the weights
    they were built with; a draft takes the new ones when rebuilt."""
    row = await service.update_indicator(session, principal, indicator_id, body, precondition)
    set_etag(response, row.version)
    return IndicatorRead.model_validate(row, from_attributes=True)


@router.get("/bulletins", response_model=list[BulletinSummary], summary="半年度通报列表")
async def list_bulletins(principal: Reader, session: SessionDep) -> list[BulletinSummary]:
    """Newest half first. Districts, parks, departments and partner systems see published
    bulletins only."""
    return [reads.summary(b) for b in await service.list_bulletins(session, principal)]


@router.post(
    "/bulletins",
    response_model=BulletinRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="生成半年度通报",
)
async def create_bulletin(
    body: BulletinCreate, principal: Editor, session: SessionDep, response: Response
) -> BulletinRead:
    """A draft for the half year, built from the statistics as of now: every district's,
    park's and department's values on the active indicators, the records they came from,
    scores and ranks (the method is stated in `method`), and default 表扬 and 通报批评 lists:
    the top 3 of each group (a tie that would make more than 3 is left to the coordinator),
    and the units whose duties lagged. One per half (409 `bulletin_exists`)."""
    bulletin = await service.create(session, principal, body)
    response.headers["Location"] = f"/api/v1/bulletins/{bulletin.id}"
    set_etag(response, bulletin.version)
    return await reads.read(session, principal, bulletin)


@router.get(
    "/bulletins/{bulletin_id:uuid}",
    response_model=BulletinRead,
    responses=ERRORS,
    summary="半年度通报详情",
)
async def read_bulletin(
    bulletin_id: uuid.UUID, principal: Reader, session: SessionDep, response: Response
) -> BulletinRead:
    bulletin = await service.load(session, principal, bulletin_id)
    set_etag(response, bulletin.version)
    return await reads.read(session, principal, bulletin)


@router.patch(
    "/bulletins/{bulletin_id:uuid}",
    response_model=BulletinRead,
    responses=ERRORS,
    summary="修改半年度通报",
)
async def update_bulletin(
    bulletin_id: uuid.UUID,
    body: BulletinUpdate,
    principal: Editor,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> BulletinRead:
    """The analysis text and the 表扬 / 通报批评 lists (units of this bulletin), with
    `If-Match`, while a draft (409 `bulletin_published` after)."""
    bulletin = await service.update(session, principal, bulletin_id, body, precondition)
    set_etag(response, bulletin.version)
    return await reads.read(session, principal, bulletin)


@router.post(
    "/bulletins/{bulletin_id:uuid}/builds",
    response_model=BulletinRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="重新生成半年度通报",
)
async def rebuild_bulletin(
    bulletin_id: uuid.UUID,
    principal: Editor,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> BulletinRead:
    """重新生成 a draft (with `If-Match`): values, scores and ranks from the data and the
    indicator weights as of now; the 表扬 / 通报批评 lists return to their defaults, the
    analysis text is kept."""
    bulletin = await service.rebuild(session, principal, bulletin_id, precondition)
    set_etag(response, bulletin.version)
    return await reads.read(session, principal, bulletin)


@router.post(
    "/bulletins/{bulletin_id:uuid}/transitions",
    response_model=BulletinRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="发布半年度通报",
)
async def transition_bulletin(
    bulletin_id: uuid.UUID,
    body: BulletinTransition,
    principal: Editor,
    session: SessionDep,
    response: Response,
) -> BulletinRead:
    """`draft` → `published` (发布): the bulletin is frozen (the database refuses changes to it
    and its rows), every ranked unit's officers are notified (`bulletin_published`), and the
    Word 通报 can be downloaded."""
    bulletin = await service.transition(session, principal, bulletin_id, body)
    set_etag(response, bulletin.version)
    return await reads.read(session, principal, bulletin)


@router.get(
    "/bulletins/{bulletin_id:uuid}/docx",
    response_class=Response,
    responses={
        200: {"content": {DOCX_MEDIA_TYPE: {}}},
        404: {"model": Problem},
        409: {"model": Problem},
    },
    summary="下载半年度通报（Word）",
)
async def download_bulletin_docx(
    bulletin_id: uuid.UUID, principal: Reader, session: SessionDep, settings: SettingsDep
) -> Response:
    """The published 通报 as a Word document in the layout of the bureau's letters: title,
    period, the ranking table of each group with values and scores, 表扬, 通报批评 and the
    analysis. 409 `bulletin_not_published` for a draft."""
    bulletin = await service.load(session, principal, bulletin_id)
    if bulletin.state != BulletinState.published.value:
        raise Conflict("通报发布后才能下载 Word 文件", code="bulletin_not_published")
    data = documents.render_docx(
        await reads.read(session, principal, bulletin), settings.letter_issuer
    )
    name = f"{bulletin.year}年{service.half_label(bulletin.half)}招商引资工作通报.docx"
    return files.download(
        data, DOCX_MEDIA_TYPE, name, f"bulletin-{bulletin.year}-h{bulletin.half}.docx"
    )


@router.get(
    "/bulletins/{bulletin_id:uuid}/xlsx",
    response_class=Response,
    responses=xlsx.responses("排名（.xlsx）"),
    summary="导出半年度通报排名（Excel）",
)
async def export_bulletin_xlsx(
    bulletin_id: uuid.UUID, principal: Reader, session: SessionDep
) -> Response:
    """The ranking of each group (one sheet each): values with their units in the headers,
    each indicator's score, the total and the lagging duties."""
    bulletin = await service.load(session, principal, bulletin_id)
    data = documents.render_xlsx(await reads.read(session, principal, bulletin))
    return xlsx.download(
        data, f"{bulletin.year}年{service.half_label(bulletin.half)}通报排名", "bulletin-ranking"
    )
