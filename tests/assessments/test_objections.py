"""Between opening and confirmation: a unit's self-reports on its hand-scored items with their
evidence, the office scoring by them, then 公示 and the unit's objections item by item, each
answered (accepted with a changed score, or rejected) — scoped to the unit and the office,
closed by the window and by confirmation, and frozen once done."""

import pytest

from app.core.time import clock_at
from tests.assessments.helpers import (
    ROUNDS,
    after_window,
    item_of,
    publish_scheme,
    score,
    score_everything,
    sheet_of,
)
from tests.helpers import assert_frozen, assert_problem, unit_id

YEAR = 2003
OBJECTIONS = "/api/v1/assessment/objections"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


async def _opened(client, coordinator) -> dict:
    scheme = await publish_scheme(client, coordinator, YEAR)
    opened = await client.post(ROUNDS, json={"scheme_id": scheme["id"]}, headers=coordinator)
    assert opened.status_code == 201, opened.text
    return opened.json()


def _url(round_: dict, unit: str, item: dict, tail: str) -> str:
    return f"{ROUNDS}/{round_['id']}/results/{unit}/items/{item['item_id']}/{tail}"


async def test_self_reports_with_evidence_then_objections_answered(client, auth_for, session):
    coordinator, supervisor, yuhu, yuetang = [
        await auth_for(u) for u in ("coordinator", "supervisor", "yuhu", "yuetang")
    ]
    yuhu_id = await unit_id(client, coordinator, "yuhu")
    round_ = await _opened(client, coordinator)
    mine = sheet_of(round_, yuhu_id)
    measures, signed = item_of(mine, "重大措施"), item_of(mine, "签约金额完成率")

    # 自评: the district's own officers, on a hand-scored item, up to its weight, If-Match "0".
    body = {"claimed": "28", "text": "出台《招商引资若干措施》，市政府常务会审议通过"}
    report_url = _url(round_, yuhu_id, measures, "self-report")
    assert_problem(
        await client.put(report_url, json=body, headers={**coordinator, "If-Match": '"0"'}),
        403,
        "own_unit_only",
    )
    assert_problem(
        await client.put(report_url, json=body, headers={**yuetang, "If-Match": '"0"'}), 404
    )
    assert_problem(
        await client.put(
            _url(round_, yuhu_id, signed, "self-report"),
            json=body,
            headers={**yuhu, "If-Match": '"0"'},
        ),
        409,
        "computed_item",
    )
    assert_problem(
        await client.put(
            report_url, json={**body, "claimed": "31"}, headers={**yuhu, "If-Match": '"0"'}
        ),
        422,
        "too_high",
    )
    written = await client.put(report_url, json=body, headers={**yuhu, "If-Match": '"0"'})
    assert written.status_code == 200, written.text
    report = written.json()
    assert (report["claimed"], report["evidence"]) == ("28.00", [])
    assert_problem(
        await client.put(report_url, json=body, headers={**yuhu, "If-Match": '"0"'}), 412
    )
    rewritten = await client.put(
        report_url,
        json={**body, "claimed": "26"},
        headers={**yuhu, "If-Match": f'"{report["version"]}"'},
    )
    assert rewritten.status_code == 200 and rewritten.json()["claimed"] == "26.00"

    # Its evidence: uploaded by the district, read by the office, not by another district.
    evidence_url = f"/api/v1/assessment/self-reports/{report['id']}/attachments"
    upload = await client.post(
        evidence_url, files={"file": ("若干措施.pdf", PDF, "application/pdf")}, headers=yuhu
    )
    assert upload.status_code == 201, upload.text
    assert_problem(
        await client.post(
            evidence_url,
            files={"file": ("若干措施.pdf", PDF, "application/pdf")},
            headers=coordinator,
        ),
        403,
        "own_unit_only",
    )
    download = await client.get(upload.json()["download_url"], headers=coordinator)
    assert download.status_code == 200 and download.content == PDF
    assert_problem(await client.get(upload.json()["download_url"], headers=yuetang), 404)
    office_view = (await client.get(f"{ROUNDS}/{round_['id']}", headers=coordinator)).json()
    reported = sheet_of(office_view, yuhu_id)["self_reports"]
    assert [(r["claimed"], [f["filename"] for f in r["evidence"]]) for r in reported] == [
        ("26.00", ["若干措施.pdf"])
    ]
    # Another district reads its own sheet only, without yuhu's self-report.
    theirs = (await client.get(f"{ROUNDS}/{round_['id']}", headers=yuetang)).json()
    assert yuhu_id not in [r["unit_id"] for r in theirs["results"]]
    assert all(r["self_reports"] == [] for r in theirs["results"])

    # The office scores by it, then 公示: self-reports and their evidence close and freeze.
    scored = await score(
        client, coordinator, office_view, sheet_of(office_view, yuhu_id), "重大措施", "25"
    )
    assert scored.status_code == 200, scored.text
    await score_everything(client, coordinator, round_["id"])
    moved = await client.post(
        f"{ROUNDS}/{round_['id']}/transitions",
        json={"expected_state": "open", "to_state": "objection"},
        headers=coordinator,
    )
    assert moved.status_code == 201, moved.text
    assert_problem(
        await client.put(
            report_url, json=body, headers={**yuhu, "If-Match": f'"{rewritten.json()["version"]}"'}
        ),
        409,
        "self_report_closed",
    )
    assert_problem(
        await client.post(
            evidence_url, files={"file": ("补充.pdf", PDF, "application/pdf")}, headers=yuhu
        ),
        409,
        "self_report_closed",
    )
    await assert_frozen(session, "UPDATE assessment_self_reports SET claimed = 30")

    # 申诉: one per item, computed or by hand, the unit's own officers only.
    shown = (await client.get(f"{ROUNDS}/{round_['id']}", headers=yuhu)).json()
    mine = sheet_of(shown, yuhu_id)
    before_total = mine["total"]
    reasons = {
        "签约金额完成率": "湘潭经开区代签的 2 亿元项目应计入本区",
        "重大措施": "措施经市政府常务会审议通过，应得满分",
        "三类 500 强": "引进一家世界 500 强企业区域总部",
    }
    raised = {}
    for label, reason in reasons.items():
        response = await client.post(
            _url(shown, yuhu_id, item_of(mine, label), "objections"),
            json={"reason": reason},
            headers=yuhu,
        )
        assert response.status_code == 201, response.text
        raised[label] = response.json()
    assert raised["签约金额完成率"]["state"] == "pending"
    assert_problem(
        await client.post(
            _url(shown, yuhu_id, item_of(mine, "重大措施"), "objections"),
            json={"reason": "再次申诉"},
            headers=yuhu,
        ),
        409,
        "objection_exists",
    )
    assert_problem(
        await client.post(
            _url(shown, yuhu_id, item_of(mine, "工作失误"), "objections"),
            json={"reason": "代为申诉"},
            headers=coordinator,
        ),
        403,
        "own_unit_only",
    )
    queue = (await client.get(OBJECTIONS, params={"state": "pending"}, headers=coordinator)).json()
    assert {o["item_label"] for o in queue if o["unit_id"] == yuhu_id} == set(reasons)
    assert (await client.get(OBJECTIONS, headers=yuetang)).json() == []
    notices = (await client.get("/api/v1/notifications", headers=coordinator)).json()["items"]
    assert "objection_raised" in [n["kind"] for n in notices]

    # Answers: accepted with a changed score (total follows), or rejected; each once.
    answer_url = f"{OBJECTIONS}/{raised['签约金额完成率']['id']}/transitions"
    accept = {"expected_state": "pending", "to_state": "accepted", "answer": "经核实应计入"}
    assert_problem(await client.post(answer_url, json=accept, headers=coordinator), 422, "missing")
    old_points = item_of(mine, "签约金额完成率")["score"]
    assert_problem(
        await client.post(answer_url, json={**accept, "score": old_points}, headers=coordinator),
        422,
        "score_unchanged",
    )
    assert_problem(
        await client.post(answer_url, json={**accept, "score": "61"}, headers=coordinator),
        422,
    )
    assert_problem(await client.post(answer_url, json={**accept, "score": "45"}, headers=yuhu), 403)
    accepted = await client.post(answer_url, json={**accept, "score": "45"}, headers=coordinator)
    assert accepted.status_code == 201, accepted.text
    assert (accepted.json()["state"], accepted.json()["score_before"]) == ("accepted", old_points)
    assert accepted.json()["score_after"] == "45.00"
    assert_problem(
        await client.post(answer_url, json={**accept, "score": "50"}, headers=coordinator),
        409,
        "state_changed",
    )
    reject_url = f"{OBJECTIONS}/{raised['重大措施']['id']}/transitions"
    reject = {"expected_state": "pending", "to_state": "rejected", "answer": "措施未印发实施"}
    assert_problem(
        await client.post(reject_url, json={**reject, "score": "30"}, headers=coordinator),
        422,
        "not_allowed",
    )
    rejected = await client.post(reject_url, json=reject, headers=coordinator)
    assert rejected.status_code == 201 and rejected.json()["score_after"] is None
    await assert_frozen(
        session, "UPDATE assessment_objections SET answer = '' WHERE state <> 'pending'"
    )

    after = sheet_of((await client.get(f"{ROUNDS}/{round_['id']}", headers=yuhu)).json(), yuhu_id)
    changed = item_of(after, "签约金额完成率")
    assert (changed["score"], changed["note"]) == ("45.00", "申诉采纳：经核实应计入")
    assert item_of(after, "重大措施")["score"] == "25.00"
    gained = float(after["total"]) - float(before_total)
    assert gained == pytest.approx(45 - float(old_points))
    assert {o["state"] for o in after["objections"]} == {"accepted", "rejected", "pending"}
    answered = (await client.get("/api/v1/notifications", headers=yuhu)).json()["items"]
    about_this = [n for n in answered if n["link"] == f"/assessment/rounds/{round_['id']}"]
    assert [n["kind"] for n in about_this].count("objection_answered") == 2

    # The window: no objection after its last day; no confirmation before it, nor with one
    # still pending.
    later = after_window(moved.json())
    url = f"{ROUNDS}/{round_['id']}/transitions"
    finalize = {"expected_state": "objection", "to_state": "final"}
    assert_problem(
        await client.post(url, json=finalize, headers=supervisor), 422, "objection_window_open"
    )
    with clock_at(later):
        assert_problem(
            await client.post(
                _url(shown, yuhu_id, item_of(mine, "工作失误"), "objections"),
                json={"reason": "逾期申诉"},
                headers=yuhu,
            ),
            409,
            "objection_window_closed",
        )
        assert_problem(
            await client.post(url, json=finalize, headers=supervisor), 422, "objections_pending"
        )
        last = await client.post(
            f"{OBJECTIONS}/{raised['三类 500 强']['id']}/transitions",
            json={"expected_state": "pending", "to_state": "rejected", "answer": "未提供佐证"},
            headers=coordinator,
        )
        assert last.status_code == 201, last.text
        made = await client.post(f"{ROUNDS}/{round_['id']}/awards", headers=coordinator)
        assert made.status_code == 201, made.text
        final = await client.post(url, json=finalize, headers=supervisor)
    assert final.status_code == 201, final.text
    # Final: every unit reads every sheet, but only its own self-reports and objections.
    seen = (await client.get(f"{ROUNDS}/{round_['id']}", headers=yuetang)).json()
    assert yuhu_id in [r["unit_id"] for r in seen["results"]]
    assert sheet_of(seen, yuhu_id)["objections"] == []
    assert sheet_of(seen, yuhu_id)["self_reports"] == []
    assert_problem(
        await client.post(
            f"{OBJECTIONS}/{raised['三类 500 强']['id']}/transitions",
            json={**accept, "expected_state": "rejected", "score": "5"},
            headers=coordinator,
        ),
        409,
        "invalid_transition",
    )
