"""Running the pipeline over batches of articles: in this process, or in worker processes."""

from __future__ import annotations

import multiprocessing
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from tracker.app import Tracker
from tracker.ingest.outcomes import Failure
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
            context = multiprocessing.get_context()
            everyone = context.Barrier(workers)
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                             initargs=(tracker.registry, everyone))
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

            self._nlp = build_pipeline(self.tracker.registry)
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


def _start_worker(registry, everyone) -> None:
    global _worker_nlp, _all_workers
    from tracker.nlp.pipeline import build_pipeline

    _worker_nlp = build_pipeline(registry)
    _all_workers = everyone


def _wait_for_all_workers() -> None:
    """A worker's first task: done when every worker has built its pipeline (one such task each:
    a worker waiting here takes no other task, so each worker gets exactly one)."""
    _all_workers.wait(timeout=600)


def _extract_in_worker(articles: list[ArticleInput]) -> list:
    return extract_batch(_worker_nlp, articles)
