"""The possible-duplicate flag names other units' projects: only those who see every project
(confidential investors included) may read it, or it tells a district what another one keeps
secret."""

import io
import uuid

from openpyxl import load_workbook

from tests.helpers import partner_via_api
from tests.projects.factories import URL, create_project, project_body


def _export_flags(content: bytes) -> dict[str, object]:
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    header = list(rows[0])
    return {r[header.index("项目代码")]: r[header.index("疑似重复")] for r in rows[1:]}


async def test_duplicate_of_a_confidential_project_is_not_revealed_to_other_units(
    client, admin, auth_for
):
    tag = uuid.uuid4().hex[:8]
    investor = f"湘江保密{tag}投资有限公司"
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    early = await create_project(client, yuhu, name=f"先报{tag}", investor_name=investor)
    secret = await create_project(
        client, await auth_for("yuetang"), investor_name=investor, is_confidential=True
    )
    officer = await create_project(client, yuhu, name=f"重复{tag}", investor_name=investor)
    made_up = await create_project(client, yuhu, investor_name=f"虚构{tag}投资有限公司")
    partner_made = await client.post(
        URL,
        json=project_body(name=f"平台{tag}", investor_name=investor),
        headers={
            **await partner_via_api(client, admin, "yuhu"),
            "Idempotency-Key": str(uuid.uuid4()),
        },
    )
    assert partner_made.status_code == 201, partner_made.text
    by_partner = partner_made.json()

    # The writer learns nothing: a real and a made-up investor answer alike.
    for created in (officer, made_up, by_partner):
        assert created["possible_duplicate"] is None
    mine = [early, officer, made_up, by_partner]
    for project in mine:
        read = (await client.get(f"{URL}/{project['id']}", headers=yuhu)).json()
        assert read["possible_duplicate"] is None
    # The project entered before the confidential one did not visibly change when it came.
    again = await client.get(f"{URL}/{early['id']}", headers=yuhu)
    assert again.json()["updated_at"] == early["updated_at"]
    assert again.json()["version"] == early["version"]

    # Nor do lists, the flag filter (either value) or the export.
    listed = (await client.get(URL, params={"q": tag}, headers=yuhu)).json()["items"]
    assert {p["id"] for p in listed} == {p["id"] for p in mine}
    assert all(p["possible_duplicate"] is None for p in listed)
    for flag in (True, False):
        filtered = await client.get(
            URL, params={"q": tag, "possible_duplicate": flag}, headers=yuhu
        )
        assert filtered.json()["items"] == []
    export = await client.get(f"{URL}/export", params={"q": tag}, headers=yuhu)
    assert export.status_code == 200
    assert set(_export_flags(export.content).values()) == {None}

    # The coordinator sees the flag on both sides, in reads, the filter and the export.
    for project in (early, secret, officer, by_partner):
        read = (await client.get(f"{URL}/{project['id']}", headers=coordinator)).json()
        assert read["possible_duplicate"] is True
    assert (await client.get(f"{URL}/{made_up['id']}", headers=coordinator)).json()[
        "possible_duplicate"
    ] is False
    flagged = (
        await client.get(URL, params={"q": tag, "possible_duplicate": True}, headers=coordinator)
    ).json()["items"]
    assert {p["id"] for p in flagged} == {
        early["id"],
        secret["id"],
        officer["id"],
        by_partner["id"],
    }
    export = await client.get(f"{URL}/export", params={"q": tag}, headers=coordinator)
    assert _export_flags(export.content)[officer["code"]] == "是"


async def test_viewer_cannot_pair_a_confidential_project_with_its_investor(client, auth_for):
    tag = uuid.uuid4().hex[:8]
    investor = f"湘江只读{tag}投资有限公司"
    public = await create_project(client, await auth_for("yuhu"), investor_name=investor)
    secret = await create_project(
        client, await auth_for("yuetang"), investor_name=investor, is_confidential=True
    )
    viewer = await auth_for("viewer")
    for project in (public, secret):
        read = (await client.get(f"{URL}/{project['id']}", headers=viewer)).json()
        assert read["possible_duplicate"] is None
        peers = await client.get(f"{URL}/{project['id']}/duplicates", headers=viewer)
        assert peers.status_code == 200 and peers.json() == []
    coordinator = await auth_for("coordinator")
    peers = (await client.get(f"{URL}/{public['id']}/duplicates", headers=coordinator)).json()
    assert [p["id"] for p in peers] == [secret["id"]]
