"""The precompiled word tests of attribution (tracker/nlp/attribution_cues.py)."""

import pytest

from tracker.nlp.attribution_cues import Ranges, reference_hits, role_word
from tracker.nlp.mentions import is_role_word


@pytest.mark.parametrize("word", ["ordfører", "Skatteordfører", "SF-formand", "MF", "mf,", "formanden",
                                  "minister,", "Mette", "leder", "bygherre", "medlemmer", "næstformand"])
def test_role_word_agrees_with_the_mentions_test(word):
    assert role_word(word) == is_role_word(word)


def test_reference_hits_find_every_word_that_may_refer_back():
    text = "Han og HUN. Partiets formand. SF-Formanden og de to. De tre partier. Kvintetten mødtes. Bilen kørte."
    hits = reference_hits(text)
    for word in ("Han", "HUN", "Partiets", "Formanden", "de to", "De tre", "Kvintetten"):
        assert text.index(word) in hits
    assert text.index("Bilen") not in hits and text.index("formand.") not in hits


def test_reference_hits_keep_positions_when_lower_casing_would_move_them():
    text = "İstanbul. Hun siger det."
    assert text.index("Hun") in reference_hits(text)


def test_ranges_contain_the_positions_of_any_range():
    ranges = Ranges([(10, 20), (0, 3), (15, 25), (30, 30)])
    assert [pos for pos in range(35) if pos in ranges] == [0, 1, 2, *range(10, 25)]
