"""The search objects, made by migration 0006 beside the models (the models do not describe them).

SQLite: FTS5 tables of stemmed words, rowid = the statement's or article's id; triggers drop a row's words when
the row is deleted (also by a cascade), and tracker.search.index adds the words of new rows.
PostgreSQL: a generated tsvector column (to_tsvector('danish', ...)) with a GIN index on each table: the
database keeps it in step by itself.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

TABLES = {"statements": "statement_search", "articles": "article_search"}  # table -> SQLite FTS5 table
COLUMN = "search_words"  # PostgreSQL: the tsvector column on each table
PG_SOURCES = {"statements": "evidence", "articles": "coalesce(title, '') || ' ' || text"}
FTS5_SHADOWS = ("data", "idx", "content", "docsize", "config")


def is_search_object(name: str, type_: str) -> bool:
    """True for the objects made here, which Alembic's comparison with the models leaves alone."""
    if type_ == "table":
        return any(name == fts or name.startswith(f"{fts}_") for fts in TABLES.values())
    if type_ == "column":
        return name == COLUMN
    if type_ == "index":
        return name.endswith(f"_{COLUMN}")
    return False


def create(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        for table, source in PG_SOURCES.items():
            connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
                                    f"GENERATED ALWAYS AS (to_tsvector('danish', {source})) STORED"))
            connection.execute(text(f"CREATE INDEX ix_{table}_{COLUMN} ON {table} USING gin ({COLUMN})"))
        return
    for table, fts in TABLES.items():
        connection.execute(text(f"CREATE VIRTUAL TABLE {fts} USING fts5(words, tokenize='unicode61 "
                                "remove_diacritics 0')"))
        connection.execute(text(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} "
                                f"BEGIN DELETE FROM {fts} WHERE rowid = old.id; END"))


def drop(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        for table in PG_SOURCES:
            connection.execute(text(f"DROP INDEX IF EXISTS ix_{table}_{COLUMN}"))
            connection.execute(text(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}"))
        return
    for fts in TABLES.values():
        connection.execute(text(f"DROP TRIGGER IF EXISTS {fts}_delete"))
        connection.execute(text(f"DROP TABLE IF EXISTS {fts}"))
