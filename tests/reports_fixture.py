"""A small database for the report tests: constructed articles with FICTIONAL politicians.

build(db_path) opens the database with Tracker (which loads the bundled parties) and inserts
articles, issues, politicians and statements directly. The numbers the tests rely on:

  co2-afgift      S for 2 / neutral 1, SF for 2, V against 2, DF against 1, M neutral 1  -> disagreement
  pensionsalder   V for 1, S for 1, EL against 1, ALT against 1 (2020), SF against 1 (2024)
  flere-betjente  S for 1, V for 1, DF for 1 (one undated article)                         -> no spread
  cykelstier      no statements
  topic-education a catch-all ("other statements on Uddannelse"): S "for" 1, V "against" 1 as stored -> shown
                  without stance, never a disagreement
Anders Prøvesen is in ALT until 2020-06-30 and in SF from 2020-07-01.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from tracker.app import Tracker
from tracker.db.models import Article, Issue, Party, Statement
from tracker.registry_db import add_politician
from tracker.tallies import rebuild

ISSUES = [
    ("co2-afgift", "Landbruget skal betale en CO2-afgift", "Environment"),
    ("pensionsalder", "Pensionsalderen skal hæves", "Social Welfare"),
    ("flere-betjente", "Der skal ansættes flere politibetjente", "Law and Crime"),
    ("cykelstier", "Der skal bygges flere cykelstier", "Transportation"),
    ("topic-education", "other statements on Uddannelse", "Education"),
]
KINDS = {"topic-education": "other"}

ARTICLES = {  # key: (published, title, url)
    "a0": (date(2020, 3, 5), "Pensionen deler oppositionen", None),
    "a1": (date(2021, 3, 10), "Strid om afgift på landbruget", "https://example.org/a1"),
    "a2": (date(2021, 9, 1), "SF vil have afgift nu", None),
    "a3": (date(2022, 2, 15), "DF siger nej til afgift", "https://example.org/a3"),
    "a4": (date(2023, 6, 20), "Moderaterne venter med afgift", None),
    "a5": (date(2024, 1, 10), "Nyt udspil om CO2", "https://example.org/a5"),
    "a6": (None, None, None),
}

PEOPLE = [  # name, party key, from, to
    ("Mette Testesen", "V", date(2015, 1, 1), None),
    ("Lise Eksempel", "S", date(2015, 1, 1), None),
    ("Karen Fiktivsen", "DF", date(2015, 1, 1), None),
    ("Jens Opdigtsen", "M", date(2022, 6, 5), None),
    ("Peter Påhitsen", "EL", date(2015, 1, 1), None),
    ("Anders Prøvesen", "ALT", date(2015, 1, 1), date(2020, 6, 30)),
    ("Anders Prøvesen", "SF", date(2020, 7, 1), None),
]

STATEMENTS = [  # article, speaker (None: the party), party, issue, stance, kind, evidence
    ("a1", "Lise Eksempel", "S", "co2-afgift", "for", "direct_quote",
     "Landbruget skal bidrage som alle andre, og derfor vil vi have en CO2-afgift & et grønt løft"),
    ("a1", "Mette Testesen", "V", "co2-afgift", "against", "direct_quote",
     "En afgift vil sende arbejdspladser <ud af landet>"),
    ("a2", "Anders Prøvesen", "SF", "co2-afgift", "for", "direct_quote",
     "Vi har ventet længe nok på en afgift på landbrugets udledninger"),
    ("a3", "Karen Fiktivsen", "DF", "co2-afgift", "against", "indirect",
     "Karen Fiktivsen mener, at en afgift vil ramme de danske landmænd hårdt"),
    ("a4", "Jens Opdigtsen", "M", "co2-afgift", "neutral", "direct_quote",
     "Vi vil se på modellerne, før vi lægger os fast"),
    ("a4", "Mette Testesen", "V", "co2-afgift", "against", "indirect",
     "Mette Testesen afviser igen en afgift på landbruget"),
    ("a5", None, "SF", "co2-afgift", "for", "indirect", "SF foreslår en afgift på 750 kroner per ton"),
    ("a5", "Lise Eksempel", "S", "co2-afgift", "for", "indirect",
     "Lise Eksempel vil stadig indføre afgiften i år"),
    ("a5", "Lise Eksempel", "S", "co2-afgift", "neutral", "direct_quote",
     "Vi skal finde den rigtige model sammen med erhvervet"),
    ("a0", "Anders Prøvesen", "ALT", "pensionsalder", "against", "direct_quote",
     "Man kan ikke bede folk arbejde til de er halvfjerds"),
    ("a2", "Mette Testesen", "V", "pensionsalder", "for", "direct_quote",
     "Når vi lever længere, må vi også arbejde lidt længere"),
    ("a3", "Lise Eksempel", "S", "pensionsalder", "for", "indirect",
     "Lise Eksempel bakker op om at hæve pensionsalderen"),
    ("a5", "Peter Påhitsen", "EL", "pensionsalder", "against", "direct_quote",
     "Det er de nedslidte, der betaler regningen"),
    ("a5", "Anders Prøvesen", "SF", "pensionsalder", "against", "indirect",
     "Anders Prøvesen vil ikke hæve pensionsalderen yderligere"),
    ("a1", "Lise Eksempel", "S", "flere-betjente", "for", "direct_quote",
     "Trygheden kræver flere betjente på gaden"),
    ("a3", "Mette Testesen", "V", "flere-betjente", "for", "indirect",
     "Mette Testesen vil ansætte flere politifolk"),
    ("a6", "Karen Fiktivsen", "DF", "flere-betjente", "for", "direct_quote",
     "Vi skal have politiet tilbage i landsbyerne"),
    ("a2", "Lise Eksempel", "S", "topic-education", "for", "direct_quote", "Skolen skal være for alle"),
    ("a4", "Mette Testesen", "V", "topic-education", "against", "indirect",
     "Mette Testesen afviser at tale om skolen i dag"),
]


def build(db_path: str) -> Tracker:
    """Create the fixture database at `db_path` and return its Tracker."""
    tracker = Tracker(db_path)
    with tracker.session() as session:
        parties = {key: party for party, key in ((p, p.key) for p in session.scalars(select(Party)))}
        people = {}
        for name, key, start, end in PEOPLE:
            people[name] = add_politician(session, name, parties[key], start, end, role="MP")
        issues = {slug: Issue(slug=slug, label=label, cap_topic=topic, kind=KINDS.get(slug, "catalogue"))
                  for slug, label, topic in ISSUES}
        articles = {key: _article(key, *values) for key, values in ARTICLES.items()}
        session.add_all([*issues.values(), *articles.values()])
        for position, (article, speaker, party, issue, stance, kind, evidence) in enumerate(STATEMENTS):
            session.add(Statement(
                article=articles[article], politician=people.get(speaker), party=parties[party], speaker=speaker,
                issue=issues[issue], stance=stance, kind=kind, evidence=evidence, start_char=position * 100,
                end_char=position * 100 + len(evidence), confidence=0.5 + position / 100, pipeline_version="test"))
        session.flush()
        rebuild(session)  # rows added past the store: their tallies counted at once
        session.commit()
    tracker.refresh_registry()
    return tracker


def _article(key: str, published: date | None, title: str | None, url: str | None) -> Article:
    return Article(content_hash=key * 32, source=f"/tmp/articles/{key}.txt", outlet="Testavisen", url=url,
                   published=published, date_precision="day" if published else None, title=title,
                   text=f"Konstrueret artikel {key}.", ingested_at=datetime(2024, 2, 1), pipeline_version="test")
