"""The discovered issues for curation: counts, articles, parties, the phrases found and an example."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from tracker.db.models import Article, Issue, IssueKey, Party, Statement
from tracker.discovery import ALIAS_PREFIX
from tracker.issue_kinds import DISCOVERED, USER
from tracker.reports.scope import Scope, narrow

COLUMNS = ["issue", "label", "topic", "kind", "statements", "articles", "parties", "keys", "phrases", "example"]


def discovered_frame(session: Session, scope: Scope = Scope(), phrases: int = 3) -> pd.DataFrame:
    """Discovered issues, and user issues made from discovered ones, most statements first: how many
    statements and articles, which parties (most heard first), their policy object keys, their most
    frequent phrases and the newest statement's evidence."""
    real_key = ~IssueKey.key.startswith(ALIAS_PREFIX)
    keyed = select(IssueKey.issue_id).where(real_key)
    issues = session.execute(select(Issue.id, Issue.slug, Issue.label, Issue.cap_topic, Issue.kind)
                             .where((Issue.kind == DISCOVERED) | ((Issue.kind == USER) & Issue.id.in_(keyed)))).all()
    ids = [row[0] for row in issues]
    if not ids:
        return pd.DataFrame(columns=COLUMNS)
    on_them = Statement.issue_id.in_(ids)
    counts = {id_: (n, a) for id_, n, a in session.execute(narrow(select(
        Statement.issue_id, func.count(), func.count(distinct(Statement.article_id))).where(on_them), scope)
        .group_by(Statement.issue_id))}
    parties = _lists(session, narrow(select(Statement.issue_id, Party.name).join(Party, Statement.party_id == Party.id)
                                     .where(on_them), scope).group_by(Statement.issue_id, Party.name)
                     .order_by(func.count().desc(), Party.name))
    keys = _lists(session, select(IssueKey.issue_id, IssueKey.key).where(IssueKey.issue_id.in_(ids), real_key)
                  .order_by(IssueKey.key))
    found = _lists(session, narrow(select(Statement.issue_id, Statement.object_phrase)
                                   .where(on_them, Statement.object_phrase.is_not(None)), scope)
                   .group_by(Statement.issue_id, Statement.object_phrase)
                   .order_by(func.count().desc(), Statement.object_phrase))
    rows = []
    for id_, slug, label, topic, kind in issues:
        n, articles = counts.get(id_, (0, 0))
        if n or not scope.dated:
            rows.append((slug, label, topic or "", kind, n, articles, ", ".join(parties[id_]), "; ".join(keys[id_]),
                         "; ".join(found[id_][:phrases]), _example(session, id_)))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["statements", "issue"], ascending=[False, True], ignore_index=True)


def _lists(session: Session, query) -> dict[int, list[str]]:
    """issue id -> the second column's values, in the query's order."""
    lists: dict[int, list[str]] = defaultdict(list)
    for id_, value in session.execute(query):
        lists[id_].append(value)
    return lists


def _example(session: Session, issue_id: int) -> str:
    """The evidence of the newest statement on the issue."""
    query = (select(Statement.evidence).join(Article, Statement.article_id == Article.id)
             .where(Statement.issue_id == issue_id)
             .order_by(Article.published.desc().nulls_last(), Statement.id.desc()).limit(1))
    return session.scalar(query) or ""
