"""How positions moved over time: counts and net positions per period (month, quarter, year), from the
monthly tallies (reports.counts)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from sqlalchemy.orm import Session

from tracker.reports.counts import bloc_count_frame, count_frame
from tracker.reports.scope import COUNT_COLUMNS, Scope, catch_all_ids, party_names, without_stance
from tracker.reports.stances import with_net


PERIODS = ("month", "quarter", "year")


def period_of(month: int, by: str) -> str:
    """The period of a month (YYYYMM): '2024-05', '2024-Q2' or '2024'."""
    year, number = divmod(int(month), 100)
    if by == "month":
        return f"{year:04d}-{number:02d}"
    return f"{year:04d}-Q{(number + 2) // 3}" if by == "quarter" else f"{year:04d}"


def timeline_frame(session: Session, issue_id: int, scope: Scope = Scope(), by: str = "quarter",
                   blocs: bool = False) -> pd.DataFrame:
    """Counts and net position per period and party (or bloc) on one issue; undated articles are left out."""
    return timeline_table(session, scope.one_issue(issue_id), by, blocs).drop(columns="issue_id")


def timeline_table(session: Session, scope: Scope = Scope(), by: str = "quarter", blocs: bool = False) -> pd.DataFrame:
    """timeline_frame for every issue in the scope at once (column issue_id); from the monthly tallies."""
    if blocs:
        frame = bloc_count_frame(session, scope, ("issue_id", "month"))
    else:
        frame = count_frame(session, scope, ("party_id", "issue_id", "month")).rename(columns={"party_id": "who"})
    frame = frame[frame["month"] > 0]
    frame = frame.assign(period=[period_of(month, by) for month in frame["month"]])
    frame = frame.groupby(["issue_id", "period", "who"], as_index=False)[list(COUNT_COLUMNS)].sum()
    frame = without_stance(with_net(frame.reset_index(drop=True)), catch_all_ids(session))
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
