"""Two `tracker ingest` processes on one SQLite file: both finish, and no article is stored twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker.app import Tracker
from tracker.db.models import Article

N = 120


def write_articles(folder: Path) -> None:
    folder.mkdir()
    for n in range(N):
        (folder / f"{n:03}.txt").write_text(
            f" date 2024-02-{n % 28 + 1:02} Artikel {n} om skat.\n\n"
            f"- Skatten skal ned, siger Mette Testesen (V) i artikel {n}.\n\n"
            f"Per Prøvesen (S) mener, at velfærden går først i sag {n}.\n", encoding="utf-8")


def start_ingest(db: str, folder: Path) -> subprocess.Popen:
    command = [sys.executable, "-c", "from tracker.cli import main; main()",
               "--db", db, "ingest", "-q", "--batch-size", "8", str(folder)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def summary_numbers(stdout: str) -> tuple[int, int, int]:
    words = stdout.strip().splitlines()[-1].replace(",", "").split()
    return int(words[0]), int(words[2]), int(words[4])  # ingested, duplicates, failed


@pytest.mark.slow
@pytest.mark.parametrize("fresh", [False, True], ids=["migrated", "fresh-file"])
def test_two_processes_share_one_database(tmp_path, fresh):
    folder = tmp_path / "articles"
    write_articles(folder)
    db = str(tmp_path / "shared.db")
    if not fresh:
        Tracker(db).close()
    processes = [start_ingest(db, folder) for _ in range(2)]
    outputs = [process.communicate(timeout=600) for process in processes]
    for process, (stdout, stderr) in zip(processes, outputs):
        assert process.returncode == 0, stderr
    numbers = [summary_numbers(stdout) for stdout, _ in outputs]
    assert sum(n[0] for n in numbers) == N  # each article ingested by exactly one of them
    assert sum(n[1] for n in numbers) == N  # and a duplicate for the other
    tracker = Tracker(db, migrate=False)
    with tracker.session() as session:
        assert session.scalar(select(func.count(Article.id))) == N
        assert session.scalar(select(func.count(func.distinct(Article.content_hash)))) == N
    tracker.close()
