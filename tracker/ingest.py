"""Ingest: articles in, statements stored; and reprocess: stored articles through the current pipeline.

    summary = ingest_articles(tracker, items)       # items: ArticleInput / ArticleError / Notice
    summary = reprocess_articles(tracker, since=date(2024, 1, 1))

Articles go through the pipeline in batches (`nlp.pipe`), in this process or in `workers` processes,
and each batch is written in one transaction by this process. Bad input is counted and reported,
never raised: a batch that fails is retried an article at a time, so one bad article costs only itself.
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

import tracker as tracker_package
from tracker.app import Tracker
from tracker.db.models import Article
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
    stopped: bool = False  # --strict stopped at the first error
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        warned = f" ({self.warnings} warnings)" if self.warnings else ""
        return (f"{self.ingested} ingested, {self.duplicates} duplicates, {self.failed} failed, "
                f"{self.statements} statements added{warned}")


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
                    extractor: Extractor | None = None) -> IngestSummary:
    """Extract and store every article; problems are counted and reported. `strict`: stop at the first.
    `nlp`: a pipeline built already (else one is built from the tracker's registry); `extractor`: an
    Extractor made already (e.g. with its workers ready), left open (else one is made for this run)."""
    run = _Run(tracker, report or _silent, strict, debug)
    with nullcontext(extractor) if extractor else Extractor(tracker, workers, nlp) as extractor:
        batches = run.fresh_batches(items, batch_size)
        for batch, results in extract_ahead(extractor, batches, lambda batch: batch):
            if not run.store(batch, results):
                break
    return run.summary


class _Run:
    """One ingest run: sorting out problems, dropping known articles, storing, counting."""

    def __init__(self, tracker: Tracker, report: Report, strict: bool, debug: bool):
        self.tracker, self.report, self.strict, self.debug = tracker, report, strict, debug
        self.summary = IngestSummary()
        self.writer = Writer(tracker)

    def fresh_batches(self, items, size: int) -> Iterator[list[ArticleInput]]:
        """Batches of the articles not stored yet; problems reported on the way."""
        for batch in batches(items, size):
            articles = self._sort_out(batch)
            fresh = self._drop_known(articles)
            if fresh:
                yield fresh
            if self.summary.stopped:
                return

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

    def _drop_known(self, articles: list[ArticleInput]) -> list[ArticleInput]:
        """Articles whose text is stored already (or earlier in the batch) are duplicates."""
        hashed = [(article, content_hash(article.text)) for article in articles]
        with self.tracker.session() as session:
            digests = {digest for _, digest in hashed}
            known = set(session.scalars(select(Article.content_hash).where(Article.content_hash.in_(digests))))
        fresh = []
        for article, digest in hashed:
            if digest in known:
                self.duplicate(article)
            else:
                known.add(digest)
                fresh.append(article)
        return fresh

    def store(self, batch: list[ArticleInput], results: list) -> bool:
        """Write the batch's articles the pipeline took; strict: only those before a failure, then False."""
        extracted = []
        for article, result in zip(batch, results):
            if isinstance(result, Failure):
                self.fail(where(article), result.message, result.trace)
                if self.strict:
                    break
            else:
                extracted.append((article, result))
        for article, saved in self.writer.save(extracted, stop_at_failure=self.strict):
            if isinstance(saved, Failure):
                self.fail(where(article), saved.message, saved.trace)
            elif saved.article_id is None:
                self.duplicate(article)
            else:
                self.summary.ingested += 1
                self.summary.statements += saved.statements
                self.report("ingested", where(article), f"{saved.statements} statements")
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

            self._nlp = build_pipeline(self.tracker.registry, self.tracker.issue_catalogue)
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
    """Candidates per article with one `nlp.pipe`; if that fails, article by article (a Failure each)."""
    from tracker.nlp.pipeline import extract_many

    try:
        results = [_candidates(item) for item in extract_many(nlp, articles)]
        if len(results) == len(articles):
            return results
    except Exception:  # noqa: BLE001 - find the article that broke it, below
        pass
    return [_extract_one(nlp, article) for article in articles]


def _extract_one(nlp, article: ArticleInput):
    from tracker.nlp.pipeline import extract_many

    try:
        return [_candidates(item) for item in extract_many(nlp, [article])][0]
    except Exception as error:  # noqa: BLE001 - one bad article must not stop the run
        return Failure(f"extraction failed ({type(error).__name__}: {error})", traceback.format_exc())


def _candidates(item) -> list:
    """extract_many yields (article, candidates); accept bare candidate lists too."""
    return list(item[1]) if isinstance(item, tuple) else list(item)


_worker_nlp = None
_all_workers = None


def _start_worker(registry, everyone, issues=None) -> None:
    global _worker_nlp, _all_workers
    from tracker.nlp.pipeline import build_pipeline

    _worker_nlp = build_pipeline(registry, issues)
    _all_workers = everyone


def _wait_for_all_workers() -> None:
    """A worker's first task: done when every worker has built its pipeline (one such task each:
    a worker waiting here takes no other task, so each worker gets exactly one)."""
    _all_workers.wait(timeout=600)


def _extract_in_worker(articles: list[ArticleInput]) -> list:
    return extract_batch(_worker_nlp, articles)


# --- writing --------------------------------------------------------------------------------------

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
            return Failure(f"could not store ({type(error).__name__}: {_first_line(error)})", traceback.format_exc())

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


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else ""


# --- reprocess ------------------------------------------------------------------------------------

@dataclass
class ReprocessSummary:
    reprocessed: int = 0
    failed: int = 0
    statements: int = 0

    def line(self) -> str:
        return f"{self.reprocessed} reprocessed, {self.failed} failed, {self.statements} statements written"


def reprocess_articles(tracker: Tracker, since: date | None = None, everything: bool = False,
                       batch_size: int = 64, workers: int = 1, report: Report | None = None,
                       debug: bool = False) -> ReprocessSummary:
    """Re-run the current pipeline on stored articles (those of older pipeline versions unless
    `everything`), replacing each article's statements in a transaction of its own; texts are kept."""
    report = report or _silent
    summary = ReprocessSummary()
    writer = Writer(tracker)
    ids = articles_to_redo(tracker, since, everything)
    with Extractor(tracker, workers) as extractor:
        stored = (load_articles(tracker, chunk) for chunk in batches(ids, batch_size))
        for batch, results in extract_ahead(extractor, stored, lambda batch: [a for _, a in batch]):
            for (article_id, article), candidates in zip(batch, results):
                outcome = candidates if isinstance(candidates, Failure) else writer.save_one(
                    lambda w: w.replace_statements(article_id, article.published, candidates))
                if isinstance(outcome, Failure):
                    summary.failed += 1
                    report("failed", article.source, outcome.message + (f"\n{outcome.trace}" if debug else ""))
                    continue
                summary.reprocessed += 1
                summary.statements += outcome
                report("reprocessed", article.source, f"{outcome} statements")
    return summary


def articles_to_redo(tracker: Tracker, since: date | None, everything: bool) -> list[int]:
    """Ids of the stored articles to reprocess, oldest first."""
    query = select(Article.id).order_by(Article.id)
    if since is not None:
        query = query.where(Article.published >= since)
    if not everything:
        query = query.where(Article.pipeline_version != pipeline_version())
    with tracker.session() as session:
        return list(session.scalars(query))


def load_articles(tracker: Tracker, ids: list[int]) -> list[tuple[int, ArticleInput]]:
    """(id, ArticleInput) for stored articles, as the pipeline takes them."""
    with tracker.session() as session:
        rows = session.scalars(select(Article).where(Article.id.in_(ids)).order_by(Article.id)).all()
        return [(row.id, ArticleInput(text=row.text, source=row.source, published=row.published,
                                      date_precision=row.date_precision, title=row.title, outlet=row.outlet,
                                      url=row.url, metadata=dict(row.meta or {}))) for row in rows]
