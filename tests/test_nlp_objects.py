"""Policy objects (tracker.nlp.issues: phrases, keys, objects) on constructed sentences with fictional people."""

from __future__ import annotations

import pytest

from nlp_helpers import tag
from tracker.nlp.issues.keys import KeyMaker
from tracker.nlp.issues.object_words import bundled_object_words
from tracker.nlp.issues.objects import ObjectTagger
from tracker.nlp.issues.phrases import PhraseFinder
from tracker.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


@pytest.fixture(scope="module")
def finder():
    words = bundled_object_words()
    return PhraseFinder(words, KeyMaker(words))


def keys(nlp, finder, text: str) -> list[str]:
    doc = nlp.make_doc(text)
    nlp.get_pipe("lemmatizer")(doc)
    return [" ".join(p.key) for p in finder.find(doc, 0, len(doc))]


@pytest.mark.parametrize("one, other", [
    ("Partiet vil have en CO2-afgift på landbruget.", "Hun er imod CO2-afgiften."),
    ("De foreslår en sukkerafgift.", "De foreslår en afgift på sukker."),
    ("Vi vil forbyde engangsplastik i hele landet.", "Vi vil have et forbud mod engangsplastik."),
    ("De vil hæve pensionsalderen.", "De vil sænke pensionsalderen."),
    ("Der skal bygges en ny motorvej til Skagen.", "Motorvejen til Skagen er for dyr."),
])
def test_two_phrasings_of_one_object_share_a_key(nlp, finder, one, other):
    first, second = keys(nlp, finder, one), keys(nlp, finder, other)
    assert first and first[0] in second


@pytest.mark.parametrize("one, other", [
    ("Partiet vil have en afgift på sukker.", "Partiet vil have et forbud mod sukker."),
    ("Partiet vil have en CO2-afgift på landbruget.", "Partiet vil have en afgift på flyrejser."),
])
def test_different_instruments_or_objects_get_different_keys(nlp, finder, one, other):
    assert set(keys(nlp, finder, one)).isdisjoint(keys(nlp, finder, other))


@pytest.mark.parametrize("text", [
    "Det siger Anna Testesen til Altinget mandag aften.",  # a medium, a day
    "Hun er dybt bekymret for fremtiden.",  # adjectives and a general noun
    "SVM-regeringen har fremlagt sit udspil.",  # an actor, not an object
    "Forslaget er en god idé, siger partiets klimaordfører.",  # framing nouns and a role
])
def test_no_object_where_none_is_named(nlp, finder, text):
    assert keys(nlp, finder, text) == []


def test_a_frame_noun_gives_way_to_its_complement(nlp, finder):
    assert keys(nlp, finder, "Hun har reservationer over for en CO2-afgift.") == ["afgift co2"]
    assert keys(nlp, finder, "Et forslag om en sukkerafgift.") == keys(nlp, finder, "En afgift på sukker.")


def test_a_definite_noun_ends_its_phrase(nlp, finder):
    # "reformen sikrer": a definite noun and a verb, not one compound phrase; the noun alone is too general
    assert keys(nlp, finder, "Hun siger, at reformen sikrer jobbene.") == []
    assert keys(nlp, finder, "Hun siger, at virksomheder føler sig snydt.") == []  # a plural too
    tax = keys(nlp, finder, "De vil ikke have en afgift på sukker.")
    assert len(tax) == 1 and keys(nlp, finder, "Hun siger, at sukkerafgiften virker.") == tax


def test_definite_forms_on_a_stem_without_its_e():
    from tracker.nlp.issues.phrases import DEFINITE, _genitive, _inflected

    assert _inflected("reglen", "regel", DEFINITE) and _inflected("reglerne", "regel", DEFINITE)
    assert _inflected("aftalen", "aftale", DEFINITE) and not _inflected("regel", "regel", DEFINITE)
    assert _genitive("landbrugets", "landbrug") and _genitive("reglernes", "regel")
    assert not _genitive("indsats", "indsats")


def test_an_owner_in_the_genitive_is_left_out_of_the_key(nlp, finder):
    tax = keys(nlp, finder, "Hun vil have en CO2-afgift på landbruget.")
    assert keys(nlp, finder, "Hun vil have landbrugets CO2-afgift.") == tax
    budget = keys(nlp, finder, "De vil skære i kulturbudgettet.")
    assert budget and keys(nlp, finder, "De vil skære i statens budget til kultur.") == budget
    # without its owner the phrase would be one part: the owner stays
    assert keys(nlp, finder, "De vil ikke røre ved hovedstadens kulturliv.") != []


def test_words_of_one_meaning_give_one_key(nlp, finder):
    money = keys(nlp, finder, "Pengene fra en sukkerafgift skal gå til sundhed.")
    assert money and money[0] == keys(nlp, finder, "Indtægterne fra sukkerafgiften skal gå til sundhed.")[0]
    assert money[0] == keys(nlp, finder, "Provenuet fra en sukkerafgift er stort.")[0]
    assert money[0] != keys(nlp, finder, "En sukkerafgift er på vej.")[0]  # the proceeds are their own question


def test_compounds_split_only_at_an_instrument_head():
    words = bundled_object_words()
    maker = KeyMaker(words)
    assert maker.parts("sukkerafgiften") == (maker.lemma("sukker"), "afgift")  # the lookup table's lemma
    assert maker.parts("mobilforbud") == ("mobil", "forbud")
    assert maker.parts("co2-afgift") == ("co2", "afgift")
    assert maker.parts("formand") == ("formand",) and maker.parts("landbruget") == ("landbrug",)
    assert maker.parts("indsats") == ("indsats",)  # a general word is never split
    assert maker.parts("skagen", proper=True) == ("skagen",)


OBJECT_ARTICLE = ("Enhedslisten vil forbyde energidrikke på skolerne.\n\n"
                  "Forslaget har fået modstand. Venstre er imod et forbud mod energidrikke.\n\n"
                  "Det er på tide, siger Enhedslistens Anna Testesen.")


def test_one_debate_gets_one_object_and_the_phrase_is_no_stance_cue():
    nlp = _issue_free()
    (ban,) = tag(nlp, OBJECT_ARTICLE, "Enhedslisten vil forbyde energidrikke på skolerne.", party="Enhedslisten")
    (critic,) = tag(nlp, OBJECT_ARTICLE, "Venstre er imod et forbud mod energidrikke.")
    (support,) = tag(nlp, OBJECT_ARTICLE, "Det er på tide", party="Enhedslisten")
    statements = [ban, critic, support]
    keys_found = {st.extra.get("object_key") for st in statements}
    assert keys_found == {"energidrik forbud"}
    phrases = {st.extra.get("object_phrase") for st in statements}
    assert "energidrikke på skolerne" in " ".join(phrases) or "forbud mod energidrikke" in phrases
    assert (ban.stance, critic.stance, support.stance) == ("for", "against", "for")  # "forbyde": no against cue


def test_raising_and_lowering_words_are_two_sides_of_one_object():
    (raise_,) = tag(_issue_free(), "Venstre vil hæve pensionsalderen.", "Venstre vil hæve pensionsalderen.")
    (lower,) = tag(_issue_free(), "SF vil sænke pensionsalderen.", "SF vil sænke pensionsalderen.", party="SF")
    assert raise_.extra["object_key"] == lower.extra["object_key"] == "alder pension"
    assert (raise_.stance, lower.stance) == ("for", "against")


def test_only_statements_on_a_catch_all_get_an_object():
    text = "Venstre vil have en sukkerafgift."
    tagger = ObjectTagger()
    tagger.initialize()
    from nlp_helpers import lemmatizing_nlp

    nlp = lemmatizing_nlp()
    doc = nlp(text)
    from tracker.nlp.model import StatementCandidate

    doc._.statements = [StatementCandidate(party="Venstre", kind="indirect", evidence=text, start_char=0,
                                           end_char=len(text), issue="sukkerafgift"),
                        StatementCandidate(party="SF", kind="indirect", evidence=text, start_char=0,
                                           end_char=len(text), issue="topic-health")]
    concrete, other = tagger(doc)._.statements
    assert "object_key" not in concrete.extra and other.extra["object_key"].startswith("afgift sukke")


_ISSUE_FREE = []


def _issue_free():
    """A pipeline whose issue component knows no issues (every statement on a catch-all), built once."""
    if not _ISSUE_FREE:
        nlp = build_pipeline(issues=[])
        nlp.remove_pipe("tracker_attribution")  # the tests give the statements
        _ISSUE_FREE.append(nlp)
    return _ISSUE_FREE[0]


def test_a_reply_without_an_object_takes_the_object_of_the_statement_before():
    text = ("Radikale Venstre foreslår en afgift på flyrejser.\n\nDet er helt forkert, siger Venstre.\n\n"
            "Partiet vil også have en motorvej til Skagen.\n\nDet er en dårlig idé, siger SF.")
    nlp = _issue_free()
    doc = nlp.make_doc(text)
    statements = []  # doc._.statements is a view: the list is built, then assigned
    from tracker.nlp.model import StatementCandidate

    for party, evidence in (("Radikale Venstre", "Radikale Venstre foreslår en afgift på flyrejser."),
                            ("Venstre", "Det er helt forkert, siger Venstre."),
                            ("Radikale Venstre", "Partiet vil også have en motorvej til Skagen."),
                            ("SF", "Det er en dårlig idé, siger SF.")):
        start = text.index(evidence)
        statements.append(StatementCandidate(party=party, kind="indirect", evidence=evidence,
                                             start_char=start, end_char=start + len(evidence)))
    doc._.statements = statements
    flights, reply, road, other_reply = nlp(doc)._.statements
    assert reply.extra["object_key"] == flights.extra["object_key"] != road.extra["object_key"]
    assert other_reply.extra["object_key"] == road.extra["object_key"]


def test_the_statements_own_most_specific_phrase_wins_over_the_articles_salient_one():
    # the school reform is named in the headline and twice more; the statement is about a sugar tax
    text = ("Skolereformen splitter\n\nSkolereformen er til debat. Skolereformen koster.\n\n"
            "SF dropper den nye skolereform, hvis der kommer en afgift på sukker.")
    (st,) = tag(_issue_free(), text, text.split("\n\n")[-1], party="SF")
    assert st.extra["object_key"].startswith("afgift sukke")


def test_salience_breaks_a_tie_between_equally_specific_phrases():
    text = ("Et forbud mod kul\n\nEt forbud mod kul er på vej. Venstre vil have et forbud mod olie eller et forbud "
            "mod kul.")
    (st,) = tag(_issue_free(), text, "Venstre vil have et forbud mod olie eller et forbud mod kul.")
    assert st.extra["object_key"] == "forbud kul"


def test_an_increase_is_a_direction_not_an_object(nlp, finder):
    assert keys(nlp, finder, "De vil have prisstigningerne.") == []  # "pris" alone is no object
    assert keys(nlp, finder, "Hun taler om en stigning i pensionsalderen.") == keys(
        nlp, finder, "Hun taler om pensionsalderen.")


def test_a_verb_in_ere_is_no_noun(nlp, finder):
    assert keys(nlp, finder, "Tallene er manipuleret af ministeren.") == []
    assert keys(nlp, finder, "Hun vil have en regulering af boligmarkedet.") != []  # the noun stays


def test_a_framing_head_is_not_part_of_the_objects_words_so_it_stays_a_stance_cue():
    """"stor modstander af en sukkerafgift": the object is the tax; "modstander" is read as a cue."""
    nlp = _issue_free()
    one, other = "Venstre er stor modstander af en sukkerafgift.", "SF er varm tilhænger af en sukkerafgift."
    (against,) = tag(nlp, one, one)
    (support,) = tag(nlp, other, other, party="SF")
    assert against.extra["object_key"] == support.extra["object_key"]
    assert against.extra["object_phrase"] == support.extra["object_phrase"] == "sukkerafgift"
    assert (against.stance, support.stance) == ("against", "for")


def test_an_evaluative_adjective_opens_no_phrase(nlp, finder):
    assert keys(nlp, finder, "Hun er positiv over for en sukkerafgift.") == keys(nlp, finder, "En sukkerafgift.")


@pytest.mark.parametrize("sentence, stance", [
    ("Venstre kalder afgiften på energidrikke for usocial.", "against"),  # a cue in the complement is read
    ("Venstre vil have et forbud mod energidrikke.", "for"),  # the head names the object: "forbud" is no cue
    ("Venstre har trukket støtten til en afgift på energidrikke.", "against"),  # the act reaches outside it
])
def test_only_the_words_that_name_the_object_hide_cues(sentence, stance):
    (st,) = tag(_issue_free(), sentence, sentence)
    assert st.stance == stance


def test_a_strong_participle_after_an_auxiliary_is_no_noun(nlp, finder):
    assert "trække" not in " ".join(keys(nlp, finder, "Venstre har trukket støtten til en afgift på energidrikke."))


def test_a_verb_in_the_present_tense_after_its_subject_is_no_noun(nlp, finder):
    doc = nlp.make_doc("Venstre advarer mod en afgift på energidrikke.")
    nlp.get_pipe("lemmatizer")(doc)
    found = [" ".join(p.key) for p in finder.find(doc, 0, len(doc), named={0})]
    assert found and not any("advar" in key for key in found)
