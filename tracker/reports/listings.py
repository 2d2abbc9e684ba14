"""Listings: every statement (the gold's columns), the issues, one party's positions, one politician's
statements over time, the articles. Statements on catch-all issues show no stance (see reports.scope)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Callable

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db.models import Article, Correction, Issue, Party, Politician, Statement
from tracker.reports.counts import count_frame
from tracker.reports.quotes import latest_quotes
from tracker.issue_kinds import OTHER
from tracker.reports.scope import (COUNT_COLUMNS, STATEMENT_COLUMNS, Scope, article_name, fetch_frame,
                                   file_name, given, issue_names, iso, narrow, party_names, within_dates,
                                   without_stance)
from tracker.reports.stances import stance_table, with_net


def statements_frame(session: Session, since: date | None = None, until: date | None = None,
                     scope: Scope | None = None, article_ids: list[int] | None = None) -> pd.DataFrame:
    """Every statement with the gold's columns (article = the source's file name; issue = slug, issue_label),
    plus ids, date, outlet, source, confidence, story (the id of the article's story), counted (False for the
    statements of a story's later copies), origin (pipeline or user), corrected (a person changed it) and
    issue_kind (catalogue, user, discovered; "other" for a catch-all, whose statements show no stance).

    Copies' statements are listed too. Ordered by article file name and position. Read as plain columns and
    joined in pandas: fast on millions.
    """
    scope = scope or Scope(since=since, until=until, count_copies=True)
    article_query = within_dates(select(Article.id.label("article_id"), Article.source, Article.url,
                                        Article.published.label("date"), Article.outlet,
                                        Article.story_id.label("story")), scope)
    query = narrow(select(
        Statement.id, Statement.article_id, Statement.start_char, Statement.speaker, Statement.party_id,
        Statement.role, Statement.issue_id, Statement.stance, Statement.kind, Statement.evidence,
        Statement.confidence, Statement.origin), scope)
    if article_ids is not None:
        article_query = article_query.where(Article.id.in_(article_ids))
        query = query.where(Statement.article_id.in_(article_ids))
    articles, frame = fetch_frame(session, article_query), fetch_frame(session, query)
    articles = articles.sort_values("source", ignore_index=True).assign(order=lambda a: a.index)
    articles["article"] = articles["source"].map(file_name)
    articles["source"] = articles["url"].where(articles["url"].fillna("") != "", articles["source"])
    articles["date"] = articles["date"].map(iso)
    articles["story"] = articles["story"].fillna(articles["article_id"]).astype(int)
    articles["counted"] = articles["story"] == articles["article_id"]
    frame = frame.merge(articles, on="article_id").sort_values(["order", "start_char", "id"], ignore_index=True)
    frame["party"] = frame["party_id"].map({id_: name for id_, (_, name) in party_names(session).items()})
    issues = issue_names(session).set_index("issue_id")
    frame["issue"], frame["issue_label"] = frame["issue_id"].map(issues["issue"]), frame["issue_id"].map(issues["label"])
    frame["cap_topic"] = frame["issue_id"].map(issues["topic"])
    frame["issue_kind"] = frame["issue_id"].map(issues["kind"])
    frame["stance"] = frame["stance"].where(frame["issue_kind"] != OTHER, "")
    for column in ("speaker", "role", "cap_topic", "outlet"):
        frame[column] = frame[column].fillna("")
    frame["confidence"] = frame["confidence"].astype(float).round(3)
    corrected = set(session.scalars(select(Correction.statement_id).where(Correction.statement_id.is_not(None))))
    frame["corrected"] = frame["id"].isin(corrected)
    return frame[STATEMENT_COLUMNS]


def issues_frame(session: Session, scope: Scope = Scope(), dates: bool = False) -> pd.DataFrame:
    """Issues (most discussed first) with stance counts, net position and how many parties spoke; from the
    tallies (reports.counts). dates: add each issue's first and last article date. Catch-alls show only
    their number of statements."""
    counts = count_frame(session, scope, ("party_id", "issue_id"))
    per_issue = counts.groupby("issue_id").agg(**{c: (c, "sum") for c in COUNT_COLUMNS}, parties=("party_id", "nunique"),
                                               first=("first", "min"), last=("last", "max"))
    issues = issue_names(session)
    if scope.topic is not None:
        issues = issues[issues["topic"] == scope.topic]
    if scope.issue_ids is not None:
        issues = issues[issues["issue_id"].isin(scope.issue_ids)]
    frame = issues.merge(per_issue, left_on="issue_id", right_index=True,
                         how="inner" if scope.on_articles or scope.party_ids is not None else "left")
    frame = with_net(frame).drop(columns="leaning")
    frame = without_stance(frame, set(frame.loc[frame["kind"] == OTHER, "issue_id"]))
    frame["parties"] = frame["parties"].fillna(0).astype(int)
    columns = ["issue", "label", "topic", "kind", *COUNT_COLUMNS, "parties", "net"]
    if dates:
        frame["first"], frame["last"] = frame["first"].map(iso), frame["last"].map(iso)
        columns += ["first", "last"]
    frame = frame.sort_values(["statements", "issue"], ascending=[False, True], ignore_index=True)
    return frame[columns]


def positions_frame(session: Session, party_id: int, scope: Scope = Scope(),
                    quotes: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One party's positions issue by issue (most discussed first; the catch-alls, "other statements on
    <topic>", last) and its `quotes` latest quotes per issue."""
    party_scope = replace(scope, party_ids=(party_id,))
    table = stance_table(session, party_scope).drop(columns="who").merge(issue_names(session), on="issue_id")
    latest = latest_quotes(session, party_scope, per_issue=max(quotes, 1), issue_ids=list(table["issue_id"]))
    last = latest.drop_duplicates("issue")[["issue", "date"]].rename(columns={"date": "last"})
    table = table.merge(last, on="issue", how="left")
    columns = ["issue", "label", "topic", "kind", *COUNT_COLUMNS, "net", "leaning", "last"]
    table = table.assign(other=table["kind"] == OTHER).sort_values(
        ["other", "statements", "issue"], ascending=[True, False, True], ignore_index=True)[columns]
    return table, latest.groupby("issue", sort=False).head(quotes)


def politician_frame(session: Session, politician_ids: list[int], scope: Scope = Scope(),
                     party_at: Callable[[str, date | None], str | None] | None = None) -> pd.DataFrame:
    """A politician's statements over time, with the party at each date and a note where it changes.

    party_at(politician key, day) gives the party's name from the registry; without it, or when it
    answers None, the party recorded with the statement is shown.
    """
    query = narrow(select(Article.published, Politician.key, Party.name, Issue.slug, Issue.label, Issue.kind,
                          Statement.stance, Statement.kind, Statement.evidence, Article.title, Article.source,
                          Article.url, Statement.id)
                   .join(Article, Statement.article_id == Article.id).join(Issue, Statement.issue_id == Issue.id)
                   .join(Party, Statement.party_id == Party.id)
                   .join(Politician, Statement.politician_id == Politician.id)
                   .where(Statement.politician_id.in_(politician_ids)), scope)
    rows = session.execute(query.order_by(Article.published.asc().nulls_first(), Statement.id)).all()
    records, previous = [], None
    for day, key, stated, slug, label, issue_kind, stance, kind, evidence, title, path, url, id_ in rows:
        stance = "" if issue_kind == OTHER else stance
        party = (party_at(key, day) if party_at else None) or stated
        switch = f"{previous} → {party}" if previous and party != previous else ""
        records.append((id_, iso(day), party, switch, slug, label, stance, kind, evidence, article_name(title, path),
                        url if given(url) else path))
        previous = party
    return pd.DataFrame(records, columns=["id", "date", "party", "party_switch", "issue", "label", "stance", "kind",
                                          "quote", "article", "source"])


def articles_frame(session: Session, scope: Scope = Scope()) -> pd.DataFrame:
    """Articles with how many statements (not rejected) each gave and their story, within the scope's dates and
    outlet; with parties or issues in the scope, only the articles with statements of them."""
    counts = (narrow(select(Statement.article_id, func.count().label("n")),
                     replace(scope, since=None, until=None, outlet=None, count_copies=True))
              .group_by(Statement.article_id).subquery())
    query = (select(Article.id, Article.published, Article.outlet, Article.title, Article.source, Article.url,
                    func.coalesce(counts.c.n, 0), func.coalesce(Article.story_id, Article.id), Article.pipeline_version,
                    Article.ingested_at)
             .outerjoin(counts, counts.c.article_id == Article.id).order_by(Article.published, Article.id))
    if scope.issue_ids is not None or scope.party_ids is not None or scope.topic is not None:
        query = query.where(counts.c.n.is_not(None))
    frame = pd.DataFrame(session.execute(within_dates(query, scope)).all(), columns=[
        "id", "date", "outlet", "title", "source", "url", "statements", "story", "pipeline_version", "ingested_at"])
    frame["date"] = frame["date"].map(iso)
    return frame
