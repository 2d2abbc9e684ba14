"""Stance of each statement toward its issue (spaCy component "tracker_stance").

Reads the cue words in ``data/stance_cues.toml`` and the issue's own for/against phrases from the
issue catalogue, and sets ``StatementCandidate.stance`` to "for", "against" or "neutral":

1. an explicit neutral phrase ("har endnu ikke taget stilling") makes the statement neutral;
2. else the first strong cue decides (the first after the last "men" when that clause has one);
   issue phrases beat double negatives, which beat the general cues, on the same words;
3. a negation next to a cue turns it around ("støtter ikke"), and a cue that governs the next cue
   through "at"/"om" multiplies with it ("imod at afskaffe efterlønnen" = for keeping it);
4. weak cues (modal verbs: "skal ikke") count only when there is no strong cue;
5. a stated position with no cue is "for".
General cues are not read inside the words that name the issue ("EU-forbeholdet", "asylstop").
The cues used are kept in ``extra["stance_cues"]``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from tracker.nlp import model  # noqa: F401  (registers the Doc extensions)
from tracker.nlp.issues import Issue, load_catalogue
from tracker.nlp.lexicon import TermIndex, statement_span
from tracker.paths import data_file

FOR, AGAINST, NEUTRAL = "for", "against", "neutral"
PUNCT = {",", ".", ";", ":", "!", "?", "-", "–", "»", "«", '"'}


@dataclass(frozen=True)
class Cue:
    """A cue found in a statement: where it is, which way it points, how strong it is."""

    start: int
    end: int
    tokens: tuple[int, ...]
    sign: int  # +1 for, -1 against
    weak: bool
    text: str


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

    @classmethod
    def load(cls, path: Path | None = None) -> "CueBook":
        with open(path or data_file("stance_cues.toml"), "rb") as f:
            cfg = tomllib.load(f)
        neg, structure = cfg.get("negation", {}), cfg.get("structure", {})
        return cls(
            strong_for=TermIndex(cfg["for"].get("strong", [])),
            strong_against=TermIndex(cfg["against"].get("strong", [])),
            weak_for=TermIndex(cfg["for"].get("weak", [])),
            weak_against=TermIndex(cfg["against"].get("weak", [])),
            neutral=TermIndex(cfg.get("neutral", {}).get("phrases", [])),
            double_negative=TermIndex(cfg.get("double_negative", {}).get("phrases", [])),
            negators=frozenset(w.lower() for w in neg.get("words", [])),
            before=int(neg.get("before", 3)),
            after=int(neg.get("after", 2)),
            contrast=frozenset(structure.get("contrast", ["men"])),
            nesting=frozenset(structure.get("nesting", ["at", "om"])),
            nesting_gap=int(structure.get("nesting_gap", 4)),
        )


class IssuePhrases:
    """Compiled trigger / for / against phrases of one issue."""

    def __init__(self, issue: Issue | None):
        self.triggers = TermIndex(issue.triggers if issue else ())
        self.for_phrases = TermIndex(issue.for_phrases if issue else ())
        self.against_phrases = TermIndex(issue.against_phrases if issue else ())


class StanceTagger:
    """Sets ``stance`` (and ``confidence``) on every statement of the doc."""

    def __init__(self, cues: CueBook | None = None, issues: list[Issue] | None = None):
        self.cues = cues or CueBook.load()
        catalogue = issues if issues is not None else load_catalogue()
        self.issues = {issue.slug: issue for issue in catalogue}
        self._phrases: dict[str | None, IssuePhrases] = {}

    def phrases(self, slug: str | None) -> IssuePhrases:
        if slug not in self._phrases:
            self._phrases[slug] = IssuePhrases(self.issues.get(slug or ""))
        return self._phrases[slug]

    def __call__(self, doc: Doc) -> Doc:
        for st in doc._.statements or []:
            tokens = list(statement_span(doc, st.start_char, st.end_char))
            stance, cues = self.stance_of(tokens, st.issue)
            st.stance = stance
            st.confidence = 0.8 if cues else 0.6
            st.extra["stance_cues"] = cues
        return doc

    def stance_of(self, tokens: list, slug: str | None = None) -> tuple[str, list[str]]:
        """(stance, cue texts used) for a statement's tokens and issue slug."""
        texts = [t.lower_ for t in tokens]
        neutral = self.cues.neutral.find(tokens)
        if neutral:
            return NEUTRAL, [self.cues.neutral.terms[neutral[0].key]]
        cues = self.find_cues(tokens, slug)
        strong = [c for c in cues if not c.weak]
        chosen = strong or cues
        if not chosen:
            return FOR, []
        chosen = self.after_contrast(chosen, texts)
        sign, used = self.governing_sign(chosen, texts)
        return (FOR if sign > 0 else AGAINST), used

    def find_cues(self, tokens: list, slug: str | None) -> list[Cue]:
        """All cues, non-overlapping, in text order (issue phrases first, then double negatives, ...)."""
        issue = self.phrases(slug)
        blocked = {t for m in issue.triggers.find(tokens) for t in range(m.start, m.end)}
        used: set[int] = set()
        found: list[Cue] = []
        groups = [(issue.for_phrases, 1, False, set()), (issue.against_phrases, -1, False, set()),
                  (self.cues.double_negative, 1, False, blocked),
                  (self.cues.strong_for, 1, False, blocked), (self.cues.strong_against, -1, False, blocked),
                  (self.cues.weak_for, 1, True, blocked), (self.cues.weak_against, -1, True, blocked)]
        for index, sign, weak, no_go in groups:
            for m in sorted(index.find(tokens), key=lambda m: -len(m.tokens)):
                if used.isdisjoint(m.tokens) and no_go.isdisjoint(m.tokens):
                    used.update(m.tokens)
                    cue = Cue(m.start, m.end, m.tokens, sign, weak, index.terms[m.key])
                    found.append(self.negated(cue, tokens, used) if index is not self.cues.double_negative else cue)
        return sorted(found, key=lambda c: c.start)

    def negated(self, cue: Cue, tokens: list, used: set[int]) -> Cue:
        """The cue, turned around when a negation stands next to it (or inside it) in the same clause."""
        lower = [t.lower_ for t in tokens]
        inside = range(cue.start, cue.end)
        window = list(range(cue.start - 1, max(-1, cue.start - 1 - self.cues.before), -1))
        window += list(range(cue.end, min(len(tokens), cue.end + self.cues.after)))
        for i in list(inside) + window:
            if i in cue.tokens:
                continue
            if lower[i] in self.cues.negators and not _punct_between(lower, i, cue.start):
                return Cue(cue.start, cue.end, cue.tokens, -cue.sign, cue.weak, "ikke " + cue.text)
        return cue

    def after_contrast(self, cues: list[Cue], texts: list[str]) -> list[Cue]:
        """Only the cues after the last contrast word ("men") that is followed by a cue."""
        marks = [i for i, t in enumerate(texts) if t in self.cues.contrast]
        for mark in reversed(marks):
            later = [c for c in cues if c.start > mark]
            if later:
                return later
        return cues

    def governing_sign(self, cues: list[Cue], texts: list[str]) -> tuple[int, list[str]]:
        """Sign of the first cue, multiplied by the cues it governs in a chain: a cue governs the next one
        when "at"/"om"/"til" follows it directly (after an optional comma): "imod at afskaffe",
        "kritiserer, at regeringen vil fjerne"."""
        sign, used, current = cues[0].sign, [cues[0].text], cues[0]
        for nxt in cues[1:]:
            between = texts[current.end:nxt.start]
            opener = [t for t in between[:2] if t != ","][:1]
            if len(between) > self.cues.nesting_gap or not self.cues.nesting.intersection(opener):
                break
            if any(t in PUNCT for t in between if t != ","):
                break
            sign *= nxt.sign
            used.append(nxt.text)
            current = nxt
        return sign, used


def _punct_between(lower: list[str], i: int, j: int) -> bool:
    """True when a clause-ending punctuation mark stands between positions i and j."""
    lo, hi = sorted((i, j))
    return any(t in PUNCT for t in lower[lo + 1:hi])


@Language.factory("tracker_stance")
def make_stance_tagger(nlp: Language, name: str) -> StanceTagger:
    return StanceTagger()
