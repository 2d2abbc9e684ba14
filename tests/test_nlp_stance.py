"""Stance tagger (tracker_stance) on constructed Danish sentences with fictional politicians."""

import tomllib
from pathlib import Path

import pytest
import spacy

import tracker.nlp.topics  # noqa: F401  (registers tracker_topics for the three-component test)
from tracker.nlp.issues import Issue
from tracker.nlp.model import StatementCandidate
from tracker.nlp.stance import CueBook, StanceTagger
from tracker.paths import data_file

from nlp_helpers import lemmatizing_nlp


@pytest.fixture(scope="module")
def blank():
    return lemmatizing_nlp()


@pytest.fixture(scope="module")
def tagger():
    stance_tagger = StanceTagger()
    stance_tagger.initialize()
    return stance_tagger


def stance(blank, tagger, sentence, slug=None):
    doc = blank(sentence)
    doc._.statements = [StatementCandidate(party="Venstre", kind="indirect", evidence=sentence, start_char=0,
                                           end_char=len(sentence), issue=slug)]
    return tagger(doc)._.statements[0].stance


def test_cue_file_has_every_section():
    with open(data_file("stance_cues.toml"), "rb") as f:
        cfg = tomllib.load(f)
    assert cfg["for"]["strong"] and cfg["against"]["strong"] and cfg["neutral"]["phrases"]
    assert "ikke" in cfg["negation"]["words"] and cfg["double_negative"]["phrases"]
    assert CueBook.load().nesting_gap > 0


@pytest.mark.parametrize("sentence, expected", [
    ("Mette Testesen (V) støtter grænsekontrol ved den tyske grænse.", "for"),
    ("Venstre kræver grænsekontrol.", "for"),
    ("SF bakker naturligvis op om grænsekontrollen.", "for"),
    ("Partiet glæder sig over, at grænsekontrollen forlænges.", "for"),
    ("Karl Eksempelsen (SF) afviser grænsekontrol.", "against"),
    ("SF er imod grænsekontrol.", "against"),
    ("Partiet kritiserer grænsekontrollen for at skade pendlerne.", "against"),
    ("Hanne Prøvesen (S) vil afskaffe grænsekontrollen.", "against"),
    ("Karl Eksempelsen (SF) er fortørnet over grænsekontrollen.", "against"),
    ("Partiet er vred over grænsekontrollen.", "against"),
    ("Det er et hårdt angreb på pendlerne, siger Karl Eksempelsen (SF) om grænsekontrollen.", "against"),
    ("Ifølge Karl Eksempelsen (SF) er grænsekontrollen helt hen i vejret.", "against"),
    ("Karl Eksempelsen (SF) har svært ved at se logikken i grænsekontrollen.", "against"),
    ("Karl Eksempelsen (SF) langer ud efter grænsekontrollen.", "against"),
    ("Karl Eksempelsen (SF) vil ikke afvise grænsekontrol.", "neutral"),
    ("Karl Eksempelsen (SF) vil først se de konkrete planer for grænsekontrollen.", "neutral"),
])
def test_general_cue_words(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "graensekontrol") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Partiet støtter ikke grænsekontrol.", "against"),
    ("Vi vil ikke have grænsekontrol, siger Karl Eksempelsen (SF).", "against"),
    ("SF vil aldrig acceptere grænsekontrol.", "against"),
    ("Partiet afviser ikke grænsekontrol.", "neutral"),  # not rejecting is openness, as "udelukker ikke"
    ("Partiet er ikke imod grænsekontrol.", "for"),
])
def test_negation_turns_a_cue_around(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "graensekontrol") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Partiet er imod at afskaffe efterlønnen.", "for"),
    ("Venstre afviser at droppe grænsekontrollen.", "for"),
    ("SF kritiserer, at regeringen vil afskaffe grænsekontrollen.", "for"),
    ("SF kritiserer, at regeringen vil indføre grænsekontrol.", "against"),
    ("Det er ikke en dårlig idé med grænsekontrol.", "for"),
])
def test_double_negatives(blank, tagger, sentence, expected):
    slug = "efterloen" if "efterløn" in sentence else "graensekontrol"
    assert stance(blank, tagger, sentence, slug) == expected


def test_issue_phrases_beat_general_cues(blank, tagger):
    # The topskat issue reads as "lower or no top tax": removing it is FOR the issue.
    assert stance(blank, tagger, "Topskatten skal fjernes, siger Mette Testesen (V).", "topskat") == "for"
    assert stance(blank, tagger, "Topskatten skal hæves, siger Karl Eksempelsen (SF).", "topskat") == "against"
    # Without the issue, "fjerne" is a general against cue.
    assert stance(blank, tagger, "Topskatten skal fjernes, siger Mette Testesen (V).") == "against"


@pytest.mark.parametrize("sentence, slug, expected", [
    ("Venstre er imod arveafgiften.", "arveskat", "for"),
    ("Venstre støtter arveafgiften.", "arveskat", "against"),
    ("Venstre kalder arveafgiften urimelig.", "arveskat", "for"),
    ("Venstre vil ikke acceptere arveafgiften.", "arveskat", "for"),
    ("SF forsvarer topskatten.", "topskat", "against"),
    ("Venstre er imod at sænke arveafgiften.", "arveskat", "against"),  # the issue's own phrase, governed
    ("Venstre er imod burkaforbuddet.", "burkaforbud", "against"),  # the trigger names the ban itself
    ("SF vil indføre billige billetter i busserne.", "billigere-kollektiv-trafik", "for"),  # the measure
])
def test_a_cue_at_the_thing_a_reducing_issue_wants_less_of_turns_around(blank, tagger, sentence, slug, expected):
    """"Lavere arveskat": being against the inheritance tax is being for lowering it."""
    assert stance(blank, tagger, sentence, slug) == expected


def test_issue_against_phrases(blank, tagger):
    slug = "danske-soldater-irak"
    assert stance(blank, tagger, "De danske soldater skal trækkes hjem fra Irak nu.", slug) == "against"
    assert stance(blank, tagger, "Danmark har intet at gøre i Irak, siger Karl Eksempelsen (SF).", slug) == "against"
    assert stance(blank, tagger, "Vi skal sende flere soldater til Irak, siger Mette Testesen (V).", slug) == "for"


@pytest.mark.parametrize("sentence", [
    "Partiet har endnu ikke taget stilling til kvoteflygtninge.",
    "Ministeren vil endnu ikke lægge sig fast på, om Danmark skal tage imod kvoteflygtninge.",
    "Han vil ikke på forhånd forholde sig til et loft over renten.",
    "Forslaget skal der ses nærmere på, mener Hanne Prøvesen (S).",
    "Partiet overvejer at støtte kvoteflygtninge.",
    "Ved afstemningen om kvoteflygtninge fritstiller partiet sine medlemmer.",
    "Partiets folketingsmedlemmer stemmer frit om kvoteflygtninge.",
    "Ministeren er klar til at forhandle med partierne om kvoteflygtninge.",
    "Udvalget skal kigge på kvoteflygtninge i løbet af året.",
])
def test_explicit_neutrality(blank, tagger, sentence):
    assert stance(blank, tagger, sentence, "kvoteflygtninge") == "neutral"


def test_position_without_cue_is_for(blank, tagger):
    assert stance(blank, tagger, "Flere almene boliger i de store byer, lyder det fra partiet.") == "for"


def test_last_clause_after_men_decides(blank, tagger):
    assert stance(blank, tagger, "Vi støtter målet, men vi afviser grænsekontrol.", "graensekontrol") == "against"
    assert stance(blank, tagger, "Det er ikke en dårlig idé, men der skal gøres mere nu.") == "for"


def test_weak_cues_count_only_without_strong_ones(blank, tagger):
    assert stance(blank, tagger, "Danmark skal ikke have grænsekontrol.", "graensekontrol") == "against"
    assert stance(blank, tagger, "Vi skal ikke glemme, at vi støtter grænsekontrol.", "graensekontrol") == "for"


def test_general_cues_are_not_read_inside_the_issue_words(blank):
    tagger = StanceTagger(issues=[Issue("asylstop", "Stop for asyl", "Immigration", ("stop for asyl",))])
    assert stance(blank, tagger, "Stop for asyl, lyder det fra partiet.", "asylstop") == "for"
    assert stance(blank, tagger, "Stop for asyl, lyder det fra partiet.") == "against"


def test_cues_are_recorded(blank, tagger):
    doc = blank("SF er imod grænsekontrol.")
    doc._.statements = [StatementCandidate(party="SF", kind="indirect", evidence=doc.text, start_char=0,
                                           end_char=len(doc.text), issue="graensekontrol")]
    st = tagger(doc)._.statements[0]
    assert st.extra["stance_cues"] == ["imod"]
    assert st.scores["stance"] == tagger.strong_score == st.confidence  # a strong cue; no other stage scored it


def test_all_three_components_find_a_disagreement():
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    for name in ("tracker_topics", "tracker_issues", "tracker_stance"):
        nlp.add_pipe(name)
    nlp.initialize()
    text = ("Regeringen vil forlænge grænsekontrollen\n\n"
            "Grænsekontrollen ved den tyske grænse skal forlænges, siger Mette Testesen (V).\n\n"
            "Det er spild af penge, siger Karl Eksempelsen (SF).")
    doc = nlp.make_doc(text)
    evidences = [("Venstre", "Grænsekontrollen ved den tyske grænse skal forlænges, siger Mette Testesen (V)."),
                 ("SF", "Det er spild af penge, siger Karl Eksempelsen (SF).")]
    doc._.statements = [StatementCandidate(party=p, kind="direct_quote", evidence=e, start_char=text.index(e),
                                           end_char=text.index(e) + len(e)) for p, e in evidences]
    v, sf = nlp(doc)._.statements
    assert v.issue == sf.issue == "graensekontrol"
    assert v.cap_topic == sf.cap_topic == "Immigration"
    assert (v.stance, sf.stance) == ("for", "against")


# --- whole articles: the speaker's own clause, reactions, repeated positions ---------------------

def article_doc(blank, text, statements, names):
    """A doc with mentions for ``names`` ((text, kind, party) — kind "person" or "party") and statements
    ((party, speaker or None, evidence)) on the issue graensekontrol."""
    from tracker.nlp.model import PARTY, SPEAKER, Mention

    doc = blank(text)
    mentions = []
    for name, kind, party in names:
        start = -1
        while (start := text.find(name, start + 1)) >= 0:
            mentions.append(Mention(SPEAKER if kind == "person" else PARTY, start, start + len(name), name,
                                    name=name, party=party))
    doc._.mentions = sorted(mentions, key=lambda m: m.start_char)
    doc._.statements = [StatementCandidate(party=p, kind="indirect", evidence=e, start_char=text.index(e),
                                           end_char=text.index(e) + len(e), speaker=s, issue="graensekontrol")
                        for p, s, e in statements]
    return doc


def test_the_speakers_own_clause_is_read_first(blank, tagger):
    text = "Mette Testesen ser det ikke som problematisk, at Karl Eksempelsen er gået imod grænsekontrollen."
    doc = article_doc(blank, text, [("Venstre", "Mette Testesen", text), ("SF", "Karl Eksempelsen", text)],
                      [("Mette Testesen", "person", "Venstre"), ("Karl Eksempelsen", "person", "SF")])
    mette, karl = tagger(doc)._.statements
    assert (mette.stance, karl.stance) == ("for", "against")


def test_criticism_from_a_party_is_the_opposite_of_the_position_before(blank, tagger):
    first = "Venstre vil afskaffe grænsekontrollen."
    second = "Det møder hård kritik fra SF og Enhedslisten."
    doc = article_doc(blank, f"{first} {second}",
                      [("Venstre", None, first), ("SF", None, second), ("Enhedslisten", None, second)],
                      [("Venstre", "party", "Venstre"), ("SF", "party", "SF"),
                       ("Enhedslisten", "party", "Enhedslisten")])
    v, sf, el = tagger(doc)._.statements
    assert v.stance == "against"
    assert sf.stance == el.stance == "for"


def test_support_from_a_party_takes_the_same_position(blank, tagger):
    first = "Venstre vil afskaffe grænsekontrollen."
    second = "Forslaget får opbakning fra Konservative."
    doc = article_doc(blank, f"{first} {second}", [("Venstre", None, first), ("Konservative", None, second)],
                      [("Venstre", "party", "Venstre"), ("Konservative", "party", "Konservative")])
    v, k = tagger(doc)._.statements
    assert v.stance == k.stance == "against"


def test_a_statement_without_cue_takes_the_speakers_position(blank, tagger):
    first = "Karl Eksempelsen afviser grænsekontrol ved grænsen."
    second = "Det handler om pendlerne i grænselandet, siger Karl Eksempelsen."
    doc = article_doc(blank, f"{first}\n\n{second}",
                      [("SF", "Karl Eksempelsen", first), ("SF", "Karl Eksempelsen", second)],
                      [("Karl Eksempelsen", "person", "SF")])
    one, two = tagger(doc)._.statements
    assert one.stance == two.stance == "against"
    assert two.extra["stance_from"] == "same speaker"


def test_criticism_of_an_actor_is_not_a_stance_on_the_issue(blank, tagger):
    assert stance(blank, tagger, "SF vil levere kritik af regeringen om grænsekontrollen.", "graensekontrol") == "for"
    assert stance(blank, tagger, "SF kritiserer regeringen for at ville afskaffe grænsekontrollen.",
                  "graensekontrol") == "for"
    assert stance(blank, tagger, "SF kritiserer regeringen for at ville indføre grænsekontrol.",
                  "graensekontrol") == "against"


def test_a_clear_majority_of_the_speaker_overrules_the_odd_statement(blank, tagger):
    sentences = ["Karl Eksempelsen afviser grænsekontrol.", "Karl Eksempelsen er imod grænsekontrol.",
                 "Karl Eksempelsen kritiserer grænsekontrollen.", "Karl Eksempelsen støtter grænsekontrol."]
    doc = article_doc(blank, "\n\n".join(sentences), [("SF", "Karl Eksempelsen", s) for s in sentences],
                      [("Karl Eksempelsen", "person", "SF")])
    assert [st.stance for st in tagger(doc)._.statements] == ["against"] * 4


def test_criticising_another_partys_refusal_is_support(blank, tagger):
    text = "Det er et svigt, at Socialdemokratiet ikke vil arbejde for grænsekontrol, siger Karl Eksempelsen."
    doc = article_doc(blank, text, [("SF", "Karl Eksempelsen", text)],
                      [("Socialdemokratiet", "party", "Socialdemokratiet"), ("Karl Eksempelsen", "person", "SF")])
    assert tagger(doc)._.statements[0].stance == "for"


def test_negated_opinion_verb_negates_its_at_clause(blank, tagger):
    slug = "danske-soldater-irak"
    assert stance(blank, tagger, "Derfor mener vi ikke, at vi har noget at gøre i Irak mere.", slug) == "against"
    assert stance(blank, tagger, "Vi mener, at vi har noget at gøre i Irak.", slug) == "for"


def test_against_words_aimed_at_a_problem_are_support(blank, tagger):
    sentence = "Partiet vil stoppe bandekriminaliteten med hårdere straffe."
    assert stance(blank, tagger, sentence, "straffe-bander") == "for"
    assert stance(blank, tagger, "Partiet vil stoppe visitationszonerne.", "straffe-bander") == "against"


def test_one_stance_per_speaker_and_issue_named_sentence_breaks_a_tie(blank, tagger):
    first = "Det er forkert at afskaffe grænsekontrollen, lyder det."
    second = "Vi støtter grænsekontrol, siger Karl Eksempelsen."
    doc = article_doc(blank, f"{first}\n\n{second}",
                      [("SF", "Karl Eksempelsen", first), ("SF", "Karl Eksempelsen", second)],
                      [("Karl Eksempelsen", "person", "SF")])
    one, two = tagger(doc)._.statements
    assert one.stance == two.stance


def test_a_tie_between_a_position_and_explicit_neutrality_is_neutral(blank, tagger):
    first = "Karl Eksempelsen kritiserer grænsekontrollen."
    second = "Karl Eksempelsen har endnu ikke taget stilling til grænsekontrol."
    doc = article_doc(blank, f"{first}\n\n{second}",
                      [("SF", "Karl Eksempelsen", first), ("SF", "Karl Eksempelsen", second)],
                      [("Karl Eksempelsen", "person", "SF")])
    assert [st.stance for st in tagger(doc)._.statements] == ["neutral", "neutral"]


def test_a_stated_change_of_mind_keeps_both_positions(blank, tagger):
    first = "Karl Eksempelsen var tidligere imod grænsekontrol."
    second = "Nu har Karl Eksempelsen skiftet holdning og støtter grænsekontrol."
    doc = article_doc(blank, f"{first}\n\n{second}",
                      [("SF", "Karl Eksempelsen", first), ("SF", "Karl Eksempelsen", second)],
                      [("Karl Eksempelsen", "person", "SF")])
    assert [st.stance for st in tagger(doc)._.statements] == ["against", "for"]


def test_a_party_row_without_cue_follows_its_named_members(blank, tagger):
    party_row = "SF har også en holdning til grænsekontrollen."
    member = "Karl Eksempelsen afviser grænsekontrol ved grænsen."
    doc = article_doc(blank, f"{party_row}\n\n{member}",
                      [("SF", None, party_row), ("SF", "Karl Eksempelsen", member)],
                      [("SF", "party", "SF"), ("Karl Eksempelsen", "person", "SF")])
    party, person = tagger(doc)._.statements
    assert person.stance == "against"
    assert party.stance == "against" and party.extra["stance_from"] == "party members"


@pytest.mark.parametrize("sentence, expected", [
    ("Ud over regeringen stemte også Venstre for.", "for"),
    ("Venstre og SF stemte imod.", "against"),
    ("Men Enhedslisten mener ikke, at det er nok.", "against"),
    ("Også Socialdemokratiet er med.", "for"),
    ("Dansk Folkeparti meldte klart ud, at man ikke vil gå med til at lette topskatten.", "against"),
    ("Det er ministeren Mette Testesen, der står bag lovforslaget.", "for"),
    ("Venstre har endnu ikke givet en officiel melding.", "neutral"),
    ("Det er ikke godt nok, at patienterne venter, siger Karl Eksempelsen.", "for"),
])
def test_votes_backing_and_falling_short(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "topskat") == expected


def test_neutrality_of_one_party_in_a_mens_clause_is_not_the_others(blank, tagger):
    text = ("SF og Enhedslisten har meldt klart ud, at de gerne ser topskatten fjernet, mens Venstre endnu "
            "ikke har givet en officiel melding.")
    doc = article_doc(blank, text, [("SF", None, text), ("Enhedslisten", None, text), ("Venstre", None, text)],
                      [("SF", "party", "SF"), ("Enhedslisten", "party", "Enhedslisten"),
                       ("Venstre", "party", "Venstre")])
    statements = doc._.statements  # a view: changed statements are written back
    for st in statements:
        st.issue = "topskat"
    doc._.statements = statements
    sf, el, v = tagger(doc)._.statements
    assert (sf.stance, el.stance, v.stance) == ("for", "for", "neutral")


@pytest.mark.parametrize("sentence, expected", [
    ("Maja Konstrueret mener, at en afskaffelse af topskatten er uansvarlig.", "against"),
    ("At fjerne topskatten vil være en god idé, siger Peter Fiktivsen.", "for"),
    ("Forslaget om at hæve topskatten er en dårlig idé, mener partiet.", "for"),
    ("Karl Eksempelsen kalder afskaffelsen af topskatten uansvarlig.", "against"),
    ("Regeringen vil sænke topskatten, hvilket er forkert, mener Karl Eksempelsen.", "against"),
    # a relative clause judges the noun before it, a coordination adds a second wish
    ("Partiet vil afskaffe topskatten, som er urimelig.", "for"),
    ("Vi vil sænke topskatten og er imod nye afgifter.", "for"),
])
def test_an_evaluative_predicate_judges_the_cue_of_its_subject(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "topskat") == expected


def test_the_constructed_topskat_sample_reads_the_evaluative_predicate():
    from tracker.nlp.pipeline import build_pipeline, extract
    from tracker.sources import read_text_article

    sample = Path(__file__).resolve().parents[1] / "data" / "samples" / "s002_topskat.txt"
    statements = extract(build_pipeline(), read_text_article(sample))
    maja = [st for st in statements if st.speaker == "Maja Konstrueret" and "uansvarlig" in st.evidence]
    assert maja and maja[0].stance == "against"
    assert {st.stance for st in statements if st.speaker == "Peter Fiktivsen"} == {"for"}


@pytest.mark.parametrize("sentence, expected", [
    ("Konservative har indgået en aftale med regeringen om grænsekontrol.", "for"),
    ("Dansk Folkeparti anbefaler et ja ved afstemningen om grænsekontrol.", "for"),
    ("Dansk Folkeparti anbefaler et nej ved afstemningen om grænsekontrol.", "against"),
    ("Enhedslisten stemte nej til grænsekontrollen.", "against"),
    ("SF forlod forhandlingerne om grænsekontrollen i går.", "against"),
    ("Liberal Alliance trak sig fra forhandlingerne om grænsekontrol.", "against"),
    ("Partiet står uden for aftalen om grænsekontrol.", "against"),
    ("Radikale Venstre trækker støtten til grænsekontrollen.", "against"),
    ("Venstre undlod at stemme om grænsekontrollen.", "neutral"),
    ("Partiet vil ikke love at stemme for grænsekontrol.", "neutral"),
    ("Han ønsker ikke på nuværende tidspunkt at forlænge grænsekontrollen.", "neutral"),
])
def test_acts_agreements_votes_and_negotiations(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "graensekontrol") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Grænsekontrollen er helt vildt, siger Karl Eksempelsen.", "against"),
    ("Det er for letkøbt med grænsekontrol, mener partiet.", "against"),
    ("Grænsekontrollen er skidt for pendlerne.", "against"),
    ("Grænsekontrollen er et løftebrud, siger Karl Eksempelsen.", "against"),
    ("Nu er det ikke tiden til grænsekontrol.", "against"),
    ("Partiet er skeptisk over for grænsekontrol.", "against"),
    ("Det er på tide med grænsekontrol, siger Mette Testesen.", "for"),
    ("Ministeren afviser kritikken af grænsekontrollen.", "for"),
    ("Det er urimeligt, at Karl Eksempelsen kalder grænsekontrollen et løftebrud.", "for"),
])
def test_evaluative_words(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "graensekontrol") == expected


@pytest.mark.parametrize("text, expected", [
    ("Karl Eksempelsen kritiserer Venstres forslag om grænsekontrol.", "against"),
    ("Karl Eksempelsen kritiserer Venstres forslag om at afskaffe grænsekontrollen.", "for"),
    ("Karl Eksempelsen kalder Venstres udspil om grænsekontrol uansvarligt.", "against"),
    # the party itself as the target says nothing about the issue
    ("Karl Eksempelsen kritiserer Venstre i debatten om grænsekontrol.", "for"),
])
def test_criticising_another_partys_proposal_is_against_its_issue(blank, tagger, text, expected):
    doc = article_doc(blank, text, [("SF", "Karl Eksempelsen", text)],
                      [("Venstres", "party", "Venstre"), ("Venstre", "party", "Venstre"),
                       ("Karl Eksempelsen", "person", "SF")])
    assert tagger(doc)._.statements[0].stance == expected


def test_an_excepted_party_takes_the_opposite_and_its_own_clause_decides(blank, tagger):
    text = "Alle partier med undtagelse af Liberal Alliance og SF stemte for grænsekontrollen."
    parties = [("Liberal Alliance", "party", "Liberal Alliance"), ("SF", "party", "SF")]
    doc = article_doc(blank, text, [("Liberal Alliance", None, text), ("SF", None, text)], parties)
    assert [st.stance for st in tagger(doc)._.statements] == ["against", "against"]
    text = "Regeringen er enig med alle partier undtagen SF om grænsekontrollen."
    doc = article_doc(blank, text, [("SF", None, text)], parties)
    assert tagger(doc)._.statements[0].stance == "against"
    text = ("Regeringen blev enig om grænsekontrollen med alle partier med undtagelse af Liberal Alliance, der "
            "trak sig fra forhandlingerne.")
    doc = article_doc(blank, text, [("Liberal Alliance", None, text)], parties)
    assert tagger(doc)._.statements[0].stance == "against"


def test_an_agent_is_against_the_proposal_it_collides_with_whatever_it_demands_instead(blank, tagger):
    parties = [("Socialdemokratiet", "party", "Socialdemokratiet"), ("SF", "party", "SF")]
    text = "Kravet om grænsekontrol kolliderer med Socialdemokratiet og SF, som kræver visumpligt i stedet."
    doc = article_doc(blank, text, [("Socialdemokratiet", None, text), ("SF", None, text)], parties)
    assert [st.stance for st in tagger(doc)._.statements] == ["against", "against"]


@pytest.mark.parametrize("sentence, expected", [
    ("Regeringen har endnu ikke indført afgiften på sukker, siger Karl Eksempelsen.", "for"),
    ("Afgiften på sukker er stadig ikke indført, og Karl Eksempelsen kræver den nu.", "for"),
    # governed by an earlier cue, the negated fact counts
    ("Det er et svigt, at regeringen endnu ikke har indført afgiften på sukker.", "for"),
    ("Det er en god idé, at regeringen endnu ikke har indført afgiften på sukker.", "against"),
    ("Partiet vil ikke indføre afgiften på sukker.", "against"),
])
def test_a_negated_fact_is_not_opposition(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Partiet ærgrer sig over, at grænsekontrollen afskaffes.", "for"),
    ("Partiet ærgrer sig over, at det ikke gik med i aftalen om grænsekontrol.", "for"),
    ("SF er uenig i, at regeringen vil afskaffe grænsekontrollen.", "for"),
    ("Venstre insisterer på at afskaffe grænsekontrollen.", "against"),
])
def test_a_cue_governs_through_over_i_and_paa(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "graensekontrol") == expected


def test_a_back_reference_takes_the_stance_of_the_quote_it_points_at(blank, tagger):
    quote = "»Grænsekontrollen er den helt forkerte vej at gå.«"
    pointer = "Sådan lyder det fra SF's retsordfører, Karl Eksempelsen, efter mødet i går."
    doc = article_doc(blank, f"{quote}\n\n{pointer}", [("SF", "Karl Eksempelsen", pointer)],
                      [("Karl Eksempelsen", "person", "SF")])
    st = tagger(doc)._.statements[0]
    assert st.stance == "against" and "[ordene før]" in st.extra["stance_cues"]
    assert not st.extra.get("stance_reaction")  # "fra X" here names the quote's speaker
    text = "Partiet vil afskaffe grænsekontrollen. Det siger Karl Eksempelsen (SF) til avisen."
    doc = article_doc(blank, text, [("SF", "Karl Eksempelsen", "Det siger Karl Eksempelsen (SF) til avisen.")],
                      [("Karl Eksempelsen", "person", "SF")])
    assert tagger(doc)._.statements[0].stance == "against"
    # a statement with a strong cue of its own keeps it
    text = "Partiet vil afskaffe grænsekontrollen. Det siger Karl Eksempelsen, som ellers støtter grænsekontrol."
    own = "Det siger Karl Eksempelsen, som ellers støtter grænsekontrol."
    doc = article_doc(blank, text, [("SF", "Karl Eksempelsen", own)],
                      [("Karl Eksempelsen", "person", "SF")])
    assert tagger(doc)._.statements[0].stance == "for"


@pytest.mark.parametrize("sentence, expected", [
    ("Vi kan ikke være med til grænsekontrol, siger Karl Eksempelsen.", "against"),
    ("Partiet vil gerne være med til at indføre grænsekontrol.", "for"),
    ("Grænsekontrol ved grænsen kommer ikke på tale, siger Karl Eksempelsen.", "against"),
    ("Vi har svært ved at se, at grænsekontrollen hjælper.", "against"),
    ("SF tvivler på, at grænsekontrollen virker.", "against"),
    ("Grænsekontrollen går for vidt, mener partiet.", "against"),
    ("Partiet vil stemme grænsekontrollen ned.", "against"),
    ("Partiet vil bekæmpe bandekriminaliteten med grænsekontrol.", "for"),
])
def test_refusals_and_doubts(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "graensekontrol") == expected


@pytest.mark.parametrize("sentence, slug, expected", [
    ("I stedet for et forbud mener partiet, at piger, der tvinges til at gå med tørklæde, skal have hjælp.",
     "toerklaedeforbud", "against"),
    ("I stedet for et tørklædeforbud vil partiet give pigerne hjælp.", "toerklaedeforbud", "against"),
    ("I stedet for at sænke topskatten vil vi investere i velfærd.", "topskat", "against"),
    ("I stedet for at skære i velfærden vil vi sænke topskatten.", "topskat", "for"),
    ("Frem for at hæve topskatten bør regeringen skære i bureaukratiet.", "topskat", "for"),
])
def test_what_is_put_aside_with_i_stedet_for(blank, tagger, sentence, slug, expected):
    assert stance(blank, tagger, sentence, slug) == expected


def test_another_actors_act_in_a_clause_of_its_own_is_not_the_speakers_position(blank, tagger):
    names = [("Enhedslisten", "party", "Enhedslisten"), ("Dansk Folkeparti", "party", "Dansk Folkeparti"),
             ("SF", "party", "SF"), ("Karl Eksempelsen", "person", "SF")]

    def read(text, party="Enhedslisten", speaker=None):
        doc = article_doc(blank, text, [(party, speaker, text)], names)
        return tagger(doc)._.statements[0].stance

    assert read("I Enhedslisten græder man ikke over, at Dansk Folkeparti træder ud af aftalen om grænsekontrol.") \
        == "for"
    assert read("Enhedslisten er ikke overrasket over, at Dansk Folkeparti forlod forhandlingerne om "
                "grænsekontrol.") == "for"
    # governed by the speaker's cue, or demanded with a modal of obligation, or the speaker's own list: it counts
    assert read("Karl Eksempelsen kritiserer, at regeringen vil afskaffe grænsekontrollen.", "SF",
                "Karl Eksempelsen") == "for"
    assert read("Karl Eksempelsen mener, at regeringen skal afskaffe grænsekontrollen.", "SF",
                "Karl Eksempelsen") == "against"
    assert read("Ifølge avisen vil SF og Enhedslisten afskaffe grænsekontrollen.") == "against"


def test_an_issue_phrased_from_the_other_end_turns_the_stance_around(blank, tagger):
    sentence = "Prisstigningerne på bus og tog skal trækkes tilbage, siger Karl Eksempelsen."
    doc = blank(sentence)
    st = StatementCandidate(party="SF", kind="indirect", evidence=sentence, start_char=0, end_char=len(sentence),
                            issue="billigere-kollektiv-trafik")
    st.extra["issue_reversed"] = True  # set by the issue stage: the words name the price rises
    doc._.statements = [st]
    (st,) = tagger(doc)._.statements  # the doc keeps records: read the tagged statement back
    assert st.extra["stance_said"] == "against"  # against what the words say: the price rises
    assert st.stance == "for" and st.extra["stance_toward"] == "billigere-kollektiv-trafik"


def test_restate_moves_a_statement_onto_the_other_end_of_its_question():
    from tracker.nlp.stance import restate

    st = StatementCandidate(party="SF", kind="indirect", evidence="x", start_char=0, end_char=1,
                            issue="prisstigninger", stance="against")
    restate(st, "billigere-kollektiv-trafik", reversed_=True, label="Billigere kollektiv trafik")
    assert (st.issue, st.issue_label, st.stance) == ("billigere-kollektiv-trafik", "Billigere kollektiv trafik",
                                                     "for")
    assert st.extra["issue_reversed"] is True and st.extra["stance_toward"] == "billigere-kollektiv-trafik"
    st.stance = "neutral"
    restate(st, "prisstigninger", reversed_=True)
    assert st.stance == "neutral" and st.extra["issue_reversed"] is False


@pytest.mark.parametrize("sentence, expected", [
    ("SF siger fra over for grænsekontrollen.", "against"),
    ("Her siger SF klart fra.", "against"),
    ("Ministeren siger fra Folketingets talerstol, at hun støtter grænsekontrol.", "for"),
])
def test_a_particle_verb_needs_its_particle(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "graensekontrol") == expected


def test_a_vote_weighs_more_than_a_warm_word_in_the_speakers_position(blank, tagger):
    first = "Karl Eksempelsen er begejstret for grænsekontrol."
    second = "Karl Eksempelsen vil ikke stemme for grænsekontrollen."
    doc = article_doc(blank, f"{first}\n\n{second}",
                      [("SF", "Karl Eksempelsen", first), ("SF", "Karl Eksempelsen", second)],
                      [("Karl Eksempelsen", "person", "SF")])
    one, two = tagger(doc)._.statements
    assert "[handling]" in two.extra["stance_cues"]
    assert one.stance == two.stance == "against"


@pytest.mark.parametrize("sentence, expected", [
    ("Partiet er positivt over for grænsekontrol, men har nogle forbehold.", "neutral"),
    ("Vi er skeptiske, men klar til at se på grænsekontrollen.", "neutral"),
    ("Partiet er positivt over for grænsekontrol, men afviser forslaget.", "against"),
    ("Vi har forbehold, men støtter grænsekontrollen.", "for"),
    ("Partiet vil ikke sige, om det er for eller imod grænsekontrol.", "neutral"),
])
def test_openness_and_reservations_in_balance_are_neutral(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence, "graensekontrol") == expected


def test_criticism_from_a_party_for_an_act_says_what_it_criticises(blank, tagger):
    first = "Venstre vil afskaffe grænsekontrollen."
    second = "Venstre møder kritik fra SF og Enhedslisten for at nøle med grænsekontrollen."
    doc = article_doc(blank, f"{first} {second}",
                      [("Venstre", None, first), ("SF", None, second), ("Enhedslisten", None, second)],
                      [("Venstre", "party", "Venstre"), ("SF", "party", "SF"),
                       ("Enhedslisten", "party", "Enhedslisten")])
    v, sf, el = tagger(doc)._.statements
    # criticism of hesitating = for acting; not the bare reaction to the position before (that would be for, too,
    # here: so the check is that the chain was read)
    assert sf.stance == el.stance == "for"
    assert not sf.extra.get("stance_reaction") and "nøle*" in sf.extra["stance_cues"]


@pytest.mark.parametrize("sentence, expected", [
    ("Partiet vil gøre op med afgiften på sukker.", "against"),
    ("Partiet vil af med afgiften på sukker.", "against"),
    ("Partiet vil sløjfe afgiften på sukker.", "against"),
    ("Partiet vil have fjernet afgiften på sukker.", "against"),
    ("Partiet kalder afgiften på sukker for ren formynderi.", "against"),
    ("Partiet kalder afgiften på sukker for symbolpolitik.", "against"),
    ("Partiet mener, at afgiften på sukker rammer de svageste.", "against"),
    ("Partiet sætter spørgsmålstegn ved afgiften på sukker.", "against"),
    ("Partiet holder fast i afgiften på sukker.", "for"),
    ("Partiet ser gerne en afgift på sukker.", "for"),
    ("Partiet mener, at en afgift på sukker er vejen frem.", "for"),
])
def test_doing_away_with_it_and_holding_on_to_it(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Partiet kommer ikke til at støtte en afgift på sukker.", "against"),
    ("Partiet kommer ikke til at lægge mandater til en ny regering.", "against"),
    ("Partiet vil gerne lægge mandater til en ny regering.", "for"),
    ("Om en afgift på sukker siger partiet, at det støtter den ikke.", "against"),
    ("En afgift på sukker? Det afviser partiet med andre ord ikke.", "for"),
    ("Partiet afviser en afgift på sukker, der ikke virker.", "against"),  # another clause's negation
])
def test_negations_past_auxiliaries_and_at_the_end_of_the_clause(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Partiet mener ikke, at en afgift på sukker løser problemet.", "against"),
    ("Partiet mener, at en afgift på sukker løser problemet.", "for"),
    ("Partiet er ikke overbevist om, at en afgift på sukker virker.", "against"),
    ("Partiet lægger afstand til en afgift på sukker.", "against"),
])
def test_solving_the_problem_being_convinced_and_keeping_a_distance(blank, tagger, sentence, expected):
    assert stance(blank, tagger, sentence) == expected


def test_backing_an_actor_or_not_is_a_stance_when_nothing_else_is_said(blank, tagger):
    assert stance(blank, tagger, "Venstre vil ikke støtte regeringen i spørgsmålet om grænsekontrol.",
                  "graensekontrol") == "against"
    assert stance(blank, tagger, "Venstre støtter regeringen i spørgsmålet om grænsekontrol.",
                  "graensekontrol") == "for"
    assert stance(blank, tagger, "Venstre kritiserer regeringen i spørgsmålet om grænsekontrol.",
                  "graensekontrol") == "for"  # criticism of an actor is no stance: the default
