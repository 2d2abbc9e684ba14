"""Ingest: articles in, stored and queued at once, then their statements extracted and written.

    summary = ingest_articles(tracker, items)       # items: ArticleInput / ArticleError / Notice
    summary = ingest_articles(tracker, items, extract=False)   # store and queue only: `tracker work` extracts

Each batch of new articles is stored and queued in one transaction (tracker.queue: never lost, even if
extraction fails later), then goes through the pipeline (`nlp.pipe`), in this process or in `workers`
processes, and its statements are written in one transaction by this process, for the jobs no other
worker took meanwhile. Bad input is counted and reported, never raised: a batch that fails is retried an
article at a time, so one bad article costs only itself; an article the pipeline fails on keeps its job,
marked with the error (`tracker work --retry-failed`). The extraction and writing parts serve `tracker work`
and reprocess too (tracker.work).

Modules: run (ingest_articles), extraction (the pipeline here or in workers), workers (the worker
processes), batch (one batch through the pipeline), pieces (long articles in bounded pieces), writing
(storing and writing, transactions), outcomes (Failure and the Report callback).
"""

from tracker.ingest.batch import extract_batch
from tracker.ingest.extraction import Extractor, extract_ahead
from tracker.ingest.outcomes import Failure, Report, silent
from tracker.ingest.run import BATCH_CHARS, IngestSummary, batches, ingest_articles, where
from tracker.ingest.workers import usable_workers
from tracker.ingest.writing import Writer, pipeline_version

__all__ = ["BATCH_CHARS", "Extractor", "Failure", "IngestSummary", "Report", "Writer", "batches", "extract_ahead",
           "extract_batch", "ingest_articles", "pipeline_version", "silent", "usable_workers", "where"]
