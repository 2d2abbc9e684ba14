"""Benchmark issue discovery on 1,000,000 synthetic statements with policy objects, in a temporary SQLite file.

    .venv/bin/python bench/discovery.py [--statements N] [--keys K] [--db PATH]

Every statement sits on a topic's catch-all with a policy object key, drawn from K keys with a long tail
(a few objects in thousands of articles, most in one or two), as the pipeline leaves them. Times:
the full rebuild from scratch (every key counted, the discovered issues made, their statements moved),
a second rebuild with nothing to change, and the incremental step of one ingest batch (64 articles of 8
statements with keys old and new: the writer's promote()). Target: the full rebuild under a minute.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from tracker.app import Tracker
from tracker.cap import cap_topics
from tracker.db.models import Article, Issue, Party, Statement
from tracker.discovery import promote, rebuild
from tracker.issue_kinds import OTHER, catch_all_label, catch_all_slug

PARTY_KEYS = ["S", "V", "DF", "SF", "EL", "KF", "LA", "RV", "ALT", "NB", "M", "DD"]
STATEMENTS_PER_ARTICLE = 8
BATCH = 50_000
WORDS = ["afgift", "forbud", "skat", "motorvej", "sukker", "plastik", "landbrug", "skole", "bro", "pension",
         "hospital", "tog", "ældre", "politi", "fradrag", "kvote", "loft", "tilskud", "havvind", "bolig"]


def key_of(n: int) -> tuple[str, str]:
    """The n-th synthetic key and its phrase: two or three words and a number, e.g. ("afgift sukker 17", ...)."""
    a, b = WORDS[n % len(WORDS)], WORDS[(n // len(WORDS)) % len(WORDS)]
    return f"{a} {b} {n}", f"{a} på {b} nummer {n}"


def fill(tracker: Tracker, statements: int, keys: int, rng: random.Random) -> None:
    with tracker.engine.begin() as connection:
        parties = list(connection.scalars(select(Party.id).where(Party.key.in_(PARTY_KEYS))))
        topics = list(cap_topics())
        connection.execute(insert(Issue), [dict(slug=catch_all_slug(t), label=catch_all_label(t), cap_topic=t,
                                                kind=OTHER) for t in topics])
        catch_alls = list(connection.scalars(select(Issue.id).order_by(Issue.id)))
        articles = statements // STATEMENTS_PER_ARTICLE + 1
        for start in range(0, articles, BATCH):
            connection.execute(insert(Article), [dict(
                content_hash=f"{n:064x}", source=f"synthetic/{n}.txt", published=date(2015, 1, 1) +
                timedelta(days=n % 4000), text="Syntetisk tekst.", ingested_at=datetime(2026, 1, 1),
                pipeline_version="bench") for n in range(start, min(start + BATCH, articles))])
        first = connection.scalar(select(func.min(Article.id)))
        weights = [1 / (rank + 1) ** 1.1 for rank in range(keys)]
        for start in range(0, statements, BATCH):
            drawn = rng.choices(range(keys), weights, k=min(BATCH, statements - start))
            connection.execute(insert(Statement), [dict(
                article_id=first + (start + i) // STATEMENTS_PER_ARTICLE, party_id=rng.choice(parties),
                issue_id=catch_alls[k % len(catch_alls)], stance="for", kind="indirect",
                evidence=f"Syntetisk udsagn {start + i}", start_char=0, end_char=20, confidence=0.5,
                pipeline_version="bench", object_key=key_of(k)[0], object_phrase=key_of(k)[1])
                for i, k in enumerate(drawn)])


def one_batch(tracker: Tracker, keys: int, rng: random.Random) -> float:
    """Seconds for the incremental step after one ingest batch (64 articles, 8 statements each)."""
    with tracker.engine.begin() as connection:
        first = connection.execute(insert(Article).returning(Article.id), [dict(
            content_hash=f"batch{n:059x}", source=f"batch/{n}.txt", text="Ny tekst.", ingested_at=datetime(2026, 2, 1),
            pipeline_version="bench") for n in range(64)]).scalars().all()[0]
        party, catch_all = connection.scalar(select(Party.id)), connection.scalar(select(Issue.id))
        drawn = [rng.randrange(keys * 2) for _ in range(64 * STATEMENTS_PER_ARTICLE)]  # half of them new keys
        connection.execute(insert(Statement), [dict(
            article_id=first + i // STATEMENTS_PER_ARTICLE, party_id=party, issue_id=catch_all, stance="for",
            kind="indirect", evidence="Ny", start_char=0, end_char=2, confidence=0.5, pipeline_version="bench",
            object_key=key_of(k)[0], object_phrase=key_of(k)[1]) for i, k in enumerate(drawn)])
    with tracker.session() as session, session.begin():
        start = time.perf_counter()
        promote(session, {key_of(k)[0] for k in drawn})
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--keys", type=int, default=100_000)
    parser.add_argument("--db", help="SQLite file to use (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "bench.db")
        tracker = Tracker(db)
        start = time.perf_counter()
        fill(tracker, args.statements, args.keys, random.Random(7))
        print(f"filled {args.statements:,} statements with {args.keys:,} possible keys in "
              f"{time.perf_counter() - start:.1f} s")
        for label in ("full rebuild", "second rebuild (nothing to change)"):
            with tracker.session() as session, session.begin():
                start = time.perf_counter()
                done = rebuild(session, 2)
                seconds = time.perf_counter() - start
            print(f"{label}: {seconds:.1f} s ({done.line()})")
        print(f"one ingest batch (512 statements): {1000 * one_batch(tracker, args.keys, random.Random(8)):.0f} ms")
        tracker.close()


if __name__ == "__main__":
    main()
