"""The restore drill: a database in use (the demo data, a ticket with an uploaded file) backed up
by the real CLI, restored into a new database and a new attachments folder, and compared table by
table, audit record by audit record, byte by byte; then the restored copy serves the file.

Runs on the database TEST_DATABASE_URL selects (PostgreSQL: pg_dump / pg_restore; else SQLite's
online backup)."""

import hashlib
import json
import os
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.core.config import Settings
from app.core.db import create_engine
from app.main import create_app
from app.models import AuditEvent
from tests.conftest import bearer_for, copy_database, drop_database, fresh_database_url
from tests.helpers import run_cli
from tests.tickets.factories import URL, assigned_ticket

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + os.urandom(2048)


def _env(url: str, attachments: Path) -> dict[str, str]:
    return {"DATABASE_URL": url, "ATTACHMENTS_DIR": str(attachments)}


async def _table_counts(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda c: c.dialect.get_table_names(c))
        return {
            name: (await conn.execute(text(f'SELECT count(*) FROM "{name}"'))).scalar_one()
            for name in sorted(names)
        }


async def _audit_fingerprint(engine: AsyncEngine) -> tuple[int, str]:
    rows = AuditEvent.__table__.c  # type: ignore[attr-defined]
    statement = select(
        rows.stream, rows.seq, rows.hash, rows.id, rows.action, rows.object_type, rows.object_id
    ).add_columns(rows.after)
    async with engine.connect() as conn:
        found = (await conn.execute(statement.order_by(rows.stream, rows.seq))).all()
    digest = hashlib.sha256()
    for stream, seq, chained, id_, action, object_type, object_id, after in found:
        line = [stream, seq, chained, str(id_), action, object_type, object_id, after]
        digest.update(json.dumps(line, sort_keys=True, ensure_ascii=False).encode() + b"\n")
    return len(found), digest.hexdigest()


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


async def _facts(settings: Settings) -> tuple[dict[str, int], tuple[int, str]]:
    engine = create_engine(settings)
    try:
        return await _table_counts(engine), await _audit_fingerprint(engine)
    finally:
        await engine.dispose()


async def _revision(settings: Settings) -> str:
    engine = create_engine(settings)
    try:
        async with engine.connect() as conn:
            revision: str = (
                await conn.execute(text("SELECT version_num FROM alembic_version"))
            ).scalar_one()
            return revision
    finally:
        await engine.dispose()


@pytest.fixture
def source(settings: Settings, template_database_url: str, tmp_path: Path) -> Iterator[Settings]:
    """A deployment in use: the demo data in a database of its own, and an attachments folder."""
    url = copy_database(template_database_url, tmp_path, "_backup_source")
    (tmp_path / "source-files").mkdir()
    yield settings.model_copy(
        update={"database_url": url, "attachments_dir": tmp_path / "source-files"}
    )
    drop_database(url)


@pytest.fixture
def target(settings: Settings, tmp_path: Path) -> Iterator[Settings]:
    """A new, empty database and no attachments folder yet, as on a replacement server."""
    url = fresh_database_url(tmp_path, "_backup_target")
    yield settings.model_copy(
        update={"database_url": url, "attachments_dir": tmp_path / "target-files"}
    )
    drop_database(url)


async def _upload_through_the_app(settings: Settings) -> dict[str, Any]:
    """A ticket raised, assigned and given a file through the API, committed for real."""
    app = create_app(settings)
    try:

        async def auth_for(username: str) -> dict[str, str]:
            return await bearer_for(app, settings, username)

        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            ticket = await assigned_ticket(client, auth_for)
            response = await client.post(
                f"{URL}/{ticket['id']}/attachments",
                files={"file": ("用地预审意见.pdf", PDF, "application/pdf")},
                headers=await auth_for("zrzy"),
            )
            assert response.status_code == 201, response.text
            attachment: dict[str, Any] = response.json()
            return attachment
    finally:
        await app.state.engine.dispose()


async def test_a_backup_restored_into_a_new_database_is_the_same(source, target, tmp_path):
    attachment = await _upload_through_the_app(source)
    counts, audit = await _facts(source)
    files = _files(source.attachments_dir)
    assert PDF in files.values() and counts["ticket_attachments"] >= 1 and audit[0] > 100

    archive = tmp_path / "zhaoshangtong.tar.gz"
    done = run_cli(_env(source.database_url, source.attachments_dir), "backup", str(archive))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("备份完成") and "Traceback" not in done.stderr
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert manifest["tables"] == counts
    assert manifest["schema_revision"] == await _revision(source)
    assert manifest["attachments"]["files"] == len(files)

    done = run_cli(_env(target.database_url, target.attachments_dir), "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("恢复完成")

    assert await _facts(target) == (counts, audit)
    assert _files(target.attachments_dir) == files
    # The restored trail's hash chain holds, link by link.
    verified = run_cli(_env(target.database_url, target.attachments_dir), "audit-verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr

    # The restored deployment serves the file to the people who may see it.
    app = create_app(target)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            download = await client.get(
                attachment["download_url"], headers=await bearer_for(app, target, "yuhu")
            )
    finally:
        await app.state.engine.dispose()
    assert download.status_code == 200 and download.content == PDF


async def test_a_restore_never_overwrites_data_unless_forced(source, target, tmp_path):
    archive = tmp_path / "backup.tar"
    env = _env(source.database_url, source.attachments_dir)
    assert run_cli(env, "backup", str(archive)).returncode == 0

    # A second backup to the same file is refused, and the first is left as it was.
    before = archive.read_bytes()
    again = run_cli(env, "backup", str(archive))
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr.strip().startswith("目标文件已存在") and again.stderr.count("\n") == 1
    assert archive.read_bytes() == before

    # Restoring onto the deployment that is in use is refused, and changes nothing.
    counts = await _facts(source)
    marker = source.attachments_dir / "kept.txt"
    marker.write_text("unchanged")
    refused = run_cli(env, "restore", str(archive))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "已有数据" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert await _facts(source) == counts and marker.read_text() == "unchanged"

    # With --force it is replaced by the backup, files included.
    forced = run_cli(env, "restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    assert await _facts(source) == counts and not marker.exists()

    # An archive that is not a backup is refused before anything is touched.
    bogus = tmp_path / "bogus.tar"
    (tmp_path / "notes.txt").write_text("not a backup")
    with tarfile.open(bogus, "w") as tar:
        tar.add(tmp_path / "notes.txt", arcname="notes.txt")
    wrong = run_cli(_env(target.database_url, target.attachments_dir), "restore", str(bogus))
    assert wrong.returncode == 1 and "manifest.json" in wrong.stderr
    assert not target.attachments_dir.exists()


def test_without_pg_dump_the_backup_says_what_to_install(source, tmp_path):
    if not source.database_url.startswith("postgresql"):
        pytest.skip("SQLite is backed up without pg_dump")
    env = {**_env(source.database_url, source.attachments_dir), "PATH": str(tmp_path)}
    done = run_cli(env, "backup", str(tmp_path / "backup.tar"))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "postgresql-client" in done.stderr
    assert not (tmp_path / "backup.tar").exists()
