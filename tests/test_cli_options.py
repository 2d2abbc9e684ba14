"""Options every command shares: --db before or after the command name; a database is never made by accident."""

import json
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "s002_topskat.txt"


def invoke(*args):
    return CliRunner().invoke(cli, list(args))


def test_db_after_the_command_name_means_the_same_as_before_it(tmp_path):
    db = str(tmp_path / "t.db")
    assert invoke("ingest", str(SAMPLE), "--db", db, "--quiet").exit_code == 0
    before = invoke("--db", db, "compare", "topskat", "--json")
    after = invoke("compare", "topskat", "--db", db, "--json")
    assert before.exit_code == after.exit_code == 0
    assert json.loads(before.output) == json.loads(after.output) != []


def test_db_after_a_subcommand_of_a_group(tmp_path):
    db = str(tmp_path / "t.db")
    assert invoke("db", "upgrade", "--db", db).exit_code == 0
    assert "up to date" in invoke("db", "current", "--db", db).output
    assert invoke("export", "statements", "--db", db).exit_code == 0


def test_a_query_on_a_missing_database_file_names_it_and_creates_nothing(tmp_path):
    db = tmp_path / "missing.db"
    result = invoke("--db", str(db), "compare")
    assert result.exit_code == 1 and str(db) in result.output and "no such database" in result.output
    assert "Traceback" not in result.output
    assert not db.exists()


def test_a_database_in_a_folder_that_does_not_exist_is_an_error_even_for_ingest(tmp_path):
    db = tmp_path / "no" / "such" / "folder" / "t.db"
    result = invoke("ingest", str(SAMPLE), "--db", str(db))
    assert result.exit_code == 1 and "does not exist" in result.output
    assert not db.parent.exists()


def test_ingest_and_db_upgrade_create_a_new_database(tmp_path):
    assert invoke("--db", str(tmp_path / "a.db"), "ingest", str(SAMPLE), "--quiet").exit_code == 0
    assert invoke("--db", str(tmp_path / "b.db"), "db", "upgrade").exit_code == 0
    assert (tmp_path / "a.db").exists() and (tmp_path / "b.db").exists()


def test_reprocess_since_takes_a_year_or_a_month(tmp_path):
    db = str(tmp_path / "t.db")
    assert invoke("--db", db, "ingest", str(SAMPLE), "--quiet").exit_code == 0
    for since in ("2020", "2020-05", "2020-05-01"):
        result = invoke("--db", db, "reprocess", "--since", since, "--all", "--quiet")
        assert result.exit_code == 0, result.output
    assert invoke("--db", db, "reprocess", "--since", "May", "--quiet").exit_code == 2
