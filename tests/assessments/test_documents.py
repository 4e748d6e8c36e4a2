"""The confirmed round's 年度考核通报 (Word) and score sheet (Excel), on the demo's 2025
districts-and-parks round (assessed end to end by the demo): what users read in them matches the
round — ranking and grades, 表扬 and 通报批评, the reward table adding up to the fund."""

import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from app.demo.history import YEAR
from tests.assessments.helpers import ROUNDS, publish_scheme
from tests.helpers import assert_problem

GRADES = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}


async def _last_year(client, headers) -> dict:
    listed = (await client.get(ROUNDS, params={"year": YEAR - 1}, headers=headers)).json()
    summary = next(r for r in listed if r["unit_group"] == "area")
    return (await client.get(f"{ROUNDS}/{summary['id']}", headers=headers)).json()


async def test_the_annual_bulletin_in_word(client, auth_for):
    yuhu = await auth_for("yuhu")
    round_ = await _last_year(client, yuhu)
    awards = (await client.get(f"{ROUNDS}/{round_['id']}/awards", headers=yuhu)).json()
    response = await client.get(f"{ROUNDS}/{round_['id']}/docx", headers=yuhu)
    assert response.status_code == 200, response.text
    assert "wordprocessingml" in response.headers["content-type"]
    doc = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in doc.paragraphs]
    assert f"关于{YEAR - 1}年度县市区/园区招商引资工作考核结果的通报" in paragraphs
    body = "\n".join(paragraphs)
    excellent = [r["unit_name"] for r in round_["results"] if r["grade"] == "excellent"]
    failed = [r["unit_name"] for r in round_["results"] if r["grade"] == "fail"]
    assert excellent and failed
    assert f"对考核等次为优秀的{'、'.join(excellent)}等 {len(excellent)} 个单位予以通报表扬" in body
    assert f"对考核等次为不合格的{'、'.join(failed)}予以通报批评" in body
    person = next(a for a in awards["items"] if a["person_name"])
    assert f"{person['person_name']}（{person['unit_name']}）" in body

    ranking, reward = doc.tables
    lines = [[c.text for c in r.cells] for r in ranking.rows]
    assert lines[0] == ["名次", "单位", "综合得分", "等次"]
    assert [(line[0], line[1], line[3]) for line in lines[1:]] == [
        (str(r["rank"]), r["unit_name"], GRADES[r["grade"]]) for r in round_["results"]
    ]
    assert [Decimal(line[2]) for line in lines[1:]] == [
        Decimal(r["total"]) for r in round_["results"]
    ]
    paid = [[c.text for c in r.cells] for r in reward.rows]
    assert paid[0] == ["序号", "单位或个人", "等次", "金额（元）"]
    assert paid[-1][1:] == ["合计", "", f"{awards['fund']:,}"]
    assert sum(int(line[3].replace(",", "")) for line in paid[1:-1]) == awards["fund"]


async def test_the_score_sheet_in_excel(client, auth_for):
    coordinator = await auth_for("coordinator")
    round_ = await _last_year(client, coordinator)
    response = await client.get(f"{ROUNDS}/{round_['id']}/xlsx", headers=coordinator)
    assert response.status_code == 200, response.text
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["考核得分", "奖励分配"]
    scores = list(wb["考核得分"].iter_rows(values_only=True))
    items = round_["results"][0]["items"]
    assert len(scores[0]) == 2 + 2 * len(items) + 2
    assert scores[0][2:4] == (f"{items[0]['label']}（值）", f"{items[0]['label']}（得分）")
    for line, r in zip(scores[1:], round_["results"], strict=True):
        assert (line[0], line[1], line[-1]) == (r["rank"], r["unit_name"], GRADES[r["grade"]])
        assert Decimal(str(line[-2])) == Decimal(r["total"])
        assert Decimal(str(line[3])) == Decimal(r["items"][0]["score"])
    rewards = list(wb["奖励分配"].iter_rows(values_only=True))
    assert rewards[-1][1] == "合计" and rewards[-1][6] == sum(r[6] for r in rewards[1:-1])


async def test_before_confirmation(client, auth_for):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    scheme = await publish_scheme(client, coordinator, 2007)
    opened = (
        await client.post(ROUNDS, json={"scheme_id": scheme["id"]}, headers=coordinator)
    ).json()
    assert_problem(
        await client.get(f"{ROUNDS}/{opened['id']}/docx", headers=coordinator),
        409,
        "round_not_final",
    )
    # The office works from the sheet while scoring; a unit waits for confirmation.
    assert (
        await client.get(f"{ROUNDS}/{opened['id']}/xlsx", headers=coordinator)
    ).status_code == 200
    assert_problem(await client.get(f"{ROUNDS}/{opened['id']}/xlsx", headers=yuhu), 404)
