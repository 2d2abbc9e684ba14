"""Stance counts read from the tallies (tracker.tallies), not from the statements: a report without dates
reads `tallies` (a row per party, issue and counted), one with dates the months wholly inside its dates
from `tallies_by_month` and the days of a month it covers in part from the statements (through an index on
their date). Which statements count is `scope.narrow`'s, as everywhere; a scope the tallies cannot answer
(an outlet, rejected statements too: `Scope.tallied`) is counted from the statements.

    frame = count_frame(session, scope, by=("party_id", "issue_id"))   # or with "month"
    # columns: *by, for, against, neutral, statements, first, last
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Select, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from tracker.db.models import MonthTally, Statement, Tally
from tracker.reports.scope import STANCES, Scope, narrow
from tracker.tallies import COUNTS

MONTHS, TOTALS, STATEMENTS = MonthTally.__table__, Tally.__table__, Statement.__table__


def count_frame(session: Session, scope: Scope = Scope(), by: tuple[str, ...] = ("party_id", "issue_id"),
                undated: bool = False) -> pd.DataFrame:
    """Counts per `by` (of party_id, issue_id, month) within the scope; `undated`: of undated articles only."""
    parts = _part_queries(session, scope, by, undated)
    if len(parts) == 1:
        query = parts[0]
    else:
        both = union_all(*parts).subquery()
        query = select(*(both.c[key] for key in by), *(func.sum(both.c[c]) for c in COUNTS),
                       func.min(both.c.first_day), func.max(both.c.last_day)).group_by(*(both.c[key] for key in by))
    rows = [tuple(row) for row in session.connection().execute(query)]  # Core rows, plain tuples: fast
    frame = pd.DataFrame(rows, columns=[*by, *STANCES, "first", "last"])
    for stance in STANCES:
        frame[stance] = frame[stance].fillna(0).astype(int)
    frame.insert(len(by) + 3, "statements", frame[list(STANCES)].sum(axis=1))
    return frame[frame["statements"] > 0].reset_index(drop=True)


def _part_queries(session: Session, scope: Scope, by: tuple[str, ...], undated: bool = False) -> list[Select]:
    """The SELECTs whose rows together are count_frame's (columns *by, n_for, n_against, n_neutral,
    first_day, last_day)."""
    if not scope.tallied:  # an outlet, or rejected statements too: counted from the statements
        query = _statement_query(scope, by)
        return [query.where(STATEMENTS.c.month == 0) if undated else query]
    return [_tally_query(MONTHS, scope, by).where(MONTHS.c.month == 0)] if undated else _parts(session, scope, by)


def _parts(session: Session, scope: Scope, by: tuple[str, ...]) -> list[Select]:
    """The SELECTs whose rows together are the scope's counts: tallies, whole months, the days of part-months."""
    if not scope.dated:
        table = MONTHS if "month" in by else TOTALS
        return [_tally_query(table, scope, by)]
    first, last, days = month_span(scope.since, scope.until)
    parts = []
    if first is not None and first <= last:
        parts.append(_tally_query(MONTHS, scope, by).where(MONTHS.c.month.between(first, last)))
    for since, until in days:
        query = _within_months(_statement_query(replace(scope, since=since, until=until), by), since, until)
        parts.append(_by_cells(query, scope, since, until) if session.get_bind().dialect.name == "sqlite" else query)
    return parts or [_statement_query(scope, by)]


def _within_months(query: Select, since: date, until: date) -> Select:
    """The same rows, also named by their month (statements.month, true of every statement between the
    two days), so the database reads them through an index that starts with the month or holds it after
    the party and issue: a few days' statements, not all of an issue's or a party's."""
    first, last = _month(since), _month(until)
    month = STATEMENTS.c.month
    return query.where(month == first) if first == last else query.where(month.between(first, last))


def _by_cells(query: Select, scope: Scope, since: date, until: date) -> Select:
    """On SQLite, without issues in the scope: the same rows, also named by the issues the tallies hold for
    their months (and parties; every kept statement of a month is in a tally cell, so none is left out).
    SQLite (no planner statistics) would read all of a party's statements in its index; so it looks each
    (party, issue, month) up. PostgreSQL's planner finds the month's entries without it."""
    if scope.issue_ids is not None:
        return query
    cells = select(MONTHS.c.issue_id).where(MONTHS.c.month.between(_month(since), _month(until)))
    if scope.party_ids is not None:
        cells = cells.where(MONTHS.c.party_id.in_(scope.party_ids))
    return query.where(STATEMENTS.c.issue_id.in_(cells))


def _tally_query(table, scope: Scope, by: tuple[str, ...]) -> Select:
    query = select(*(table.c[key] for key in by), *(func.sum(table.c[c]).label(c) for c in COUNTS),
                   func.min(table.c.first_day).label("first_day"), func.max(table.c.last_day).label("last_day"))
    return narrow(query, scope, table).group_by(*(table.c[key] for key in by))


def _statement_query(scope: Scope, by: tuple[str, ...]) -> Select:
    sums = [func.sum(case((STATEMENTS.c.stance == stance, 1), else_=0)).label(name)
            for stance, name in zip(STANCES, COUNTS)]
    query = select(*(STATEMENTS.c[key] for key in by), *sums, func.min(STATEMENTS.c.published).label("first_day"),
                   func.max(STATEMENTS.c.published).label("last_day"))
    return narrow(query, scope).group_by(*(STATEMENTS.c[key] for key in by))


def month_span(since: date | None, until: date | None) -> tuple[int | None, int | None, list[tuple]]:
    """(first whole month, last whole month, [(since, until) of the days outside them]) as YYYYMM; months
    from 1 (no lower limit) to 999912 (no upper limit)."""
    start, end = since or date(1, 1, 1), until or date(9999, 12, 31)
    if start > end:
        return None, None, [(start, end)]
    first = _month(start) if start.day == 1 else _next(_month(start))
    last = _month(end) if end.day == calendar.monthrange(end.year, end.month)[1] else _previous(_month(end))
    if first > last:
        return None, None, [(start, end)]
    days = []
    if start.day != 1:
        days.append((start, _first_day(first) - timedelta(days=1)))
    if _month(end) != last:
        days.append((_first_day(_next(last)), end))
    return first, last, days


def _month(day: date) -> int:
    return day.year * 100 + day.month


def _next(month: int) -> int:
    return month + 89 if month % 100 == 12 else month + 1


def _previous(month: int) -> int:
    return month - 89 if month % 100 == 1 else month - 1


def _first_day(month: int) -> date:
    return date(month // 100, month % 100, 1)


def bloc_count_frame(session: Session, scope: Scope = Scope(), by: tuple[str, ...] = ("issue_id",)) -> pd.DataFrame:
    """count_frame by bloc (column who) and `by`, without first/last: a party counts for the bloc it was in on each statement's
    date (data/blocs.csv; undated: today's). Parties in one bloc throughout the scope's dates are counted in
    one go; a party that changed bloc, once for each stretch of days it spent in one."""
    from tracker.reports.blocs import bloc_parties

    fixed, changing = bloc_parties(session, scope)
    frames = []
    wanted = [party for party in fixed if scope.party_ids is None or party in scope.party_ids]
    if wanted:
        frame = count_frame(session, replace(scope, party_ids=tuple(wanted)), ("party_id", *by))
        frames.append(frame.assign(who=frame["party_id"].map(fixed)))
    moved = [part for party in changing if scope.party_ids is None or party in scope.party_ids
             for part in _moved_party(session, scope, party, by)]
    if moved:
        frames.append(_labelled_counts(session, moved, by))
    columns = ["who", *by, *STANCES, "statements"]
    if not frames:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(frames, ignore_index=True)
    return frame[frame["who"].notna()].groupby(["who", *by], as_index=False)[[*STANCES, "statements"]].sum()[columns]


def _moved_party(session: Session, scope: Scope, party: int, by: tuple[str, ...]) -> list[tuple[str, Select]]:
    """(bloc, SELECT of count_frame's columns) for each stretch of days the party spent in a bloc."""
    from tracker.db.models import Party
    from tracker.reports.blocs import bloc_on

    key = session.scalar(select(Party.key).where(Party.id == party))
    parts = []
    for start, end, bloc in bloc_stretches(key):
        since = max(filter(None, [start, scope.since]), default=None)
        until = min(filter(None, [end, scope.until]), default=None)
        if bloc is None or (since and until and since > until):
            continue
        stretch = replace(scope, party_ids=(party,), since=since or date(1, 1, 1), until=until or date(9999, 12, 31))
        parts += [(bloc, query) for query in _part_queries(session, stretch, by)]
    today = bloc_on(key, date.today())
    if not scope.dated and today is not None:  # undated statements: the bloc of today
        parts += [(today, query) for query in _part_queries(session, replace(scope, party_ids=(party,)), by,
                                                            undated=True)]
    return parts


def _labelled_counts(session: Session, parts: list[tuple[str, Select]], by: tuple[str, ...]) -> pd.DataFrame:
    """Counts per bloc (who) and `by` of (bloc, SELECT) parts, in one query: columns who, *by, stances,
    statements."""
    both = union_all(*(query.add_columns(literal(bloc).label("who")) for bloc, query in parts)).subquery()
    keys = [both.c.who, *(both.c[key] for key in by)]
    query = select(*keys, *(func.sum(both.c[c]) for c in COUNTS)).group_by(*keys)
    frame = pd.DataFrame([tuple(row) for row in session.connection().execute(query)],
                         columns=["who", *by, *STANCES])
    for stance in STANCES:
        frame[stance] = frame[stance].fillna(0).astype(int)
    frame = frame.assign(statements=frame[list(STANCES)].sum(axis=1))
    return frame[frame["statements"] > 0]


def bloc_stretches(key: str) -> list[tuple[date | None, date | None, str | None]]:
    """(first day, last day, bloc) for the stretches of time a party spent in one bloc (or in none: None);
    None as a day: open."""
    from tracker.reports.blocs import bloc_on, bloc_periods

    turns = sorted({day for p in bloc_periods() if p.party == key
                    for day in (p.start, p.end + timedelta(days=1) if p.end else None) if day})
    starts = [None, *turns]
    ends = [*(day - timedelta(days=1) for day in turns), None]
    return [(start, end, bloc_on(key, start or date(1, 1, 1))) for start, end in zip(starts, ends)]
