"""Glue between the code and the Alembic migrations (`migrations/` in the checkout, tracker.migrations when installed).

The configuration is built in code, so an installed package needs no alembic.ini; the alembic.ini at the
checkout's root is for developers running `alembic` by hand and points at the same folder.
"""

from __future__ import annotations

import time

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

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


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", attempts: int = 20) -> None:
    """Bring the database to `revision` (does nothing when it is there already).

    SQLite runs DDL outside the migration's transaction, so two processes opening a new file at once
    can collide ("table ... already exists"): the loser waits and finds the winner's work done.
    """
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
