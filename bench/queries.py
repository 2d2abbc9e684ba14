"""Benchmark the report queries on 1,000,000 synthetic statements in a temporary SQLite file (or any database).

    .venv/bin/python bench/queries.py [--statements N] [--db PATH|URL] [--no-export]

Fills the database with bulk inserts (the driver's executemany on SQLite, COPY on PostgreSQL; a tenth of
the articles are later copies of a story) into the tables without their secondary indexes, counts the tallies
once (tracker.tallies.rebuild), builds the indexes the schema names (one sorted pass each, instead of millions
of scattered inserts and then, in rebuild, updates), on PostgreSQL runs VACUUM ANALYZE (as autovacuum would
after the load), then times:
compare for one issue (also by bloc, and with dates that cut a month), the full party x issue matrix (also
by bloc and since a date), a party's positions with its latest quotes, one issue's timeline (also by bloc),
the issues with counts (and first/last dates), the CSV export of every statement and the HTML report.
Targets: every report query under 0.1 s at 1,000,000 statements and under 1 s at 10,000,000.
A PostgreSQL URL given as --db must name an empty database (or one this script filled before).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Index, func, insert, select, text

from tracker.app import Tracker
from tracker.cap import cap_topics
from tracker.db.models import Article, Issue, Party, Politician, Statement
from tracker.db.bulk import bulk_insert
from tracker.html_report import render_report
from tracker.tallies import rebuild
from tracker.reports import (Scope, compare_frame, issues_frame, matrix_frame, positions_frame, statements_frame,
                             timeline_frame)

PARTY_KEYS = ["S", "V", "DF", "SF", "EL", "KF", "LA", "RV", "ALT", "NB", "M", "DD"]
ISSUES = 300
STATEMENTS_PER_ARTICLE = 8
ARTICLE_TEXT = "Syntetisk tekst om dansk politik. " * 90  # about 3,000 characters, like a news article
BATCH = 50_000
FIRST_DAY = date(2015, 1, 1)
DAYS = 11 * 365


ARTICLE_COLUMNS = ("content_hash", "source", "outlet", "url", "published", "date_precision", "title", "text",
                   "ingested_at", "pipeline_version", "story_id")
STATEMENT_COLUMNS = ("article_id", "politician_id", "party_id", "speaker", "role", "issue_id", "stance", "kind",
                     "evidence", "start_char", "end_char", "confidence", "pipeline_version")


def fill(tracker: Tracker, statements: int, rng: random.Random) -> None:
    """Insert issues, articles and statements in bulk (tracker.db.bulk) into the tables without their
    secondary indexes, count the tallies once (tracker.tallies.rebuild), then build the indexes."""
    with tracker.engine.begin() as connection:
        parties = dict(connection.execute(select(Party.key, Party.id).where(Party.key.in_(PARTY_KEYS))).all())
        people = connection.scalars(select(Politician.id).limit(2000)).all()
        topics = list(cap_topics()) or ["Macroeconomics"]
        connection.execute(insert(Issue), [
            dict(slug=f"emne-{n:03d}", label=f"Forslag nummer {n} skal vedtages", cap_topic=topics[n % len(topics)])
            for n in range(ISSUES)])
        issues = connection.scalars(select(Issue.id).order_by(Issue.id)).all()
        articles = statements // STATEMENTS_PER_ARTICLE + 1
        first_article = (connection.scalar(select(func.max(Article.id))) or 0) + 1
        with phase("indexes dropped"):
            indexes = _drop_indexes(connection, (Article.__table__, Statement.__table__))
        with phase(f"{articles:,} articles inserted"):
            for start in range(0, articles, BATCH):
                bulk_insert(connection, "articles", ARTICLE_COLUMNS,
                            [_article(n, rng, first_article) for n in range(start, min(start + BATCH, articles))])
        leanings = {(p, i): rng.uniform(-1, 1) for p in parties.values() for i in issues}
        weights = [1 / (rank + 1) for rank in range(len(issues))]  # a few issues are discussed a lot
        with phase(f"{statements:,} statements inserted"):
            for start in range(0, statements, BATCH):
                rows = [_statement(n, rng, first_article, parties, people, issues, weights, leanings)
                        for n in range(start, min(start + BATCH, statements))]
                bulk_insert(connection, "statements", STATEMENT_COLUMNS, rows)
        with phase("tallies counted (tracker.tallies.rebuild)"):
            rebuild(connection)  # rows inserted past the store: the tallies counted once, at the end
        with phase(f"{len(indexes)} indexes built"):
            for index in indexes:
                index.create(connection)
    if tracker.engine.dialect.name == "postgresql":  # what autovacuum does after a bulk load, at once: the
        with phase("VACUUM ANALYZE"), \
                tracker.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))  # planner's statistics, index-only scans


def _drop_indexes(connection, tables) -> list[Index]:
    """Drop the tables' secondary indexes (as the schema names them: tests check migrations == models);
    return them, to be built again after the load."""
    indexes = [index for table in tables for index in sorted(table.indexes, key=lambda index: index.name)]
    for index in indexes:
        index.drop(connection)
    return indexes


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Print how long a step of the fill took."""
    start = time.perf_counter()
    yield
    print(f"  {name}: {time.perf_counter() - start:.1f} s", flush=True)


def _article(n: int, rng: random.Random, first_id: int) -> tuple:
    """An article; one in ten is a later copy of the article before it (same story)."""
    story = first_id + n - 1 if n % 10 == 9 else first_id + n
    return (f"{n:064x}", f"synthetic/{n}.txt", "Syntetisk Avis", f"https://example.org/{n}",
            FIRST_DAY + timedelta(days=rng.randrange(DAYS)), "day", f"Syntetisk artikel {n}", ARTICLE_TEXT,
            datetime(2026, 1, 1), "bench", story)


def _statement(n, rng, first_article, parties, people, issues, weights, leanings) -> dict:
    party_key = rng.choice(PARTY_KEYS)
    issue = rng.choices(issues, weights)[0]
    lean = leanings[(parties[party_key], issue)]
    draw = rng.uniform(-1, 1)
    stance = "neutral" if abs(draw - lean) < 0.3 else ("for" if draw < lean else "against")
    evidence = f"Politiker {n % 997} fra {party_key} siger, at forslag {issue} er {stance}"
    return (first_article + n // STATEMENTS_PER_ARTICLE, rng.choice(people), parties[party_key],
            f"Politiker {n % 997}", None, issue, stance, rng.choice(("direct_quote", "indirect")), evidence,
            (n % STATEMENTS_PER_ARTICLE) * 200, (n % STATEMENTS_PER_ARTICLE) * 200 + 90, round(rng.random(), 3),
            "bench")


def timed(name: str, work, repeat: int = 3) -> float:
    """Run `work` `repeat` times; print the median wall-clock and CPU seconds, return the wall-clock median.

    CPU time (this process, SQLite included) shows the cost when other programs share the machine.
    """
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median = statistics.median(wall)
    print(f"{name:<44} {median:7.3f} s  cpu {statistics.median(cpu):6.3f} s  "
          f"(runs: {', '.join(f'{s:.3f}' for s in wall)})")
    return median


def run_queries(tracker: Tracker, out_dir: Path, export: bool = True) -> None:
    with tracker.session() as session:
        top_issue = session.scalar(select(Statement.issue_id).group_by(Statement.issue_id)
                                   .order_by(func.count().desc()).limit(1))
        party = session.scalar(select(Party.id).where(Party.key == "V"))
        timed("compare, one issue (most discussed)", lambda: compare_frame(session, top_issue))
        timed("compare, one issue, by bloc", lambda: compare_frame(session, top_issue, blocs=True))
        cut = Scope(since=date(2023, 3, 15), until=date(2024, 6, 20))
        timed("compare, one issue, 2023-03-15..2024-06-20", lambda: compare_frame(session, top_issue, cut))
        timed("compare, one issue, counting copies", lambda: compare_frame(session, top_issue,
                                                                          Scope(count_copies=True)))
        timed("matrix, all issues x parties", lambda: matrix_frame(session))
        timed("matrix, all issues x blocs", lambda: matrix_frame(session, blocs=True))
        timed("matrix, since 2024", lambda: matrix_frame(session, Scope(since=date(2024, 1, 1))))
        timed("positions of V (+2 latest quotes per issue)", lambda: positions_frame(session, party, quotes=2))
        timed("timeline, one issue, by quarter", lambda: timeline_frame(session, top_issue))
        timed("timeline, one issue, by bloc", lambda: timeline_frame(session, top_issue, blocs=True))
        timed("issues with counts", lambda: issues_frame(session))
        timed("issues with counts and first/last dates", lambda: issues_frame(session, dates=True))
        if not export:
            return
        csv_path = out_dir / "statements.csv"
        timed("export statements to CSV", lambda: statements_frame(session).to_csv(csv_path, index=False), 1)
        print(f"  ({csv_path.stat().st_size / 1e6:.0f} MB)")
        timed("HTML report (all issues)", lambda: render_report(session), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--db", help="Keep the database at this path, or use this URL (default: a temporary file).")
    parser.add_argument("--no-export", action="store_true", help="Time the queries only (no CSV, no HTML report).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or str(Path(tmp) / "bench.db")
        tracker = Tracker(path)
        if tracker.session().scalar(select(func.count()).select_from(Statement)) == 0:
            start = time.perf_counter()
            fill(tracker, args.statements, random.Random(5))
            print(f"filled {args.statements:,} statements in {time.perf_counter() - start:.1f} s", flush=True)
        run_queries(tracker, Path(tmp), export=not args.no_export)
        tracker.close()


if __name__ == "__main__":
    main()
