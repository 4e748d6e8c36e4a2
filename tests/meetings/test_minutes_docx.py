"""Published minutes download as a Word document (会议纪要): every version, in the layout of
the bureau's letters, with the meeting's decisions."""

import io
from datetime import datetime
from urllib.parse import quote

import docx
import httpx

from app.core.official_docx import DOCX_MEDIA_TYPE
from app.core.time import SHANGHAI
from app.meetings.minutes_docx import chinese_number
from tests.helpers import assert_problem
from tests.meetings.factories import MEETINGS, add_decision, create_meeting, move

MINUTES = "会议听取了各县市区重大项目推进情况汇报。\n\n会议强调，要强化要素保障，加快项目落地。"


async def _published(client: httpx.AsyncClient, coordinator: dict[str, str]):
    meeting = await create_meeting(client, coordinator)
    land = await add_decision(client, coordinator, meeting, co=("fgw",), due_date="2026-12-31")
    road = await add_decision(
        client,
        coordinator,
        meeting,
        responsible="yuhu",
        text="雨湖区完成产业园道路改造",
        due_date=None,
    )
    assert (await move(client, coordinator, meeting, "held")).status_code == 201
    etag = (await client.get(f"{MEETINGS}/{meeting['id']}", headers=coordinator)).headers["etag"]
    patched = await client.patch(
        f"{MEETINGS}/{meeting['id']}",
        json={"minutes_draft": MINUTES},
        headers={**coordinator, "If-Match": etag},
    )
    assert patched.status_code == 200, patched.text
    assert (await move(client, coordinator, meeting, "published")).status_code == 201
    return meeting, land, road


def _paragraphs(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX_MEDIA_TYPE
    return [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs if p.text]


async def test_published_minutes_download_as_word(client: httpx.AsyncClient, auth_for) -> None:
    coordinator = await auth_for("coordinator")
    meeting, land, road = await _published(client, coordinator)
    url = f"{MEETINGS}/{meeting['id']}/minutes-versions"

    versions = (await client.get(url, headers=coordinator)).json()
    assert versions[0]["download_url"] == f"{url}/1/docx"
    response = await client.get(versions[0]["download_url"], headers=coordinator)
    text = _paragraphs(response)
    assert text[0] == "季度联席调度会纪要"
    assert meeting["title"] in text
    # The minutes as written right under the title, one paragraph per line, blank lines dropped.
    after_title = text[text.index(meeting["title"]) + 1 :]
    assert after_title[:2] == [
        "会议听取了各县市区重大项目推进情况汇报。",
        "会议强调，要强化要素保障，加快项目落地。",
    ]
    starts = datetime.fromisoformat(meeting["starts_at"]).astimezone(SHANGHAI)
    assert (
        f"会议时间：{starts.year}年{starts.month}月{starts.day}日 {starts:%H:%M}"
        "　地点：市政府三楼常务会议室"
    ) in text
    assert "主持：王建国" in text
    attendance = next(p for p in text if p.startswith("参会单位："))
    for unit in ("雨湖区", "市自然资源和规划局", "市发展和改革委员会"):
        assert unit in attendance
    assert text[text.index("附：议定事项责任分工") + 1 :][:2] == [
        f"（一）{land['text'].rstrip('。')}。（责任单位：市自然资源和规划局；"
        f"配合单位：市发展和改革委员会；完成时限：2026年12月31日。编号{land['code']}）",
        f"（二）雨湖区完成产业园道路改造。（责任单位：雨湖区。编号{road['code']}）",
    ]
    assert "湘潭市招商安商领导小组办公室" in text
    assert any(p.startswith("分送：") and "市发展和改革委员会" in p for p in text)
    filename = quote(f"{meeting['title']}纪要（第1版）.docx")
    assert f"filename*=UTF-8''{filename}" in response.headers["content-disposition"]

    # A revision is its own document; the first version stays as it was published.
    revised = await client.post(
        url,
        json={"minutes": "会议听取了各县市区汇报，议定两项事项。", "reason": "补正议定事项数量"},
        headers=coordinator,
    )
    assert revised.status_code == 201, revised.text
    second = _paragraphs(await client.get(f"{url}/2/docx", headers=coordinator))
    assert "会议听取了各县市区汇报，议定两项事项。" in second
    assert "（本纪要为第2版，修订原因：补正议定事项数量）" in second
    first = _paragraphs(await client.get(f"{url}/1/docx", headers=coordinator))
    assert "会议听取了各县市区重大项目推进情况汇报。" in first
    assert_problem(await client.get(f"{url}/3/docx", headers=coordinator), 404)


async def test_attending_units_get_the_minutes_others_do_not(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    meeting, land, road = await _published(client, coordinator)
    url = f"{MEETINGS}/{meeting['id']}/minutes-versions/1/docx"
    text = _paragraphs(await client.get(url, headers=await auth_for("yuhu")))
    assert any(road["code"] in p for p in text) and any(land["code"] in p for p in text)
    # A unit that did not attend does not learn the meeting exists.
    assert_problem(await client.get(url, headers=await auth_for("gaoxin")), 404)


async def test_no_document_before_the_minutes_are_published(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    meeting = await create_meeting(client, coordinator)
    url = f"{MEETINGS}/{meeting['id']}/minutes-versions/1/docx"
    assert_problem(await client.get(url, headers=coordinator), 404)


def test_decisions_are_numbered_in_chinese() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十三",
        "九十九",
    ]
