"""The shared word-pattern matcher (tracker.nlp.lexicon): searches over a doc's cached word forms give
the same matches as a search over the tokens themselves."""

import numpy
import pytest

from tracker.nlp.lexicon import (ENDINGS, SHORT, PatternLookup, TermGroups, TermIndex, WordPattern, _head_ends,
                                 doc_forms, token_forms, word_key)
from tracker.nlp.positions import lead_range, lead_span, paragraph_range, statement_range, statement_span

from nlp_helpers import lemmatizing_nlp

TERMS = ["skat", "skat*", "*afgift", "trække* hjem", "stop for asyl", "*stop*", "grænsekontrol*",
         "ikke taget stilling", "være* med i", "co2*"]
TEXT = ("Mette Testesen (V) vil sænke topskatten og CO2-afgiften. Partiet vil trække soldaterne hjem. "
        "Stop for asyl, siger hun, men grænsekontrollen er vigtig. Vi har ikke taget stilling. "
        "Karl Eksempelsen (SF) er ikke med i aftalen; han vil være med i den næste. Stop. For asyl!")


@pytest.fixture(scope="module")
def nlp():
    return lemmatizing_nlp()


@pytest.fixture(scope="module")
def long_doc(nlp):
    # Longer than SHORT and with more than 256 distinct words, so that find_in's numpy filter (built from
    # the words already looked up) is in use from the second search on.
    filler = " ".join(f"ord{i}" for i in range(300)) + "."
    return nlp(" ".join([TEXT, filler, TEXT, TEXT]))


def as_tuples(matches, shift=0):
    return [(m.key, m.start - shift, m.end - shift, tuple(t - shift for t in m.tokens)) for m in matches]


def test_doc_forms_are_the_token_forms(nlp):
    doc = nlp(TEXT)
    cached = doc_forms(doc)
    assert doc_forms(doc) is cached  # built once per doc
    assert [cached.form(i) for i in range(len(doc))] == [token_forms(t) for t in doc]
    assert cached.keys == [word_key(t.lower, t.lemma) for t in doc]
    assert cached.lower(2, 6) == [t.lower_ for t in doc[2:6]]


def test_pattern_lookup_tells_which_patterns_fit_a_word():
    patterns = [WordPattern.parse(w) for w in ("skat", "skat*", "*afgift", "*stop*")] + [None]
    lookup = PatternLookup(patterns)
    assert lookup.fitting(1, ("skatten", "skat")) == (0, 1)  # the lemma fits "skat"
    assert lookup.fitting(2, ("co2-afgiften", "co2", "afgiften")) == (2,)
    assert lookup.fitting(3, ("asylstoppet",)) == (3,)
    assert lookup.fitting(4, ("regeringen",)) == ()
    assert lookup.fitting(1, ("regeringen",)) == (0, 1)  # remembered by the word key
    for word in range(5, 40):  # enough words for the numpy copy of the memo
        lookup.fitting(word, ("ord",))
    keys = numpy.array([4, 1, 99, 2, 7], dtype=numpy.uint64)
    assert lookup.possible(keys).tolist() == [1, 2, 3]  # 4 and 7 fit nothing, 99 is not known yet


def test_find_in_equals_find_on_every_stretch(nlp, long_doc):
    index = TermIndex(TERMS)
    assert len(long_doc) > SHORT
    index.find_in(long_doc)
    for start in range(0, len(long_doc), 7):
        for end in (start + 1, start + 9, start + 30, len(long_doc)):
            end = min(end, len(long_doc))
            assert as_tuples(index.find_in(long_doc, start, end)) == \
                as_tuples(index.find(list(long_doc[start:end]))), (start, end)
    assert index.find_in(long_doc)  # the text does hold terms
    assert len(index._first._known) > 256  # the numpy filter was in use


def test_matches_within_equals_find_in(long_doc):
    index = TermIndex(TERMS)
    for start in range(0, len(long_doc), 5):
        for end in range(start + 1, len(long_doc) + 1, 11):
            assert as_tuples(index.matches_within(long_doc, start, end), start) == \
                as_tuples(index.find_in(long_doc, start, end)), (start, end)


def test_term_groups_find_what_each_list_finds(long_doc):
    lists = {"a": TermIndex(TERMS[:4]), "b": TermIndex(TERMS[4:]), "empty": TermIndex([])}
    groups = TermGroups(lists)
    for start, end in [(0, len(long_doc)), (3, 40), (10, 12)]:
        found = groups.find_in(long_doc, start, end)
        for name, index in lists.items():
            assert as_tuples(found[name]) == as_tuples(index.find_in(long_doc, start, end))


def test_head_ends_are_the_stems_before_every_ending():
    def reference(form):
        ends = set()
        for ending in ENDINGS:
            if form.endswith(ending):
                stem = form[:len(form) - len(ending)]
                ends.add(stem[-3:])
                if len(stem) > 1 and stem[-1] == stem[-2]:
                    ends.add(stem[-4:-1])
        return ends

    for form in ["", "e", "en", "skatten", "busserne", "afgiften", "flygtninge", "ernes", "ss", "topskat"]:
        assert _head_ends(form) == reference(form), form


def test_token_ranges_match_the_spans(nlp):
    doc = nlp("Kort rubrik\n\nFørste afsnit handler om skat og afgifter og meget andet end det.\n\n"
              "Andet afsnit.")
    start = doc.text.index("skat")
    expected = doc.char_span(start, start + 3, alignment_mode="expand")  # "ska" widens to the token "skat"
    assert statement_range(doc, start, start + 3) == (expected.start, expected.end)
    assert statement_span(doc, start, start + 3).text == "skat"
    assert statement_range(doc, 5000, 5010) == (0, len(doc))  # outside the text: the whole doc
    assert doc[slice(*paragraph_range(doc, doc.text.index("Andet")))].text.startswith("Andet")
    lead = lead_span(doc)
    assert lead_range(doc) == (lead.start, lead.end) and "Første afsnit" in lead.text
