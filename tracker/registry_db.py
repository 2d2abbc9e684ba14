"""The registry's rows in the database.

The bundled CSVs (`data/parties.csv`, `data/politicians.csv`) are loaded on first use and again
whenever the files change (their fingerprint is kept in `settings`). Users' additions
(`tracker registry add/load/end`, basis "user") and politicians first met in articles live beside them
and survive every reload, and so do the users' corrections of bundled rows:
- a user period from day D ends the person's open periods in other parties on D-1;
- ending a bundled period makes a user copy of it, which replaces that bundled row from then on.
A person who leaves the bundled files loses the bundled rows; kept only for the statements naming
them, they leave the registry's look-ups (flagged discovered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, selectinload

from tracker.datafiles import split_list
from tracker.db.models import Affiliation, Party, Politician, Setting, Statement
from tracker.paths import data_file
from tracker.registry import AffiliationRecord, PartyRecord, PoliticianRecord, Registry

FINGERPRINT_KEY = "registry_fingerprint"
USER_BASIS = "user"


def bundled_paths():
    return data_file("parties.csv"), data_file("politicians.csv")


def sync_bundled(session: Session) -> bool:
    """Load the bundled registry files when the database lacks them or they changed."""
    fingerprint = Registry.fingerprint(*bundled_paths())
    stored = session.get(Setting, FINGERPRINT_KEY)
    if stored is not None and stored.value == fingerprint:
        return False
    bundled = Registry.from_csv(*bundled_paths())
    parties = {p.key: upsert_party(session, p, source="bundled") for p in bundled.parties}
    session.flush()
    ids = _upsert_politicians(session, list(bundled.politicians.values()))
    session.execute(delete(Affiliation).where(Affiliation.politician_id.in_(list(ids.values())),
                                              Affiliation.basis.is_distinct_from(USER_BASIS)))
    affiliations = [dict(politician_id=ids[record.key], party_id=parties[a.party_key].id, start=a.start,
                         end=a.end, role=a.role, role_detail=a.role_detail, basis=a.basis)
                    for record in bundled.politicians.values() for a in record.affiliations]
    if affiliations:
        session.execute(insert(Affiliation), affiliations)
    _retire_stale(session, set(ids.values()))
    reapply_user_edits(session)
    session.merge(Setting(key=FINGERPRINT_KEY, value=fingerprint))
    session.commit()
    return True


def upsert_party(session: Session, record: PartyRecord, source: str) -> Party:
    party = session.scalar(select(Party).where(Party.key == record.key)) or Party(key=record.key, source=source)
    party.name, party.official_name, party.letter = record.name, record.official_name, record.letter
    party.abbreviations, party.variants = ";".join(record.abbreviations), ";".join(record.variants)
    party.founded, party.dissolved, party.scope = record.founded, record.dissolved, record.scope
    party.in_folketing_2022 = record.in_folketing_2022
    session.add(party)
    return party


def _upsert_politicians(session: Session, records: list[PoliticianRecord]) -> dict[str, int]:
    """Insert or update the bundled people in bulk; returns key -> id."""
    ids = dict(session.execute(select(Politician.key, Politician.id)).all())
    values = [dict(key=r.key, full_name=r.full_name, variants=";".join(r.variants), gender=r.gender,
                   discovered=False, source="bundled") for r in records]
    updates = [dict(v, id=ids[v["key"]]) for v in values if v["key"] in ids]
    if updates:
        session.execute(update(Politician), updates)
    new = [v for v in values if v["key"] not in ids]
    if new:
        session.execute(insert(Politician), new)
        ids = dict(session.execute(select(Politician.key, Politician.id)).all())
    return {r.key: ids[r.key] for r in records}


def load_registry(session: Session, include_discovered: bool = False) -> Registry:
    """A Registry built from the database (bundled rows plus users' additions)."""
    parties = session.scalars(select(Party)).all()
    query = select(Politician).options(selectinload(Politician.affiliations).selectinload(Affiliation.party))
    if not include_discovered:
        query = query.where(Politician.discovered.is_(False))
    politicians = [_politician_record(p) for p in session.scalars(query)]
    return Registry([_party_record(p) for p in parties], politicians)


def _party_record(party: Party) -> PartyRecord:
    return PartyRecord(
        key=party.key, name=party.name, official_name=party.official_name or party.name, letter=party.letter,
        abbreviations=_split(party.abbreviations), variants=_split(party.variants), founded=party.founded,
        dissolved=party.dissolved, scope=party.scope, in_folketing_2022=party.in_folketing_2022)


def _politician_record(politician: Politician) -> PoliticianRecord:
    affiliations = [AffiliationRecord(a.party.key, a.start, a.end, a.role, a.role_detail, a.basis)
                    for a in politician.affiliations]
    return PoliticianRecord(key=politician.key, full_name=politician.full_name,
                            variants=_split(politician.variants), gender=politician.gender,
                            affiliations=affiliations, discovered=politician.discovered)


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(split_list(text))


def add_politician(session: Session, full_name: str, party: Party, start: date | None = None,
                   end: date | None = None, role: str | None = None, source: str = "user",
                   discovered: bool = False) -> Politician:
    """Add a person (or a new affiliation to a known one, matched by full name)."""
    politician = session.scalar(select(Politician).where(Politician.full_name == full_name))
    if politician is None:
        key = f"{source}:{full_name}"
        politician = Politician(key=key, full_name=full_name, source=source, discovered=discovered)
        session.add(politician)
    add_period(politician, party, start, end, role, basis=USER_BASIS if source == "user" else source)
    return politician


@dataclass(frozen=True)
class Ended:
    """A period that a change ended: its party, first and (new) last day."""

    party: str
    start: date | None
    end: date


def add_period(politician: Politician, party: Party, start: date | None, end: date | None = None,
               role: str | None = None, basis: str = USER_BASIS) -> list[Ended]:
    """A new party period; one from `start` ends the person's open periods in other parties the day before."""
    ended = end_other_parties(politician, party, start) if start else []
    if basis == USER_BASIS:
        politician.discovered = False  # a person the user adds is in the registry
    politician.affiliations.append(Affiliation(party=party, start=start, end=end, role=role, basis=basis))
    return ended


def end_other_parties(politician: Politician, party: Party, start: date, copy: bool = True) -> list[Ended]:
    """End the open periods (begun before `start`) in parties other than `party` on the day before;
    copy=False ends bundled rows in place (on a reload, which applies the rule again each time)."""
    still_open = [a for a in politician.affiliations
                  if a.party is not party and a.end is None and a.start and a.start < start]
    return [end_affiliation(politician, a, start - timedelta(days=1), copy) for a in still_open]


def end_affiliation(politician: Politician, affiliation: Affiliation, last_day: date, copy: bool = True) -> Ended:
    """End a period on `last_day`: a user's row directly, a bundled one through a user copy that replaces it."""
    if affiliation.basis != USER_BASIS and copy:
        politician.affiliations.remove(affiliation)
        affiliation = Affiliation(party=affiliation.party, start=affiliation.start, role=affiliation.role,
                                  role_detail=affiliation.role_detail, basis=USER_BASIS)
        politician.affiliations.append(affiliation)
    elif affiliation.basis != USER_BASIS:
        affiliation.basis = (affiliation.basis or "").split(",")[0] or None  # "dated, open ..." -> "dated"
    affiliation.end = last_day
    return Ended(affiliation.party.name, affiliation.start, last_day)


def reapply_user_edits(session: Session) -> None:
    """After a reload of the bundled rows: a user copy replaces the bundled row it was made from (same party,
    first day, role and detail), and every user period from a day ends the open periods in other parties."""
    users = select(Affiliation.politician_id).where(Affiliation.basis == USER_BASIS).distinct()
    for politician in session.scalars(select(Politician).where(Politician.id.in_(users))):
        mine = [a for a in politician.affiliations if a.basis == USER_BASIS]
        copied = {(a.party_id, a.start, a.role, a.role_detail) for a in mine}
        for affiliation in list(politician.affiliations):
            if affiliation.basis != USER_BASIS and (affiliation.party_id, affiliation.start, affiliation.role,
                                                    affiliation.role_detail) in copied:
                politician.affiliations.remove(affiliation)
        for affiliation in mine:
            if affiliation.start:
                end_other_parties(politician, affiliation.party, affiliation.start, copy=False)
    session.flush()


def _retire_stale(session: Session, bundled_ids: set[int]) -> None:
    """People once bundled but no longer: their bundled rows go; the person goes too unless statements
    name them or the user gave them periods (then, without user periods, they are flagged discovered)."""
    stale = select(Politician.id).where(Politician.source == "bundled", Politician.id.not_in(bundled_ids))
    stale_ids = set(session.scalars(stale))
    if not stale_ids:
        return
    session.execute(delete(Affiliation).where(Affiliation.politician_id.in_(stale_ids),
                                              Affiliation.basis.is_distinct_from(USER_BASIS)))
    users = set(session.scalars(select(Affiliation.politician_id).where(Affiliation.politician_id.in_(stale_ids))))
    named = set(session.scalars(select(Statement.politician_id).where(Statement.politician_id.in_(stale_ids))))
    session.execute(delete(Politician).where(Politician.id.in_(stale_ids - users - named)))
    if named - users:
        session.execute(update(Politician).where(Politician.id.in_(named - users)).values(discovered=True))


def find_party(session: Session, registry: Registry, text: str) -> Party | None:
    """The Party row for any name, variant or abbreviation (None when unknown)."""
    record = registry.party_by_key(text) or registry.party(text)
    return session.scalar(select(Party).where(Party.key == record.key)) if record else None
