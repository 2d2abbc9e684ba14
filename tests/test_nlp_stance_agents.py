"""The one who criticises or supports in a passive or a reaction is the speaker, not the target (constructed)."""

from datetime import date

import pytest
from nlp_helpers import stances
from test_nlp_mentions import fictional_registry

from tracker.nlp.pipeline import build_pipeline, extract
from tracker.sources import ArticleInput


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(fictional_registry())


@pytest.mark.parametrize("sentence, stance", [
    ("Forslaget om en sukkerafgift kritiseres af Venstre.", "against"),
    ("Forslaget om en sukkerafgift støttes af Venstre.", "for"),
    ("Forslaget om en sukkerafgift er blevet kritiseret af Venstre.", "against"),
])
def test_the_agent_of_a_passive_cue_holds_its_stance(nlp, sentence, stance):
    assert stances(nlp, "Partierne diskuterer en sukkerafgift.\n\n" + sentence)[(None, "Venstre")] == stance


@pytest.mark.parametrize("reaction", ["Forslaget bliver mødt med kritik fra Venstre.",
                                      "Men planen møder kritik fra Venstre."])
def test_a_reaction_to_the_proposal_before_is_on_its_issue_and_against_it(nlp, reaction):
    """"bliver mødt med kritik" is a verb and criticism, no policy object; "Forslaget" points back."""
    text = "Enhedslisten foreslår en sukkerafgift.\n\n" + reaction
    found = {c.party: c for c in extract(nlp, ArticleInput(text=text, source="t.txt", published=date(2021, 5, 1)))}
    assert found["Venstre"].stance == "against" and found["Enhedslisten"].stance == "for"
    assert found["Venstre"].question == found["Enhedslisten"].question
    assert found["Venstre"].issue_label == found["Enhedslisten"].issue_label


@pytest.mark.parametrize("reaction", ["Forslaget bliver kritiseret af Venstre.",
                                      "Forslaget har opbakning fra SF og Venstre.",
                                      "- Det er vi imod, siger Ole Nybo (V).",
                                      "Det kan Venstre ikke støtte."])
def test_a_reaction_to_a_proposal_no_statement_holds_is_on_the_issue_named_before(nlp, reaction):
    """The government alone is anonymous: its proposal gives no statement, but it names the issue."""
    text = "Regeringen vil indføre en sukkerafgift.\n\n" + reaction
    found = {c.party: c for c in extract(nlp, ArticleInput(text=text, source="t.txt", published=date(2021, 5, 1)))}
    assert found["Venstre"].issue == "sukkerafgift"


def test_a_statement_naming_its_own_issue_is_not_moved_to_the_proposal_before(nlp):
    text = "Enhedslisten foreslår en sukkerafgift.\n\nForslaget er godt, men Venstre vil hellere sænke topskatten."
    found = {c.party: c for c in extract(nlp, ArticleInput(text=text, source="t.txt", published=date(2021, 5, 1)))}
    assert found["Venstre"].issue != found["Enhedslisten"].issue


@pytest.mark.parametrize("reaction", ["Og det er ifølge SF ikke en dårlig idé.", "Det er ifølge SF en dårlig idé.",
                                      "Dette er ifølge SF en god idé."])
def test_a_pronoun_with_no_issue_word_points_at_the_statement_just_before(nlp, reaction):
    """The article's main question is the top tax; "det" after the proposal of a sugar tax is that proposal."""
    text = ("Topskatten fylder i valgkampen. Venstre vil sænke topskatten, og Konservative vil også sænke "
            "topskatten.\n\nEnhedslisten foreslår en sukkerafgift.\n\n" + reaction)
    found = {c.party: c for c in extract(nlp, ArticleInput(text=text, source="t.txt", published=date(2021, 5, 1)))}
    assert found["SF"].issue == found["Enhedslisten"].issue == "sukkerafgift"
    assert found["Venstre"].issue == "topskat"


@pytest.mark.parametrize("reaction, holder, stance", [
    ("Forslaget får ros af Venstre.", (None, "Venstre"), "for"),
    ("Forslaget høster massiv kritik af Venstre.", (None, "Venstre"), "against"),
    ("Forslaget får kritik af Karl Opdigtsen (V).", ("Karl Opdigtsen", "Venstre"), "against"),
])
def test_a_reaction_received_from_x_is_x_s(nlp, reaction, holder, stance):
    """"får ros af X": after a verb of receiving, "af" names who reacts, not the target of the reaction."""
    assert stances(nlp, "Partierne diskuterer en sukkerafgift.\n\nSF foreslår en sukkerafgift. " + reaction)[
        holder] == stance


def test_criticism_of_a_person_names_no_speaker(nlp):
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\nDer er kritik af Venstre for sukkerafgiften.")
    assert (None, "Venstre") not in found


@pytest.mark.parametrize("before, stance", [("SF vil sænke topskatten.", "against"),
                                            ("SF vil ikke sænke topskatten.", "for")])
def test_det_afviser_x_is_a_reaction_to_the_position_before(nlp, before, stance):
    """"Det afviser Venstre": Venstre rejects what was just said (its own sentence, the opposite stance)."""
    found = stances(nlp, "Partierne diskuterer topskatten.\n\n" + before + " Det afviser Venstre.")
    assert found[(None, "Venstre")] == stance


@pytest.mark.parametrize("reaction, stance", [
    ("Det vil Venstre ikke være med til.", "against"), ("Det vil Venstre gerne være med til.", "for"),
    ("Det siger Venstre nej til.", "against"), ("Det siger Venstre ja til.", "for"),
    ("Det går Venstre ikke med til.", "against"), ("Det vil Venstre bekæmpe.", "against"),
])
def test_det_with_a_predicate_of_its_own_after_x_is_a_reaction(nlp, reaction, stance):
    """After "Det <verb> Venstre" comes Venstre's own answer: the sentence is its evidence, read as a reaction."""
    text = "Partierne diskuterer en sukkerafgift.\n\nSF foreslår en sukkerafgift. " + reaction
    found = {c.party: c for c in extract(nlp, ArticleInput(text=text, source="t.txt", published=date(2021, 5, 1)))}
    assert found["Venstre"].evidence == reaction and found["Venstre"].stance == stance
    assert found["Venstre"].issue == found["SF"].issue


def test_det_mener_x_takes_the_words_before_as_its_own(nlp):
    found = extract(nlp, ArticleInput(text="Partierne diskuterer topskatten.\n\nSF vil sænke topskatten. "
                                      "Det mener Venstre også.", source="t.txt", published=date(2021, 5, 1)))
    venstre = next(c for c in found if c.party == "Venstre")
    assert venstre.evidence == "SF vil sænke topskatten." and venstre.stance == "for"


@pytest.mark.parametrize("sentence, stance", [
    ("Hverken Venstre eller Konservative vil støtte en sukkerafgift.", "against"),
    ("Hverken Venstre eller Konservative er imod en sukkerafgift.", "for"),
    ("SF vil have en sukkerafgift, men det vil Venstre ikke.", "against"),
    ("SF vil have en sukkerafgift, og det samme vil Venstre.", "for"),
    ("SF vil have en sukkerafgift, men det ønsker Venstre ikke.", "against"),
])
def test_a_negation_around_the_speaker_turns_the_shared_verb(nlp, sentence, stance):
    assert stances(nlp, "Partierne diskuterer en sukkerafgift.\n\n" + sentence)[(None, "Venstre")] == stance


@pytest.mark.parametrize("sentence, stance", [
    ("Det glæder Venstre, at sukkerafgiften bliver indført.", "for"),
    ("Det ærgrer Venstre, at sukkerafgiften bliver indført.", "against"),
    ("Det ærgrer Venstre, at sukkerafgiften ikke bliver indført.", "for"),
])
def test_det_with_a_verb_of_feeling_stands_for_the_at_clause_it_governs(nlp, sentence, stance):
    text = "Regeringen vil indføre en sukkerafgift.\n\n" + sentence
    found = extract(nlp, ArticleInput(text=text, source="t.txt", published=date(2021, 5, 1)))
    venstre = next(c for c in found if c.party == "Venstre")
    assert venstre.evidence == sentence and venstre.stance == stance


@pytest.mark.parametrize("answer, stance", [
    ("Det vil Venstre ikke.", "against"),
    ("Det mener Venstre ikke.", "against"),
    ("Det støtter Venstre ikke.", "against"),
    ("Det mener Venstre også.", "for"),
])
def test_an_answer_to_the_sentence_before_that_ends_in_a_negation_turns_it(nlp, answer, stance):
    text = "Partierne diskuterer en sukkerafgift.\n\nSF vil have en sukkerafgift. " + answer
    assert stances(nlp, text)[(None, "Venstre")] == stance


@pytest.mark.parametrize("sentence, stance", [
    ("Forslaget om at droppe sukkerafgiften møder hård modstand fra Enhedslisten.", "for"),
    ("Regeringen vil indføre en sukkerafgift, og det møder kritik fra Enhedslisten.", "against"),
    ("Dansk Folkeparti er imod en sukkerafgift og får opbakning fra Enhedslisten.", "against"),
    ("En sukkerafgift får opbakning fra Enhedslisten.", "for"),
])
def test_a_reaction_answers_the_position_before_it_in_its_sentence(nlp, sentence, stance):
    """Criticism of a proposal to drop a tax is support for the tax; backing of an opposition is opposition."""
    assert stances(nlp, "Partierne diskuterer en sukkerafgift.\n\n" + sentence)[(None, "Enhedslisten")] == stance


@pytest.mark.parametrize("sentence, author", [
    ("Venstre kritiserer SF's forslag om en sukkerafgift.", "for"),
    ("SF's forslag om en sukkerafgift får hård kritik fra Venstre.", "for"),
    ("Venstre kritiserer SF's forslag om at afskaffe sukkerafgiften.", "against"),
])
def test_the_author_of_a_proposal_holds_what_it_proposes_not_what_is_said_of_it(nlp, sentence, author):
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\n" + sentence)
    assert found[(None, "SF")] == author
    assert found[(None, "Venstre")] == ("against" if author == "for" else "for")


def test_support_does_not_govern_the_cue_of_a_contrasting_clause(nlp):
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\n"
                         "SF bakker op om en sukkerafgift, mens Venstre er imod.")
    assert found[(None, "SF")] == "for" and found[(None, "Venstre")] == "against"


@pytest.mark.parametrize("sentence", ["Mens SF er for, er Venstre imod.",
                                      "Og hvorimod SF bakker op om afgiften, vil Venstre ikke støtte den.",
                                      "Selvom SF går ind for afgiften, stemmer Venstre imod."])
def test_a_fronted_contrasting_clause_is_its_own_subjects(nlp, sentence):
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\n" + sentence)
    assert found[(None, "SF")] == "for" and found[(None, "Venstre")] == "against"


def test_a_fronted_contrasting_clause_without_another_actor_does_not_end_the_speakers_words(nlp):
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\nMens SF venter, vil partiet ikke støtte afgiften.")
    assert found[(None, "SF")] == "against"


@pytest.mark.parametrize("word", ["skørt", "latterligt", "ugennemtænkt", "populistisk"])
def test_calling_a_proposal_foolish_is_against_it(nlp, word):
    text = f"Enhedslisten foreslår en sukkerafgift.\n\nVenstre kalder forslaget {word}."
    assert stances(nlp, text)[(None, "Venstre")] == "against"


def test_every_party_of_an_answering_list_reacts_to_the_position_before():
    """"Det afviser S og SF." is a reaction of both, not only of the first named."""
    found = stances(build_pipeline(fictional_registry()),
                    "Partierne diskuterer en sukkerafgift.\n\nV og K vil sænke sukkerafgiften. Det afviser S og SF.")
    assert found[(None, "Socialdemokratiet")] == found[(None, "SF")] == "for"


@pytest.mark.parametrize("question, answers", [
    ("Skal der indføres en sukkerafgift?", {"Liberal Alliance": "against", "SF": "for"}),
    ("Skal sukkerafgiften afskaffes?", {"Liberal Alliance": "for", "SF": "against"}),
])
def test_a_bare_yes_or_no_answers_the_question_before(nlp, question, answers):
    found = stances(nlp, f"Partierne diskuterer en sukkerafgift.\n\n{question} Nej, siger LA. Ja, siger SF.")
    assert {party: found[(None, party)] for party in answers} == answers


def test_a_bare_no_may_be_said_through_lyder_det_fra(nlp):
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\nSkal der indføres en sukkerafgift?\n\n"
                         "Nej, lyder det fra Liberal Alliance.")
    assert found[(None, "Liberal Alliance")] == "against"


def test_a_no_that_opens_a_longer_answer_leaves_the_answer_to_decide(nlp):
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\nSkal sukkerafgiften afskaffes?\n\n"
                         "- Nej, vi vil hellere sænke sukkerafgiften, siger Liberal Alliance.")
    assert found[(None, "Liberal Alliance")] == "against"


@pytest.mark.parametrize("sentence, answer", [
    ("Venstre vil afskaffe sukkerafgiften, men det kan SF ikke acceptere.", "for"),
    ("Venstre vil afskaffe sukkerafgiften, men det afviser SF.", "for"),
    ("Venstre vil afskaffe sukkerafgiften, og det støtter SF.", "against"),
])
def test_a_clause_answering_the_position_before_it_in_the_sentence(nlp, sentence, answer):
    """The first party keeps its own clause; the one in ", men det ... X" answers it."""
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\n" + sentence)
    assert found[(None, "Venstre")] == "against" and found[(None, "SF")] == answer


def test_vil_gerne_governs_the_verb_after_it(nlp):
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\nVenstre vil gerne afskaffe sukkerafgiften.")
    assert found[(None, "Venstre")] == "against"


def test_the_agents_of_a_passive_keep_their_clause_before_mens(nlp):
    found = stances(nlp, "Partierne diskuterer roadpricing.\n\nForslaget om roadpricing bakkes op af SF og "
                         "Enhedslisten, mens Venstre og Liberal Alliance er imod.")
    assert found[(None, "SF")] == found[(None, "Enhedslisten")] == "for"
    assert found[(None, "Venstre")] == found[(None, "Liberal Alliance")] == "against"


@pytest.mark.parametrize("reaction, sf", [
    ("Forslaget om en højere tobaksafgift får opbakning fra Konservative, men kritik fra SF.", "against"),
    ("Forslaget om en højere tobaksafgift får kritik fra Konservative, men også kritik fra SF.", "against"),
])
def test_a_second_reaction_after_men_does_not_react_to_the_first(nlp, reaction, sf):
    assert stances(nlp, "Partierne diskuterer en tobaksafgift.\n\n" + reaction)[(None, "SF")] == sf


@pytest.mark.parametrize("sentence, stance", [
    ("Venstre er ikke med.", "against"),
    ("Venstre er heller ikke med.", "against"),
    ("Venstre er ikke med på roadpricing.", "against"),
    ("Også Venstre er med.", "for"),
])
def test_being_in_or_out_of_a_proposal(nlp, sentence, stance):
    text = "SF foreslår roadpricing.\n\n" + sentence
    assert stances(nlp, text)[(None, "Venstre")] == stance


@pytest.mark.parametrize("sentence, stance", [
    ("Venstre kalder forslaget kompliceret.", "against"),  # weak criticism ...
    ("Det er kompliceret, men Venstre støtter afgiften.", "for"),  # ... that a stronger cue beats
    ("Venstre advarer mod afgiften.", "against"),
    ("Venstre har sagt god for afgiften.", "for"),
    ("Venstre er tilfreds med afgiften.", "for"),
    ("Venstre er ikke tilfreds med afgiften.", "against"),
    ("Venstre kan godt se ideen i afgiften.", "for"),
    ("Venstre kan ikke se sig selv i afgiften.", "against"),
    ("Venstre vender tommelfingeren nedad til afgiften.", "against"),
    ("Venstre kalder afgiften usympatisk.", "against"),
    ("Venstre har undladt at tage stilling til afgiften.", "neutral"),
    ("Det har vi ikke råd til, lyder det fra Venstre.", "against"),
    ("Venstre siger, at mange ikke har råd til sukker.", "for"),  # a problem described is no refusal
])
def test_set_phrases_of_approval_warning_and_criticism(nlp, sentence, stance):
    assert stances(nlp, "Enhedslisten foreslår en sukkerafgift.\n\n" + sentence)[(None, "Venstre")] == stance


@pytest.mark.parametrize("reaction", ["Det afviser skatteordføreren, Karl Opdigtsen (V).",
                                      "Det afviser ministeren, Karl Opdigtsen (V).",
                                      "Det afviser Karl Opdigtsen (V)."])
def test_det_afviser_a_role_in_apposition_to_the_name_is_the_speakers_reaction(nlp, reaction):
    """"Det afviser ordføreren, X (V)": the definite role before the comma belongs to X, the subject."""
    found = stances(nlp, "Partierne diskuterer topskatten.\n\nSF vil sænke topskatten. " + reaction)
    assert found[("Karl Opdigtsen", "Venstre")] == "against"


def test_a_list_opened_by_bade_after_an_agent_marker_reads_its_own_clause(nlp):
    """"opbakning af både V og K, men ... kritik fra EL": "både" opens the list of the agents of "af"."""
    found = stances(nlp, "Partierne diskuterer en sukkerafgift.\n\nSF foreslår en sukkerafgift. Forslaget får "
                         "opbakning af både Venstre og Konservative, men mødes af hård kritik fra Enhedslisten.")
    assert (found[(None, "Venstre")], found[(None, "Konservative")]) == ("for", "for")
    assert found[(None, "Enhedslisten")] == "against"


def test_a_party_before_men_keeps_its_clause_when_the_clause_after_is_anothers_quote(nlp):
    """"Venstre vil sænke topskatten, men det er uansvarligt, siger X (S)": the criticism is X's, not Venstre's."""
    found = stances(nlp, "Partierne diskuterer topskatten.\n\n"
                         "Venstre vil sænke topskatten, men det er uansvarligt, siger Karl Opdigtsen (S).")
    assert (found[(None, "Venstre")], found[("Karl Opdigtsen", "Socialdemokratiet")]) == ("for", "against")


@pytest.mark.parametrize("sentence, stance", [
    ("SF vil ikke være med til at hæve pensionsalderen.", "against"),
    ("SF er ikke enig i at hæve pensionsalderen.", "against"),
    ("SF vil ikke hæve pensionsalderen.", "against"),
    ("SF har ingen planer om at hæve pensionsalderen.", "against"),
    ("Det er et svigt, at Venstre ikke vil arbejde for at hæve pensionsalderen, siger SF.", "for"),
])
def test_one_negation_turns_the_nearest_strong_cue_only(nlp, sentence, stance):
    """"ikke være med til at hæve": the negation turns "være med til", not also "hæve" (which the chain
    then multiplies: against x against would read for); a modal between ("ikke vil arbejde for") is no cue."""
    found = stances(nlp, "Regeringen vil hæve pensionsalderen.\n\n" + sentence)
    assert found[(None, "SF")] == stance


def test_a_reaction_answers_the_proposal_not_an_earlier_reaction_to_it(nlp):
    """Positions that name the proposal by a bare reference ("skeptiske over for planen") are reactions too: a
    later "Planen tages godt imod af X" answers the proposal itself."""
    text = ("Partierne diskuterer en sukkerafgift.\n\nSF vil indføre en sukkerafgift.\n\n"
            "Radikale Venstre er derimod skeptiske over for planen.\n\nPlanen tages godt imod af Venstre.\n\n"
            "Planen mødes med kritik af Konservative.")
    found = stances(nlp, text)
    assert found[(None, "Radikale Venstre")] == "against"
    assert (found[(None, "Venstre")], found[(None, "Konservative")]) == ("for", "against")


def test_support_for_a_proposal_to_drop_something_is_against_it(nlp):
    text = ("Partierne diskuterer en sukkerafgift.\n\nVenstre vil afskaffe sukkerafgiften.\n\n"
            "SF kalder forslaget tåbeligt.\n\nForslaget hilses velkomment af Konservative.")
    found = stances(nlp, text)
    assert found[(None, "Venstre")] == found[(None, "Konservative")] == "against"
    assert found[(None, "SF")] == "for"  # criticism of the proposal to drop it


def test_heller_ikke_before_the_subject_negates_its_verb_and_a_reaction_with_it_agrees(nlp):
    """"Heller ikke DF kan bakke op om X" is against X; "Det kan K heller ikke bakke op om" agrees with the one
    before it (also against), instead of being read as the opposite of that rejection."""
    text = ("Partierne diskuterer en sukkerafgift.\n\nRegeringen vil indføre en sukkerafgift.\n\n"
            "Heller ikke Dansk Folkeparti kan bakke op om sukkerafgiften.\n\n"
            "Det kan Konservative heller ikke bakke op om.")
    found = stances(nlp, text)
    assert (found[(None, "Dansk Folkeparti")], found[(None, "Konservative")]) == ("against", "against")


def test_an_own_position_with_ogsa_on_the_proposal_is_not_an_agreement_with_its_author(nlp):
    """"X er også imod forslaget" names the proposal: a reaction against it, not agreement with the proposer."""
    text = "Partierne diskuterer en sukkerafgift.\n\nSF vil indføre en sukkerafgift.\n\nVenstre er også imod forslaget."
    found = stances(nlp, text)
    assert (found[(None, "SF")], found[(None, "Venstre")]) == ("for", "against")


@pytest.mark.parametrize("said, stance", [("Det er en dårlig idé", "against"), ("Det er en god idé", "for")])
def test_lyder_det_fra_x_names_the_speaker_of_the_words_before_it_not_a_reaction(nlp, said, stance):
    """"..., lyder det fra X" is a speech tag: X said it, and does not react to the position before it."""
    text = ("Partierne diskuterer en sukkerafgift.\n\nDansk Folkeparti er imod en sukkerafgift.\n\n"
            f"{said}, lyder det fra SF.")
    assert stances(nlp, text)[(None, "SF")] == stance


@pytest.mark.parametrize("proposal, reaction, holder, stance", [
    ("Regeringen vil hæve topskatten.", "Det kritiserer Venstre.", "Venstre", "for"),
    ("Regeringen vil sænke topskatten.", "Det kritiserer Enhedslisten.", "Enhedslisten", "against"),
    ("Regeringen vil droppe sukkerafgiften.", "Forslaget bliver kritiseret af SF.", "SF", "for"),
    ("Regeringen vil indføre en sukkerafgift.", "Forslaget bliver kritiseret af SF.", "SF", "against"),
])
def test_a_reaction_to_a_proposal_no_statement_holds_answers_the_way_the_proposal_goes(
        nlp, proposal, reaction, holder, stance):
    """Criticism of raising the top tax is for lowering it (the issue "Lavere eller afskaffet topskat")."""
    text = proposal + "\n\n" + reaction
    found = {c.party: c for c in extract(nlp, ArticleInput(text=text, source="t.txt", published=date(2021, 5, 1)))}
    assert found[holder].stance == stance
