"""A question asked about one person at a time (catalogue scope "person", the bundled "statsminister" row): one
issue per person (constructed sentences, fictional politicians, real parties)."""

import pytest
from test_nlp_mentions import fictional_registry

from tracker.nlp.issues.persons import person_label, person_slug
from tracker.nlp.pipeline import build_pipeline, extract
from tracker.sources import ArticleInput


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(fictional_registry())


def issues(nlp, text: str) -> dict[tuple[str | None, str], tuple[str, str, str]]:
    """(speaker, party) -> (issue slug, issue label, stance) of each statement."""
    found = extract(nlp, ArticleInput(text=text, source="t.txt", published=None))
    return {(c.speaker, c.party): (c.issue, c.issue_label, c.stance) for c in found}


def test_the_label_and_slug_of_a_person_issue():
    assert person_label("Statsministerkandidat (hvem der skal være statsminister)", "Mette Testesen") \
        == "Statsministerkandidat: Mette Testesen"
    assert person_slug("statsminister", "Ole Prøvesen") == "statsminister-ole-proevesen"


def test_backing_one_candidate_and_rejecting_another_are_two_questions(nlp):
    found = issues(nlp, "Valget nærmer sig.\n\n"
                        "Radikale Venstre peger på Mette Testesen som ny statsminister.\n\n"
                        "Dansk Folkeparti vil ikke lægge mandater til Ole Prøvesen.")
    assert found[(None, "Radikale Venstre")] == ("statsminister-mette-testesen", "Statsministerkandidat: Mette Testesen",
                                                 "for")
    assert found[(None, "Dansk Folkeparti")][0::2] == ("statsminister-ole-proevesen", "against")


def test_the_speaker_is_not_the_person_the_statement_is_about(nlp):
    found = issues(nlp, "- Jeg peger på Ole Prøvesen som ny statsminister, siger Mette Testesen.")
    assert found[("Mette Testesen", "Venstre")][0] == "statsminister-ole-proevesen"


def test_a_statement_naming_no_one_is_about_the_person_its_article_names(nlp):
    found = issues(nlp, "Dansk Folkeparti vil ikke lægge mandater til Ole Prøvesen.\n\n"
                        "Heller ikke Liberal Alliance vil pege på ham som ny statsminister.")
    assert found[(None, "Liberal Alliance")][0] == "statsminister-ole-proevesen"


def test_without_a_person_named_the_issue_stays_the_catalogue_row(nlp):
    found = issues(nlp, "Dansk Folkeparti vil ikke pege på en ny statsminister før valget.")
    assert found[(None, "Dansk Folkeparti")][0] == "statsminister"
