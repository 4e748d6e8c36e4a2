"""Command line: `python -m app.cli migrate|seed|escalate|webhooks|jobs|serve|audit-verify|
create-admin|load-units|init|backup|restore|openapi|enums` (`python -m app.cli --help`).

setup.py sets a database up and keeps it (migrate, init, accounts, backup); run.py holds the
long-running processes (serve, jobs) and one-off job runs."""

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

from app import subscriptions
from app.cli import run, setup
from app.core.config import settings_or_exit


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
    admin = sub.add_parser(
        "create-admin",
        help="创建系统管理员（密码：--password-stdin、环境变量 ADMIN_PASSWORD 或交互输入）",
    )
    admin.add_argument("username")
    admin.add_argument("--full-name", default="系统管理员")
    admin.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（第一行）")
    sub.add_parser("load-units", help="载入湘潭的单位目录和标准代码表，不含演示人员（可重复执行）")
    sub.add_parser(
        "init",
        help="首次部署：升级数据库、载入单位目录，尚无管理员时按 ADMIN_USERNAME（默认 admin）"
        "和 ADMIN_PASSWORD 创建（可重复执行）",
    )
    dump = sub.add_parser("backup", help="备份数据库和附件到一个归档文件（.tar，.tar.gz 则压缩）")
    dump.add_argument("dest", type=Path, help="归档文件路径（不得已存在）")
    load = sub.add_parser("restore", help="从归档文件恢复数据库和附件（先停止应用）")
    load.add_argument("src", type=Path, help="backup 生成的归档文件")
    load.add_argument("--force", action="store_true", help="目标数据库已有数据时仍然覆盖")
    runner = sub.add_parser("jobs", help="持续运行全部后台任务：督办检查、各项提醒、报表期限和推送")
    runner.add_argument("--heartbeat", type=Path, help="每 30 秒更新此文件（供健康检查）")
    serve_cmd = sub.add_parser("serve", help="启动 API 和页面服务（端口可用时才开始）")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    sub.add_parser("openapi", help="输出 OpenAPI 文档（JSON）")
    sub.add_parser("enums", help="输出各枚举值的中文名称（JSON，前端内置）")
    args = parser.parse_args(argv)
    # A refused configuration (a missing JWT_SECRET in production) ends here with one line.
    settings_or_exit()
    # Seeding and the escalation run go through the services, which emit events.
    subscriptions.install()

    if args.command == "migrate":
        setup.migrate()
    elif args.command == "seed":
        asyncio.run(setup.seed())
    elif args.command == "escalate":
        asyncio.run(run.escalate_once())
    elif args.command == "webhooks":
        asyncio.run(run.webhooks(args.forever))
    elif args.command == "audit-verify":
        if not asyncio.run(setup.audit_verify()):
            sys.exit(1)
    elif args.command == "jobs":
        asyncio.run(run.jobs(args.heartbeat))
    elif args.command == "serve":
        run.serve(args.host, args.port)
    elif args.command == "create-admin":
        password = setup.read_password(args.password_stdin)
        setup.check_admin(args.username, args.full_name, password)
        asyncio.run(setup.create_admin(args.username, args.full_name, password))
    elif args.command == "load-units":
        asyncio.run(setup.load_units())
    elif args.command == "init":
        username = os.environ.get("ADMIN_USERNAME") or "admin"
        if os.environ.get("ADMIN_PASSWORD"):  # a broken rule stops before anything changes
            setup.check_admin(username, "系统管理员", os.environ["ADMIN_PASSWORD"])
        setup.migrate()
        asyncio.run(setup.init(username, "系统管理员"))
    elif args.command == "backup":
        setup.backup_to(args.dest)
    elif args.command == "restore":
        setup.restore_from(args.src, args.force)
    elif args.command == "openapi":
        export_openapi()
    elif args.command == "enums":
        export_enums()
