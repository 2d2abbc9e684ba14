"""Ranked search: statements whose evidence, and articles whose text, hold the words asked for (in any form).

Every word of the query must occur (stop words aside). SQLite ranks by FTS5's bm25, PostgreSQL by ts_rank;
`score` is higher for better matches. Which statements count is the report's Scope (rejected ones never).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select, bindparam, column, func, literal_column, select, table
from sqlalchemy.orm import Session

from tracker.db.models import Article, Statement
from tracker.reports.records import RECORD_COLUMNS, statement_records
from tracker.reports.scope import Scope, article_name, given, iso, narrow, within_dates
from tracker.search.schema import COLUMN, TABLES
from tracker.search.stemming import stems

ARTICLE_COLUMNS = ["id", "date", "outlet", "title", "source", "statements", "snippet", "score"]


def search_statements(session: Session, text: str, scope: Scope = Scope(), limit: int = 50) -> pd.DataFrame:
    """The best-matching statements (RECORD_COLUMNS and score), best first."""
    ranked = _ranked(session, text, Statement, scope, limit)
    frame = statement_records(session, [id_ for id_, _ in ranked])
    return frame.assign(score=[round(score, 3) for _, score in ranked]) if ranked else \
        pd.DataFrame(columns=[*RECORD_COLUMNS, "score"])


def search_articles(session: Session, text: str, scope: Scope = Scope(), limit: int = 20) -> pd.DataFrame:
    """The best-matching articles, best first, with a snippet around the first match."""
    ranked = _ranked(session, text, Article, scope, limit)
    if not ranked:
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    ids = [id_ for id_, _ in ranked]
    rows = {row.id: row for row in session.execute(select(
        Article.id, Article.published, Article.outlet, Article.title, Article.source, Article.url, Article.text)
        .where(Article.id.in_(ids)))}
    counts = dict(session.execute(narrow(select(Statement.article_id, func.count()), Scope())
                                  .where(Statement.article_id.in_(ids)).group_by(Statement.article_id)).all())
    wanted = set(stems(text))
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


def _ranked(session: Session, text: str, model, scope: Scope, limit: int) -> list[tuple[int, float]]:
    terms = stems(text)
    if not terms:
        return []
    if session.get_bind().dialect.name == "postgresql":
        query = _postgres(model, text)
    else:
        query = _sqlite(model, terms)
    query = _narrowed(query, model, scope)
    return [(id_, float(score)) for id_, score in session.execute(query.limit(limit), {"words": text})]


def _sqlite(model, terms: list[str]) -> Select:
    fts = table(TABLES[model.__tablename__], column("rowid"))
    match = literal_column(fts.name).op("MATCH")(bindparam("query", " ".join(f'"{t}"' for t in terms)))
    score = (-func.bm25(literal_column(fts.name))).label("score")
    return (select(model.id, score).select_from(fts).join(model, model.id == fts.c.rowid).where(match)
            .order_by(score.desc(), model.id))


def _postgres(model, text: str) -> Select:
    words = literal_column(f"{model.__tablename__}.{COLUMN}")
    wanted = func.plainto_tsquery(literal_column("'danish'"), bindparam("words"))
    score = func.ts_rank(words, wanted).label("score")
    return select(model.id, score).where(words.op("@@")(wanted)).order_by(score.desc(), model.id)


def _narrowed(query: Select, model, scope: Scope) -> Select:
    if model is Statement:
        return narrow(query, scope)
    query = within_dates(query, scope)
    if scope.issue_ids is not None or scope.party_ids is not None or scope.topic is not None:
        query = query.where(Article.id.in_(narrow(select(Statement.article_id), scope)))
    return query
