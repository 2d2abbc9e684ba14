"""Red, blue and centre blocs over time (data/blocs.csv) and the SQL naming a statement's bloc."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import String, and_, case, func, literal, select
from sqlalchemy.orm import Session

from tracker.db.models import Article, Party, Statement
from tracker.paths import data_file
from tracker.reports.scope import Scope, within_dates


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

    The first matching row of data/blocs.csv wins.
    """
    ids = {key: id_ for id_, key in session.execute(select(Party.id, Party.key))}
    day = func.coalesce(Statement.published, date.today())
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


def bloc_parties(session: Session, scope: Scope) -> tuple[dict[int, str], list[int]]:
    """({party id: bloc} for parties in one bloc throughout the scope's dates, [ids of parties that changed])."""
    # three queries, each answered from the index on the articles' date (one would read every article)
    first = session.scalar(within_dates(select(func.min(Article.published)), scope))
    last = session.scalar(within_dates(select(func.max(Article.published)), scope))
    undated = session.scalar(select(within_dates(select(Article.id).where(Article.published.is_(None)),
                                                 scope).exists()))
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
