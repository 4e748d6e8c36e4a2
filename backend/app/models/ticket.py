import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Index, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow
from app.models.base import FileMixin, IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import (
    EscalationReason,
    LetterKind,
    TicketEventKind,
    TicketSource,
    TicketState,
    Urgency,
)

# States in which the handling departments owe work; only these can be overdue. Queries use
# `IS_HANDLING` — the same predicate as the partial indexes, written as a literal so PostgreSQL
# can always prove a query only needs the (small) partial index of open tickets.
HANDLING = text("state IN ('assigned', 'accepted', 'in_progress')")
IS_HANDLING = text("tickets.state IN ('assigned', 'accepted', 'in_progress')")
AWAITING_ACCEPTANCE = text("tickets.state = 'assigned'")


class Ticket(IdMixin, TimestampMixin, VersionMixin, table=True):
    """服务事项: a problem blocking a project, assigned (交办) to a department with a deadline."""

    __tablename__ = "tickets"
    __table_args__ = (
        enum_check("state", TicketState, "ck_tickets_state"),
        enum_check("urgency", Urgency, "ck_tickets_urgency"),
        enum_check("source", TicketSource, "ck_tickets_source"),
        CheckConstraint("escalation_level BETWEEN 0 AND 2", name="ck_tickets_escalation_level"),
        CheckConstraint(
            "satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="ck_tickets_satisfaction"
        ),
        CheckConstraint(
            "state IN ('submitted', 'cancelled') OR lead_department_id IS NOT NULL",
            name="ck_tickets_assigned_has_department",
        ),
        Index("ix_tickets_created", "created_at", "id"),
        Index("ix_tickets_updated", "updated_at", "id"),
        Index("ix_tickets_lead_state", "lead_department_id", "state"),
        # The escalation job and the overdue lists only ever read open tickets, so these stay
        # small however many closed tickets pile up.
        Index(
            "ix_tickets_handling_due",
            "due_date",
            postgresql_where=HANDLING,
            sqlite_where=HANDLING,
        ),
        # The departments' statistics read the tickets resolved in a period only.
        Index(
            "ix_tickets_resolved_on",
            "resolved_on",
            postgresql_where=text("resolved_on IS NOT NULL"),
            sqlite_where=text("resolved_on IS NOT NULL"),
        ),
        Index(
            "ix_tickets_awaiting_acceptance",
            "assigned_on",
            postgresql_where=text("state = 'assigned'"),
            sqlite_where=text("state = 'assigned'"),
        ),
    )

    code: str = Field(sa_type=String(20), unique=True)
    project_id: uuid.UUID = Field(foreign_key="projects.id", index=True)
    category: str = Field(sa_type=String(40))
    title: str = Field(sa_type=String(200))
    description: str = Field(sa_type=Text)
    urgency: str = Field(default=Urgency.normal.value, sa_type=String(20))
    source: str = Field(default=TicketSource.service_request.value, sa_type=String(20))
    state: str = Field(default=TicketState.submitted.value, sa_type=String(20), index=True)
    requester_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", index=True)
    requester_name: str = Field(sa_type=String(64))
    requester_unit_id: uuid.UUID = Field(foreign_key="units.id")
    lead_department_id: uuid.UUID | None = Field(default=None, foreign_key="units.id")
    assigned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    assigned_on: date | None = Field(default=None, sa_type=Date)
    due_date: date | None = Field(default=None, sa_type=Date)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Set in the transaction that resolves (反馈) the ticket, cleared when it is returned: the
    # business date and the working days since assignment, so the departments' on-time rate
    # and average days are sums over stored facts, not a calendar walk per row.
    resolved_on: date | None = Field(default=None, sa_type=Date)
    working_days_taken: int | None = Field(default=None)
    resolution: str | None = Field(default=None, sa_type=Text)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    satisfaction: int | None = Field(default=None)
    satisfaction_comment: str | None = Field(default=None, sa_type=String(500))
    return_count: int = Field(default=0)
    escalation_level: int = Field(default=0, index=True)
    escalated_on: date | None = Field(default=None, sa_type=Date)
    last_nudged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    due_soon_notified: bool = Field(default=False)
    # Partners told it passed its deadline (ticket.overdue), once.
    overdue_notified: bool = Field(default=False)
    decision_id: uuid.UUID | None = Field(default=None, foreign_key="decisions.id", index=True)


class TicketCoHandler(SQLModel, table=True):
    """协办单位: a department that helps the lead department with a ticket."""

    __tablename__ = "ticket_co_handlers"

    ticket_id: uuid.UUID = Field(foreign_key="tickets.id", primary_key=True)
    unit_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True, index=True)


class TicketOpenHandler(SQLModel, table=True):
    """A department (lead or co-handler) of a ticket in hand (assigned, accepted, in progress),
    with its project's unit: written when a ticket enters those states and removed when it
    leaves them (app/tickets/open_handlers.py). The departments' 在办 figure counts these rows
    instead of joining every open ticket to the co-handlers of a million tickets."""

    __tablename__ = "ticket_open_handlers"

    ticket_id: uuid.UUID = Field(foreign_key="tickets.id", primary_key=True)
    department_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True, index=True)
    unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)


RETURNS = "kind = 'transition' AND from_state = 'resolved' AND to_state = 'in_progress'"


class TicketEvent(IdMixin, SQLModel, table=True):
    """One entry on a ticket's timeline: a state change, comment, 催办, 批示 or 督办."""

    __tablename__ = "ticket_events"
    __table_args__ = (
        enum_check("kind", TicketEventKind, "ck_ticket_events_kind"),
        Index("ix_ticket_events_ticket", "ticket_id", "occurred_at"),
        # Returns for more work (反馈 → 办理中), by when: what the 年度考核 counts per year,
        # whatever the other years' timelines hold.
        Index(
            "ix_ticket_events_returns",
            "occurred_at",
            sqlite_where=text(RETURNS),
            postgresql_where=text(RETURNS),
        ),
    )

    ticket_id: uuid.UUID = Field(foreign_key="tickets.id")
    kind: str = Field(sa_type=String(20))
    from_state: str | None = Field(default=None, sa_type=String(20))
    to_state: str | None = Field(default=None, sa_type=String(20))
    note: str | None = Field(default=None, sa_type=Text)
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    actor_name: str = Field(sa_type=String(64))
    actor_unit_name: str | None = Field(default=None, sa_type=String(100))
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TicketAttachment(FileMixin, table=True):
    """A file on a ticket, stored on disk by `id`."""

    __tablename__ = "ticket_attachments"
    __table_args__ = (Index("ix_ticket_attachments_ticket", "ticket_id", "uploaded_at"),)

    ticket_id: uuid.UUID = Field(foreign_key="tickets.id")


class Letter(IdMixin, SQLModel, table=True):
    """交办函, 督办函 or 通报: numbered per kind and year without gaps (`湘招交〔2026〕15号`)."""

    __tablename__ = "letters"
    __table_args__ = (
        enum_check("kind", LetterKind, "ck_letters_kind"),
        UniqueConstraint("kind", "year", "serial", name="uq_letters_kind_year_serial"),
        Index("ix_letters_ticket", "ticket_id", "issued_at"),
    )

    ticket_id: uuid.UUID = Field(foreign_key="tickets.id")
    kind: str = Field(sa_type=String(20))
    year: int
    serial: int
    number: str = Field(sa_type=String(40), unique=True)
    recipient_unit_id: uuid.UUID = Field(foreign_key="units.id")
    title: str = Field(sa_type=String(300))
    body: str = Field(sa_type=Text)
    deadline: date | None = Field(default=None, sa_type=Date)
    issued_on: date = Field(sa_type=Date)
    issued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    issued_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class Escalation(IdMixin, SQLModel, table=True):
    """交办 → 督办: one level up, counted against the handling department in the assessment.
    One row per ticket and level, so a repeated job run cannot escalate twice."""

    __tablename__ = "ticket_escalations"
    __table_args__ = (
        enum_check("reason", EscalationReason, "ck_ticket_escalations_reason"),
        UniqueConstraint("ticket_id", "level", name="uq_ticket_escalations_ticket_level"),
        CheckConstraint("level IN (1, 2)", name="ck_ticket_escalations_level"),
    )

    ticket_id: uuid.UUID = Field(foreign_key="tickets.id")
    level: int
    reason: str = Field(sa_type=String(20))
    note: str | None = Field(default=None, sa_type=String(500))
    department_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    letter_id: uuid.UUID = Field(foreign_key="letters.id")
    escalated_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CalendarOverride(TimestampMixin, SQLModel, table=True):
    """节假日调整: a date that is a holiday or a make-up working day, whatever the calendar
    package says — for years it does not know yet, or corrections."""

    __tablename__ = "calendar_overrides"

    day: date = Field(sa_type=Date, primary_key=True)
    is_working_day: bool
    name: str = Field(sa_type=String(40))


class TicketResolutionDay(SQLModel, table=True):
    """The tickets resolved on one day for one handling department (lead or co-handler) and
    one project unit: kept by the resolving (and returning) transaction, so a period's on-time
    rate and average days read a few rows per day instead of every resolved ticket."""

    __tablename__ = "ticket_resolution_days"

    resolved_on: date = Field(sa_type=Date, primary_key=True)
    department_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True)
    unit_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True)
    resolved: int = Field(default=0)
    on_time: int = Field(default=0)
    working_days: int = Field(default=0)
    timed: int = Field(default=0)
