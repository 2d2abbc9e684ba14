"""Users' changes to the registry, by name: add a person or a party period, end an open period.

    add(session, registry, "Navn Navnesen", "V", start=date(2023, 1, 1))   # ends an open period elsewhere
    end(session, registry, "Navn Navnesen", "V", on=date(2024, 5, 31))

People are found by full name or name variant (as the registry knows them), parties by any name or
abbreviation. Each returns what it did (an `Edit`) or raises a `RegistryProblem` whose text is one line
for the user. The rules for the rows themselves are in tracker.registry_db.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db.models import Party, Politician
from tracker.registry import Registry
from tracker.registry_db import Ended, add_period, add_politician, end_affiliation, find_party


class RegistryProblem(ValueError):
    """A change that cannot be made."""


class UnknownName(RegistryProblem):
    """No party or politician of that name; `choices` are the names known."""

    def __init__(self, kind: str, name: str, choices: list[str]):
        super().__init__(f'Unknown {kind}: "{name}".')
        self.kind, self.name, self.choices = kind, name, choices


@dataclass
class Edit:
    politician: str
    party: str
    ended: list[Ended] = field(default_factory=list)


def add(session: Session, registry: Registry, name: str, party: str, start: date | None = None,
        end: date | None = None, role: str | None = None) -> Edit:
    """A party period for a person (a new person when the name is unknown); a period from `start` ends the
    person's open periods in other parties on the day before."""
    party_row = _party(session, registry, party)
    people = _people(session, registry, name)
    if not people:
        politician = add_politician(session, name, party_row, start, end, role)
        return Edit(politician.full_name, party_row.name)
    ended = add_period(people[0], party_row, start, end, role)
    return Edit(people[0].full_name, party_row.name, ended)


def end(session: Session, registry: Registry, name: str, party: str, on: date) -> Edit:
    """End the person's open periods in `party` on the day `on` (their last day in it)."""
    party_row = _party(session, registry, party)
    people = _people(session, registry, name)
    if not people:
        raise UnknownName("politician", name, sorted({p.full_name for p in registry.politicians.values()}))
    for politician in people:
        still_open = [a for a in politician.affiliations
                      if a.party is party_row and a.end is None and (a.start is None or a.start <= on)]
        if still_open:
            return Edit(politician.full_name, party_row.name,
                        [end_affiliation(politician, a, on) for a in still_open])
    raise RegistryProblem(f"{people[0].full_name} has no open period in {party_row.name} on {on}.")


def _party(session: Session, registry: Registry, text: str) -> Party:
    row = find_party(session, registry, text.strip())
    if row is None:
        raise UnknownName("party", text, [p.name for p in registry.parties])
    return row


def _people(session: Session, registry: Registry, name: str) -> list[Politician]:
    """The people of that full name or variant: the registry's (dated ones first), else any row of that name."""
    name = " ".join(name.split())
    keys = [p.key for p in registry.politicians_named(name)]
    rows = {p.key: p for p in session.scalars(select(Politician).where(Politician.key.in_(keys)))} if keys else {}
    people = [rows[k] for k in keys if k in rows]
    return people or list(session.scalars(select(Politician).where(Politician.full_name == name)))
