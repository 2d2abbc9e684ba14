"""The records the pipeline components pass to each other on the `Doc`, stored so that they serialise.

Stored on the Doc (plain values: ``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and
``nlp.pipe(..., n_process=2)`` keep them):

- ``doc._.published``          the article's date as an ISO string ("2024-05-01") or None, set before the pipeline
- ``doc._.source``             the article's file name / id (str), set before the pipeline runs
- ``doc._.paragraphs``         [start_char, end_char] of each paragraph (set by the sentence component)
- ``doc._.mention_records``    one dict per Mention (mentions component)
- ``doc._.statement_records``  one dict per StatementCandidate (attribution creates them; topics, issues and
                               stance fill in their fields; the last component keeps the final ones)

Views of them, made on each access (like ``doc.ents``; assigning one writes the records):

- ``doc._.date``        ``published`` as a ``datetime.date``
- ``doc._.mentions``    list[Mention];  ``doc._.statements``  list[StatementCandidate]
- ``doc._.cap_topics``, ``doc._.issues``, ``doc._.stances``: one field of every statement, in order. They name
  what each component adds in its ``requires`` / ``assigns`` (``nlp.analyze_pipes()`` shows the flow); a
  component that replaces a stage (a trained textcat, see ``tracker.nlp.classify``) assigns the same field.

Scratch that components cache per doc (the text, token offsets, word forms) lives in ``scratch(doc)``, outside
the Doc, so that nothing unserialisable is ever stored on it.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from spacy.tokens import Doc

SPEAKER = "person"
PARTY = "party"


@dataclass
class Mention:
    """A politician or a party named in the text."""

    kind: str  # SPEAKER ("person") or PARTY ("party")
    start_char: int
    end_char: int
    text: str  # the surface form as written
    name: str | None = None  # person: the longest full name the article gives
    politician_key: str | None = None  # registry key, None for people the registry lacks
    party: str | None = None  # canonical short party name (e.g. "Venstre", "SF", "Konservative")
    party_source: str | None = None  # "text", "registry" or "context"
    role: str | None = None  # as written, lower case, without the party genitive
    discovered: bool = False  # a person the registry lacks, found by a pattern
    gender: str | None = None  # person: "M", "F" or None (registry, else the first name's usual gender)

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, record: dict) -> "Mention":
        return cls(**record)


@dataclass
class StatementCandidate:
    """One position: who (speaker or party), what (issue), which way (stance), evidence."""

    party: str  # canonical short party name
    kind: str  # "direct_quote" or "indirect"
    evidence: str  # exact substring of the article text
    start_char: int
    end_char: int
    speaker: str | None = None  # None for a party's own position
    politician_key: str | None = None
    role: str | None = None
    discovered: bool = False
    issue: str | None = None  # issue slug from the catalogue (or a topic fallback slug)
    issue_label: str | None = None  # Danish label
    cap_topic: str | None = None  # English CAP major topic name
    stance: str | None = None  # "for", "against" or "neutral"
    confidence: float = 0.5  # combined_confidence(scores), what is stored
    extra: dict = field(default_factory=dict)  # component scratch space (e.g. cue words found); plain values
    scores: dict = field(default_factory=dict)  # stage -> its own score: "attribution", "stance" ("topic" ...)

    def add_score(self, stage: str, value: float) -> None:
        """A stage's own score (0-1: how sure it is of what it added); ``confidence`` follows."""
        self.scores[stage] = float(value)
        self.confidence = combined_confidence(self.scores)

    @property
    def question(self) -> tuple[str | None, str | None]:
        """What the statement is about: its issue and, on a catch-all, its policy object's key
        (``extra["object_key"]``, set by tracker_objects): two statements are on one question when equal."""
        return self.issue, self.extra.get("object_key")

    def to_dict(self) -> dict:
        record = dict(self.__dict__)
        record["extra"], record["scores"] = dict(self.extra), dict(self.scores)
        return record

    @classmethod
    def from_dict(cls, record: dict) -> "StatementCandidate":
        made = cls.__new__(cls)  # the record has every field (to_dict made it): no __init__ needed
        made.__dict__.update(record)
        made.extra = {key: _lists(value) if type(value) in (tuple, dict) else value
                      for key, value in record["extra"].items()}
        made.scores = dict(record.get("scores") or {})
        return made


def combined_confidence(scores: dict[str, float]) -> float:
    """The stored confidence: the product of the stages' own scores. Attribution scores P(speaker and party
    right) by how it found them (a quote with its own ", siger X" 0.97 ... a person in reported speech 0.95),
    stance P(stance right | speaker right) by how firm its reading is (a strong cue 0.84, a weak or no cue
    0.73), so the product estimates P(both right); a stage that replaces one of them (a textcat) scores with
    its probability. Measured on the tuning set (see ``scripts/calibrate_confidence.py``). No score: 0.5."""
    product = 1.0
    for value in scores.values():
        product *= value
    return product if scores else 0.5


def _lists(value):
    """Tuples as lists, as they were stored (``DocBin`` reads msgpack arrays back as tuples)."""
    if isinstance(value, (list, tuple)):
        return [_lists(item) for item in value]
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    return value


STATEMENT_FIELDS = tuple(f.name for f in fields(StatementCandidate))

_SCRATCH: dict[int, tuple] = {}  # id(doc) -> (weak reference to the doc, its caches)


def scratch(doc: Doc) -> dict:
    """A dict of per-doc caches, kept beside the doc (not on it) for as long as the doc lives (a weak
    reference drops it with the doc; a look-up is one dict get and an identity test)."""
    key = id(doc)
    entry = _SCRATCH.get(key)
    if entry is not None and entry[0]() is doc:
        return entry[1]
    found: dict = {}
    _SCRATCH[key] = (weakref.ref(doc, lambda _, key=key: _forget(key)), found)
    return found


def _forget(key: int) -> None:
    entry = _SCRATCH.get(key)
    if entry is not None and entry[0]() is None:  # not a newer doc's entry under a reused id
        del _SCRATCH[key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text again on each access."""
    cache = scratch(doc)
    text = cache.get("text")
    if text is None:
        text = cache["text"] = doc.text
    return text


def _get_mentions(doc: Doc) -> list[Mention]:
    return [Mention.from_dict(record) for record in doc._.mention_records or []]


def _set_mentions(doc: Doc, mentions) -> None:
    doc._.mention_records = None if mentions is None else [m.to_dict() for m in mentions]


def _get_statements(doc: Doc) -> list[StatementCandidate]:
    return [StatementCandidate.from_dict(record) for record in doc._.statement_records or []]


def _set_statements(doc: Doc, statements) -> None:
    doc._.statement_records = None if statements is None else [s.to_dict() for s in statements]


def _get_date(doc: Doc) -> date | None:
    return date.fromisoformat(doc._.published) if doc._.published else None


def _set_date(doc: Doc, value) -> None:
    if isinstance(value, datetime):
        value = value.date()
    doc._.published = value.isoformat() if isinstance(value, date) else value


def _field_of_statements(name: str):
    return lambda doc: [record.get(name) for record in doc._.statement_records or []]


def register_extensions() -> None:
    """Register the custom Doc attributes (safe to call more than once)."""
    stored = {"published": None, "source": None, "paragraphs": None, "mention_records": None,
              "statement_records": None}
    for name, default in stored.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    views = {"date": (_get_date, _set_date), "mentions": (_get_mentions, _set_mentions),
             "statements": (_get_statements, _set_statements)}
    for name, (getter, setter) in views.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter, setter=setter)
    for name, statement_field in (("cap_topics", "cap_topic"), ("issues", "issue"), ("stances", "stance")):
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_field_of_statements(statement_field))


register_extensions()

__all__ = ["Mention", "StatementCandidate", "SPEAKER", "PARTY", "STATEMENT_FIELDS", "combined_confidence", "doc_text",
           "scratch",
           "register_extensions", "date"]
