from sqlalchemy import String, UniqueConstraint
from sqlmodel import Field

from app.models.base import IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import DictionaryKind


class DictionaryItem(IdMixin, TimestampMixin, VersionMixin, table=True):
    """Admin-editable code lists: industry chains, source channels, ticket categories."""

    __tablename__ = "dictionary_items"
    __table_args__ = (
        UniqueConstraint("kind", "code", name="uq_dictionary_items_kind_code"),
        enum_check("kind", DictionaryKind, "ck_dictionary_items_kind"),
    )

    kind: str = Field(sa_type=String(32), index=True)
    code: str = Field(sa_type=String(40))
    label: str = Field(sa_type=String(60))
    sort_order: int = Field(default=0)
    is_active: bool = Field(default=True)
