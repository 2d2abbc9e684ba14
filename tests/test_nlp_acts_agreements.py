"""Positions stated through acts and their set phrases: standing outside or joining an agreement, the partners
of an agreement named after "mellem", a fronted "Bag aftalen står ...", a condition, "lyder meldingen fra X"
(constructed sentences, real parties, no real people)."""

import pytest
from nlp_helpers import stances
from test_nlp_mentions import fictional_registry

from tracker.nlp.pipeline import build_pipeline

INTRO = "Partierne diskuterer en sukkerafgift.\n\n"


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(fictional_registry())


@pytest.mark.parametrize("sentence, stance", [
    ("Liberal Alliance står uden for aftalen om en sukkerafgift.", "against"),
    ("Liberal Alliance er gået med i aftalen om en sukkerafgift.", "for"),
    ("Liberal Alliance har sat som betingelse, at der kommer en sukkerafgift.", "for"),
    ("Liberal Alliance ser ingen grund til en sukkerafgift.", "against"),
    ("En sukkerafgift bør droppes, lyder meldingen fra Liberal Alliance.", "against"),
])
def test_a_party_states_a_position_through_an_act_or_a_set_phrase(nlp, sentence, stance):
    assert stances(nlp, INTRO + sentence)[(None, "Liberal Alliance")] == stance


@pytest.mark.parametrize("sentence, stance", [
    ("Liberal Alliance ser positivt på en sukkerafgift.", "for"),
    ("Liberal Alliance ser negativt på en sukkerafgift.", "against"),
    ("Liberal Alliance undrer sig over en sukkerafgift.", "against"),
    ("Liberal Alliance er ikke overbevist om en sukkerafgift.", "against"),
    ("Liberal Alliance kalder en sukkerafgift for populisme.", "against"),
    ("Liberal Alliance har længe talt for en sukkerafgift.", "for"),
    ("Liberal Alliance sætter foden ned over for en sukkerafgift.", "against"),
    ("Liberal Alliance trækker forslaget om en sukkerafgift.", "against"),
    ("Liberal Alliance har opgivet en sukkerafgift.", "against"),
    ("Liberal Alliance har planer om en sukkerafgift.", "for"),
    ("Liberal Alliance har ingen planer om at indføre en sukkerafgift.", "against"),
    ("Liberal Alliance har ingen intentioner om at indføre en sukkerafgift.", "against"),
])
def test_a_view_on_it_is_a_position(nlp, sentence, stance):
    assert stances(nlp, INTRO + sentence)[(None, "Liberal Alliance")] == stance


@pytest.mark.parametrize("sentence, stance", [
    ("Liberal Alliance trækker sig fra aftalen om en sukkerafgift.", "against"),
    ("Liberal Alliance trækker sig ud af aftalen om en sukkerafgift.", "against"),
    ("Liberal Alliance forlader aftalen om en sukkerafgift.", "against"),
    ("Liberal Alliance står af aftalen om en sukkerafgift.", "against"),
    ("Liberal Alliance bryder forhandlingerne om en sukkerafgift.", "against"),
    ("Liberal Alliance er gået fra forhandlingsbordet.", "against"),
    ("Liberal Alliance er gået ud af forhandlingerne om en sukkerafgift.", "against"),
    ("Liberal Alliance gik ud af forhandlingerne om en sukkerafgift.", "against"),
    ("Liberal Alliance trækker støtten til en sukkerafgift.", "against"),
    ("Liberal Alliance har trukket støtten til en sukkerafgift.", "against"),
    ("Liberal Alliance lægger stemmer til en sukkerafgift.", "for"),
])
def test_leaving_an_agreement_or_withdrawing_support_is_against_it(nlp, sentence, stance):
    """The act's words are no part of the policy object ("støtten til en sukkerafgift"), so they are read."""
    assert stances(nlp, INTRO + sentence)[(None, "Liberal Alliance")] == stance


@pytest.mark.parametrize("sentence", ["Liberal Alliance trækker sig som formand for udvalget.",
                                      "Liberal Alliance står til at få ti procent af stemmerne."])
def test_stepping_down_or_a_poll_is_no_position(nlp, sentence):
    assert (None, "Liberal Alliance") not in stances(nlp, INTRO + sentence)


@pytest.mark.parametrize("sentence", [
    "Aftalen om en sukkerafgift er indgået mellem regeringen, SF og Enhedslisten.",
    "Bag aftalen om en sukkerafgift står regeringen, SF og Enhedslisten.",
])
def test_the_partners_of_an_agreement_each_back_it_and_the_government_stays_anonymous(nlp, sentence):
    found = stances(nlp, INTRO + sentence)
    assert found == {(None, "SF"): "for", (None, "Enhedslisten"): "for"}


@pytest.mark.parametrize("sentence", [
    "Regeringen har indgået en aftale om en sukkerafgift med SF og Enhedslisten.",
    "Regeringen har i dag indgået en bred aftale om en højere sukkerafgift med SF og Enhedslisten.",
    "Regeringen er blevet enige om en sukkerafgift med SF og Enhedslisten.",
])
def test_the_partners_after_what_the_agreement_is_about_back_it(nlp, sentence):
    assert stances(nlp, INTRO + sentence) == {(None, "SF"): "for", (None, "Enhedslisten"): "for"}


def test_talks_about_an_agreement_with_a_party_are_no_agreement(nlp):
    assert stances(nlp, INTRO + "Regeringen forhandler om en aftale om en sukkerafgift med SF.") == {}


def test_talks_between_parties_are_no_agreement(nlp):
    """"mellem" names the partners only after a verb of making an agreement."""
    assert stances(nlp, INTRO + "Aftalen om en sukkerafgift blev drøftet mellem SF og Enhedslisten.") == {}


@pytest.mark.parametrize("sentence, stance", [("Liberal Alliance har intet imod en sukkerafgift.", "for"),
                                              ("Liberal Alliance har ikke noget imod en sukkerafgift.", "for"),
                                              ("Liberal Alliance har noget imod en sukkerafgift.", "against")])
def test_having_nothing_against_it_is_for_it(nlp, sentence, stance):
    assert stances(nlp, INTRO + sentence)[(None, "Liberal Alliance")] == stance
    assert (None, "Liberal Alliance") not in stances(nlp, INTRO + "Liberal Alliance har intet at skjule.")


@pytest.mark.parametrize("sentence", [
    "Liberal Alliance stemmer for en sukkerafgift, men med store forbehold.",
    "Liberal Alliance har indgået aftalen om en sukkerafgift, men med forbehold.",
])
def test_support_with_reservations_after_it_is_still_support(nlp, sentence):
    """A 'men' followed by reservations alone does not undo an act of support before it."""
    assert stances(nlp, INTRO + sentence)[(None, "Liberal Alliance")] == "for"


@pytest.mark.parametrize("sentence, stance", [
    ("Liberal Alliance frygter, at en sukkerafgift vil ramme de fattigste.", "against"),
    ("Liberal Alliance advarer om, at en sukkerafgift vil skade erhvervslivet.", "against"),
    ("Liberal Alliance kritiserer sukkerafgiften for at ramme de fattigste.", "against"),
    ("Liberal Alliance er ikke bekymret for, at en sukkerafgift vil skade erhvervslivet.", "for"),
    ("Liberal Alliance afviser, at en sukkerafgift vil skade erhvervslivet.", "for"),
    # what is done to the thing, or by another actor, still multiplies: against abolishing it is for it
    ("Liberal Alliance er imod, at sukkerafgiften afskaffes.", "for"),
    ("Liberal Alliance frygter, at sukkerafgiften bliver afskaffet.", "for"),
    ("Liberal Alliance frygter, at regeringen vil afskaffe sukkerafgiften.", "for"),
])
def test_a_clause_about_what_the_thing_does_judges_the_thing(nlp, sentence, stance):
    """'frygter, at afgiften vil skade': the fear is of the tax's effect (against it), no double negative."""
    assert stances(nlp, INTRO + sentence)[(None, "Liberal Alliance")] == stance


@pytest.mark.parametrize("sentence, stance", [
    ("Liberal Alliance vil have en sukkerafgift af bordet.", "against"),
    ("Liberal Alliance vil tage sukkerafgiften af bordet.", "against"),
    ("Liberal Alliance kæmper mod en sukkerafgift.", "against"),
    ("Liberal Alliance vil ikke stå i vejen for en sukkerafgift.", "for"),
    ("Liberal Alliance vil have en sukkerafgift på bordet.", "for"),
])
def test_set_phrases_of_removing_and_fighting(nlp, sentence, stance):
    assert stances(nlp, INTRO + sentence)[(None, "Liberal Alliance")] == stance


@pytest.mark.parametrize("sentence, stance", [
    ("Liberal Alliance mener, at en sukkerafgift er for vidtgående.", "against"),
    ("Liberal Alliance mener, at en sukkerafgift er overflødig.", "against"),
    ("Liberal Alliance mener, at en sukkerafgift er helt ude af proportioner.", "against"),
    ("Liberal Alliance mener, at en sukkerafgift er helt skudt forbi.", "against"),
    ("Liberal Alliance mener, at en sukkerafgift ikke løser noget.", "against"),
    ("Liberal Alliance mener ikke, at en sukkerafgift er vejen frem.", "against"),
    ("Liberal Alliance kalder en sukkerafgift for den eneste vej frem.", "for"),
    ("Liberal Alliance kalder en sukkerafgift en falliterklæring.", "against"),
    ("En sukkerafgift bliver ikke med vores stemmer, siger Liberal Alliance.", "against"),
    ("En sukkerafgift bliver gennemført med vores stemmer, siger Liberal Alliance.", "for"),
])
def test_evaluations_of_the_thing(nlp, sentence, stance):
    assert stances(nlp, INTRO + sentence)[(None, "Liberal Alliance")] == stance


@pytest.mark.parametrize("sentence, found", [
    ("Liberal Alliance stod af forhandlingerne om en sukkerafgift.", {(None, "Liberal Alliance"): "against"}),
    ("Forslaget om en sukkerafgift blev stemt ned af Liberal Alliance og SF.",
     {(None, "Liberal Alliance"): "against", (None, "SF"): "against"}),
    ("Forslaget om en sukkerafgift blev skudt ned af Liberal Alliance.", {(None, "Liberal Alliance"): "against"}),
    ("Aftalen om en sukkerafgift er indgået af regeringen, SF og Liberal Alliance.",
     {(None, "SF"): "for", (None, "Liberal Alliance"): "for"}),
    ("SF og Liberal Alliance er med i aftalen om en sukkerafgift.",
     {(None, "SF"): "for", (None, "Liberal Alliance"): "for"}),
    ("SF er ikke med i aftalen om en sukkerafgift.", {(None, "SF"): "against"}),
    ("SF er ikke med i sukkerforliget.", {(None, "SF"): "against"}),
    ("SF er med i regeringen.", {}),  # a fact about the government, no position
])
def test_votes_and_agreements_in_other_words(nlp, sentence, found):
    assert stances(nlp, INTRO + sentence) == found
