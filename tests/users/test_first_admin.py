"""The first administrator and the unit catalogue on a new deployment, through the real CLI
(`create-admin`, `load-units`, `init`) in processes of their own, on a database that has no
demo data; the admin then signs in through the API."""

import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlmodel import col

from app.core.config import Settings
from app.core.db import create_engine, make_sessionmaker
from app.demo.units_users import UNITS
from app.main import create_app
from app.models import DictionaryItem, Unit, User
from app.models.enums import Role
from tests.conftest import cli, copy_database, drop_database, fresh_database_url
from tests.helpers import login, run_cli

GOOD = "Xiangtan-ops-2026"


@pytest.fixture(scope="module")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Migrated, nothing loaded: the state of a new deployment after `migrate`."""
    url = fresh_database_url(tmp_path_factory.mktemp("bare"), "_bare_template")
    cli(url, "migrate")
    yield url
    drop_database(url)


@pytest.fixture
def bare(migrated_template: str, tmp_path: Path) -> Iterator[str]:
    url = copy_database(migrated_template, tmp_path, "_bare")
    yield url
    drop_database(url)


async def _count(url: str, model: type) -> int:
    engine = create_engine(Settings(app_env="test", database_url=url))
    try:
        async with make_sessionmaker(engine)() as s:
            return (await s.execute(select(func.count()).select_from(model))).scalar_one()
    finally:
        await engine.dispose()


async def _tables(url: str) -> list[str]:
    engine = create_engine(Settings(app_env="test", database_url=url))
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(lambda c: c.dialect.get_table_names(c))
    finally:
        await engine.dispose()


async def _users(url: str) -> list[tuple[str, str]]:
    engine = create_engine(Settings(app_env="test", database_url=url))
    try:
        async with make_sessionmaker(engine)() as s:
            rows = await s.execute(select(col(User.username), col(User.role)))
            return sorted((name, str(role)) for name, role in rows.all())
    finally:
        await engine.dispose()


async def _sign_in(url: str, username: str, password: str) -> int:
    """The status of a password sign-in through the API on that database."""
    app = create_app(
        Settings(
            app_env="test",
            database_url=url,
            jwt_secret=secrets.token_urlsafe(48),
            escalation_interval_seconds=0,
            webhook_interval_seconds=0,
        )
    )
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            response = await login(client, username, password)
            if response.status_code == 200:
                me = await client.get(
                    "/api/v1/auth/me",
                    headers={"Authorization": f"Bearer {response.json()['access_token']}"},
                )
                assert me.json()["role"] == Role.admin.value
            return response.status_code
    finally:
        await app.state.engine.dispose()


def _one_line_refusal(done, expected: str) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1 and expected in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("how", "password", "expected"),
    [
        ("stdin", "", "密码不能为空"),
        ("env", "", "密码不能为空"),
        ("stdin", "Short1", "密码至少 10 位"),
        ("env", "onlyletterspassword", "须同时包含字母和数字"),
        ("stdin", "1234567890123", "须同时包含字母和数字"),
    ],
)
async def test_an_empty_or_weak_password_is_refused(bare, how, password, expected):
    if how == "stdin":
        done = run_cli(
            {"DATABASE_URL": bare}, "create-admin", "ops", "--password-stdin", stdin=password + "\n"
        )
    else:
        done = run_cli({"DATABASE_URL": bare, "ADMIN_PASSWORD": password}, "create-admin", "ops")
    _one_line_refusal(done, expected)
    assert await _users(bare) == []


async def test_a_good_password_makes_an_admin_who_signs_in(bare):
    done = run_cli(
        {"DATABASE_URL": bare}, "create-admin", "ops", "--password-stdin", stdin=GOOD + "\n"
    )
    assert done.returncode == 0, done.stderr
    assert "管理员 ops 已创建" in done.stdout
    assert await _users(bare) == [("ops", Role.admin.value)]
    assert await _sign_in(bare, "ops", GOOD) == 200
    assert await _sign_in(bare, "ops", GOOD + "x") == 401

    # The same name again is refused, in one line.
    again = run_cli({"DATABASE_URL": bare, "ADMIN_PASSWORD": GOOD}, "create-admin", "ops")
    assert again.returncode == 1 and "已存在" in again.stderr and "Traceback" not in again.stderr
    # A login name the API would refuse is refused here too.
    _one_line_refusal(
        run_cli({"DATABASE_URL": bare, "ADMIN_PASSWORD": GOOD}, "create-admin", "Ops Admin"),
        "登录名不符合要求",
    )
    assert await _users(bare) == [("ops", Role.admin.value)]


async def test_load_units_twice_loads_the_catalogue_once_and_nobody(bare):
    first = run_cli({"DATABASE_URL": bare}, "load-units")
    assert first.returncode == 0, first.stderr
    units, items = await _count(bare, Unit), await _count(bare, DictionaryItem)
    assert units == len(UNITS) and items > 0
    second = run_cli({"DATABASE_URL": bare}, "load-units")
    assert second.returncode == 0, second.stderr
    assert (await _count(bare, Unit), await _count(bare, DictionaryItem)) == (units, items)
    assert await _users(bare) == []


async def test_init_makes_the_first_admin_once(tmp_path):
    url = fresh_database_url(tmp_path, "_init")
    try:
        # A weak password stops init before it changes anything: not even migrated.
        weak = run_cli({"DATABASE_URL": url, "ADMIN_PASSWORD": "weak"}, "init")
        _one_line_refusal(weak, "密码至少 10 位")
        assert await _tables(url) == []

        # Without a password (compose passes an empty one): migrated and the catalogue
        # loaded, no admin, and it says so.
        plain = run_cli({"DATABASE_URL": url, "ADMIN_USERNAME": "", "ADMIN_PASSWORD": ""}, "init")
        assert plain.returncode == 0, plain.stderr
        assert "尚无系统管理员" in plain.stdout
        assert await _count(url, Unit) == len(UNITS) and await _users(url) == []

        env = {"DATABASE_URL": url, "ADMIN_USERNAME": "root", "ADMIN_PASSWORD": GOOD}
        done = run_cli(env, "init")
        assert done.returncode == 0, done.stderr
        assert "管理员 root 已创建" in done.stdout
        assert await _users(url) == [("root", Role.admin.value)]

        # Read once: another run, even with another password, leaves the admin as it is.
        other = run_cli({**env, "ADMIN_PASSWORD": "Another-pass-2027"}, "init")
        assert other.returncode == 0, other.stderr
        assert "已有系统管理员" in other.stdout
        assert await _users(url) == [("root", Role.admin.value)]
        assert await _count(url, Unit) == len(UNITS)
        assert await _sign_in(url, "root", GOOD) == 200
        assert await _sign_in(url, "root", "Another-pass-2027") == 401
    finally:
        drop_database(url)
