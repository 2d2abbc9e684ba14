"""PostgreSQL: the same commands on the same articles give the same output as on SQLite.

The tests marked `postgres` need a server: `make test-postgres`, or `--pg-url` / TRACKER_TEST_PG_URL.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
from alembic import command
from click.testing import CliRunner

from consistency import write_articles
from tracker.cli import cli
from tracker.db import current_revision, database_url, head_revision, make_engine, upgrade
from tracker.db.migrate import alembic_config
from tracker.paths import data_file

# Each a command line; "{issue}" is replaced by the most discussed issue. Commands the CLI
# lacks are skipped. `politicians` lists two people of the same name in no set order: compared as sets.
QUERIES = [
    ("export", "statements"), ("export", "statements", "--since", "2024-03-10", "--until", "2024-03-20"),
    ("parties", "--csv"), ("parties", "--all", "--json"), ("politicians", "--csv"),
    ("politicians", "--party", "Venstre", "--json"), ("issues", "--csv"), ("issues", "--json"),
    ("compare", "--csv"), ("compare", "--blocs", "--csv"), ("compare", "{issue}", "--csv"), ("compare",),
    ("positions", "Venstre", "--csv"), ("positions", "S"), ("politician", "Mette Testesen", "--csv"),
    ("timeline", "{issue}", "--csv"), ("timeline", "{issue}", "--by", "month", "--json"),
    ("report",), ("db", "current"),
]
UNORDERED = {"politicians"}


@dataclass
class Pair:
    sqlite: str
    postgres: str

    def run(self, *args: str) -> tuple:
        """The command's (exit code, output) on each database."""
        return tuple(_invoke(db, *args) for db in (self.sqlite, self.postgres))


def _invoke(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)
    return result.exit_code, result.output


def article_folder(folder, count: int):
    """The bundled sample articles and `count` constructed ones."""
    write_articles(folder, range(count))
    for sample in sorted(data_file("samples").glob("*.txt")):
        shutil.copy(sample, folder / sample.name)
    return folder


@pytest.fixture(scope="module")
def filled(pg_databases, tmp_path_factory) -> Pair:
    """An SQLite file and a PostgreSQL database with the same articles ingested."""
    folder = article_folder(tmp_path_factory.mktemp("articles"), 30)
    pair = Pair(str(tmp_path_factory.mktemp("sqlite") / "tracker.db"), pg_databases.create())
    sqlite, postgres = pair.run("ingest", "-q", str(folder))
    assert sqlite == postgres and sqlite[0] == 0, (sqlite, postgres)
    yield pair
    pg_databases.drop(pair.postgres)


@pytest.mark.postgres
def test_migrations_reach_head_and_agree_with_the_models(pg_url):
    engine = make_engine(pg_url)
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    command.check(alembic_config(engine))  # raises when the models and migrations differ on PostgreSQL
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_the_same_output_from_sqlite_and_postgresql(filled, args):
    if args[0] not in cli.commands:
        pytest.skip(f"no `{args[0]}` command")
    if "{issue}" in args:
        args = tuple(filled_issue(filled) if arg == "{issue}" else arg for arg in args)
    sqlite, postgres = filled.run(*args)
    assert sqlite[0] == 0, sqlite[1]
    if args[0] in UNORDERED:
        assert sorted(sqlite[1].splitlines()) == sorted(postgres[1].splitlines())
    else:
        assert sqlite == postgres


def filled_issue(pair: Pair) -> str:
    """The slug of the issue with the most statements (the first row of `issues`)."""
    code, output = _invoke(pair.sqlite, "issues", "--csv")
    assert code == 0 and len(output.splitlines()) > 1, output
    return output.splitlines()[1].split(",")[0]


@pytest.mark.postgres
def test_export_has_every_statement(filled):
    _, output = _invoke(filled.postgres, "export", "statements")
    assert len(output.splitlines()) > 2 * 30  # three statements in each constructed article, mostly
    assert "Mette Testesen" in output


@pytest.mark.postgres
def test_ingest_again_and_reprocess_give_the_same_on_both(pg_url, tmp_path):
    folder = article_folder(tmp_path / "articles", 6)
    pair = Pair(str(tmp_path / "tracker.db"), pg_url)
    first = pair.run("ingest", "-q", str(folder))
    again = pair.run("ingest", "-q", str(folder))
    assert first[0] == first[1] and first[0][0] == 0
    assert again[0] == again[1] and "0 ingested" in again[1][1]
    if "reprocess" in cli.commands:
        sqlite, postgres = pair.run("reprocess", "--all", "-q")
        assert sqlite == postgres and sqlite[0] == 0, (sqlite, postgres)
    sqlite, postgres = pair.run("export", "statements")
    assert sqlite[0] == postgres[0] == 0 and len(sqlite[1].splitlines()) > 6
    # the same rows but for the statements' own ids: after a reprocess PostgreSQL's sequence gives new ones,
    # SQLite may give the deleted statements' ids again
    without_ids = [[line.split(",", 1)[1] for line in output.splitlines()] for _, output in (sqlite, postgres)]
    assert without_ids[0] == without_ids[1]


def test_plain_postgresql_urls_get_the_psycopg_driver():
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u:p@h:5432/db") == "postgresql+psycopg://u:p@h:5432/db"
    assert database_url("postgresql+psycopg://u@/db?host=/tmp/x") == "postgresql+psycopg://u@/db?host=/tmp/x"
    assert database_url("data/tracker.db") == "sqlite:///data/tracker.db"
