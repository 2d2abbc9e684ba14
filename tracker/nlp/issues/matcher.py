"""Issue scores on a stretch of text: each issue by the triggers of its own that occur there."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span

from tracker.nlp.channels import Channels
from tracker.nlp.issues.catalogue import Issue
from tracker.nlp.lexicon import Match, TermIndex, longest_first


class IssueMatcher:
    """Scores the catalogue's issues on a stretch of text by their triggers."""

    def __init__(self, issues: list[Issue], channels: Channels = Channels()):
        """``channels``: a platform named as where a statement was written ("på Facebook") is no trigger."""
        self.issues = issues
        self.channels = channels
        terms = sorted({t for issue in issues for t in (*issue.triggers, *issue.reverse_triggers)})
        self.index = TermIndex(terms)
        self.owners: dict[str, list[int]] = defaultdict(list)
        self.reverse: set[tuple[int, str]] = set()  # (issue, trigger) pairs that name the issue from its other end
        for i, issue in enumerate(issues):
            for t in issue.triggers:
                self.owners[t].append(i)
            for t in issue.reverse_triggers:
                if t not in issue.triggers:
                    self.owners[t].append(i)
                    self.reverse.add((i, t))
        self._scored: tuple[Doc | None, dict] = (None, {})  # the last doc's scores per token range

    def find(self, tokens: Span | Doc) -> list[Match]:
        """The triggers in ``tokens`` (offsets in its doc), from one search of the whole doc."""
        return self.matches_within(*_bounds(tokens))

    def matches_within(self, doc: Doc, start: int, end: int) -> list[Match]:
        """The triggers in doc[start:end], without a platform named as a channel ("skriver hun på Facebook")."""
        found = self.index.matches_within(doc, start, end)
        return [m for m in found if not self.channels.at(doc, m.tokens[0])] if self.channels.names else found

    def occurrences(self, tokens: Span | Doc) -> dict[int, int]:
        """Issue index -> how many times its triggers occur in ``tokens`` (a measure of prominence)."""
        counts: dict[int, int] = defaultdict(int)
        for m in longest_first(self.find(tokens)):
            for i in self.owners[self.index.terms[m.key]]:
                counts[i] += 1
        return dict(counts)

    def scores(self, tokens: Span | Doc) -> dict[int, float]:
        """Issue index -> score. Each distinct trigger found counts its number of words (``trigger_weight``:
        a long compound counts as two); a trigger is ignored where a more specific one covers the same words
        ("ydelseskommission*" beats "ydelse*" on "ydelseskommissionen")."""
        return self.scores_at(*_bounds(tokens))

    def scores_at(self, doc: Doc, start: int, end: int) -> dict[int, float]:
        """``scores(doc[start:end])``, remembered for the last doc (statements share paragraphs)."""
        if self._scored[0] is not doc:
            self._scored = (doc, {})
        memo = self._scored[1]
        if (start, end) not in memo:
            totals: dict[int, float] = defaultdict(float)
            for term in self.found_triggers_at(doc, start, end):
                weight = trigger_weight(term)
                for i in self.owners[term]:
                    totals[i] += weight
            memo[start, end] = dict(totals)
        return dict(memo[start, end])

    def reversed_at(self, doc: Doc, start: int, end: int, issue: int) -> bool:
        """True when the issue's triggers found in doc[start:end] all name it from its other end."""
        found = [t for t in self.found_triggers_at(doc, start, end) if issue in self.owners[t]]
        return bool(found) and all((issue, t) in self.reverse for t in found)

    def found_triggers(self, tokens: Span | Doc) -> set[str]:
        """The triggers found in ``tokens``, without those that a more specific trigger overrides:
        one on the same words with a longer pattern, or a longer trigger that contains it as a word."""
        return self.found_triggers_at(*_bounds(tokens))

    def found_triggers_at(self, doc: Doc, start: int, end: int) -> set[str]:
        """``found_triggers(doc[start:end])``."""
        matches = self.matches_within(doc, start, end)
        terms = self.index.terms
        if len(matches) < 2:
            return {terms[m.key] for m in matches}
        covered = [set(m.tokens) for m in matches]
        holding: dict[int, list[int]] = defaultdict(list)  # token -> the matches that cover it
        for k, m in enumerate(matches):
            for token in m.tokens:
                holding[token].append(k)

        def overridden(k: int) -> bool:
            m = matches[k]
            for j in holding[m.tokens[0]]:  # a match covering all of m's tokens covers its first
                o = matches[j]
                if j == k or not covered[k] <= covered[j]:
                    continue
                if o.tokens == m.tokens and len(terms[o.key]) > len(terms[m.key]):
                    return True
                if len(o.tokens) > len(m.tokens) and terms[m.key] in terms[o.key].split():
                    return True
            return False

        return {terms[m.key] for k, m in enumerate(matches) if not overridden(k)}


COMPOUND = 12  # letters of a one-word trigger that weighs as much as two words ("kørselsfradrag*")


def trigger_weight(term: str) -> float:
    """A trigger's weight: its number of words, a long compound counting two, plus a little for its length
    (the longer of two triggers on the same words wins a tie)."""
    words = term.split()
    stem = words[0].strip("*") if len(words) == 1 else ""
    return (2 if len(stem) >= COMPOUND else len(words)) + 0.01 * len(term)


def _bounds(tokens: Span | Doc) -> tuple[Doc, int, int]:
    """(doc, start, end) of a span or a whole doc."""
    if isinstance(tokens, Span):
        return tokens.doc, tokens.start, tokens.end
    return tokens, 0, len(tokens)
