"""Quotes for the reports: the latest statements on each issue, and one representative quote per row.

A quote on a catch-all issue shows no stance (a catch-all is no question: see tracker.reports.scope)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Integer, Select, bindparam, column, false, func, select, true, values
from sqlalchemy.orm import Session

from tracker.db.models import Article, Issue, Party, Politician, Statement
from tracker.reports.blocs import bloc_parties
from tracker.reports.counts import bloc_stretches
from tracker.issue_kinds import OTHER
from tracker.reports.scope import STANCES, Scope, article_name, given, iso, narrow
from tracker.reports.stories import also_in


QUOTE_FIELDS = (Issue.slug, Party.name, func.coalesce(Politician.full_name, Statement.speaker), Article.published,
                Statement.stance, Statement.kind, Statement.evidence, Article.title, Article.source, Article.url,
                Article.id, Issue.kind)


def _quote_query(*conditions) -> Select:
    """Statements with who said them, when and in which article."""
    return (select(*QUOTE_FIELDS).select_from(Statement).join(Article, Statement.article_id == Article.id)
            .join(Issue, Statement.issue_id == Issue.id).join(Party, Statement.party_id == Party.id)
            .outerjoin(Politician, Statement.politician_id == Politician.id).where(*conditions))


def _quote_frame(session: Session, rows: list[tuple]) -> pd.DataFrame:
    """Rows of (who, issue_id, *QUOTE_FIELDS) as a frame with readable article names and sources, and the
    other sources of the article's story (also_in)."""
    frame = pd.DataFrame(rows, columns=["who", "issue_id", "issue", "party", "politician", "date", "stance", "kind",
                                        "quote", "title", "path", "url", "article_id", "issue_kind"], dtype=object)
    frame["date"] = frame["date"].map(iso)
    frame["stance"] = frame["stance"].where(frame["issue_kind"] != OTHER, "")
    frame["politician"] = frame["politician"].fillna("")
    frame["article"] = [article_name(title, path) if path else ""
                        for title, path in zip(frame["title"], frame["path"])]
    frame["source"] = [url if given(url) else (path or "") for url, path in zip(frame["url"], frame["path"])]
    frame["also_in"] = frame["article_id"].map(also_in(session, frame["article_id"])).fillna("")
    return frame.drop(columns=["title", "path", "url", "article_id", "issue_kind"])


def latest_quotes(session: Session, scope: Scope = Scope(), per_issue: int = 3,
                  issue_ids: list[int] | None = None) -> pd.DataFrame:
    """The newest statements on each issue (within the scope; of `issue_ids` when given), newest first.

    With `issue_ids`, a LIMIT per issue, each reading the newest entries of an index (months descending:
    undated last); without, a window over the scope's statements."""
    order = [Statement.month.desc(), Statement.published.desc(), Statement.id.desc()]
    if issue_ids is not None:
        ids = _newest_ids(session, scope, per_issue, issue_ids, order)
        query = (_quote_query(Statement.id.in_(ids)).add_columns(Statement.party_id, Statement.issue_id)
                 .order_by(Statement.issue_id, *order))
    else:
        rank = func.row_number().over(partition_by=Statement.issue_id, order_by=order).label("rank")
        ranked = narrow(select(Statement.id, rank), scope).subquery()
        query = (_quote_query(ranked.c.rank <= per_issue).add_columns(Statement.party_id, Statement.issue_id)
                 .join(ranked, ranked.c.id == Statement.id).order_by(Statement.issue_id, ranked.c.rank))
    rows = [(party_id, issue_id, *fields) for *fields, party_id, issue_id in session.execute(query)]
    return _quote_frame(session, rows).drop(columns="who")


def _newest_ids(session: Session, scope: Scope, per_issue: int, issue_ids: list[int], order: list) -> list[int]:
    """The ids of the `per_issue` newest statements on each issue: on PostgreSQL one query (a LATERAL
    subquery per issue of a VALUES list: no round trip per issue); on SQLite, in this process, one query
    built and compiled once and run for each issue (building hundreds cost more than running them)."""
    connection = session.connection()  # Core, not the ORM: a tenth of the cost per run
    if connection.dialect.name == "postgresql":
        if not issue_ids:
            return []
        wanted = values(column("issue", Integer), name="wanted", literal_binds=True).data([(i,) for i in issue_ids])
        newest = narrow(select(Statement.id).where(Statement.issue_id == wanted.c.issue), scope)
        newest = newest.order_by(*order).limit(per_issue).lateral("newest")
        return list(connection.execute(select(newest.c.id).select_from(wanted).join(newest, true())).scalars())
    newest = narrow(select(Statement.id).where(Statement.issue_id == bindparam("issue")), scope)
    newest = newest.order_by(*order).limit(per_issue)
    return [id_ for issue_id in issue_ids for id_ in connection.execute(newest, {"issue": issue_id}).scalars()]


def representative_quotes(session: Session, scope: Scope, table: pd.DataFrame, blocs: bool = False) -> pd.DataFrame:
    """One quote per (party or bloc, issue) row of `table`: of its prevailing stance, direct quotes and
    the most confident first. Each pick reads the first entries of one party's range of the index, in its
    order (a bloc: the best of its parties' picks; a party that changed bloc, one pick for each stretch of
    days it spent in the row's bloc)."""
    fixed, changing = bloc_parties(session, scope) if blocs else ({}, [])
    stretches = _stretches(session, changing)
    picks = []
    for row in table.to_dict("records"):
        prevailing = _prevailing(row)
        where = [Statement.issue_id == row["issue_id"]] + ([Statement.stance == prevailing] if prevailing else [])
        if not blocs:
            picks.append(_best(session, scope, [*where, Statement.party_id == row["who"]]))
            continue
        candidates = [_best(session, scope, [*where, Statement.party_id == party])
                      for party, bloc in fixed.items() if bloc == row["who"]]
        candidates += [_best(session, scope, [*where, Statement.party_id == party, *days])
                       for party, bloc, days in stretches if bloc == row["who"]]
        picks.append(max(candidates, key=lambda pick: pick or (False, -1.0, 0), default=None))
    found = {pick[2] for pick in picks if pick}
    details = {}
    if found:
        query = _quote_query(Statement.id.in_(found)).add_columns(Statement.id)
        details = {row[-1]: tuple(row[:-1]) for row in session.execute(query)}
    rows = [(row["who"], row["issue_id"], *details.get(pick[2] if pick else None, (None,) * len(QUOTE_FIELDS)))
            for row, pick in zip(table.to_dict("records"), picks)]
    return _quote_frame(session, rows)


def _stretches(session: Session, parties: list[int]) -> list[tuple[int, str, list]]:
    """(party, bloc, conditions on the statements' date) for each stretch of days a party spent in a bloc:
    a statement's bloc is its party's on its date (undated: today's), as in reports.blocs.bloc_case."""
    if not parties:
        return []
    keys = dict(session.execute(select(Party.id, Party.key).where(Party.id.in_(parties))).all())
    day = func.coalesce(Statement.published, date.today())
    return [(party, bloc, [*([day >= start] if start else []), *([day <= end] if end else [])])
            for party in parties for start, end, bloc in bloc_stretches(keys[party]) if bloc is not None]


def _best(session: Session, scope: Scope, where: list) -> tuple | None:
    """(is a direct quote, confidence, id) of the best statement meeting `where`, or None: the direct quotes
    first, then the others, each in the order of the index (counted, kind, confidence), so the database
    reads only the first entries, not every statement of the party on the issue (counting copies: the
    better of the counted statements' pick and the copies')."""
    direct = Statement.kind == "direct_quote"
    parts = [Statement.counted == true(), Statement.counted == false()] if scope.count_copies else [true()]
    for kind in (direct, ~direct):
        picks = []
        for part in parts:
            query = narrow(select(Statement.confidence, Statement.id).where(*where, kind, part), scope)
            row = session.execute(query.order_by(Statement.confidence.desc(), Statement.id.desc()).limit(1)).first()
            picks += [tuple(row)] if row else []
        if picks:
            confidence, id_ = max(picks)
            return (kind is direct, confidence, id_)
    return None


def _prevailing(row: dict) -> str | None:
    """The stance a row's quote should show: its leaning, else its most frequent stance (None for a row
    without stance counts: a catch-all's)."""
    if row["leaning"] in ("for", "against"):
        return row["leaning"]
    if any(pd.isna(row[stance]) for stance in STANCES):
        return None
    return max(STANCES, key=lambda stance: row[stance])
