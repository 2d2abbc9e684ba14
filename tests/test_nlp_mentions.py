"""Mentions: fictional politicians (a small registry or discovered by pattern), real parties."""

from datetime import date

import pytest

from tracker.nlp.model import PARTY, SPEAKER
from tracker.nlp.pipeline import build_pipeline, make_doc
from tracker.registry import AffiliationRecord, PoliticianRecord, Registry
from tracker.sources import ArticleInput


def fictional_registry() -> Registry:
    """The bundled parties with two fictional politicians."""
    people = [
        PoliticianRecord("TestesenMette", "Mette Testesen", gender="F",
                         affiliations=[AffiliationRecord("V", date(2010, 1, 1), None)]),
        PoliticianRecord("PrøvesenOle", "Ole Prøvesen", gender="M",
                         affiliations=[AffiliationRecord("S", date(2005, 1, 1), date(2019, 12, 31)),
                                       AffiliationRecord("SF", date(2020, 1, 1), None)]),
    ]
    return Registry(Registry.bundled().parties, people)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(fictional_registry())


def mentions(nlp, text, on=date(2021, 5, 1)):
    doc = make_doc(nlp, ArticleInput(text=text, source="t.txt", published=on))
    for name in ("tracker_sentences", "tracker_mentions"):
        doc = nlp.get_pipe(name)(doc)
    return doc._.mentions


def people(nlp, text, on=date(2021, 5, 1)):
    return [m for m in mentions(nlp, text, on) if m.kind == SPEAKER]


def test_registry_person_gets_party_at_the_article_date(nlp):
    (early,) = people(nlp, "Ole Prøvesen vil have flere busser.", on=date(2018, 3, 1))
    (late,) = people(nlp, "Ole Prøvesen vil have flere busser.", on=date(2021, 3, 1))
    assert (early.party, early.party_source) == ("Socialdemokratiet", "registry")
    assert late.party == "SF"
    assert early.politician_key == "PrøvesenOle" and not early.discovered


def test_party_tag_in_the_text_wins_over_the_registry(nlp):
    (person,) = people(nlp, "Mette Testesen (K) kræver lavere skat.")
    assert (person.party, person.party_source) == ("Konservative", "text")


@pytest.mark.parametrize("text", ["Bo Opdigtsen, SF, kræver lavere skat.", "- Skatten skal ned, siger Bo Opdigtsen, SF."])
def test_a_party_alone_between_commas_after_a_name_is_its_party(nlp, text):
    (person,) = people(nlp, text)
    assert (person.name, person.party, person.discovered) == ("Bo Opdigtsen", "SF", True)


def test_a_name_in_a_list_of_parties_takes_none_of_them(nlp):
    assert [p.party for p in people(nlp, "Bo Opdigtsen, Venstre og SF kræver lavere skat.")] in ([], [None])


@pytest.mark.parametrize("text, party", [
    ("Mette Testesens parti er imod afgiften.", "Venstre"),
    ("Også Ole Prøvesens nye parti vil have afgiften.", "SF"),
])
def test_a_persons_party_in_the_genitive_is_a_party_mention(nlp, text, party):
    found = mentions(nlp, text)
    assert [(m.kind, m.party) for m in found] == [(PARTY, party)]


@pytest.mark.parametrize("text, parties", [("Mette Testesens gamle parti er imod afgiften.", []),
                                           ("Mette Testesens parti, Konservative, er imod afgiften.", ["Konservative"])])
def test_a_past_party_or_one_named_after_it_is_no_genitive_party(nlp, text, parties):
    found = mentions(nlp, text)
    assert [m.party for m in found if m.kind == PARTY] == parties
    assert [m.name for m in found if m.kind == SPEAKER] == ["Mette Testesen"]


def test_a_one_word_variant_the_registry_lists_names_the_person_as_written():
    people_ = [PoliticianRecord("EksempelsenOle", "Ole Eksempelsen", variants=("Eksem",),
                                affiliations=[AffiliationRecord("SF", date(2010, 1, 1), None)])]
    nlp = build_pipeline(Registry(Registry.bundled().parties, people_))
    (person,) = people(nlp, "Eksem vil have en bro.")
    assert (person.politician_key, person.name, person.party) == ("EksempelsenOle", "Eksem", "SF")
    assert people(nlp, "Eksempel vil have en bro.") == []  # a shortened name alone stays no name


def test_surname_later_refers_to_the_full_name(nlp):
    found = people(nlp, "Mette Testesen vil have en bro.\n\nTestesen siger, at den er nødvendig.")
    assert [m.text for m in found] == ["Mette Testesen", "Testesen"]
    assert {m.name for m in found} == {"Mette Testesen"}
    assert {m.politician_key for m in found} == {"TestesenMette"}


@pytest.mark.parametrize("text, name, party, role", [
    ("Venstres miljøordfører, Karl Opdigtsen, er imod planen.", "Karl Opdigtsen", "Venstre", "miljøordfører"),
    ("Det siger SF-formand Lise Påfund til avisen.", "Lise Påfund", "SF", "sf-formand"),
    ("Bo Fiktiv, der er skatteordfører for Radikale Venstre, er enig.", "Bo Fiktiv", "Radikale Venstre",
     "skatteordfører"),
    ("Politisk leder for Alternativet, Åse Digtning, kræver handling.", "Åse Digtning", "Alternativet",
     "politisk leder"),
    ("Det mener politisk ordfører og udenrigsordfører Jens Opspind (EL).", "Jens Opspind", "Enhedslisten",
     "politisk ordfører og udenrigsordfører"),
    ("Hanne Tænkt fra Dansk Folkeparti vil stramme reglerne.", "Hanne Tænkt", "Dansk Folkeparti", None),
    ("Samme melding giver Moderaternes Lise Påfund, der er kulturminister.", "Lise Påfund", "Moderaterne",
     "kulturminister"),
    ("Ros kommer fra Liberal Alliances Jens Opspind, som er finansordfører.", "Jens Opspind", "Liberal Alliance",
     "finansordfører"),
    ("Det mener den konservative skatteordfører Lise Påfund.", "Lise Påfund", "Konservative", "skatteordfører"),
    ("Den radikale politiske leder, Jens Opspind, kræver en ny skat.", "Jens Opspind", "Radikale Venstre",
     "politiske leder"),
    ("Venstres talsmand, Karl Fiktiv, er imod planen.", "Karl Fiktiv", "Venstre", "talsmand"),
])
def test_people_the_registry_lacks_are_discovered_from_patterns(nlp, text, name, party, role):
    (person,) = people(nlp, text)
    assert (person.name, person.party, person.role, person.discovered) == (name, party, role, True)
    assert person.party_source == "text"


@pytest.mark.parametrize("text", [
    "Liberal Alliance er imod planen, siger partiets skatteordfører, Karl Opdigtsen.",
    "Liberal Alliance er imod planen, siger partiets skatteordfører Karl Opdigtsen.",
])
def test_partiets_role_gives_the_party_named_before_in_the_paragraph(nlp, text):
    (person,) = people(nlp, text)
    assert (person.name, person.party, person.role) == ("Karl Opdigtsen", "Liberal Alliance", "skatteordfører")


def test_partiets_role_with_no_party_before_in_the_paragraph_gives_none(nlp):
    assert people(nlp, "Liberal Alliance er imod planen.\n\nDet siger partiets skatteordfører, Karl Opdigtsen.") == []


def test_a_political_role_takes_the_party_named_before_in_the_paragraph(nlp):
    (person,) = people(nlp, "Også Dansk Folkeparti er klar. Undervisningsordfører Karl Opdigtsen vil forhandle.")
    assert (person.name, person.party, person.role, person.discovered) == (
        "Karl Opdigtsen", "Dansk Folkeparti", "undervisningsordfører", True)


def test_a_role_in_a_quote_paragraph_takes_the_one_party_of_the_paragraph_before(nlp):
    (person,) = people(nlp, "Dansk Folkeparti er imod planen.\n\n- Den er dårlig, siger skatteordfører Karl Opdigtsen.")
    assert (person.name, person.party) == ("Karl Opdigtsen", "Dansk Folkeparti")


def test_a_role_in_a_quote_paragraph_after_two_parties_gives_none(nlp):
    assert people(nlp, "Dansk Folkeparti og SF er uenige.\n\n- Den er dårlig, siger skatteordfører Karl Opdigtsen.") == []


@pytest.mark.parametrize("text", [
    "Dansk Folkeparti er imod planen. LO-formand Karl Opdigtsen er også imod.",
    "Dansk Folkeparti er imod planen.\n\nUndervisningsordfører Karl Opdigtsen vil forhandle.",
])
def test_a_role_of_something_else_or_a_party_in_another_paragraph_makes_no_politician(nlp, text):
    assert people(nlp, text) == []


@pytest.mark.parametrize("text", ["Karl Opdigtsen, der tidligere sad i Folketinget for SF, vil have en afgift.",
                                  "Karl Opdigtsen, tidligere formand for SF, vil have en afgift."])
def test_a_past_party_in_an_apposition_makes_no_politician(nlp, text):
    assert people(nlp, text) == []


def test_a_name_without_a_political_cue_is_not_a_politician(nlp):
    assert people(nlp, "Det siger direktør Hans Fiktivsen fra Dansk Industri.") == []


def test_sentence_initial_word_is_not_part_of_a_name(nlp):
    (person,) = people(nlp, "Men Gerda Opdigt (S) er imod.")
    assert person.name == "Gerda Opdigt"


def test_parties_by_every_form_but_not_the_left_wing(nlp):
    found = [m for m in mentions(nlp, "Radikale Venstre, De Konservative og SF'erne er uenige med venstrefløjen.")
             if m.kind == PARTY]
    assert [(m.text, m.party) for m in found] == [
        ("Radikale Venstre", "Radikale Venstre"), ("De Konservative", "Konservative"), ("SF'erne", "SF")]


def test_mention_text_is_the_text_at_its_span(nlp):
    text = "Venstres skatteordfører, Karl Opdigtsen, og Mette Testesen (V) er enige med DF."
    for mention in mentions(nlp, text):
        assert text[mention.start_char:mention.end_char] == mention.text


def test_a_misspelt_name_beside_the_registry_name_is_the_same_person(nlp):
    text = "Venstres skatteordfører, Mette Testensen, er imod.\n\n- Det er forkert, siger Mette Testesen."
    found = people(nlp, text)
    assert {m.name for m in found} == {"Mette Testesen"}
    assert {m.politician_key for m in found} == {"TestesenMette"}


def test_politicians_added_to_the_registry_later_are_found():
    registry = fictional_registry()
    nlp = build_pipeline(registry)
    assert people(nlp, "Gurli Nyopdigt mener noget.") == []
    registry.add(PoliticianRecord("NyopdigtGurli", "Gurli Nyopdigt", gender="F",
                                  affiliations=[AffiliationRecord("EL", date(2010, 1, 1), None)]))
    (person,) = people(nlp, "Gurli Nyopdigt mener noget.")
    assert (person.politician_key, person.party) == ("NyopdigtGurli", "Enhedslisten")


def test_short_forms_of_long_and_double_names():
    from tracker.nlp.mentions import short_forms

    forms = short_forms("Lars Bo Testesen", first_names={"Lars", "Bo"})
    assert {"Testesen", "Lars Testesen", "Lars Bo", "Bo Testesen"} <= set(forms)
    assert "Bo" not in forms  # a middle name that is also a first name is too ambiguous
    assert "Prøve" in short_forms("Jakob Prøve-Jensen")
    assert "Løkkeby" in short_forms("Ole Løkkeby Prøvesen")


def test_first_two_of_three_names_refer_to_the_registry_person():
    registry = fictional_registry()
    registry.add(PoliticianRecord("LarsenKaiBo", "Kai Bogholm Larsen", gender="M",
                                  affiliations=[AffiliationRecord("DF", date(2010, 1, 1), None)]))
    nlp = build_pipeline(registry)
    (short,) = people(nlp, "Kai Bogholm er imod.")
    assert (short.politician_key, short.party) == ("LarsenKaiBo", "Dansk Folkeparti")
    (misspelt,) = people(nlp, "Kai Bogholm Larsson er imod.")
    assert (misspelt.name, misspelt.politician_key) == ("Kai Bogholm Larsson", "LarsenKaiBo")


def test_a_registry_candidate_with_a_common_name_needs_a_political_cue():
    registry = fictional_registry()
    registry.add(PoliticianRecord("HansenJens", "Jens Hansen", gender="M", affiliations=[
        AffiliationRecord("V", None, None, role="candidate_FV2026")]))
    nlp = build_pipeline(registry)
    assert people(nlp, "Jens Hansen har fået en ny cykel, siger naboen.") == []
    found = people(nlp, "Jens Hansen (V) vil have flere cykelstier.\n\nJens Hansen er glad.")
    assert [(m.politician_key, m.party) for m in found] == [("HansenJens", "Venstre")] * 2


def test_find_forms_gives_what_the_alternation_regex_gives():
    import re

    from tracker.nlp.mentions import find_forms

    forms = ["Mette Testesen", "Testesen", "Mette", "Prøve", "Ole Prøve-Jensen"]
    text = ("Mette Testesen og Testesens parti. Testesen's ven, Mette-Lise og Mettes hund. Testesenerne, "
            "A.Testesen, Ole Prøve-Jensen og Prøve-Jensen. Testesen’s og Prøve' bil. Testesen")
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    regex = re.compile(rf"(?<![\w.-])(?:{alternatives})(?:'s|’s|s|')?(?![\w-])")
    expected = [m.span() for m in regex.finditer(text)]
    assert find_forms(text, forms) == expected
    assert [text[s:e] for s, e in expected] == ["Mette Testesen", "Testesens", "Testesen's", "Mettes",
                                               "Ole Prøve-Jensen", "Testesen’s", "Prøve'", "Testesen"]
    assert find_forms("Testesen", []) == []


def test_role_words():
    from tracker.nlp.roles import RoleWords

    roles = RoleWords.bundled()
    assert all(map(roles.is_role_word, ["udenrigsordfører", "SF-formand", "MF", "Justitsminister,", "talskvinde"]))
    assert not any(map(roles.is_role_word, ["Testesen", "amf", "formandens", ""]))


def test_word_before_is_the_last_word_ending_at_or_before_a_position():
    import re

    from tracker.nlp.mentions import word_before

    text = "  Venstres ordfører,\n\n»Mette  Testesen (V)\tsiger nej. "
    words = [m.span() for m in re.finditer(r"\S+", text)]
    for pos in range(len(text) + 1):
        expected = [w for w in words if w[1] <= pos]
        assert word_before(text, pos) == (expected[-1] if expected else None), pos
    assert text[slice(*word_before(text, text.index("Mette")))] == "ordfører,"
    assert word_before("", 0) is None


def test_name_pattern_tests_the_character_before_the_first_capital():
    import re

    from tracker.nlp.mentions import INITIAL, NAME, WORD

    plain = re.compile(rf"(?<![\w.-]){WORD}(?:\s(?:{WORD}|{INITIAL})){{0,3}}\s{WORD}(?![\w-])")
    text = ("Mette Testesen og Ole B. Prøvesen.Karl Fiktiv, x-Lise Påfund, aLise Påfund\nJens Opspind "
            "(Åse Digtning) »Bo Fiktiv-Jensen« _Anne Tænkt")
    assert [m.span() for m in NAME.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group(0) for m in NAME.finditer(text)][:2] == ["Mette Testesen", "Ole B. Prøvesen"]


def test_mentions_share_the_pipeline_lemmatizers_word_table(nlp):
    """The word table that tells "Men" from a first name is the lemmatizer's, not a second copy."""
    nlp("Mette Testesen (V) siger nej.")
    assert nlp.get_pipe("tracker_mentions").known_words is nlp.get_pipe("lemmatizer").table


def test_party_forms_find_what_one_regex_over_all_forms_finds():
    import re

    from tracker.nlp.mentions import AFTER_PARTY, PARTY_SUFFIX, PartyForms

    forms = ["De radikale", "radikale", "Radikale", "Venstre", "Venstremand", "venstremand", "uden for parti", "SF"]
    text = ("De radikale og radikale vælgere. Venstremand Mette Testesen (V), SF'erne og SF-formanden, "
            "aradikale, x-Venstre, Venstres, venstremandens, uden for partiet, uden for parti. radikale-")
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    regex = re.compile(rf"(?<![\wæøåÆØÅ-])(?P<form>{alternatives}){PARTY_SUFFIX}(?=-|{AFTER_PARTY})")
    expected = [m.span() for m in regex.finditer(text)]
    assert [m.span() for m in PartyForms(forms).finditer(text)] == expected
    assert [text[s:e] for s, e in expected] == ["De radikale", "radikale", "Venstremand", "SF'erne", "SF",
                                               "Venstres", "uden for parti", "radikale"]
    assert [m.group("form") for m in PartyForms(forms).finditer("Venstres radikale")] == ["Venstre", "radikale"]
    assert PartyForms(["Venstre"]).finditer("de radikale") == []


def test_silent_names_get_neither_party_nor_role(nlp):
    from tracker.nlp.mentions import TextContext

    text = ("Det siger Karl Fiktiv i dag. Hun mødte Lise Påfund (V) og SF-formand Jens Opspind. "
            "Venstres Ida Digt og Bo Skrøne, formand for De Radikale, og Eva Prøve fra SF. "
            "Det mener politisk ordfører Tom Tænkt. Anne Fantasi og Venstre.")
    doc = make_doc(nlp, ArticleInput(text=text, source="t.txt"))
    doc = nlp.get_pipe("tracker_sentences")(doc)
    finder = nlp.get_pipe("tracker_mentions")
    context = TextContext(doc, finder.find_parties(doc), finder)
    for name in ("Karl Fiktiv", "Lise Påfund", "Jens Opspind", "Ida Digt", "Bo Skrøne", "Eva Prøve", "Tom Tænkt",
                 "Anne Fantasi"):
        start = text.index(name)
        end = start + len(name)
        silent = context.silent(start, end)
        assert silent == (name in ("Karl Fiktiv", "Anne Fantasi")), name
        assert silent or context.party_at_name(start, end) or context.role(start, end), name
        if silent:
            assert context.text_party(start, end) is None and context.role(start, end) is None


def test_later_references_only_outside_the_full_names():
    from tracker.nlp.mentions import Mention, later_references

    def person(text, name):
        start = text.index(name)
        return Mention(SPEAKER, start, start + len(name), name, name=name)

    once = "Mette Testesen (V) og Ole Prøve-Jensen (S) er enige."
    assert later_references(once, [person(once, "Mette Testesen"), person(once, "Ole Prøve-Jensen")]) == []
    text = once + " Testesen siger nej."
    people = [person(text, "Mette Testesen"), person(text, "Ole Prøve-Jensen")]
    assert [m.text for m in later_references(text, people)] == ["Testesen"]


def test_a_shortened_middle_name_is_the_registry_person_or_a_discovered_one():
    people_ = [PoliticianRecord("OpdigtsenLarsChristian", "Lars Christian Opdigtsen", gender="M",
                                affiliations=[AffiliationRecord("V", date(2010, 1, 1), None)])]
    nlp = build_pipeline(Registry(Registry.bundled().parties, people_))
    (found,) = people(nlp, "Lars Chr. Opdigtsen vil have flere busser.")
    assert (found.politician_key, found.party) == ("OpdigtsenLarsChristian", "Venstre")
    found = people(nlp, "Det siger minister Bo Kr. Fiktivsen (K). Han vil have en bro.")
    assert {(m.name, m.party) for m in found} == {("Bo Kr. Fiktivsen", "Konservative")}


def test_one_genitive_rule_for_names_and_parties():
    from tracker.nlp.words import is_genitive, strip_genitive

    assert [strip_genitive(w) for w in ["Venstres", "SF's", "LA’s", "Jens'", "Bus", "Venstre"]] == [
        "Venstre", "SF", "LA", "Jens", "Bus", "Venstre"]
    assert all(map(is_genitive, ["Venstres", "SF's", "LA’s", "Kurs'"]))
    assert not any(map(is_genitive, ["Venstre", "SF", "Moderaterne"]))
