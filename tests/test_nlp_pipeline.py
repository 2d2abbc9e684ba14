"""The assembled pipeline: components, registry hand-over, extract and extract_many."""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import numpy
import pytest
import spacy
from test_nlp_mentions import fictional_registry

from tracker.nlp.pipeline import (LemmaCache, LookupLemmatizer, build_pipeline, extract, extract_many, make_doc,
                                  run_batch)
from tracker.sources import ArticleInput, read_text_article

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed_article.txt"


@pytest.fixture(scope="module")
def registry():
    return fictional_registry()


@pytest.fixture(scope="module")
def nlp(registry):
    return build_pipeline(registry)


def article(text, source="t.txt"):
    return ArticleInput(text=text, source=source, published=date(2021, 5, 1), date_precision="month")


def test_components_in_order(nlp):
    assert nlp.pipe_names == ["lemmatizer", "tracker_sentences", "tracker_mentions", "tracker_attribution",
                              "tracker_topics", "tracker_issues", "tracker_objects", "tracker_stance",
                              "tracker_statements"]


def test_lemmas_with_lower_case_fallback(nlp):
    doc = nlp(make_doc(nlp, article("Kræver han det? Han kræver det.")))
    assert doc[0].lemma_ == doc[5].lemma_ == "kræve"


def spacy_lookup_lemmas(text):
    """What spaCy's own lookup lemmatizer gives, with the lower-case fallback applied token by token."""
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    lemmas = []
    for token in nlp(text):
        if token.text[:1].isupper() and token.lemma_ == token.text and token.text.lower() in table:
            lemmas.append(table.get(token.text.lower()))
        else:
            lemmas.append(token.lemma_)
    return lemmas


def test_lemmatizer_gives_spacys_lookup_lemmas_also_when_its_cache_is_tiny(nlp):
    text = ("Kræver Mette Testesen (V) flere penge? Hun kræver, at Regeringen skærer ned.\n\n"
            "- Skolerne mangler lærere, siger Ole Prøvesen. Lærerne siger det samme.")
    lemmatizer = LookupLemmatizer(nlp.get_pipe("lemmatizer").table)
    lemmatizer.cache = LemmaCache(bits=2)  # four slots: word forms keep pushing each other out
    for _ in range(2):
        doc = lemmatizer(nlp.make_doc(text))
        assert [t.lemma_ for t in doc] == spacy_lookup_lemmas(text)


def test_lemma_cache_remembers_the_last_word_form_of_a_slot():
    cache = LemmaCache(bits=2)
    cache.store(numpy.array([5, 6], dtype="uint64"), numpy.array([50, 60], dtype="uint64"))
    lemmas, known = cache.find(numpy.array([5, 6, 9, 7], dtype="uint64"))
    assert known.tolist() == [True, True, False, False] and lemmas[:2].tolist() == [50, 60]
    cache.store(numpy.array([9], dtype="uint64"), numpy.array([90], dtype="uint64"))  # 9 takes 5's slot
    lemmas, known = cache.find(numpy.array([5, 9], dtype="uint64"))
    assert known.tolist() == [False, True] and lemmas[1] == 90


def test_date_and_source_are_set_before_the_components(nlp):
    doc = nlp(make_doc(nlp, article("Ole Prøvesen mener, at skatten skal ned.")))
    assert doc._.date == date(2021, 5, 1) and doc._.source == "t.txt"
    assert [(c.speaker, c.party) for c in doc._.statements] == [("Ole Prøvesen", "SF")]


def test_repeated_position_is_one_candidate_per_speaker(nlp):
    text = ("Mette Testesen (V) vil have flere busser.\n\n"
            "- Vi skal have flere busser, siger Mette Testesen.\n\n- Vi skal have flere busser nu.")
    found = extract(nlp, article(text))
    speakers = [c.speaker for c in found if c.issue is None]
    assert len(speakers) == len(set(speakers))
    assert {c.speaker for c in found} == {"Mette Testesen"}


def test_extract_many_gives_the_same_as_extract(nlp):
    articles = [article("Enhedslisten kræver gratis busser.", "a.txt"),
                article("Ole Prøvesen vil have en ny bro.\n\nTekst uden politik.", "b.txt"),
                article("Ingen politikere her.", "c.txt")]
    many = list(extract_many(nlp, articles, batch_size=2))
    assert [[(c.speaker, c.party, c.evidence) for c in found] for found in many] == [
        [(c.speaker, c.party, c.evidence) for c in extract(nlp, a)] for a in articles]
    assert many[2] == []


class Recorder:
    """A component that notes the order it sees docs in; `batched`: it has spaCy's ``pipe`` method."""

    def __init__(self, name, seen, batched=False):
        self.name, self.seen = name, seen
        if batched:
            self.pipe = lambda docs, batch_size: [self(doc) for doc in docs]

    def __call__(self, doc):
        self.seen.append((self.name, doc[0].text))
        return doc


def test_run_batch_runs_component_by_component():
    seen = []
    nlp = SimpleNamespace(pipeline=[("first", Recorder("first", seen)), ("second", Recorder("second", seen, True))])
    blank = spacy.blank("da")
    docs = [blank.make_doc(text) for text in ("Mette Testesen (V) siger ja.", "Ole Prøvesen (S) siger nej.")]
    assert run_batch(nlp, docs) == docs
    assert seen == [("first", "Mette"), ("first", "Ole"), ("second", "Mette"), ("second", "Ole")]


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_article():
    nlp = build_pipeline()
    found = extract(nlp, read_text_article(SEED))
    rows = {(c.speaker, c.party, c.role) for c in found}
    assert ("Michael Aastrup Jensen", "Venstre", "udenrigsordfører") in rows
    assert (None, "Alternativet", None) in rows
    assert ("Rasmus Nordqvist", "Alternativet", "politisk ordfører og udenrigsordfører") in rows
    assert {party for _, party, _ in rows} == {"Venstre", "Alternativet"}
