import numpy
import spacy

from tracker.nlp import sentences  # noqa: F401  (registers the factory)
from tracker.nlp.sentences import split_text


def _texts(text):
    _, spans = split_text(text)
    return [text[s:e] for s, e in spans]


def test_headline_without_full_stop_is_one_sentence():
    text = "Testpartiet vil have flere busser\n\nDet siger Mette Testesen. Hun er ordfører."
    assert _texts(text) == ["Testpartiet vil have flere busser", "Det siger Mette Testesen.", "Hun er ordfører."]


def test_abbreviations_initials_and_dates_do_not_split():
    text = "Planen koster bl.a. 3 mia. kr. for Nanna W. Testesen og starter 3. maj. Det er dyrt."
    assert _texts(text) == [
        "Planen koster bl.a. 3 mia. kr. for Nanna W. Testesen og starter 3. maj.",
        "Det er dyrt.",
    ]


def test_splits_before_quote_and_dash():
    text = "Han var glad. »Det er godt,« siger han. Hun svarer: Nej! - Det er forkert."
    assert _texts(text) == ["Han var glad.", "»Det er godt,« siger han.", "Hun svarer: Nej!", "- Det er forkert."]


def test_lower_case_after_stop_does_not_split():
    assert _texts("Det sker ca. kl. 10. og ikke før.") == ["Det sker ca. kl. 10. og ikke før."]


def test_component_sets_sentences_and_paragraphs():
    nlp = spacy.blank("da")
    nlp.add_pipe("tracker_sentences")
    nlp.initialize()
    text = "Første linje\n\n- Vi vil have mere. Og hurtigt, siger Ole Testsen.\n\nSlut."
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == [
        "Første linje",
        "- Vi vil have mere.",
        "Og hurtigt, siger Ole Testsen.",
        "Slut.",
    ]
    assert [text[s:e] for s, e in doc._.paragraphs] == [
        "Første linje",
        "- Vi vil have mere. Og hurtigt, siger Ole Testsen.",
        "Slut.",
    ]


def test_lines_inside_a_paragraph_and_white_space_around_them():
    text = "  Overskrift uden punktum \n\tMette Testesen (V) siger nej. Hun vil ikke.  \n \n\nSlut."
    assert _texts(text) == ["Overskrift uden punktum", "Mette Testesen (V) siger nej.", "Hun vil ikke.", "Slut."]


def test_abbreviation_after_an_opening_quote_or_at_a_line_start():
    text = "»Bl.a. Venstre vil det.« Det siger hun.\nca. Det er sandt."
    assert _texts(text) == ["»Bl.a. Venstre vil det.«", "Det siger hun.", "ca. Det er sandt."]


def test_start_flags_first_token_at_or_after_each_sentence_start():
    tokens = numpy.array([0, 4, 9, 10, 20], dtype="uint64")
    assert sentences.start_flags(tokens, [0, 8, 9, 15, 30]).tolist() == [1, -1, 1, -1, 1]
    assert sentences.start_flags(tokens, []).tolist() == [1, -1, -1, -1, -1]


def test_shortened_names_do_not_split_but_an_acronym_ends_a_sentence():
    text = "Det siger Lars Chr. Testesen til DR. Han er glad. Claus Hj. Prøvesen stemmer imod SF. Det siger dr. Bo."
    assert _texts(text) == ["Det siger Lars Chr. Testesen til DR.", "Han er glad.",
                            "Claus Hj. Prøvesen stemmer imod SF.", "Det siger dr. Bo."]
