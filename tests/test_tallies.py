"""The tallies (tracker.tallies) always equal a count of the statements themselves (those not rejected),
whatever wrote them: ingest, reprocess, deleting articles (a story's lead among them), corrections, discovery
moving statements between issues and the curation of issues (merge, split); and the reports' counts with
dates (whole months from the tallies, the other days from the statements) equal a direct count."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import case, func, select

import tracker as tracker_package
from tracker.app import Tracker
from tracker.db.models import Article, Issue, IssueKey, MonthTally, Statement, Tally
from tracker.discovery import rebuild
from tracker.ingest import ingest_articles
from tracker.nlp.model import StatementCandidate
from tracker.reports import Scope
from tracker.reports.counts import count_frame, month_span
from tracker.sources import ArticleInput
from tracker.store import StatementWriter, delete_articles
from tracker.user_catalogue import merge, split
from tracker.work import reprocess_articles

PEOPLE = [("Mette Testesen", "V"), ("Jens Prøvesen", "SF"), ("Ole Opdigtet", "DF"), ("Hanne Eksempel", "S")]
CLAIMS = ["der skal bygges flere cykelstier", "topskatten skal afskaffes", "forsvaret skal have flere penge"]


@pytest.fixture(scope="module")
def nlp():
    from tracker.nlp.pipeline import build_pipeline

    return build_pipeline()


WORDS = ("byrådet kommunen budgettet planen udvalget borgerne skolen havnen vejene trafikken pengene året "
         "forslaget aftalen kritikken mødet sagen beslutningen området projektet").split()


def text(n: int) -> str:
    """A short constructed article; its own filler words make it no copy of another."""
    (a, pa), (b, pb) = PEOPLE[n % 4], PEOPLE[(n + 1) % 4]
    rng = random.Random(n)
    filler = " ".join(rng.choice(WORDS) for _ in range(40))
    return (f"Debat nummer {n}: {filler}.\n\n"
            f"{a} ({pa}) siger, at {CLAIMS[n % 3]}.\n\n{b} ({pb}) mener, at {CLAIMS[(n + 1) % 3]}.")


def articles(numbers, copy: bool = False) -> list[ArticleInput]:
    day = date(2024, 1, 1)
    return [ArticleInput(text(n) + ("\n\nLæs også: flere nyheder fra Avis B." if copy else ""),
                         f"{'kopi' if copy else 'a'}{n}.txt", outlet="Avis B" if copy else "Avis A",
                         published=None if n % 7 == 0 else
                         day + timedelta(days=11 * n), date_precision="day") for n in numbers]


def direct_counts(session) -> dict:
    """(month, party, issue, counted) -> (for, against, neutral), counted from the statements."""
    sums = [func.sum(case((Statement.stance == s, 1), else_=0)) for s in ("for", "against", "neutral")]
    keys = [Statement.month, Statement.party_id, Statement.issue_id, Statement.counted]
    query = select(*keys, *sums).where(Statement.rejected.is_(False)).group_by(*keys)
    return {tuple(row[:4]): tuple(row[4:]) for row in session.execute(query)}


def assert_tallies_right(tracker: Tracker) -> None:
    with tracker.session() as session:
        months = {(r.month, r.party_id, r.issue_id, r.counted): (r.n_for, r.n_against, r.n_neutral)
                  for r in session.scalars(select(MonthTally))}
        assert months == direct_counts(session)
        totals = {}
        for (_, party, issue, counted), values in months.items():
            old = totals.get((party, issue, counted), (0, 0, 0))
            totals[(party, issue, counted)] = tuple(a + b for a, b in zip(old, values))
        assert totals == {(r.party_id, r.issue_id, r.counted): (r.n_for, r.n_against, r.n_neutral)
                          for r in session.scalars(select(Tally))}
        wrong = session.scalar(select(func.count()).select_from(Statement).join(Article).where(
            (Statement.counted != ((Article.story_id == Article.id) | Article.story_id.is_(None)))))
        assert wrong == 0


def test_every_writer_keeps_the_tallies_right(database, nlp, monkeypatch):
    tracker = Tracker(database)
    ingest_articles(tracker, articles(range(12)), nlp=nlp, batch_size=5)
    ingest_articles(tracker, articles(range(4), copy=True), nlp=nlp)
    assert_tallies_right(tracker)
    with tracker.session() as session:
        assert session.scalar(select(func.count()).select_from(Statement).where(Statement.counted.is_(False))) > 0
        leads = list(session.scalars(select(Article.id).where(Article.source.in_(["a1.txt", "a5.txt"]))))
    monkeypatch.setattr(tracker_package, "PIPELINE_VERSION", "9.9.9")
    assert reprocess_articles(tracker, batch_size=4).reprocessed == 16
    assert_tallies_right(tracker)
    with tracker.session() as session, session.begin():
        delete_articles(session, leads)  # a1 had a copy: that copy's statements count now
    assert_tallies_right(tracker)
    with tracker.session() as session:
        copy = session.scalar(select(Article.id).where(Article.source == "kopi1.txt"))
        assert session.scalar(select(Article.story_id).where(Article.id == copy)) == copy
    tracker.close()


def test_every_correction_keeps_the_tallies_right(database, nlp, monkeypatch):
    tracker = Tracker(database)
    ingest_articles(tracker, articles(range(8)), nlp=nlp)
    ingest_articles(tracker, articles(range(2), copy=True), nlp=nlp)
    with tracker.session() as session:
        rows = session.execute(select(Statement.id, Statement.article_id, Statement.stance)
                               .order_by(Statement.id)).all()
        slugs = list(session.scalars(select(Issue.slug).join(Statement, Statement.issue_id == Issue.id)
                                     .distinct().order_by(Issue.slug)))
    first, second, third = rows[0], rows[2], rows[4]
    tracker.reject(first.id, author="test")
    assert_tallies_right(tracker)
    tracker.correct(second.id, {"stance": "against" if second.stance != "against" else "for"}, author="test")
    assert_tallies_right(tracker)
    tracker.correct(third.id, {"party": "K", "issue": slugs[-1]}, author="test")
    assert_tallies_right(tracker)
    tracker.add_statement(third.article_id, CLAIMS[0], party="RV", issue=slugs[0], stance="against",
                          speaker="Karin Konstrueret", author="test")
    assert_tallies_right(tracker)
    tracker.restore(first.id, author="test")
    tracker.reject(rows[1].id, author="test")
    assert_tallies_right(tracker)
    monkeypatch.setattr(tracker_package, "PIPELINE_VERSION", "9.9.9")
    assert reprocess_articles(tracker, batch_size=4).reprocessed == 10  # the corrections re-attached
    assert tracker.corrections(unmatched=True).empty
    assert_tallies_right(tracker)
    with tracker.session() as session:
        assert session.scalar(select(func.count()).select_from(Statement).where(Statement.rejected.is_(True))) == 1
        copy = session.scalar(select(Article.id).where(Article.source == "kopi0.txt"))
        rejected = session.scalar(select(Statement.id).where(Statement.article_id == copy).limit(1))
    tracker.reject(rejected, author="test")  # a later copy's statement: counted False
    assert tracker.delete_article(third.article_id)
    assert_tallies_right(tracker)
    with tracker.session() as session:  # scopes the tallies cannot answer are counted from the statements
        for scope in (Scope(rejected=True), Scope(outlet="Avis A"), Scope(rejected=True, count_copies=True)):
            frame = count_frame(session, scope)
            query = select(func.count()).select_from(Statement)
            query = query if scope.count_copies else query.where(Statement.counted.is_(True))
            query = query if scope.rejected else query.where(Statement.rejected.is_(False))
            query = query.where(Statement.article_id.in_(select(Article.id).where(Article.outlet == scope.outlet))) \
                if scope.outlet else query
            assert frame["statements"].sum() == session.scalar(query), scope
    tracker.close()


def test_counts_with_dates_equal_a_direct_count(tmp_path, nlp):
    tracker = Tracker(str(tmp_path / "t.db"))
    ingest_articles(tracker, articles(range(40)) + articles(range(5), copy=True), nlp=nlp)
    rng = random.Random(3)
    with tracker.session() as session:
        spoke = sorted(session.scalars(select(Statement.party_id).distinct()))
        for _ in range(25):
            since = date(2024, 1, 1) + timedelta(days=rng.randrange(400))
            until = since + timedelta(days=rng.randrange(200))
            copies = rng.random() < 0.3
            parties = rng.choice([None, tuple(rng.sample(spoke, max(1, len(spoke) // 2)))])  # part-months: by cells
            scope = Scope(since=rng.choice([since, None]), until=until, count_copies=copies, party_ids=parties)
            frame = count_frame(session, scope)
            got = {(r.party_id, r.issue_id): (r._3, r.against, r.neutral) for r in frame.itertuples()}
            query = select(Statement.party_id, Statement.issue_id, *(func.sum(case((Statement.stance == s, 1),
                                                                                     else_=0)) for s in ("for", "against", "neutral")))
            query = query.where(Statement.published <= until, Statement.rejected.is_(False))
            query = query.where(Statement.published >= scope.since) if scope.since else query
            query = query if copies else query.where(Statement.counted.is_(True))
            query = query if parties is None else query.where(Statement.party_id.in_(parties))
            expected = {(p, i): tuple(v) for p, i, *v in session.execute(query.group_by(Statement.party_id,
                                                                                          Statement.issue_id))}
            assert got == expected, scope
    tracker.close()


def test_month_span_splits_dates_into_whole_months_and_other_days():
    assert month_span(date(2024, 1, 15), date(2024, 3, 31)) == (202402, 202403, [(date(2024, 1, 15),
                                                                                  date(2024, 1, 31))])
    assert month_span(date(2024, 11, 1), date(2025, 2, 10)) == (202411, 202501, [(date(2025, 2, 1),
                                                                                  date(2025, 2, 10))])
    assert month_span(date(2024, 1, 5), date(2024, 1, 20)) == (None, None, [(date(2024, 1, 5), date(2024, 1, 20))])
    assert month_span(date(2024, 12, 1), None)[:2] == (202412, 999912)


OBJECTS = [("afgift sukker", "afgift på sukker"), ("forbud engangsplastik", "forbud mod engangsplastik"),
           ("skat sukker", "skat på sukker"), ("pant daase", "pant på dåser")]
PARTY_NAMES = ["Venstre", "SF", "Enhedslisten", "Konservative"]


def on_object(n: int, i: int) -> StatementCandidate:
    """A constructed statement on a catch-all with a policy object (as tracker_objects gives it)."""
    key, phrase = OBJECTS[(n + i) % len(OBJECTS)]
    party = PARTY_NAMES[(n + 2 * i) % len(PARTY_NAMES)]
    return StatementCandidate(party=party, kind="indirect", evidence=f"{party} om {phrase}", start_char=10 * i,
                              end_char=10 * i + 9, issue="topic-health", issue_label="x", cap_topic="Health",
                              stance=("for", "against", "neutral")[(n + i) % 3],
                              extra={"object_key": key, "object_phrase": phrase})


def issue_with(session, key: str) -> Issue:
    return session.scalar(select(Issue).join(IssueKey, IssueKey.issue_id == Issue.id).where(IssueKey.key == key))


def test_discovery_and_curation_keep_the_tallies_right(database):
    tracker = Tracker(database)
    for article in [*articles(range(9)), *articles(range(3), copy=True)]:  # one at a time: promote moves earlier ones
        n = int(article.source.split(".")[0].lstrip("akopi"))
        with tracker.session() as session, session.begin():
            StatementWriter(session).save_articles([(article, [on_object(n, i) for i in range(3)])])
        assert_tallies_right(tracker)
    with tracker.session() as session:
        assert session.scalar(select(func.count()).select_from(Statement).where(Statement.counted.is_(False))) > 0
        assert session.scalar(select(func.count()).select_from(Issue).where(Issue.kind == "discovered")) == 4
    for minimum in (50, 2, 7):  # every key loses its issue, all come back, the rarer ones go again
        with tracker.session() as session, session.begin():
            rebuild(session, minimum=minimum)
        assert_tallies_right(tracker)
    with tracker.session() as session, session.begin():
        rebuild(session, minimum=2)
        merge(session, issue_with(session, "skat sukker"), issue_with(session, "afgift sukker"))
    assert_tallies_right(tracker)
    with tracker.session() as session, session.begin():
        split(session, issue_with(session, "afgift sukker"), ["skat sukker"], "Skat på sukker")
    assert_tallies_right(tracker)
    with tracker.session() as session:
        assert issue_with(session, "skat sukker").kind == "user"
        assert session.scalar(select(func.count()).select_from(Tally).join(Issue).where(Issue.kind == "other")) == 0
    tracker.close()
