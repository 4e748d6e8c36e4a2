"""Xiangtan's units and one demo user per role."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from app.core.security import hash_password
from app.models import Unit, User
from app.models.enums import Role, UnitKind

DEMO_PASSWORD = "Xiangtan@2026"

# (code, name, kind, parent code)
UNITS: list[tuple[str, str, UnitKind, str | None]] = [
    ("swj", "湘潭市商务局", UnitKind.bureau, None),
    ("yuhu", "雨湖区", UnitKind.district, None),
    ("yuetang", "岳塘区", UnitKind.district, None),
    ("xiangtan-county", "湘潭县", UnitKind.district, None),
    ("xiangxiang", "湘乡市", UnitKind.district, None),
    ("shaoshan", "韶山市", UnitKind.district, None),
    ("xtgx", "湘潭高新区", UnitKind.park, None),
    ("xtjk", "湘潭经开区", UnitKind.park, None),
    ("zhaoshan", "昭山示范区", UnitKind.park, None),
    ("tianyi", "天易经开区", UnitKind.park, "xiangtan-county"),
    ("yuetang-jk", "岳塘经开区", UnitKind.park, "yuetang"),
    ("yuhu-gx", "雨湖高新区", UnitKind.park, "yuhu"),
    ("xiangxiang-jk", "湘乡经开区", UnitKind.park, "xiangxiang"),
    ("shaoshan-gx", "韶山高新区", UnitKind.park, "shaoshan"),
    ("fgw", "市发展和改革委员会", UnitKind.department, None),
    ("zrzy", "市自然资源和规划局", UnitKind.department, None),
    ("zjj", "市住房和城乡建设局", UnitKind.department, None),
    ("sthj", "市生态环境局", UnitKind.department, None),
    ("gxj", "市工业和信息化局", UnitKind.department, None),
    ("czj", "市财政局", UnitKind.department, None),
    ("rsj", "市人力资源和社会保障局", UnitKind.department, None),
    ("scjg", "市市场监督管理局", UnitKind.department, None),
    ("spj", "市行政审批服务局", UnitKind.department, None),
    ("swju", "国家税务总局湘潭市税务局", UnitKind.department, None),
    ("sld", "湘潭市人民政府领导", UnitKind.leadership, None),
    ("zfb", "湘潭市人民政府办公室", UnitKind.office, None),
    ("dcs", "市招商安商领导小组办公室（督查室）", UnitKind.office, None),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    unit_code: str


DEMO_USERS: list[DemoUser] = [
    DemoUser("admin", "系统管理员", Role.admin, "swj"),
    DemoUser("coordinator", "刘志强", Role.coordinator, "swj"),
    DemoUser("leader", "王建国", Role.leader, "sld"),
    DemoUser("leader2", "陈立新", Role.leader, "sld"),
    DemoUser("leader3", "周文斌", Role.leader, "sld"),
    DemoUser("yuhu", "李娜", Role.unit_officer, "yuhu"),
    DemoUser("yuetang", "赵磊", Role.unit_officer, "yuetang"),
    DemoUser("gaoxin", "孙明", Role.unit_officer, "xtgx"),
    DemoUser("zrzy", "张敏", Role.department_officer, "zrzy"),
    DemoUser("fgw", "黄涛", Role.department_officer, "fgw"),
    DemoUser("sthj", "罗慧", Role.department_officer, "sthj"),
    DemoUser("rsj", "彭勇", Role.department_officer, "rsj"),
    DemoUser("supervisor", "陈静", Role.supervisor, "dcs"),
    DemoUser("viewer", "吴芳", Role.viewer, "zfb"),
]


async def seed_units(session: AsyncSession) -> dict[str, Unit]:
    existing = {u.code: u for u in (await session.execute(select(Unit))).scalars()}
    for code, name, kind, parent in UNITS:
        if code not in existing:
            unit = Unit(
                code=code, name=name, kind=kind, parent_id=existing[parent].id if parent else None
            )
            session.add(unit)
            existing[code] = unit
    await session.flush()
    return existing


async def seed_users(session: AsyncSession, units: dict[str, Unit]) -> list[DemoUser]:
    """Adds the demo users that are missing; returns those it added."""
    taken = set((await session.execute(select(col(User.username)))).scalars())
    created = []
    for demo in DEMO_USERS:
        if demo.username in taken:
            continue
        session.add(
            User(
                username=demo.username,
                full_name=demo.full_name,
                role=demo.role,
                unit_id=units[demo.unit_code].id,
                password_hash=await hash_password(DEMO_PASSWORD),
            )
        )
        created.append(demo)
    await session.flush()
    return created
