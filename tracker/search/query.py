"""Ranked search: statements whose evidence, and articles whose text, hold the words asked for (in any form).

Every word of the query must occur (stop words aside). SQLite ranks by FTS5's bm25, PostgreSQL by ts_rank;
`score` is higher for better matches. Which statements count is the report's Scope (rejected ones never; a
story's statements once, those of its first copy, unless `count_copies`); every article is found, copies too.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from sqlalchemy import Float, Integer, Select, column, func, select, text
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
    counts = dict(session.execute(narrow(select(Statement.article_id, func.count()), Scope(count_copies=True))
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
    CANDIDATES matches (in id order, which both indexes read cheaply) with their rank (SQLite: FTS5's bm25;
    PostgreSQL: ts_rank), and one query keeps those the scope counts. When fewer than `limit` are left, four
    times as many are read, until none are left to read. A word in fewer than CANDIDATES rows is ranked among
    all of them.
    """
    terms = stems(words)
    if not terms:
        return []
    postgres = session.get_bind().dialect.name == "postgresql"
    values = {"words": words} if postgres else {"query": " ".join(f'"{t}"' for t in terms)}
    want = CANDIDATES
    while True:
        found = _candidates(model, postgres).subquery("found")
        query = _narrowed(select(found.c.id, found.c.score).join(model, model.id == found.c.id), model, scope)
        ranked = session.execute(query.order_by(found.c.score.desc(), found.c.id).limit(limit),
                                 {**values, "want": want}).all()
        if len(ranked) >= limit or session.scalar(select(func.count()).select_from(found),
                                                  {**values, "want": want}) < want:
            return [(id_, float(score)) for id_, score in ranked]
        want *= 4


CANDIDATES = 1_000  # matches read from the index per round, newest first


def _candidates(model, postgres: bool):
    """The newest :want matches with their rank, as (id, score)."""
    if postgres:
        table = model.__tablename__
        sql = (f"SELECT id, ts_rank({COLUMN}, plainto_tsquery('danish', :words)) AS score FROM {table} "
               f"WHERE {COLUMN} @@ plainto_tsquery('danish', :words) ORDER BY id DESC LIMIT :want")
    else:
        fts = TABLES[model.__tablename__]
        sql = (f"SELECT rowid AS id, -bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH :query "
               "ORDER BY rowid DESC LIMIT :want")
    return text(sql).columns(column("id", Integer), column("score", Float))


def _narrowed(query: Select, model, scope: Scope) -> Select:
    if model is Statement:
        return narrow(query, scope)
    query = within_dates(query, scope)
    if scope.issue_ids is not None or scope.party_ids is not None or scope.topic is not None:
        query = query.where(Article.id.in_(narrow(select(Statement.article_id), replace(scope, count_copies=True))))
    return query
