"""Engines and sessions: a bare path means SQLite, anything else is an SQLAlchemy URL."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB = "tracker.db"
SQLITE_BUSY_TIMEOUT_MS = 60_000


def database_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for `--db` / `TRACKER_DB` (default: tracker.db in the working directory).

    A plain postgresql:// or postgres:// URL gets the psycopg driver (the one the tracker installs).
    """
    db = db or os.environ.get("TRACKER_DB") or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{db}"
    scheme, rest = db.split("://", 1)
    return f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else db


class DatabaseProblem(Exception):
    """A database that cannot be used as asked; the message is one line for the user."""


def sqlite_file(db: str | None = None) -> Path | None:
    """The file of an SQLite database (None for other databases and in-memory SQLite)."""
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def check_exists(db: str | None = None, create: bool = False) -> None:
    """Refuse an SQLite path whose folder is missing, and (unless `create`) a file that is not there yet,
    instead of silently making a new empty database."""
    path = sqlite_file(db)
    if path is None:
        return
    if not path.parent.is_dir():
        raise DatabaseProblem(f"{path}: the folder {path.parent} does not exist")
    if not create and not path.exists():
        raise DatabaseProblem(f"{path}: no such database (`tracker ingest` or `tracker db upgrade` creates one)")


def make_engine(db: str | None = None) -> Engine:
    url = database_url(db)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL syncs at checkpoints instead of every commit: a killed process loses nothing
    # committed; a power cut may lose the last commits, never consistency (re-ingest restores them).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
