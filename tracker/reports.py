"""Reports: SQL aggregations returning DataFrames."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db.models import Article, Issue, Party, Statement

STATEMENT_COLUMNS = ["article", "speaker", "party", "role", "issue", "cap_topic", "stance", "kind", "evidence",
                     "date", "source", "confidence"]


def statements_frame(session: Session, since: date | None = None, until: date | None = None) -> pd.DataFrame:
    """Every statement with the gold's columns (article = the source's file name), plus date, source, confidence."""
    query = (select(Article.source, Statement.speaker, Party.name, Statement.role, Issue.label, Issue.cap_topic,
                    Statement.stance, Statement.kind, Statement.evidence, Article.published, Article.url,
                    Statement.confidence)
             .join(Article, Statement.article_id == Article.id).join(Party).join(Issue)
             .order_by(Article.source, Statement.start_char, Statement.id))
    if since:
        query = query.where(Article.published >= since)
    if until:
        query = query.where(Article.published <= until)
    rows = [(_file_name(source), speaker or "", party, role or "", issue, topic or "", stance, kind, evidence,
             published, url or source, round(confidence, 3))
            for source, speaker, party, role, issue, topic, stance, kind, evidence, published, url, confidence
            in session.execute(query)]
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)


def _file_name(source: str) -> str:
    return PurePath(source).name if "://" not in source else source
