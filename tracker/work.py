"""`tracker work`: extraction jobs from the queue (tracker.queue), on any number of machines; and
reprocess, which queues stored articles again and works through them.

    summary = work_queue(tracker)                       # until the queue is empty
    summary = reprocess_articles(tracker, since=date(2024, 1, 1))

A worker claims a batch of jobs (PostgreSQL: ``FOR UPDATE SKIP LOCKED``, held by its open transaction
while it extracts), runs the pipeline, and writes the statements and deletes the jobs in that same
transaction. A worker that dies loses its transaction and the jobs are at once free for the others;
nothing is stored twice, since the statements and the job's removal commit together. On SQLite (one
writer at a time, no row locks) the claim is a plain read; at write time the DELETE of the job decides
who writes, so two workers never store an article twice either (one may extract it in vain).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracker.app import Tracker
from tracker.db.errors import WritingStopped
from tracker.db.models import Article
from tracker.ingest import BATCH_CHARS, Extractor, Failure, Report, Writer, batches, pipeline_version, silent
from tracker.queue import MAX_ATTEMPTS, claim, enqueue, retry_failed
from tracker.sources import ArticleInput

POLL_SECONDS = 1.0


@dataclass
class WorkSummary:
    done: int = 0
    failed: int = 0
    statements: int = 0
    skipped: int = 0  # extracted, but another worker wrote it first (SQLite only)
    retried: int = 0  # attempts that failed, their jobs queued again (each article's last is in `failed`)
    stop_reason: str | None = None  # why nothing more could be written (a full disk, a lock held too long)

    def line(self) -> str:
        skipped = f", {self.skipped} done by another worker" if self.skipped else ""
        retried = f", {self.retried} failed attempts queued again" if self.retried else ""
        return (f"{self.done} articles extracted, {self.failed} failed, {self.statements} statements written"
                f"{skipped}{retried}")


@dataclass
class Retry:
    """A failed attempt at a job that is queued again: the failure and the attempts failed so far."""

    failure: Failure
    attempts: int


def work_queue(tracker: Tracker, batch_size: int = 16, workers: int = 1, idle: float = 0.0,
               article_ids: list[int] | None = None, retry: bool = False, report: Report | None = None,
               debug: bool = False, nlp=None, limit: int | None = None,
               max_attempts: int = MAX_ATTEMPTS) -> WorkSummary:
    """Extract queued articles until the queue has been empty for `idle` seconds (or `limit` articles are
    done). `article_ids`: only these articles' jobs. `retry`: first put failed jobs back in the queue.
    A job whose extraction (or writing) fails is queued again until `max_attempts` attempts have failed,
    then failed with its error (tracker.queue.fail).
    An error no later write escapes (full disk, read-only database, a lock held past the wait) ends the
    run with its `stop_reason`; the jobs not done stay queued."""
    if retry:
        with tracker.session() as session, session.begin():
            retry_failed(session)
    chunks = None if article_ids is None else list(batches(article_ids, batch_size))
    with Extractor(tracker, workers, nlp) as extractor:
        work = _Work(tracker, extractor, report or silent, debug, max_attempts)
        try:
            work.until_idle(batch_size, idle, chunks, limit)
        except WritingStopped as stop:
            work.summary.stop_reason = str(stop)
    return work.summary


class _Work:
    """One `tracker work` run: claiming batches of jobs, extracting, writing, counting."""

    def __init__(self, tracker: Tracker, extractor: Extractor, report: Report, debug: bool,
                 max_attempts: int = MAX_ATTEMPTS):
        self.tracker, self.extractor, self.report, self.debug = tracker, extractor, report, debug
        self.max_attempts = max_attempts
        self.writer = Writer(tracker)
        self.summary = WorkSummary()

    def until_idle(self, batch_size: int, idle: float, chunks: list[list[int]] | None, limit: int | None) -> None:
        """Batches until the queue (or `chunks`, the articles' ids to do) is done, or `limit` articles."""
        quiet_since = time.monotonic()
        while limit is None or self.taken < limit:
            if chunks is not None and not chunks:
                break
            only = chunks.pop(0) if chunks else None
            size = batch_size if limit is None else min(batch_size, limit - self.taken)
            claimed, left = self.one_batch(size, only)
            if only is not None and left:
                chunks.insert(0, left)
            if claimed or only is not None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= idle:
                break
            else:
                time.sleep(POLL_SECONDS)

    @property
    def taken(self) -> int:
        return self.summary.done + self.summary.failed

    def one_batch(self, size: int, only: list[int] | None) -> tuple[int, list[int]]:
        """Claim, extract and write one batch of jobs: (the number done, 0 when the queue is empty; the ids
        claimed but left for a later batch, which would have held more than BATCH_CHARS characters)."""
        session = self.tracker.session()
        try:
            session.begin()
            claimed = claim(session, size, only)
            ids = within_chars(session, claimed)
            articles = load_articles(session, ids) if ids else []
            if not articles:
                return 0, []
            hold = session if session.get_bind().dialect.name == "postgresql" else None
            if hold is None:
                session.commit()  # SQLite: end the read; the write takes the lock and the DELETE decides
            results = self.extractor.submit([article for _, article in articles])()
            self.write(articles, results, hold)
            return len(articles), claimed[len(ids):]
        finally:
            session.close()

    def write(self, articles: list[tuple[int, ArticleInput]], results: list, hold) -> None:
        """The statements of the articles extracted (in `hold`, the claim's transaction, on PostgreSQL);
        a failed attempt (extraction, or writing the statements) counted on its job (queue.fail: failed
        after `max_attempts`); each counted, also when writing stops midway (WritingStopped)."""
        extracted = [(id_, article, result) for (id_, article), result in zip(articles, results)
                     if not isinstance(result, Failure)]
        failures = [(id_, article, result) for (id_, article), result in zip(articles, results)
                    if isinstance(result, Failure)]
        outcomes = []
        try:
            for (id_, article, _), (_, outcome) in zip(extracted, self.writer.save(extracted, session=hold)):
                if isinstance(outcome, Failure):
                    failures.append((id_, article, outcome))
                else:
                    outcomes.append((article, outcome))
            if hold is not None:  # the claim's row locks go before the failed jobs are marked (in a transaction
                hold.commit()     # of their own, which would wait for them)
            for id_, article, failure in failures:
                attempts = self.writer.keep_failed(id_, failure.message, self.max_attempts)
                outcomes.append((article, Retry(failure, attempts) if isinstance(attempts, int) else failure))
        except WritingStopped as stop:
            outcomes += getattr(stop, "outcomes", [])
            raise
        finally:
            for article, outcome in outcomes:
                self.count(article, outcome)

    def count(self, article: ArticleInput, outcome) -> None:
        summary = self.summary
        if isinstance(outcome, Retry):
            summary.retried += 1
            self.report("retry", article.source, f"{outcome.failure.message} (attempt {outcome.attempts} of "
                                                 f"{self.max_attempts} failed; queued again)")
        elif isinstance(outcome, Failure):
            summary.failed += 1
            given_up = f" (failed {self.max_attempts} times: the job is failed; `tracker work --retry-failed` " \
                       "tries again)" if self.max_attempts > 1 else ""
            self.report("failed", article.source, outcome.message + given_up
                        + (f"\n{outcome.trace}" if self.debug else ""))
        elif outcome is None:
            summary.skipped += 1
        else:
            summary.done += 1
            summary.statements += outcome
            self.report("extracted", article.source, f"{outcome} statements")


def within_chars(session, ids: list[int]) -> list[int]:
    """The first of the claimed articles, holding at most BATCH_CHARS characters in all (or the first alone):
    the documents in memory stay bounded whatever the batch size. The others stay queued."""
    if len(ids) <= 1:
        return ids
    lengths = dict(session.execute(select(Article.id, func.length(Article.text)).where(Article.id.in_(ids))).all())
    return next(batches(ids, len(ids), BATCH_CHARS, length=lambda id_: lengths.get(id_) or 0))


def load_articles(session, ids: list[int]) -> list[tuple[int, ArticleInput]]:
    """(id, ArticleInput) for stored articles, as the pipeline takes them, in id order."""
    rows = session.scalars(select(Article).where(Article.id.in_(ids)).order_by(Article.id)).all()
    return [(row.id, ArticleInput(text=row.text, source=row.source, published=row.published,
                                  date_precision=row.date_precision, title=row.title, outlet=row.outlet,
                                  url=row.url, metadata=dict(row.meta or {}))) for row in rows]


# --- reprocess ------------------------------------------------------------------------------------

@dataclass
class ReprocessSummary:
    reprocessed: int = 0
    failed: int = 0
    statements: int = 0
    queued: int = 0
    stop_reason: str | None = None  # why nothing more could be written

    def line(self) -> str:
        if self.queued and not (self.reprocessed or self.failed or self.stop_reason):
            return f"{self.queued} articles queued for `tracker work`"
        return f"{self.reprocessed} reprocessed, {self.failed} failed, {self.statements} statements written"


def reprocess_articles(tracker: Tracker, since: date | None = None, everything: bool = False,
                       batch_size: int = 64, workers: int = 1, report: Report | None = None,
                       debug: bool = False, queue_only: bool = False) -> ReprocessSummary:
    """Queue stored articles for the current pipeline (those of older pipeline versions unless
    `everything`), then (unless `queue_only`) extract them here: each batch's statements replaced in one
    transaction; texts are kept, and an article that fails keeps its old statements."""
    ids = articles_to_redo(tracker, since, everything)
    for chunk in batches(ids, 2_000):
        with tracker.session() as session, session.begin():
            enqueue(session, chunk)
    if queue_only:
        return ReprocessSummary(queued=len(ids))
    done = work_queue(tracker, batch_size, workers, article_ids=ids, retry=False, report=report, debug=debug,
                      max_attempts=1)  # each article once: one that fails keeps its old statements
    return ReprocessSummary(done.done, done.failed, done.statements, len(ids), done.stop_reason)


def articles_to_redo(tracker: Tracker, since: date | None, everything: bool) -> list[int]:
    """Ids of the stored articles to reprocess, oldest first."""
    query = select(Article.id).order_by(Article.id)
    if since is not None:
        query = query.where(Article.published >= since)
    if not everything:
        query = query.where(Article.pipeline_version != pipeline_version())
    with tracker.session() as session:
        return list(session.scalars(query))


