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

from sqlalchemy import select

from tracker.app import Tracker
from tracker.db.models import Article
from tracker.ingest import Extractor, Failure, Report, Writer, batches, pipeline_version
from tracker.queue import claim, enqueue, retry_failed
from tracker.sources import ArticleInput

POLL_SECONDS = 1.0


@dataclass
class WorkSummary:
    done: int = 0
    failed: int = 0
    statements: int = 0
    skipped: int = 0  # extracted, but another worker wrote it first (SQLite only)

    def line(self) -> str:
        skipped = f", {self.skipped} done by another worker" if self.skipped else ""
        return f"{self.done} articles extracted, {self.failed} failed, {self.statements} statements written{skipped}"


def work_queue(tracker: Tracker, batch_size: int = 16, workers: int = 1, idle: float = 0.0,
               article_ids: list[int] | None = None, retry: bool = False, report: Report | None = None,
               debug: bool = False, nlp=None, limit: int | None = None) -> WorkSummary:
    """Extract queued articles until the queue has been empty for `idle` seconds (or `limit` articles are
    done). `article_ids`: only these articles' jobs. `retry`: first put failed jobs back in the queue."""
    report = report or (lambda *args: None)
    summary, writer = WorkSummary(), Writer(tracker)
    if retry:
        with tracker.session() as session, session.begin():
            retry_failed(session)
    chunks = [article_ids[i:i + batch_size] for i in range(0, len(article_ids), batch_size)] if article_ids \
        is not None else None
    with Extractor(tracker, workers, nlp) as extractor:
        quiet_since = time.monotonic()
        while limit is None or summary.done + summary.failed < limit:
            only = chunks.pop(0) if chunks else None
            if chunks is not None and only is None:
                break
            size = batch_size if limit is None else min(batch_size, limit - summary.done - summary.failed)
            if _one_batch(tracker, extractor, writer, size, only, summary, report, debug) or only is not None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= idle:
                break
            else:
                time.sleep(POLL_SECONDS)
    return summary


def _one_batch(tracker: Tracker, extractor: Extractor, writer: Writer, size: int, only: list[int] | None,
               summary: WorkSummary, report: Report, debug: bool) -> int:
    """Claim, extract and write one batch of jobs; the number claimed (0: the queue is empty)."""
    session = tracker.session()
    try:
        session.begin()
        ids = claim(session, size, only)
        articles = load_articles(session, ids) if ids else []
        if not articles:
            return 0
        hold = session if session.get_bind().dialect.name == "postgresql" else None
        if hold is None:
            session.commit()  # SQLite: end the read; the write takes the lock and the DELETE decides
        results = extractor.submit([article for _, article in articles])()
        extracted = [(id_, article, result) for (id_, article), result in zip(articles, results)
                     if not isinstance(result, Failure)]
        failures = [(id_, article, result) for (id_, article), result in zip(articles, results)
                    if isinstance(result, Failure)]
        outcomes = writer.save(extracted, session=hold)
        for id_, article, failure in failures:
            writer.keep_failed(id_, failure.message)
            outcomes.append((article, failure))
        for article, outcome in outcomes:
            _count(summary, report, article, outcome, debug)
        return len(articles)
    finally:
        session.close()


def _count(summary: WorkSummary, report: Report, article: ArticleInput, outcome, debug: bool) -> None:
    if isinstance(outcome, Failure):
        summary.failed += 1
        report("failed", article.source, outcome.message + (f"\n{outcome.trace}" if debug else ""))
    elif outcome is None:
        summary.skipped += 1
    else:
        summary.done += 1
        summary.statements += outcome
        report("extracted", article.source, f"{outcome} statements")


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

    def line(self) -> str:
        if self.queued and not (self.reprocessed or self.failed):
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
    done = work_queue(tracker, batch_size, workers, article_ids=ids, retry=False, report=report, debug=debug)
    return ReprocessSummary(done.done, done.failed, done.statements, len(ids))


def articles_to_redo(tracker: Tracker, since: date | None, everything: bool) -> list[int]:
    """Ids of the stored articles to reprocess, oldest first."""
    query = select(Article.id).order_by(Article.id)
    if since is not None:
        query = query.where(Article.published >= since)
    if not everything:
        query = query.where(Article.pipeline_version != pipeline_version())
    with tracker.session() as session:
        return list(session.scalars(query))


