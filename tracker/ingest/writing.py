"""Writing extracted articles: one transaction a batch, retried while the database is locked."""

from __future__ import annotations

import time
import traceback

from sqlalchemy.exc import OperationalError, SQLAlchemyError

import tracker as tracker_package
from tracker.app import Tracker
from tracker.ingest.outcomes import Failure, first_line
from tracker.sources import ArticleInput
from tracker.store import StatementWriter

LOCK_RETRIES = 6  # on top of the busy timeout, when SQLite still says "database is locked"


def pipeline_version() -> str:
    """The current tracker.PIPELINE_VERSION (looked up at call time)."""
    return tracker_package.PIPELINE_VERSION


class Writer:
    """Writes extracted articles: one transaction a batch, retried while the database is locked."""

    def __init__(self, tracker: Tracker):
        self.tracker = tracker

    def save(self, extracted: list[tuple[ArticleInput, list]], stop_at_failure: bool = False) -> list[tuple]:
        """(article, Saved or Failure) for each; a batch that fails is written an article at a time."""
        if not extracted:
            return []
        try:
            saved = self.transaction(lambda writer: writer.save_articles(extracted))
            return list(zip((a for a, _ in extracted), saved))
        except SQLAlchemyError:
            pass
        outcomes = []
        for article, candidates in extracted:
            outcome = self.save_one(lambda writer: writer.save_article(article, candidates))
            outcomes.append((article, outcome))
            if stop_at_failure and isinstance(outcome, Failure):
                break
        return outcomes

    def save_one(self, work):
        """work(writer) in a transaction of its own; a database error becomes a Failure."""
        try:
            return self.transaction(work)
        except SQLAlchemyError as error:
            return Failure(f"could not store ({type(error).__name__}: {first_line(error)})", traceback.format_exc())

    def transaction(self, work):
        """work(StatementWriter) in one transaction, retried (with a pause) while the database is locked."""
        for attempt in range(LOCK_RETRIES + 1):
            try:
                with self.tracker.session() as session, session.begin():
                    return work(StatementWriter(session, pipeline_version=pipeline_version()))
            except OperationalError as error:
                if "locked" not in str(error) or attempt == LOCK_RETRIES:
                    raise
                time.sleep(min(0.1 * 2 ** attempt, 3.0))
