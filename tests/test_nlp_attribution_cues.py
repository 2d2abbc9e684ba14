"""The word lists of attribution, compiled (tracker/nlp/attribution/words.py), and the one role-word test."""

import pytest
import spacy

from tracker.nlp.attribution import AttributionWords
from tracker.nlp.ranges import Ranges
from tracker.nlp.roles import RoleWords


@pytest.fixture(scope="module")
def words():
    return AttributionWords.bundled()


@pytest.mark.parametrize("word", ["ordfører", "Skatteordfører", "SF-formand", "MF", "mf,", "minister,",
                                  "næstformand", "Justitsminister,", "talskvinde"])
def test_role_words(word):
    assert RoleWords.bundled().is_role_word(word)


@pytest.mark.parametrize("word", ["Mette", "bygherre", "medlemmer", "formanden", "formandens", "Testesen", "amf", ""])
def test_words_that_are_no_role(word):
    assert not RoleWords.bundled().is_role_word(word)


def test_role_compounds_are_longer_than_their_head():
    roles = RoleWords(["minister", "ordfører"], [])
    assert roles.is_role_compound("transportministeren") and roles.is_role_compound("klimaordføreren")
    assert not roles.is_role_compound("minister") and not roles.is_role_compound("ministeren")


@pytest.mark.parametrize("word", ["han", "Hun", "partiet", "Partiets", "formanden", "SF-formanden",
                                  "ministeren", "kvintetten", "De", "begge"])
def test_words_that_may_refer_back(words, word):
    assert words.is_reference_word(word)


@pytest.mark.parametrize("word", ["handel", "hans", "formand", "bilen", "partier", "to"])
def test_words_that_do_not_refer_back(words, word):
    assert not words.is_reference_word(word)


def test_reference_flag_marks_the_tokens_of_a_doc_and_is_added_once(words):
    nlp = spacy.blank("da")
    before = nlp("Han kom.")
    flag = words.reference_flag(nlp.vocab)
    assert words.reference_flag(nlp.vocab) == flag
    doc = nlp("Han og formanden mødte de to fra partiet, men ikke handel.")
    marked = [t.text for t, on in zip(doc, doc.to_array(flag)) if on]
    assert marked == ["Han", "formanden", "de", "partiet"]
    assert before.to_array(flag).tolist() == [1, 0, 0]


def test_ranges_contain_the_positions_of_any_range():
    ranges = Ranges([(10, 20), (0, 3), (15, 25), (30, 30)])
    assert [pos for pos in range(35) if pos in ranges] == [0, 1, 2, *range(10, 25)]
