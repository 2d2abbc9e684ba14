"""Stance counts and net positions per party (or bloc) and issue; compare and the party x issue matrix.

The counts come from the tallies (reports.counts, tracker.tallies); pandas only shapes the small results.
A party's net position on an issue is (for - against) / all its statements there: -1 to +1.
Rows on catch-all issues carry only their number of statements (scope.without_stance), and the matrix,
which ranks the issues by disagreement, leaves catch-alls out.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from sqlalchemy import case, func
from sqlalchemy.orm import Session

from tracker.db.models import Statement
from tracker.reports.blocs import bloc_periods
from tracker.reports.counts import bloc_count_frame, count_frame
from tracker.reports.quotes import representative_quotes
from tracker.reports.scope import (COUNT_COLUMNS, LEANING_THRESHOLD, STANCES, Scope, catch_all_ids, issue_names,
                                   party_names, without_stance)


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
    """Counts and net position per (party or bloc) and issue: columns who, issue_id, for..statements, net.
    Read from the tallies (reports.counts)."""
    if blocs:
        frame = bloc_count_frame(session, scope, ("issue_id",))
    else:
        frame = count_frame(session, scope, ("party_id", "issue_id")).rename(columns={"party_id": "who"})
    table = with_net(frame[["who", "issue_id", *COUNT_COLUMNS]].reset_index(drop=True))
    return without_stance(table, catch_all_ids(session))


def compare_frame(session: Session, issue_id: int, scope: Scope = Scope(), blocs: bool = False) -> pd.DataFrame:
    """The parties (or blocs) side by side on one issue, most in favour first, with one quote each."""
    one = scope.one_issue(issue_id)
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
               "article", "also_in", "source"]
    return table[columns].fillna({"quote": "", "politician": "", "article": "", "also_in": "", "source": ""})


def disagreements(names: pd.Series, leanings: pd.Series) -> list[str]:
    """For each row, the names leaning the other way ('' when none)."""
    sides = {side: [n for n, lean in zip(names, leanings) if lean == side] for side in ("for", "against")}
    other = {"for": sides["against"], "against": sides["for"]}
    return [", ".join(other.get(lean, [])) for lean in leanings]


def matrix_frame(session: Session, scope: Scope = Scope(), blocs: bool = False,
                 min_statements: int = 1) -> pd.DataFrame:
    """Issues x parties (or blocs) of net positions, the issues where the parties differ most first.

    spread = the highest minus the lowest net position among the parties with at least `min_statements`
    statements on the issue; disagree = some of them lean for and others against. Catch-all issues are no
    questions and are left out; `kind` marks discovered issues.
    """
    table = stance_table(session, replace(scope, catch_alls=False), blocs)
    totals = table.groupby("issue_id")["statements"].sum().rename("statements")
    table = table[table["statements"] >= min_statements].copy()
    names = party_names(session)
    table["who"] = table["who"] if blocs else table["who"].map(lambda id_: names[id_][0])
    wide = table.pivot(index="issue_id", columns="who", values="net")
    wide = wide[_column_order(list(wide.columns), table, blocs)]
    stats = _issue_stats(table)
    frame = (issue_names(session).set_index("issue_id")[["issue", "label", "kind"]].join(totals, how="inner")
             .join(stats, how="inner").join(wide, how="inner"))
    frame = frame.sort_values(["spread", "statements", "issue"], ascending=[False, False, True], na_position="last")
    return frame.reset_index(drop=True).rename_axis(columns=None)


def _issue_stats(table: pd.DataFrame) -> pd.DataFrame:
    """Per issue: parties (rows), spread (highest minus lowest net; NaN for one party) and disagree (some
    lean for and others against), with whole-column operations (no Python per issue)."""
    groups = table.assign(pro=table["leaning"] == "for", con=table["leaning"] == "against").groupby("issue_id")
    stats = groups.agg(parties=("who", "count"), high=("net", "max"), low=("net", "min"), pro=("pro", "any"),
                       con=("con", "any"))
    spread = (stats["high"] - stats["low"]).round(3).where(stats["parties"] > 1)
    return pd.DataFrame({"parties": stats["parties"], "spread": spread, "disagree": stats["pro"] & stats["con"]})


def _column_order(columns: list[str], table: pd.DataFrame, blocs: bool) -> list[str]:
    """Parties in the order of data/blocs.csv (left to right), then the others by statements; blocs likewise."""
    listed = list(dict.fromkeys(p.bloc if blocs else p.party for p in bloc_periods()))
    volume = table.groupby("who")["statements"].sum()
    rest = sorted((c for c in columns if c not in listed), key=lambda c: (-volume.get(c, 0), c))
    return [c for c in listed if c in columns] + rest
