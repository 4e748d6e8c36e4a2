"""Setting up and keeping a database: migrate, init, the first admin, the unit catalogue, the demo
data, backup and restore, the audit chain check."""

import asyncio
import getpass
import os
import sys
from pathlib import Path
from typing import NoReturn

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import func, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.audit import chain
from app.core import backup
from app.core.config import BACKEND_DIR, Settings, get_settings
from app.core.db import create_engine, make_sessionmaker
from app.core.errors import translate_error
from app.core.schemas import Password
from app.core.security import hash_password
from app.demo import seed_demo
from app.demo.dictionaries import seed_dictionaries, seed_ticket_categories
from app.demo.units_users import DEMO_PASSWORD, DEMO_USERS, seed_units
from app.models import DictionaryItem, Unit, User
from app.models.enums import Role
from app.users.schemas import FullName, Username


def alembic_config() -> Config:
    return Config(str(BACKEND_DIR / "alembic.ini"))


# Held (session-level) by whoever is migrating a PostgreSQL database: replicas started at once
# migrate one after the other, and the later ones find nothing left to do.
MIGRATE_LOCK_KEY = 740_519_000


def migrate() -> None:
    settings = get_settings()
    if settings.is_sqlite:
        # The embedded database lives in a file whose folder may not exist yet.
        if settings.sqlite_path is not None:
            settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        command.upgrade(alembic_config(), "head")
        return
    asyncio.run(_migrate_postgres(settings))


def _is_missing_database(exc: DBAPIError) -> bool:
    return getattr(exc.orig, "sqlstate", None) == "3D000"  # invalid_catalog_name


async def _create_database(settings: Settings) -> None:
    """Creates the database DATABASE_URL names, from the server's `postgres` database."""
    url = make_url(settings.database_url)
    name = url.database or ""
    admin = create_engine(
        settings.model_copy(
            update={"database_url": url.set(database="postgres").render_as_string(False)}
        )
    )
    try:
        async with admin.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            # Migrations started at once create it one after the other (released on close).
            await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATE_LOCK_KEY})
            exists = await conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if not exists:
                quoted = name.replace('"', '""')
                await conn.execute(text(f'CREATE DATABASE "{quoted}"'))
                print(f"数据库 {name} 不存在，已创建。")
    except DBAPIError as exc:
        raise SystemExit(
            f"数据库 {name} 不存在，且无法自动创建（{exc.orig}）：请先在 PostgreSQL 中创建它"
        ) from None
    finally:
        await admin.dispose()


async def _migrate_postgres(settings: Settings) -> None:
    engine = create_engine(settings)
    try:
        try:
            conn = await engine.connect()
        except DBAPIError as exc:
            if not _is_missing_database(exc):
                raise
            await _create_database(settings)
            conn = await engine.connect()
        try:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATE_LOCK_KEY})
            # Alembic runs its own event loop (migrations/env.py): a thread of its own. The lock
            # goes with this connection, whatever happens.
            await asyncio.to_thread(command.upgrade, alembic_config(), "head")
        finally:
            await conn.close()
    except (OSError, DBAPIError) as exc:
        if isinstance(exc, DBAPIError) and not isinstance(exc.orig, OSError):
            raise
        target = make_url(settings.database_url)
        raise SystemExit(
            f"无法连接数据库服务器 {target.host}:{target.port or 5432}（{exc}）："
            "请确认 PostgreSQL 已启动、DATABASE_URL 正确"
        ) from None
    finally:
        await engine.dispose()


async def seed() -> None:
    engine = create_engine(get_settings())
    async with make_sessionmaker(engine)() as session:
        created = await seed_demo(session)
        await session.commit()
    await engine.dispose()
    print(f"演示数据已就绪（新增用户 {len(created)} 个）。演示账号（密码均为 {DEMO_PASSWORD}）：")
    for demo in DEMO_USERS:
        print(f"  {demo.username:<12} {demo.role.label:<10} {demo.full_name}")


async def audit_verify() -> bool:
    """The audit trail checked link by link; one line says what was found."""
    engine = create_engine(get_settings())
    async with make_sessionmaker(engine)() as session:
        result = await chain.verify(session)
    await engine.dispose()
    print(result.summary())
    return result.ok


def refuse(message: str, code: int = 2) -> NoReturn:
    """One line on stderr and the exit code; no traceback."""
    print(message, file=sys.stderr)
    sys.exit(code)


def _rule_broken(adapter: TypeAdapter[str], value: str) -> str | None:
    """The API's own rule for the value (app/core/schemas.py), as its Chinese message."""
    try:
        adapter.validate_python(value)
    except ValidationError as exc:
        return str(translate_error(dict(exc.errors()[0]))["msg"])
    return None


def check_admin(username: str, full_name: str, password: str) -> None:
    """The rules the API applies to a new account (app/users/schemas.py); exit 2 if broken."""
    if (broken := _rule_broken(TypeAdapter(Username), username)) is not None:
        refuse(f"登录名不符合要求：{broken}（小写字母开头，可含数字 . _ -，3–64 位）")
    if (broken := _rule_broken(TypeAdapter(FullName), full_name)) is not None:
        refuse(f"姓名不符合要求：{broken}")
    if not password:
        refuse("密码不能为空")
    if (broken := _rule_broken(TypeAdapter(Password), password)) is not None:
        refuse(f"密码不符合要求：{broken}")


def read_password(from_stdin: bool) -> str:
    """`--password-stdin` (first line), else env ADMIN_PASSWORD, else asked for twice."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if "ADMIN_PASSWORD" in os.environ:
        return os.environ["ADMIN_PASSWORD"]
    try:
        password = getpass.getpass("密码：")
        if password and sys.stdin.isatty() and getpass.getpass("再次输入密码：") != password:
            refuse("两次输入的密码不一致")
    except EOFError:
        return ""
    return password


async def _add_admin(
    session: AsyncSession, username: str, full_name: str, password: str, taken: str
) -> None:
    """The admin, in 湘潭市商务局; exit 1 with `taken` when the login name is in use."""
    if (await session.execute(select(User).where(col(User.username) == username))).first():
        refuse(taken, 1)
    units = await seed_units(session)
    session.add(
        User(
            username=username,
            full_name=full_name,
            role=Role.admin,
            unit_id=units["swj"].id,
            password_hash=await hash_password(password),
        )
    )


async def create_admin(username: str, full_name: str, password: str) -> None:
    engine = create_engine(get_settings())
    async with make_sessionmaker(engine)() as session:
        await _add_admin(session, username, full_name, password, f"用户 {username} 已存在")
        await session.commit()
    await engine.dispose()
    print(f"管理员 {username} 已创建")


async def _load_catalogue(session: AsyncSession) -> None:
    """Xiangtan's units and the standard code lists (industry chains, investment channels,
    ticket categories), without any person or demo record; adds only what is missing, and says
    how many there are now."""
    await seed_units(session)
    await seed_dictionaries(session)
    await seed_ticket_categories(session)
    units = (await session.execute(select(func.count()).select_from(Unit))).scalar_one()
    items = (await session.execute(select(func.count()).select_from(DictionaryItem))).scalar_one()
    print(f"单位目录已就绪：单位 {units} 个，代码表条目 {items} 个。")


async def load_units() -> None:
    engine = create_engine(get_settings())
    async with make_sessionmaker(engine)() as session:
        await _load_catalogue(session)
        await session.commit()
    await engine.dispose()


async def init(username: str, full_name: str) -> None:
    """After `migrate`: the catalogue, and the first admin from the environment if there is no
    admin yet (so running it again changes nothing)."""
    engine = create_engine(get_settings())
    async with make_sessionmaker(engine)() as session:
        await _load_catalogue(session)
        admins = select(func.count()).select_from(User).where(col(User.role) == Role.admin)
        # Empty counts as unset: compose passes `ADMIN_PASSWORD=` when none is given.
        password = os.environ.get("ADMIN_PASSWORD") or None
        if (await session.execute(admins)).scalar_one() > 0:
            print("已有系统管理员，未创建新管理员。")
        elif password is None:
            print(
                "尚无系统管理员：设置 ADMIN_PASSWORD（及 ADMIN_USERNAME）后再执行 init，"
                "或执行 create-admin。"
            )
        else:
            check_admin(username, full_name, password)
            taken = f"用户 {username} 已存在，且不是系统管理员；请换一个 ADMIN_USERNAME"
            await _add_admin(session, username, full_name, password, taken)
            print(f"管理员 {username} 已创建。")
        await session.commit()
    await engine.dispose()


def _schema_head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KB"


def backup_to(dest: Path) -> None:
    try:
        result = backup.backup(get_settings(), dest)
    except backup.BackupError as exc:
        refuse(str(exc), 1)
    manifest = result.manifest
    rows = sum(manifest["tables"].values())
    files = manifest["attachments"]
    print(
        f"备份完成：{result.path}（{_size(result.path.stat().st_size)}；"
        f"{len(manifest['tables'])} 张表 {rows} 行，附件 {files['files']} 个，"
        f"结构版本 {manifest['schema_revision']}）"
    )


def restore_from(src: Path, force: bool) -> None:
    try:
        manifest = backup.restore(get_settings(), src, force=force)
    except backup.BackupError as exc:
        refuse(str(exc), 1)
    rows = sum(manifest["tables"].values())
    print(
        f"恢复完成：{manifest['created_at']} 的备份，{len(manifest['tables'])} 张表 {rows} 行，"
        f"附件 {manifest['attachments']['files']} 个。"
    )
    if manifest["schema_revision"] != _schema_head():
        print("备份的数据库结构不是当前版本：请执行 python -m app.cli migrate 后再启动。")
