"""The records the pipeline components pass to each other on the `Doc`.

Every component reads and writes these custom attributes:

- ``doc._.date``        the article's date (``datetime.date`` or None), set before the pipeline runs
- ``doc._.source``      the article's file name / id (str), set before the pipeline runs
- ``doc._.paragraphs``  list of (start_char, end_char) of each paragraph (set by the sentence component)
- ``doc._.mentions``    list[Mention]  (mentions component)
- ``doc._.statements``  list[StatementCandidate]  (attribution creates them; topics, issues and
                        stance fill in their fields)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
    confidence: float = 0.5
    extra: dict = field(default_factory=dict)  # component scratch space (e.g. cue words found)

    @property
    def question(self) -> tuple[str | None, str | None]:
        """What the statement is about: its issue and, on a catch-all, its policy object's key
        (``extra["object_key"]``, set by tracker_objects): two statements are on one question when equal."""
        return self.issue, self.extra.get("object_key")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text again on each access."""
    text = doc.user_data.get("tracker_text")
    if text is None:
        text = doc.user_data["tracker_text"] = doc.text
    return text


def register_extensions() -> None:
    """Register the custom Doc attributes (safe to call more than once)."""
    defaults = {"date": None, "source": None, "paragraphs": None, "mentions": None, "statements": None}
    for name, default in defaults.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()

__all__ = ["Mention", "StatementCandidate", "SPEAKER", "PARTY", "doc_text", "register_extensions", "date"]
