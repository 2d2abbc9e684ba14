"""Benchmark the report queries on 1,000,000 synthetic statements in a temporary SQLite file.

    .venv/bin/python bench/queries.py [--statements N] [--db PATH]

Fills the database with bulk inserts (executemany), then times: compare for one issue, the full
party x issue matrix (also by bloc), a party's positions with its latest quotes, one issue's timeline
and the CSV export of every statement. Targets: each query under 1 s, the export under 10 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from tracker.app import Tracker
from tracker.cap import cap_topics
from tracker.db.models import Article, Issue, Party, Politician, Statement
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


def fill(tracker: Tracker, statements: int, rng: random.Random) -> None:
    """Insert issues, articles and statements with core executemany inserts."""
    with tracker.engine.begin() as connection:
        parties = dict(connection.execute(select(Party.key, Party.id).where(Party.key.in_(PARTY_KEYS))).all())
        people = connection.scalars(select(Politician.id).limit(2000)).all()
        topics = list(cap_topics()) or ["Macroeconomics"]
        connection.execute(insert(Issue), [
            dict(slug=f"emne-{n:03d}", label=f"Forslag nummer {n} skal vedtages", cap_topic=topics[n % len(topics)])
            for n in range(ISSUES)])
        issues = connection.scalars(select(Issue.id).order_by(Issue.id)).all()
        articles = statements // STATEMENTS_PER_ARTICLE + 1
        for start in range(0, articles, BATCH):
            connection.execute(insert(Article), [_article(n, rng) for n in range(start, min(start + BATCH, articles))])
        first_article = connection.scalar(select(func.min(Article.id)))
        leanings = {(p, i): rng.uniform(-1, 1) for p in parties.values() for i in issues}
        weights = [1 / (rank + 1) for rank in range(len(issues))]  # a few issues are discussed a lot
        for start in range(0, statements, BATCH):
            rows = [_statement(n, rng, first_article, parties, people, issues, weights, leanings)
                    for n in range(start, min(start + BATCH, statements))]
            connection.execute(insert(Statement), rows)
        rebuild(connection)  # rows inserted past the store: the tallies counted once, at the end


def _article(n: int, rng: random.Random) -> dict:
    return dict(content_hash=f"{n:064x}", source=f"synthetic/{n}.txt", outlet="Syntetisk Avis",
                url=f"https://example.org/{n}", published=FIRST_DAY + timedelta(days=rng.randrange(DAYS)),
                date_precision="day", title=f"Syntetisk artikel {n}", text=ARTICLE_TEXT,
                ingested_at=datetime(2026, 1, 1), pipeline_version="bench")


def _statement(n, rng, first_article, parties, people, issues, weights, leanings) -> dict:
    party_key = rng.choice(PARTY_KEYS)
    issue = rng.choices(issues, weights)[0]
    lean = leanings[(parties[party_key], issue)]
    draw = rng.uniform(-1, 1)
    stance = "neutral" if abs(draw - lean) < 0.3 else ("for" if draw < lean else "against")
    evidence = f"Politiker {n % 997} fra {party_key} siger, at forslag {issue} er {stance}"
    return dict(article_id=first_article + n // STATEMENTS_PER_ARTICLE, politician_id=rng.choice(people),
                party_id=parties[party_key], speaker=f"Politiker {n % 997}", role=None, issue_id=issue,
                stance=stance, kind=rng.choice(("direct_quote", "indirect")), evidence=evidence,
                start_char=(n % STATEMENTS_PER_ARTICLE) * 200, end_char=(n % STATEMENTS_PER_ARTICLE) * 200 + 90,
                confidence=round(rng.random(), 3), pipeline_version="bench")


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


def run_queries(tracker: Tracker, out_dir: Path) -> None:
    with tracker.session() as session:
        top_issue = session.scalar(select(Statement.issue_id).group_by(Statement.issue_id)
                                   .order_by(func.count().desc()).limit(1))
        party = session.scalar(select(Party.id).where(Party.key == "V"))
        timed("compare, one issue (most discussed)", lambda: compare_frame(session, top_issue))
        timed("compare, one issue, by bloc", lambda: compare_frame(session, top_issue, blocs=True))
        timed("matrix, all issues x parties", lambda: matrix_frame(session))
        timed("matrix, all issues x blocs", lambda: matrix_frame(session, blocs=True))
        timed("matrix, since 2024", lambda: matrix_frame(session, Scope(since=date(2024, 1, 1))))
        timed("positions of V (+2 latest quotes per issue)", lambda: positions_frame(session, party, quotes=2))
        timed("timeline, one issue, by quarter", lambda: timeline_frame(session, top_issue))
        timed("issues with counts", lambda: issues_frame(session))
        timed("issues with counts and first/last dates", lambda: issues_frame(session, dates=True), 1)
        csv_path = out_dir / "statements.csv"
        timed("export statements to CSV", lambda: statements_frame(session).to_csv(csv_path, index=False), 1)
        print(f"  ({csv_path.stat().st_size / 1e6:.0f} MB)")
        timed("HTML report (all issues)", lambda: render_report(session), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--db", help="Keep the database at this path (default: a temporary directory).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or str(Path(tmp) / "bench.db")
        tracker = Tracker(path)
        if tracker.session().scalar(select(func.count()).select_from(Statement)) == 0:
            start = time.perf_counter()
            fill(tracker, args.statements, random.Random(5))
            print(f"filled {args.statements:,} statements in {time.perf_counter() - start:.1f} s")
        run_queries(tracker, Path(tmp))
        tracker.close()


if __name__ == "__main__":
    main()
