"""Attribution on small constructed articles with fictional politicians."""

from datetime import date

import pytest
from test_nlp_mentions import fictional_registry

from tracker.nlp.pipeline import build_pipeline, make_doc
from tracker.sources import ArticleInput


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(fictional_registry())


def statements(nlp, text):
    doc = make_doc(nlp, ArticleInput(text=text, source="t.txt", published=date(2021, 5, 1)))
    for name in ("lemmatizer", "tracker_sentences", "tracker_mentions", "tracker_attribution"):
        doc = nlp.get_pipe(name)(doc)
    for candidate in doc._.statements:
        assert text[candidate.start_char:candidate.end_char] == candidate.evidence
    return doc._.statements


def who(found):
    return {(c.speaker, c.party, c.kind) for c in found}


def test_dash_quote_closed_by_siger_and_the_next_paragraph_keeps_the_speaker(nlp):
    text = ("- Vi skal have flere busser, siger trafikordfører Karl Opdigtsen (V).\n\n"
            "- Det haster, og det ved alle.")
    found = statements(nlp, text)
    assert who(found) == {("Karl Opdigtsen", "Venstre", "direct_quote")}
    assert found[0].evidence == "Vi skal have flere busser, siger trafikordfører Karl Opdigtsen (V)."
    assert found[0].role == "trafikordfører"
    assert found[1].evidence == "Det haster, og det ved alle."


@pytest.mark.parametrize("closing", ["siger SF.", "siger SF i en pressemeddelelse.", "skriver SF på Facebook."])
def test_a_party_speaking_a_quote_itself_is_its_speaker(nlp, closing):
    text = f"- Vi skal have flere busser, {closing}\n\n- Det haster."
    found = statements(nlp, text)
    assert {(c.speaker, c.party) for c in found} == {(None, "SF")} and len(found) == 2


def test_a_party_before_its_spokesperson_in_a_quote_attribution_is_not_the_speaker(nlp):
    text = "- Vi skal have flere busser, siger Venstres trafikordfører, Karl Opdigtsen."
    assert {(c.speaker, c.party) for c in statements(nlp, text)} == {("Karl Opdigtsen", "Venstre")}


@pytest.mark.parametrize("text, speaker", [
    ("Karl Opdigtsen fra Venstre afviser en ny bro.", ("Karl Opdigtsen", "Venstre")),
    ("Trafikordfører Lise Påfundsen fra SF afviser en ny bro.", ("Lise Påfundsen", "SF")),
])
def test_a_person_named_with_fra_and_a_party_is_the_subject_of_the_verb_after(nlp, text, speaker):
    assert {(c.speaker, c.party) for c in statements(nlp, text)} == {speaker}


@pytest.mark.parametrize("text", ["Nu skifter Venstre holdning og støtter en ny bro.",
                                  "Venstre har skiftet kurs og støtter nu en ny bro."])
def test_changing_position_is_a_position(nlp, text):
    assert {(c.speaker, c.party) for c in statements(nlp, text)} == {(None, "Venstre")}


@pytest.mark.parametrize("text", ["Venstre er begejstret for en ny bro.", "Venstre er bekymret for en ny bro.",
                                  "En ny bro? Det er Venstre ikke begejstret for."])
def test_an_adjective_of_a_state_after_a_copula_is_no_passive(nlp, text):
    assert {(c.speaker, c.party) for c in statements(nlp, text)} == {(None, "Venstre")}


def test_a_passive_participle_still_makes_the_subject_its_object(nlp):
    assert statements(nlp, "Venstre er blevet kritiseret for en ny bro.") == []


def test_a_majority_with_words_before_bestaaende_af_opens_its_list(nlp):
    text = "Et flertal uden om regeringen bestående af Venstre, DF og Konservative vil have en ny bro."
    assert {c.party for c in statements(nlp, text)} == {"Venstre", "Dansk Folkeparti", "Konservative"}


def test_han_and_hun_go_to_the_last_person_of_that_gender(nlp):
    text = ("Mette Testesen vil sænke afgiften på el. Ole Prøvesen er imod.\n\n"
            "- Det er for dyrt, siger hun.")
    quotes = [c for c in statements(nlp, text) if c.kind == "direct_quote"]
    assert [(c.speaker, c.party) for c in quotes] == [("Mette Testesen", "Venstre")]


def test_quote_paragraph_before_its_attribution_belongs_to_that_speaker(nlp):
    text = "- Skatten skal ned.\n\n- Og den skal ned nu, lyder det fra Mette Testesen."
    assert [c.speaker for c in statements(nlp, text)] == ["Mette Testesen", "Mette Testesen"]


def test_a_quote_by_someone_who_is_no_politician_is_no_record(nlp):
    text = ("Mette Testesen vil have en ny bro.\n\n"
            "- Broen er en dårlig idé, siger direktør Hans Fiktivsen.\n\n- Den koster for meget.")
    assert who(statements(nlp, text)) == {("Mette Testesen", "Venstre", "indirect")}


@pytest.mark.parametrize("text", [
    "Venstres skatteordfører, Karl Opdigtsen, mener, at topskatten skal væk.",
    "Topskatten skal væk, mener Venstres skatteordfører, Karl Opdigtsen.",
    "Ifølge skatteordfører Karl Opdigtsen (V) skal topskatten væk.",
    "Karl Opdigtsen (V) har længe foreslået at fjerne topskatten.",
])
def test_reported_speech(nlp, text):
    assert who(statements(nlp, text)) == {("Karl Opdigtsen", "Venstre", "indirect")}


def test_det_mener_x_takes_the_previous_sentence_as_evidence(nlp):
    text = "Topskatten skal fjernes helt.\n\nDet mener skatteordfører Karl Opdigtsen (V)."
    (found,) = statements(nlp, text)
    assert found.speaker == "Karl Opdigtsen"
    assert found.evidence == "Topskatten skal fjernes helt."


def test_parties_as_such_give_one_row_each_without_speaker(nlp):
    found = statements(nlp, "Enhedslisten og SF kræver en ny bro over fjorden.")
    assert who(found) == {(None, "Enhedslisten", "indirect"), (None, "SF", "indirect")}


def test_no_records_for_the_government_tags_or_objects(nlp):
    assert statements(nlp, "Regeringen vil bygge en bro.") == []
    assert statements(nlp, "Aftalen blev indgået i sidste uge af et flertal i Folketinget.") == []
    found = statements(nlp, "Mette Testesen opfordrer Socialdemokratiet til at stemme for.")
    assert who(found) == {("Mette Testesen", "Venstre", "indirect")}


def test_quoted_party_is_not_a_party_row(nlp):
    text = "- Venstre vil aldrig støtte det, siger Mette Testesen."
    assert who(statements(nlp, text)) == {("Mette Testesen", "Venstre", "direct_quote")}


def test_relative_clause_between_subject_and_verb(nlp):
    found = statements(nlp, "Enhedslisten, der har fire mandater i byrådet, kræver en ny skole.")
    assert who(found) == {(None, "Enhedslisten", "indirect")}
    found = statements(nlp, "Planen møder modstand fra Venstre og SF, som kræver en ny skole.")
    assert {c.party for c in found} == {"Venstre", "SF"}


def test_a_noun_for_the_people_of_the_previous_sentence_shares_their_position(nlp):
    text = ("Mette Testesen (V) stod i går på en mark med Karl Opdigtsen (K).\n\n"
            "Duoen foreslog at forbyde sprøjtemidler.")
    assert {c.speaker for c in statements(nlp, text)} == {"Mette Testesen", "Karl Opdigtsen"}


def test_together_with_the_subject(nlp):
    text = "Mette Testesen (V) fremlægger planen sammen med skatteminister Karl Opdigtsen (K)."
    assert {(c.speaker, c.party) for c in statements(nlp, text)} == {
        ("Mette Testesen", "Venstre"), ("Karl Opdigtsen", "Konservative")}


def test_object_after_the_verb_is_no_speaker(nlp):
    text = "Enhedslisten har tidligere præsenteret de tre krav om skat."
    assert who(statements(nlp, text)) == {(None, "Enhedslisten", "indirect")}


def test_a_party_proposal_in_the_genitive_is_a_party_row(nlp):
    found = statements(nlp, "Ifølge avisen vil Konservatives forslag koste fem milliarder kroner.")
    assert who(found) == {(None, "Konservative", "indirect")}


def test_quote_after_an_introduction_ending_in_a_colon(nlp):
    text = ("Karl Opdigtsen (K) kritiserer planen, men Mette Testesen sagde i går følgende:\n\n"
            "- Planen er god.")
    quotes = [c for c in statements(nlp, text) if c.kind == "direct_quote"]
    assert [(c.speaker, c.evidence) for c in quotes] == [("Mette Testesen", "Planen er god.")]


def test_partiet_refers_to_the_party_named_before(nlp):
    text = "Alternativet holder landsmøde i weekenden.\n\nPartiet kræver en grøn skattereform."
    found = statements(nlp, text)
    assert who(found) == {(None, "Alternativet", "indirect")}
    assert found[0].evidence == "Partiet kræver en grøn skattereform."


def parties(found):
    return {c.party for c in found if c.speaker is None}


@pytest.mark.parametrize("text, expected", [
    ("Både Liberal Alliance og De Konservative har meldt klart ud, at de gerne ser afgiften afskaffet, "
     "mens Venstre endnu ikke har givet en officiel melding.", {"Liberal Alliance", "Konservative", "Venstre"}),
    ("Enhedslisten, SF og Alternativet er gået sammen om at kræve en højere afgift.",
     {"Enhedslisten", "SF", "Alternativet"}),
    ("Ud over regeringen stemte også Dansk Folkeparti og SF for.", {"Dansk Folkeparti", "SF"}),
    ("Dansk Folkeparti meldte på sit gruppemøde i går klart ud, at skatten ikke skal lettes.",
     {"Dansk Folkeparti"}),
])
def test_party_positions_from_phrasal_verbs_and_inverted_subjects(nlp, text, expected):
    assert parties(statements(nlp, text)) == expected


@pytest.mark.parametrize("text", [
    "Det er transportminister Karl Opdigtsen (LA), der står bag lovforslaget.",
    "Med ændringer i satserne sigter beskæftigelsesminister Karl Opdigtsen (LA) efter at øge arbejdsudbuddet.",
])
def test_authorship_and_verb_before_the_subject(nlp, text):
    assert who(statements(nlp, text)) == {("Karl Opdigtsen", "Liberal Alliance", "indirect")}


@pytest.mark.parametrize("text, expected", [
    ("Også socialdemokraterne er med.", {"Socialdemokratiet"}),
    ("Venstre er heller ikke med på ideen.", {"Venstre"}),
    ("Men de radikale vil have en anden model.", {"Radikale Venstre"}),
    ("Flere venstrefolk er imod planen.", set()),
    ("Flere i Venstre er utilfredse med planen.", set()),
    ("Venstre er med i regeringen.", set()),
    ("Venstre har for en uge siden mødt borgerne.", set()),
])
def test_er_med_and_party_members_in_the_plural(nlp, text, expected):
    assert parties(statements(nlp, text)) == expected


def test_er_for_a_noun_inside_an_at_clause(nlp):
    text = "Det er kendt, at skatteminister Karl Opdigtsen (LA) er for en afskaffelse af afgiften."
    assert who(statements(nlp, text)) == {("Karl Opdigtsen", "Liberal Alliance", "indirect")}
    assert statements(nlp, "Karl Opdigtsen (LA) er for sent på den.") == []


@pytest.mark.parametrize("text", ["Det er helt forkert.\n\nDet mener i hvert fald SF.",
                                  "Det er helt forkert.\n\nDet mener til gengæld SF."])
def test_an_adverb_phrase_between_the_verb_and_its_inverted_subject(nlp, text):
    assert parties(statements(nlp, "Regeringen foreslår en sukkerafgift. " + text)) == {"SF"}


@pytest.mark.parametrize("text, expected", [
    ("Regeringen foreslår en sukkerafgift.\n\nSF er for.", {"SF"}),
    ("Regeringen foreslår en sukkerafgift.\n\nSF er for forslaget, mens Venstre er imod.", {"SF", "Venstre"}),
    ("Regeringen foreslår en sukkerafgift.\n\nMens SF er for, er Venstre imod.", {"SF", "Venstre"}),
    ("Regeringen foreslår en sukkerafgift.\n\nSF er for dyr i drift.", set()),
    ("Regeringen foreslår en sukkerafgift.\n\nSF er for det første ude af regeringen.", set()),
])
def test_er_for_at_the_end_of_a_clause_or_before_the_proposal(nlp, text, expected):
    assert parties(statements(nlp, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Forslaget har opbakning fra regeringens støtteparti, De Radikale, ligesom Venstre støtter det.",
     {"Radikale Venstre", "Venstre"}),
    ("Forslaget bakkes op af Venstre og SF.", {"Venstre", "SF"}),
    ("Planen er blevet kritiseret af Enhedslisten.", {"Enhedslisten"}),
    ("Rapporten blev læst af Enhedslisten i går.", set()),
    ("Socialdemokratiets målsætning er en reduktion på 60 procent.", {"Socialdemokratiet"}),
    ("Venstres spørgsmål er, hvad det koster.", set()),
])
def test_support_from_passive_agents_and_party_aims(nlp, text, expected):
    assert parties(statements(nlp, text)) == expected


def test_both_sides_of_a_debate(nlp):
    text = ("Der var en debat mellem skatteordfører Karl Opdigtsen (LA) på den ene side og Enhedslisten "
            "og Alternativet på den anden.")
    assert who(statements(nlp, text)) == {("Karl Opdigtsen", "Liberal Alliance", "indirect"),
                                          (None, "Enhedslisten", "indirect"), (None, "Alternativet", "indirect")}


def test_party_genitive_names_with_a_role_clause_and_the_object_before_the_verb(nlp):
    text = ("Samme positive tilkendegivelser giver Venstres Lise Påfund, der er økonomiminister, "
            "og Moderaternes Jens Opspind, der er kulturminister.")
    found = statements(nlp, text)
    assert {(c.speaker, c.party, c.role) for c in found} == {
        ("Lise Påfund", "Venstre", "økonomiminister"), ("Jens Opspind", "Moderaterne", "kulturminister")}


@pytest.mark.parametrize("text, expected", [
    ("SF og Enhedslisten er gået sammen om at presse S-formand Karl Opdigtsen til at hæve ambitionen.",
     {(None, "SF", "indirect"), (None, "Enhedslisten", "indirect")}),
    ("Derfor opfordrer SF skatteminister Karl Opdigtsen (LA) til at handle.", {(None, "SF", "indirect")}),
    ("Borgmestrene og partierne opfordrer Enhedslisten til at stemme for.", set()),
    ("Partierne vil have flere penge til skolerne, som skal være en del af regeringens plan, "
     "som skatteminister Karl Opdigtsen (LA) præsenterer tirsdag.", set()),
    ("Udspillet, som Venstre vil præsentere lørdag, koster fem milliarder.", {(None, "Venstre", "indirect")}),
    ("Alternativet holder landsmøde. Andre i partiet er kritiske over for ledelsen.", set()),
])
def test_objects_and_presenters_of_anothers_plan_are_no_speakers(nlp, text, expected):
    assert who(statements(nlp, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Venstre er fortsat i tvivl om forslaget.", {"Venstre"}),
    ("SF har endnu ikke taget stilling til forslaget.", {"SF"}),
    ("Dansk Folkeparti afventer regeringens udspil.", {"Dansk Folkeparti"}),
    ("SF og Enhedslisten presser regeringen til at hæve ambitionen.", {"SF", "Enhedslisten"}),
    ("Regeringen har indgået en aftale med SF og Dansk Folkeparti om ældreplejen.", {"SF", "Dansk Folkeparti"}),
    ("Regeringen afviser en aftale med Dansk Folkeparti.", set()),
    ("Forslaget blev vedtaget med stemmer fra Venstre og Konservative.", {"Venstre", "Konservative"}),
    ("For stemte Venstre og Konservative.", {"Venstre", "Konservative"}),
    ("Konservative har tidligere over for avisen sagt, at afgiften skal fjernes.", {"Konservative"}),
    ("Forslaget kommer fra Venstre.", {"Venstre"}),
    ("SF hilser forslaget velkommen.", {"SF"}),
    ("Det foreslår blandt andet Enhedslisten.", {"Enhedslisten"}),
    ("Enhedslisten har sammen med SF fremsat et beslutningsforslag.", {"Enhedslisten", "SF"}),
    ("Mødet med Venstre og SF varede i tre timer.", set()),
])
def test_more_ways_to_state_a_party_position(nlp, text, expected):
    assert parties(statements(nlp, text)) == expected


def test_det_samme_gor_x_refers_to_the_sentence_before(nlp):
    text = "Enhedslisten vil afskaffe karensdagen. Det samme gør SF."
    found = {c.party: c.evidence for c in statements(nlp, text)}
    assert found == {"Enhedslisten": "Enhedslisten vil afskaffe karensdagen.",
                     "SF": "Enhedslisten vil afskaffe karensdagen."}


@pytest.mark.parametrize("text, expected", [
    ("Hos Venstre er man imod forslaget.", {"Venstre"}),
    ("Fra Venstres side lyder det, at forslaget er for dyrt.", {"Venstre"}),
    ("Der er uro i Venstre efter valget.", set()),
])
def test_a_party_speaking_as_man_or_det(nlp, text, expected):
    assert parties(statements(nlp, text)) == expected


@pytest.mark.parametrize("text", [
    "Karl Opdigtsen (LA) forsvarer forslaget.",
    "Karl Opdigtsen (LA) står fast på sit krav.",
    "Karl Opdigtsen (LA) anerkender, at planen er god.",
    "Det udtaler Karl Opdigtsen (LA) i en pressemeddelelse.",
])
def test_more_position_verbs_for_people(nlp, text):
    assert who(statements(nlp, text)) == {("Karl Opdigtsen", "Liberal Alliance", "indirect")}


def test_a_party_in_what_a_person_says_is_no_party_row(nlp):
    found = statements(nlp, "Karl Opdigtsen (LA) mener, at SF vil hæve skatten.")
    assert who(found) == {("Karl Opdigtsen", "Liberal Alliance", "indirect")}
    assert statements(nlp, "Socialdemokratiet hentede stemmer fra Venstre.") == []


@pytest.mark.parametrize("text, expected", [
    ("Men Enhedslisten mener ikke, at det er nok.", {(None, "Enhedslisten", "indirect")}),
    ("Det er afgørende, at beslutningerne træffes lokalt, mener Socialdemokratiet.",
     {(None, "Socialdemokratiet", "indirect")}),
    ("Med forslaget vil Venstre sikre flere betjente.", {(None, "Venstre", "indirect")}),
    ("I stedet foreslår skatteminister Karl Opdigtsen (LA) at hæve afgiften.",
     {("Karl Opdigtsen", "Liberal Alliance", "indirect")}),
])
def test_negated_trailing_and_inverted_cues(nlp, text, expected):
    assert who(statements(nlp, text)) == expected


def test_det_mener_den_konservative_ordforer(nlp):
    found = statements(nlp, "Det mener den konservative skatteordfører Lise Påfund.")
    assert who(found) == {("Lise Påfund", "Konservative", "indirect")}


def test_a_contrast_clause_has_a_subject_of_its_own(nlp):
    text = ("Karl Opdigtsen (LA) har meldt klart ud, at afgiften skal væk, "
            "mens Venstre endnu ikke har givet en officiel melding.")
    assert who(statements(nlp, text)) == {("Karl Opdigtsen", "Liberal Alliance", "indirect"),
                                          (None, "Venstre", "indirect")}


def test_article_view_reads_words_and_mention_tokens_from_offsets(nlp):
    from tracker.nlp.attribution import ArticleText, AttributionWords
    from tracker.nlp.model import SPEAKER, Mention

    text = "Mette Testesen (V)  siger:\n\n- Nej, tak.  \n"
    doc = make_doc(nlp, ArticleInput(text=text, source="t.txt"))
    for name in ("lemmatizer", "tracker_sentences"):
        doc = nlp.get_pipe(name)(doc)
    view = ArticleText(doc, AttributionWords.bundled())
    assert [view.word(t.i) for t in doc] == [t.text for t in doc]  # also the white-space tokens
    assert [view.lower(t.i) for t in doc] == [t.lower_ for t in doc]
    assert [s.start for s in view.sentences_of(view.paragraphs[1])] == [s.start for s in doc.sents][1:]
    first, second = list(doc.sents)
    assert [s.start for s in view.sentences_ending_by(second.start_char)] == [first.start]
    assert view.sentences_ending_by(second.start_char - 1) == []
    person = Mention(SPEAKER, 0, 14, "Mette Testesen")
    assert view.token_range(person) == (0, 2)
    inside = Mention(SPEAKER, 2, 9, "tte Tes")  # a range that cuts tokens takes the whole tokens
    assert view.token_range(inside) == (0, 2)


@pytest.mark.parametrize("text, expected", [
    ("Ole Nybo (S), borgmester i Aarhus, er imod flere busser.", ("Ole Nybo", "Socialdemokratiet")),
    ("Ole Nybo (S), formand for udvalget, er imod flere busser.", ("Ole Nybo", "Socialdemokratiet")),
    ("Mette Testesen, formand for Folketingets trafikudvalg, siger, at busserne skal blive.",
     ("Mette Testesen", "Venstre")),
    # a place between a role and a first name is no part of the name
    ("Borgmester i Aarhus Ole Nybo (S) er imod flere busser.", ("Ole Nybo", "Socialdemokratiet")),
    ("Rådmand fra Odense Ole Nybo (SF) vil have flere busser.", ("Ole Nybo", "SF")),
])
def test_a_role_in_apposition_or_before_the_name_with_a_place(nlp, text, expected):
    assert {(c.speaker, c.party) for c in statements(nlp, text)} == {expected}


@pytest.mark.parametrize("fellow", ["Også partifællen Ole Nybo", "Hans partifælle, Ole Nybo,"])
def test_a_party_fellow_the_registry_lacks_has_the_party_of_the_one_before(nlp, fellow):
    text = "Ifølge Bo Lunde (K) skal busserne blive.\n\n" + fellow + " vil have flere busser."
    assert ("Ole Nybo", "Konservative") in {(c.speaker, c.party) for c in statements(nlp, text)}


@pytest.mark.parametrize("text", ["Dansk Folkeparti vil ikke kommentere sagen.",
                                  "Dansk Folkeparti har ikke ønsket at udtale sig om busserne.",
                                  "Ole Nybo (V) vil ikke kommentere sagen."])
def test_declining_to_comment_is_no_position(nlp, text):
    assert statements(nlp, text) == []


def test_declining_then_saying_something_is_a_position(nlp):
    text = "Ole Nybo (V) vil ikke kommentere sagen, men siger, at busserne skal blive."
    assert who(statements(nlp, text)) == {("Ole Nybo", "Venstre", "indirect")}


@pytest.mark.parametrize("tag", ["(tidl. SF)", "(eks-SF)", "(tidligere SF)", "(forhenværende SF)"])
def test_a_past_party_in_brackets_is_neither_the_persons_party_nor_an_actor(nlp, tag):
    """The registry's party at the date (Mette Testesen: Venstre); no row for SF."""
    found = statements(nlp, f"Mette Testesen {tag} vil have flere busser.")
    assert {(c.speaker, c.party) for c in found} == {("Mette Testesen", "Venstre")}


def test_a_past_party_gives_a_name_the_registry_lacks_no_party(nlp):
    assert statements(nlp, "Ole Nybo (tidl. SF) vil have flere busser.") == []


@pytest.mark.parametrize("role", ["fhv. minister", "tidligere minister"])
def test_a_past_role_in_apposition_is_part_of_the_subject(nlp, role):
    found = statements(nlp, f"Mette Testesen, {role}, vil have flere busser.")
    assert {(c.speaker, c.party) for c in found} == {("Mette Testesen", "Venstre")}


def test_a_pronoun_prefers_the_person_of_its_known_gender_in_a_pair(nlp):
    """Ole is a man's name in the registry, Bodil Lykke's gender is unknown: "han" is Ole Prøvesen."""
    text = ("Ole Prøvesen (SF) og Bodil Lykke (V) er uenige om busserne.\n\n"
            "- Busserne skal blive, siger han.")
    quoted = {c.speaker for c in statements(nlp, text) if c.kind == "direct_quote"}
    assert quoted == {"Ole Prøvesen"}


@pytest.mark.parametrize("text", ["SF og Dansk Industri vil have flere busser.",
                                  "SF og Landbrug & Fødevarer kræver flere busser.",
                                  "SF og Danmarks Naturfredningsforening er imod flere busser."])
def test_a_party_beside_an_organisation_holds_the_position(nlp, text):
    assert parties(statements(nlp, text)) == {"SF"}
