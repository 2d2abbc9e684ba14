"""Character offsets to tokens (tracker.nlp.positions): the one rule, checked against doc.char_span."""

import pytest
import spacy

from tracker.nlp.positions import paragraph_of, paragraphs, token_range

TEXTS = ["Mette Testesen (V)  siger:\n\n- Nej, tak.  \n", "  To  mellemrum og\tet tab. ", "Ord", "", "»Hej«, siger hun."]


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("da")


@pytest.mark.parametrize("text", TEXTS)
def test_token_range_is_the_expanded_char_span(blank, text):
    doc = blank(text)
    for start in range(-1, len(text) + 2):
        for end in range(start, len(text) + 2):
            try:
                span = doc.char_span(start, end, alignment_mode="expand")
            except (IndexError, ValueError):  # spaCy cannot make that span
                span = None
            expected = None if span is None else (span.start, span.end)
            assert token_range(doc, start, end) == expected, (text, start, end)


def test_paragraphs_are_the_blank_line_blocks_also_without_the_sentence_component(blank):
    text = "Rubrik\n\n  Første afsnit.\n  \nAndet afsnit."
    doc = blank(text)
    assert [text[s:e] for s, e in paragraphs(doc)] == ["Rubrik", "Første afsnit.", "Andet afsnit."]
    assert paragraph_of(doc, text.index("Andet")) == (text.index("Andet"), len(text))
    assert paragraph_of(doc, text.index("Første") - 1) is None  # white space between paragraphs
    assert paragraphs(blank("   ")) == [(0, 3)]


@pytest.mark.parametrize("text", TEXTS)
def test_token_offsets_are_the_tokens_own(blank, text):
    from tracker.nlp.positions import token_offsets

    doc = blank(text)
    offsets = token_offsets(doc)
    assert offsets.starts == [t.idx for t in doc] and offsets.lengths == [len(t.text) for t in doc]
