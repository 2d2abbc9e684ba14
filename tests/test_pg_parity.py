"""PostgreSQL parity on odd input: NaN and infinities in metadata are stored on both databases (as
null), database errors are one line, and `registry add` refuses what no database should get."""

from __future__ import annotations

import subprocess
import uuid

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, make_url, select, text

from consistency import INGEST
from tracker.app import Tracker
from tracker.cli import cli
from tracker.db.models import Article
from tracker.store import json_safe
from test_cli_ingest import QUOTE
from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture)


def invoke(database: str, *args):
    return CliRunner().invoke(cli, ["--db", database, *args])


def test_nan_and_infinity_in_jsonl_metadata_are_stored_on_both_databases(database, tmp_path, fake_pipeline):
    feed = tmp_path / "feed.jsonl"  # what Python's json.dumps writes for float("nan") and float("inf")
    feed.write_text('{"text": "%s", "date": "2024-01-02", "score": NaN, "range": [-Infinity, 1.5, Infinity],'
                    ' "nested": {"x": NaN}}\n' % QUOTE.format(name="Mette Testesen", party="V")
                    + '{"text": "Uden tal.", "date": "2024-01-03", "score": 2}\n', encoding="utf-8")
    result = invoke(database, "ingest", str(feed))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "2 ingested, 0 duplicates, 0 failed, 1 statements added"
    tracker = Tracker(database, migrate=False)
    with tracker.session() as session:
        metas = {row.text[:5]: row.meta for row in session.scalars(select(Article))}
    tracker.close()
    first = next(meta for key, meta in metas.items() if key != "Uden ")
    assert (first["score"], first["range"], first["nested"]) == (None, [None, 1.5, None], {"x": None})
    assert metas["Uden "]["score"] == 2


def test_json_safe_leaves_finite_values_alone():
    value = {"a": [1, 2.5, "NaN", None, {"b": float("-inf")}], "c": (float("nan"),)}
    assert json_safe(value) == {"a": [1, 2.5, "NaN", None, {"b": None}], "c": [None]}


@pytest.mark.parametrize("args, message", [
    (["", "--party", "V"], "the name is empty"),
    (["   ", "--party", "V"], "the name is empty"),
    (["x" * 5000, "--party", "V"], "the name is 5,000 characters long; at most 95"),
    (["Ny Person", "--party", "V", "--role", "r" * 300], "the role is 300 characters long; at most 100"),
    (["Ny Person", "--party", "V", "--from", "2024-01-01", "--to", "2023-12-31"],
     "the end (2023-12-31) is before the start (2024-01-01)"),
])
def test_registry_add_refuses_what_no_database_should_get(database, args, message):
    result = invoke(database, "registry", "add", *args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"Error: {message}"]
    good = invoke(database, "registry", "add", "Ny Person", "--party", "V", "--from", "2023-01-01")
    assert good.exit_code == 0, good.output


@pytest.mark.postgres
def test_no_privilege_on_the_schema_is_one_line(pg_url):
    role = f"reader_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        connection.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    admin.dispose()
    url = make_url(pg_url).set(username=role).render_as_string(hide_password=False)
    try:
        done = subprocess.run([*INGEST, "--db", url, "parties"], capture_output=True, text=True)
        assert done.returncode == 1
        assert done.stderr.strip().splitlines() == ["Error: the database refused: permission denied for schema public"]
    finally:
        admin = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1),
                              isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


def test_a_database_error_of_several_lines_is_its_first_line(database):
    """SQLAlchemy's message holds the SQL, its parameters and a link; people get the database's first line."""
    tracker = Tracker(database)
    with tracker.engine.begin() as connection:
        connection.execute(text("DROP TABLE tallies"))  # (the counts of compare and positions)
    tracker.close()
    result = invoke(database, "compare")
    assert result.exit_code == 1
    expected = ("no such table: tallies" if "://" not in database else
                'relation "tallies" does not exist')
    assert result.stderr.splitlines() == [f"Error: the database refused: {expected}"]
    if "://" not in database:  # the same through the installed entry point (its last line of defence)
        done = subprocess.run([*INGEST, "--db", database, "positions", "Venstre", "--csv"],
                              capture_output=True, text=True)
        assert (done.returncode, done.stderr.splitlines()) == (1, [f"Error: the database refused: {expected}"])


def test_a_lock_held_elsewhere_is_one_line_for_every_command_that_writes(tmp_path):
    from test_safe_writes import HeldLock

    database = str(tmp_path / "t.db")
    Tracker(database).close()
    with HeldLock(database):
        result = invoke(database, "--lock-wait", "0.3", "registry", "add", "Ny Person", "--party", "V")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: the database is locked by another process (waited 0.3 s; see --lock-wait)"]
    assert invoke(database, "registry", "add", "Ny Person", "--party", "V").exit_code == 0
