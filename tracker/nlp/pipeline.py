"""The whole NLP pipeline: `build_pipeline()`, and `extract()` an article's statements.

    nlp = build_pipeline()                 # or build_pipeline(registry), build_pipeline(config="my.cfg")
    doc = nlp("Mette Testesen (V) mener, at skatten skal ned.")
    doc._.statements                       # exactly what `tracker ingest` stores for that text

Components in order (``STAGES``): "lemmatizer" (``tracker_lemmatizer``), ``tracker_sentences``,
``tracker_mentions``, ``tracker_attribution``, ``tracker_topics``, ``tracker_issues``, ``tracker_objects`` (the
policy object of a statement on a catch-all), ``tracker_stance`` and ``tracker_statements`` (the final
de-duplication). Each factory declares what it requires and assigns
(``nlp.analyze_pipes()``), takes its settings through its ``default_config`` (``add_pipe(..., config=...)``)
and its word lists through ``initialize()``; ``nlp.to_disk()`` keeps them, so ``spacy.load()`` needs no
tracker import (the factories are published through the ``spacy_factories`` entry point).

A config replaces the default pipeline (``build_pipeline(config=...)``: a path or a ``Config``, e.g. the
default one written with ``build_pipeline().config.to_disk(path)`` and edited): a stage may be swapped
for any component that writes the same attributes, such as a trained textcat (``tracker.nlp.classify``).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config, load_model_from_config
from spacy.util import registry as spacy_registry
from thinc.api import Config

from tracker.nlp import attribution, classify, dedup, lemmatizer, mentions, sentences, stance, topics  # noqa: F401
from tracker.nlp.dedup import final_statements  # noqa: F401  (part of this module's API)
from tracker.nlp.issues import objects, tagger  # noqa: F401  (register tracker_issues and tracker_objects)
from tracker.nlp.lemmatizer import LemmaCache, LookupLemmatizer  # noqa: F401  (part of this module's API)
from tracker.nlp.model import StatementCandidate, scratch
from tracker.sources import ArticleInput

# (factory, name) of each stage of the default pipeline
STAGES = [("tracker_lemmatizer", "lemmatizer"), ("tracker_sentences", None), ("tracker_mentions", None),
          ("tracker_attribution", None), ("tracker_topics", None), ("tracker_issues", None), ("tracker_objects", None),
          ("tracker_stance", None), ("tracker_statements", None)]


def build_pipeline(registry=None, config: str | Path | Config | None = None, issues: list | None = None) -> Language:
    """The tracker pipeline on ``spacy.blank("da")``, initialized: word lists from ``data/`` and `registry`
    (default: the bundled one) handed to the components that take one. ``config``: a pipeline config to
    build instead of the default one (its ``[initialize]`` settings are used). ``issues``: the catalogue the
    issue and stance components read (default: ``load_catalogue()``; ``Tracker.issue_catalogue`` adds the
    user catalogue)."""
    if config is None:
        nlp = spacy.blank("da")
        for factory, name in STAGES:
            nlp.add_pipe(factory, name=name)
    else:
        nlp = load_model_from_config(config if isinstance(config, Config) else load_config(config), auto_fill=True)
    initialize_pipeline(nlp, registry, issues)
    return nlp


def initialize_pipeline(nlp: Language, registry=None, issues: list | None = None) -> None:
    """``initialize()`` of every enabled tracker component, in pipeline order, with its ``[initialize]``
    settings from the config, and `registry` (`issues`: an issue catalogue) for those that take one. Other
    components (e.g. a trained textcat sourced from another pipeline) are left as they are;
    ``nlp.initialize()`` would reset them."""
    settings = spacy_registry.resolve({"components": dict(nlp.config["initialize"]["components"])})["components"]
    for name, component in nlp.pipeline:
        if not nlp.get_pipe_meta(name).factory.startswith("tracker_") or not hasattr(component, "initialize"):
            continue
        kwargs = dict(settings.get(name, {}))
        parameters = inspect.signature(component.initialize).parameters
        if registry is not None and "registry" in parameters:
            kwargs["registry"] = registry
        if issues is not None and "issues" in parameters:
            kwargs["issues"] = issues
        component.initialize(lambda: iter([]), nlp=nlp, **kwargs)


def make_doc(nlp: Language, article: ArticleInput) -> Doc:
    """The tokenised article with ``doc._.date`` and ``doc._.source`` set."""
    doc = nlp.make_doc(article.text)
    scratch(doc)["text"] = article.text  # what doc_text() gives: the tokens keep every character
    doc._.date = article.published
    doc._.source = article.source
    return doc


def extract(nlp: Language, article: ArticleInput) -> list[StatementCandidate]:
    """The statements of one article: ``nlp(doc)._.statements``."""
    return nlp(make_doc(nlp, article))._.statements


def extract_many(nlp: Language, articles: Iterable[ArticleInput], batch_size: int = 64
                 ) -> Iterator[list[StatementCandidate]]:
    """The statements of each article, in the articles' order, `batch_size` articles at a time."""
    iterator = iter(articles)
    while batch := list(islice(iterator, batch_size)):
        for doc in run_batch(nlp, [make_doc(nlp, article) for article in batch]):
            yield doc._.statements


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
