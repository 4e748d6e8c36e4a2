"""Demo code lists: the industry chains, investment-source channels and ticket categories."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.models import DictionaryItem
from app.models.enums import DictionaryKind

INDUSTRY_CHAINS = [
    ("equipment", "先进装备制造"),
    ("new-energy", "新能源"),
    ("new-materials", "新材料"),
    ("electronics", "电子信息"),
    ("biomedicine", "生物医药"),
    ("culture-tourism", "文化旅游"),
    ("modern-services", "现代服务业"),
    ("food", "食品加工"),
    ("auto-parts", "汽车及零部件"),
]
SOURCE_CHANNELS = [
    ("door-knocking", "敲门招商"),
    ("xiangshang", "湘商回归"),
    ("fund", "基金招商"),
    ("business-referral", "以商招商"),
    ("exhibition", "展会招商"),
    ("park", "专业园区招商"),
]
TICKET_CATEGORIES = [
    ("land", "用地"),
    ("planning", "规划"),
    ("environment", "环评"),
    ("construction-permit", "施工许可"),
    ("utilities", "水电气"),
    ("financing", "融资"),
    ("labour", "用工"),
    ("policy", "政策兑现"),
]


async def seed_dictionaries(session: AsyncSession) -> None:
    existing = {(i.kind, i.code) for i in (await session.execute(select(DictionaryItem))).scalars()}
    for kind, items in (
        (DictionaryKind.industry_chain, INDUSTRY_CHAINS),
        (DictionaryKind.source_channel, SOURCE_CHANNELS),
    ):
        for order, (code, label) in enumerate(items):
            if (kind.value, code) not in existing:
                session.add(
                    DictionaryItem(kind=kind, code=code, label=label, sort_order=order * 10)
                )
    await session.flush()


async def seed_ticket_categories(session: AsyncSession) -> None:
    kind = DictionaryKind.ticket_category
    stmt = select(col(DictionaryItem.code)).where(col(DictionaryItem.kind) == kind.value)
    existing = set((await session.execute(stmt)).scalars())
    for order, (code, label) in enumerate(TICKET_CATEGORIES):
        if code not in existing:
            session.add(DictionaryItem(kind=kind, code=code, label=label, sort_order=order * 10))
    await session.flush()
