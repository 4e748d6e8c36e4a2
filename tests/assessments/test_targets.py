"""年度目标任务: every district and park listed for the year, targets set by the coordinator
once without If-Match and afterwards only with the version read."""

import io

from openpyxl import Workbook, load_workbook

from tests.helpers import assert_problem, unit_id

URL = "/api/v1/assessment/targets"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def test_targets_are_set_once_then_changed_with_the_version(client, auth_for):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    yuhu_id = await unit_id(client, coordinator, "yuhu")
    listed = (await client.get(URL, params={"year": 2031}, headers=yuhu)).json()
    row = next(r for r in listed if r["unit_id"] == yuhu_id)
    assert (row["signed_amount"], row["major_projects"], row["version"]) == (None, None, None)
    assert {r["unit_kind"] for r in listed} == {"district", "park"}

    body = {"signed_amount": "350000.00", "major_projects": 6, "funds_arrived": "120000.50"}
    # Without If-Match a write could overwrite someone's figures unseen: "0" while none are set.
    assert_problem(await client.put(f"{URL}/2031/{yuhu_id}", json=body, headers=coordinator), 428)
    created = await client.put(
        f"{URL}/2031/{yuhu_id}", json=body, headers={**coordinator, "If-Match": '"0"'}
    )
    assert created.status_code == 200, created.text
    assert created.json()["signed_amount"] == "350000.00"
    assert created.headers["ETag"] == '"1"'
    # A second "first" write is someone else's stale view.
    assert_problem(
        await client.put(
            f"{URL}/2031/{yuhu_id}", json=body, headers={**coordinator, "If-Match": '"0"'}
        ),
        412,
    )
    changed = await client.put(
        f"{URL}/2031/{yuhu_id}",
        json={**body, "major_projects": 8},
        headers={**coordinator, "If-Match": '"1"'},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["major_projects"], changed.json()["version"]) == (8, 2)
    assert_problem(
        await client.put(
            f"{URL}/2031/{yuhu_id}", json=body, headers={**coordinator, "If-Match": '"1"'}
        ),
        412,
    )
    row = next(
        r
        for r in (await client.get(URL, params={"year": 2031}, headers=yuhu)).json()
        if r["unit_id"] == yuhu_id
    )
    assert (row["major_projects"], row["funds_arrived"]) == (8, "120000.50")
    other_year = (await client.get(URL, params={"year": 2032}, headers=yuhu)).json()
    assert next(r for r in other_year if r["unit_id"] == yuhu_id)["version"] is None


async def test_targets_are_for_districts_and_parks_set_by_the_office(client, auth_for):
    coordinator = await auth_for("coordinator")
    zrzy_id = await unit_id(client, coordinator, "zrzy")
    yuhu_id = await unit_id(client, coordinator, "yuhu")
    body = {"signed_amount": "1.00", "major_projects": 1, "funds_arrived": "1.00"}
    coordinator = {**coordinator, "If-Match": '"0"'}
    assert_problem(await client.put(f"{URL}/2031/{zrzy_id}", json=body, headers=coordinator), 404)
    assert_problem(
        await client.put(f"{URL}/2031/{yuhu_id}", json=body, headers=await auth_for("yuhu")), 403
    )
    number = {**body, "signed_amount": 1.5}
    assert_problem(await client.put(f"{URL}/2031/{yuhu_id}", json=number, headers=coordinator), 422)
    assert_problem(await client.put(f"{URL}/1999/{yuhu_id}", json=body, headers=coordinator), 422)
    assert_problem(await client.get(URL, headers=coordinator), 422)


def _sheet(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def _import(client, headers, year: int, content: bytes):
    files = {"file": ("目标.xlsx", content, XLSX)}
    return await client.post(f"{URL}/{year}/imports", files=files, headers=headers)


async def test_the_exported_sheet_comes_back_as_the_targets(client, auth_for):
    coordinator = await auth_for("coordinator")
    exported = await client.get(f"{URL}/2037/xlsx", headers=coordinator)
    assert exported.status_code == 200, exported.text
    assert ".xlsx" in exported.headers["content-disposition"]
    ws = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == [
        "单位",
        "单位类型",
        "签约金额目标（万元）",
        "1 亿元以上项目目标（个）",
        "到位资金目标（万元）",
    ]
    names = [r[0] for r in rows[1:]]
    assert "雨湖区" in names and all(r[2] is None for r in rows[1:])

    # The coordinator fills in two units (one by code) and imports the sheet.
    filled = [
        rows[0],
        ["雨湖区", "县市区", 350000.5, 6, "120,000"],
        ["yuetang", None, 280000, 4.0, 90000],
    ]
    response = await _import(client, coordinator, 2037, _sheet(filled))
    assert response.status_code == 200, response.text
    assert response.json() == {"imported": 2}
    listed = {
        r["unit_name"]: r
        for r in (await client.get(URL, params={"year": 2037}, headers=coordinator)).json()
    }
    assert (listed["雨湖区"]["signed_amount"], listed["雨湖区"]["major_projects"]) == (
        "350000.50",
        6,
    )
    assert listed["雨湖区"]["funds_arrived"] == "120000.00"
    assert (listed["岳塘区"]["signed_amount"], listed["岳塘区"]["major_projects"]) == (
        "280000.00",
        4,
    )

    # Imported again, a unit's targets are replaced: the audit log holds both versions.
    again = await _import(client, coordinator, 2037, _sheet([rows[0], ["雨湖区", None, 1, 1, 1]]))
    assert again.status_code == 200, again.text
    log = await client.get(
        "/api/v1/audit-events",
        params={"action": "unit_target.import", "limit": 50},
        headers=await auth_for("supervisor"),
    )
    assert log.status_code == 200, log.text
    imports = [e for e in log.json()["items"] if e["action"] == "unit_target.import"]
    assert len(imports) >= 3
    assert imports[0]["action_label"] == "导入年度目标"


async def test_a_wrong_row_imports_nothing(client, auth_for):
    coordinator = await auth_for("coordinator")
    header = ["单位", "签约金额目标（万元）", "1 亿元以上项目目标（个）", "到位资金目标（万元）"]
    rows = [
        header,
        ["雨湖区", 100, 1, 50],
        ["不存在的区", 100, 1, 50],
        ["雨湖区", 100, 1, 50],
        ["韶山市", -5, 1.5, None],
        ["湘乡市", 100.123, 1, 50],
    ]
    body = assert_problem(
        await _import(client, coordinator, 2038, _sheet(rows)), 422, "import_invalid"
    )
    found = {(e["row"], e["column"]) for e in body["rows"]}
    assert {
        (3, "单位"),
        (4, "单位"),
        (5, "签约金额目标（万元）"),
        (5, "1 亿元以上项目目标（个）"),
        (5, "到位资金目标（万元）"),
        (6, "签约金额目标（万元）"),
    } <= found, body["rows"]
    listed = (await client.get(URL, params={"year": 2038}, headers=coordinator)).json()
    assert all(r["version"] is None for r in listed)

    missing = assert_problem(
        await _import(client, coordinator, 2038, _sheet([["单位", "签约金额目标（万元）"]])),
        422,
        "invalid_file",
    )
    assert "到位资金目标" in missing["detail"]
    assert_problem(await _import(client, coordinator, 2038, b"not a workbook"), 422, "invalid_file")
    assert_problem(await _import(client, await auth_for("yuhu"), 2038, _sheet([header])), 403)
