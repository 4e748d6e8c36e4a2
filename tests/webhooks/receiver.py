"""A partner's webhook receiver: a real HTTP server on loopback (uvicorn in the test's event
loop) that records every message and can answer with an error or be stopped and restarted on
its port, as a receiver that goes down for a while."""

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import uvicorn

from tests.live_server import free_port


@dataclass
class Message:
    headers: dict[str, str]
    body: bytes

    @property
    def payload(self) -> Any:
        return json.loads(self.body)

    @property
    def type(self) -> str:
        return str(self.payload["type"])


@dataclass
class Receiver:
    port: int = field(default_factory=free_port)
    status: int = 200
    messages: list[Message] = field(default_factory=list)
    _server: uvicorn.Server | None = None
    _task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/zhaoshangtong"

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            event = await receive()
            body += event.get("body", b"")
            if not event.get("more_body"):
                break
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.messages.append(Message(headers, body))
        await send(
            {
                "type": "http.response.start",
                "status": self.status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")],
            }
        )
        await send({"type": "http.response.body", "body": "已收到".encode()})

    async def start(self) -> None:
        config = uvicorn.Config(
            self, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve())
        for _ in range(1000):
            if self._server.started:
                return
            await asyncio.sleep(0.01)
        raise RuntimeError("the receiver did not start")

    async def stop(self) -> None:
        assert self._server is not None and self._task is not None
        self._server.should_exit = True
        await self._task
        self._server = self._task = None

    def of(self, object_id: str) -> list[Message]:
        return [m for m in self.messages if m.payload["data"]["id"] == object_id]
