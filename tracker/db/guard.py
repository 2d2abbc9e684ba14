"""Before anything is written: is this database ours, and not newer than this tracker?

A database with tables but no tracker schema (no known schema revision, or tables of its own) belongs to another program: it is refused in one line and
left exactly as it was (an SQLite file is read through a read-only connection of its own, before the
tracker's engine sets its journal mode). A database at a schema revision this tracker does not know,
with the tracker's tables, was made by a newer tracker: every command says so.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import Engine, inspect, text

from tracker.db.engine import DatabaseProblem, lock_wait, read_only_uri

TRACKER_TABLES = {"articles", "statements"}  # every schema revision has these


def check_database(engine: Engine) -> None:
    """Raise DatabaseProblem for a database that is not ours or is newer than this tracker."""
    where = describe(engine)
    tables, revision = sqlite_contents(engine) if engine.dialect.name == "sqlite" else server_contents(engine)
    from tracker.db.migrate import head_revision, known_revisions

    if not tables or revision in known_revisions():
        return
    if revision is not None and TRACKER_TABLES <= tables:
        raise DatabaseProblem(f"{where}: made by a newer tracker (schema revision {revision}; this tracker knows "
                              f"up to {head_revision()}); install a newer tracker to use it")
    if revision is None and "alembic_version" in tables and tables <= _our_tables():
        return  # another tracker process is creating the schema right now
    shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    raise DatabaseProblem(f"{where}: not a stance-tracker database (it has other tables: {shown}); "
                          "nothing was written: give another --db")


def _our_tables() -> set[str]:
    from tracker.db.models import Base

    return {*Base.metadata.tables, "alembic_version"}


def describe(engine: Engine) -> str:
    """The database as users named it: the SQLite file, or the URL without its password."""
    path = sqlite_path(engine)
    return str(path) if path is not None else engine.url.render_as_string(hide_password=True)


def sqlite_path(engine: Engine) -> Path | None:
    """The file of an SQLite engine (None in memory or for another database)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        return None
    return Path(unquote(database[5:]) if database.startswith("file:") else database)


def sqlite_contents(engine: Engine) -> tuple[set[str], str | None]:
    """(table names, alembic revision) of an SQLite file, read without writing anything (nothing for a
    file that does not exist yet or is empty)."""
    path = sqlite_path(engine)
    if path is None or not path.exists() or path.stat().st_size == 0:
        return set(), None
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=lock_wait())
    except sqlite3.Error as error:
        raise DatabaseProblem(f"{path}: cannot open it ({error})") from None
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        revision = _revision(connection.execute, tables)
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem(f"{path}: not an SQLite database ({error})") from None
    finally:
        connection.close()
    return tables, revision


def server_contents(engine: Engine) -> tuple[set[str], str | None]:
    """(table names, alembic revision) in the schema the connection uses (PostgreSQL)."""
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = _revision(lambda sql: connection.execute(text(sql)), tables)
    return tables, revision


def _revision(execute, tables: set[str]) -> str | None:
    if "alembic_version" not in tables:
        return None
    row = next(iter(execute("SELECT version_num FROM alembic_version")), None)
    return row[0] if row else None
