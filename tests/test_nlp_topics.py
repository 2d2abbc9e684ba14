"""CAP topic tagger (tracker_topics) and the shared word-pattern matcher, on constructed Danish text."""

import pytest

from tracker.cap import load_cap_topics
from tracker.datafiles import read_csv
from tracker.nlp.lexicon import TermIndex
from tracker.nlp.positions import lead_span, paragraph_range
from tracker.nlp.topics import TopicLexicon
from tracker.paths import data_file

from nlp_helpers import lemmatizing_nlp, tag

CAP_NAMES = {"Macroeconomics", "Civil Rights", "Health", "Agriculture", "Labor", "Education", "Environment",
             "Energy", "Immigration", "Transportation", "Law and Crime", "Social Welfare", "Housing",
             "Domestic Commerce", "Defense", "Technology", "Foreign Trade", "International Affairs",
             "Government Operations", "Public Lands", "Culture"}


@pytest.fixture(scope="module")
def nlp():
    return lemmatizing_nlp("tracker_topics")


def topic(nlp, sentence):
    return tag(nlp, sentence, sentence)[0].cap_topic


# --- data ----------------------------------------------------------------------------------------

def test_cap_topics_are_the_21_major_topics():
    topics = load_cap_topics()
    assert {t.name for t in topics} == CAP_NAMES
    assert len({t.code for t in topics}) == 21
    law = next(t for t in topics if t.name == "Law and Crime")
    assert law.slug == "topic-law-and-crime" and law.label_da


def test_lexicon_is_rich_and_covers_every_topic():
    rows = read_csv(data_file("topic_lexicon.csv"))
    assert len(rows) >= 500
    assert {r["topic"] for r in rows} == CAP_NAMES
    assert all(float(r["weight"]) > 0 for r in rows)


# --- the matcher ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blank():
    return lemmatizing_nlp()


def found(blank, terms, text):
    index = TermIndex(terms)
    return [index.terms[m.key] for m in index.find(list(blank(text)))]


def test_word_pattern_matches_form_or_lemma(blank):
    assert found(blank, ["bolig"], "De vil bygge flere boliger.") == ["bolig"]
    assert found(blank, ["bolig"], "De vil bygge boligområder.") == []


def test_prefix_pattern_matches_compounds_and_hyphen_parts(blank):
    assert found(blank, ["kvælstof*"], "Kravene til kvælstofudledningen skærpes.") == ["kvælstof*"]
    assert found(blank, ["nato*"], "Nato-målet skal nås.") == ["nato*"]


def test_suffix_pattern_matches_compound_heads_with_endings(blank):
    assert found(blank, ["*skat"], "De vil fjerne topskatten og sænke selskabsskat.") == ["*skat", "*skat"]
    assert found(blank, ["*afgift"], "En CO2-afgiften er et forslag.") == ["*afgift"]
    assert found(blank, ["*skat"], "Skatteministeren taler.") == []


def test_phrase_allows_small_gaps_but_not_a_sentence_end(blank):
    assert found(blank, ["trække* hjem"], "Vi vil trække soldaterne hjem.") == ["trække* hjem"]
    assert found(blank, ["trække* hjem"], "Vi vil trække. Hjem er godt.") == []
    assert found(blank, ["trække* hjem"], "Vi vil trække alle de mange udsendte soldater hjem.") == []


def test_paragraph_and_lead_spans(blank):
    doc = blank("Kort rubrik\n\nFørste afsnit med en del ord i sig.\n\nAndet afsnit.")
    assert paragraph_range(blank("x"), 0) == (0, 1)
    assert doc[slice(*paragraph_range(doc, doc.text.index("Andet")))].text == "Andet afsnit."
    assert lead_span(doc).text.startswith("Kort rubrik") and "Første afsnit" in lead_span(doc).text


# --- the component -------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Mette Testesen (V) vil sænke topskatten.", "Macroeconomics"),
    ("Partiet kræver skrappere kvælstofkrav til landmændene.", "Agriculture"),
    ("Karl Eksempelsen (SF) vil hæve forsvarsbudgettet.", "Defense"),
    ("Regeringen vil forlænge grænsekontrollen.", "Immigration"),
    ("Hanne Prøvesen (S) vil have flere sygeplejersker på hospitalerne.", "Health"),
    ("Partiet vil bygge flere almene boliger.", "Housing"),
    ("Partiet kræver billigere togbilletter.", "Transportation"),
    ("Partiet vil forbyde sprøjtemidler for at beskytte drikkevandet.", "Environment"),
    ("Partiet vil have flere havvindmøller.", "Energy"),
    ("Partiet vil afskaffe efterlønnen.", "Labor"),
    ("Partiet kræver karakterkrav til gymnasiet.", "Education"),
    ("Partiet vil skærpe straffen for bandekriminalitet.", "Law and Crime"),
    ("Partiet vil hæve kontanthjælpen.", "Social Welfare"),
    ("Partiet vil regulere techgiganterne og de sociale medier.", "Technology"),
    ("Partiet vil afskaffe EU-forbeholdene.", "International Affairs"),
    ("Partiet vil skære i DR's budget og public service.", "Culture"),
])
def test_topic_from_the_sentence_itself(nlp, sentence, expected):
    assert topic(nlp, sentence) == expected


def test_role_word_counts_less_than_the_subject(nlp):
    sentence = "Vi skal have flere boliger, siger forsvarsordfører Mette Testesen (V)."
    assert topic(nlp, sentence) == "Housing"


def test_falls_back_to_paragraph_then_lead(nlp):
    text = ("Partiet vil gøre busbilletterne billigere\n\n"
            "Prisen på kollektiv trafik stiger igen. Det er helt forkert, siger Karl Eksempelsen (SF).\n\n"
            "Han tilføjer: Det holder simpelthen ikke.")
    para, late = tag(nlp, text, "Det er helt forkert, siger Karl Eksempelsen (SF).", "Det holder simpelthen ikke.")
    assert para.cap_topic == "Transportation"
    assert late.cap_topic == "Transportation"


def test_no_topical_words_anywhere_gives_none(nlp):
    assert topic(nlp, "Det siger han i dag.") is None


def test_topic_lexicon_scores_each_token_once_per_topic(blank):
    lexicon = TopicLexicon([("skat", "Macroeconomics", 1.0), ("skat*", "Macroeconomics", 2.0)])
    assert lexicon.scores(blank("skat")) == {"Macroeconomics": 2.0}
