"""Multiprocessing benchmark: the ingest worker pool against spaCy's own ``nlp.pipe(..., n_process=N)``.

    .venv/bin/python bench/processes.py                 # 2,000 articles, 2 processes
    .venv/bin/python bench/processes.py --articles 1000 --processes 2 --rounds 3

The same synthetic articles as bench/ingest.py (built at run time), NLP only (no database): articles/s of
(1) one process (``extract_many``), (2) ``tracker.ingest.Extractor`` with N worker processes (the pool
``tracker ingest --workers N`` uses: articles go to the workers, statements come back), and (3) spaCy's
``nlp.pipe(docs, n_process=N)`` (docs go to the workers as bytes, whole docs come back with
``Doc.to_bytes`` and are read again here). Pipelines are built and workers started before the timer.
Each round runs the three in turn; the best round of each is reported.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import NER_DATA, article_text, generated_sentences, party_tags, real_sentences  # noqa: E402


def articles(n: int, seed: int = 7):
    from tracker.sources import ArticleInput

    rng = random.Random(seed)
    sentences = real_sentences() if NER_DATA.is_dir() else []
    if len(sentences) < 500:
        sentences = generated_sentences(rng)
    tags = party_tags()
    return [ArticleInput(text=article_text(rng, sentences, tags), source=f"bench-{i}") for i in range(n)]


def one_process(nlp, items) -> int:
    from tracker.nlp.pipeline import extract_many

    return sum(len(found) for found in extract_many(nlp, items))


def worker_pool(extractor, items, batch_size: int = 64) -> int:
    from tracker.ingest import extract_ahead

    batches = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
    return sum(len(found) for _, results in extract_ahead(extractor, batches, lambda batch: batch) for found in results)


def spacy_processes(nlp, items, processes: int, batch_size: int = 64) -> int:
    from tracker.nlp.pipeline import make_doc

    docs = (make_doc(nlp, article) for article in items)
    return sum(len(doc._.statements) for doc in nlp.pipe(docs, n_process=processes, batch_size=batch_size))


def timed(work) -> tuple[float, int]:
    start = time.perf_counter()
    found = work()
    return time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from tracker.app import Tracker
    from tracker.ingest import Extractor
    from tracker.nlp.pipeline import build_pipeline

    items = articles(args.articles)
    import tempfile

    tracker = Tracker(str(Path(tempfile.mkdtemp(prefix="tracker-bench-")) / "bench.db"))
    nlp = build_pipeline(tracker.registry)
    one_process(nlp, items[:50])  # the word memos warmed up, as the workers' are by their first batch
    best: dict[str, tuple[float, int]] = {}
    with Extractor(tracker, args.processes).wait_until_ready() as extractor:
        for _ in range(args.rounds):
            for label, work in [("one process", lambda: one_process(nlp, items)),
                                (f"worker pool ({args.processes})", lambda: worker_pool(extractor, items)),
                                (f"spaCy n_process={args.processes}",
                                 lambda: spacy_processes(nlp, items, args.processes))]:
                seconds, found = timed(work)
                if label not in best or seconds < best[label][0]:
                    best[label] = (seconds, found)
    print(f"{args.articles} articles, best of {args.rounds} rounds")
    for label, (seconds, found) in best.items():
        print(f"  {label:<24} {args.articles / seconds:8.1f} articles/s  ({seconds:.2f} s, {found} statements)")


if __name__ == "__main__":
    main()
