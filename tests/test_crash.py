"""Crash safety: an ingest killed part-way (SIGKILL) leaves whole articles only; running it again finishes.

The ingest runs as its own process over many small constructed articles and is killed a few times,
each time soon after a batch was committed; after every kill each stored article must have exactly
the statements a fresh extraction of it gives (none missing, none half-written).
"""

from __future__ import annotations

import random
import signal
import time

import pytest

from consistency import assert_consistent, count_articles, start_ingest, write_articles
from tracker.app import Tracker
from tracker.nlp.pipeline import build_pipeline

ARTICLES = 600  # enough that a fast ingest is still running at the third kill
KILLS = 3
BATCH = "16"  # articles per transaction
TIMEOUT_S = 240


def kill_after_next_commit(process, tracker: Tracker, seen: int, rng: random.Random) -> int:
    """Wait until more articles are stored than `seen`, then SIGKILL after a short random pause."""
    deadline = time.monotonic() + TIMEOUT_S
    while count_articles(tracker) <= seen:
        assert process.poll() is None, "the ingest ended before committing anything new"
        assert time.monotonic() < deadline, "no commit in time"
        time.sleep(0.02)
    time.sleep(rng.uniform(0, 0.05))  # a batch takes tens of milliseconds
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return count_articles(tracker)


@pytest.mark.slow
def test_killed_ingest_leaves_whole_articles_and_a_rerun_completes(database, tmp_path):
    paths = write_articles(tmp_path / "articles", range(ARTICLES))
    tracker = Tracker(database)  # the schema and registry exist before the first ingest starts
    nlp = build_pipeline(tracker.registry)
    rng = random.Random(6)
    stored = 0
    for kill in range(KILLS):
        process = start_ingest(database, paths, tmp_path / f"ingest{kill}.log", "--batch-size", BATCH)
        stored = kill_after_next_commit(process, tracker, stored, rng)
        assert process.returncode == -signal.SIGKILL
        assert 0 < stored < ARTICLES, "the ingest was not killed part-way"
        assert_consistent(tracker, nlp)
    process = start_ingest(database, paths, tmp_path / "final.log", "--batch-size", BATCH)
    assert process.wait(timeout=TIMEOUT_S) == 0, (tmp_path / "final.log").read_text()
    assert count_articles(tracker) == ARTICLES
    assert assert_consistent(tracker, nlp) > 2 * ARTICLES
    tracker.close()
