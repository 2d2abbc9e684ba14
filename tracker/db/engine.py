"""Engines and sessions: a bare path means SQLite, anything else is an SQLAlchemy URL."""

from __future__ import annotations

import os

from sqlalchemy import Engine, create_engine, event
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
