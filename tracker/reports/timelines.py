"""How positions moved over time: counts and net positions per period (month, quarter, year)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Integer, String, cast, func, select
from sqlalchemy.orm import Session

from tracker.db.models import Article, Statement
from tracker.reports.blocs import bloc_case
from tracker.reports.scope import COUNT_COLUMNS, Scope, catch_all_ids, narrow, party_names, without_stance
from tracker.reports.stances import stance_sums, with_net


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
    frame = without_stance(with_net(frame[frame["who"].notna()].reset_index(drop=True)), catch_all_ids(session))
    names = party_names(session)
    name = "bloc" if blocs else "party"
    frame.insert(2, name, frame["who"] if blocs else frame["who"].map(lambda id_: names[id_][1]))
    return frame.drop(columns="who").sort_values(["issue_id", "period", name], ignore_index=True)


def timeline_wide(frame: pd.DataFrame) -> pd.DataFrame:
    """A timeline as periods x parties of 'net (statements)' text, for people."""
    name = "bloc" if "bloc" in frame.columns else "party"
    cells = frame.assign(cell=[f"({n})" if pd.isna(net) else f"{net:+.2f} ({n})"
                               for net, n in zip(frame["net"], frame["statements"])])
    wide = cells.pivot(index="period", columns=name, values="cell").fillna("")
    return wide.reset_index().rename_axis(columns=None)
