"""Shared fixtures: a fresh database per test and a CLI runner bound to it."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from tracker.cli import cli


def pytest_addoption(parser):
    parser.addoption("--pg-url", default=os.environ.get("TRACKER_TEST_PG_URL"),
                     help="PostgreSQL URL for the database tests (or TRACKER_TEST_PG_URL).")


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
