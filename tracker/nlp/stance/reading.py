"""The stance of one statement from its own words: explicit neutral phrases, the first strong cue (from the
speaker's name on, after the last "men", not one aimed at an actor), negation, against-a-problem, and
cues that govern the next one through "at"/"om"/"for" (see ``tracker.nlp.stance``)."""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Span

from tracker.nlp.stance.cues import AGAINST, FOR, NEUTRAL, PUNCT, SENTENCE_PUNCT, Cue, CueBook, IssuePhrases


class Offsets:
    """The named tokens of a doc as offsets from a span's start (``i in offsets``: token start + i is named),
    without making a set per statement."""

    def __init__(self, named: set[int], base: int):
        self.named, self.base = named, base

    def __contains__(self, i: int) -> bool:
        return i + self.base in self.named

    def intersection(self, offsets) -> set[int]:
        return {i for i in offsets if i + self.base in self.named}


class StatementReader:
    """Reads the stance of a statement; ``phrases(slug)`` gives an issue's compiled phrases."""

    def __init__(self, cues: CueBook, phrases: Callable[[str | None], IssuePhrases]):
        self.cues, self.phrases = cues, phrases

    def is_agent(self, texts: list[str], focus: int | None, named: set[int]) -> bool:
        """True when the name at ``focus`` (or the list of names it belongs to: "X, Y og Z") follows an
        agent marker: "kritik fra X, Y og Z", "kolliderer med X og Y"."""
        if not focus:
            return False
        i = focus
        while i > 0 and (i - 1 in named or texts[i - 1] in self.cues.list_words):
            i -= 1
        return i > 0 and texts[i - 1] in self.cues.agent_markers

    def stance_of(self, span: Span, texts: list[str], slug: str | None, focus: int | None,
                  names: set[int], general: dict[str, list]) -> tuple[str, list[str], bool]:
        """(stance, cue texts used, decided by a strong or neutral cue?) for a statement's tokens (``span``,
        their lower-case ``texts``) and issue slug; ``focus`` is the token offset where the speaker is
        named (its cues are read first), ``names`` the offsets of tokens that name politicians or parties,
        ``general`` the matches of the general cue lists in ``span`` (``CueBook.general``)."""
        neutral = [m for m in general["neutral"] if self.in_speakers_clause(m.start, focus, names, texts)]
        if neutral:
            return NEUTRAL, [self.cues.neutral.terms[neutral[0].key]], True
        cues = self.find_cues(span, texts, slug, general)
        strong = [c for c in cues if not c.weak]
        chosen = strong or cues
        if not chosen:
            return FOR, [], False
        if focus is not None:
            chosen = [c for c in chosen if c.start >= focus] or chosen
        chosen = self.after_contrast(chosen, texts)
        chosen = self.drop_actor_cues(chosen, texts, names)
        if not chosen:
            return FOR, [], False
        sign, used = self.governing_sign(chosen, texts, names)
        return (FOR if sign > 0 else AGAINST), used, bool(strong)

    def in_speakers_clause(self, start: int, focus: int | None, names: set[int], texts: list[str]) -> bool:
        """False when another name than the speaker's (or the list it belongs to) stands between the
        speaker and ``start``: "A og B vil ..., mens C endnu ikke har taget stilling" is C's neutrality."""
        if focus is None:
            return True
        if start < focus:
            return not names.intersection(range(start, focus))
        i = focus
        while i < start and (i in names or texts[i] in self.cues.list_words or texts[i] in "()"):
            i += 1
        return not names.intersection(range(i, start))

    def find_cues(self, span: Span, texts: list[str], slug: str | None, general: dict[str, list]) -> list[Cue]:
        """All cues, non-overlapping, in text order (issue phrases first, then double negatives, ...);
        ``general`` holds the matches of the general cue lists in ``span``."""
        issue = self.phrases(slug)
        own = issue.groups.find_in(span.doc, span.start, span.end)
        blocked = {t for m in own["triggers"] for t in m.tokens}
        used: set[int] = set()
        found: list[Cue] = []
        cues = self.cues
        groups = [(issue.for_phrases, own["for"], 1, False, set()),
                  (issue.against_phrases, own["against"], -1, False, set()),
                  (cues.double_negative, general["double_negative"], 1, False, blocked),
                  (cues.strong_for, general["strong_for"], 1, False, blocked),
                  (cues.strong_against, general["strong_against"], -1, False, blocked),
                  (cues.weak_for, general["weak_for"], 1, True, blocked),
                  (cues.weak_against, general["weak_against"], -1, True, blocked)]
        for index, matches, sign, weak, no_go in groups:
            for m in sorted(matches, key=lambda m: -len(m.tokens)):
                if used.isdisjoint(m.tokens) and no_go.isdisjoint(m.tokens):
                    used.update(m.tokens)
                    cue = Cue(m.start, m.end, m.tokens, sign, weak, index.terms[m.key])
                    if index is not self.cues.double_negative:
                        cue = self.negated(self.against_problem(cue, span, texts), span, texts)
                    found.append(cue)
        return sorted(found, key=lambda c: c.start)

    def negated(self, cue: Cue, span: Span, lower: list[str]) -> Cue:
        """The cue, turned around when a negation stands next to it (or inside it) in the same clause."""
        inside = range(cue.start, cue.end)
        window = list(range(cue.start - 1, max(-1, cue.start - 1 - self.cues.before), -1))
        window += list(range(cue.end, min(len(lower), cue.end + self.cues.after)))
        for i in list(inside) + window:
            if i in cue.tokens:
                continue
            if lower[i] in self.cues.negators and not _punct_between(lower, i, cue.start):
                return Cue(cue.start, cue.end, cue.tokens, -cue.sign, cue.weak, "ikke " + cue.text, True)
        if self.raised_negation(cue, span, lower):
            return Cue(cue.start, cue.end, cue.tokens, -cue.sign, cue.weak, "mener ikke, at " + cue.text, True)
        return cue

    def raised_negation(self, cue: Cue, span: Span, lower: list[str]) -> bool:
        """True for a cue in the "at" clause of a negated opinion verb: "vi mener ikke, at vi har noget
        at gøre der" = "vi har intet at gøre der"."""
        for i in range(cue.start - 1, max(-1, cue.start - 1 - self.cues.nesting_gap), -1):
            if lower[i] in SENTENCE_PUNCT:
                return False
            if lower[i] == "at":
                j = i - 1 if i > 0 and lower[i - 1] != "," else i - 2
                # the opinion verb right before the negation, or before its subject ("mener vi ikke, at")
                return j > 0 and lower[j] in self.cues.negators and \
                    bool(self.cues.raising.find_in(span.doc, span.start + max(0, j - 2), span.start + j))
        return False

    def against_problem(self, cue: Cue, span: Span, lower: list[str]) -> Cue:
        """An against cue aimed at a problem is support for tackling it: "stoppe kriminaliteten",
        "fjerne ventetiderne" (the problem word within a few words after the cue, same clause)."""
        if cue.sign > 0:
            return cue
        after = 0  # words after the cue, up to 4, before a punctuation mark
        for word in lower[cue.end:cue.end + 4]:
            if word in PUNCT:
                break
            after += 1
        start = span.start + cue.end
        if after and self.cues.problems.find_in(span.doc, start, start + after):
            return Cue(cue.start, cue.end, cue.tokens, 1, cue.weak, cue.text + " [problem]", cue.negated)
        return cue

    def drop_actor_cues(self, cues: list[Cue], texts: list[str], names: set[int]) -> list[Cue]:
        """Leading cues aimed at an actor rather than at the issue ("kritik af regeringen", "kritiserer
        Venstre") are dropped unless they govern a following cue ("kritiserer regeringen for at ville
        afskaffe ...": kept, the chain decides)."""
        while cues and self.aims_at_actor(cues[0], texts, names):
            nxt = cues[1] if len(cues) > 1 else None
            between = texts[cues[0].end:nxt.start] if nxt else []
            if nxt and len(between) <= self.cues.nesting_gap and self.cues.nesting.intersection(between) \
                    and not any(t in PUNCT for t in between if t != ","):
                return cues
            cues = cues[1:]
        return cues

    def aims_at_actor(self, cue: Cue, texts: list[str], names: set[int]) -> bool:
        """True when the cue is directly followed (after at most one preposition) by an actor:
        a word such as "regeringen" or the name of a politician or party."""
        return self.actor_end(cue, texts, names) is not None

    def actor_end(self, cue: Cue, texts: list[str], names: set[int]) -> int | None:
        """Offset just after the actor the cue aims at ("kritik af regeringen"), or None. An actor after
        "fra" ("et krav fra X") or after a participle and "af" ("kritiseret af X") is the one who speaks."""
        i = cue.end
        if cue.text.split()[-1] in self.cues.agent_markers:
            return None
        if i < len(texts) and texts[i] in self.cues.actor_prepositions:
            if texts[i] in self.cues.agent_markers and texts[cue.end - 1].endswith("t"):
                return None
            i += 1
        if i < len(texts) and texts[i] in self.cues.actors:
            return i + 1
        if i in names:
            while i in names:
                i += 1
            return i
        return None

    def after_contrast(self, cues: list[Cue], texts: list[str]) -> list[Cue]:
        """Only the cues after the last contrast word ("men") that is followed by a cue."""
        marks = [i for i, t in enumerate(texts) if t in self.cues.contrast]
        for mark in reversed(marks):
            later = [c for c in cues if c.start > mark]
            if later:
                return later
        return cues

    def governing_sign(self, cues: list[Cue], texts: list[str],
                       names: set[int] = frozenset()) -> tuple[int, list[str]]:
        """Sign of the first cue, multiplied by the cues it governs in a chain: a cue governs the next one
        when "at"/"om"/"til"/"for" follows it directly (after an optional comma, or after the actor it
        aims at): "imod at afskaffe", "kritiserer, at regeringen vil fjerne", "kritiserer regeringen for
        at ville fjerne", "et svigt, at X ikke vil arbejde for ..." - but a negated cue does not govern a
        clause about a named person or party ("ser det ikke som problematisk, at X er gået imod" only
        tolerates X's position)."""
        sign, used, current = cues[0].sign, [cues[0].text], cues[0]
        for nxt in cues[1:]:
            start = self.actor_end(current, texts, names) or current.end
            between = texts[start:nxt.start]
            opener = [t for t in between[:2] if t != ","][:1]
            if len(between) > self.cues.nesting_gap or not self.cues.nesting.intersection(opener):
                break
            if any(t in PUNCT for t in between if t != ","):
                break
            if current.negated and names.intersection(range(start, nxt.start)):
                break
            sign *= nxt.sign
            used.append(nxt.text)
            current = nxt
        return sign, used


def _punct_between(lower: list[str], i: int, j: int) -> bool:
    """True when a clause-ending punctuation mark stands between positions i and j."""
    lo, hi = sorted((i, j))
    return any(t in PUNCT for t in lower[lo + 1:hi])
