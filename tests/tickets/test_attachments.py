"""Attachments on a ticket: type, content and size checks; downloads scoped like the ticket."""

from app.audit import service as audit
from app.core.errors import Conflict
from tests.helpers import assert_problem
from tests.tickets.factories import URL, assigned_ticket

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


async def test_upload_list_and_download(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    response = await client.post(
        f"{URL}/{ticket['id']}/attachments",
        files={"file": ("用地预审意见.pdf", PDF, "application/pdf")},
        headers=zrzy,
    )
    assert response.status_code == 201, response.text
    attachment = response.json()
    assert attachment["filename"] == "用地预审意见.pdf" and attachment["size"] == len(PDF)
    assert attachment["uploader_name"] == "张敏"

    yuhu = await auth_for("yuhu")
    listed = (await client.get(f"{URL}/{ticket['id']}/attachments", headers=yuhu)).json()
    assert [a["id"] for a in listed] == [attachment["id"]]
    download = await client.get(attachment["download_url"], headers=yuhu)
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert "filename*=utf-8''" in download.headers["content-disposition"].lower()

    for who in ("yuetang", "fgw"):
        assert_problem(
            await client.get(attachment["download_url"], headers=await auth_for(who)),
            404,
        )
    timeline = (await client.get(f"{URL}/{ticket['id']}/timeline", headers=yuhu)).json()
    assert timeline[-1]["kind"] == "attachment" and timeline[-1]["note"] == "用地预审意见.pdf"


async def test_a_file_is_in_place_once_its_request_commits(client, auth_for, settings):
    ticket = await assigned_ticket(client, auth_for)
    response = await client.post(
        f"{URL}/{ticket['id']}/attachments",
        files={"file": ("用地预审意见.pdf", PDF, "application/pdf")},
        headers=await auth_for("zrzy"),
    )
    assert response.status_code == 201, response.text
    folder = settings.attachments_dir / ticket["id"]
    assert [p.name for p in folder.iterdir()] == [response.json()["id"]]
    assert (folder / response.json()["id"]).read_bytes() == PDF


async def test_a_request_failing_after_the_upload_leaves_no_file(
    client, auth_for, settings, monkeypatch
):
    """The file is written before the transaction ends: a later failure in the same request
    rolls back the row, and must take the file with it."""
    ticket = await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    url = f"{URL}/{ticket['id']}/attachments"

    def fail_after_the_file_is_written(*args, **kwargs):
        raise Conflict("写审计记录失败", code="audit_failed")

    with monkeypatch.context() as patch:
        # The audit trail, the upload's last write, fails to build its line.
        patch.setattr(audit, "_line", fail_after_the_file_is_written)
        response = await client.post(
            url, files={"file": ("用地预审意见.pdf", PDF, "application/pdf")}, headers=zrzy
        )
    assert_problem(response, 409, "audit_failed")
    assert (await client.get(url, headers=zrzy)).json() == []
    folder = settings.attachments_dir / ticket["id"]
    assert not folder.exists() or list(folder.iterdir()) == []


async def test_upload_rejects_wrong_type_disguised_content_and_oversize(client, auth_for, settings):
    ticket = await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    url = f"{URL}/{ticket['id']}/attachments"
    wrong_type = await client.post(
        url, files={"file": ("run.exe", b"MZ\x90\x00", "x")}, headers=zrzy
    )
    assert_problem(wrong_type, 422, "unsupported_file_type")
    disguised = await client.post(
        url,
        files={"file": ("报告.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
        headers=zrzy,
    )
    assert_problem(disguised, 422, "file_content_mismatch")
    too_big = PDF + b"0" * settings.attachment_max_bytes
    oversize = await client.post(
        url, files={"file": ("大文件.pdf", too_big, "application/pdf")}, headers=zrzy
    )
    assert_problem(oversize, 413, "file_too_large")
    assert (await client.get(url, headers=zrzy)).json() == []
    leftovers = list((settings.attachments_dir / ticket["id"]).glob("*"))
    assert leftovers == []


async def upload_raw(client, url: str, filename: str, headers: dict[str, str]):
    """An upload with the file name sent byte for byte (httpx would percent-encode C0 controls,
    a hostile client does not)."""
    boundary = "zst-raw-boundary"
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF
        + f"\r\n--{boundary}--\r\n".encode()
    )
    content_type = f"multipart/form-data; boundary={boundary}"
    return await client.post(url, content=body, headers={**headers, "Content-Type": content_type})


async def test_upload_name_with_control_or_invisible_characters_is_422(client, auth_for, settings):
    ticket = await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    url = f"{URL}/{ticket['id']}/attachments"
    for name in (
        "报告\x00.pdf",  # NUL
        "报告\x1b[31m.pdf",  # C0 escape
        "报告\x85.pdf",  # C1 next line
        "报告\u202efdp.pdf",  # right-to-left override
        "\u200b\u200b.pdf",  # zero-width spaces only
        "\ufeff报告.pdf",  # byte order mark
    ):
        body = assert_problem(await upload_raw(client, url, name, zrzy), 422, "invalid_filename")
        assert body["errors"][0]["loc"] == ["body", "file"], name
    marks_only = await upload_raw(client, url, "\u0301\u0308.pdf", zrzy)
    assert "可见字符" in assert_problem(marks_only, 422, "invalid_filename")["detail"]
    assert (await client.get(url, headers=zrzy)).json() == []
    assert list((settings.attachments_dir / ticket["id"]).glob("*")) == []

    chinese = await client.post(
        url,
        files={"file": ("2026年 第3季度 签约（草案）.pdf", PDF, "application/pdf")},
        headers=zrzy,
    )
    assert chinese.status_code == 201, chinese.text
    assert chinese.json()["filename"] == "2026年 第3季度 签约（草案）.pdf"
