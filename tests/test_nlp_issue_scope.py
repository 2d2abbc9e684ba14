"""One question, either phrasing (reverse triggers), frames and yearly issues, and one issue for one debate:
the issue and stance components on constructed sentences with fictional people and a constructed catalogue."""

from __future__ import annotations

from datetime import date

import pytest

import tracker.nlp.issues.objects  # noqa: F401  (registers the factories used below)
import tracker.nlp.stance  # noqa: F401
import tracker.nlp.topics  # noqa: F401
from nlp_helpers import lemmatizing_nlp
from tracker.nlp.issues import Issue, read_issues
from tracker.nlp.model import StatementCandidate

TAXES = Issue("skatter", "Lavere skatter", "Macroeconomics", triggers=("skattelettelse*", "sænke* skat*"),
              for_phrases=("sænke*", "lette*"), against_phrases=("hæve*",),
              reverse_triggers=("skattestigning*", "hæve* skat*"))
BUDGET = Issue("finanslov", "Finansloven", "Macroeconomics", triggers=("finanslov*",), scope="yearly")
FRAME = Issue("udlaendingepolitik", "Udlændingepolitikken", "Immigration", triggers=("udlændingepolitik*",),
              scope="frame")
BORDER = Issue("graensekontrol", "Grænsekontrol", "Immigration", triggers=("grænsekontrol*",))
FERRY = Issue("faerger", "Billigere færger", "Transportation", triggers=("færge*", "færgepris*"))


@pytest.fixture(scope="module")
def nlp():
    nlp = lemmatizing_nlp("tracker_topics", "tracker_issues", "tracker_objects", "tracker_stance")
    for name in ("tracker_issues", "tracker_stance"):
        nlp.get_pipe(name).use_catalogue([TAXES, BUDGET, FRAME, BORDER, FERRY])
    return nlp


def run(nlp, text: str, *said: tuple[str, str], day: date | None = None):
    """The statements (party, evidence) of ``text`` after the components."""
    doc = nlp.make_doc(text)
    doc._.date = day
    statements = []  # doc._.statements is a view: the list is built, then assigned
    for party, evidence in said:
        start = text.index(evidence)
        statements.append(StatementCandidate(party=party, kind="indirect", evidence=evidence,
                                             start_char=start, end_char=start + len(evidence)))
    doc._.statements = statements
    return nlp(doc)._.statements


@pytest.mark.parametrize("sentence, stance", [
    ("Venstre vil sænke skatterne for alle.", "for"),
    ("Venstre er imod skattestigninger.", "for"),  # against the other end = for the question
    ("Venstre vil hæve skatten for de rigeste.", "against"),
    ("Venstre vil ikke hæve skatten.", "for"),
])
def test_a_question_phrased_from_the_other_end_is_the_same_issue_read_the_other_way(nlp, sentence, stance):
    (st,) = run(nlp, sentence, ("Venstre", sentence))
    assert (st.issue, st.stance) == ("skatter", stance)
    assert st.extra.get("issue_reversed", False) == ("hæve" in sentence or "stigning" in sentence)


def test_a_frame_gives_way_to_a_question_and_is_never_the_main_issue(nlp):
    text = ("Udlændingepolitikken deler partierne.\n\nSF vil have grænsekontrol ved grænsen til Tyskland.\n\n"
            "Det er helt forkert, siger Radikale Venstre om udlændingepolitikken og grænsekontrollen.")
    border, both = run(nlp, text, ("SF", "SF vil have grænsekontrol ved grænsen til Tyskland."),
                       ("Radikale Venstre", "Det er helt forkert, siger Radikale Venstre om "
                                            "udlændingepolitikken og grænsekontrollen."))
    assert border.issue == both.issue == "graensekontrol"  # and no copy of the second for the frame
    (alone,) = run(nlp, "SF er tilfreds med udlændingepolitikken.", ("SF", "SF er tilfreds med udlændingepolitikken."))
    assert alone.issue == "udlaendingepolitik"


def test_a_frame_named_in_an_article_about_one_question_is_the_occasion_of_that_question(nlp):
    """"et krav til finansloven" in an article about a ban is the ban, demanded on that occasion."""
    text = ("SF vil have grænsekontrol ved grænsen.\n\nGrænsekontrollen skal være permanent.\n\n"
            "Det bliver et krav til udlændingepolitikken, siger SF.")
    (border, frame) = run(nlp, text, ("SF", "SF vil have grænsekontrol ved grænsen."),
                          ("SF", "Det bliver et krav til udlændingepolitikken, siger SF."))
    assert border.issue == frame.issue == "graensekontrol"


def test_a_yearly_issue_is_one_issue_per_year(nlp):
    text = "SF stemmer for finansloven."
    (one,) = run(nlp, text, ("SF", text), day=date(2023, 11, 30))
    (two,) = run(nlp, text, ("SF", text), day=date(2024, 12, 1))
    assert (one.issue, one.issue_label) == ("finanslov-2023", "Finansloven 2023") and two.issue == "finanslov-2024"


def test_one_debate_keeps_its_issue_when_a_critic_names_it_in_other_words(nlp):
    text = ("Venstre vil sænke skatten.\n\nForslaget møder kritik. Det er den helt forkerte vej at gå, siger SF.\n\n"
            "Det har vi ikke råd til, siger Enhedslisten.")
    proposal, critic, other = run(nlp, text, ("Venstre", "Venstre vil sænke skatten."),
                                  ("SF", "Det er den helt forkerte vej at gå, siger SF."),
                                  ("Enhedslisten", "Det har vi ikke råd til, siger Enhedslisten."))
    assert proposal.issue == critic.issue == other.issue == "skatter"
    assert (proposal.stance, critic.stance) == ("for", "against")


def test_the_catalogue_reads_reverse_triggers_and_scope(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("slug,label,cap_topic,triggers,for_phrases,against_phrases,reverse_triggers,scope\n"
                    "skatter,Lavere skatter,Macroeconomics,sænke* skat*,,,skattestigning*,\n"
                    "finanslov,Finansloven,Macroeconomics,finanslov*,,,,yearly\n"
                    "gammel,Uden de nye kolonner,Health,læge*,,\n", encoding="utf-8")
    taxes, budget, old = read_issues(path)
    assert taxes.reverse_triggers == ("skattestigning*",) and not taxes.frame
    assert budget.scope == "yearly" and budget.frame and old.scope == "" and old.reverse_triggers == ()


def test_a_condition_names_no_issue_the_consequence_does(nlp):
    text = ("Grænsekontrollen skal fjernes, siger SF.\n\n"
            "Hvis der kommer en skattestigning, så skal grænsekontrollen bevares, siger Venstre.")
    sf, conditional = run(nlp, text, ("SF", "Grænsekontrollen skal fjernes, siger SF."),
                          ("Venstre", "Hvis der kommer en skattestigning, så skal grænsekontrollen bevares, siger Venstre."))
    assert sf.issue == conditional.issue == "graensekontrol"
    (plain,) = run(nlp, "Vi vil have en skattestigning, siger Venstre.", ("Venstre", "Vi vil have en skattestigning"))
    assert plain.issue == "skatter"  # no condition: its own trigger as before


def test_a_bare_reference_to_the_proposal_is_on_the_debate_main_issue(nlp):
    text = ("Regeringen vil fjerne grænsekontrollen.\n\nGrænsekontrollen koster mange penge, og "
            "grænsekontrollen skal væk, siger regeringen.\n\n"
            "SF kalder regeringens forslag et angreb på de billige færger.\n\n"
            "Enhedslisten vil stemme imod forslaget, fordi færgerne bliver ramt.\n\n"
            "Venstre kræver et nyt forslag om billigere færger.")
    sf, el, venstre = run(nlp, text, ("SF", "SF kalder regeringens forslag et angreb på de billige færger."),
                          ("Enhedslisten", "Enhedslisten vil stemme imod forslaget, fordi færgerne bliver ramt."),
                          ("Venstre", "Venstre kræver et nyt forslag om billigere færger."))
    assert sf.issue == el.issue == "graensekontrol"
    assert venstre.issue == "faerger"  # "forslag om X" names its own question


def test_a_bare_reference_without_triggers_is_on_the_proposal_named_before(nlp):
    text = ("Et langt indledende afsnit om priserne på de små færger mellem øerne, som mange beboere har klaget "
            "over i flere år.\n\n"
            "Venstre vil indføre grænsekontrol.\n\n"
            "SF har omvendt skudt forslaget ned og kaldt det symbolpolitik.")
    venstre, sf = run(nlp, text, ("Venstre", "Venstre vil indføre grænsekontrol."),
                      ("SF", "SF har omvendt skudt forslaget ned og kaldt det symbolpolitik."))
    assert venstre.issue == sf.issue == "graensekontrol"
    assert (venstre.stance, sf.stance) == ("for", "against")
