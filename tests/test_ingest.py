"""tracker.ingest: batching, duplicates, failures that cost only themselves, strict mode, workers, reprocess.

The NLP pipeline is replaced by a stand-in (one statement per "Fornavn Efternavn (V)" tag), so these
tests are about ingest itself; tests/test_cli_ingest.py also runs the real pipeline once.
"""

from __future__ import annotations

import re
import sys
import types
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError

import tracker as tracker_package
from tracker.app import Tracker
from tracker.db.models import Article, Issue, Job, Politician, Statement
from tracker.ingest import Extractor, ingest_articles
from tracker.work import reprocess_articles
from tracker.nlp.model import StatementCandidate
from tracker.nlp.pipeline import final_statements
from tracker.sources import ArticleError, ArticleInput
from tracker.store import STATEMENTS, StatementWriter, fit_row

TAG = re.compile(r"(?P<name>[A-ZÆØÅ]\w+ [A-ZÆØÅ]\w+) \((?P<letter>[VS])\)")
PARTIES = {"V": "Venstre", "S": "Socialdemokratiet"}


class FakePipeline:
    """Stands in for tracker.nlp.pipeline; an article containing KABOOM breaks it."""

    def __init__(self):
        self.issue = None
        self.runs = 0

    def build_pipeline(self, registry=None, issues=None):
        return self

    def extract_many(self, nlp, articles, batch_size=64):
        for article in articles:
            if "KABOOM" in article.text:
                raise RuntimeError("the pipeline broke")
            self.runs += 1
            yield [self.candidate(m) for m in TAG.finditer(article.text)]  # as extract_many: one list per article

    def candidate(self, match) -> StatementCandidate:
        return StatementCandidate(party=PARTIES[match["letter"]], kind="direct_quote", evidence=match[0],
                                  start_char=match.start(), end_char=match.end(), speaker=match["name"],
                                  issue=self.issue, issue_label=self.issue)


@pytest.fixture
def fake_pipeline(monkeypatch) -> FakePipeline:
    fake = FakePipeline()
    module = types.ModuleType("tracker.nlp.pipeline")
    module.build_pipeline, module.extract_many = fake.build_pipeline, fake.extract_many
    module.final_statements = final_statements  # the real rule: it reads only doc._.statements
    monkeypatch.setitem(sys.modules, "tracker.nlp.pipeline", module)
    return fake


@pytest.fixture
def tracker(db_path):
    t = Tracker(db_path)
    yield t
    t.close()


def article(n: int, text: str | None = None, published: date | None = date(2024, 1, 1)) -> ArticleInput:
    text = text or f"Artikel {n}: skatten skal ned, siger Mette Testesen (V). Nej, siger Per Prøvesen (S)."
    return ArticleInput(text=text, source=f"a{n}.txt", published=published)


def counts(tracker: Tracker) -> tuple[int, int]:
    with tracker.session() as session:
        return (session.scalar(select(func.count(Article.id))), session.scalar(select(func.count(Statement.id))))


def test_ingest_stores_articles_and_statements(tracker, fake_pipeline):
    summary = ingest_articles(tracker, [article(n) for n in range(5)], batch_size=2)
    assert (summary.ingested, summary.duplicates, summary.failed, summary.statements) == (5, 0, 0, 10)
    assert counts(tracker) == (5, 10)
    with tracker.session() as session:
        assert set(session.scalars(select(Statement.pipeline_version))) == {tracker_package.PIPELINE_VERSION}


def test_ingesting_again_adds_nothing(tracker, fake_pipeline):
    ingest_articles(tracker, [article(n) for n in range(4)])
    again = ingest_articles(tracker, [article(n) for n in range(4)])
    assert (again.ingested, again.duplicates, again.statements) == (0, 4, 0)
    assert counts(tracker) == (4, 8)


def test_same_text_twice_in_one_run_is_one_article(tracker, fake_pipeline):
    text = article(1).text
    items = [article(1, text), article(2, "  " + text.replace(" ", "\n  ") + "\n")]
    summary = ingest_articles(tracker, items)
    assert (summary.ingested, summary.duplicates) == (1, 1)


def test_a_batch_write_gives_ids_to_new_texts_only(database):
    """save_articles: a text stored before, or earlier in the same batch, is a duplicate (None, 0)."""
    def tagged(item):
        return [FakePipeline().candidate(match) for match in TAG.finditer(item.text)]

    tracker = Tracker(database)

    with tracker.session() as session, session.begin():
        StatementWriter(session).save_article(article(1), tagged(article(1)))
    items = [article(1), article(2), article(3, article(2).text + "\n"), article(4)]
    with tracker.session() as session, session.begin():
        saved = StatementWriter(session).save_articles([(item, tagged(item)) for item in items])
    assert [(s.article_id is None, s.statements) for s in saved] == [(True, 0), (False, 2), (True, 0), (False, 2)]
    assert counts(tracker) == (3, 6)
    with tracker.session() as session:
        stored = dict(session.execute(select(Article.id, Article.source)).all())
        assert [stored[s.article_id] for s in saved if s.article_id] == ["a2.txt", "a4.txt"]
        people = session.scalars(select(Politician.id).where(Politician.full_name == "Mette Testesen")).all()
        assert len(people) == 1  # discovered once, shared by the statements of every article
        assert session.scalar(select(func.count()).where(Statement.politician_id == people[0])) == 3
    tracker.close()


def test_reading_problems_are_counted_and_reported(tracker, fake_pipeline):
    events = []
    items = [article(1), ArticleError("b.jsonl:3: malformed JSON"), article(2)]
    items[2].warnings.append("no date line")
    summary = ingest_articles(tracker, items, report=lambda *event: events.append(event))
    assert (summary.ingested, summary.failed, summary.warnings) == (2, 1, 1)
    assert ("failed", "", "b.jsonl:3: malformed JSON") in events
    assert ("warning", "a2.txt", "no date line") in events


def test_an_article_that_breaks_the_pipeline_costs_only_itself(tracker, fake_pipeline):
    items = [article(1), article(2, "KABOOM siger Mette Testesen (V)."), article(3)]
    summary = ingest_articles(tracker, items, batch_size=10)
    assert (summary.ingested, summary.failed) == (2, 1)
    assert "a2.txt: extraction failed (RuntimeError: the pipeline broke)" in summary.problems
    assert counts(tracker) == (3, 4)  # the article is kept, its job waits with the error
    with tracker.session() as session:
        jobs = session.execute(select(Article.source, Job.error).join(Job, Job.article_id == Article.id)).all()
    assert [(source, error.split(" (")[0]) for source, error in jobs] == [("a2.txt", "extraction failed")]


def test_an_article_the_database_refuses_costs_only_itself(tracker, fake_pipeline, monkeypatch):
    real_store = StatementWriter.store_articles

    def refuse_a2(self, items):
        if any(item.source == "a2.txt" for item in items):
            raise IntegrityError("INSERT", {}, Exception("constraint failed"))
        return real_store(self, items)

    monkeypatch.setattr(StatementWriter, "store_articles", refuse_a2)
    summary = ingest_articles(tracker, [article(n) for n in range(1, 4)], batch_size=10)
    assert (summary.ingested, summary.failed) == (2, 1)
    assert summary.problems[0].startswith("a2.txt: could not store (IntegrityError")


def test_a_locked_database_is_retried(tracker, fake_pipeline, monkeypatch):
    real_init, attempts = StatementWriter.__init__, []

    def locked_twice(self, session, **kwargs):
        attempts.append(1)
        if len(attempts) <= 2:
            raise OperationalError("BEGIN", {}, Exception("database is locked"))
        real_init(self, session, **kwargs)

    monkeypatch.setattr(StatementWriter, "__init__", locked_twice)
    monkeypatch.setattr("tracker.ingest.writing.time.sleep", lambda seconds: None)
    summary = ingest_articles(tracker, [article(1), article(2)])
    assert (summary.ingested, summary.failed, len(attempts)) == (2, 0, 4)  # two locked, then store and write


def test_strict_stops_at_a_reading_error(tracker, fake_pipeline):
    items = [article(1), ArticleError("bad.txt: empty file"), article(2)]
    summary = ingest_articles(tracker, items, strict=True)
    assert (summary.ingested, summary.failed, summary.stopped) == (1, 1, True)
    assert counts(tracker)[0] == 1


def test_strict_writes_no_statements_of_the_failing_article_and_nothing_after(tracker, fake_pipeline):
    items = [article(1), article(2, "KABOOM (V)"), article(3)]
    summary = ingest_articles(tracker, items, strict=True, batch_size=10)
    assert (summary.ingested, summary.failed, summary.stopped) == (1, 1, True)
    with tracker.session() as session:
        assert list(session.scalars(select(Article.source).order_by(Article.id))) == ["a1.txt", "a2.txt"]
        assert list(session.scalars(select(Article.source).join(Statement).distinct())) == ["a1.txt"]


def test_workers_give_the_same_result(tracker, fake_pipeline):
    items = [article(n) for n in range(12)] + [article(99, "KABOOM (V)")]
    summary = ingest_articles(tracker, items, batch_size=3, workers=2)
    assert (summary.ingested, summary.failed, summary.statements) == (12, 1, 24)
    with tracker.session() as session:
        assert sorted(session.scalars(select(Article.source).join(Statement).distinct())) == sorted(
            f"a{n}.txt" for n in range(12))


def test_workers_started_ahead_serve_several_runs(tracker, fake_pipeline):
    with Extractor(tracker, workers=2).wait_until_ready() as extractor:
        first = ingest_articles(tracker, [article(n) for n in range(5)], batch_size=2, extractor=extractor)
        again = ingest_articles(tracker, [article(n) for n in range(3, 8)], batch_size=2, extractor=extractor)
    assert (first.ingested, first.statements) == (5, 10)
    assert (again.ingested, again.duplicates) == (3, 2)


def test_reprocess_after_a_pipeline_change_replaces_statements_and_keeps_articles(
        tracker, fake_pipeline, monkeypatch):
    ingest_articles(tracker, [article(n) for n in range(3)])
    with tracker.session() as session:
        texts = dict(session.execute(select(Article.id, Article.text)).all())
    monkeypatch.setattr(tracker_package, "PIPELINE_VERSION", "9.9.9")
    fake_pipeline.issue = "skat"
    summary = reprocess_articles(tracker)
    assert (summary.reprocessed, summary.failed, summary.statements) == (3, 0, 6)
    assert counts(tracker) == (3, 6)
    with tracker.session() as session:
        assert dict(session.execute(select(Article.id, Article.text)).all()) == texts
        assert set(session.scalars(select(Statement.pipeline_version))) == {"9.9.9"}
        assert set(session.scalars(select(Article.pipeline_version))) == {"9.9.9"}
        assert set(session.scalars(select(Issue.slug).join(Statement))) == {"skat"}
    assert reprocess_articles(tracker).reprocessed == 0  # all up to date now
    assert reprocess_articles(tracker, everything=True).reprocessed == 3


def test_reprocess_since_and_a_failing_article(tracker, fake_pipeline, monkeypatch):
    ingest_articles(tracker, [article(1, published=date(2020, 1, 1)), article(2, published=date(2024, 1, 1)),
                              article(3, published=date(2024, 2, 1))])
    monkeypatch.setattr(tracker_package, "PIPELINE_VERSION", "9.9.9")
    real = fake_pipeline.extract_many

    def break_a3(nlp, articles, batch_size=64):
        for item in articles:
            if item.source == "a3.txt":
                raise RuntimeError("broken")
        yield from real(nlp, articles)

    monkeypatch.setattr(sys.modules["tracker.nlp.pipeline"], "extract_many", break_a3)
    summary = reprocess_articles(tracker, since=date(2023, 1, 1))
    assert (summary.reprocessed, summary.failed) == (1, 1)
    assert counts(tracker) == (3, 6)  # the failing article keeps its old statements


def test_fit_row_makes_every_text_storable_and_cuts_it_to_its_column():
    row = fit_row(STATEMENTS, {"speaker": "Mette\x00 Testesen", "role": "ordfører\ud800", "evidence": "ok",
                               "stance": "for" * 10, "start_char": 3})
    assert row == {"speaker": "Mette\ufffd Testesen", "role": "ordfører\ufffd", "evidence": "ok",
                   "stance": ("for" * 10)[:10], "start_char": 3}
    clean = {"speaker": "Per Prøvesen", "evidence": "Skatten skal ned.", "start_char": 0}
    assert fit_row(STATEMENTS, clean) == clean


def test_content_hash_in_chunks_is_the_hash_of_the_whole_normalised_text(monkeypatch):
    import hashlib
    import unicodedata

    from tracker import store

    def whole(text: str) -> str:
        normal = " ".join(unicodedata.normalize("NFC", store.storable(text)).split())
        return hashlib.sha256(normal.encode("utf-8")).hexdigest()

    monkeypatch.setattr(store, "HASH_CHUNK", 7)
    for text in ["", "   ", "a", "Mette  Testesen\n\n(V) siger\u00a0nej.\x00", "e\u0301 \u0301e  x" * 5,
                 " start og slut ", "ord" * 30, "\u2000A\u030a\u3000Å " * 9]:
        assert store._hash(text) == whole(text), text


@given(st.text(alphabet=st.sampled_from(["a", "Å", "A", "\u030a", "\u0301", " ", "\n", "\u00a0", "\u2000", "\u3000",
                                         "\x00", "\ud800", "e", "\u1e9b", "\u0323", "\t"]), max_size=200))
def test_content_hash_chunks_agree_with_the_whole_text_for_any_text(text):
    import hashlib
    import unicodedata

    from tracker import store

    normal = " ".join(unicodedata.normalize("NFC", store.storable(text)).split())
    saved, store.HASH_CHUNK = store.HASH_CHUNK, 5
    try:
        assert store._hash(text) == hashlib.sha256(normal.encode("utf-8")).hexdigest()
    finally:
        store.HASH_CHUNK = saved
