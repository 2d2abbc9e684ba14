"""Stance of each statement toward its issue (spaCy component "tracker_stance").

Reads the cue words in ``data/stance_cues.toml`` and the issue's own for/against phrases from the
issue catalogue, and sets ``StatementCandidate.stance`` to "for", "against" or "neutral".

Within one statement:
1. an explicit neutral phrase ("har endnu ikke taget stilling") makes it neutral;
2. else the first strong cue decides: the first from the speaker's own name on, when the name is in
   the evidence; the first after the last "men"; not one aimed at an actor ("kritik af regeringen");
   issue phrases beat double negatives, which beat the general cues, on the same words, and general
   cues are not read inside the words that name the issue ("EU-forbeholdet", "asylstop");
3. a negation next to a cue turns it around ("støtter ikke", "mener ikke, at vi skal ..."), an against
   word aimed at a problem is support ("stoppe kriminaliteten"), and a cue that governs the next cue
   through "at"/"om"/"for" multiplies with it ("imod at afskaffe efterlønnen" = for keeping it);
4. weak cues (modal verbs: "skal ikke") count only when there is no strong cue; no cue at all = "for".
Across the article:
5. "Det møder kritik fra X" (X named after fra/af/med) is X's reaction to the position stated just
   before on the same issue: criticism = the opposite stance, support = the same;
6. a speaker has one stance per issue per article: the majority of their statements with a strong cue
   (ties: the earliest), unless a statement says they changed their mind ("har skiftet holdning");
7. a party row without a cue of its own takes the majority stance of the party's named members.
The cues used are kept in ``extra["stance_cues"]``.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from tracker.nlp.issues import Issue, load_catalogue
from tracker.nlp.lexicon import TermGroups, TermIndex, doc_forms, statement_span, token_range
from tracker.nlp.model import PARTY, SPEAKER  # importing model registers the Doc extensions
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
            agent_markers=frozenset(structure.get("agent_markers", ["fra", "af", "med"])),
            list_words=frozenset(structure.get("list_words", [",", "og", "samt", "eller"])),
            actors=frozenset(structure.get("actors", [])),
            actor_prepositions=frozenset(structure.get("actor_prepositions", ["af", "mod"])),
            raising=TermIndex(neg.get("raising", [])),
            problems=TermIndex(structure.get("problems", [])),
            change=TermIndex(cfg.get("change_of_mind", {}).get("phrases", [])),
        )


class IssuePhrases:
    """Compiled trigger / for / against phrases of one issue."""

    def __init__(self, issue: Issue | None):
        self.triggers = TermIndex(issue.triggers if issue else ())
        self.for_phrases = TermIndex(issue.for_phrases if issue else ())
        self.against_phrases = TermIndex(issue.against_phrases if issue else ())
        self.groups = TermGroups({"triggers": self.triggers, "for": self.for_phrases,
                                  "against": self.against_phrases})


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
        statements = doc._.statements or []
        forms = doc_forms(doc) if statements else None
        named = self.named_in_doc(doc) if statements else set()
        mentions = MentionsByStart(doc._.mentions or [])
        read: dict[tuple[int, int], tuple] = {}  # span -> its words and general cues (speakers share sentences)
        for st in statements:
            span = statement_span(doc, st.start_char, st.end_char)
            focus = self.speaker_position(doc, span, st, mentions)
            names = Offsets(named, span.start)
            if (span.start, span.end) not in read:
                read[span.start, span.end] = (forms.lower(span.start, span.end),
                                              self.cues.general.find_in(doc, span.start, span.end))
            texts, general = read[span.start, span.end]
            agent = self.is_agent(texts, focus, names)
            stance, cues, strong = self.stance_of(span, texts, st.issue, None if agent else focus, names, general)
            st.stance = stance
            st.confidence = 0.8 if strong else 0.6
            st.extra["stance_cues"] = cues
            st.extra["stance_strong"] = strong
            st.extra["stance_named"] = focus is not None
            st.extra["stance_change"] = bool(general["change"])
            if strong and agent and stance != NEUTRAL:
                st.extra["stance_reaction"] = True
        self.resolve_reactions(statements)
        self.align_repeats(statements)
        self.follow_members(statements)
        return doc

    def resolve_reactions(self, statements) -> None:
        """ "Det møder kritik fra X" / "får opbakning fra X": X reacts to the position stated just before
        (the nearest earlier statement of another party on the same issue); criticism takes the opposite
        stance of that position, support the same. Without such a position the cue's own reading stays."""
        ordered = sorted(statements, key=lambda st: st.start_char)
        positions = Positions(o for o in ordered if not o.extra.get("stance_reaction") and o.stance in (FOR, AGAINST)
                              and (o.extra.get("stance_strong") or o.extra.get("stance_from")))
        for st in ordered:
            if not st.extra.get("stance_reaction"):
                continue
            earlier = positions.last_before(st)
            if earlier is not None:
                target = earlier.stance
                opposite = AGAINST if target == FOR else FOR
                st.stance = opposite if st.stance == AGAINST else target
                st.extra["stance_from"] = "reaction"

    def align_repeats(self, statements) -> None:
        """A speaker (or party) keeps one position per issue in an article, unless a statement says the
        speaker changed their mind ("har skiftet holdning"). The position is the majority of the group's
        statements with a strong cue (on a tie: the earliest of them); statements without one follow it."""
        for group in self.groups(statements).values():
            if any(st.extra.get("stance_change") for st in group):
                continue
            position = self.majority(group)
            for st in group:
                if position and st.stance != position:
                    st.stance = position
                    st.extra["stance_from"] = "same speaker"

    @staticmethod
    def groups(statements) -> dict[tuple, list]:
        """(speaker, party, issue) -> the statements of that speaker (or party row) on that issue."""
        groups = defaultdict(list)
        for st in sorted(statements, key=lambda st: st.start_char):
            groups[st.speaker, st.party, st.issue].append(st)
        return groups

    @staticmethod
    def majority(group) -> str | None:
        """The most frequent stance among the statements with a strong cue. Ties go to an explicit
        "neutral", else to the statements that name the speaker ("..., siger X"), else to the earliest."""
        decided = [st for st in group if st.extra.get("stance_strong")]
        if not decided:
            return None
        votes = Counter(st.stance for st in decided)
        top = max(votes.values())
        tied = [st for st in decided if votes[st.stance] == top]
        if any(st.stance == NEUTRAL for st in tied):
            return NEUTRAL
        named = Counter(st.stance for st in tied if st.extra.get("stance_named"))
        if named and len(set(named.values())) == len(named):
            return named.most_common(1)[0][0]
        return tied[0].stance

    def follow_members(self, statements) -> None:
        """A party row without a cue of its own takes the majority position of the party's named
        members on the same issue in the article."""
        groups = self.groups(statements)
        named: dict[tuple, list] = defaultdict(list)  # (party, issue) -> the statements of its named members
        for (who, p, i), g in groups.items():
            if who:
                named[p, i] += g
        for (speaker, party, issue), group in groups.items():
            if speaker is not None or any(st.extra.get("stance_strong") for st in group):
                continue
            members = named.get((party, issue), [])
            position = self.majority(members)
            for st in group:
                if position and st.stance != position:
                    st.stance = position
                    st.extra["stance_from"] = "party members"

    def speaker_position(self, doc: Doc, span, st, mentions: "MentionsByStart | None" = None) -> int | None:
        """Token offset (within ``span``) where the statement's speaker or party is named, if it is."""
        mentions = mentions or MentionsByStart(doc._.mentions or [])
        for m in mentions.starting_in(span.start_char, span.end_char):
            if (st.speaker and m.kind == SPEAKER and m.name == st.speaker) or \
                    (not st.speaker and m.kind == PARTY and m.party == st.party):
                tokens = token_range(doc, m.start_char, m.end_char)
                return tokens[0] - span.start if tokens is not None else None
        return None

    @staticmethod
    def named_in_doc(doc: Doc) -> set[int]:
        """Offsets (in the doc) of the tokens that name a politician or a party."""
        named = set()
        for m in doc._.mentions or []:
            tokens = token_range(doc, m.start_char, m.end_char)
            if tokens is not None:
                named.update(range(*tokens))
        return named

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


class Offsets:
    """The named tokens of a doc as offsets from a span's start (``i in offsets``: token start + i is named),
    without making a set per statement."""

    def __init__(self, named: set[int], base: int):
        self.named, self.base = named, base

    def __contains__(self, i: int) -> bool:
        return i + self.base in self.named

    def intersection(self, offsets) -> set[int]:
        return {i for i in offsets if i + self.base in self.named}


class MentionsByStart:
    """A doc's mentions, found by where they start."""

    def __init__(self, mentions):
        self.mentions = sorted(mentions, key=lambda m: m.start_char)
        self.starts = [m.start_char for m in self.mentions]

    def starting_in(self, start: int, end: int) -> list:
        return self.mentions[bisect_left(self.starts, start):bisect_left(self.starts, end)]


class Positions:
    """Statements (in text order) that a reaction may answer, by issue: for a reaction, the last one before it
    on its issue of another party."""

    def __init__(self, statements):
        self.by_issue: dict = defaultdict(list)
        for st in statements:
            self.by_issue[st.issue].append(st)
        self.starts = {issue: [st.start_char for st in found] for issue, found in self.by_issue.items()}
        self.other_party_before: dict = {}  # issue -> for each statement: the last earlier one of another party
        for issue, found in self.by_issue.items():
            last_other, previous = [], None
            for k, st in enumerate(found):
                if k and found[k - 1].party != st.party:
                    previous = found[k - 1]
                last_other.append(previous)
            self.other_party_before[issue] = last_other

    def last_before(self, reaction):
        found = self.by_issue.get(reaction.issue)
        if not found:
            return None
        k = bisect_left(self.starts[reaction.issue], reaction.start_char) - 1
        if k < 0:
            return None
        if found[k].party != reaction.party:
            return found[k]
        return self.other_party_before[reaction.issue][k]


def _punct_between(lower: list[str], i: int, j: int) -> bool:
    """True when a clause-ending punctuation mark stands between positions i and j."""
    lo, hi = sorted((i, j))
    return any(t in PUNCT for t in lower[lo + 1:hi])


@Language.factory("tracker_stance")
def make_stance_tagger(nlp: Language, name: str) -> StanceTagger:
    return StanceTagger()
