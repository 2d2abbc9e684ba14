"""Ranked search: statements whose evidence, and articles whose text, hold the words asked for (in any form).

Every word of the query must occur (stop words aside). SQLite ranks by FTS5's bm25, PostgreSQL by ts_rank;
`score` is higher for better matches. Which statements count is the report's Scope (rejected ones never).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from tracker.db.models import Article, Statement
from tracker.reports.records import RECORD_COLUMNS, statement_records
from tracker.reports.scope import Scope, article_name, given, iso, narrow, within_dates
from tracker.search.schema import COLUMN, TABLES
from tracker.search.stemming import stems

ARTICLE_COLUMNS = ["id", "date", "outlet", "title", "source", "statements", "snippet", "score"]


def search_statements(session: Session, words: str, scope: Scope = Scope(), limit: int = 50) -> pd.DataFrame:
    """The best-matching statements (RECORD_COLUMNS and score), best first."""
    ranked = _ranked(session, words, Statement, scope, limit)
    frame = statement_records(session, [id_ for id_, _ in ranked])
    return frame.assign(score=[round(score, 3) for _, score in ranked]) if ranked else \
        pd.DataFrame(columns=[*RECORD_COLUMNS, "score"])


def search_articles(session: Session, words: str, scope: Scope = Scope(), limit: int = 20) -> pd.DataFrame:
    """The best-matching articles, best first, with a snippet around the first match."""
    ranked = _ranked(session, words, Article, scope, limit)
    if not ranked:
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    ids = [id_ for id_, _ in ranked]
    rows = {row.id: row for row in session.execute(select(
        Article.id, Article.published, Article.outlet, Article.title, Article.source, Article.url, Article.text)
        .where(Article.id.in_(ids)))}
    counts = dict(session.execute(narrow(select(Statement.article_id, func.count()), Scope())
                                  .where(Statement.article_id.in_(ids)).group_by(Statement.article_id)).all())
    wanted = set(stems(words))
    records = [(id_, iso(rows[id_].published), rows[id_].outlet or "", article_name(rows[id_].title, rows[id_].source),
                rows[id_].url if given(rows[id_].url) else rows[id_].source, counts.get(id_, 0),
                snippet(rows[id_].text, wanted), round(score, 3)) for id_, score in ranked]
    return pd.DataFrame(records, columns=ARTICLE_COLUMNS)


def snippet(text: str, wanted: set[str], width: int = 160) -> str:
    """About `width` characters of `text` around its first word in `wanted`."""
    from tracker.search.stemming import marks

    found = marks(text, wanted)
    start = max(0, found[0][0] - width // 3) if found else 0
    piece = " ".join(text[start:start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _ranked(session: Session, words: str, model, scope: Scope, limit: int) -> list[tuple[int, float]]:
    """(id, score) of the best matches the scope counts, best first.

    Ranking every match of a common word would read the whole index, so the index gives the newest
    CANDIDATES matches (in id order, which both indexes read cheaply), the scope keeps those it counts, and
    these are ranked (SQLite: FTS5's bm25; PostgreSQL: ts_rank). When fewer than `limit` are left, four times
    as many are read, until none are left to read. A word in fewer than CANDIDATES statements is ranked
    among all of them.
    """
    terms = stems(words)
    if not terms:
        return []
    postgres = session.get_bind().dialect.name == "postgresql"
    want = CANDIDATES
    while True:
        found = _postgres(session, model, words, want) if postgres else _sqlite(session, model, terms, want)
        kept = set()
        ids = [id_ for id_, _ in found]
        for start in range(0, len(ids), 5000):
            chunk = select(model.id).where(model.id.in_(ids[start:start + 5000]))
            kept |= set(session.scalars(_narrowed(chunk, model, scope)))
        ranked = sorted(((id_, score) for id_, score in found if id_ in kept), key=lambda item: (-item[1], item[0]))
        if len(ranked) >= limit or len(found) < want:
            return ranked[:limit]
        want *= 4


CANDIDATES = 1_000  # matches read from the index per round, newest first


def _sqlite(session: Session, model, terms: list[str], want: int) -> list[tuple[int, float]]:
    fts = TABLES[model.__tablename__]
    query = text(f"SELECT rowid, -bm25({fts}) FROM {fts} WHERE {fts} MATCH :query ORDER BY rowid DESC LIMIT :want")
    return [(id_, float(score)) for id_, score in
            session.execute(query, {"query": " ".join(f'"{t}"' for t in terms), "want": want})]


def _postgres(session: Session, model, words: str, want: int) -> list[tuple[int, float]]:
    table = model.__tablename__
    query = text(f"SELECT id, ts_rank({COLUMN}, plainto_tsquery('danish', :words)) FROM {table} "
                 f"WHERE {COLUMN} @@ plainto_tsquery('danish', :words) ORDER BY id DESC LIMIT :want")
    return [(id_, float(score)) for id_, score in session.execute(query, {"words": words, "want": want})]


def _narrowed(query: Select, model, scope: Scope) -> Select:
    if model is Statement:
        return narrow(query, scope)
    query = within_dates(query, scope)
    if scope.issue_ids is not None or scope.party_ids is not None or scope.topic is not None:
        query = query.where(Article.id.in_(narrow(select(Statement.article_id), scope)))
    return query
