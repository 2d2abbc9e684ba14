"""Writes that can fail safely: reports and exports replace their file in one step (a full disk leaves
the last good one), a full disk during ingest stops it in one line, a write lock held by another process
is reported after a bounded wait (--lock-wait / TRACKER_LOCK_WAIT)."""

from __future__ import annotations

import errno
import os
import resource
import sqlite3
import subprocess

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select, text

from consistency import INGEST, assert_consistent, count_articles, write_articles
from tracker.app import Tracker
from tracker.atomic import write_atomically
from tracker.cli import cli
from tracker.db.locks import WRITER_LOCK
from tracker.db.models import Job
from tracker.nlp.pipeline import build_pipeline
from test_cli_ingest import QUOTE, summary, text_article
from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture)


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


def test_a_failed_write_leaves_the_last_good_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("the last good export\n", encoding="utf-8")

    def disk_full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomically(target, "a new export\n" * 1000)
    assert target.read_text(encoding="utf-8") == "the last good export\n" and leftovers(tmp_path) == []
    monkeypatch.undo()
    write_atomically(target, "a new export\n")
    assert target.read_text(encoding="utf-8") == "a new export\n" and leftovers(tmp_path) == []


def test_a_full_disk_during_export_is_one_line_and_the_old_file_stays(run, tmp_path, fake_pipeline, monkeypatch):
    text_article(tmp_path / "news", "a.txt", QUOTE.format(name="Mette Testesen", party="V"))
    run("ingest", str(tmp_path / "news"))
    target = tmp_path / "statements.csv"
    target.write_text("the last good export\n", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", lambda descriptor: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left "
                                                                                       "on device")))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "test.db"), "export", "statements", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: could not write {target} (No space left on device); "
                                     "the file there is as it was")
    assert target.read_text(encoding="utf-8") == "the last good export\n" and leftovers(tmp_path) == []


def limited(size: int):
    """preexec_fn: files of this process may not grow beyond `size` bytes (a disk that fills up)."""
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


@pytest.mark.slow
def test_a_report_too_big_for_the_disk_leaves_the_last_good_one(tmp_path):
    db = str(tmp_path / "t.db")
    paths = write_articles(tmp_path / "articles", range(40))
    subprocess.run([*INGEST, "--db", db, "ingest", "-q", *map(str, paths)], check=True, capture_output=True)
    report = tmp_path / "report.html"
    report.write_text("<p>the last good report</p>", encoding="utf-8")
    done = subprocess.run([*INGEST, "--db", db, "report", "-o", str(report)], capture_output=True, text=True,
                          preexec_fn=limited(40_000))  # (the page is some 60 KB; SQLite needs 32 KB files)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == (f"Error: could not write {report} (File too large); the file there is as it was")
    assert report.read_text(encoding="utf-8") == "<p>the last good report</p>" and leftovers(tmp_path) == []


@pytest.mark.slow
def test_a_full_disk_during_ingest_stops_in_one_line_and_keeps_what_was_written(tmp_path):
    db = str(tmp_path / "t.db")
    paths = write_articles(tmp_path / "articles", range(300))
    tracker = Tracker(db)
    tracker.close()
    done = subprocess.run([*INGEST, "--db", db, "ingest", "-q", "--batch-size", "16", *map(str, paths)],
                          capture_output=True, text=True, preexec_fn=limited(os.path.getsize(db) + 150_000))
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("Stopped: the disk ") and line.endswith(").")
    tracker = Tracker(db)
    stored = count_articles(tracker)
    with tracker.session() as session:
        waiting = session.scalar(select(func.count()).select_from(Job))
    extracted = stored - waiting  # the last batch's articles may be stored and queued, not yet extracted
    assert 0 < extracted < 300 and waiting in (0, 16)
    assert done.stdout.strip() == f"{extracted} ingested, 0 duplicates, 16 failed, {3 * extracted} statements added"
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert_consistent(tracker, build_pipeline(tracker.registry))
    again = subprocess.run([*INGEST, "--db", db, "ingest", "-q", *map(str, paths)], capture_output=True, text=True)
    assert again.returncode == 0 and count_articles(tracker) == 300
    tracker.close()


class HeldLock:
    """Another process's write lock on the database: SQLite's file lock, or PostgreSQL's advisory lock."""

    def __init__(self, database: str):
        self.database = database

    def __enter__(self):
        if "://" in self.database:
            self.engine = create_engine(self.database.replace("postgresql://", "postgresql+psycopg://", 1))
            self.connection = self.engine.connect()
            self.connection.execute(text(f"SELECT pg_advisory_lock({WRITER_LOCK})"))
        else:
            self.connection = sqlite3.connect(self.database, isolation_level=None)
            self.connection.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc):
        self.connection.close()
        if "://" in self.database:
            self.engine.dispose()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_lock_held_elsewhere_is_reported_after_the_wait(database, tmp_path, fake_pipeline, deadline, how,
                                                            monkeypatch):
    Tracker(database).close()  # the schema and registry are there before the lock is taken
    news = tmp_path / "news"
    for n in range(3):
        text_article(news, f"{n}.txt", QUOTE.format(name="Mette Testesen", party="V") + f" Nummer {n}.")
    if how == "environment":
        monkeypatch.setenv("TRACKER_LOCK_WAIT", "0.5")
    wait = ["--lock-wait", "0.5"] if how == "option" else []
    deadline(60)
    with HeldLock(database):
        result = CliRunner().invoke(cli, ["--db", database, *wait, "ingest", "--batch-size", "1", str(news)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Stopped: the database is locked by another process (waited 0.5 s; see --lock-wait)."]
    assert summary(result) == "0 ingested, 0 duplicates, 1 failed, 0 statements added"
    tracker = Tracker(database)
    assert count_articles(tracker) == 0
    tracker.close()


def test_a_lock_held_elsewhere_stops_tracker_work_in_one_line_and_leaves_the_jobs(database, tmp_path, fake_pipeline,
                                                                                    deadline):
    news = tmp_path / "news"
    for n in range(3):
        text_article(news, f"{n}.txt", QUOTE.format(name="Mette Testesen", party="V") + f" Nummer {n}.")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", database, "ingest", "--queue-only", str(news)]).exit_code == 0
    deadline(60)
    with HeldLock(database):
        result = runner.invoke(cli, ["--db", database, "--lock-wait", "0.5", "work", "--batch-size", "2"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Stopped: the database is locked by another process (waited 0.5 s; see --lock-wait)."]
    assert result.stdout.strip() == "0 articles extracted, 0 failed, 0 statements written"
    tracker = Tracker(database)
    with tracker.session() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == 3  # nothing lost: all still queued
    tracker.close()
    again = runner.invoke(cli, ["--db", database, "work"])
    assert (again.exit_code, again.stdout.strip()) == (0, "3 articles extracted, 0 failed, 3 statements written")


def test_a_work_batch_that_fails_entirely_does_not_wait_for_its_own_claim(database, tmp_path, fake_pipeline,
                                                                          deadline):
    """On PostgreSQL the claim's transaction holds the jobs' rows: the failures are marked after it ends
    (each of the three attempts: the first two queue the jobs again, the third fails them)."""
    news = tmp_path / "news"
    for n in range(2):
        text_article(news, f"{n}.txt", f"KABOOM nummer {n}, siger Mette Testesen (V).")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", database, "ingest", "--queue-only", str(news)]).exit_code == 0
    deadline(60)
    result = runner.invoke(cli, ["--db", database, "--lock-wait", "2", "work", "--batch-size", "2"])
    assert result.exit_code == 1
    assert "Stopped" not in result.stderr
    assert result.stdout.strip() == ("0 articles extracted, 2 failed, 0 statements written, "
                                     "4 failed attempts queued again")
    tracker = Tracker(database)
    with tracker.session() as session:
        assert session.scalar(select(func.count()).select_from(Job).where(Job.error.is_not(None))) == 2
    tracker.close()
