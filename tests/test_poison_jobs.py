"""A "poison" article, one whose extraction (or writing) always fails, is tried `--max-attempts` times by
`tracker work` (default 3), then its job is failed with its error: one line says so, `tracker jobs` lists
it, and the queue is not worked in a loop. On SQLite and on a real PostgreSQL server (`database`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture: KABOOM breaks it)
from tracker.app import Tracker
from tracker.db.models import Job

QUOTE = " date 2024-03-01 {body}, siger {name} (V).\n\nAndet afsnit.\n"


def articles(folder: Path, poison: str = "KABOOM") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(QUOTE.format(body="Skatten skal ned", name="Mette Testesen"), encoding="utf-8")
    (folder / "poison.txt").write_text(QUOTE.format(body=f"Skatten skal op {poison}", name="Per Prøvesen"),
                                       encoding="utf-8")
    return folder


def jobs(database: str) -> list[tuple]:
    tracker = Tracker(database)
    with tracker.session() as session:
        rows = [tuple(row) for row in session.execute(select(Job.attempts, Job.error))]
    tracker.close()
    return rows


def test_a_poison_article_is_tried_three_times_then_failed_and_listed(run, database, tmp_path, fake_pipeline):
    assert run("--db", database, "ingest", "--queue-only", str(articles(tmp_path / "in"))).exit_code == 0
    result = run("--db", database, "work")
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines()[-1] == (
        "1 articles extracted, 1 failed, 1 statements written, 2 failed attempts queued again")
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "poison.txt: extraction failed (RuntimeError" in failed[0]
    assert "failed 3 times: the job is failed" in failed[0]
    assert jobs(database) == [(3, failed[0].split(": ", 2)[2].split(" (failed 3 times")[0])]
    listed = run("--db", database, "jobs")
    assert listed.exit_code == 0 and listed.stdout.startswith("0 jobs waiting, 1 failed")
    assert "attempts" in listed.stdout and "error" in listed.stdout  # a table (its cells wrap)
    as_csv = run("--db", database, "jobs", "--csv").stdout.splitlines()
    assert as_csv[0] == "article_id,source,attempts,error" and len(as_csv) == 2
    assert "poison.txt,3,extraction failed (RuntimeError" in as_csv[1]
    again = run("--db", database, "work")  # a failed job waits for --retry-failed: no loop
    assert again.exit_code == 0 and "0 articles extracted, 0 failed" in again.stdout
    retried = run("--db", database, "work", "--retry-failed", "--max-attempts", "1")
    assert retried.exit_code == 1 and "0 articles extracted, 1 failed" in retried.stdout
    assert jobs(database)[0][0] == 1  # counted from 0 again by --retry-failed


def test_an_article_whose_statements_cannot_be_written_is_not_requeued_forever(run, database, tmp_path,
                                                                                fake_pipeline, monkeypatch):
    """Writing fails (not extraction): before attempts were counted its job stayed waiting and the same
    `tracker work` claimed it again and again."""
    from tracker.ingest import writing

    real = writing.write_and_reattach

    def refuse_poison(writer, tracker, rows):
        if any("Prøvesen" in candidate.evidence for _, _, candidates in rows for candidate in candidates):
            raise ValueError("this article cannot be written")
        return real(writer, tracker, rows)

    monkeypatch.setattr(writing, "write_and_reattach", refuse_poison)
    assert run("--db", database, "ingest", "--queue-only", str(articles(tmp_path / "in", poison="")))\
        .exit_code == 0
    result = run("--db", database, "work", "--max-attempts", "2", "--batch-size", "1")
    assert result.exit_code == 1
    assert "1 articles extracted, 1 failed, 1 statements written, 1 failed attempts queued again" in result.stdout
    assert [line for line in result.stderr.splitlines() if line.startswith("failed:")] == [
        f"failed: {tmp_path / 'in' / 'poison.txt'}: could not store (ValueError: this article cannot be written)"
        " (failed 2 times: the job is failed; `tracker work --retry-failed` tries again)"]
    assert jobs(database) == [(2, "could not store (ValueError: this article cannot be written)")]


@pytest.mark.parametrize("limit", ["0", "x"])
def test_max_attempts_must_be_a_positive_number(run, limit):
    assert run("work", "--max-attempts", limit).exit_code == 2
