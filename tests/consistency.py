"""Helpers for the database tests: constructed articles, ingest in a subprocess, consistency checks.

The articles are small constructed Danish texts with fictional politicians. An article is
consistent when its stored statements are exactly those a fresh extraction of its text gives.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from tracker.app import Tracker
from tracker.db.models import Article, Job, Party, Statement
from tracker.sources import ArticleInput

PEOPLE = [("Mette Testesen", "V"), ("Jens Prøvesen", "SF"), ("Hanne Eksempel", "S"), ("Ole Opdigtet", "DF"),
          ("Karen Konstrueret", "K"), ("Bo Fiktivsen", "Ø"), ("Lise Lavet", "LA"), ("Per Påfund", "RV")]
CLAIMS = ["topskatten skal afskaffes", "der skal bygges flere cykelstier", "forsvaret skal have flere penge",
          "folkeskolen mangler lærere", "afgiften på benzin skal ned", "sygehusene skal have flere sygeplejersker"]
INGEST = [sys.executable, "-c", "from tracker.cli import main; main()"]


def article_text(number: int) -> str:
    """A small article with three statements; `number` makes its text unique."""
    (a, pa), (b, pb), (c, pc) = (PEOPLE[(number + k) % len(PEOPLE)] for k in (0, 3, 5))
    claim, other = CLAIMS[number % len(CLAIMS)], CLAIMS[(number + 1) % len(CLAIMS)]
    day = 1 + number % 28
    return (f"date 2024-03-{day:02d} Debat nummer {number} om {claim.split()[0]}\n\n"
            f"{a} ({pa}) siger, at {claim}.\n\n"
            f"- Det er et spørgsmål om ansvar nummer {number}, siger {b} ({pb}).\n\n"
            f"\"Vi mener, at {other},\" siger {c} ({pc}).\n")


def write_articles(folder: Path, numbers, prefix: str = "artikel") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in numbers:
        path = folder / f"{prefix}_{number:04d}.txt"
        path.write_text(article_text(number), encoding="utf-8")
        paths.append(path)
    return paths


def start_ingest(db: str, paths, log: Path, *options: str) -> subprocess.Popen:
    """`tracker --db DB ingest -q [OPTIONS] PATHS...` in a process of its own (output to `log`)."""
    with open(log, "wb") as out:
        return subprocess.Popen([*INGEST, "--db", db, "ingest", "-q", *options, *map(str, paths)], stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def count_articles(tracker: Tracker) -> int:
    with tracker.session() as session:
        return session.scalar(select(func.count()).select_from(Article))


def stored_statements(tracker: Tracker) -> dict[int, Counter]:
    """Each stored article's statements as a multiset of (start, end, kind, party)."""
    stored: dict[int, Counter] = {}
    with tracker.session() as session:
        for (article_id,) in session.execute(select(Article.id)):
            stored[article_id] = Counter()
        query = select(Statement.article_id, Statement.start_char, Statement.end_char, Statement.kind,
                       Party.name).join(Party)
        for article_id, *key in session.execute(query):
            stored[article_id][tuple(key)] += 1
    return stored


def extracted_statements(tracker: Tracker, nlp) -> dict[int, Counter]:
    """What a fresh extraction of each stored article's text gives (parties the database knows)."""
    from tracker.nlp.pipeline import extract

    with tracker.session() as session:
        rows = session.execute(select(Article.id, Article.text, Article.source, Article.published)).all()
        known = set(session.scalars(select(Party.name)))
        queued = set(session.scalars(select(Job.article_id)))
    expected = {}
    for article_id, text, source, published in rows:
        if article_id in queued:  # stored and waiting for extraction: no statements yet
            expected[article_id] = Counter()
            continue
        candidates = extract(nlp, ArticleInput(text=text, source=source, published=published))
        expected[article_id] = Counter((c.start_char, c.end_char, c.kind, c.party)
                                       for c in candidates if c.party in known)
    return expected


def assert_consistent(tracker: Tracker, nlp) -> int:
    """Every stored article has exactly its statements (none missing, none twice; none yet while it waits in
    the queue); returns how many."""
    stored, expected = stored_statements(tracker), extracted_statements(tracker, nlp)
    assert stored.keys() == expected.keys()
    wrong = {article_id: (stored[article_id], expected[article_id]) for article_id in stored
             if stored[article_id] != expected[article_id]}
    assert not wrong, f"{len(wrong)} articles whose statements differ from a fresh extraction: {wrong}"
    return sum(sum(counter.values()) for counter in stored.values())
