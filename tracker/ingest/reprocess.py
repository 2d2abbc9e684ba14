"""Reprocess: stored articles through the current pipeline, each article's statements replaced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracker.app import Tracker
from tracker.db.errors import WritingStopped
from tracker.db.models import Article
from tracker.ingest.extraction import Extractor, extract_ahead
from tracker.ingest.outcomes import Failure, Report, silent
from tracker.ingest.run import BATCH_CHARS, batches
from tracker.ingest.writing import Writer, pipeline_version
from tracker.sources import ArticleInput


@dataclass
class ReprocessSummary:
    reprocessed: int = 0
    failed: int = 0
    statements: int = 0
    stop_reason: str | None = None  # why nothing more could be written

    def line(self) -> str:
        return f"{self.reprocessed} reprocessed, {self.failed} failed, {self.statements} statements written"


def reprocess_articles(tracker: Tracker, since: date | None = None, everything: bool = False,
                       batch_size: int = 64, workers: int = 1, report: Report | None = None,
                       debug: bool = False) -> ReprocessSummary:
    """Re-run the current pipeline on stored articles (those of older pipeline versions unless
    `everything`), replacing each article's statements in a transaction of its own; texts are kept."""
    report = report or silent
    summary = ReprocessSummary()
    writer = Writer(tracker)
    ids = articles_to_redo(tracker, since, everything)
    with Extractor(tracker, workers) as extractor:
        chunks = batches(ids, batch_size, BATCH_CHARS, length=lambda id_and_length: id_and_length[1])
        stored = (load_articles(tracker, [id_ for id_, _ in chunk]) for chunk in chunks)
        try:
            for batch, results in extract_ahead(extractor, stored, lambda batch: [a for _, a in batch]):
                for (article_id, article), candidates in zip(batch, results):
                    _replace(writer, summary, report, debug, article_id, article, candidates)
        except WritingStopped as stop:
            summary.stop_reason = str(stop)
    return summary


def _replace(writer: Writer, summary: ReprocessSummary, report: Report, debug: bool, article_id: int,
             article: ArticleInput, candidates) -> None:
    """One article's statements replaced (in a transaction of its own), counted and reported."""
    outcome = candidates if isinstance(candidates, Failure) else writer.save_one(
        lambda w: w.replace_statements(article_id, article.published, candidates))
    if isinstance(outcome, Failure):
        summary.failed += 1
        report("failed", article.source, outcome.message + (f"\n{outcome.trace}" if debug else ""))
        return
    summary.reprocessed += 1
    summary.statements += outcome
    report("reprocessed", article.source, f"{outcome} statements")


def articles_to_redo(tracker: Tracker, since: date | None, everything: bool) -> list[tuple[int, int]]:
    """(id, length of the text) of the stored articles to reprocess, oldest first."""
    query = select(Article.id, func.length(Article.text)).order_by(Article.id)
    if since is not None:
        query = query.where(Article.published >= since)
    if not everything:
        query = query.where(Article.pipeline_version != pipeline_version())
    with tracker.session() as session:
        return [tuple(row) for row in session.execute(query)]


def load_articles(tracker: Tracker, ids: list[int]) -> list[tuple[int, ArticleInput]]:
    """(id, ArticleInput) for stored articles, as the pipeline takes them."""
    with tracker.session() as session:
        rows = session.scalars(select(Article).where(Article.id.in_(ids)).order_by(Article.id)).all()
        return [(row.id, ArticleInput(text=row.text, source=row.source, published=row.published,
                                      date_precision=row.date_precision, title=row.title, outlet=row.outlet,
                                      url=row.url, metadata=dict(row.meta or {}))) for row in rows]
