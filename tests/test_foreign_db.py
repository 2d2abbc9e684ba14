"""No foreign file is touched: another program's database is refused in one line and left byte for byte
as it was; a newer tracker's database is named as such by every command; a database in a folder that
cannot be written can still be queried."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text

from consistency import INGEST
from tracker.app import Tracker
from tracker.cli import cli
from tracker.db import head_revision
from test_cli_ingest import QUOTE, text_article
from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture)

COMMANDS = [["parties"], ["db", "current"], ["db", "upgrade"], ["compare"], ["export", "statements"],
            ["registry", "add", "Ny Person", "--party", "V"]]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def invoke(db: str, *args):
    return CliRunner().invoke(cli, ["--db", db, *args])


def test_another_programs_sqlite_file_is_refused_and_left_byte_for_byte(tmp_path, fake_pipeline):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO notes (body) VALUES ('hej')")
    connection.close()
    before = digest(other)
    article = text_article(tmp_path, "a.txt", QUOTE.format(name="Mette Testesen", party="V"))
    for command in [*COMMANDS, ["ingest", str(article)], ["report", "-o", str(tmp_path / "r.html")]]:
        result = invoke(str(other), *command)
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr.strip() == (f"Error: {other}: not a stance-tracker database (it has other tables: notes); "
                                         "nothing was written: give another --db"), command
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "other.sqlite"]  # no journal, no report


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("ikke en database\n" * 100, encoding="utf-8")
    before = digest(notes)
    result = invoke(str(notes), "parties")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {notes}: not an SQLite database (file is not a database)"
    assert digest(notes) == before


def newer(database: str) -> None:
    """Make the database look like a newer tracker's: a schema revision this one does not know."""
    tracker = Tracker(database)
    with tracker.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    tracker.close()


def test_a_newer_trackers_database_is_named_by_every_command(database):
    newer(database)
    where = database if "://" not in database else None
    for command in COMMANDS:
        result = invoke(database, *command)
        assert result.exit_code == 1, (command, result.output)
        line = result.stderr.strip()
        assert len(line.splitlines()) == 1 and line.startswith("Error: ")
        assert line.endswith(": made by a newer tracker (schema revision 9999_from_the_future; this tracker knows "
                              f"up to {head_revision()}); install a newer tracker to use it"), command
        if where:
            assert line.startswith(f"Error: {where}: ")


@pytest.mark.postgres
def test_another_programs_postgresql_database_is_refused_without_writing(pg_url):
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (id serial PRIMARY KEY, body text)"))
    result = invoke(pg_url, "parties")
    assert result.exit_code == 1
    assert "not a stance-tracker database (it has other tables: notes); nothing was written" in result.stderr
    assert "secret" not in result.stderr or "secret" not in pg_url
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == {"notes"}
    engine.dispose()


def in_read_only_folder(folder: Path, args: list[str]) -> subprocess.CompletedProcess:
    """Run a command while `folder` cannot be written: by permissions, or (as root, whom permissions do not
    stop) in a mount namespace where the folder is mounted read-only."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(args, capture_output=True, text=True)
        finally:
            folder.chmod(0o755)
    if not shutil.which("unshare"):
        pytest.skip("running as root without unshare: cannot make a folder read-only")
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    probe = subprocess.run(["unshare", "--mount", "sh", "-c", script, str(folder), "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount read-only here ({probe.stderr.decode().strip()})")
    return subprocess.run(["unshare", "--mount", "sh", "-c", script, str(folder), *args], capture_output=True,
                          text=True)


@pytest.mark.slow
def test_a_database_in_a_read_only_folder_can_be_queried(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    db = str(folder / "t.db")
    article = text_article(tmp_path, "a.txt", QUOTE.format(name="Mette Testesen", party="V"))
    subprocess.run([*INGEST, "--db", db, "ingest", "-q", str(article)], check=True, capture_output=True)
    assert sorted(p.name for p in folder.iterdir()) == ["t.db"]
    before = digest(Path(db))
    listed = in_read_only_folder(folder, [*INGEST, "--db", db, "politicians", "--party", "V", "--csv"])
    assert listed.returncode == 0, listed.stderr
    assert "Mette Testesen" in listed.stdout
    current = in_read_only_folder(folder, [*INGEST, "--db", db, "db", "current"])
    assert current.returncode == 0 and "up to date" in current.stdout
    other = text_article(tmp_path, "b.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    ingest = in_read_only_folder(folder, [*INGEST, "--db", db, "ingest", "-q", str(other)])
    assert ingest.returncode == 1
    assert ingest.stderr.strip().startswith("Stopped: the database is read-only (")
    assert digest(Path(db)) == before
