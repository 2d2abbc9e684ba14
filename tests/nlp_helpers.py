"""Helpers shared by the NLP component tests: a lemmatising blank pipeline, statements on a Doc."""

import spacy

from tracker.nlp.model import StatementCandidate


def lemmatizing_nlp(*components: str):
    """spacy.blank("da") with the lookup lemmatizer, then the named components."""
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    for name in components:
        nlp.add_pipe(name)
    return nlp


def tag(nlp, text, *evidences, party="Venstre"):
    """Run ``nlp`` on ``text`` with one statement per evidence string; return the statements."""
    doc = nlp.make_doc(text)
    doc._.statements = []
    for ev in evidences:
        start = text.index(ev)
        doc._.statements.append(StatementCandidate(party=party, kind="indirect", evidence=ev,
                                                   start_char=start, end_char=start + len(ev)))
    return nlp(doc)._.statements
