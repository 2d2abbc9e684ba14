"""Running the pipeline over batches of articles: in this process, or in worker processes."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from tracker.app import Tracker
from tracker.ingest.batch import extract_batch
from tracker.ingest.workers import extract_in_worker, start_pool, stop_pool
from tracker.sources import ArticleInput


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
            self._pool, self._starting = start_pool(tracker.registry, workers, tracker.issue_catalogue)

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
            return self._pool.submit(extract_in_worker, articles).result
        return lambda: extract_batch(self.nlp, articles)

    @property
    def nlp(self):
        if self._nlp is None:
            from tracker.nlp.pipeline import build_pipeline

            self._nlp = build_pipeline(self.tracker.registry, issues=self.tracker.issue_catalogue)
        return self._nlp

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, kind, error, trace) -> None:
        """Wait for the workers' tasks; when leaving on an error (Ctrl-C, SIGTERM), stop the workers now."""
        if self._pool is not None:
            stop_pool(self._pool, at_once=kind is not None)
            self._pool = None


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
