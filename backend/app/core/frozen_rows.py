"""Rows the database itself refuses to change once a condition holds on them (an accepted report,
a published 通报): the application checks first and answers a problem; these triggers are the
floor under it, for any writer, on SQLite and PostgreSQL alike.

Used from migrations: `freeze(op, "unit_reports", "OLD.state = 'accepted'", "accepted reports
are frozen")` in upgrade and `unfreeze(op, "unit_reports")` in downgrade. The message is what a
test or an operator sees in the database error; it must not contain a single quote.
"""

from typing import Any


def freeze(op: Any, table: str, when: str, message: str) -> None:
    """Refuse UPDATE and DELETE of a row of `table` for which the SQL condition `when` (about
    `OLD`) holds."""
    if "'" in message:
        raise ValueError("the message of a freeze trigger cannot contain a quote")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION {table}_frozen() RETURNS trigger AS $$
            BEGIN
                IF {when} THEN
                    RAISE EXCEPTION '{message}';
                END IF;
                IF TG_OP = 'DELETE' THEN
                    RETURN OLD;
                END IF;
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            f"CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_frozen()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_frozen_{event.lower()} BEFORE {event} ON {table} "
                f"WHEN {when} BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def unfreeze(op: Any, table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {table}_frozen ON {table}")
        op.execute(f"DROP FUNCTION {table}_frozen()")
    else:
        op.execute(f"DROP TRIGGER {table}_frozen_update")
        op.execute(f"DROP TRIGGER {table}_frozen_delete")
