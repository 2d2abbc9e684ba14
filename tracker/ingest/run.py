"""Ingest: articles in, statements stored; problems counted and reported, never raised."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import select

from tracker.app import Tracker
from tracker.db.errors import WritingStopped
from tracker.db.models import Article
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
    stopped: bool = False  # --strict stopped at the first error, or writing stopped (stop_reason)
    stop_reason: str | None = None  # why nothing more could be written (a full disk, a lock held too long)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        warned = f" ({self.warnings} warnings)" if self.warnings else ""
        return (f"{self.ingested} ingested, {self.duplicates} duplicates, {self.failed} failed, "
                f"{self.statements} statements added{warned}")


def where(article: ArticleInput) -> str:
    """Where an article came from, for messages: file:line for JSONL/CSV records, else its source."""
    return article.metadata.get("origin") or article.source


def ingest_articles(tracker: Tracker, items: Iterable[ArticleInput | ArticleError | Notice],
                    batch_size: int = 64, workers: int = 1, strict: bool = False,
                    report: Report | None = None, debug: bool = False, nlp=None,
                    extractor: Extractor | None = None) -> IngestSummary:
    """Extract and store every article; problems are counted and reported. `strict`: stop at the first.
    `nlp`: a pipeline built already (else one is built from the tracker's registry); `extractor`: an
    Extractor made already (e.g. with its workers ready), left open (else one is made for this run)."""
    run = _Run(tracker, report or silent, strict, debug)
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
        for batch in batches(items, size, BATCH_CHARS):
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
        try:
            outcomes = self.writer.save(extracted, stop_at_failure=self.strict)
        except WritingStopped as stop:
            self._count(stop.outcomes)
            self.stop(str(stop), len(extracted) - len(stop.outcomes))
            return False
        self._count(outcomes)
        return not (self.strict and self.summary.failed)

    def _count(self, outcomes: list[tuple]) -> None:
        for article, saved in outcomes:
            if isinstance(saved, Failure):
                self.fail(where(article), saved.message, saved.trace)
            elif saved.article_id is None:
                self.duplicate(article)
            else:
                self.summary.ingested += 1
                self.summary.statements += saved.statements
                self.report("ingested", where(article), f"{saved.statements} statements")

    def stop(self, reason: str, unsaved: int) -> None:
        """Nothing more can be written: one line, the batch's unsaved articles counted as failed."""
        self.summary.failed += unsaved
        self.summary.stopped, self.summary.stop_reason = True, reason
        self.summary.problems.append(f"stopped: {reason}")
        self.report("stopped", "", f"{reason}; {unsaved} article(s) of the last batch not stored")

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
