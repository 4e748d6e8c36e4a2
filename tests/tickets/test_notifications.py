"""The notification inbox: unread count, read one, read all; nobody reads another's."""

from tests.helpers import assert_problem
from tests.tickets.factories import assigned_ticket

URL = "/api/v1/notifications"


async def test_read_one_and_all(client, auth_for):
    await assigned_ticket(client, auth_for)
    await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    before = (await client.get(f"{URL}/unread-count", headers=zrzy)).json()["unread"]
    assert before >= 2
    first = (await client.get(URL, params={"unread": True}, headers=zrzy)).json()["items"][0]
    assert_problem(
        await client.post(f"{URL}/{first['id']}/read", headers=await auth_for("fgw")),
        404,
    )
    assert (await client.post(f"{URL}/{first['id']}/read", headers=zrzy)).status_code == 204
    after = (await client.get(f"{URL}/unread-count", headers=zrzy)).json()["unread"]
    assert after == before - 1
    assert (await client.post(f"{URL}/read-all", headers=zrzy)).status_code == 204
    assert (await client.get(f"{URL}/unread-count", headers=zrzy)).json()["unread"] == 0
    unread = (await client.get(URL, params={"unread": True}, headers=zrzy)).json()["items"]
    assert unread == []
    assert_problem(await client.get(URL), 401)
