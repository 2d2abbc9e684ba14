"""The speaker's own party is no other actor: its act in an "at" clause is the speaker's position (constructed)."""

import pytest
from nlp_helpers import stances
from test_nlp_mentions import fictional_registry

from tracker.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(fictional_registry())


def test_the_speakers_own_party_in_an_at_clause_states_the_speakers_position(nlp):
    text = ("Partierne diskuterer kontanthjælpen.\n\n"
            "Hanne Prøvesen (S) forklarer det med, at Socialdemokratiet ikke går til valg på højere kontanthjælp.")
    assert stances(nlp, text)[("Hanne Prøvesen", "Socialdemokratiet")] == "against"


def test_another_partys_act_in_an_at_clause_is_still_not_the_speakers(nlp):
    text = ("Partierne diskuterer aftalen om klimaloven.\n\n"
            "Hanne Prøvesen (S) siger, at Venstre træder ud af aftalen om klimaloven.")
    assert stances(nlp, text)[("Hanne Prøvesen", "Socialdemokratiet")] != "against"


@pytest.mark.parametrize("text, holder", [
    ("Liberal Alliance har meldt ud, at partiet ikke vil støtte en sukkerskat.", (None, "Liberal Alliance")),
    ("Hanne Prøvesen (S) siger, at partiet ikke vil støtte en sukkerskat.", ("Hanne Prøvesen", "Socialdemokratiet")),
])
def test_partiet_in_an_at_clause_is_the_speakers_own_party(nlp, text, holder):
    assert stances(nlp, "Partierne diskuterer en ny skat.\n\n" + text)[holder] == "against"
