"""The long-running processes: the API server, the job runner, and one run of a job."""

import asyncio
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.core.config import Settings, get_settings
from app.core.db import create_engine, make_sessionmaker
from app.jobs import escalation


async def escalate_once() -> None:
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


async def webhooks(forever: bool) -> None:
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


async def jobs(heartbeat: Path | None) -> None:
    """Every scheduled job in one process, forever: the escalation run (督办, due-date reminders,
    decision and meeting reminders, report periods and their deadlines) and the webhook worker.
    For deployments whose API processes leave them out (ESCALATION_INTERVAL_SECONDS=0,
    WEBHOOK_INTERVAL_SECONDS=0): 0 here means the default interval."""
    from app.main import create_app
    from app.webhooks import delivery

    settings = get_settings()
    fields = Settings.model_fields
    settings = settings.model_copy(
        update={
            "escalation_interval_seconds": settings.escalation_interval_seconds
            or fields["escalation_interval_seconds"].default,
            "webhook_interval_seconds": settings.webhook_interval_seconds
            or fields["webhook_interval_seconds"].default,
        }
    )
    app = create_app(settings)
    print(
        f"后台任务已启动：督办检查和各项提醒每 {settings.escalation_interval_seconds} 秒一次，"
        f"推送每 {settings.webhook_interval_seconds:g} 秒一次。",
        flush=True,
    )
    loops = [
        escalation.run_forever(app.state.sessionmaker, settings, app.state.metrics),
        delivery.run_forever(app),
    ]
    if heartbeat is not None:
        loops.append(_heartbeat(app, heartbeat))
    try:
        await asyncio.gather(*loops)
    finally:
        await app.state.engine.dispose()


HEARTBEAT_SECONDS = 30


async def _heartbeat(app: Any, path: Path) -> None:
    """Touches `path` every HEARTBEAT_SECONDS while the database answers: the container's health
    check reads its age."""
    while True:
        try:
            async with app.state.sessionmaker() as session:
                await session.execute(text("SELECT 1"))
            await asyncio.to_thread(path.touch)
        except Exception:  # the database is away: the file ages and the check fails
            pass
        await asyncio.sleep(HEARTBEAT_SECONDS)


def serve(host: str, port: int) -> None:
    """The API and the SPA under uvicorn. The port is bound first, so a taken port is one line at
    once; "已启动" is printed once the server accepts connections."""
    import errno
    import socket

    import uvicorn

    settings = get_settings()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)  # from here on the port is ours; connections wait for the app
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            sys.exit(
                f"端口 {port} 已被占用：请关闭占用它的程序，或设置 PORT 换一个端口"
                "（如 make run PORT=8080）"
            )
        sys.exit(f"无法监听 {host}:{port}（{exc.strerror}）：请检查 HOST 和 PORT")
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    banner = f"招商通 已启动：http://{shown}:{port}   （API 文档：http://{shown}:{port}/docs）"

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if not self.should_exit:
                print(banner, flush=True)

    config = uvicorn.Config(
        "app.main:app",
        host=host,
        port=port,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        log_level=settings.log_level.lower(),
    )
    Server(config).run(sockets=[sock])
