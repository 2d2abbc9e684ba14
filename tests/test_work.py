"""The work queue: `ingest --queue-only` stores and queues, `tracker work` extracts; a worker killed
mid-job leaves its jobs to another, and nothing is stored twice (PostgreSQL, a real server)."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest
from sqlalchemy import func, select, text

from consistency import INGEST, assert_consistent, write_articles
from tracker.app import Tracker
from tracker.db.models import Article, Job, Statement
from tracker.nlp.pipeline import build_pipeline
from tracker.queue import claim, take
from tracker.work import work_queue

TIMEOUT_S = 240


def count(tracker: Tracker, model) -> int:
    with tracker.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_ingest_queue_only_then_work_extracts_everything(run, database, tmp_path):
    paths = write_articles(tmp_path / "in", range(6))
    result = run("--db", database, "ingest", "--queue-only", str(tmp_path / "in"))
    assert result.exit_code == 0 and "6 queued for `tracker work`" in result.output
    tracker = Tracker(database)
    assert (count(tracker, Article), count(tracker, Job), count(tracker, Statement)) == (6, 6, 0)
    result = run("--db", database, "work", "--batch-size", "4")
    assert result.exit_code == 0 and "6 articles extracted, 0 failed" in result.output, result.output
    assert count(tracker, Job) == 0
    assert assert_consistent(tracker, build_pipeline(tracker.registry)) == 18
    assert "0 articles extracted" in run("--db", database, "work").output  # nothing left to do
    again = run("--db", database, "ingest", *map(str, paths))
    assert "0 ingested, 6 duplicates" in again.output
    tracker.close()


def test_reprocess_queue_only_leaves_the_old_statements_until_work(run, database, tmp_path):
    write_articles(tmp_path / "in", range(3))
    assert run("--db", database, "ingest", str(tmp_path / "in")).exit_code == 0
    queued = run("--db", database, "reprocess", "--all", "--queue-only")
    assert queued.exit_code == 0 and "3 articles queued" in queued.output
    tracker = Tracker(database)
    assert (count(tracker, Job), count(tracker, Statement)) == (3, 9)
    assert "3 articles extracted" in run("--db", database, "work").output
    assert (count(tracker, Job), count(tracker, Statement)) == (3 - 3, 9)
    tracker.close()


def test_a_job_taken_by_one_writer_is_not_written_by_another(database, tmp_path):
    """take() decides who writes: the second writer of the same article gets nothing."""
    write_articles(tmp_path / "in", range(2))
    tracker = Tracker(database)
    from tracker.cli import cli
    from click.testing import CliRunner

    CliRunner().invoke(cli, ["--db", database, "ingest", "--queue-only", str(tmp_path / "in")])
    with tracker.session() as session, session.begin():
        ids = claim(session, 10)
        assert len(ids) == 2
        assert take(session, ids) == set(ids)
    with tracker.session() as session, session.begin():
        assert take(session, ids) == set()
    tracker.close()


def start_worker(db: str, log, *options: str) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen([*INGEST, "--db", db, "work", "-q", *options], stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def locked_jobs(tracker: Tracker) -> int:
    """How many jobs another transaction holds (those SKIP LOCKED passes over). The probe locks the free
    ones for a moment: a worker claiming then skips them, so the tests' workers wait (--idle) for more."""
    with tracker.session() as session, session.begin():
        free = session.scalar(text("SELECT count(*) FROM (SELECT id FROM jobs FOR UPDATE SKIP LOCKED) AS free"))
        return session.scalar(select(func.count()).select_from(Job)) - free


@pytest.mark.postgres
def test_a_worker_killed_mid_job_leaves_it_to_another_and_nothing_is_stored_twice(pg_url, tmp_path):
    write_articles(tmp_path / "in", range(60))
    tracker = Tracker(pg_url)
    nlp = build_pipeline(tracker.registry)
    from click.testing import CliRunner

    from tracker.cli import cli

    assert CliRunner().invoke(cli, ["--db", pg_url, "ingest", "--queue-only", str(tmp_path / "in")]).exit_code == 0
    doomed = start_worker(pg_url, tmp_path / "doomed.log", "--batch-size", "30", "--idle", "60")
    deadline = time.monotonic() + TIMEOUT_S
    while locked_jobs(tracker) == 0:
        assert doomed.poll() is None, (tmp_path / "doomed.log").read_text()
        assert time.monotonic() < deadline, "the worker claimed nothing in time"
        time.sleep(0.05)
    held = locked_jobs(tracker)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=30)
    assert 0 < held <= 30 and count(tracker, Statement) == 0  # killed while extracting its first batch
    deadline = time.monotonic() + 30
    while locked_jobs(tracker):  # the server notices the closed connection and rolls back
        assert time.monotonic() < deadline
        time.sleep(0.05)
    summary = work_queue(tracker, batch_size=16, nlp=nlp)
    assert (summary.done, summary.failed, summary.skipped) == (60, 0, 0)
    assert count(tracker, Job) == 0
    assert assert_consistent(tracker, nlp) == 180
    tracker.close()


@pytest.mark.postgres
def test_two_workers_share_the_queue_and_store_each_article_once(pg_url, tmp_path):
    write_articles(tmp_path / "in", range(40))
    tracker = Tracker(pg_url)
    from click.testing import CliRunner

    from tracker.cli import cli

    assert CliRunner().invoke(cli, ["--db", pg_url, "ingest", "--queue-only", str(tmp_path / "in")]).exit_code == 0
    logs = [tmp_path / f"worker{k}.log" for k in range(2)]
    workers = [start_worker(pg_url, log, "--batch-size", "4") for log in logs]
    assert [worker.wait(timeout=TIMEOUT_S) for worker in workers] == [0, 0]
    outputs = [log.read_text() for log in logs]
    done = [int(output.split(" articles extracted")[0].split()[-1]) for output in outputs]
    assert sum(done) == 40, outputs
    assert count(tracker, Job) == 0
    assert assert_consistent(tracker, build_pipeline(tracker.registry)) == 120
    tracker.close()
