"""One batch through the pipeline: long articles in pieces, bounded runs of text, failures one article at a time."""

from __future__ import annotations

import traceback

from tracker.ingest.outcomes import Failure
from tracker.ingest.pieces import merged, pieces, runs, shifted
from tracker.sources import ArticleInput


def extract_batch(nlp, articles: list[ArticleInput]) -> list:
    """Candidates per article (a Failure for one the pipeline cannot take). Long articles go in pieces
    (tracker.ingest.pieces), and at most RUN_CHARS characters of text go through the pipeline at once."""
    numbered = ((index, offset, piece) for index, article in enumerate(articles)
                for offset, piece in pieces(article))
    found: list[list] = [[] for _ in articles]
    failed: dict[int, Failure] = {}
    for run in runs(numbered):
        for (index, offset, _), result in zip(run, _extract_run(nlp, [piece for _, _, piece in run])):
            if isinstance(result, Failure):
                failed[index] = result
            elif index not in failed:
                found[index].append(shifted(result, offset))
    return [failed.get(index) or merged(found[index]) for index in range(len(articles))]


def _extract_run(nlp, articles: list[ArticleInput]) -> list:
    """Candidates per text with one `extract_many`; if that fails, text by text (a Failure each)."""
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

