"""Reports: SQL aggregations returning DataFrames.

Counting happens in the database (GROUP BY with SUM(CASE ...)); pandas only shapes the small results.
A party's net position on an issue is (for - against) / all its statements there: -1 to +1.
Dates are returned as ISO strings ("2024-05-01") so tables, CSV and JSON show them alike.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

import pandas as pd
from sqlalchemy import Integer, Select, String, and_, case, cast, distinct, func, literal, select
from sqlalchemy.orm import Session

from tracker.db.models import Article, Issue, Party, Politician, Statement
from tracker.paths import data_file

STATEMENT_COLUMNS = ["article", "speaker", "party", "role", "issue", "cap_topic", "stance", "kind", "evidence",
                     "date", "source", "confidence"]
STANCES = ("for", "against", "neutral")
COUNT_COLUMNS = [*STANCES, "statements"]
LEANING_THRESHOLD = 1 / 3  # a net position at least this far from 0 is a clear lean


@dataclass(frozen=True)
class Scope:
    """Which statements a report counts: all, unless narrowed to issues, parties, a CAP topic or dates."""

    issue_ids: tuple[int, ...] | None = None
    party_ids: tuple[int, ...] | None = None
    topic: str | None = None
    since: date | None = None
    until: date | None = None

    @property
    def dated(self) -> bool:
        return bool(self.since or self.until)


def statements_frame(session: Session, since: date | None = None, until: date | None = None) -> pd.DataFrame:
    """Every statement with the gold's columns (article = the source's file name), plus date, source, confidence.

    Ordered by article file name and position. Read as plain columns and joined in pandas: fast on millions.
    """
    scope = Scope(since=since, until=until)
    articles = fetch_frame(session, within_dates(select(Article.id.label("article_id"), Article.source, Article.url,
                                                  Article.published.label("date")), scope))
    frame = fetch_frame(session, narrow(select(
        Statement.id, Statement.article_id, Statement.start_char, Statement.speaker, Statement.party_id,
        Statement.role, Statement.issue_id, Statement.stance, Statement.kind, Statement.evidence,
        Statement.confidence), scope))
    articles = articles.sort_values("source", ignore_index=True).assign(order=lambda a: a.index)
    articles["article"] = articles["source"].map(_file_name)
    articles["source"] = articles["url"].where(articles["url"].fillna("") != "", articles["source"])
    articles["date"] = articles["date"].map(_iso)
    frame = frame.merge(articles, on="article_id").sort_values(["order", "start_char", "id"], ignore_index=True)
    frame["party"] = frame["party_id"].map({id_: name for id_, (_, name) in party_names(session).items()})
    issues = issue_names(session).set_index("issue_id")
    frame["issue"], frame["cap_topic"] = frame["issue_id"].map(issues["label"]), frame["issue_id"].map(issues["topic"])
    for column in ("speaker", "role", "cap_topic"):
        frame[column] = frame[column].fillna("")
    frame["confidence"] = frame["confidence"].astype(float).round(3)
    return frame[STATEMENT_COLUMNS]


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
    """Only articles published within the scope's dates."""
    query = query.where(Article.published >= scope.since) if scope.since else query
    return query.where(Article.published <= scope.until) if scope.until else query


def _file_name(source: str) -> str:
    """The file name of a path (a URL stays whole)."""
    return source.replace("\\", "/").rsplit("/", 1)[-1] if "://" not in source else source


def _given(text) -> bool:
    return isinstance(text, str) and text != ""


def _article_name(title, path: str) -> str:
    """An article as people know it: its title, else its file name (or URL)."""
    return title if _given(title) else _file_name(path)


def _iso(day) -> str | None:
    """'2024-05-01' for a date (or the text SQLite gives); None when missing."""
    if isinstance(day, date):
        return day.isoformat()
    return day if isinstance(day, str) and day else None


def narrow(query: Select, scope: Scope) -> Select:
    """Add the scope's conditions to a query over Statement.

    Dates are tested as `article_id IN (articles published then)`: the database then reads only those
    articles' statements, where a join would visit every statement.
    """
    if scope.issue_ids is not None:
        query = query.where(Statement.issue_id.in_(scope.issue_ids))
    if scope.party_ids is not None:
        query = query.where(Statement.party_id.in_(scope.party_ids))
    if scope.topic is not None:
        query = query.where(Statement.issue_id.in_(select(Issue.id).where(Issue.cap_topic == scope.topic)))
    if scope.dated:
        query = query.where(Statement.article_id.in_(within_dates(select(Article.id), scope)))
    return query


def stance_sums() -> list:
    """SUM(CASE WHEN stance = 'for' THEN 1 ELSE 0 END) AS for, ... and COUNT(*) AS statements."""
    sums = [func.sum(case((Statement.stance == stance, 1), else_=0)).label(stance) for stance in STANCES]
    return [*sums, func.count().label("statements")]


def with_net(frame: pd.DataFrame) -> pd.DataFrame:
    """Add `net` ((for - against) / statements) and `leaning` (for, against, split or neutral)."""
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].fillna(0).astype(int)
    frame["net"] = ((frame["for"] - frame["against"]) / frame["statements"].where(frame["statements"] > 0)).round(3)
    frame["leaning"] = [leaning(net, pro, con) for net, pro, con in zip(frame["net"], frame["for"], frame["against"])]
    return frame


def leaning(net: float, pro: int, con: int) -> str:
    """'for' or 'against' when the net position is clear, 'split' when both sides speak, else 'neutral'."""
    if pd.isna(net):
        return ""
    if net >= LEANING_THRESHOLD:
        return "for"
    if net <= -LEANING_THRESHOLD:
        return "against"
    return "split" if pro and con else "neutral"


def stance_table(session: Session, scope: Scope = Scope(), blocs: bool = False) -> pd.DataFrame:
    """Counts and net position per (party or bloc) and issue: columns who, issue_id, for..statements, net."""
    if blocs:
        return _bloc_table(session, scope)
    query = narrow(select(Statement.party_id, Statement.issue_id, *stance_sums()), scope)
    rows = session.execute(query.group_by(Statement.party_id, Statement.issue_id)).all()
    return with_net(pd.DataFrame(rows, columns=["who", "issue_id", *COUNT_COLUMNS]))


def _bloc_table(session: Session, scope: Scope) -> pd.DataFrame:
    """stance_table by bloc. Parties in the same bloc on every date of the scope are counted without
    reading the articles' dates; only parties that changed bloc then need them."""
    fixed, changing = _bloc_parties(session, scope)
    frames = []
    if fixed:
        query = narrow(select(Statement.party_id, Statement.issue_id, *stance_sums())
                       .where(Statement.party_id.in_(fixed)), scope)
        frame = pd.DataFrame(session.execute(query.group_by(Statement.party_id, Statement.issue_id)).all(),
                             columns=["who", "issue_id", *COUNT_COLUMNS])
        frames.append(frame.assign(who=frame["who"].map(fixed)))
    if changing:
        who = bloc_case(session, changing)
        query = narrow(select(who, Statement.issue_id, *stance_sums()).join(Article, Statement.article_id == Article.id)
                       .where(Statement.party_id.in_(changing)), scope).group_by(who, Statement.issue_id)
        frames.append(pd.DataFrame(session.execute(query).all(), columns=["who", "issue_id", *COUNT_COLUMNS]))
    frame = pd.concat(frames) if frames else pd.DataFrame(columns=["who", "issue_id", *COUNT_COLUMNS])
    frame = frame[frame["who"].notna()].groupby(["who", "issue_id"], as_index=False)[COUNT_COLUMNS].sum()
    return with_net(frame)


def issues_frame(session: Session, scope: Scope = Scope(), dates: bool = False) -> pd.DataFrame:
    """Issues (most discussed first) with stance counts, net position and how many parties spoke.

    dates: add each issue's first and last article date (this reads every statement's article: slower).
    """
    parties = func.count(distinct(Statement.party_id)).label("parties")
    counts = narrow(select(Statement.issue_id, *stance_sums(), parties), scope).group_by(Statement.issue_id).subquery()
    query = (select(Issue.id, Issue.slug, Issue.label, Issue.cap_topic, *(counts.c[c] for c in COUNT_COLUMNS),
                    counts.c.parties).outerjoin(counts, counts.c.issue_id == Issue.id))
    if scope.topic is not None:
        query = query.where(Issue.cap_topic == scope.topic)
    if scope.issue_ids is not None:
        query = query.where(Issue.id.in_(scope.issue_ids))
    if scope.dated or scope.party_ids is not None:
        query = query.where(counts.c.statements.is_not(None))
    frame = pd.DataFrame(session.execute(query).all(), columns=[
        "issue_id", "issue", "label", "topic", *COUNT_COLUMNS, "parties"])
    frame = with_net(frame).drop(columns="leaning")
    frame["parties"] = frame["parties"].fillna(0).astype(int)
    frame["topic"] = frame["topic"].fillna("")
    if dates:
        frame = frame.merge(_issue_dates(session, scope), on="issue_id", how="left")
    frame = frame.sort_values(["statements", "issue"], ascending=[False, True], ignore_index=True)
    return frame.drop(columns="issue_id")


def _issue_dates(session: Session, scope: Scope) -> pd.DataFrame:
    query = narrow(select(Statement.issue_id, func.min(Article.published), func.max(Article.published))
                   .join(Article, Statement.article_id == Article.id), scope).group_by(Statement.issue_id)
    frame = pd.DataFrame(session.execute(query).all(), columns=["issue_id", "first", "last"])
    frame["first"], frame["last"] = frame["first"].map(_iso), frame["last"].map(_iso)
    return frame


def issue_names(session: Session) -> pd.DataFrame:
    """issue_id -> slug, label, topic."""
    rows = session.execute(select(Issue.id, Issue.slug, Issue.label, Issue.cap_topic)).all()
    return pd.DataFrame(rows, columns=["issue_id", "issue", "label", "topic"]).fillna({"topic": ""})


def party_names(session: Session) -> dict[int, tuple[str, str]]:
    """party id -> (key, name)."""
    return {id_: (key, name) for id_, key, name in session.execute(select(Party.id, Party.key, Party.name))}


def positions_frame(session: Session, party_id: int, scope: Scope = Scope(),
                    quotes: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One party's positions issue by issue (most discussed first) and its `quotes` latest quotes per issue."""
    party_scope = Scope(scope.issue_ids, (party_id,), scope.topic, scope.since, scope.until)
    table = stance_table(session, party_scope).drop(columns="who").merge(issue_names(session), on="issue_id")
    latest = latest_quotes(session, party_scope, per_issue=max(quotes, 1))
    last = latest.drop_duplicates("issue")[["issue", "date"]].rename(columns={"date": "last"})
    table = table.merge(last, on="issue", how="left")
    columns = ["issue", "label", "topic", *COUNT_COLUMNS, "net", "leaning", "last"]
    table = table[columns].sort_values(["statements", "issue"], ascending=[False, True], ignore_index=True)
    return table, latest.groupby("issue", sort=False).head(quotes)


QUOTE_FIELDS = (Issue.slug, Party.name, func.coalesce(Politician.full_name, Statement.speaker), Article.published,
                Statement.stance, Statement.kind, Statement.evidence, Article.title, Article.source, Article.url)


def _quote_query(*conditions) -> Select:
    """Statements with who said them, when and in which article."""
    return (select(*QUOTE_FIELDS).select_from(Statement).join(Article, Statement.article_id == Article.id)
            .join(Issue, Statement.issue_id == Issue.id).join(Party, Statement.party_id == Party.id)
            .outerjoin(Politician, Statement.politician_id == Politician.id).where(*conditions))


def _quote_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (who, issue_id, *QUOTE_FIELDS) as a frame with readable article names and sources."""
    frame = pd.DataFrame(rows, columns=["who", "issue_id", "issue", "party", "politician", "date", "stance", "kind",
                                        "quote", "title", "path", "url"], dtype=object)
    frame["date"] = frame["date"].map(_iso)
    frame["politician"] = frame["politician"].fillna("")
    frame["article"] = [_article_name(title, path) if path else ""
                        for title, path in zip(frame["title"], frame["path"])]
    frame["source"] = [url if _given(url) else (path or "") for url, path in zip(frame["url"], frame["path"])]
    return frame.drop(columns=["title", "path", "url"])


def latest_quotes(session: Session, scope: Scope = Scope(), per_issue: int = 3) -> pd.DataFrame:
    """The newest statements on each issue (within the scope), newest first."""
    order = [Article.published.desc().nulls_last(), Statement.id.desc()]
    rank = func.row_number().over(partition_by=Statement.issue_id, order_by=order).label("rank")
    ranked = narrow(select(Statement.id, rank).join(Article, Statement.article_id == Article.id), scope).subquery()
    query = (_quote_query(ranked.c.rank <= per_issue).add_columns(Statement.party_id, Statement.issue_id)
             .join(ranked, ranked.c.id == Statement.id).order_by(Statement.issue_id, ranked.c.rank))
    rows = [(party_id, issue_id, *fields) for *fields, party_id, issue_id in session.execute(query)]
    return _quote_frame(rows).drop(columns="who")


def representative_quotes(session: Session, scope: Scope, table: pd.DataFrame, blocs: bool = False) -> pd.DataFrame:
    """One quote per (party or bloc, issue) row of `table`: of its prevailing stance, direct quotes and
    the most confident first. Each pick reads only the index (by bloc: also dates of parties that moved)."""
    fixed, changing = _bloc_parties(session, scope) if blocs else ({}, [])
    moved = bloc_case(session, changing) if changing else None
    picks = []
    for row in table.to_dict("records"):
        where = [Statement.issue_id == row["issue_id"], Statement.stance == _prevailing(row)]
        if not blocs:
            picks.append(_best(session, scope, [*where, Statement.party_id == row["who"]]))
            continue
        members = [party for party, bloc in fixed.items() if bloc == row["who"]]
        candidates = [_best(session, scope, [*where, Statement.party_id.in_(members)])]
        if moved is not None:
            candidates.append(_best(session, scope, [*where, Statement.party_id.in_(changing), moved == row["who"]],
                                    dated=True))
        picks.append(max(candidates, key=lambda pick: pick or (False, -1.0, 0)))
    found = {pick[2] for pick in picks if pick}
    details = {}
    if found:
        query = _quote_query(Statement.id.in_(found)).add_columns(Statement.id)
        details = {row[-1]: tuple(row[:-1]) for row in session.execute(query)}
    rows = [(row["who"], row["issue_id"], *details.get(pick[2] if pick else None, (None,) * len(QUOTE_FIELDS)))
            for row, pick in zip(table.to_dict("records"), picks)]
    return _quote_frame(rows)


def _best(session: Session, scope: Scope, where: list, dated: bool = False) -> tuple | None:
    """(is a direct quote, confidence, id) of the best statement meeting `where`, or None."""
    direct = (Statement.kind == "direct_quote")
    query = narrow(select(direct, Statement.confidence, Statement.id).where(*where), scope)
    if dated:
        query = query.join(Article, Statement.article_id == Article.id)
    row = session.execute(query.order_by(direct.desc(), Statement.confidence.desc(), Statement.id.desc())
                          .limit(1)).first()
    return (bool(row[0]), row[1], row[2]) if row else None


def _prevailing(row: dict) -> str:
    """The stance a row's quote should show: its leaning, else its most frequent stance."""
    if row["leaning"] in ("for", "against"):
        return row["leaning"]
    return max(STANCES, key=lambda stance: row[stance])


def compare_frame(session: Session, issue_id: int, scope: Scope = Scope(), blocs: bool = False) -> pd.DataFrame:
    """The parties (or blocs) side by side on one issue, most in favour first, with one quote each."""
    one = Scope((issue_id,), scope.party_ids, None, scope.since, scope.until)
    return compare_table(session, one, blocs).drop(columns="issue_id")


def compare_table(session: Session, scope: Scope = Scope(), blocs: bool = False) -> pd.DataFrame:
    """compare_frame for every issue in the scope at once (column issue_id), each issue's rows together."""
    table = stance_table(session, scope, blocs)
    quotes = representative_quotes(session, scope, table, blocs).drop(columns=["stance", "party", "issue"])
    table = table.merge(quotes, on=["who", "issue_id"], how="left")
    names = party_names(session)
    name = "bloc" if blocs else "party"
    table[name] = table["who"] if blocs else table["who"].map(lambda id_: names[id_][1])
    table = table.sort_values(["issue_id", "net", "statements", name], ascending=[True, False, False, True],
                              ignore_index=True)
    table["disagrees_with"] = ""
    for _, rows in table.groupby("issue_id"):
        table.loc[rows.index, "disagrees_with"] = disagreements(rows[name], rows["leaning"])
    columns = ["issue_id", name, *COUNT_COLUMNS, "net", "leaning", "disagrees_with", "quote", "politician", "date",
               "article", "source"]
    return table[columns].fillna({"quote": "", "politician": "", "article": "", "source": ""})


def disagreements(names: pd.Series, leanings: pd.Series) -> list[str]:
    """For each row, the names leaning the other way ('' when none)."""
    sides = {side: [n for n, lean in zip(names, leanings) if lean == side] for side in ("for", "against")}
    other = {"for": sides["against"], "against": sides["for"]}
    return [", ".join(other.get(lean, [])) for lean in leanings]


def matrix_frame(session: Session, scope: Scope = Scope(), blocs: bool = False,
                 min_statements: int = 1) -> pd.DataFrame:
    """Issues x parties (or blocs) of net positions, the issues where the parties differ most first.

    spread = the highest minus the lowest net position among the parties with at least `min_statements`
    statements on the issue; disagree = some of them lean for and others against.
    """
    table = stance_table(session, scope, blocs)
    totals = table.groupby("issue_id")["statements"].sum().rename("statements")
    table = table[table["statements"] >= min_statements].copy()
    names = party_names(session)
    table["who"] = table["who"] if blocs else table["who"].map(lambda id_: names[id_][0])
    wide = table.pivot(index="issue_id", columns="who", values="net")
    wide = wide[_column_order(list(wide.columns), table, blocs)]
    stats = table.groupby("issue_id").agg(parties=("who", "count"), spread=("net", _spread),
                                          disagree=("leaning", lambda s: {"for", "against"} <= set(s)))
    frame = (issue_names(session).set_index("issue_id")[["issue", "label"]].join(totals, how="inner")
             .join(stats, how="inner").join(wide, how="inner"))
    frame = frame.sort_values(["spread", "statements", "issue"], ascending=[False, False, True], na_position="last")
    return frame.reset_index(drop=True).rename_axis(columns=None)


def _spread(nets: pd.Series) -> float:
    return round(nets.max() - nets.min(), 3) if len(nets) > 1 else float("nan")


def _column_order(columns: list[str], table: pd.DataFrame, blocs: bool) -> list[str]:
    """Parties in the order of data/blocs.csv (left to right), then the others by statements; blocs likewise."""
    listed = list(dict.fromkeys(p.bloc if blocs else p.party for p in bloc_periods()))
    volume = table.groupby("who")["statements"].sum()
    rest = sorted((c for c in columns if c not in listed), key=lambda c: (-volume.get(c, 0), c))
    return [c for c in listed if c in columns] + rest


PERIODS = ("month", "quarter", "year")


def period_of(session: Session, by: str):
    """SQL for the period an article's date falls in: '2024-05', '2024-Q2' or '2024'."""
    day = Article.published
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(day, {"month": "YYYY-MM", "quarter": 'YYYY-"Q"Q', "year": "YYYY"}[by])
    if by == "quarter":
        quarter = (cast(func.strftime("%m", day), Integer) + 2) // 3
        return func.strftime("%Y", day, type_=String) + "-Q" + cast(quarter, String)
    return func.strftime("%Y-%m" if by == "month" else "%Y", day, type_=String)


def timeline_frame(session: Session, issue_id: int, scope: Scope = Scope(), by: str = "quarter",
                   blocs: bool = False) -> pd.DataFrame:
    """Counts and net position per period and party (or bloc) on one issue; undated articles are left out."""
    one = Scope((issue_id,), scope.party_ids, None, scope.since, scope.until)
    return timeline_table(session, one, by, blocs).drop(columns="issue_id")


def timeline_table(session: Session, scope: Scope = Scope(), by: str = "quarter", blocs: bool = False) -> pd.DataFrame:
    """timeline_frame for every issue in the scope at once (column issue_id)."""
    who = bloc_case(session) if blocs else Statement.party_id
    period = period_of(session, by)
    query = narrow(select(Statement.issue_id, period, who, *stance_sums())
                   .join(Article, Statement.article_id == Article.id).where(Article.published.is_not(None)), scope)
    rows = session.execute(query.group_by(Statement.issue_id, period, who)).all()
    frame = pd.DataFrame(rows, columns=["issue_id", "period", "who", *COUNT_COLUMNS])
    frame = with_net(frame[frame["who"].notna()].reset_index(drop=True))
    names = party_names(session)
    name = "bloc" if blocs else "party"
    frame.insert(2, name, frame["who"] if blocs else frame["who"].map(lambda id_: names[id_][1]))
    return frame.drop(columns="who").sort_values(["issue_id", "period", name], ignore_index=True)


def timeline_wide(frame: pd.DataFrame) -> pd.DataFrame:
    """A timeline as periods x parties of 'net (statements)' text, for people."""
    name = "bloc" if "bloc" in frame.columns else "party"
    cells = frame.assign(cell=[f"{net:+.2f} ({n})" for net, n in zip(frame["net"], frame["statements"])])
    wide = cells.pivot(index="period", columns=name, values="cell").fillna("")
    return wide.reset_index().rename_axis(columns=None)


def politician_frame(session: Session, politician_ids: list[int], scope: Scope = Scope(),
                     party_at: Callable[[str, date | None], str | None] | None = None) -> pd.DataFrame:
    """A politician's statements over time, with the party at each date and a note where it changes.

    party_at(politician key, day) gives the party's name from the registry; without it, or when it
    answers None, the party recorded with the statement is shown.
    """
    query = narrow(select(Article.published, Politician.key, Party.name, Issue.slug, Issue.label, Statement.stance,
                          Statement.kind, Statement.evidence, Article.title, Article.source, Article.url)
                   .join(Article, Statement.article_id == Article.id).join(Issue, Statement.issue_id == Issue.id)
                   .join(Party, Statement.party_id == Party.id)
                   .join(Politician, Statement.politician_id == Politician.id)
                   .where(Statement.politician_id.in_(politician_ids)), scope)
    rows = session.execute(query.order_by(Article.published.asc().nulls_first(), Statement.id)).all()
    records, previous = [], None
    for day, key, stated, slug, label, stance, kind, evidence, title, path, url in rows:
        party = (party_at(key, day) if party_at else None) or stated
        switch = f"{previous} → {party}" if previous and party != previous else ""
        records.append((_iso(day), party, switch, slug, label, stance, kind, evidence, _article_name(title, path),
                        url if _given(url) else path))
        previous = party
    return pd.DataFrame(records, columns=["date", "party", "party_switch", "issue", "label", "stance", "kind",
                                          "quote", "article", "source"])


def articles_frame(session: Session, scope: Scope = Scope()) -> pd.DataFrame:
    """Articles with how many statements each gave (within the scope's dates)."""
    counts = select(Statement.article_id, func.count().label("n")).group_by(Statement.article_id).subquery()
    query = (select(Article.id, Article.published, Article.outlet, Article.title, Article.source, Article.url,
                    func.coalesce(counts.c.n, 0), Article.pipeline_version, Article.ingested_at)
             .outerjoin(counts, counts.c.article_id == Article.id).order_by(Article.published, Article.id))
    frame = pd.DataFrame(session.execute(within_dates(query, scope)).all(), columns=[
        "id", "date", "outlet", "title", "source", "url", "statements", "pipeline_version", "ingested_at"])
    frame["date"] = frame["date"].map(_iso)
    return frame


@dataclass(frozen=True)
class BlocPeriod:
    """A party's membership of a bloc (red, blue, centre) from `start` to `end` (None: open)."""

    bloc: str
    party: str
    start: date | None
    end: date | None


@lru_cache(maxsize=1)
def bloc_periods() -> tuple[BlocPeriod, ...]:
    """The dated bloc memberships of data/blocs.csv, in file order (left to right)."""
    with data_file("blocs.csv").open(encoding="utf-8") as handle:
        return tuple(BlocPeriod(row["bloc"], row["party"], _day(row["from"]), _day(row["to"]))
                     for row in csv.DictReader(handle))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def bloc_case(session: Session, party_ids: list[int] | None = None):
    """SQL naming the bloc of a statement's party on its article's date (undated: today); NULL when none.

    Needs Article joined. The first matching row of data/blocs.csv wins.
    """
    ids = {key: id_ for id_, key in session.execute(select(Party.id, Party.key))}
    day = func.coalesce(Article.published, date.today())
    whens = []
    for period in bloc_periods():
        if period.party not in ids or (party_ids is not None and ids[period.party] not in party_ids):
            continue
        conditions = [Statement.party_id == ids[period.party]]
        conditions += [day >= period.start] if period.start else []
        conditions += [day <= period.end] if period.end else []
        whens.append((and_(*conditions), period.bloc))
    return case(*whens, else_=literal(None, String)) if whens else literal(None, String)


def bloc_on(party: str, day: date) -> str | None:
    """The bloc of a party (key) on a day, by the first matching row of data/blocs.csv."""
    for period in bloc_periods():
        if period.party == party and (period.start is None or period.start <= day) and \
                (period.end is None or day <= period.end):
            return period.bloc
    return None


def _bloc_parties(session: Session, scope: Scope) -> tuple[dict[int, str], list[int]]:
    """({party id: bloc} for parties in one bloc throughout the scope's dates, [ids of parties that changed])."""
    first, last, undated = session.execute(within_dates(select(
        func.min(Article.published), func.max(Article.published),
        func.count() - func.count(Article.published)), scope)).one()
    days = [d for d in (first, last, date.today() if undated else None) if d]
    if not days:
        return {}, []
    start, end = min(days), max(days)
    ids = {key: id_ for id_, key in session.execute(select(Party.id, Party.key))}
    fixed, changing = {}, []
    for key in dict.fromkeys(p.party for p in bloc_periods()):
        turns = [p.start for p in bloc_periods() if p.party == key and p.start and start < p.start <= end]
        turns += [p.end + timedelta(days=1) for p in bloc_periods() if p.party == key and p.end and p.end < end
                  and start <= p.end]
        blocs = {bloc_on(key, day) for day in [start, *turns]}
        if key not in ids or blocs == {None}:
            continue
        if len(blocs) == 1:
            fixed[ids[key]] = blocs.pop()
        else:
            changing.append(ids[key])
    return fixed, changing
