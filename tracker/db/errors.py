"""Database errors as one line for people (every command's, in one place), and the ones that stop a run
(no later write can succeed).

SQLAlchemy's messages run to several lines (the SQL, its parameters, a link); people get the database's
own first line. A full disk, a failing disk, a read-only database and a lock held past the wait are
*stopping* errors: an ingest ends with one line instead of failing every remaining article.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

SQLITE_STOPPING = {"database or disk is full": "the disk is full", "disk I/O error": "the disk failed",
                   "attempt to write a readonly database": "the database is read-only",
                   "database is locked": "locked"}
SQLSTATE_STOPPING = {"53100": "the disk is full", "53200": "the server is out of memory",
                     "25006": "the database is read-only", "55P03": "locked", "58030": "the disk failed"}


class WritingStopped(Exception):
    """Nothing more can be written: a full or failing disk, a read-only database, a lock held too long."""


def one_line(error: BaseException) -> str:
    """The database's own first line of an error (without SQLAlchemy's SQL, parameters and link)."""
    original = getattr(error, "orig", None) if isinstance(error, DBAPIError) else None
    text = str(original if original is not None else error).strip()
    return text.splitlines()[0].strip() if text else type(error).__name__


def stopping_reason(error: SQLAlchemyError, lock_wait: float) -> str | None:
    """Why no later write can succeed either, or None for an error of this write alone."""
    original = getattr(error, "orig", None)
    reason = SQLSTATE_STOPPING.get(getattr(original, "sqlstate", None) or "")
    if reason is None:
        message = str(original if original is not None else error)
        reason = next((why for text, why in SQLITE_STOPPING.items() if text in message), None)
    if reason == "locked":
        return f"the database is locked by another process (waited {lock_wait:g} s; see --lock-wait)"
    return f"{reason} ({one_line(error)})" if reason else None


def problem_line(error: SQLAlchemyError, lock_wait: float) -> str:
    """The one line a command gives for a database error: why nothing can be written (a full disk, a lock
    held past the wait, ...), else the database's own first line."""
    return stopping_reason(error, lock_wait) or f"the database refused: {one_line(error)}"


def is_locked(error: SQLAlchemyError) -> bool:
    original = getattr(error, "orig", None)
    return "database is locked" in str(original if original is not None else error) or \
        getattr(original, "sqlstate", None) == "55P03"
