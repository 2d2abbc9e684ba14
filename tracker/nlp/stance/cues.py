"""The stance cues: the general cue lists of ``data/stance_cues.toml`` (for/against, strong/weak, neutral,
double negatives, negation, the structure words) and each issue's own for/against phrases, compiled."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.datafiles import read_toml
from tracker.nlp.issues import Issue
from tracker.nlp.lexicon import TermGroups, TermIndex
from tracker.paths import data_file

FOR, AGAINST, NEUTRAL = "for", "against", "neutral"
PUNCT = {",", ".", ";", ":", "!", "?", "-", "–", "»", "«", '"'}
SENTENCE_PUNCT = {".", ";", ":", "!", "?"}


@dataclass(frozen=True)
class Cue:
    """A cue found in a statement: where it is, which way it points, how strong it is."""

    start: int
    end: int
    tokens: tuple[int, ...]
    sign: int  # +1 for, -1 against
    weak: bool
    text: str
    negated: bool = False


@dataclass
class CueBook:
    """The general cue lists of ``stance_cues.toml``, compiled."""

    strong_for: TermIndex
    strong_against: TermIndex
    weak_for: TermIndex
    weak_against: TermIndex
    neutral: TermIndex
    double_negative: TermIndex
    negators: frozenset[str]
    before: int
    after: int
    contrast: frozenset[str]
    nesting: frozenset[str]
    nesting_gap: int
    agent_markers: frozenset[str]
    list_words: frozenset[str]
    actors: frozenset[str]
    actor_prepositions: frozenset[str]
    raising: TermIndex
    problems: TermIndex
    change: TermIndex

    def __post_init__(self):
        # The lists read on every statement, searched in one pass.
        self.general = TermGroups({"neutral": self.neutral, "change": self.change,
                                   "double_negative": self.double_negative,
                                   "strong_for": self.strong_for, "strong_against": self.strong_against,
                                   "weak_for": self.weak_for, "weak_against": self.weak_against})

    @classmethod
    def load(cls, path: Path | None = None) -> "CueBook":
        return cls.from_dict(read_toml(path or data_file("stance_cues.toml")))

    @classmethod
    def from_dict(cls, cfg: dict) -> "CueBook":
        """The cue book of a parsed ``stance_cues.toml``: every list and number of it is needed (a missing
        one is a KeyError naming it); nothing has a default of its own here."""
        neg, structure = cfg["negation"], cfg["structure"]
        return cls(
            strong_for=TermIndex(cfg["for"]["strong"]),
            strong_against=TermIndex(cfg["against"]["strong"]),
            weak_for=TermIndex(cfg["for"]["weak"]),
            weak_against=TermIndex(cfg["against"]["weak"]),
            neutral=TermIndex(cfg["neutral"]["phrases"]),
            double_negative=TermIndex(cfg["double_negative"]["phrases"]),
            negators=frozenset(w.lower() for w in neg["words"]),
            before=int(neg["before"]),
            after=int(neg["after"]),
            contrast=frozenset(structure["contrast"]),
            nesting=frozenset(structure["nesting"]),
            nesting_gap=int(structure["nesting_gap"]),
            agent_markers=frozenset(structure["agent_markers"]),
            list_words=frozenset(structure["list_words"]),
            actors=frozenset(structure["actors"]),
            actor_prepositions=frozenset(structure["actor_prepositions"]),
            raising=TermIndex(neg["raising"]),
            problems=TermIndex(structure["problems"]),
            change=TermIndex(cfg["change_of_mind"]["phrases"]),
        )



class IssuePhrases:
    """Compiled trigger / for / against phrases of one issue."""

    def __init__(self, issue: Issue | None):
        self.triggers = TermIndex(issue.triggers if issue else ())
        self.for_phrases = TermIndex(issue.for_phrases if issue else ())
        self.against_phrases = TermIndex(issue.against_phrases if issue else ())
        self.groups = TermGroups({"triggers": self.triggers, "for": self.for_phrases,
                                  "against": self.against_phrases})
