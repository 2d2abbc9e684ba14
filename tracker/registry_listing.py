"""Listings of the registry for people: parties and politicians, with statement counts (each story once)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db.models import Affiliation, Party, Politician, Statement
from tracker.reports.scope import Scope, narrow  # the statements that count (a story once)


def parties_frame(session: Session, everything: bool = False) -> pd.DataFrame:
    """Parties (those in the Folketing since 2022 unless `everything`), with their statement counts."""
    counts = narrow(select(Statement.party_id, func.count().label("n")), Scope()).group_by(Statement.party_id).subquery()
    query = (select(Party.name, Party.letter, Party.abbreviations, Party.official_name, Party.founded,
                    func.coalesce(counts.c.n, 0).label("statements"))
             .outerjoin(counts, counts.c.party_id == Party.id).order_by(Party.name))
    if not everything:
        query = query.where(Party.in_folketing_2022.is_(True))
    frame = pd.DataFrame(session.execute(query).all(),
                         columns=["party", "letter", "abbreviations", "official_name", "founded", "statements"])
    frame["abbreviations"] = frame["abbreviations"].str.replace(";", ", ")
    return frame


def politicians_frame(session: Session, party: Party | None = None, heard: bool = False) -> pd.DataFrame:
    """Politicians (optionally those ever affiliated with `party`; `heard`: only those with statements), their
    parties over time and statement counts (rejected ones left out); most heard first. People of one name
    (a registry entry and the same name first met in an article) are one row."""
    counts = (narrow(select(Statement.politician_id, func.count().label("n")), Scope())
              .group_by(Statement.politician_id).subquery())
    query = (select(Politician.id, Politician.full_name, Politician.discovered,
                    func.coalesce(counts.c.n, 0).label("statements"))
             .outerjoin(counts, counts.c.politician_id == Politician.id))
    if party is not None:
        members = select(Affiliation.politician_id).where(Affiliation.party_id == party.id)
        query = query.where(Politician.id.in_(members))
    if heard:
        query = query.where(counts.c.n.is_not(None))
    rows = session.execute(query).all()
    periods = _party_periods(session, [row.id for row in rows])
    people: dict[str, list] = {}
    for row in rows:
        person = people.setdefault(row.full_name, [row.full_name, [], True, 0])
        person[1] += [p for p in periods.get(row.id, "").split(", ") if p and p not in person[1]]
        person[2] = person[2] and row.discovered
        person[3] += row.statements
    frame = pd.DataFrame([(name, ", ".join(spans), discovered, n) for name, spans, discovered, n in people.values()],
                         columns=["politician", "parties", "discovered", "statements"])
    return frame.sort_values(["statements", "politician"], ascending=[False, True], ignore_index=True)


def _party_periods(session: Session, ids: list[int]) -> dict[int, str]:
    """'Alternativet 2015-2020, SF 2020-' per politician id (consecutive rows of a party merged)."""
    spans: dict[int, dict[str, list]] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        query = (select(Affiliation.politician_id, Party.name, Affiliation.start, Affiliation.end)
                 .join(Party).where(Affiliation.politician_id.in_(chunk)))
        for pid, name, start, end in session.execute(query):
            first, last = spans.setdefault(pid, {}).setdefault(name, [start, end, start is None, end is None])[:2]
            span = spans[pid][name]
            span[0] = min(filter(None, [first, start]), default=None)
            span[1] = max(filter(None, [last, end]), default=None)
            span[3] = span[3] or end is None
    return {pid: ", ".join(_span_text(name, s) for name, s in sorted(by_party.items(), key=_span_sort))
            for pid, by_party in spans.items()}


def _span_sort(item):
    start = item[1][0]
    return (start is None, start.isoformat() if start else "")


def _span_text(name: str, span: list) -> str:
    start, end, _, open_end = span
    years = f"{start.year if start else ''}-{'' if open_end or end is None else end.year}"
    return f"{name} {years}" if years != "-" else name
