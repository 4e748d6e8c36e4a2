"""Request body caps: refused on `Content-Length` before the body is read, and while a body
without one streams in, never after reading it whole."""

from collections.abc import AsyncIterator

from tests.helpers import assert_problem
from tests.tickets.factories import URL, assigned_ticket

CHUNK = 64 * 1024
BOUNDARY = "----zst-test-boundary"


class Body:
    """A request body handed over chunk by chunk, counting how many chunks the server took."""

    def __init__(self, chunks: int, head: bytes = b"", tail: bytes = b"") -> None:
        self.chunks, self.head, self.tail, self.taken = chunks, head, tail, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self.taken += 1
        yield self.head
        for _ in range(self.chunks):
            self.taken += 1
            yield b" " * CHUNK
        self.taken += 1
        yield self.tail


def multipart(filename: str, chunks: int) -> Body:
    head = (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    ).encode()
    return Body(chunks, head, f"\r\n--{BOUNDARY}--\r\n".encode())


async def test_content_length_over_cap_is_413_before_the_body_is_read(client, admin):
    body = Body(chunks=100)
    response = await client.post(
        "/api/v1/units",
        content=body,
        headers={
            **admin,
            "Content-Type": "application/json",
            "Content-Length": str(100 * CHUNK),
        },
    )
    problem = assert_problem(response, 413, "payload_too_large")
    assert "1 MB" in problem["detail"]
    assert body.taken == 0
    assert response.headers["connection"] == "close"


async def test_chunked_json_over_cap_is_refused_while_streaming(client, admin):
    body = Body(chunks=1000)  # 64 MB, no Content-Length
    response = await client.post(
        "/api/v1/units",
        content=body,
        headers={**admin, "Content-Type": "application/json"},
    )
    assert_problem(response, 413, "payload_too_large")
    assert body.taken <= 1024 * 1024 // CHUNK + 2


async def test_json_body_over_cap_is_413_and_under_it_is_parsed(client, admin):
    padding = "x" * (1024 * 1024)
    big = await client.post("/api/v1/units", json={"name": padding}, headers=admin)
    assert_problem(big, 413, "payload_too_large")
    under = await client.post("/api/v1/units", json={"name": "x" * 300_000}, headers=admin)
    assert_problem(under, 422, "validation_error")


async def test_chunked_upload_over_cap_is_refused_while_streaming(client, auth_for, settings):
    ticket = await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    url = f"{URL}/{ticket['id']}/attachments"
    body = multipart("大文件.pdf", chunks=1000)
    response = await client.post(
        url,
        content=body,
        headers={**zrzy, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    problem = assert_problem(response, 413, "payload_too_large")
    assert f"{settings.attachment_max_bytes // 1024} KB" in problem["detail"]
    assert body.taken <= settings.attachment_max_bytes // CHUNK + 3
    assert (await client.get(url, headers=zrzy)).json() == []
    assert list((settings.attachments_dir / ticket["id"]).glob("*")) == []


async def test_chunked_upload_under_cap_is_stored(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    response = await client.post(
        f"{URL}/{ticket['id']}/attachments",
        content=multipart("会议纪要.pdf", chunks=0),
        headers={**zrzy, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["filename"] == "会议纪要.pdf"
