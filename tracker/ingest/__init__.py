"""Ingest: articles in, statements stored; and reprocess: stored articles through the current pipeline.

    summary = ingest_articles(tracker, items)       # items: ArticleInput / ArticleError / Notice
    summary = reprocess_articles(tracker, since=date(2024, 1, 1))

Articles go through the pipeline in batches (`nlp.pipe`), in this process or in `workers` processes,
and each batch is written in one transaction by this process. Bad input is counted and reported,
never raised: a batch that fails is retried an article at a time, so one bad article costs only itself.

Modules: run (ingest_articles), extraction (the pipeline here or in workers), workers (the worker
processes), batch (one batch through the pipeline), pieces (long articles in bounded pieces), writing
(transactions), reprocess, outcomes (Failure and the Report callback).
"""

from tracker.ingest.batch import extract_batch
from tracker.ingest.extraction import Extractor, extract_ahead
from tracker.ingest.workers import usable_workers
from tracker.ingest.outcomes import Failure, Report
from tracker.ingest.reprocess import ReprocessSummary, reprocess_articles
from tracker.ingest.run import IngestSummary, batches, ingest_articles, where
from tracker.ingest.writing import Writer, pipeline_version

__all__ = ["Extractor", "Failure", "IngestSummary", "Report", "ReprocessSummary", "Writer", "batches",
           "extract_ahead", "extract_batch", "ingest_articles", "pipeline_version", "reprocess_articles", "usable_workers",
           "where"]
