"""Uploaded files reach their place only when the session's outermost transaction commits."""

import io

from app.core import files
from app.models import TicketAttachment

PDF = b"%PDF-1.7\n%%EOF\n"


async def _save(session, settings, target):
    content = io.BytesIO(PDF)

    async def read(size: int) -> bytes:
        return content.read(size)

    upload = files.Upload("报告.pdf", read)
    return await files.save(
        session,
        settings,
        upload,
        lambda filename, content_type: TicketAttachment(
            filename=filename, content_type=content_type, uploader_name="测试"
        ),
        lambda row: target,
    )


async def test_a_released_savepoint_is_no_commit(session, settings, tmp_path):
    target = tmp_path / "file"
    async with session.begin_nested():
        await _save(session, settings, target)
    assert not target.exists()
    await session.rollback()
    assert list(tmp_path.iterdir()) == []


async def test_the_outer_commit_moves_the_file_into_place(session, settings, tmp_path):
    target = tmp_path / "file"
    async with session.begin_nested():
        await _save(session, settings, target)
    await session.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["file"]
    assert target.read_bytes() == PDF
