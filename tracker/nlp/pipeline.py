"""The whole NLP pipeline: `build_pipeline()` and `extract()` an article's statement candidates.

Components in order: lookup lemmatizer (with a lower-case fallback for capitalised words),
tracker_sentences, tracker_mentions, tracker_attribution, then tracker_topics, tracker_issues and
tracker_stance when their modules are there. The registry is handed to the components that need it
as an attribute (``component.registry``), so its look-up structures are built once per pipeline.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tracker.nlp import attribution, mentions, sentences  # noqa: F401  (register the factories)
from tracker.nlp.model import StatementCandidate
from tracker.sources import ArticleInput

log = logging.getLogger(__name__)

OPTIONAL_COMPONENTS = [("tracker.nlp.topics", "tracker_topics"), ("tracker.nlp.issues", "tracker_issues"),
                       ("tracker.nlp.stance", "tracker_stance")]


class LemmaFallback:
    """For a capitalised word the lookup table lacks ("Kræver"), use the lemma of its lower case."""

    def __init__(self, table):
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.text[:1].isupper() and token.lemma_ == token.text:
                lower = token.text.lower()
                if lower in self.table:
                    token.lemma_ = self.table.get(lower)
        return doc


@Language.factory("tracker_lemma_fallback")
def make_lemma_fallback(nlp: Language, name: str) -> LemmaFallback:
    return LemmaFallback(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"))


def build_pipeline(registry=None) -> Language:
    """A blank Danish pipeline with the tracker components; `registry` defaults to the bundled one."""
    if registry is None:
        from tracker.registry import Registry

        registry = Registry.bundled()
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.add_pipe("tracker_lemma_fallback")
    nlp.add_pipe("tracker_sentences")
    nlp.add_pipe("tracker_mentions").registry = registry
    nlp.add_pipe("tracker_attribution").registry = registry
    for module, factory in OPTIONAL_COMPONENTS:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            log.info("pipeline without %s (%s)", factory, exc)
            continue
        component = nlp.add_pipe(factory)
        if hasattr(component, "registry"):
            component.registry = registry
    return nlp


def make_doc(nlp: Language, article: ArticleInput) -> Doc:
    """The tokenised article with ``doc._.date`` and ``doc._.source`` set."""
    doc = nlp.make_doc(article.text)
    doc.user_data["tracker_text"] = article.text  # what doc_text() gives: the tokens keep every character
    doc._.date = article.published
    doc._.source = article.source
    return doc


def extract(nlp: Language, article: ArticleInput) -> list[StatementCandidate]:
    """Statement candidates of one article."""
    return final_statements(nlp(make_doc(nlp, article)))


def extract_many(nlp: Language, articles: Iterable[ArticleInput], batch_size: int = 64
                 ) -> Iterator[list[StatementCandidate]]:
    """The candidates of each article, in the articles' order, processed in batches with ``nlp.pipe``."""
    docs = (make_doc(nlp, article) for article in articles)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield final_statements(doc)


def final_statements(doc: Doc) -> list[StatementCandidate]:
    """One candidate per (speaker or party, issue, stance): the most confident one.

    Candidates without an issue are dropped when the same speaker has one with an issue.
    """
    candidates = list(doc._.statements or [])
    with_issue = {_who(c) for c in candidates if c.issue}
    best: dict[tuple, StatementCandidate] = {}
    for candidate in candidates:
        if not candidate.issue and _who(candidate) in with_issue:
            continue
        key = (*_who(candidate), candidate.issue, candidate.stance)
        if key not in best or candidate.confidence > best[key].confidence:
            best[key] = candidate
    return sorted(best.values(), key=lambda c: c.start_char)


def _who(candidate: StatementCandidate) -> tuple[str | None, str]:
    return candidate.speaker, candidate.party
