"""Issue tagger (tracker_issues) and the issue catalogue, on constructed Danish text."""

import pytest
import spacy

from tracker.nlp.issues import ENV_VAR, Issue, IssueTagger, load_catalogue, read_issues
from tracker.cap import load_cap_topics
from tracker.nlp.topics import TopicTagger
from tracker.nlp.model import StatementCandidate
from tracker.paths import data_file

from nlp_helpers import lemmatizing_nlp, tag

HEADER = "slug,label,cap_topic,triggers,for_phrases,against_phrases\n"


@pytest.fixture(scope="module")
def nlp():
    return lemmatizing_nlp("tracker_topics", "tracker_issues")


def issue_of(nlp, sentence):
    return tag(nlp, sentence, sentence)[0].issue


# --- the catalogue -------------------------------------------------------------------------------

def test_bundled_catalogue_is_broad_and_well_formed():
    issues = load_catalogue([data_file("issues.csv")])
    cap_names = {t.name for t in load_cap_topics()}
    assert len(issues) >= 100
    assert len({i.slug for i in issues}) == len(issues)
    assert {i.cap_topic for i in issues} == cap_names
    assert all(i.triggers and i.label for i in issues)
    assert not any(i.slug.startswith("topic-") for i in issues)


def test_user_catalogue_adds_and_overrides(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(HEADER + "vejbump,Flere vejbump i byerne,Transportation,vejbump*,,fjerne*\n"
                     "topskat,Topskatten skal bevares,Macroeconomics,topskat*,bevare*,afskaffe*\n", encoding="utf-8")
    issues = {i.slug: i for i in load_catalogue([data_file("issues.csv"), extra])}
    assert issues["vejbump"].triggers == ("vejbump*",)
    assert issues["vejbump"].against_phrases == ("fjerne*",)
    assert issues["topskat"].label == "Topskatten skal bevares"


def test_environment_variable_names_an_extra_catalogue(tmp_path, monkeypatch):
    extra = tmp_path / "extra.csv"
    extra.write_text(HEADER + "vejbump,Flere vejbump i byerne,Transportation,vejbump*,,\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(extra))
    assert "vejbump" in {i.slug for i in load_catalogue()}
    monkeypatch.delenv(ENV_VAR)
    assert "vejbump" not in {i.slug for i in load_catalogue()}


def test_read_issues_skips_rows_without_slug(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(HEADER + ",Uden slug,Health,læge*,,\nlæger,Flere læger,Health,læge*; sygehus*,,\n",
                    encoding="utf-8")
    assert [i.slug for i in read_issues(path)] == ["læger"]
    assert read_issues(path)[0].triggers == ("læge*", "sygehus*")


# --- matching with the bundled catalogue ---------------------------------------------------------

@pytest.mark.parametrize("sentence, slug", [
    ("Mette Testesen (V) vil genindføre grænsekontrol ved den tyske grænse.", "graensekontrol"),
    ("Karl Eksempelsen (SF) vil trække de danske soldater hjem fra Irak.", "danske-soldater-irak"),
    ("Partiet vil afskaffe topskatten.", "topskat"),
    ("Partiet vil have en CO2-afgift på landbruget.", "co2-afgift-landbrug"),
    ("Partiet vil bevare efterlønnen.", "efterloen"),
    ("Partiet vil afskaffe kontanthjælpsloftet.", "kontanthjaelpsloft"),
    ("Danmark skal leve op til Nato-målet om 2 procent af bnp.", "forsvarsbudget"),
    ("Partiet vil have flere almene boliger.", "almene-boliger"),
    ("Partiet vil stoppe al ny olie- og gasudvinding i Nordsøen.", "olie-gas-nordsoeen"),
    ("Partiet vil bygge flere havvindmølleparker.", "havvind"),
    ("Danmark skal tage imod flere kvoteflygtninge.", "kvoteflygtninge"),
    ("Partiet vil give lov til at skyde ulve.", "ulve"),
    ("Partiet vil forbyde sprøjtemidler i nærheden af drikkevandsboringer.", "pesticidforbud"),
    ("Partiet kræver karakterkrav for at komme på gymnasiet.", "karakterkrav-gymnasiet"),
])
def test_issue_from_triggers_in_the_sentence(nlp, sentence, slug):
    assert issue_of(nlp, sentence) == slug


def test_label_and_topic_come_from_the_catalogue(nlp):
    st = tag(nlp, "Partiet vil genindføre grænsekontrol.", "Partiet vil genindføre grænsekontrol.")[0]
    assert st.issue_label == "Grænsekontrol ved de danske grænser"
    assert st.cap_topic == "Immigration"


def test_more_specific_trigger_wins(nlp):
    assert issue_of(nlp, "Partiet vil nedsætte en ydelseskommission.") == "ydelseskommission"
    assert issue_of(nlp, "Partiet vil hæve ydelserne.") == "hoejere-ydelser"


def test_statement_without_trigger_takes_the_articles_issue(nlp):
    text = ("Venstre vil afskaffe efterlønnen\n\n"
            "Venstre vil afskaffe efterlønnen, siger Mette Testesen (V).\n\n"
            "Det er en rigtig dårlig idé, siger Hanne Prøvesen (S).")
    a, b = tag(nlp, text, "Venstre vil afskaffe efterlønnen, siger Mette Testesen (V).",
               "Det er en rigtig dårlig idé, siger Hanne Prøvesen (S).")
    assert a.issue == b.issue == "efterloen"


def test_article_context_breaks_ties_between_variants(nlp):
    farm = ("Landbruget skal betale for udledningen\n\n"
            "Flere partier vil have en CO2-afgift på landbruget.\n\n"
            "Vi vil også indføre en CO2-afgift, siger Mette Testesen (V).")
    industry = ("Industrien skal betale for udledningen\n\n"
                "Flere partier vil have en ensartet CO2-afgift på industri og transport.\n\n"
                "Vi vil også indføre en CO2-afgift, siger Mette Testesen (V).")
    sentence = "Vi vil også indføre en CO2-afgift, siger Mette Testesen (V)."
    assert tag(nlp, farm, sentence)[0].issue == "co2-afgift-landbrug"
    assert tag(nlp, industry, sentence)[0].issue == "co2-afgift"


def test_fallback_issue_per_topic(nlp):
    st = tag(nlp, "Regeringen vil åbne en ny ambassade i Brasilien.",
             "Regeringen vil åbne en ny ambassade i Brasilien.")[0]
    assert st.cap_topic == "International Affairs"
    assert st.issue == "topic-international-affairs"
    assert st.issue_label == "Udenrigspolitik (øvrigt)"


def test_no_topic_no_issue(nlp):
    st = tag(nlp, "Det siger han i dag.", "Det siger han i dag.")[0]
    assert st.issue is None and st.issue_label is None


# --- the choice, with a small constructed catalogue ----------------------------------------------

def small_tagger():
    return IssueTagger([
        Issue("cykelstier", "Flere cykelstier", "Transportation", ("cykelsti*",)),
        Issue("metro", "Udbygning af metroen", "Transportation", ("metro*",)),
        Issue("bycykler", "Flere bycykler", "Transportation", ("bycykel*", "cykel*")),
    ])


def run_small(blank_nlp, text, *evidences):
    doc = blank_nlp.make_doc(text)
    statements = []
    for ev in evidences:
        start = text.index(ev)
        statements.append(StatementCandidate(party="SF", kind="indirect", evidence=ev, start_char=start,
                                             end_char=start + len(ev)))
    doc._.statements = statements
    topics = TopicTagger()
    topics.initialize()
    return small_tagger()(topics(doc))._.statements


@pytest.fixture(scope="module")
def blank_nlp():
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def test_paragraph_triggers_before_article_context(blank_nlp):
    text = ("Metroen skal udbygges, mener mange. Metroen er vigtig.\n\n"
            "Partiet vil have flere cykelstier. Det er afgørende, siger Karl Eksempelsen (SF).")
    st = run_small(blank_nlp, text, "Det er afgørende, siger Karl Eksempelsen (SF).")[0]
    assert st.issue == "cykelstier"


def test_dominant_issue_in_topic_when_nothing_is_near(blank_nlp):
    text = ("Metroen skal udbygges\n\nMetroen er vigtig for byen, og metrolinjen skal forlænges.\n\n"
            "Bussen er også vigtig.\n\nDet er vi enige i, siger Karl Eksempelsen (SF).")
    st = run_small(blank_nlp, text, "Det er vi enige i, siger Karl Eksempelsen (SF).")[0]
    assert st.issue == "metro"


def test_a_list_of_proposals_gives_one_statement_per_issue(nlp):
    sentence = ("Partiets udspil indeholder et forslag om at afskaffe topskatten, flere penge til "
                "ældreplejen og et hævet kørselsfradrag.")
    statements = tag(nlp, sentence, sentence)
    topics = {st.issue: st.cap_topic for st in statements}
    assert len(statements) == 3
    assert topics == {"topskat": "Macroeconomics", "aeldrepleje": "Social Welfare",
                      "koerselsfradrag": "Macroeconomics"}
    assert all(st.evidence == sentence and st.party == "Venstre" for st in statements)


def test_clauses_joined_by_commas_only_are_not_a_list(nlp):
    sentence = "Skal en kommende statsminister have vores støtte, skal der komme grænsekontrol."
    assert len(tag(nlp, sentence, sentence)) == 1


def test_a_word_joined_to_itself_is_no_list(nlp):
    """"mere og mere" repeats a word: the clauses around it are one item, however many issues they name."""
    sentence = "Vi vil ikke se passivt til, mens grundvandet bliver mere og mere forurenet."
    assert len(tag(nlp, sentence, sentence)) == 1


def test_user_catalogue_with_byte_order_mark_and_unknown_topic(tmp_path, caplog):
    path = tmp_path / "excel.csv"
    path.write_text("\ufeff" + HEADER + "vejbump,Flere vejbump,Trafik,vejbump*,,\n", encoding="utf-8")
    issues = read_issues(path)
    assert [i.slug for i in issues] == ["vejbump"] and issues[0].cap_topic == "Trafik"
    assert "vejbump" in caplog.text


def test_one_incidental_trigger_does_not_split_the_articles_debate(nlp):
    text = ("Regeringen vil afskaffe efterlønnen\n\n"
            "Regeringen foreslår at afskaffe efterlønnen. Efterlønnen koster mange penge, og efterløn er "
            "dyrt.\n\n"
            "Det rammer også folk på plejehjem, siger Hanne Prøvesen (S).")
    st = tag(nlp, text, "Det rammer også folk på plejehjem, siger Hanne Prøvesen (S).")[0]
    assert st.issue == "efterloen"


def test_a_clearly_stronger_trigger_still_opens_another_issue(nlp):
    text = ("Regeringen vil afskaffe efterlønnen\n\n"
            "Regeringen foreslår at afskaffe efterlønnen. Efterlønnen koster mange penge.\n\n"
            "Vi vil hellere bygge flere plejeboliger og ansætte flere i hjemmehjælpen, siger Hanne Prøvesen (S).")
    st = tag(nlp, text, "Vi vil hellere bygge flere plejeboliger og ansætte flere i hjemmehjælpen, "
                        "siger Hanne Prøvesen (S).")[0]
    assert st.issue == "aeldrepleje"


@pytest.mark.parametrize("sentence, slug", [
    ("Mette Testesen (V) vil gerne se regionerne sløjfet.", "regioner"),
    ("Partiet vil have en ny sundhedsstruktur uden regionsråd.", "regioner"),
    ("Partiet kræver, at spørgsmålets ordlyd ved folkeafstemningen ændres.", "folkeafstemning"),
    ("Partiet vil indføre afgiftslettelser.", "skattelettelser"),
    ("Partiet vil sænke arveafgiften.", "arveskat"),
    ("Partiet vil sløjfe de kystnære havvindmølleparker.", "kystnaer-havvind"),
    ("Partiet vil ikke afsætte penge til de kystnære møller.", "kystnaer-havvind"),
    ("Partiet vil have flere havvindmølleparker i Nordsøen.", "havvind"),
])
def test_new_catalogue_entries(nlp, sentence, slug):
    assert issue_of(nlp, sentence) == slug


def test_an_articles_narrower_question_takes_its_statements_on_the_broader_one(nlp):
    text = ("Regeringen vil sløjfe de kystnære havvindmøller\n\n"
            "Regeringen vil sløjfe de kystnære havvindmøller, siger Hanne Prøvesen (S).\n\n"
            "Det er et løftebrud at droppe havvindmøllerne, siger Karl Eksempelsen (SF).")
    first, second = tag(nlp, text, "Regeringen vil sløjfe de kystnære havvindmøller, siger Hanne Prøvesen (S).",
                        "Det er et løftebrud at droppe havvindmøllerne, siger Karl Eksempelsen (SF).")
    assert first.issue == second.issue == "kystnaer-havvind"


def test_the_broader_question_stays_where_the_narrower_one_is_incidental(nlp):
    text = ("Partierne vil bygge flere havvindmøller\n\n"
            "Vi skal have flere havvindmøller i Nordsøen, og havvindmøller er billig strøm, siger Hanne Prøvesen (S).\n\n"
            "Havvindmøllerne skal stå langt ude, ikke som kystnære havvindmøller, siger Karl Eksempelsen (SF).")
    first, second = tag(nlp, text, "Vi skal have flere havvindmøller i Nordsøen, og havvindmøller er billig strøm, "
                                   "siger Hanne Prøvesen (S).",
                        "Havvindmøllerne skal stå langt ude, ikke som kystnære havvindmøller, siger Karl Eksempelsen (SF).")
    assert first.issue == "havvind"


def test_a_statement_on_the_articles_issue_takes_the_issues_topic(nlp):
    text = ("Regeringen vil afskaffe efterlønnen\n\n"
            "Regeringen foreslår at afskaffe efterlønnen. Efterlønnen koster mange penge, og efterløn er "
            "dyrt.\n\n"
            "Pengene burde gå til skolerne, lærerne og eleverne, siger Hanne Prøvesen (S).")
    st = tag(nlp, text, "Pengene burde gå til skolerne, lærerne og eleverne, siger Hanne Prøvesen (S).")[0]
    assert st.issue == "efterloen"
    assert st.cap_topic == next(i.cap_topic for i in load_catalogue() if i.slug == "efterloen")
