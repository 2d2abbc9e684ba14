"""tracker.discovery through the store: policy objects of several articles become discovered issues.

The candidates are made by hand (the pipeline's part, finding the phrase and its key, is tested in
tests/test_nlp_objects.py); fictional people, constructed sentences.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tracker.app import Tracker
from tracker.db.models import Issue, IssueKey, Statement
from tracker.discovery import best_phrase, discovered_label, rebuild, set_min_articles, unique_slug
from tracker.nlp.model import StatementCandidate
from tracker.slugs import slugify
from tracker.sources import ArticleInput
from tracker.store import StatementWriter

PLASTIC = ("engangsplastik forbud", "forbud mod engangsplastik")
SUGAR = ("afgift sukker", "afgift på sukker")


def candidate(party: str, key_phrase: tuple[str, str] | None, stance: str = "for", topic: str = "Environment",
              speaker: str | None = None) -> StatementCandidate:
    slug = "topic-" + topic.lower().replace(" ", "-")
    extra = {"object_key": key_phrase[0], "object_phrase": key_phrase[1]} if key_phrase else {}
    return StatementCandidate(party=party, kind="indirect", evidence=f"{party} siger noget", start_char=0,
                              end_char=10, speaker=speaker, issue=slug, issue_label="x", cap_topic=topic,
                              stance=stance, extra=extra)


def save(tracker: Tracker, text: str, *candidates: StatementCandidate) -> None:
    with tracker.session() as session, session.begin():
        StatementWriter(session).save_article(ArticleInput(text=text, source=f"{text[:8]}.txt",
                                                           published=date(2024, 1, 1)), list(candidates))


def issue_of(tracker: Tracker, key: str) -> Issue | None:
    with tracker.session() as session:
        return session.scalar(select(Issue).join(IssueKey, IssueKey.issue_id == Issue.id).where(IssueKey.key == key))


@pytest.fixture
def tracker(database):
    t = Tracker(database)
    yield t
    t.close()


def test_a_key_in_two_articles_becomes_a_discovered_issue_and_its_statements_move(tracker):
    save(tracker, "artikel et om plastik", candidate("Enhedslisten", PLASTIC), candidate("Venstre", SUGAR))
    assert issue_of(tracker, PLASTIC[0]) is None  # one article: still on the catch-all
    save(tracker, "artikel to om plastik", candidate("Venstre", PLASTIC, "against"))
    issue = issue_of(tracker, PLASTIC[0])
    assert issue is not None and issue.kind == "discovered" and issue.cap_topic == "Environment"
    assert issue.label == "Forbud mod engangsplastik (Miljø og klima)" and issue.slug == "forbud-mod-engangsplastik"
    with tracker.session() as session:
        on_it = session.scalars(select(Statement.stance).where(Statement.issue_id == issue.id)).all()
        sugar = session.scalar(select(Issue.kind).join(Statement, Statement.issue_id == Issue.id)
                               .where(Statement.object_key == SUGAR[0]))
    assert sorted(on_it) == ["against", "for"] and sugar == "other"
    save(tracker, "artikel tre om plastik", candidate("SF", PLASTIC))  # a mapped key: straight to its issue
    with tracker.session() as session:
        assert session.scalar(select(func.count()).where(Statement.issue_id == issue.id)) == 3


def test_two_statements_of_one_article_are_not_enough(tracker):
    save(tracker, "én artikel, to partier", candidate("Enhedslisten", PLASTIC), candidate("Venstre", PLASTIC))
    assert issue_of(tracker, PLASTIC[0]) is None


def test_the_number_of_articles_is_a_setting_and_rebuild_applies_it(tracker):
    with tracker.session() as session, session.begin():
        set_min_articles(session, 3)
    save(tracker, "første artikel", candidate("Enhedslisten", SUGAR))
    save(tracker, "anden artikel", candidate("Venstre", SUGAR))
    assert issue_of(tracker, SUGAR[0]) is None
    save(tracker, "tredje artikel", candidate("SF", SUGAR))
    assert issue_of(tracker, SUGAR[0]) is not None
    with tracker.session() as session, session.begin():
        done = rebuild(session, minimum=4)
    assert (done.created, done.dropped, done.issues) == (0, 1, 0)
    with tracker.session() as session:
        kinds = set(session.scalars(select(Issue.kind).join(Statement, Statement.issue_id == Issue.id)))
        assert kinds == {"other"} and session.scalar(select(func.count()).select_from(IssueKey)) == 0
    with tracker.session() as session, session.begin():
        assert rebuild(session, minimum=2).created == 1
    assert issue_of(tracker, SUGAR[0]).kind == "discovered"


def test_catch_alls_are_stored_as_other_statements_on_their_topic(tracker):
    save(tracker, "en artikel uden spørgsmål", candidate("Venstre", None, topic="Education"))
    with tracker.session() as session:
        issue = session.scalar(select(Issue).where(Issue.slug == "topic-education"))
    assert issue.kind == "other" and issue.label == "other statements on Uddannelse"


def test_labels_and_slugs():
    assert slugify("CO2-afgift på landbruget") == "co2-afgift-paa-landbruget"
    assert slugify("Ærø-færgen og Østerbro") == "aeroe-faergen-og-oesterbro"
    assert unique_slug("x", {"x", "x-2"}) == "x-3" and unique_slug("y", {"x"}) == "y"
    from collections import Counter

    assert best_phrase(Counter({"en lang sætning": 2, "kort": 2, "anden": 1})) == "kort"
    assert discovered_label("afgift på sukker", "Health") == "Afgift på sukker (Sundhed)"
    assert discovered_label("afgift på sukker", None) == "Afgift på sukker"


def test_a_rebuild_that_moves_many_statements_builds_the_covering_indexes_again(tracker, monkeypatch):
    import tracker.discovery as discovery
    from sqlalchemy import inspect

    save(tracker, "artikel et om sukker", candidate("Enhedslisten", SUGAR), candidate("SF", PLASTIC))
    save(tracker, "artikel to om sukker", candidate("Venstre", SUGAR, "against"), candidate("Venstre", PLASTIC))
    with tracker.session() as session, session.begin():
        rebuild(session, minimum=3)  # both keys lose their issues
    monkeypatch.setattr(discovery, "REINDEX_ROWS", 0)
    with tracker.session() as session, session.begin():
        assert rebuild(session, minimum=2).created == 2
    names = {index["name"] for index in inspect(tracker.engine).get_indexes("statements")}
    covering = {index.name for index in Statement.__table__.indexes if "issue_id" in index.columns}
    assert {"ix_statements_issue_party_stance", "ix_statements_party_issue_month"} <= covering <= names
    assert issue_of(tracker, SUGAR[0]).kind == issue_of(tracker, PLASTIC[0]).kind == "discovered"
    with tracker.session() as session:
        on_catch_alls = session.scalar(select(func.count()).select_from(Statement).join(Issue).where(Issue.kind == "other"))
    assert on_catch_alls == 0


def test_copies_of_one_story_count_as_one_article(tracker):
    words = ("byrådet kommunen budgettet planen udvalget borgerne skolen havnen vejene trafikken pengene året "
             "forslaget aftalen kritikken mødet sagen beslutningen området projektet").split()
    story = "Konstrueret nyhed. " + " ".join(words[(7 * i) % len(words)] for i in range(80)) + "."
    save(tracker, story, candidate("Enhedslisten", PLASTIC))
    save(tracker, story + "\n\nLæs også: flere nyheder fra en anden avis.", candidate("Enhedslisten", PLASTIC))
    with tracker.session() as session:
        assert session.scalar(select(func.count()).select_from(Statement).where(Statement.counted.is_(False))) == 1
    assert issue_of(tracker, PLASTIC[0]) is None  # one story in two outlets: one article, no issue yet
    with tracker.session() as session, session.begin():
        assert rebuild(session, minimum=2).created == 0
    save(tracker, "en anden artikel om plastik", candidate("Venstre", PLASTIC, "against"))
    assert issue_of(tracker, PLASTIC[0]) is not None
