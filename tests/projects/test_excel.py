import io
import uuid
from decimal import Decimal
from urllib.parse import quote

from openpyxl import Workbook, load_workbook

from app.core.credit_code import check_character
from tests.helpers import assert_problem

TEMPLATE = "/api/v1/projects/import-template"
IMPORTS = "/api/v1/projects/imports"
EXPORT = "/api/v1/projects/export"
PROJECTS = "/api/v1/projects"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = [
    "项目名称*",
    "投资方*",
    "统一社会信用代码",
    "产业链*",
    "招商渠道*",
    "责任单位",
    "计划总投资（万元）*",
    "用地面积（亩）",
    "预计就业（人）",
    "预计年税收（万元）",
    "是否外资",
    "是否保密",
    "卡点说明",
]


def credit_code(first17: str = "91430300MA4L0ABCD") -> str:
    return first17 + check_character(first17)


def xlsx(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(name: str, **overrides: object) -> list[object]:
    values: dict[str, object] = {
        "name": name,
        "investor": f"{name}投资有限公司",
        "credit": None,
        "chain": "先进装备制造",
        "channel": "敲门招商",
        "unit": "雨湖区",
        "planned": 52000,
        "land": 120.5,
        "jobs": 300,
        "tax": 2600,
        "foreign": "否",
        "confidential": "否",
        "blocker": None,
    }
    values.update(overrides)
    return list(values.values())


async def upload(client, headers, content: bytes, filename: str = "项目.xlsx", media=XLSX):
    return await client.post(IMPORTS, files={"file": (filename, content, media)}, headers=headers)


async def search(client, headers, q: str) -> list[dict]:
    response = await client.get(PROJECTS, params={"q": q, "limit": 200}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def total(client, headers) -> int:
    response = await client.get(PROJECTS, params={"include_total": True}, headers=headers)
    return response.json()["total"]


def sheet_rows(content: bytes, sheet: str | None = None) -> list[tuple]:
    wb = load_workbook(io.BytesIO(content), read_only=True)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


async def test_download_import_template_has_headers_and_allowed_values(client, auth_for):
    headers = await auth_for("coordinator")
    response = await client.get(TEMPLATE, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('项目导入模板.xlsx')}" in disposition
    assert list(sheet_rows(response.content)[0]) == HEADERS
    guide = [v for r in sheet_rows(response.content, "填写说明") for v in r if v]
    assert {"先进装备制造", "新能源", "敲门招商", "湘商回归", "雨湖区"} <= set(guide)


async def test_import_projects_good_file_creates_every_row(client, auth_for):
    headers = await auth_for("coordinator")
    tag = uuid.uuid4().hex[:8]
    content = xlsx(
        [
            row(f"导入甲{tag}", credit=credit_code(), unit="雨湖区", confidential="是"),
            [],  # blank rows are skipped
            row(
                f"导入乙{tag}",
                chain="new-energy",
                channel="湘商回归",
                unit="岳塘区",
                planned="8000.5",
                land=None,
                jobs=None,
                tax=None,
                foreign="是",
                blocker="用地指标待落实",
            ),
        ]
    )
    response = await upload(client, headers, content)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["imported"] == 2 and len(body["codes"]) == 2
    assert all(code.startswith("XT-") for code in body["codes"])

    found = {p["name"]: p for p in await search(client, headers, tag)}
    assert set(found) == {f"导入甲{tag}", f"导入乙{tag}"}
    first, second = found[f"导入甲{tag}"], found[f"导入乙{tag}"]
    assert first["code"] == body["codes"][0] and second["code"] == body["codes"][1]
    assert first["investor_credit_code"] == credit_code()
    assert first["industry_chain"] == "equipment" and first["source_channel"] == "door-knocking"
    assert first["owner_unit_name"] == "雨湖区" and first["is_confidential"] is True
    assert Decimal(first["planned_investment"]) == Decimal("52000")
    assert Decimal(first["land_area"]) == Decimal("120.5") and first["expected_jobs"] == 300
    assert first["is_major"] is True and first["stage"] == "lead"
    assert second["industry_chain"] == "new-energy" and second["source_channel"] == "xiangshang"
    assert second["owner_unit_name"] == "岳塘区" and second["is_foreign"] is True
    assert Decimal(second["planned_investment"]) == Decimal("8000.5")
    assert second["is_major"] is False and second["blocker_note"] == "用地指标待落实"


async def test_import_projects_bad_credit_code_imports_nothing(client, auth_for):
    headers = await auth_for("coordinator")
    tag = uuid.uuid4().hex[:8]
    good = credit_code()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    before = await total(client, headers)
    content = xlsx([row(f"好行{tag}", credit=good), row(f"坏行{tag}", credit=bad)])
    body = assert_problem(await upload(client, headers, content), 422, "import_invalid")
    assert body["rows"] == [
        {
            "row": 3,
            "column": "统一社会信用代码",
            "message": "统一社会信用代码校验位不正确",
        }
    ]
    assert "第 3 行" in body["detail"] and "未导入" in body["detail"]
    assert await total(client, headers) == before
    assert await search(client, headers, tag) == []


async def test_import_projects_reports_every_error_of_every_row(client, auth_for):
    headers = await auth_for("coordinator")
    content = xlsx(
        [
            row("缺投资方项目", investor=None, chain="不存在的产业"),
            row("好项目一个"),
            row("金额有误项目", planned="很多", jobs=1.5, foreign="也许", unit="火星区"),
            row("小数过多项目", planned=100.123, tax=-1),
        ]
    )
    body = assert_problem(await upload(client, headers, content), 422, "import_invalid")
    found = {(e["row"], e["column"]) for e in body["rows"]}
    assert found == {
        (2, "投资方"),
        (2, "产业链"),
        (4, "责任单位"),
        (4, "计划总投资（万元）"),
        (4, "预计就业（人）"),
        (4, "是否外资"),
        (5, "计划总投资（万元）"),
        (5, "预计年税收（万元）"),
    }
    assert body["error_count"] == 8 and body["detail"].startswith("第 2 行等 8 处错误")
    messages = {(e["row"], e["column"]): e["message"] for e in body["rows"]}
    assert messages[(2, "投资方")] == "必填"
    assert messages[(5, "计划总投资（万元）")] == "最多 2 位小数"


async def test_import_projects_rejects_files_that_are_not_xlsx(client, auth_for):
    headers = await auth_for("coordinator")
    csv = "项目名称,投资方\n某项目,某公司\n".encode()
    body = assert_problem(
        await upload(client, headers, csv, "projects.csv", "text/csv"),
        422,
        "invalid_file",
    )
    assert ".xlsx" in body["detail"]
    assert_problem(await upload(client, headers, b"not a workbook"), 422, "invalid_file")
    old_excel = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    body = assert_problem(await upload(client, headers, old_excel, "old.xls"), 422, "invalid_file")
    no_header = xlsx([row("缺列项目")], headers=["项目名称", "投资方"])
    body = assert_problem(await upload(client, headers, no_header), 422, "invalid_file")
    assert "产业链" in body["detail"]
    missing = await client.post(IMPORTS, headers=headers)
    assert_problem(missing, 422, "validation_error")


async def test_import_projects_too_large_is_413(client, auth_for):
    headers = await auth_for("coordinator")
    big = b"PK\x03\x04" + b"\x00" * (5 * 1024 * 1024)
    assert_problem(await upload(client, headers, big), 413, "file_too_large")


async def test_import_projects_by_unit_officer_always_own_unit(client, auth_for):
    headers = await auth_for("yuhu")
    tag = uuid.uuid4().hex[:8]
    content = xlsx([row(f"专员导入{tag}", unit="岳塘区"), row(f"专员空单位{tag}", unit=None)])
    response = await upload(client, headers, content)
    assert response.status_code == 200, response.text
    assert response.json()["imported"] == 2
    found = await search(client, await auth_for("coordinator"), tag)
    assert [p["owner_unit_name"] for p in found] == ["雨湖区", "雨湖区"]


async def test_export_projects_filtered_with_chinese_headers(client, auth_for):
    headers = await auth_for("coordinator")
    tag = uuid.uuid4().hex[:8]
    content = xlsx(
        [
            row(f"导出甲{tag}", planned=12345.6),
            row(f"导出乙{tag}", chain="新能源"),
            row(f"导出丙{tag}", unit="岳塘区"),
        ]
    )
    assert (await upload(client, headers, content)).status_code == 200

    params = {"q": tag, "industry_chain": "equipment", "stage": ["lead", "evaluation"]}
    response = await client.get(EXPORT, params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    rows = sheet_rows(response.content)
    header = list(rows[0])
    for name in (
        "项目代码",
        "项目名称",
        "投资方",
        "产业链",
        "招商渠道",
        "责任单位",
        "阶段",
    ):
        assert name in header
    assert "计划总投资（万元）" in header and "卡点说明" in header
    data = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    assert {d["项目名称"] for d in data} == {f"导出甲{tag}", f"导出丙{tag}"}
    first = next(d for d in data if d["项目名称"] == f"导出甲{tag}")
    assert first["产业链"] == "先进装备制造" and first["招商渠道"] == "敲门招商"
    assert first["阶段"] == "信息收集" and first["责任单位"] == "雨湖区"
    assert first["计划总投资（万元）"] == 12345.6 and first["重大项目"] == "是"
    assert first["投资方"] == f"导出甲{tag}投资有限公司"

    unit_scoped = await client.get(EXPORT, params={"q": tag}, headers=await auth_for("yuetang"))
    names = [r[1] for r in sheet_rows(unit_scoped.content)[1:]]
    assert names == [f"导出丙{tag}"]


async def test_export_projects_redacts_confidential_investor_for_viewer(client, auth_for):
    coordinator = await auth_for("coordinator")
    tag = uuid.uuid4().hex[:8]
    content = xlsx([row(f"保密{tag}", credit=credit_code(), confidential="是")])
    assert (await upload(client, coordinator, content)).status_code == 200

    def investor_and_code(response) -> tuple:
        rows = sheet_rows(response.content)
        header = list(rows[0])
        record = dict(zip(header, rows[1], strict=True))
        return record["投资方"], record["统一社会信用代码"]

    viewer = await client.get(EXPORT, params={"q": tag}, headers=await auth_for("viewer"))
    assert viewer.status_code == 200
    assert investor_and_code(viewer) == ("（保密）", None)
    full = await client.get(EXPORT, params={"q": tag}, headers=coordinator)
    assert investor_and_code(full) == (f"保密{tag}投资有限公司", credit_code())


async def test_excel_routes_require_token(client):
    assert_problem(await client.get(TEMPLATE), 401)
    assert_problem(await client.get(EXPORT), 401)
    assert_problem(await upload(client, {}, xlsx([])), 401)


async def test_excel_routes_refuse_roles_without_permission(client, admin, auth_for):
    assert_problem(await client.get(TEMPLATE, headers=admin), 403, "forbidden")
    assert_problem(await client.get(EXPORT, headers=admin), 403, "forbidden")
    assert_problem(await upload(client, admin, xlsx([row("管理员项目")])), 403, "forbidden")
    viewer = await auth_for("viewer")
    assert_problem(await upload(client, viewer, xlsx([row("只读项目")])), 403, "forbidden")
    assert_problem(await client.get(TEMPLATE, headers=viewer), 403, "forbidden")


async def test_export_projects_pages_through_everything_and_caps_rows(
    client, auth_for, monkeypatch
):
    from app.core import xlsx as workbook

    headers = await auth_for("coordinator")
    tag = uuid.uuid4().hex[:8]
    content = xlsx([row(f"分页{tag}-{i}") for i in range(5)])
    assert (await upload(client, headers, content)).status_code == 200
    monkeypatch.setattr(workbook, "PAGE", 2)
    response = await client.get(EXPORT, params={"q": tag}, headers=headers)
    names = sorted(r[1] for r in sheet_rows(response.content)[1:])
    assert names == [f"分页{tag}-{i}" for i in range(5)]
    monkeypatch.setattr(workbook, "MAX_ROWS", 4)
    response = await client.get(EXPORT, params={"q": tag}, headers=headers)
    assert_problem(response, 422, "export_too_large")


async def test_import_projects_too_many_rows_is_refused(client, auth_for, monkeypatch):
    from app.projects import excel_import

    monkeypatch.setattr(excel_import, "MAX_IMPORT_ROWS", 2)
    headers = await auth_for("coordinator")
    content = xlsx([row(f"超限项目{i}") for i in range(3)])
    assert_problem(await upload(client, headers, content), 422, "too_many_rows")
