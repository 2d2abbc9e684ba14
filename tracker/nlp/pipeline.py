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

import numpy
import spacy
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

from tracker.nlp import attribution, mentions, sentences  # noqa: F401  (register the factories)
from tracker.nlp.model import StatementCandidate
from tracker.sources import ArticleInput

log = logging.getLogger(__name__)

OPTIONAL_COMPONENTS = [("tracker.nlp.topics", "tracker_topics"), ("tracker.nlp.issues", "tracker_issues"),
                       ("tracker.nlp.stance", "tracker_stance")]


class LemmaCache:
    """orth id -> lemma id for a whole doc at once, in C: a fixed-size, direct-mapped cache.

    A word form's slot is its orth id modulo the table size; a slot holds one word form at a time
    (the last one stored), so memory stays flat and a form that lost its slot is simply worked out again.
    """

    def __init__(self, bits: int = 19):  # 2 ** 19 slots: 8 MB
        self.mask = numpy.uint64(2 ** bits - 1)
        self.orths = numpy.zeros(2 ** bits, dtype="uint64")  # 0: an empty slot (no word form has orth 0)
        self.lemmas = numpy.zeros(2 ** bits, dtype="uint64")

    def find(self, orths: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(lemma ids, known): the lemma ids are meaningless where `known` is False."""
        slots = orths & self.mask
        return self.lemmas[slots], self.orths[slots] == orths

    def store(self, orths: numpy.ndarray, lemmas: numpy.ndarray) -> None:
        slots = orths & self.mask
        self.orths[slots] = orths
        self.lemmas[slots] = lemmas


class LookupLemmatizer:
    """spaCy's lookup lemmatizer (the "lemma_lookup" table of spacy-lookups-data) with a lower-case fallback.

    A word form's lemma is the table's entry for it (case-sensitive), else the form itself; a
    capitalised form whose lemma is itself ("Kræver") takes the lemma of its lower case when the
    table has that. Lemmas depend only on the word form, so they are cached by orth id
    (`LemmaCache`) and set for the whole doc with one ``from_array``: no Token objects.
    """

    def __init__(self, table):
        self.table = table
        self.cache = LemmaCache()

    def lemma(self, text: str) -> str:
        """The lemma of one word form."""
        found = self.table.get(text, text)
        lemma = found if isinstance(found, str) else found[0]
        if lemma == text and text[:1].isupper() and text.lower() in self.table:
            return self.table.get(text.lower())
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orths = doc.to_array(ORTH)
        lemmas, known = self.cache.find(orths)
        if not known.all():
            lemmas[~known] = self.learn(orths[~known], doc.vocab.strings)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def learn(self, orths: numpy.ndarray, strings) -> numpy.ndarray:
        """Lemma ids of word forms the cache lacks: worked out, cached, their strings added to `strings`."""
        forms = numpy.unique(orths)
        lemmas = numpy.array([strings.add(self.lemma(strings[orth])) for orth in forms.tolist()], dtype="uint64")
        self.cache.store(forms, lemmas)
        return lemmas[numpy.searchsorted(forms, orths)]


@Language.factory("tracker_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(load_lookups(nlp.lang, ["lemma_lookup"]).get_table("lemma_lookup"))


def build_pipeline(registry=None) -> Language:
    """A blank Danish pipeline with the tracker components; `registry` defaults to the bundled one."""
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
