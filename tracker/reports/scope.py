"""What a report counts (`Scope`) and the helpers every report shares: reading rows, narrowing, names.

Dates are returned as ISO strings ("2024-05-01") so tables, CSV and JSON show them alike.

Catch-all issues (kind "other": the statements of a topic that fit no concrete issue) are labelled "other
statements on <topic>" and never given a stance: their rows keep the number of statements but no for/against
counts, net position or leaning (`without_stance`), and rankings of disagreement leave them out
(`Scope(catch_alls=False)` in `narrow`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
from sqlalchemy import Select, select, true
from sqlalchemy.orm import Session

from tracker.db.models import Article, Issue, Party, Statement
from tracker.issue_kinds import OTHER


STATEMENT_COLUMNS = ["id", "article_id", "article", "speaker", "party", "role", "issue", "issue_label", "cap_topic",
                     "stance", "kind", "evidence", "date", "outlet", "source", "confidence", "story", "counted",
                     "origin", "corrected", "issue_kind"]


STANCES = ("for", "against", "neutral")


COUNT_COLUMNS = [*STANCES, "statements"]


LEANING_THRESHOLD = 1 / 3  # a net position at least this far from 0 is a clear lean


@dataclass(frozen=True)
class Scope:
    """Which statements a report counts: all but the rejected ones, unless narrowed to issues, parties, a CAP
    topic, dates or an outlet. Build a narrower one with dataclasses.replace (fields may grow).

    A story's statements count once: those of its lead (its first stored copy, tracker.stories); the other
    copies' statements are left out unless `count_copies`.
    """

    issue_ids: tuple[int, ...] | None = None
    party_ids: tuple[int, ...] | None = None
    topic: str | None = None
    since: date | None = None
    until: date | None = None
    catch_alls: bool = True  # False: leave out the statements on catch-all issues (rankings, the matrix)
    count_copies: bool = False
    outlet: str | None = None  # the articles' outlet, as stored
    rejected: bool = False  # count statements a person rejected too (only to show them, never in a report)

    def one_issue(self, issue_id: int) -> Scope:
        """The same scope on one issue (and any topic)."""
        return replace(self, issue_ids=(issue_id,), topic=None)

    @property
    def dated(self) -> bool:
        return bool(self.since or self.until)

    @property
    def on_articles(self) -> bool:
        """True when the scope narrows the articles (dates or outlet)."""
        return self.dated or self.outlet is not None

    @property
    def tallied(self) -> bool:
        """True when the tallies (tracker.tallies) can give its counts: no outlet, no rejected statements."""
        return self.outlet is None and not self.rejected


def fetch_frame(session: Session, query: Select) -> pd.DataFrame:
    """A SELECT's rows as a DataFrame, read on the raw DB-API cursor (no per-row objects): for millions of rows.

    Bound values are written into the SQL, so use it only with dates and numbers, never with users' text.
    """
    connection = session.connection()
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        columns = [column[0] for column in cursor.description]
        return pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
    finally:
        cursor.close()


def within_dates(query: Select, scope: Scope) -> Select:
    """Only articles published within the scope's dates (and of its outlet)."""
    query = query.where(Article.published >= scope.since) if scope.since else query
    query = query.where(Article.outlet == scope.outlet) if scope.outlet is not None else query
    return query.where(Article.published <= scope.until) if scope.until else query


def narrow(query: Select, scope: Scope, table=None) -> Select:
    """Add the scope's conditions to a query over Statement, or over a tally table (tracker.tallies: the
    same rules on its party_id, issue_id and counted; its dates are the caller's, reports.counts).

    The statements' copies of their article's date (published) and story (counted: False for a later
    copy's) are the ones tracker.tallies keeps, so no query needs to join the articles. Rejected statements
    are left out (`rejected` is the last column of the covering indexes, so this still reads only the
    index; the tallies hold no rejected statement). An outlet is tested as `article_id IN (its articles)`;
    the tallies know no outlet, nor rejected statements (`Scope.tallied`).
    """
    if table is not None and not scope.tallied:
        raise ValueError("the tallies cannot answer a scope with an outlet or rejected statements")
    columns = Statement.__table__.c if table is None else table.c
    if table is None and not scope.rejected:
        query = query.where(Statement.rejected.is_(False))
    if scope.issue_ids is not None:
        query = query.where(columns.issue_id.in_(scope.issue_ids))
    if scope.party_ids is not None:
        query = query.where(columns.party_id.in_(scope.party_ids))
    if scope.topic is not None:
        query = query.where(columns.issue_id.in_(select(Issue.id).where(Issue.cap_topic == scope.topic)))
    if not scope.catch_alls:
        query = query.where(columns.issue_id.not_in(select(Issue.id).where(Issue.kind == OTHER)))
    if not scope.count_copies:
        query = query.where(columns.counted == true())
    if table is None and scope.since:
        query = query.where(Statement.published >= scope.since)
    if table is None and scope.until:
        query = query.where(Statement.published <= scope.until)
    if scope.outlet is not None:
        query = query.where(Statement.article_id.in_(select(Article.id).where(Article.outlet == scope.outlet)))
    return query


def catch_all_ids(session: Session) -> set[int]:
    """The ids of the catch-all issues ("other statements on <topic>")."""
    return set(session.scalars(select(Issue.id).where(Issue.kind == OTHER)))


def without_stance(frame: pd.DataFrame, catch_alls: set[int], column: str = "issue_id") -> pd.DataFrame:
    """The rows on catch-all issues keep their number of statements but lose for/against/neutral, net
    position and leaning: a catch-all is no question, so no one is for or against it."""
    if frame.empty or not catch_alls:
        return frame
    other = frame[column].isin(catch_alls)
    if not other.any():
        return frame
    for stance in STANCES:
        if stance in frame:
            frame[stance] = frame[stance].astype("Int64").mask(other)
    if "net" in frame:
        frame["net"] = frame["net"].mask(other)
    if "leaning" in frame:
        frame["leaning"] = frame["leaning"].mask(other, "")
    return frame


def file_name(source: str) -> str:
    """The file name of a path (a URL stays whole)."""
    return source.replace("\\", "/").rsplit("/", 1)[-1] if "://" not in source else source


def given(text) -> bool:
    return isinstance(text, str) and text != ""


def article_name(title, path: str) -> str:
    """An article as people know it: its title, else its file name (or URL)."""
    return title if given(title) else file_name(path)


def iso(day) -> str | None:
    """'2024-05-01' for a date (or the text SQLite gives); None when missing."""
    if isinstance(day, date):
        return day.isoformat()
    return day if isinstance(day, str) and day else None


def issue_names(session: Session) -> pd.DataFrame:
    """issue_id -> slug, label, topic, kind (catalogue, user, discovered or other)."""
    rows = session.execute(select(Issue.id, Issue.slug, Issue.label, Issue.cap_topic, Issue.kind)).all()
    return pd.DataFrame(rows, columns=["issue_id", "issue", "label", "topic", "kind"]).fillna({"topic": ""})


def party_names(session: Session) -> dict[int, tuple[str, str]]:
    """party id -> (key, name)."""
    return {id_: (key, name) for id_, key, name in session.execute(select(Party.id, Party.key, Party.name))}
