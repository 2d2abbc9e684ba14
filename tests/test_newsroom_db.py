"""Corrections and search on both databases (SQLite here; PostgreSQL too with `make test-postgres`)."""

from __future__ import annotations

from sqlalchemy import select

from newsroom_fixture import copy_samples
from tracker.app import Tracker
from tracker.db.models import Article
from tracker.ingest import ingest_articles
from tracker.work import reprocess_articles
from tracker.readers import read_inputs
from tracker.reports import statements_frame
from tracker.search import search_articles, search_statements


def test_corrections_and_search_on_this_database(database, tmp_path):
    tracker = Tracker(database)
    ingest_articles(tracker, read_inputs(copy_samples(tmp_path / "articles")))
    frame = statements_frame(tracker.session())
    sf = frame[(frame["party"] == "SF") & (frame["issue"] == "co2-afgift-landbrug")].iloc[0]
    other = frame[frame["speaker"] == "Peter Fiktivsen"].iloc[0]
    tracker.correct(int(sf["id"]), {"stance": "neutral"}, author="test")
    tracker.reject(int(other["id"]), author="test")
    found = search_statements(tracker.session(), "afgifterne")
    assert len(found) and all("afgift" in e.casefold() for e in found["evidence"])
    assert int(other["id"]) not in set(search_statements(tracker.session(), "afskaffes")["id"])
    assert len(search_articles(tracker.session(), "topskatten")) == 1

    reprocess_articles(tracker, everything=True)
    with tracker.session() as session:
        after = statements_frame(session)
        moved = after[(after["party"] == "SF") & (after["issue"] == "co2-afgift-landbrug") &
                      (after["evidence"] == sf["evidence"])]
        assert list(moved["stance"]) == ["neutral"] and bool(moved["corrected"].iloc[0])
        assert "Peter Fiktivsen" not in set(after["speaker"])  # still rejected
    assert tracker.corrections(unmatched=True).empty
    # the fix sits on the new statement (its id may be the old one's: SQLite gives the lowest free ids again)
    assert list(tracker.statement(int(moved["id"].iloc[0]))[1]["field"]) == ["stance"]
    assert len(search_statements(tracker.session(), "afgifterne")) == len(found)

    with tracker.session() as session:
        article = session.scalar(select(Article.id).where(Article.source.like("%topskat%")))
    assert tracker.delete_article(article)
    assert search_articles(tracker.session(), "topskatten").empty
    tracker.close()
