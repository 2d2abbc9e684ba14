"""Ingest: articles in, stored and queued at once, then their statements extracted and written; problems
counted and reported, never raised.

Each batch of new articles is stored and queued in one transaction (tracker.queue: never lost, even if
extraction fails later), then goes through the pipeline, and its statements are written in one transaction,
for the jobs no other worker took meanwhile. An article the pipeline fails on keeps its job, marked with
the error (`tracker work --retry-failed`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import select

from tracker.app import Tracker
from tracker.db.errors import WritingStopped
from tracker.db.models import Article, Job
from tracker.ingest.extraction import Extractor, extract_ahead
from tracker.ingest.outcomes import Failure, Report, silent
from tracker.ingest.writing import Writer
from tracker.readers import Notice
from tracker.sources import ArticleError, ArticleInput
from tracker.store import content_hash


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    statements: int = 0
    warnings: int = 0
    queued: int = 0  # stored, left for `tracker work` (extract=False)
    stopped: bool = False  # --strict stopped at the first error, or writing stopped (stop_reason)
    stop_reason: str | None = None  # why nothing more could be written (a full disk, a lock held too long)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        warned = f" ({self.warnings} warnings)" if self.warnings else ""
        queued = f", {self.queued} queued for `tracker work`" if self.queued else ""
        return (f"{self.ingested} ingested, {self.duplicates} duplicates, {self.failed} failed, "
                f"{self.statements} statements added{queued}{warned}")


def where(article: ArticleInput) -> str:
    """Where an article came from, for messages: file:line for JSONL/CSV records, else its source."""
    return article.metadata.get("origin") or article.source


def ingest_articles(tracker: Tracker, items: Iterable[ArticleInput | ArticleError | Notice],
                    batch_size: int = 64, workers: int = 1, strict: bool = False,
                    report: Report | None = None, debug: bool = False, nlp=None,
                    extractor: Extractor | None = None, extract: bool = True) -> IngestSummary:
    """Store, queue, extract and write every article; problems are counted and reported. `strict`: stop
    at the first (articles one at a time). `extract=False`: store and queue only. `nlp`: a pipeline built
    already (else one is built from the tracker's registry); `extractor`: an Extractor made already (e.g.
    with its workers ready), left open (else one is made for this run)."""
    run = _Run(tracker, report or silent, strict, debug)
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
    """One ingest run: sorting out problems, dropping known articles, storing, writing, counting."""

    def __init__(self, tracker: Tracker, report: Report, strict: bool, debug: bool):
        self.tracker, self.report, self.strict, self.debug = tracker, report, strict, debug
        self.summary = IngestSummary()
        self.writer = Writer(tracker)

    def fresh_batches(self, items, size: int) -> Iterator[list[tuple[int, ArticleInput]]]:
        """Batches of (id, article) of the articles stored (and queued) now, or stored before and still
        waiting for extraction; problems reported on the way."""
        for batch in batches(items, size, BATCH_CHARS):
            articles = self._sort_out(batch)
            fresh, waiting = self._drop_known(articles)
            fresh = waiting + self._stored(fresh)
            if fresh:
                yield fresh
            if self.summary.stopped:
                return

    def _stored(self, articles: list[ArticleInput]) -> list[tuple[int, ArticleInput]]:
        """Store and queue the articles; (id, article) of the new ones, duplicates and failures reported."""
        try:
            outcomes = self.writer.store(articles)
        except WritingStopped as stop:
            self.stop(str(stop), len(articles))
            return []
        stored = []
        for article, outcome in outcomes:
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
        its job with the error. False to stop: writing stopped, or (strict) after a failure."""
        extracted, failures = [], 0
        try:
            for (article_id, article), result in zip(batch, results):
                if isinstance(result, Failure):
                    self.writer.keep_failed(article_id, result.message)
                    self.fail(where(article), result.message, result.trace)
                    failures += 1
                else:
                    extracted.append((article_id, article, result))
            outcomes = self.writer.save(extracted)
        except WritingStopped as stop:
            done = getattr(stop, "outcomes", [])
            self._count(done)
            self.stop(str(stop), len(batch) - failures - len(done))
            return False
        self._count(outcomes)
        return not (self.strict and self.summary.failed)

    def _count(self, outcomes: list[tuple]) -> None:
        for article, written in outcomes:
            if isinstance(written, Failure):
                self.fail(where(article), written.message, written.trace)
            elif written is None:  # another process wrote it meanwhile
                self.duplicate(article)
            else:
                self.summary.ingested += 1
                self.summary.statements += written
                self.report("ingested", where(article), f"{written} statements")

    def stop(self, reason: str, unsaved: int) -> None:
        """Nothing more can be written: one line, the batch's articles not done counted as failed (those
        stored stay queued: the same command again finishes them)."""
        self.summary.failed += unsaved
        self.summary.stopped, self.summary.stop_reason = True, reason
        self.summary.problems.append(f"stopped: {reason}")
        self.report("stopped", "", f"{reason}; {unsaved} article(s) of the last batch not done")

    def duplicate(self, article: ArticleInput) -> None:
        self.summary.duplicates += 1
        self.report("duplicate", where(article), "already stored")

    def fail(self, place: str, message: str, trace: str = "") -> None:
        self.summary.failed += 1
        self.summary.problems.append(f"{place}: {message}" if place else message)
        self.report("failed", place, message + (f"\n{trace}" if self.debug and trace else ""))
        if self.strict:
            self.summary.stopped = True


BATCH_CHARS = 2_000_000  # a batch also ends once its articles hold this many characters


def batches(items: Iterable, size: int, chars: int | None = None, length=None) -> Iterator[list]:
    """Lists of up to `size` items; with `chars`, also of at most that many characters (or one item),
    `length(item)` giving an item's (default: an article's text length, 0 for anything else)."""
    if chars is None:
        iterator = iter(items)
        while batch := list(islice(iterator, size)):
            yield batch
        return
    length = length or _text_length
    batch, held = [], 0
    for item in items:
        if batch and (len(batch) == size or held + length(item) > chars):
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += length(item)
    if batch:
        yield batch


def _text_length(item) -> int:
    return len(item.text) if isinstance(item, ArticleInput) else 0
