"""The SPA ships the enums' Chinese labels (frontend/src/lib/api/enums.json, written by
`make client`) so it never shows an English code while /meta/enums loads: they must be the
API's own."""

import json
from pathlib import Path

from app.meta.router import all_enums

BUNDLED = Path(__file__).resolve().parents[2] / "frontend" / "src" / "lib" / "api" / "enums.json"


def test_bundled_enum_labels_equal_the_api_s():
    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))
    assert bundled == all_enums().model_dump(mode="json"), (
        "前端内置的枚举名称已过期：请运行 make client"
    )


async def test_meta_enums_answers_the_bundled_labels(client, auth_for):
    response = await client.get("/api/v1/meta/enums", headers=await auth_for("viewer"))
    assert response.status_code == 200
    assert response.json() == json.loads(BUNDLED.read_text(encoding="utf-8"))
