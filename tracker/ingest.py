"""Ingest: articles in, stored and queued at once, then their statements extracted and written.

    summary = ingest_articles(tracker, items)       # items: ArticleInput / ArticleError / Notice
    summary = ingest_articles(tracker, items, extract=False)   # store and queue only: `tracker work` extracts

Each batch of new articles is stored and queued in one transaction (tracker.queue: never lost, even if
extraction fails later), then goes through the pipeline (`extract_many`), in this process or in `workers`
processes, and its statements are written in one transaction by this process, for the jobs no other
worker took meanwhile. Bad input is counted and reported, never raised: a batch that fails is retried an
article at a time, so one bad article costs only itself; an article the pipeline fails on keeps its job,
marked with the error (`tracker work --retry-failed`). The extraction and writing parts serve `tracker work`
and reprocess too (tracker.work).
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

import tracker as tracker_package
from tracker.app import Tracker
from tracker.corrections.reattach import write_and_reattach
from tracker.db.models import Article, Job
from tracker.queue import fail
from tracker.readers import Notice
from tracker.sources import ArticleError, ArticleInput
from tracker.store import StatementWriter, content_hash

LOCK_RETRIES = 6  # on top of the busy timeout, when SQLite still says "database is locked"

Report = Callable[[str, str, str], None]  # (event, where, message); event: ingested, duplicate,
#                                           failed, warning or notice


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    statements: int = 0
    warnings: int = 0
    queued: int = 0  # stored, left for `tracker work` (extract=False)
    stopped: bool = False  # --strict stopped at the first error
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        warned = f" ({self.warnings} warnings)" if self.warnings else ""
        queued = f", {self.queued} queued for `tracker work`" if self.queued else ""
        return (f"{self.ingested} ingested, {self.duplicates} duplicates, {self.failed} failed, "
                f"{self.statements} statements added{queued}{warned}")


@dataclass
class Failure:
    """An article the pipeline or the database could not take."""

    message: str
    trace: str = ""


def pipeline_version() -> str:
    """The current tracker.PIPELINE_VERSION (looked up at call time)."""
    return tracker_package.PIPELINE_VERSION


def where(article: ArticleInput) -> str:
    """Where an article came from, for messages: file:line for JSONL/CSV records, else its source."""
    return article.metadata.get("origin") or article.source


def _silent(event: str, place: str, message: str) -> None:
    pass


# --- ingest ---------------------------------------------------------------------------------------

def ingest_articles(tracker: Tracker, items: Iterable[ArticleInput | ArticleError | Notice],
                    batch_size: int = 64, workers: int = 1, strict: bool = False,
                    report: Report | None = None, debug: bool = False, nlp=None,
                    extractor: Extractor | None = None, extract: bool = True) -> IngestSummary:
    """Store, queue, extract and write every article; problems are counted and reported. `strict`: stop
    at the first (articles one at a time). `extract=False`: store and queue only. `nlp`: a pipeline built
    already (else one is built from the tracker's registry); `extractor`: an Extractor made already (e.g.
    with its workers ready), left open (else one is made for this run)."""
    run = _Run(tracker, report or _silent, strict, debug)
    batches = run.fresh_batches(items, 1 if strict else batch_size)
    if not extract:
        for batch in batches:
            run.summary.queued += len(batch)
        return run.summary
    with nullcontext(extractor) if extractor else Extractor(tracker, workers, nlp) as extractor:
        if strict:  # one article at a time: nothing is stored after the first error
            pairs = ((batch, extractor.submit([a for _, a in batch])()) for batch in batches)
        else:
            pairs = extract_ahead(extractor, batches, lambda batch: [a for _, a in batch])
        for batch, results in pairs:
            if not run.write(batch, results):
                break
    return run.summary


class _Run:
    """One ingest run: sorting out problems, dropping known articles, storing, counting."""

    def __init__(self, tracker: Tracker, report: Report, strict: bool, debug: bool):
        self.tracker, self.report, self.strict, self.debug = tracker, report, strict, debug
        self.summary = IngestSummary()
        self.writer = Writer(tracker)

    def fresh_batches(self, items, size: int) -> Iterator[list[tuple[int, ArticleInput]]]:
        """Batches of (id, article) of the articles stored (and queued) now; problems reported on the way."""
        for batch in batches(items, size):
            articles = self._sort_out(batch)
            fresh, waiting = self._drop_known(articles)
            fresh = waiting + self._stored(fresh)
            if fresh:
                yield fresh
            if self.summary.stopped:
                return

    def _stored(self, articles: list[ArticleInput]) -> list[tuple[int, ArticleInput]]:
        """Store and queue the articles; (id, article) of the new ones, duplicates and failures reported."""
        stored = []
        for article, outcome in self.writer.store(articles):
            if isinstance(outcome, Failure):
                self.fail(where(article), outcome.message, outcome.trace)
            elif outcome is None:
                self.duplicate(article)
            else:
                stored.append((outcome, article))
        return stored

    def _sort_out(self, batch) -> list[ArticleInput]:
        articles = []
        for item in batch:
            if isinstance(item, Notice):
                self.report("notice", "", item.message)
            elif isinstance(item, ArticleError):
                self.fail("", str(item))
                if self.strict:
                    break
            else:
                for warning in item.metadata.get("warnings", []):
                    self.summary.warnings += 1
                    self.report("warning", where(item), warning)
                articles.append(item)
        return articles

    def _drop_known(self, articles: list[ArticleInput]) -> tuple[list[ArticleInput], list[tuple[int, ArticleInput]]]:
        """(new articles, (id, article) of stored ones whose extraction still waits in the queue, e.g. after
        a killed run); the other articles whose text is stored (or earlier in the batch) are duplicates."""
        hashed = [(article, content_hash(article.text)) for article in articles]
        with self.tracker.session() as session:
            digests = {digest for _, digest in hashed}
            rows = session.execute(select(Article.content_hash, Article.id, Job.id).outerjoin(
                Job, (Job.article_id == Article.id) & Job.error.is_(None)).where(Article.content_hash.in_(digests)))
            known = {digest: article_id if job is not None else None for digest, article_id, job in rows}
        fresh, waiting = [], []
        for article, digest in hashed:
            if digest not in known:
                known[digest] = None
                fresh.append(article)
            elif known[digest] is not None:
                waiting.append((known.pop(digest), article))
                known[digest] = None
            else:
                self.duplicate(article)
        return fresh, waiting

    def write(self, batch: list[tuple[int, ArticleInput]], results: list) -> bool:
        """Write the statements of the batch's articles the pipeline took (their jobs done); a failure keeps
        its job with the error. Strict: False after a failure."""
        extracted = []
        for (article_id, article), result in zip(batch, results):
            if isinstance(result, Failure):
                self.writer.keep_failed(article_id, result.message)
                self.fail(where(article), result.message, result.trace)
            else:
                extracted.append((article_id, article, result))
        for article, written in self.writer.save(extracted):
            if isinstance(written, Failure):
                self.fail(where(article), written.message, written.trace)
            elif written is None:  # another process wrote it meanwhile
                self.duplicate(article)
            else:
                self.summary.ingested += 1
                self.summary.statements += written
                self.report("ingested", where(article), f"{written} statements")
        return not (self.strict and self.summary.failed)

    def duplicate(self, article: ArticleInput) -> None:
        self.summary.duplicates += 1
        self.report("duplicate", where(article), "already stored")

    def fail(self, place: str, message: str, trace: str = "") -> None:
        self.summary.failed += 1
        self.summary.problems.append(f"{place}: {message}" if place else message)
        self.report("failed", place, message + (f"\n{trace}" if self.debug and trace else ""))
        if self.strict:
            self.summary.stopped = True


def batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# --- extraction -----------------------------------------------------------------------------------

class Extractor:
    """Runs the pipeline over batches of articles: here, or in `workers` processes.

    The workers start building their pipelines as soon as the Extractor is made (in parallel with
    reading the first batch); `wait_until_ready()` waits until every pipeline is built.
    """

    def __init__(self, tracker: Tracker, workers: int = 1, nlp=None):
        self.tracker = tracker
        self.ahead = 2 * workers if workers > 1 else 0  # batches in flight before the oldest is written
        self._nlp = nlp
        self._pool = None
        self._starting = []
        if workers > 1:
            context = multiprocessing.get_context()
            everyone = context.Barrier(workers)
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                             initargs=(tracker.registry, everyone, tracker.issue_catalogue))
            self._starting = [self._pool.submit(_wait_for_all_workers) for _ in range(workers)]

    def wait_until_ready(self) -> Extractor:
        """Wait until the pipeline is built: here, or in every worker."""
        if self._pool is None:
            self.nlp  # noqa: B018 - builds it
        for started in self._starting:
            started.result()
        return self

    def submit(self, articles: list[ArticleInput]) -> Callable[[], list]:
        """Start extracting; the returned function gives a list (candidates or Failure) per article."""
        if self._pool is not None:
            return self._pool.submit(_extract_in_worker, articles).result
        return lambda: extract_batch(self.nlp, articles)

    @property
    def nlp(self):
        if self._nlp is None:
            from tracker.nlp.pipeline import build_pipeline

            self._nlp = build_pipeline(self.tracker.registry, issues=self.tracker.issue_catalogue)
        return self._nlp

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def extract_ahead(extractor: Extractor, batches: Iterable, articles_of) -> Iterator[tuple[list, list]]:
    """(batch, results) in order, keeping `extractor.ahead` batches in the workers meanwhile."""
    pending = deque()
    for batch in batches:
        pending.append((batch, extractor.submit(articles_of(batch))))
        if len(pending) > extractor.ahead:
            batch, result = pending.popleft()
            yield batch, result()
    while pending:
        batch, result = pending.popleft()
        yield batch, result()


def extract_batch(nlp, articles: list[ArticleInput]) -> list:
    """Candidates per article with one `extract_many`; if that fails, article by article (a Failure each)."""
    from tracker.nlp.pipeline import extract_many

    try:
        results = list(extract_many(nlp, articles))
        if len(results) == len(articles):
            return results
    except Exception:  # noqa: BLE001 - find the article that broke it, below
        pass
    return [_extract_one(nlp, article) for article in articles]


def _extract_one(nlp, article: ArticleInput):
    from tracker.nlp.pipeline import extract_many

    try:
        return next(extract_many(nlp, [article]))
    except Exception as error:  # noqa: BLE001 - one bad article must not stop the run
        return Failure(f"extraction failed ({type(error).__name__}: {error})", traceback.format_exc())


_worker_nlp = None
_all_workers = None


def _start_worker(registry, everyone, issues=None) -> None:
    global _worker_nlp, _all_workers
    from tracker.nlp.pipeline import build_pipeline

    _worker_nlp = build_pipeline(registry, issues=issues)
    _all_workers = everyone


def _wait_for_all_workers() -> None:
    """A worker's first task: done when every worker has built its pipeline (one such task each:
    a worker waiting here takes no other task, so each worker gets exactly one)."""
    _all_workers.wait(timeout=600)


def _extract_in_worker(articles: list[ArticleInput]) -> list:
    return extract_batch(_worker_nlp, articles)


# --- writing --------------------------------------------------------------------------------------

class Writer:
    """Stores articles and writes extracted statements: one transaction a batch, retried while the database
    is locked; a batch that fails is done an article at a time."""

    def __init__(self, tracker: Tracker):
        self.tracker = tracker

    def store(self, articles: list[ArticleInput]) -> list[tuple]:
        """(article, id, None for a duplicate, or Failure) for each, stored and queued."""
        if not articles:
            return []
        try:
            return list(zip(articles, self.transaction(lambda writer: writer.store_articles(articles))))
        except SQLAlchemyError:
            pass
        return [(article, self.save_one(lambda writer: writer.store_articles([article])[0]))
                for article in articles]

    def save(self, extracted: list[tuple[int, ArticleInput, list]], session: Session | None = None) -> list[tuple]:
        """(article, statements written, None when another worker did it, or Failure) for each (id, article,
        candidates); `session`: write in this open transaction (a worker's claim) instead of a new one."""
        if not extracted:
            return []
        rows = [(article_id, article.published, candidates) for article_id, article, candidates in extracted]
        try:
            written = self.transaction(lambda writer: write_and_reattach(writer, self.tracker, rows), session)
            return [(article, written.get(article_id)) for article_id, article, _ in extracted]
        except SQLAlchemyError:
            if session is not None:
                session.rollback()
        return [(article, self.save_one(lambda writer: write_and_reattach(writer, self.tracker, [row]).get(row[0])))
                for row, (_, article, _) in zip(rows, extracted)]

    def keep_failed(self, article_id: int, message: str) -> None:
        """Mark the article's job with the error (the article stays stored, its job waits for a retry)."""
        self.save_one(lambda writer: fail(writer.session, article_id, message))

    def save_one(self, work):
        """work(writer) in a transaction of its own; a database error becomes a Failure."""
        try:
            return self.transaction(work)
        except SQLAlchemyError as error:
            return Failure(f"could not store ({type(error).__name__}: {_first_line(error)})", traceback.format_exc())

    def transaction(self, work, session: Session | None = None):
        """work(StatementWriter) in one transaction (or in `session`'s, committed), retried (with a pause)
        while the database is locked."""
        if session is not None:
            result = work(StatementWriter(session, pipeline_version=pipeline_version()))
            session.commit()
            return result
        for attempt in range(LOCK_RETRIES + 1):
            try:
                with self.tracker.session() as session, session.begin():
                    return work(StatementWriter(session, pipeline_version=pipeline_version()))
            except OperationalError as error:
                if "locked" not in str(error) or attempt == LOCK_RETRIES:
                    raise
                time.sleep(min(0.1 * 2 ** attempt, 3.0))


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else ""
