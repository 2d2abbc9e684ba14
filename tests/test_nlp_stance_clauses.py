"""Which clause of a sentence holds a speaker's stance: another actor's ", mens" clause is not the speaker's, and
a negated cleft turns the clause after its comma (constructed sentences, real parties, fictional people)."""

import pytest
from nlp_helpers import stances
from test_nlp_mentions import fictional_registry

from tracker.nlp.pipeline import build_pipeline

INTRO = "Partierne diskuterer en sukkerafgift.\n\n"


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(fictional_registry())


@pytest.mark.parametrize("sentence", [
    "Ifølge SF er en sukkerafgift den rette løsning, mens Venstre kalder den ødelæggende.",
    "En sukkerafgift er nødvendig, mener SF, mens Venstre er imod.",
    "SF bakker op om en sukkerafgift, hvorimod Venstre kalder den ødelæggende.",
])
def test_another_actors_mens_clause_is_not_the_speakers(nlp, sentence):
    found = stances(nlp, INTRO + sentence)
    assert (found[(None, "SF")], found[(None, "Venstre")]) == ("for", "against")


@pytest.mark.parametrize("sentence, stance", [
    ("Det er ikke noget, Venstre vil være med til.", "against"),
    ("- Det er ikke noget, vi kan støtte, siger Ole Nybo (V).", "against"),
    ("- Det er ikke en sukkerafgift, vi har brug for, siger Ole Nybo (V).", "against"),
    # a cue in the cleft itself, or an "at" clause after it, is read as before
    ("- Det er ikke en dårlig idé, vi har med at gøre, siger Ole Nybo (V).", "for"),
])
def test_a_negated_cleft_turns_the_clause_after_its_comma(nlp, sentence, stance):
    assert set(stances(nlp, INTRO + sentence).values()) == {stance}


def test_waiting_to_take_a_stand_is_neutral(nlp):
    sentence = "Radikale Venstre vil vente med at tage stilling til en sukkerafgift, til beregningerne ligger klar."
    assert stances(nlp, INTRO + sentence) == {(None, "Radikale Venstre"): "neutral"}


@pytest.mark.parametrize("sentence, stance", [
    ("Venstre udelukker en sukkerafgift.", "against"),
    ("Venstre udelukker ikke at støtte en sukkerafgift.", "neutral"),
    ("Venstre udelukker ikke en sukkerafgift.", "neutral"),
])
def test_ruling_out_and_not_ruling_out(nlp, sentence, stance):
    assert stances(nlp, INTRO + sentence) == {(None, "Venstre"): stance}
