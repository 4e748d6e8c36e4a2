import uuid

from sqlalchemy import String
from sqlmodel import Field

from app.models.base import IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import UnitKind


class Unit(IdMixin, TimestampMixin, VersionMixin, table=True):
    """单位: the bureau, a district or park, a department, the leadership or an office."""

    __tablename__ = "units"
    __table_args__ = (enum_check("kind", UnitKind, "ck_units_kind"),)

    code: str = Field(sa_type=String(40), unique=True, index=True)
    name: str = Field(sa_type=String(100), unique=True)
    kind: str = Field(sa_type=String(20), index=True)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="units.id", index=True)
    is_active: bool = Field(default=True)
