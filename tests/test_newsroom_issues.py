"""Discovered issues and catch-alls with the newsroom's corrections and web app: a person's choice of issue
keeps discovery off that statement, a rejected statement counts for no policy object, a correction naming a
renamed issue still finds it, and the web pages show an issue's kind and give a catch-all no stance.
Statements are made by hand (constructed, fictional)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from test_tallies import assert_tallies_right
from tracker.app import Tracker
from tracker.corrections.values import issue_candidate
from tracker.db.models import Issue, IssueKey, Statement
from tracker.discovery import rebuild
from tracker.nlp.model import StatementCandidate
from tracker.sources import ArticleInput
from tracker.store import StatementWriter
from tracker.user_catalogue import rename
from tracker.web import create_app

PLASTIC = ("engangsplastik forbud", "forbud mod engangsplastik")
SUGAR = ("afgift sukker", "afgift på sukker")


def on_object(party: str, key_phrase: tuple[str, str], stance: str = "for") -> StatementCandidate:
    return StatementCandidate(party=party, kind="indirect", evidence=f"{party} om {key_phrase[1]}", start_char=0,
                              end_char=10, issue="topic-environment", issue_label="x", cap_topic="Environment",
                              stance=stance, extra={"object_key": key_phrase[0], "object_phrase": key_phrase[1]})


def save(tracker: Tracker, name: str, *candidates: StatementCandidate) -> None:
    with tracker.session() as session, session.begin():
        StatementWriter(session).save_article(ArticleInput(text=f"Konstrueret artikel {name}.", source=f"{name}.txt",
                                                           published=date(2024, 3, 1)), list(candidates))


def statement_ids(tracker: Tracker, key: str) -> list[int]:
    with tracker.session() as session:
        return list(session.scalars(select(Statement.id).where(Statement.object_key == key).order_by(Statement.id)))


def slug_of(tracker: Tracker, key: str) -> str | None:
    with tracker.session() as session:
        return session.scalar(select(Issue.slug).join(IssueKey, IssueKey.issue_id == Issue.id)
                              .where(IssueKey.key == key))


@pytest.fixture
def tracker(db_path):
    t = Tracker(db_path)
    yield t
    t.close()


def test_a_person_choosing_the_issue_keeps_discovery_off_that_statement(tracker):
    save(tracker, "a1", on_object("Enhedslisten", PLASTIC))
    save(tracker, "a2", on_object("Venstre", PLASTIC, "against"))
    assert slug_of(tracker, PLASTIC[0]) == "forbud-mod-engangsplastik"
    first = statement_ids(tracker, PLASTIC[0])[0]
    tracker.correct(first, {"issue": "co2-afgift-landbrug"}, author="test")
    with tracker.session() as session, session.begin():
        rebuild(session, minimum=1)  # every key with a statement keeps (or gets) its issue ...
    with tracker.session() as session:
        fixed = session.get(Statement, first)
        assert fixed.object_key is None and session.get(Issue, fixed.issue_id).slug == "co2-afgift-landbrug"
    assert_tallies_right(tracker)
    with tracker.session() as session, session.begin():
        assert rebuild(session, minimum=2).dropped == 1  # ... and the corrected one no longer counts for it
    assert slug_of(tracker, PLASTIC[0]) is None
    assert_tallies_right(tracker)


def test_a_rejected_statement_counts_for_no_policy_object(tracker):
    save(tracker, "b1", on_object("SF", SUGAR))
    tracker.reject(statement_ids(tracker, SUGAR[0])[0], author="test")
    save(tracker, "b2", on_object("Konservative", SUGAR, "against"))
    assert slug_of(tracker, SUGAR[0]) is None  # one article left that says it
    tracker.restore(statement_ids(tracker, SUGAR[0])[0], author="test")
    with tracker.session() as session, session.begin():
        assert rebuild(session, minimum=2).created == 1
    assert slug_of(tracker, SUGAR[0]) == "afgift-paa-sukker"
    assert_tallies_right(tracker)


def test_a_correction_naming_a_renamed_issue_finds_it(tracker):
    save(tracker, "c1", on_object("SF", SUGAR))
    save(tracker, "c2", on_object("Venstre", SUGAR, "against"))
    with tracker.session() as session, session.begin():
        issue = session.scalar(select(Issue).where(Issue.slug == "afgift-paa-sukker"))
        rename(session, issue, "Sukkerafgiften", new_slug="sukkerafgiften")
    with tracker.session() as session:
        found = issue_candidate(session, "afgift-paa-sukker")  # the slug a correction made before recorded
        assert found.issue_label == "Sukkerafgiften"
        assert StatementWriter(session).issue_id(found) == issue.id


def test_the_web_pages_show_the_kind_and_give_a_catch_all_no_stance(tracker):
    save(tracker, "d1", on_object("SF", SUGAR), on_object("Venstre", PLASTIC, "against"))
    save(tracker, "d2", on_object("Venstre", SUGAR, "against"))
    client = create_app(tracker).test_client()
    texts = client.application.config["TEXTS"]
    other = client.get("/compare/topic-environment").get_data(as_text=True)
    assert texts["other_issue_help"] in other and texts["counts"] not in other
    assert "stance-against" not in other  # the catch-all's statement is shown without its stance
    discovered = client.get("/compare/afgift-paa-sukker").get_data(as_text=True)
    assert texts["discovered_help"] in discovered and texts["counts"] in discovered
    listing = client.get("/issues").get_data(as_text=True)
    assert texts["issue_kind_discovered"] in listing and texts["issue_kind_other"] in listing
    heatmap = client.get("/compare").get_data(as_text=True)
    assert 'data-party="kind"' not in heatmap and "afgift-paa-sukker" in heatmap
