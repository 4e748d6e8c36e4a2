"""Command line: `python -m app.cli migrate|seed|escalate|webhooks|audit-verify|create-admin|
openapi|enums`."""

import argparse
import asyncio
import getpass
import json
import sys

from alembic import command
from alembic.config import Config
from sqlmodel import col, select

from app import subscriptions
from app.audit import chain
from app.core.config import BACKEND_DIR, get_settings
from app.core.db import create_engine, make_sessionmaker
from app.core.security import hash_password
from app.demo import seed_demo
from app.demo.units_users import DEMO_PASSWORD, DEMO_USERS, seed_units
from app.jobs import escalation
from app.models import User
from app.models.enums import Role


def alembic_config() -> Config:
    return Config(str(BACKEND_DIR / "alembic.ini"))


def migrate() -> None:
    settings = get_settings()
    if settings.is_sqlite:
        # The embedded database lives in a file whose folder may not exist yet.
        from pathlib import Path

        path = settings.database_url.split("///", 1)[-1]
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(), "head")


async def _seed() -> None:
    engine = create_engine(get_settings())
    async with make_sessionmaker(engine)() as session:
        created = await seed_demo(session)
        await session.commit()
    await engine.dispose()
    print(f"演示数据已就绪（新增用户 {len(created)} 个）。演示账号（密码均为 {DEMO_PASSWORD}）：")
    for demo in DEMO_USERS:
        print(f"  {demo.username:<12} {demo.role.label:<10} {demo.full_name}")


async def _escalate() -> None:
    settings = get_settings()
    engine = create_engine(settings)
    result = await escalation.run_once(make_sessionmaker(engine), settings)
    await engine.dispose()
    if not result.ran:
        print("另一进程正在执行督办检查，本次跳过。")
    else:
        print(
            f"督办检查完成：升级 {result.escalated} 件，到期提醒 {result.due_soon_notified} 件，"
            f"议定事项提醒 {result.decisions_reminded} 件，会前提醒 {result.meetings_reminded} 场。"
        )


async def _webhooks(forever: bool) -> None:
    """The webhook worker outside the API processes (WEBHOOK_INTERVAL_SECONDS=0 there)."""
    from app.main import create_app
    from app.webhooks import delivery

    app = create_app()
    try:
        if forever:
            await delivery.run_forever(app)
        result = await delivery.run_once(app)
        print(
            f"推送完成：生成 {result.dispatched} 个事件的推送，送达 {result.delivered} 条，"
            f"失败待重试 {result.failed_attempts} 次。"
        )
    finally:
        await app.state.engine.dispose()


async def _audit_verify() -> bool:
    """The audit trail checked link by link; one line says what was found."""
    engine = create_engine(get_settings())
    async with make_sessionmaker(engine)() as session:
        result = await chain.verify(session)
    await engine.dispose()
    print(result.summary())
    return result.ok


async def _create_admin(username: str, full_name: str, password: str) -> None:
    engine = create_engine(get_settings())
    async with make_sessionmaker(engine)() as session:
        units = await seed_units(session)
        if (await session.execute(select(User).where(col(User.username) == username))).first():
            sys.exit(f"用户 {username} 已存在")
        session.add(
            User(
                username=username,
                full_name=full_name,
                role=Role.admin,
                unit_id=units["swj"].id,
                password_hash=await hash_password(password),
            )
        )
        await session.commit()
    await engine.dispose()
    print(f"管理员 {username} 已创建")


def export_openapi() -> None:
    from app.main import create_app

    print(json.dumps(create_app().openapi(), ensure_ascii=False, indent=2))


def export_enums() -> None:
    """The enums' labels the SPA ships with (frontend/src/lib/api/enums.json)."""
    from app.meta.router import all_enums

    print(json.dumps(all_enums().model_dump(mode="json"), ensure_ascii=False, indent=2))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.cli", description="招商通 管理命令")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="把数据库升级到最新结构")
    sub.add_parser("seed", help="载入湘潭的单位和各角色演示账号（可重复执行）")
    sub.add_parser("escalate", help="执行一次督办检查（可由 cron 定时调用，可重复执行）")
    hooks = sub.add_parser("webhooks", help="推送合作系统订阅的事件（一次；--forever 持续运行）")
    hooks.add_argument("--forever", action="store_true")
    sub.add_parser(
        "audit-verify", help="校验审计日志的哈希链（完整时退出码 0，发现改动或缺失时为 1）"
    )
    admin = sub.add_parser("create-admin", help="创建系统管理员")
    admin.add_argument("username")
    admin.add_argument("--full-name", default="系统管理员")
    sub.add_parser("openapi", help="输出 OpenAPI 文档（JSON）")
    sub.add_parser("enums", help="输出各枚举值的中文名称（JSON，前端内置）")
    args = parser.parse_args(argv)
    # Seeding and the escalation run go through the services, which emit events.
    subscriptions.install()

    if args.command == "migrate":
        migrate()
    elif args.command == "seed":
        asyncio.run(_seed())
    elif args.command == "escalate":
        asyncio.run(_escalate())
    elif args.command == "webhooks":
        asyncio.run(_webhooks(args.forever))
    elif args.command == "audit-verify":
        if not asyncio.run(_audit_verify()):
            sys.exit(1)
    elif args.command == "create-admin":
        password = getpass.getpass("密码：")
        asyncio.run(_create_admin(args.username, args.full_name, password))
    elif args.command == "openapi":
        export_openapi()
    elif args.command == "enums":
        export_enums()


if __name__ == "__main__":
    main()
