"""Single records for people: statements by id (with who, what, where) and one article with its statements."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db.models import Article, Issue, Party, Politician, Statement
from tracker.reports.scope import article_name, given, iso

RECORD_COLUMNS = ["id", "article_id", "date", "party", "party_key", "speaker", "politician", "role", "issue",
                  "issue_label", "stance", "kind", "evidence", "start_char", "end_char", "confidence", "origin",
                  "rejected", "article", "outlet", "source"]


def statement_records(session: Session, ids: list[int]) -> pd.DataFrame:
    """The statements with these ids (rejected ones too: see `rejected`), in the order of `ids`."""
    query = (select(Statement.id, Statement.article_id, Article.published, Party.name, Party.key, Statement.speaker,
                    Politician.full_name, Statement.role, Issue.slug, Issue.label, Statement.stance, Statement.kind,
                    Statement.evidence, Statement.start_char, Statement.end_char, Statement.confidence,
                    Statement.origin, Statement.rejected, Article.title, Article.source, Article.outlet, Article.url)
             .join(Article, Statement.article_id == Article.id).join(Party, Statement.party_id == Party.id)
             .join(Issue, Statement.issue_id == Issue.id)
             .outerjoin(Politician, Statement.politician_id == Politician.id))
    rows = []
    for chunk in range(0, len(ids), 500):
        rows += session.execute(query.where(Statement.id.in_(ids[chunk:chunk + 500]))).all()
    records = [(*row[:18], article_name(row.title, row.source), row.outlet or "",
                row.url if given(row.url) else row.source) for row in rows]
    frame = pd.DataFrame(records, columns=RECORD_COLUMNS)
    frame["date"] = frame["date"].map(iso)
    frame[["speaker", "politician", "role"]] = frame[["speaker", "politician", "role"]].fillna("")
    order = {id_: n for n, id_ in enumerate(ids)}
    return frame.sort_values("id", key=lambda s: s.map(order), ignore_index=True)


def article_record(session: Session, article_id: int) -> tuple[Article, pd.DataFrame] | None:
    """The article and all its statements (rejected ones too), in the order of the text; None when unknown."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    ids = list(session.scalars(select(Statement.id).where(Statement.article_id == article_id)
                               .order_by(Statement.start_char, Statement.id)))
    return article, statement_records(session, ids)


def segments(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[str, tuple[int, ...]]]:
    """The text cut where evidence starts or ends: (piece, ids of the statements whose evidence covers it)."""
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for s, e, _ in spans for p in (s, e))})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        ids = tuple(sorted(id_ for s, e, id_ in spans if s <= start and end <= e))
        if pieces and pieces[-1][1] == ids:
            pieces[-1] = (pieces[-1][0] + text[start:end], ids)
        else:
            pieces.append((text[start:end], ids))
    return pieces


def issue_statements(session: Session, issue_id: int, scope=None, limit: int = 200) -> pd.DataFrame:
    """The statements on one issue that the scope counts, newest first."""
    from tracker.reports.scope import Scope, narrow

    query = narrow(select(Statement.id).join(Article, Statement.article_id == Article.id)
                   .where(Statement.issue_id == issue_id), scope or Scope())
    ids = session.scalars(query.order_by(Article.published.desc().nulls_last(), Statement.id).limit(limit))
    return statement_records(session, list(ids))
