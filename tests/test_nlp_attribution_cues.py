"""The precompiled word tests of attribution (tracker/nlp/attribution_cues.py)."""

import pytest
import spacy

from tracker.nlp.attribution_cues import Ranges, is_reference_word, reference_flag, role_word
from tracker.nlp.mentions import is_role_word


@pytest.mark.parametrize("word", ["ordfører", "Skatteordfører", "SF-formand", "MF", "mf,", "formanden",
                                  "minister,", "Mette", "leder", "bygherre", "medlemmer", "næstformand"])
def test_role_word_agrees_with_the_mentions_test(word):
    assert role_word(word) == is_role_word(word)


@pytest.mark.parametrize("word", ["han", "Hun", "partiet", "Partiets", "formanden", "SF-formanden",
                                  "ministeren", "kvintetten", "De", "begge"])
def test_words_that_may_refer_back(word):
    assert is_reference_word(word)


@pytest.mark.parametrize("word", ["handel", "hans", "formand", "bilen", "partier", "to"])
def test_words_that_do_not_refer_back(word):
    assert not is_reference_word(word)


def test_reference_flag_marks_the_tokens_of_a_doc_and_is_added_once():
    nlp = spacy.blank("da")
    before = nlp("Han kom.")
    flag = reference_flag(nlp.vocab)
    assert reference_flag(nlp.vocab) == flag
    doc = nlp("Han og formanden mødte de to fra partiet, men ikke handel.")
    marked = [t.text for t, on in zip(doc, doc.to_array(flag)) if on]
    assert marked == ["Han", "formanden", "de", "partiet"]
    assert before.to_array(flag).tolist() == [1, 0, 0]


def test_ranges_contain_the_positions_of_any_range():
    ranges = Ranges([(10, 20), (0, 3), (15, 25), (30, 30)])
    assert [pos for pos in range(35) if pos in ranges] == [0, 1, 2, *range(10, 25)]
