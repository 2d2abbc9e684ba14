"""Keeping the SQLite search index in step: the words of new articles and statements.

Deletes need nothing here (triggers, tracker.search.schema); PostgreSQL's generated columns need nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.orm import Session

from tracker.search.schema import TABLES
from tracker.search.stemming import stemmed_text

CHUNK = 500
SOURCES = {"statements": ("evidence", "article_id"), "articles": ("coalesce(title, '') || ' ' || text", "id")}


def index_articles(session: Session | Connection, article_ids: Iterable[int],
                   tables: Iterable[str] = tuple(TABLES)) -> None:
    """(Re)index the articles and all their statements (or only `tables`: "articles", "statements"); SQLite
    only (PostgreSQL keeps its own)."""
    ids = list(dict.fromkeys(article_ids))
    bind = session.get_bind() if isinstance(session, Session) else session
    if not ids or bind.dialect.name != "sqlite":
        return
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for table in tables:
            _reindex(session, table, chunk)


def _reindex(session, table: str, article_ids: list[int]) -> None:
    source, article = SOURCES[table]
    fts = TABLES[table]
    chosen = bindparam("ids", expanding=True)
    rows = session.execute(text(f"SELECT id, {source} FROM {table} WHERE {article} IN :ids").bindparams(chosen),
                           {"ids": article_ids}).all()
    if not rows:
        return
    session.execute(text(f"DELETE FROM {fts} WHERE rowid IN :ids").bindparams(bindparam("ids", expanding=True)),
                    {"ids": [row[0] for row in rows]})
    session.execute(text(f"INSERT INTO {fts} (rowid, words) VALUES (:id, :words)"),
                    [{"id": id_, "words": stemmed_text(words)} for id_, words in rows])


def rebuild(connection: Connection) -> None:
    """Index every article and statement (migration 0006, on SQLite)."""
    if connection.dialect.name != "sqlite":
        return
    ids = [row[0] for row in connection.execute(text("SELECT id FROM articles ORDER BY id"))]
    index_articles(connection, ids)
