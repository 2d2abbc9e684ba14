"""A database for the web tests: the constructed sample articles, plus one whose text holds a <script>
(articles are untrusted input), with a statement on it so that its evidence is shown."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from newsroom_fixture import copy_samples
from tracker.db.models import Article
from tracker.app import Tracker
from tracker.ingest import ingest_articles
from tracker.readers import read_inputs

SCRIPT = '<script>window.pwned = 1; document.title = "pwned";</script>'
HOSTILE = (" date 2024-04-02 Konstrueret eksempel om en afgift og et angreb.\n\n"
           f"Enhedslisten vil have afgiften nu {SCRIPT} og siger, at landbruget skal betale.\n")


def build(folder: Path) -> tuple[Tracker, int]:
    """The Tracker and the id of the statement whose evidence holds the script."""
    files = copy_samples(folder / "articles")
    hostile = folder / "articles" / "s900_hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    tracker = Tracker(str(folder / "web.db"))
    ingest_articles(tracker, read_inputs((*files, str(hostile))))
    with tracker.session() as session:
        article = session.scalar(select(Article.id).where(Article.source == str(hostile)))
    evidence = f"Enhedslisten vil have afgiften nu {SCRIPT} og siger, at landbruget skal betale."
    statement = tracker.add_statement(article, evidence, "EL", "co2-afgift-landbrug", "for", author="test")
    return tracker, statement
