"""Stages a trained text classifier can take over: the stance (factory ``tracker_textcat_stance``) or the CAP
topic (``tracker_textcat_topics``) of each statement from a spaCy ``textcat`` that classifies its evidence.

The textcat is a component of the same pipeline, disabled so that it does not classify whole articles,
named by the stage's ``textcat`` setting; its labels are the values it writes ("for", "against", "neutral";
CAP topic names), or are mapped to them by ``labels``. In a config, with a textcat trained elsewhere:

    [nlp]
    pipeline = ["lemmatizer", ..., "tracker_issues", "stance_textcat", "tracker_stance", "tracker_statements"]
    disabled = ["stance_textcat"]

    [components.stance_textcat]
    source = "path/to/trained_pipeline"
    component = "textcat"

    [components.tracker_stance]
    factory = "tracker_textcat_stance"
    textcat = "stance_textcat"
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class StatementClassifier:
    """Sets one field of every statement to the textcat's best label for the statement's evidence, and adds
    that label's probability as the stage's score (``stage``: "stance" or "topic")."""

    def __init__(self, nlp: Language, textcat: str, field: str, stage: str, labels: dict[str, str]):
        self.nlp, self.textcat, self.field, self.stage, self.labels = nlp, textcat, field, stage, dict(labels)

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.statements
        if not statements:
            return doc
        classifier = self.nlp.get_pipe(self.textcat)
        scored = classifier.pipe([self.nlp.make_doc(st.evidence) for st in statements])
        for st, evidence in zip(statements, scored):
            label = max(evidence.cats, key=evidence.cats.get)
            setattr(st, self.field, self.labels.get(label, label))
            st.extra[f"{self.field}_textcat"] = round(float(evidence.cats[label]), 6)
            st.add_score(self.stage, evidence.cats[label])
        doc._.statements = statements
        return doc


@Language.factory("tracker_textcat_stance", requires=["doc._.statements"], assigns=["doc._.stances"],
                  default_config={"textcat": "textcat", "labels": {}})
def make_stance_classifier(nlp: Language, name: str, textcat: str, labels: dict[str, str]) -> StatementClassifier:
    return StatementClassifier(nlp, textcat, "stance", "stance", labels)


@Language.factory("tracker_textcat_topics", requires=["doc._.statements"], assigns=["doc._.cap_topics"],
                  default_config={"textcat": "textcat", "labels": {}})
def make_topic_classifier(nlp: Language, name: str, textcat: str, labels: dict[str, str]) -> StatementClassifier:
    return StatementClassifier(nlp, textcat, "cap_topic", "topic", labels)
