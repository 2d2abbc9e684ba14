"""Shared fixtures: a fresh database per test and a CLI runner bound to it.

`database` runs a test on SQLite and, when a PostgreSQL URL is given (`--pg-url` or
TRACKER_TEST_PG_URL; `make test-postgres` starts a server), on a new PostgreSQL database too.
Tests marked `postgres` are skipped without a URL.
"""

from __future__ import annotations

import os
import signal
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from tracker.cli import cli

# Hypothesis keeps its examples beside pytest's cache (ignored by git); no deadlines on a busy machine.
settings.register_profile("tracker", deadline=None, database=DirectoryBasedExampleDatabase(
    str(Path(__file__).resolve().parents[1] / ".pytest_cache" / "hypothesis")))
settings.load_profile("tracker")


def pytest_addoption(parser):
    parser.addoption("--pg-url", default=os.environ.get("TRACKER_TEST_PG_URL"),
                     help="PostgreSQL URL for the database tests (or TRACKER_TEST_PG_URL).")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--pg-url"):
        return
    skip = pytest.mark.skip(reason="no PostgreSQL URL (--pg-url or TRACKER_TEST_PG_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def run(db_path):
    """run("parties", "--csv") -> click Result, against a fresh SQLite file."""
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, ["--db", db_path, *args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def run_db(run):
    """run, against an SQLite file that `tracker db upgrade` created (query commands need an existing one)."""
    assert run("db", "upgrade").exit_code == 0
    return run


class PgDatabases:
    """Creates and drops PostgreSQL databases on the server of `base` (a URL)."""

    def __init__(self, base: str):
        self.base = base
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def create(self) -> str:
        """The URL of a new, empty database."""
        name = f"tracker_{uuid.uuid4().hex[:16]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        return make_url(self.base).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def pg_databases(request) -> PgDatabases:
    base = request.config.getoption("--pg-url")
    if not base:
        pytest.skip("no PostgreSQL URL (--pg-url or TRACKER_TEST_PG_URL)")
    databases = PgDatabases(base)
    yield databases
    databases.admin.dispose()


@pytest.fixture
def pg_url(pg_databases) -> str:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    url = pg_databases.create()
    yield url
    pg_databases.drop(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request, tmp_path) -> str:
    """A fresh, empty database: an SQLite path, or a PostgreSQL URL (for --db / Tracker(...))."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")


class DeadlinePassed(Exception):
    """A test that must finish in seconds did not (instead of hanging the suite)."""


@pytest.fixture
def deadline():
    """deadline(seconds): raise DeadlinePassed in this thread if the test is still running then."""

    def arm(seconds: float) -> None:
        def expire(signum, frame):
            raise DeadlinePassed(f"still running after {seconds} s")

        signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)

    yield arm
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
