"""Ingest: articles in, statements stored. Reads, extracts in batches, writes one transaction a batch.

    summary = ingest_articles(tracker, articles)   # articles: ArticleInput or ArticleError items
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import select

from tracker.app import Tracker
from tracker.db.models import Article
from tracker.sources import ArticleError, ArticleInput
from tracker.store import StatementWriter, content_hash


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    statements: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.ingested} ingested, {self.duplicates} duplicates, {self.failed} failed, "
                f"{self.statements} statements added")


Report = Callable[[str, ArticleInput | None, str], None]  # (event, article, message)


def ingest_articles(tracker: Tracker, items: Iterable[ArticleInput | ArticleError], batch_size: int = 32,
                    report: Report | None = None, strict: bool = False) -> IngestSummary:
    """Extract and store every article; problems are counted and reported, never raised (unless strict)."""
    from tracker.nlp.pipeline import build_pipeline, extract_many

    summary = IngestSummary()
    report = report or (lambda event, article, message: None)
    nlp = None
    for batch in _batches(items, batch_size):
        articles = _sort_out_problems(batch, summary, report, strict)
        fresh = _drop_known(tracker, articles, summary, report)
        if not fresh:
            continue
        nlp = nlp or build_pipeline(tracker.registry)
        results = list(zip(fresh, extract_many(nlp, fresh)))
        _write_batch(tracker, results, summary, report)
    return summary


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _sort_out_problems(batch, summary: IngestSummary, report: Report, strict: bool) -> list[ArticleInput]:
    articles = []
    for item in batch:
        if isinstance(item, ArticleError):
            if strict:
                raise item
            summary.failed += 1
            summary.problems.append(str(item))
            report("failed", None, str(item))
        else:
            for warning in item.metadata.get("warnings", []):
                report("warning", item, warning)
            articles.append(item)
    return articles


def _drop_known(tracker: Tracker, articles: list[ArticleInput], summary: IngestSummary,
                report: Report) -> list[ArticleInput]:
    """Articles whose text is already stored are duplicates: skip them before the NLP."""
    hashes = {content_hash(a.text): a for a in articles}
    with tracker.session() as session:
        known = set(session.scalars(select(Article.content_hash).where(Article.content_hash.in_(hashes))))
    fresh, seen = [], set()
    for digest, article in ((content_hash(a.text), a) for a in articles):
        if digest in known or digest in seen:
            summary.duplicates += 1
            report("duplicate", article, "already stored")
        else:
            seen.add(digest)
            fresh.append(article)
    return fresh


def _write_batch(tracker: Tracker, results, summary: IngestSummary, report: Report) -> None:
    with tracker.session() as session, session.begin():
        writer = StatementWriter(session)
        for article, candidates in results:
            saved = writer.save_article(article, candidates)
            if saved.article_id is None:
                summary.duplicates += 1
                report("duplicate", article, "already stored")
                continue
            summary.ingested += 1
            summary.statements += saved.statements
            report("ingested", article, f"{saved.statements} statements")
