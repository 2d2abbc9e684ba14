"""Helpers shared by the NLP component tests: a lemmatising blank pipeline, statements on a Doc."""

from datetime import date

import spacy

from tracker.nlp.model import StatementCandidate
from tracker.nlp.pipeline import extract
from tracker.sources import ArticleInput


def lemmatizing_nlp(*components: str):
    """spacy.blank("da") with spaCy's lookup lemmatizer, then the named components, initialized."""
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    for name in components:
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


def tag(nlp, text, *evidences, party="Venstre"):
    """Run ``nlp`` on ``text`` with one statement per evidence string; return the statements."""
    doc = nlp.make_doc(text)
    statements = []
    for ev in evidences:
        start = text.index(ev)
        statements.append(StatementCandidate(party=party, kind="indirect", evidence=ev,
                                             start_char=start, end_char=start + len(ev)))
    doc._.statements = statements
    return nlp(doc)._.statements


def stances(nlp, text, on=None):
    """{(speaker or None, party): stance} of what ``nlp`` extracts from a constructed article (dated 2021-05-01)."""
    found = extract(nlp, ArticleInput(text=text, source="t.txt", published=on or date(2021, 5, 1)))
    return {(c.speaker, c.party): c.stance for c in found}
