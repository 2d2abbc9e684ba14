"""Glue between the code and the Alembic migrations (`migrations/` in the checkout, tracker.migrations when installed).

The configuration is built in code, so an installed package needs no alembic.ini; the alembic.ini at the
checkout's root is for developers running `alembic` by hand and points at the same folder.
"""

from __future__ import annotations

import time
from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from tracker.db.engine import is_read_only
from tracker.db.guard import DatabaseProblem, check_database, describe
from tracker.paths import MIGRATIONS_DIR


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic config pointing at `migrations/`; with an engine, migrations run on it."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every schema revision this tracker's migrations know."""
    return frozenset(script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", attempts: int = 20) -> None:
    """Bring the database to `revision` (does nothing when it is there already).

    SQLite runs DDL outside the migration's transaction, so two processes opening a new file at once
    can collide ("table ... already exists"): the loser waits and finds the winner's work done.
    """
    check_database(engine)  # (before the first connection: for SQLite, that sets the journal mode)
    if is_read_only(engine):
        if current_revision(engine) != head_revision():
            raise DatabaseProblem(f"{describe(engine)}: read-only, and at an older schema than this tracker's "
                                  "(open it once where it can be written)")
        return
    for attempt in range(attempts):
        if revision == "head" and current_revision(engine) == head_revision():
            return
        try:
            command.upgrade(alembic_config(engine), revision)
            return
        except OperationalError:
            if engine.dialect.name != "sqlite" or attempt == attempts - 1:
                raise
            time.sleep(0.25)
