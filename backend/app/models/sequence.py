from sqlalchemy import String
from sqlmodel import Field, SQLModel


class CodeSequence(SQLModel, table=True):
    """Per-year counters for human-facing numbers (project codes, letter numbers).

    Taken with a row lock inside the caller's transaction, so numbers are unique under
    concurrency and a rolled-back transaction gives its number back: no gaps.
    """

    __tablename__ = "code_sequences"

    name: str = Field(sa_type=String(32), primary_key=True)
    year: int = Field(primary_key=True)
    last_value: int = Field(default=0)
