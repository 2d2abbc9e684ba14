"""Engines and sessions: a bare path means SQLite, anything else is an SQLAlchemy URL."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB = "tracker.db"
DEFAULT_LOCK_WAIT_S = 60.0


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


def lock_wait(seconds: float | None = None) -> float:
    """How long to wait for a lock another process holds: `seconds`, else $TRACKER_LOCK_WAIT, else 60."""
    if seconds is None:
        try:
            seconds = float(os.environ.get("TRACKER_LOCK_WAIT") or DEFAULT_LOCK_WAIT_S)
        except ValueError:
            seconds = DEFAULT_LOCK_WAIT_S
    return max(0.0, seconds)


def make_engine(db: str | None = None, wait: float | None = None) -> Engine:
    """The engine for `--db`: an SQLite file in WAL mode (read-only when the file or its folder cannot be
    written), or a server URL. `wait`: seconds to wait for another process's lock (see lock_wait)."""
    url, seconds = database_url(db), lock_wait(wait)
    if url.startswith("sqlite"):
        path = make_url(url).database
        read_only = bool(path) and path != ":memory:" and _cannot_write(Path(path))
        if read_only:
            url = _read_only_url(Path(path))
        engine = create_engine(url, connect_args={"timeout": seconds})
        event.listen(engine, "connect", partial(_sqlite_pragmas, wait_ms=int(seconds * 1000), read_only=read_only))
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "connect", partial(_server_settings, wait_ms=int(seconds * 1000)))
    return engine


def is_read_only(engine: Engine) -> bool:
    """Whether the engine opened an SQLite file read-only (its folder or the file cannot be written)."""
    return engine.dialect.name == "sqlite" and engine.url.query.get("mode") == "ro"


def _cannot_write(path: Path) -> bool:
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _read_only_url(path: Path) -> str:
    return f"sqlite:///{read_only_uri(path)}&uri=true"


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening the file read-only; `immutable` when it cannot be written and no write-ahead
    log is there to read (SQLite cannot make the shared-memory file a WAL database needs in a folder it
    cannot write, and nobody else can change the file then)."""
    wal = path.with_name(path.name + "-wal")
    immutable = "&immutable=1" if _cannot_write(path) and not wal.exists() else ""
    return f"file:{quote(str(path.resolve()))}?mode=ro{immutable}"


def _sqlite_pragmas(dbapi_connection, _record, wait_ms: int, read_only: bool) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={wait_ms}")
    if not read_only and cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL syncs at checkpoints instead of every commit: a killed process loses nothing
    # committed; a power cut may lose the last commits, never consistency (re-ingest restores them).
    if not read_only:
        cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _server_settings(dbapi_connection, _record, wait_ms: int) -> None:
    """PostgreSQL: wait at most `wait_ms` for a lock (the writers' advisory lock included)."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"SET lock_timeout = {wait_ms}")
    cursor.close()
    dbapi_connection.commit()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
