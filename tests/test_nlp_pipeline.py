"""The assembled pipeline: components, registry hand-over, extract and extract_many."""

from datetime import date
from pathlib import Path

import pytest
from test_nlp_mentions import fictional_registry

from tracker.nlp.pipeline import build_pipeline, extract, extract_many, make_doc
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


def test_components_in_order_and_registry_handed_over(nlp, registry):
    names = nlp.pipe_names
    order = ["lemmatizer", "tracker_sentences", "tracker_mentions", "tracker_attribution"]
    assert [n for n in names if n in order] == order
    assert nlp.get_pipe("tracker_mentions").registry is registry
    assert nlp.get_pipe("tracker_attribution").registry is registry


def test_lemmas_with_lower_case_fallback(nlp):
    doc = nlp(make_doc(nlp, article("Kræver han det? Han kræver det.")))
    assert doc[0].lemma_ == doc[5].lemma_ == "kræve"


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


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_article():
    nlp = build_pipeline()
    found = extract(nlp, read_text_article(SEED))
    rows = {(c.speaker, c.party, c.role) for c in found}
    assert ("Michael Aastrup Jensen", "Venstre", "udenrigsordfører") in rows
    assert (None, "Alternativet", None) in rows
    assert ("Rasmus Nordqvist", "Alternativet", "politisk ordfører og udenrigsordfører") in rows
    assert {party for _, party, _ in rows} == {"Venstre", "Alternativet"}
