"""Several ingest processes at once over overlapping inputs: every article once, every statement once.

Four `tracker ingest` processes share one database; each gets half of the files, in its own order,
so every file is ingested by two of them at the same time, and some texts come twice under other names.
Named for PostgreSQL, where several workers are the point; SQLite must cope as well.
"""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import func, select

from consistency import assert_consistent, count_articles, start_ingest, write_articles
from tracker.app import Tracker
from tracker.db.models import Article, Politician, Statement
from tracker.nlp.pipeline import build_pipeline
from tracker.nlp.model import StatementCandidate
from tracker.sources import ArticleInput, read_text_article
from tracker.store import StatementWriter, content_hash

WORKERS = 4
ARTICLES = 60
COPIES = 10  # texts that come twice, under another file name
TIMEOUT_S = 300


def worker_inputs(paths: list, worker: int) -> list:
    """Half of the files, starting a quarter further on for each worker; every other worker backwards."""
    start = worker * len(paths) // WORKERS
    chosen = [paths[(start + k) % len(paths)] for k in range(len(paths) // 2)]
    return chosen[::-1] if worker % 2 else chosen


@pytest.mark.slow
def test_four_ingest_processes_store_every_article_and_statement_once(database, tmp_path):
    paths = write_articles(tmp_path / "in", range(ARTICLES))
    paths += write_articles(tmp_path / "in", range(COPIES), prefix="kopi")
    paths.sort(key=lambda path: int(re.search(r"\d+", path.name)[0]))  # a copy beside its original
    logs = [tmp_path / f"worker{k}.log" for k in range(WORKERS)]
    processes = [start_ingest(database, worker_inputs(paths, k), logs[k], "--batch-size", "8")
                 for k in range(WORKERS)]  # on an empty database: they race to create it, too
    codes = [process.wait(timeout=TIMEOUT_S) for process in processes]
    tracker = Tracker(database)
    logs = [log.read_text() for log in logs]
    assert codes == [0] * WORKERS, logs
    assert sum(int(re.search(r"(\d+) ingested", log)[1]) for log in logs) == ARTICLES
    assert count_articles(tracker) == ARTICLES
    with tracker.session() as session:
        stored = set(session.scalars(select(Article.content_hash)))
    assert stored == {content_hash(read_text_article(path).text) for path in paths}
    assert assert_consistent(tracker, build_pipeline(tracker.registry)) > 2 * ARTICLES
    tracker.close()


def statement_by(name: str, text: str) -> StatementCandidate:
    start = text.index(name)
    return StatementCandidate(party="Venstre", kind="indirect", evidence=text[start:], start_char=start,
                              end_char=len(text), speaker=name, issue="flere-cykelstier",
                              issue_label="Flere cykelstier", stance="for")


def test_two_writers_at_once_take_turns_and_see_each_others_rows(database):
    """The second writer waits for the first, then finds the person and issue the first created."""
    tracker = Tracker(database)
    texts = [f"Artikel {n}: Mette Testesen (V) vil have flere cykelstier." for n in (1, 2)]
    first = tracker.session()
    first.begin()
    StatementWriter(first).save_article(ArticleInput(texts[0], "a.txt"), [statement_by("Mette Testesen", texts[0])])
    outcome = {}

    def second_writer():
        try:
            with tracker.session() as session, session.begin():
                outcome["saved"] = StatementWriter(session).save_article(
                    ArticleInput(texts[1], "b.txt"), [statement_by("Mette Testesen", texts[1])])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcome["error"] = error

    thread = threading.Thread(target=second_writer)
    thread.start()
    thread.join(timeout=1)  # time for the second writer to reach the database and wait there
    first.commit()
    first.close()
    thread.join(timeout=TIMEOUT_S)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["saved"].statements == 1
    with tracker.session() as session:
        people = session.scalars(select(Politician).where(Politician.full_name == "Mette Testesen")).all()
        assert len(people) == 1
        assert session.scalar(select(func.count()).select_from(Statement).where(
            Statement.politician_id == people[0].id)) == 2
    tracker.close()
