"""Overviews: a heading that states a position over a paragraph that only lists who holds it (constructed text)."""

from datetime import date

import pytest
from test_nlp_mentions import fictional_registry

from tracker.nlp.attribution.overviews import only_joiners
from tracker.nlp.pipeline import build_pipeline, extract
from tracker.sources import ArticleInput

OVERVIEW = ("Partierne er uenige om afgiften på tobak.\n\n"
            "Her er et overblik over, hvad partierne mener:\n\n"
            "* Ønsker ikke at hæve afgiften på tobak:\n\n"
            "Venstre, Konservative og Liberal Alliance.\n\n"
            "* Ønsker at hæve afgiften på tobak:\n\n"
            "SF, Enhedslisten og Karl Ukendtsen.")


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(fictional_registry())


def rows(nlp, text):
    found = extract(nlp, ArticleInput(text=text, source="t.txt", published=date(2021, 5, 1)))
    return {(c.party, c.stance) for c in found if c.speaker is None}, found


def test_each_party_listed_under_a_heading_holds_its_position(nlp):
    parties, found = rows(nlp, OVERVIEW)
    assert parties == {("Venstre", "against"), ("Konservative", "against"), ("Liberal Alliance", "against"),
                       ("SF", "for"), ("Enhedslisten", "for")}
    assert len({c.issue for c in found}) == 1  # one question: the two sides can be compared
    assert all(c.evidence.startswith("Ønsker") and c.extra.get("cue") == "overview" for c in found)


def test_a_heading_over_prose_or_a_list_without_a_heading_gives_no_overview(nlp):
    prose = ("Partierne er uenige om afgiften på tobak.\n\n"
             "* Ønsker ikke at hæve afgiften på tobak:\n\n"
             "Venstre og Konservative har endnu ikke drøftet afgiften på tobak i dag.")
    no_heading = ("Partierne er uenige om afgiften på tobak.\n\n"
                  "Det er et stort emne i valgkampen.\n\n"
                  "Venstre, Konservative og Liberal Alliance.")
    for text in (prose, no_heading):
        _, found = rows(nlp, text)
        assert not any(c.extra.get("cue") == "overview" for c in found)


@pytest.mark.parametrize("between, expected", [
    (", ", True), (" og ", True), (" samt ", True), (", Karl Ukendtsen.", True), (" vil hæve ", False),
    (" stemmer imod ", False),
])
def test_what_may_stand_between_the_names_of_a_list(between, expected):
    assert only_joiners(between) is expected


def test_a_party_a_colon_and_a_bare_answer_is_that_answer(nlp):
    text = ("Partierne er uenige om afgiften på tobak.\n\nSådan svarer partierne om afgiften på tobak:\n\n"
            "Socialdemokratiet: Ja.\n\nVenstre: Nej.\n\nLiberal Alliance: Et klart nej.")
    found = {(c.party, c.stance) for c in extract(nlp, ArticleInput(text=text, source="t.txt",
                                                                   published=date(2021, 5, 1)))}
    assert found == {("Socialdemokratiet", "for"), ("Venstre", "against"), ("Liberal Alliance", "against")}
