"""Storing articles and writing their statements: one transaction a batch, waiting a bounded time for
another writer's lock.

An error of one article's write costs only that article (it becomes a Failure). An error no later write
can escape (full disk, read-only database, a lock held past --lock-wait) raises WritingStopped, which
ends the run in one line; what was written before stays (its `outcomes`: those of the articles before).
"""

from __future__ import annotations

import time
import traceback

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

import tracker as tracker_package
from tracker.app import Tracker
from tracker.corrections.reattach import write_and_reattach
from tracker.db.errors import WritingStopped, is_locked, one_line, stopping_reason
from tracker.ingest.outcomes import Failure
from tracker.queue import fail
from tracker.sources import ArticleInput
from tracker.store import StatementWriter


def pipeline_version() -> str:
    """The current tracker.PIPELINE_VERSION (looked up at call time)."""
    return tracker_package.PIPELINE_VERSION


class Writer:
    """Stores articles and writes extracted statements: one transaction a batch, retried while the database
    is locked; a batch that fails is done an article at a time."""

    def __init__(self, tracker: Tracker):
        self.tracker = tracker
        self.lock_wait = getattr(tracker, "lock_wait", 60.0)

    def store(self, articles: list[ArticleInput]) -> list[tuple]:
        """(article, id, None for a duplicate, or Failure) for each, stored and queued."""
        if not articles:
            return []
        try:
            return list(zip(articles, self.transaction(lambda writer: writer.store_articles(articles))))
        except WritingStopped as stop:
            stop.outcomes = []
            raise
        except Exception:  # noqa: BLE001 - find the article that broke it, below
            pass
        return self._one_by_one([(article, article) for article in articles],
                                lambda article: lambda writer: writer.store_articles([article])[0])

    def save(self, extracted: list[tuple[int, ArticleInput, list]], session: Session | None = None) -> list[tuple]:
        """(article, statements written, None when another worker did it, or Failure) for each (id, article,
        candidates); `session`: write in this open transaction (a worker's claim) instead of a new one."""
        if not extracted:
            return []
        rows = [(article_id, article.published, candidates) for article_id, article, candidates in extracted]
        try:
            written = self.transaction(lambda writer: write_and_reattach(writer, self.tracker, rows), session)
            return [(article, written.get(article_id)) for article_id, article, _ in extracted]
        except WritingStopped as stop:
            stop.outcomes = []
            raise
        except Exception:  # noqa: BLE001 - find the article that broke it, below
            if session is not None:
                session.rollback()
        def one(row):
            return lambda writer: write_and_reattach(writer, self.tracker, [row]).get(row[0])

        return self._one_by_one([(article, row) for row, (_, article, _) in zip(rows, extracted)], one)

    def keep_failed(self, article_id: int, message: str, allowed: int = 1):
        """Count a failed attempt at the article's job (the article stays stored); after `allowed` the job
        is failed, with the error, and waits for a retry. The attempts so far, or None when failed now
        (tracker.queue.fail)."""
        return self.save_one(lambda writer: fail(writer.session, article_id, message, allowed))

    def _one_by_one(self, items: list[tuple[ArticleInput, object]], work_for) -> list[tuple]:
        """(article, outcome) of work_for(what) for each (article, what), in a transaction each;
        WritingStopped carries the outcomes before it."""
        outcomes = []
        for article, what in items:
            try:
                outcomes.append((article, self.save_one(work_for(what))))
            except WritingStopped as stop:
                stop.outcomes = outcomes
                raise
        return outcomes

    def save_one(self, work):
        """work(writer) in a transaction of its own; an error of this write alone becomes a Failure."""
        try:
            return self.transaction(work)
        except WritingStopped:
            raise
        except Exception as error:  # noqa: BLE001 - one bad article must not stop the run
            return Failure(f"could not store ({type(error).__name__}: {one_line(error)})", traceback.format_exc())

    def transaction(self, work, session: Session | None = None):
        """work(StatementWriter) in one transaction (or in `session`'s, committed), retried (with a pause)
        while the database is locked, for at most the lock wait in all."""
        if session is not None:
            try:
                result = work(StatementWriter(session, pipeline_version=pipeline_version()))
                session.commit()
                return result
            except SQLAlchemyError as error:
                self._stop_if_hopeless(error)
                raise
        deadline, attempt = time.monotonic() + self.lock_wait, 0
        while True:
            try:
                with self.tracker.session() as new, new.begin():
                    return work(StatementWriter(new, pipeline_version=pipeline_version()))
            except SQLAlchemyError as error:
                left = deadline - time.monotonic()
                if is_locked(error) and left > 0:
                    time.sleep(min(0.1 * 2 ** attempt, 1.0, left))
                    attempt += 1
                    continue
                self._stop_if_hopeless(error)
                raise

    def _stop_if_hopeless(self, error: SQLAlchemyError) -> None:
        """WritingStopped for an error no later write can escape (full disk, read-only, a lock held too long)."""
        reason = stopping_reason(error, self.lock_wait)
        if reason is not None:
            raise WritingStopped(reason) from error
