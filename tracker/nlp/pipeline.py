"""The whole NLP pipeline: `build_pipeline()` and `extract()` an article's statement candidates.

Components in order: "lemmatizer" (`LookupLemmatizer`: spaCy's lookup table with a lower-case
fallback for capitalised words), tracker_sentences, tracker_mentions, tracker_attribution, then
tracker_topics, tracker_issues and tracker_stance when their modules are there. The registry is
handed to the components that need it as an attribute (``component.registry``), so its look-up
structures are built once per pipeline.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tracker.nlp import attribution, lemmatizer, mentions, sentences  # noqa: F401  (register the factories)
from tracker.nlp.lemmatizer import LemmaCache, LookupLemmatizer  # noqa: F401  (part of this module's API)
from tracker.nlp.model import StatementCandidate
from tracker.sources import ArticleInput

log = logging.getLogger(__name__)

OPTIONAL_COMPONENTS = [("tracker.nlp.topics", "tracker_topics"), ("tracker.nlp.issues", "tracker_issues"),
                       ("tracker.nlp.issues.objects", "tracker_objects"), ("tracker.nlp.stance", "tracker_stance")]


def build_pipeline(registry=None, issues=None) -> Language:
    """A blank Danish pipeline with the tracker components; `registry` defaults to the bundled one, `issues`
    (the catalogue the issue and stance components read) to ``load_catalogue()``."""
    if registry is None:
        from tracker.registry import Registry

        registry = Registry.bundled()
    nlp = spacy.blank("da")
    nlp.add_pipe("tracker_lemmatizer", name="lemmatizer")
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
        if issues is not None and hasattr(component, "use_catalogue"):
            component.use_catalogue(issues)
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
    """The candidates of each article, in the articles' order, `batch_size` articles at a time."""
    iterator = iter(articles)
    while batch := list(islice(iterator, batch_size)):
        for doc in run_batch(nlp, [make_doc(nlp, article) for article in batch]):
            yield final_statements(doc)


def run_batch(nlp: Language, docs: list[Doc]) -> list[Doc]:
    """The docs through the pipeline component by component (all docs through one, then the next):
    the same result as ``nlp.pipe``, faster, as each component's data stays in the CPU caches.
    A component with a ``pipe`` method gets the whole batch, as in spaCy."""
    for _, component in nlp.pipeline:
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=len(docs) or 1))
        else:
            docs = [component(doc) for doc in docs]
    return docs


def final_statements(doc: Doc) -> list[StatementCandidate]:
    """One candidate per (speaker or party, question, stance): the most confident one; a question is an issue
    and, on a catch-all, a policy object (``StatementCandidate.question``).

    Candidates without an issue are dropped when the same speaker has one with an issue.
    """
    candidates = list(doc._.statements or [])
    with_issue = {_who(c) for c in candidates if c.issue}
    best: dict[tuple, StatementCandidate] = {}
    for candidate in candidates:
        if not candidate.issue and _who(candidate) in with_issue:
            continue
        key = (*_who(candidate), *candidate.question, candidate.stance)
        if key not in best or candidate.confidence > best[key].confidence:
            best[key] = candidate
    return sorted(best.values(), key=lambda c: c.start_char)


def _who(candidate: StatementCandidate) -> tuple[str | None, str]:
    return candidate.speaker, candidate.party
