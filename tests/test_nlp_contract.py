"""The pipeline as spaCy components: one answer (nlp(text) is what ingest stores), output on serialisable
Doc attributes (to_bytes, DocBin, n_process), to_disk + spacy.load in a new process, settings through the
config, no silent degradation, and a stage replaced through the config by a trained textcat."""

import json
import subprocess
import sys
from datetime import date

import pytest
import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from sqlalchemy import select
from test_nlp_mentions import fictional_registry

from tracker.app import Tracker
from tracker.db.models import Issue, Party, Statement
from tracker.ingest import ingest_articles
from tracker.nlp.component import NotInitialized
from tracker.nlp.dedup import MissingStance
from tracker.nlp.pipeline import STAGES, build_pipeline, initialize_pipeline, make_doc
from tracker.nlp.positions import paragraphs
from tracker.sources import ArticleInput

TEXTS = [
    "Skatten skal ned\n\nMette Testesen (V) mener, at topskatten skal afskaffes. Hun kalder den en byrde.\n\n"
    "- Det er et angreb på de svageste, siger Karl Fiktivsen (SF).\n\n- Vi vil aldrig støtte det.",
    "Venstre og SF er enige om flere busser i provinsen.\n\nOle Prøvesen vil have en ny bro, men "
    "Enhedslisten er imod broen.",
    "Ingen politikere i denne tekst.",
]


@pytest.fixture(scope="module")
def registry():
    return fictional_registry()


@pytest.fixture(scope="module")
def nlp(registry):
    return build_pipeline(registry)


def rows(statements):
    return [(s.speaker, s.party, s.kind, s.evidence, s.start_char, s.end_char, s.issue, s.stance,
             round(s.confidence, 6)) for s in statements]


def test_nlp_of_a_text_is_what_ingest_stores(nlp, db_path):
    tracker = Tracker(db_path)
    articles = [ArticleInput(text=text, source=f"a{i}.txt") for i, text in enumerate(TEXTS)]
    summary = ingest_articles(tracker, articles, nlp=nlp)
    assert summary.ingested == 3 and summary.statements > 0
    with tracker.session() as session:
        stored = session.execute(
            select(Statement.speaker, Party.name, Statement.kind, Statement.evidence, Statement.start_char,
                   Statement.end_char, Issue.slug, Statement.stance, Statement.confidence)
            .join(Party, Statement.party_id == Party.id).join(Issue, Statement.issue_id == Issue.id)
            .order_by(Statement.article_id, Statement.id)).all()
    expected = [row for text in TEXTS for row in rows(nlp(text)._.statements)]
    assert [(*row[:8], round(row[8], 6)) for row in stored] == expected
    tracker.close()


def test_the_article_date_reaches_the_components_through_make_doc(nlp):
    article = ArticleInput(text="Ole Prøvesen vil have flere busser.", source="t.txt", published=date(2018, 3, 1))
    doc = nlp(make_doc(nlp, article))
    assert doc._.date == date(2018, 3, 1) and doc._.published == "2018-03-01"
    assert [s.party for s in doc._.statements] == ["Socialdemokratiet"]  # his party in 2018, not today's


def test_a_doc_round_trips_through_to_bytes_and_docbin(nlp):
    docs = [nlp(text) for text in TEXTS]
    assert Doc(nlp.vocab).from_bytes(docs[0].to_bytes())._.statements == docs[0]._.statements
    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    assert [d._.statements for d in back] == [d._.statements for d in docs]
    assert [d._.mentions for d in back] == [d._.mentions for d in docs]
    assert [paragraphs(d) for d in back] == [paragraphs(d) for d in docs]  # (DocBin gives lists back as tuples)


def test_two_processes_give_what_one_gives(nlp):
    texts = TEXTS * 3
    one = [d._.statements for d in nlp.pipe(texts)]
    two = [d._.statements for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert two == one and sum(map(len, one)) > 0


def test_a_saved_pipeline_loads_with_spacy_load_in_a_new_process(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    program = ("import json, sys, spacy\n"
               "nlp = spacy.load(sys.argv[1])\n"
               "texts = json.loads(sys.stdin.read())\n"
               "print(json.dumps([[s.to_dict() for s in nlp(t)._.statements] for t in texts]))\n")
    found = subprocess.run([sys.executable, "-c", program, str(tmp_path / "pipeline")], input=json.dumps(TEXTS),
                           capture_output=True, text=True, check=True)
    assert json.loads(found.stdout) == [[s.to_dict() for s in nlp(t)._.statements] for t in TEXTS]


def test_settings_come_through_add_pipe_config(registry):
    nlp = spacy.blank("da")
    for factory, name in STAGES:
        nlp.add_pipe(factory, name=name, config={"strong_score": 0.95} if factory == "tracker_stance" else {})
    initialize_pipeline(nlp, registry)
    (statement,) = nlp("Mette Testesen (V) er imod topskatten.")._.statements
    assert statement.extra["stance_strong"] and statement.scores["stance"] == 0.95
    assert statement.confidence == pytest.approx(0.95 * statement.scores["attribution"])
    assert nlp.config["components"]["tracker_stance"]["strong_score"] == 0.95


def test_each_stage_adds_its_own_score_and_the_confidence_is_their_product(nlp):
    text = ("- Topskatten skal væk, siger Mette Testesen (V).\n\nVenstre vil sænke skatten, mens SF er imod.")
    found = nlp(text)._.statements
    attribution = nlp.get_pipe("tracker_attribution").scores
    stance = nlp.get_pipe("tracker_stance")
    assert found and all(set(s.scores) == {"attribution", "stance"} for s in found)
    quote = next(s for s in found if s.kind == "direct_quote")
    assert quote.scores["attribution"] == attribution.own_quote  # not overwritten by the stance stage
    for s in found:
        assert s.scores["stance"] in (stance.strong_score, stance.weak_score)
        assert s.confidence == pytest.approx(s.scores["attribution"] * s.scores["stance"])


def test_the_registry_is_handed_over_through_initialize(nlp, registry):
    assert nlp.get_pipe("tracker_mentions").registry is registry
    assert nlp.get_pipe("tracker_attribution").first_names["Mette"] == "F"  # from the fictional registry


def test_the_registry_is_handed_over_through_the_config(nlp, tmp_path):
    """A registry named in the config's [initialize] block ("tracker.registry.v1", two CSV files) reaches the
    components that take one, with no registry passed in code."""
    politicians = tmp_path / "politicians.csv"
    politicians.write_text("key,full_name,variants,gender,party,start,end,role,role_detail,basis\n"
                           "OpdigtetBirthe,Birthe Opdigtet,,F,V,2010-01-01,,MP,,undated\n", encoding="utf-8")
    config = nlp.config.copy()
    files = {"@misc": "tracker.registry.v1", "politicians": str(politicians)}
    config["initialize"]["components"] = {"tracker_mentions": {"registry": files},
                                          "tracker_attribution": {"registry": dict(files)}}
    config.to_disk(tmp_path / "registry.cfg")
    configured = build_pipeline(config=tmp_path / "registry.cfg")
    assert [p.full_name for p in configured.get_pipe("tracker_mentions").registry.politicians.values()] == \
        ["Birthe Opdigtet"]
    assert configured.get_pipe("tracker_attribution").first_names["Birthe"] == "F"
    text = "Birthe Opdigtet mener, at skatten skal ned."
    (statement,) = configured(text)._.statements
    assert (statement.politician_key, statement.party) == ("OpdigtetBirthe", "Venstre")  # her party, from the files
    assert not nlp(text)._.statements  # the fictional registry of the other tests does not know her


def test_the_flow_shows_in_analyze_pipes(nlp):
    assert not any(nlp.analyze_pipes()["problems"].values())
    without = spacy.blank("da")
    for factory, name in STAGES:
        if factory != "tracker_stance":
            without.add_pipe(factory, name=name)
    assert without.analyze_pipes()["problems"]["tracker_statements"] == ["doc._.stances"]


def test_a_pipeline_without_a_stance_stage_is_an_error_not_all_for(registry):
    nlp = spacy.blank("da")
    for factory, name in STAGES:
        if factory != "tracker_stance":
            nlp.add_pipe(factory, name=name)
    initialize_pipeline(nlp, registry)
    with pytest.raises(MissingStance):
        nlp("Mette Testesen (V) er imod topskatten.")


def test_a_component_without_its_word_lists_is_an_error():
    nlp = spacy.blank("da")
    nlp.add_pipe("tracker_sentences")
    with pytest.raises(NotInitialized):
        nlp("Hej.")


def test_a_component_that_fails_to_import_stops_the_pipeline():
    program = "import sys\nsys.modules['tracker.nlp.stance'] = None\nimport tracker.nlp.pipeline\n"
    found = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert found.returncode != 0 and "import of tracker.nlp.stance halted" in found.stderr


# --- a trained textcat in place of the stance stage, through the config alone ---------------------

TRAINING = [("Vi vil have flere busser.", "against"), ("Flere busser nu.", "against"),
            ("Busserne skal køre oftere.", "against"), ("Vi vil have flere cykler.", "for"),
            ("Flere cykler nu.", "for"), ("Cyklerne skal være billigere.", "for")]


def trained_textcat(path):
    """A tiny textcat taught (against all sense) that buses are "against" and bikes "for"."""
    nlp = spacy.blank("da")
    textcat = nlp.add_pipe("textcat", config={"model": {"@architectures": "spacy.TextCatBOW.v3",
                                                        "exclusive_classes": True, "ngram_size": 1,
                                                        "no_output_layer": False}})
    for label in ("for", "against"):
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": {"for": float(label == "for"),
                                                                "against": float(label == "against")}})
                for text, label in TRAINING]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(path)
    return nlp


def test_a_trained_textcat_replaces_the_stance_stage_through_the_config(nlp, registry, tmp_path):
    classifier = trained_textcat(tmp_path / "textcat")
    config = nlp.config.copy()
    pipeline = list(config["nlp"]["pipeline"])
    pipeline.insert(pipeline.index("tracker_stance"), "stance_textcat")
    config["nlp"]["pipeline"] = pipeline
    config["nlp"]["disabled"] = ["stance_textcat"]
    config["components"]["stance_textcat"] = {"source": str(tmp_path / "textcat"), "component": "textcat"}
    config["components"]["tracker_stance"] = {"factory": "tracker_textcat_stance", "textcat": "stance_textcat",
                                              "labels": {}}
    config.to_disk(tmp_path / "swapped.cfg")
    swapped = build_pipeline(registry, config=tmp_path / "swapped.cfg")

    text = "Mette Testesen (V) vil have flere busser.\n\nOle Prøvesen vil have flere cykler."
    found = swapped(text)._.statements
    assert [(s.speaker, s.stance) for s in found] == [("Mette Testesen", "against"), ("Ole Prøvesen", "for")]
    for statement in found:
        cats = classifier(statement.evidence).cats
        assert statement.stance == max(cats, key=cats.get)
        assert statement.extra["stance_textcat"] == pytest.approx(max(cats.values()), abs=1e-5)
    assert [s.stance for s in nlp(text)._.statements] == ["for", "for"]  # the rules read both as support
    assert not any(swapped.analyze_pipes()["problems"].values())


def test_a_trained_textcat_replaces_the_topic_stage_with_its_labels_mapped(nlp, registry, tmp_path):
    trained_textcat(tmp_path / "textcat")
    config = nlp.config.copy()
    pipeline = list(config["nlp"]["pipeline"])
    pipeline.insert(pipeline.index("tracker_topics"), "topic_textcat")
    config["nlp"]["pipeline"], config["nlp"]["disabled"] = pipeline, ["topic_textcat"]
    config["components"]["topic_textcat"] = {"source": str(tmp_path / "textcat"), "component": "textcat"}
    config["components"]["tracker_topics"] = {"factory": "tracker_textcat_topics", "textcat": "topic_textcat",
                                              "labels": {"against": "Transportation", "for": "Environment"}}
    swapped = build_pipeline(registry, config=config)
    found = swapped("Mette Testesen (V) vil have flere busser.\n\nOle Prøvesen vil have flere cykler.")._.statements
    assert [(s.speaker, s.cap_topic) for s in found] == [("Mette Testesen", "Transportation"),
                                                         ("Ole Prøvesen", "Environment")]
    assert all(set(s.scores) == {"attribution", "topic", "stance"} for s in found)
