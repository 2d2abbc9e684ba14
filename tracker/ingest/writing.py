"""Writing extracted articles: one transaction a batch, waiting a bounded time for another writer's lock.

An error of one article's write costs only that article (it becomes a Failure). An error no later write
can escape (full disk, read-only database, a lock held past --lock-wait) raises WritingStopped, which
ends the run in one line; what was written before stays.
"""

from __future__ import annotations

import time
import traceback

from sqlalchemy.exc import SQLAlchemyError

import tracker as tracker_package
from tracker.app import Tracker
from tracker.db.errors import WritingStopped, is_locked, one_line, stopping_reason
from tracker.ingest.outcomes import Failure
from tracker.sources import ArticleInput
from tracker.store import StatementWriter


def pipeline_version() -> str:
    """The current tracker.PIPELINE_VERSION (looked up at call time)."""
    return tracker_package.PIPELINE_VERSION


class Writer:
    """Writes extracted articles: one transaction a batch, retried while the database is locked."""

    def __init__(self, tracker: Tracker):
        self.tracker = tracker
        self.lock_wait = getattr(tracker, "lock_wait", 60.0)

    def save(self, extracted: list[tuple[ArticleInput, list]], stop_at_failure: bool = False) -> list[tuple]:
        """(article, Saved or Failure) for each; a batch that fails is written an article at a time.
        WritingStopped carries the outcomes before it (`outcomes`)."""
        if not extracted:
            return []
        try:
            saved = self.transaction(lambda writer: writer.save_articles(extracted))
            return list(zip((a for a, _ in extracted), saved))
        except WritingStopped as stop:
            stop.outcomes = []
            raise
        except Exception:  # noqa: BLE001 - find the article that broke it, below
            pass
        outcomes = []
        for article, candidates in extracted:
            try:
                outcome = self.save_one(lambda writer: writer.save_article(article, candidates))
            except WritingStopped as stop:
                stop.outcomes = outcomes
                raise
            outcomes.append((article, outcome))
            if stop_at_failure and isinstance(outcome, Failure):
                break
        return outcomes

    def save_one(self, work):
        """work(writer) in a transaction of its own; an error of this write alone becomes a Failure."""
        try:
            return self.transaction(work)
        except WritingStopped:
            raise
        except Exception as error:  # noqa: BLE001 - one bad article must not stop the run
            return Failure(f"could not store ({type(error).__name__}: {one_line(error)})", traceback.format_exc())

    def transaction(self, work):
        """work(StatementWriter) in one transaction, retried (with a pause) while the database is locked,
        for at most the lock wait in all."""
        deadline, attempt = time.monotonic() + self.lock_wait, 0
        while True:
            try:
                with self.tracker.session() as session, session.begin():
                    return work(StatementWriter(session, pipeline_version=pipeline_version()))
            except SQLAlchemyError as error:
                left = deadline - time.monotonic()
                if is_locked(error) and left > 0:
                    time.sleep(min(0.1 * 2 ** attempt, 1.0, left))
                    attempt += 1
                    continue
                reason = stopping_reason(error, self.lock_wait)
                if reason is not None:
                    raise WritingStopped(reason) from error
                raise
