"""Benchmark `tracker search` on 1,000,000 synthetic statements (SQLite FTS5; PostgreSQL with --postgres).

    .venv/bin/python bench/search.py [--statements N] [--db PATH]
    scripts/pg_test_server.sh .venv/bin/python bench/search.py --postgres   # on a throwaway PostgreSQL

The statements' evidence (18 words) and the articles' text (120 words) are made of the words of the issue
catalogue's labels and the topic lexicon (data/), drawn with a Zipf-like skew so that a few words are in most
statements and most words in few. Times the statements search (ranked, limit 20) for a rare word, a common word, two
words, a word in another form than indexed, with a party filter and since a date, and the articles search.
Target: each under 100 ms.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import queries  # noqa: E402  (issues, articles, statements as bench/queries.py makes them)

from sqlalchemy import func, select, text  # noqa: E402

from tracker.app import Tracker  # noqa: E402
from tracker.db.models import Article, Party, Statement  # noqa: E402
from tracker.paths import data_file  # noqa: E402
from tracker.reports import Scope  # noqa: E402
from tracker.search import search_articles, search_statements  # noqa: E402
from tracker.search.index import rebuild  # noqa: E402

WORDS_PER_STATEMENT = 18
WORDS_PER_ARTICLE = 120
BATCH = 20_000


def vocabulary() -> list[str]:
    """Words of the issue labels and the topic lexicon, most frequent first."""
    counts: dict[str, int] = {}
    with data_file("issues.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            for word in re.findall(r"[^\W\d_]{3,}", (row["label"] or "").casefold()):
                counts[word] = counts.get(word, 0) + 1
    for line in data_file("topic_lexicon.csv").read_text(encoding="utf-8").splitlines()[1:]:
        for word in re.findall(r"[^\W\d_]{3,}", line.casefold()):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def fill(tracker: Tracker, statements: int, rng: random.Random) -> None:
    """The report benchmark's rows (bench/queries.py), with each statement's evidence and each article's text
    made of the vocabulary's words; then the search index of them all."""
    words = vocabulary()
    weights = [1 / (rank + 1) for rank in range(len(words))]
    make_statement, make_article = queries._statement, queries._article

    def statement(*args) -> dict:
        return dict(make_statement(*args), evidence=" ".join(rng.choices(words, weights, k=WORDS_PER_STATEMENT)))

    def article(n, rng_) -> dict:
        return dict(make_article(n, rng_), text=" ".join(rng.choices(words, weights, k=WORDS_PER_ARTICLE)))

    queries._statement, queries._article = statement, article
    try:
        queries.fill(tracker, statements, rng)
    finally:
        queries._statement, queries._article = make_statement, make_article
    start = time.perf_counter()
    with tracker.engine.begin() as connection:
        rebuild(connection)  # SQLite: the words of every row (the bulk inserts bypassed the store)
    print(f"search index built in {time.perf_counter() - start:.1f} s")


def timed(name: str, work, repeat: int = 7) -> float:
    """Median wall-clock and CPU milliseconds of `work` (CPU: this process, SQLite included; it shows the cost
    when other programs share the machine)."""
    work()  # warm the caches once
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = work()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median = statistics.median(wall) * 1000
    print(f"{name:<50} {median:6.1f} ms  cpu {statistics.median(cpu) * 1000:5.1f} ms  ({len(found)} hits; "
          f"runs {', '.join(f'{s * 1000:.0f}' for s in wall)})")
    return median


def run(tracker: Tracker) -> None:
    words = vocabulary()
    with tracker.session() as session:
        party = session.scalar(select(Party.id).where(Party.key == "V"))
        counted = session.scalar(select(func.count()).select_from(Statement))
        print(f"{counted:,} statements, {session.scalar(select(func.count()).select_from(Article)):,} articles")
        rare, common, middle = words[-50], words[0], words[40]
        timed(f"statements: a rare word ({rare})", lambda: search_statements(session, rare, limit=20))
        timed(f"statements: a common word ({common})", lambda: search_statements(session, common, limit=20))
        timed(f"statements: two words ({middle} {common})",
              lambda: search_statements(session, f"{middle} {common}", limit=20))
        inflected = middle + "erne"
        timed(f"statements: another form ({inflected})", lambda: search_statements(session, inflected, limit=20))
        timed(f"statements: common word, party V", lambda: search_statements(
            session, common, Scope(party_ids=(party,)), limit=20))
        timed(f"statements: common word, since 2025", lambda: search_statements(
            session, common, Scope(since=date(2025, 1, 1)), limit=20))
        timed(f"articles: a common word ({common})", lambda: search_articles(session, common, limit=20))
        timed(f"articles: a rare word ({rare})", lambda: search_articles(session, rare, limit=20))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--db", help="Keep the SQLite database at this path (default: a temporary directory).")
    parser.add_argument("--postgres", action="store_true", help="Use a new database at $TRACKER_TEST_PG_URL.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = os.environ["TRACKER_TEST_PG_URL"] if args.postgres else (args.db or str(Path(tmp) / "search.db"))
        tracker = Tracker(target)
        with tracker.session() as session:
            empty = session.scalar(select(func.count()).select_from(Statement)) == 0
        if empty:
            start = time.perf_counter()
            fill(tracker, args.statements, random.Random(7))
            with tracker.engine.connect() as connection:
                if tracker.engine.dialect.name == "postgresql":
                    connection.execute(text("ANALYZE"))
                else:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            print(f"filled {args.statements:,} statements in {time.perf_counter() - start:.1f} s")
        run(tracker)
        tracker.close()


if __name__ == "__main__":
    main()
