"""One writer at a time, across processes: the lock that makes several ingest workers safe.

Workers extract in parallel and take turns to write. Holding the lock for the whole write
transaction means a worker's look-ups (known issues, politicians) are fresh when it writes, and two
workers never wait on each other's rows (no deadlocks, no unique-key races).
"""

from __future__ import annotations

from sqlalchemy import Connection, false, func, select, update
from sqlalchemy.orm import Session

from tracker.db.models import Setting

WRITER_LOCK = 61_420_001  # PostgreSQL advisory lock ids: any constants, unique to this program
MIGRATION_LOCK = 61_420_002


def lock_for_writing(session: Session) -> None:
    """Wait for the database's write lock and hold it until the session's transaction ends.

    PostgreSQL: a transaction-level advisory lock. SQLite has one write lock per file, taken by the
    first write: an UPDATE that changes nothing takes it now (waiting up to the busy timeout).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(WRITER_LOCK)))
    else:
        session.execute(update(Setting).where(false()).values(value=Setting.value))


def lock_for_migrations(connection: Connection) -> None:
    """PostgreSQL: let one process at a time migrate (held until the migration transaction ends)."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
