"""Danish parties and politicians, and which party a politician belonged to on a given day.

Pure Python over two CSV files, `data/parties.csv` and `data/politicians.csv` (built by
`scripts/build_registry.py`). An affiliation's `basis` says how its dates are known:
"dated" (party dates explicit), "undated" (role dates, party assumed constant over the role),
"observed YYYY-MM-DD" (party seen that day, no period dates); open-ended periods add
", open YYYY-MM-DD" (known to hold up to that day, the source's data end).
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from tracker.datafiles import split_list
from tracker.paths import data_file

ONE_DAY = timedelta(days=1)
DASHES = re.compile(r"[‐‑‒–—―]")
APOSTROPHES = re.compile(r"[’´`ʼ]")
DAY_IN_BASIS = re.compile(r"(?:open|observed) (\d{4}-\d{2}-\d{2})")
# Endings stripped when a form is not found as written: SF'erne, DF'eren, Venstres, SF's, Kurs'.
ENDINGS = ("'ernes", "'erne", "'erens", "'eren", "'eres", "'ere", "'ers", "'er", "'s", "s", "'")
RANK_DATED, RANK_UNDATED, RANK_OBSERVED, RANK_TIMELESS = range(4)


@dataclass(frozen=True)
class PartyRecord:
    key: str
    name: str
    official_name: str
    letter: str | None
    abbreviations: tuple[str, ...]
    variants: tuple[str, ...]
    founded: date | None
    dissolved: date | None
    scope: str
    in_folketing_2022: bool


@dataclass(frozen=True)
class AffiliationRecord:
    party_key: str
    start: date | None
    end: date | None
    role: str | None = None
    role_detail: str | None = None
    basis: str | None = None


@dataclass
class PoliticianRecord:
    key: str
    full_name: str
    variants: tuple[str, ...] = ()
    gender: str | None = None
    affiliations: list[AffiliationRecord] = field(default_factory=list)
    discovered: bool = False


@dataclass
class _Period:
    """One stretch of a politician's party timeline (its end may be set while the timeline is built)."""

    party_key: str
    start: date | None
    end: date | None
    rank: int  # RANK_*: lower wins when periods overlap
    known_until: date | None = None  # an open period is known to hold up to this day

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Registry:
    """Parties and politicians with look-ups by any name form, and party at a date."""

    def __init__(self, parties: Iterable[PartyRecord], politicians: Iterable[PoliticianRecord]):
        self.parties: list[PartyRecord] = list(parties)
        self.politicians: dict[str, PoliticianRecord] = {}
        self._by_key = {p.key: p for p in self.parties}
        self._by_form: dict[str, PartyRecord] = {}  # case-folded name, official name or variant
        self._by_abbreviation: dict[str, PartyRecord] = {}  # as written, and upper-cased ("FRP" for "FrP")
        for party in self.parties:
            for form in (party.name, party.official_name, *party.variants):
                self._by_form.setdefault(_clean(form).casefold(), party)
            for abbreviation in party.abbreviations:
                self._by_abbreviation.setdefault(_clean(abbreviation), party)
                self._by_abbreviation.setdefault(_clean(abbreviation).upper(), party)
        self._named: dict[str, list[str]] = {}
        self._surnamed: dict[str, list[str]] = {}
        for politician in politicians:
            self.add(politician)

    # ------------------------------------------------------------ loading

    @classmethod
    def bundled(cls) -> Registry:
        """The registry in data/ (files parsed once per process; each call gets its own copy)."""
        parties, politicians = _bundled_records(str(data_file("parties.csv")), str(data_file("politicians.csv")))
        return cls(parties, politicians)

    @classmethod
    def from_csv(cls, parties_path, politicians_path) -> Registry:
        return cls(_read_parties_csv(parties_path), cls.read_politicians_csv(politicians_path))

    @staticmethod
    def read_politicians_csv(path) -> list[PoliticianRecord]:
        """Politicians from a CSV in the format of data/politicians.csv (rows of one key are merged)."""
        people: dict[str, PoliticianRecord] = {}
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = row["full_name"].strip()
                key = row["key"].strip() or name
                person = people.setdefault(key, PoliticianRecord(key, name, discovered=_true(row.get("discovered"))))
                person.variants = _unique(person.variants + _split(row.get("variants")))
                person.gender = person.gender or (row.get("gender") or "").strip() or None
                if (row.get("party") or "").strip():
                    person.affiliations.append(_affiliation(row))
        return list(people.values())

    def to_dict(self) -> dict:
        """The parties and politicians as plain data (dates as ISO strings), for ``from_dict``."""
        return {"parties": [_plain(asdict(p)) for p in self.parties],
                "politicians": [_plain(asdict(p)) for p in self.politicians.values()]}

    @classmethod
    def from_dict(cls, data: dict) -> Registry:
        parties = [PartyRecord(**{**p, "abbreviations": tuple(p["abbreviations"]), "variants": tuple(p["variants"]),
                                  "founded": _day(p["founded"]), "dissolved": _day(p["dissolved"])})
                   for p in data["parties"]]
        politicians = [PoliticianRecord(**{**p, "variants": tuple(p["variants"]), "affiliations": [
            AffiliationRecord(**{**a, "start": _day(a["start"]), "end": _day(a["end"])}) for a in p["affiliations"]]})
            for p in data["politicians"]]
        return cls(parties, politicians)

    @staticmethod
    def fingerprint(*paths) -> str:
        """sha256 over the files' bytes, in order."""
        digest = hashlib.sha256()
        for path in paths:
            digest.update(Path(path).read_bytes())
        return digest.hexdigest()

    # ------------------------------------------------------------ parties

    def party(self, text: str) -> PartyRecord | None:
        """The party for any name, variant, genitive or abbreviation ("V", "(K)", "Venstres", "SF'erne")."""
        form = _clean(text)
        stems = [form[: -len(e)] for e in ENDINGS if form.endswith(e) and len(form) > len(e) + 1]
        for candidate in [form, *stems]:
            found = self._by_abbreviation.get(candidate) or self._by_form.get(candidate.casefold())
            if found:
                return found
        return None

    def party_by_key(self, key: str) -> PartyRecord | None:
        return self._by_key.get(key)

    def party_surface_forms(self) -> list[tuple[str, str]]:
        """(surface form, party key) for text matching: names, variants, abbreviations of 2+ letters."""
        forms: dict[tuple[str, str], None] = {}
        for party in self.parties:
            long_abbreviations = [a for a in party.abbreviations if len(a.strip("()")) > 1]
            for form in (party.name, party.official_name, *party.variants, *long_abbreviations):
                if form:
                    forms.setdefault((form, party.key))
        return list(forms)

    # ------------------------------------------------------------ politicians

    def politicians_named(self, name: str) -> list[PoliticianRecord]:
        """People whose full name or a name variant is `name` (case-insensitive)."""
        return self._people(self._named.get(_clean(name).casefold(), []))

    def politicians_by_surname(self, surname: str) -> list[PoliticianRecord]:
        """People whose last name (or last two names, e.g. "Thulesen Dahl") is `surname`."""
        return self._people(self._surnamed.get(_clean(surname).casefold(), []))

    def add(self, politician: PoliticianRecord) -> None:
        """Add a politician, or merge into the one with the same key (affiliations and names extended)."""
        record = self.politicians.get(politician.key)
        if record is None:
            record = replace(politician, variants=tuple(politician.variants),
                             affiliations=list(politician.affiliations))
            self.politicians[record.key] = record
        else:
            record.affiliations += [a for a in politician.affiliations if a not in record.affiliations]
            own = _clean(record.full_name).casefold()
            names = [n for n in (politician.full_name, *politician.variants) if _clean(n).casefold() != own]
            record.variants = _unique(record.variants + tuple(names))
            record.gender = record.gender or politician.gender
            record.discovered = record.discovered and politician.discovered
        for name in (record.full_name, *record.variants):
            _append(self._named, _clean(name).casefold(), record.key)
            for surname in _surnames(name):
                _append(self._surnamed, surname, record.key)

    def _people(self, keys: list[str]) -> list[PoliticianRecord]:
        """The records, people with dated affiliations (MPs, ministers) first."""
        people = [self.politicians[k] for k in keys]
        return sorted(people, key=lambda p: not any(a.start or a.end for a in p.affiliations))

    # ------------------------------------------------------------ party at a date

    def party_at(self, politician_key: str, on: date | None) -> PartyRecord | None:
        """The politician's party on the day `on` (None: the latest party); never a party not existing then."""
        politician = self.politicians.get(politician_key)
        if politician is None:
            return None
        periods = _timeline(politician.affiliations, self._founded)
        on = on.date() if isinstance(on, datetime) else on
        if on is None:
            best = _latest(periods)
            return self._existing(best.party_key, None) if best else None
        alive = [p for p in periods if self._existing(p.party_key, on)]
        inside = [p for p in alive if p.contains(on)]
        if inside:
            best = min(inside, key=lambda p: (p.rank, -(p.start or date.min).toordinal()))
            return self._by_key[best.party_key]
        best = _nearest(periods, on)
        return self._existing(best.party_key, on) if best else None

    def _founded(self, party_key: str) -> date | None:
        party = self._by_key.get(party_key)
        return party.founded if party else None

    def _existing(self, party_key: str, on: date | None) -> PartyRecord | None:
        """The party if it exists on `on` (on None: if it is not dissolved)."""
        party = self._by_key.get(party_key)
        if party is None or (on is None and party.dissolved):
            return None
        if on is not None and ((party.founded and on < party.founded) or (party.dissolved and on > party.dissolved)):
            return None
        return party


# ---------------------------------------------------------------- party timeline

def _timeline(affiliations: list[AffiliationRecord], founded) -> list[_Period]:
    """Periods from dated rows, then undated observations applied in date order (see _observe)."""
    periods = [_Period(a.party_key, a.start, a.end, _rank(a), None if a.end else _basis_day(a.basis))
               for a in affiliations if a.start or a.end]
    observations = [(a.party_key, _basis_day(a.basis)) for a in affiliations if not a.start and not a.end]
    for party_key, seen in sorted(observations, key=lambda o: o[1] or date.max):
        _observe(periods, party_key, seen, founded(party_key))
    return periods


def _observe(periods: list[_Period], party_key: str, seen: date | None, founded: date | None) -> None:
    """A party seen on `seen` without period dates: the person is in it since the earliest possible day.

    Another party's open period is closed (at the new party's founding when that is later than the
    period's start, else at the day it is known to hold until) and the new party holds from then on.
    When a period of the same party already covers `seen`, the observation only fills the time between
    the last period before it and that one (e.g. an MP elected for a party she had joined earlier).
    """
    before = [p for p in periods if seen and (p.start is None or p.start <= seen)]
    if not before:
        periods.append(_Period(party_key, None, None, RANK_TIMELESS))
        return
    still_open = [p for p in before if p.end is None and p.party_key != party_key]
    covering = [p for p in before if p.party_key == party_key and p.contains(seen)]
    if still_open:
        start = max(_close(p, seen, founded) for p in still_open) + ONE_DAY
    else:
        ends = [p.end for p in before if p.end and (not covering or p.end < seen)]
        if not ends:
            return
        start = max(ends) + ONE_DAY
        start = max(start, founded) if founded else start
    if covering:
        first = min((p.start for p in covering), key=lambda d: d or date.min)
        if first and start < first:
            periods.append(_Period(party_key, start, first - ONE_DAY, RANK_OBSERVED))
        return
    periods.append(_Period(party_key, start, None, RANK_OBSERVED, known_until=seen))


def _close(period: _Period, seen: date, founded: date | None) -> date:
    """End an open period because another party was seen on `seen`; returns the new last day."""
    if founded and (period.start is None or founded > period.start):
        end = founded - ONE_DAY
    else:
        end = period.known_until or seen - ONE_DAY
    period.end = max(end, period.start) if period.start else end
    return period.end


def _latest(periods: list[_Period]) -> _Period | None:
    """The period that runs last (open ones first, then the latest end and start, dated before undated)."""
    return max(periods, key=lambda p: (p.end or date.max, p.start or date.min, -p.rank), default=None)


def _nearest(periods: list[_Period], on: date) -> _Period | None:
    """No period covers `on`: the one that ended last before it, else the first one after it
    (people mostly stay in their party; newly elected MPs are quoted before they take their seat).
    party_at gives no party when that period's party did not exist on `on`."""
    earlier = [p for p in periods if p.end and p.end < on]
    if earlier:
        return max(earlier, key=lambda p: (p.end, -p.rank))
    later = [p for p in periods if p.start and p.start > on]
    return min(later, key=lambda p: (p.start, p.rank), default=None)


def _rank(affiliation: AffiliationRecord) -> int:
    return RANK_DATED if (affiliation.basis or "").startswith("dated") else RANK_UNDATED


def _basis_day(basis: str | None) -> date | None:
    match = DAY_IN_BASIS.search(basis or "")
    return date.fromisoformat(match.group(1)) if match else None


# ---------------------------------------------------------------- text and CSV helpers

def _clean(text: str) -> str:
    """Unicode-normalised, one kind of dash and apostrophe, single spaces, no surrounding brackets/quotes."""
    text = unicodedata.normalize("NFC", text or "")
    text = APOSTROPHES.sub("'", DASHES.sub("-", text))
    text = " ".join(text.split())
    return text.strip(" ()[]{}\"«»“”,;:!?-")


def _surnames(name: str) -> list[str]:
    """Case-folded surname keys of a full name: the last name, and the last two when there are 3+."""
    tokens = [t for t in _clean(name).split() if not re.fullmatch(r"\w\.", t)]
    if len(tokens) < 2:
        return []
    keys = [tokens[-1]] + ([" ".join(tokens[-2:])] if len(tokens) >= 3 else [])
    return [k.casefold() for k in keys]


def _append(index: dict[str, list[str]], form: str, key: str) -> None:
    keys = index.setdefault(form, [])
    if key not in keys:
        keys.append(key)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(split_list(text))


def _plain(value):
    """Dates as ISO strings and tuples as lists, all the way down (JSON- and msgpack-ready)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text.strip()) if text and text.strip() else None


def _true(text: str | None) -> bool:
    return (text or "").strip().lower() in ("true", "1", "yes")


def _affiliation(row: dict[str, str]) -> AffiliationRecord:
    return AffiliationRecord(row["party"].strip(), _day(row.get("start")), _day(row.get("end")),
                             (row.get("role") or "").strip() or None, (row.get("role_detail") or "").strip() or None,
                             (row.get("basis") or "").strip() or None)


def _read_parties_csv(path) -> list[PartyRecord]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [PartyRecord(
            key=row["key"], name=row["name"], official_name=row["official_name"] or row["name"],
            letter=row["letter"] or None, abbreviations=_split(row["abbreviations"]), variants=_split(row["variants"]),
            founded=_day(row["founded"]), dissolved=_day(row["dissolved"]), scope=row["scope"],
            in_folketing_2022=_true(row["in_folketing_2022"])) for row in csv.DictReader(handle)]


@lru_cache(maxsize=4)
def _bundled_records(parties_path: str, politicians_path: str):
    return tuple(_read_parties_csv(parties_path)), tuple(Registry.read_politicians_csv(politicians_path))
