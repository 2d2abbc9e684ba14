"""The migrations and the models agree, and every command brings a database to head."""

from alembic import command
from sqlalchemy import inspect, text

from tracker.db import current_revision, head_revision, make_engine, upgrade
from tracker.db.migrate import alembic_config


def test_upgrade_empty_database_then_autogenerate_finds_no_difference(db_path):
    engine = make_engine(db_path)
    command.upgrade(alembic_config(engine), "head")
    assert current_revision(engine) == head_revision()
    command.check(alembic_config(engine))  # raises when the models and migrations differ


def test_upgrade_is_idempotent_and_creates_the_tables(db_path):
    engine = make_engine(db_path)
    upgrade(engine)
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"parties", "politicians", "affiliations", "articles", "issues", "statements"} <= tables


def test_sqlite_has_foreign_keys_wal_and_busy_timeout(db_path):
    engine = make_engine(db_path)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL: syncs at checkpoints


def test_db_commands(run, db_path):
    result = run("db", "current")
    assert result.exit_code == 1 and "no such database" in result.output and db_path in result.output
    result = run("db", "upgrade")
    assert result.exit_code == 0 and head_revision() in result.output
    assert "up to date" in run("db", "current").output


def test_bare_path_means_sqlite_and_urls_pass_through():
    from tracker.db import database_url

    assert database_url("x.db") == "sqlite:///x.db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_statements_keep_only_the_covering_indexes(db_path):
    engine = make_engine(db_path)
    upgrade(engine)
    names = {index["name"] for index in inspect(engine).get_indexes("statements")}
    assert {"ix_statements_issue_party_stance", "ix_statements_party_issue_month", "ix_statements_published"} <= names
    assert not names & {"ix_statements_party_issue", "ix_statements_issue_id",  # prefixes of those (0003)
                        "ix_statements_party_issue_stance"}  # replaced by the month's index (0005)
