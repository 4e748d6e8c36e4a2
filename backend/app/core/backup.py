"""Backup and restore of a deployment: the database and the attachments folder in one archive.

The archive is a tar file (gzip-compressed when its name ends in `.gz` or `.tgz`) holding

- `manifest.json`: when it was made, the database kind, the schema revision (Alembic) and each
  table's row count, and the number and size of the attachment files;
- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite, a copy
  made with SQLite's online backup API);
- `attachments/…`: the files under `ATTACHMENTS_DIR`, by their path there.

On PostgreSQL the row counts and the dump read one snapshot (`pg_dump --snapshot`), so the
manifest describes exactly what was dumped. The database is read before the attachments: a row
in the dump always has its file in the archive (files reach their final name before their row
commits, see `core/files.py`). The password goes to pg_dump and pg_restore in the environment,
never on their command line.

A restore refuses a target that already holds data (people or audit events) unless forced, then
replaces the database (`pg_restore --clean --if-exists --no-owner` in one transaction, or the
SQLite file) and the contents of the attachments folder. Stop the app before restoring.
"""

import asyncio
import contextlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy.engine import URL, make_url

from app.core.config import Settings

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_FILE = "database.sqlite3"
ATTACHMENTS = "attachments"
# Tables whose rows mean the database is in use: every person, and every write's audit record.
IN_USE_TABLES = ("users", "audit_events")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is one line for the operator."""


@dataclass(frozen=True)
class Result:
    path: Path
    manifest: dict[str, Any]


# ── Connection details ────────────────────────────────────────────────────────────────────────


def _url(settings: Settings) -> URL:
    return make_url(settings.database_url)


def _sqlite_path(settings: Settings) -> Path:
    if settings.sqlite_path is None:
        raise BackupError("DATABASE_URL 未指向 SQLite 数据库文件")
    return settings.sqlite_path


def _pg_env(url: URL) -> dict[str, str]:
    """libpq's environment for pg_dump / pg_restore: the password is never an argument."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    query = {k: (v if isinstance(v, str) else v[-1]) for k, v in url.query.items()}
    host = url.host or query.get("host")
    if host:
        env["PGHOST"] = host
    if url.port or query.get("port"):
        env["PGPORT"] = str(url.port or query["port"])
    if url.username:
        env["PGUSER"] = url.username
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    if url.database:
        env["PGDATABASE"] = url.database
    sslmode = query.get("sslmode") or query.get("ssl")
    if sslmode in ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"):
        env["PGSSLMODE"] = sslmode
    return env


def _conninfo_dbname(name: str) -> str:
    """`-d` for pg_restore as a conninfo string, so any database name is taken literally."""
    return "dbname='" + name.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _asyncpg_dsn(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"未找到 {name}：请安装 postgresql-client（版本不低于数据库服务器），"
            "如 apt-get install postgresql-client"
        )
    return path


async def _run_tool(args: list[str], env: dict[str, str]) -> None:
    process = await asyncio.create_subprocess_exec(
        *args,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await process.communicate()
    if process.returncode != 0:
        lines = [line for line in stderr.decode(errors="replace").splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else f"退出码 {process.returncode}"
        raise BackupError(f"{Path(args[0]).name} 执行失败：{reason}")


# ── Reading the database ──────────────────────────────────────────────────────────────────────


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_facts(path: Path) -> tuple[str | None, dict[str, int]]:
    """The schema revision and each table's row count of a SQLite file."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {t: db.execute(f"SELECT count(*) FROM {_quote(t)}").fetchone()[0] for t in tables}
        revision = None
        if "alembic_version" in tables:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    return revision, counts


async def _pg_facts(conn: Any) -> tuple[str | None, dict[str, int]]:
    tables = [
        r["tablename"]
        for r in await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    ]
    counts = {t: int(await conn.fetchval(f"SELECT count(*) FROM {_quote(t)}")) for t in tables}
    revision = None
    if "alembic_version" in tables:
        revision = await conn.fetchval("SELECT version_num FROM alembic_version LIMIT 1")
    return revision, counts


async def _pg_connect(url: URL) -> Any:
    import asyncpg

    try:
        return await asyncpg.connect(_asyncpg_dsn(url))
    except (OSError, asyncpg.PostgresError) as exc:
        raise BackupError(f"无法连接数据库 {url.database}：{exc}") from exc


def _in_use(counts: dict[str, int]) -> bool:
    return any(counts.get(table, 0) > 0 for table in IN_USE_TABLES)


# ── Attachments ───────────────────────────────────────────────────────────────────────────────


def _attachment_files(folder: Path) -> Iterator[Path]:
    """The stored files, not the `.part` files of uploads whose transaction has not committed."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix != ".part":
            yield path


# ── Backup ────────────────────────────────────────────────────────────────────────────────────


def _open_for_writing(path: Path, dest: Path) -> tarfile.TarFile:
    """The archive written at `path`, gzip-compressed when `dest` is named so."""
    compressed = dest.name.endswith((".gz", ".tgz"))
    return tarfile.open(path, "w:gz" if compressed else "w")


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def backup(settings: Settings, dest: Path) -> Result:
    """Writes the archive to `dest`, which must not exist yet."""
    if dest.exists():
        raise BackupError(f"目标文件已存在：{dest}（请换一个文件名，备份不会覆盖已有文件）")
    if not dest.parent.is_dir():
        raise BackupError(f"目标目录不存在：{dest.parent}")
    partial = dest.with_name(dest.name + ".part")
    with tempfile.TemporaryDirectory(prefix="zst-backup-") as work:
        if settings.is_sqlite:
            kind, member, revision, counts = "sqlite", SQLITE_FILE, *_sqlite_copy(settings, work)
        else:
            kind, member = "postgresql", PG_DUMP
            revision, counts = asyncio.run(_pg_dump(settings, Path(work) / PG_DUMP))
        folder = Path(settings.attachments_dir)
        try:
            with _open_for_writing(partial, dest) as archive:
                archive.add(Path(work) / member, arcname=member)
                files, size = 0, 0
                for path in _attachment_files(folder):
                    relative = PurePosixPath(path.relative_to(folder).as_posix())
                    archive.add(path, arcname=str(ATTACHMENTS / relative), recursive=False)
                    files += 1
                    size += path.stat().st_size
                manifest = {
                    "format": FORMAT,
                    "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "database": kind,
                    "schema_revision": revision,
                    "tables": counts,
                    "attachments": {"files": files, "bytes": size},
                }
                _add_bytes(
                    archive,
                    MANIFEST,
                    json.dumps(manifest, ensure_ascii=False, indent=2).encode(),
                )
            partial.replace(dest)
        finally:
            partial.unlink(missing_ok=True)
    return Result(dest, manifest)


def _sqlite_copy(settings: Settings, work: str) -> tuple[str | None, dict[str, int]]:
    source = _sqlite_path(settings)
    if not source.is_file():
        raise BackupError(f"数据库文件不存在：{source}")
    target = Path(work) / SQLITE_FILE
    with (
        contextlib.closing(sqlite3.connect(source, timeout=30)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
        # One self-contained file: no write-ahead log beside it.
        dst.execute("PRAGMA journal_mode=DELETE")
    return _sqlite_facts(target)


async def _pg_dump(settings: Settings, target: Path) -> tuple[str | None, dict[str, int]]:
    pg_dump = _tool("pg_dump")
    url = _url(settings)
    conn = await _pg_connect(url)
    try:
        # One snapshot for the counts and the dump, held open until pg_dump has taken it.
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            snapshot = await conn.fetchval("SELECT pg_export_snapshot()")
            revision, counts = await _pg_facts(conn)
            await _run_tool(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                _pg_env(url),
            )
    finally:
        await conn.close()
    return revision, counts


# ── Restore ───────────────────────────────────────────────────────────────────────────────────


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError:
        member = None
    if member is None:
        raise BackupError("不是本系统的备份文件：缺少 manifest.json")
    try:
        manifest: dict[str, Any] = json.loads(member.read())
    except ValueError as exc:
        raise BackupError("备份文件的 manifest.json 已损坏") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不支持的备份格式版本：{manifest.get('format')}")
    return manifest


def _open_for_reading(src: Path) -> tarfile.TarFile:
    if not src.is_file():
        raise BackupError(f"备份文件不存在：{src}")
    try:
        return tarfile.open(src, "r:*")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"无法读取备份文件：{exc}") from exc


def restore(settings: Settings, src: Path, *, force: bool = False) -> dict[str, Any]:
    """Puts the archive's database and attachments in place of the configured ones; returns
    the archive's manifest."""
    with _open_for_reading(src) as archive, tempfile.TemporaryDirectory(prefix="zst-") as work:
        manifest = _read_manifest(archive)
        kind = "sqlite" if settings.is_sqlite else "postgresql"
        if manifest.get("database") != kind:
            names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
            raise BackupError(
                f"备份来自 {names.get(manifest.get('database', ''), '未知数据库')}，"
                f"不能恢复到 {names[kind]}"
            )
        member = SQLITE_FILE if kind == "sqlite" else PG_DUMP
        try:
            archive.extract(member, work, filter="data")
        except KeyError as exc:
            raise BackupError(f"备份文件不完整：缺少 {member}") from exc
        folder = Path(settings.attachments_dir)
        if kind == "sqlite":
            _sqlite_restore(settings, Path(work) / member, folder, force)
        else:
            _pg_restore(settings, Path(work) / member, folder, force)
        _restore_attachments(archive, folder, Path(work))
    return manifest


def _refuse_if_in_use(target: str, counts: dict[str, int], folder: Path, force: bool) -> None:
    if force:
        return
    if _in_use(counts):
        raise BackupError(f"目标数据库 {target} 已有数据，拒绝覆盖；确认要覆盖请加 --force")
    if next(_attachment_files(folder), None) is not None:
        raise BackupError(f"附件目录 {folder} 已有文件，拒绝覆盖；确认要覆盖请加 --force")


def _sqlite_restore(settings: Settings, dump: Path, folder: Path, force: bool) -> None:
    target = _sqlite_path(settings)
    counts: dict[str, int] = {}
    if target.is_file():
        try:
            counts = _sqlite_facts(target)[1]
        except sqlite3.DatabaseError as exc:
            if not force:
                raise BackupError(
                    f"目标数据库 {target} 无法读取（{exc}）；确认要覆盖请加 --force"
                ) from exc
    _refuse_if_in_use(str(target), counts, folder, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".restoring")
    shutil.copyfile(dump, staged)
    # A write-ahead log left beside the old file would be replayed onto the restored one.
    for ending in ("-wal", "-shm", "-journal"):
        Path(str(target) + ending).unlink(missing_ok=True)
    staged.replace(target)


async def _pg_counts(url: URL) -> dict[str, int]:
    conn = await _pg_connect(url)
    try:
        return (await _pg_facts(conn))[1]
    finally:
        await conn.close()


def _pg_restore(settings: Settings, dump: Path, folder: Path, force: bool) -> None:
    pg_restore = _tool("pg_restore")
    url = _url(settings)
    _refuse_if_in_use(str(url.database), asyncio.run(_pg_counts(url)), folder, force)
    command = [
        pg_restore,
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        f"--dbname={_conninfo_dbname(url.database or '')}",
        str(dump),
    ]
    asyncio.run(_run_tool(command, _pg_env(url)))


def _restore_attachments(archive: tarfile.TarFile, folder: Path, work: Path) -> None:
    """Replaces the folder's contents (not the folder: it may be a mounted volume)."""
    staged = work / "files"
    prefix = ATTACHMENTS + "/"
    members = [m for m in archive.getmembers() if m.name.startswith(prefix) and m.isfile()]
    archive.extractall(staged, members=members, filter="data")
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    extracted = staged / ATTACHMENTS
    if extracted.is_dir():
        for entry in extracted.iterdir():
            shutil.move(str(entry), folder / entry.name)
