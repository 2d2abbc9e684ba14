"""The stance of one statement from its own words: explicit neutral phrases, the first strong cue (from the
speaker's name on, after the last "men", not one aimed at an actor), negation, against-a-problem, and
cues that govern the next one through "at"/"om"/"for" (see ``tracker.nlp.stance``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from spacy.tokens import Span

from tracker.nlp.stance.aside import Aside
from tracker.nlp.stance.chain import CueChain
from tracker.nlp.stance.cues import ACT, AGAINST, FOR, NEUTRAL, PUNCT, SENTENCE_PUNCT, Cue, CueBook, IssuePhrases

REDUCED_REACH = 3  # a cue and the thing a reducing issue wants less of: at most two words between them


class Offsets:
    """The named tokens of a doc as offsets from a span's start (``i in offsets``: token start + i is named),
    without making a set per statement."""

    def __init__(self, named: set[int], base: int, own: frozenset[int] = frozenset()):
        self.named, self.base, self.own = named, base, own  # own: the doc tokens that name the speaker's party

    def owns(self, i: int) -> bool:
        """True when offset i names the statement's own party."""
        return i + self.base in self.own

    def __contains__(self, i: int) -> bool:
        return i + self.base in self.named

    def intersection(self, offsets) -> set[int]:
        return {i for i in offsets if i + self.base in self.named}


class StatementReader:
    """Reads the stance of a statement; ``phrases(slug)`` gives an issue's compiled phrases."""

    def __init__(self, cues: CueBook, phrases: Callable[[str | None], IssuePhrases]):
        self.cues, self.phrases = cues, phrases
        self.chain = CueChain(cues)
        self.aside = Aside(cues)

    def stance_of(self, span: Span, texts: list[str], slug: str | None, focus: int | None,
                  names: set[int], general: dict[str, list], within: tuple[int, int] | None = None,
                  hide: tuple[int, int] | None = None, agents: range = range(0)) -> tuple[str, list[str], bool]:
        """(stance, cue texts used, decided by a strong or neutral cue?) for a statement's tokens (``span``,
        their lower-case ``texts``) and issue slug; ``focus`` is the token offset where the speaker is
        named (its cues are read first), ``names`` the offsets of tokens that name politicians or parties,
        ``general`` the matches of the general cue lists in ``span`` (``CueBook.general``). Only the cues
        inside the offsets ``within`` are read, and none inside ``hide``, when given. ``agents``: the offsets of
        the speakers named after an agent marker ("kritik fra X", "får ros af X"), no target of a cue."""
        def keep(start: int) -> bool:
            return (within is None or within[0] <= start < within[1]) and (hide is None or not
                                                                           hide[0] <= start < hide[1])

        neutral = [m for m in general["neutral"]
                   if keep(m.start) and self.in_speakers_clause(m.start, focus, names, texts)]
        if neutral:
            return NEUTRAL, [self.cues.neutral.terms[neutral[0].key]], True
        cues, triggers = self.find_cues(span, texts, slug, general)
        triggers = {t for t in triggers if keep(t)}
        cues = [c for c in cues if keep(c.start)]
        rejected = self.aside.rejected_instead(cues, texts, triggers)
        if rejected:
            return rejected
        cues = [c for c in cues if not self.aside.after_instead(texts, c.start)]
        own = self.aside.speakers_list(texts, focus, names) or agents
        cues = [replace(c, leads=False) if c.leads and self.aside.others_act(c, texts, names, own) else c for c in cues]
        strong = [c for c in cues if not c.weak]
        chosen = strong or cues
        if not chosen:
            return FOR, [], False
        if focus is not None and not self.opens_with_verb(chosen, texts, focus):
            chosen = [c for c in chosen if c.start >= focus] or chosen
        balance = self.chain.in_balance(chosen, texts)
        if balance:
            return NEUTRAL, balance, True
        chosen = self.chain.after_contrast(chosen, texts, names, own)
        chosen = self.chain.drop_actor_cues(chosen, texts, names, own) or self.backing(chosen)
        while chosen and not chosen[0].leads:  # "har endnu ikke indført afgiften" describes, does not oppose
            chosen = chosen[1:]
        if not chosen:
            return FOR, [], False
        sign, used = self.around_speaker(*self.chain.governing_sign(chosen, texts, names, triggers), chosen[0],
                                         texts, own)
        if chosen[0].act:
            used = used + [ACT]  # a vote, an agreement ...: weighs more in the speaker's position (article.py)
        return (FOR if sign > 0 else AGAINST), used, bool(strong)

    @staticmethod
    def backing(cues: list) -> list:
        """The cues aimed at actors when nothing else is left: backing a person or not ("vil ikke støtte X som
        statsminister") is a position; criticism of an actor ("kritik af regeringen") is none."""
        return cues if cues and (cues[0].sign > 0 or cues[0].negated) else []

    def bare_answer(self, texts: list[str], focus: int | None) -> tuple[str, list[str], bool] | None:
        """(against or for, the answer, True) for "Nej, siger LA." and "Ja tak, lyder det fra SF.": a bare no or
        yes, a comma, and the speaker named a few words after it; and for an overview's "Venstre: Nej." (the
        speaker, a colon and nothing but the answer); else None."""
        if focus is None:
            return None
        if ":" in texts[focus:focus + self.cues.bare_answer_reach]:  # an overview: "Venstre: Nej."
            colon = texts.index(":", focus)
            words = tuple(t for t in texts[colon + 1:] if t not in PUNCT)
        elif "," in texts[:4] and focus <= self.cues.bare_answer_reach:
            words = tuple(texts[:texts.index(",")])
        else:
            return None
        sign = self.cues.bare_answers.get(words)
        return None if sign is None else ((FOR if sign > 0 else AGAINST), [" ".join(words)], True)

    def reaction_to_before(self, span: Span, texts: list[str], slug: str | None, names, general: dict[str, list],
                           marker: int) -> tuple[str, list[str]] | None:
        """An agent's reaction to a position stated before it in the same sentence: the strong cue right
        before the agent marker (``marker``: "fra", "af") times the stance of the words before that cue
        ("Forslaget om at droppe afgiften møder modstand fra EL": for). None without both; the words
        before count from the last ", men" ("opbakning fra K, men kritik fra SF")."""
        cues, _ = self.find_cues(span, texts, slug, general)
        reaction = [c for c in cues if not c.weak and c.end == marker]
        if not reaction:
            return None
        first = reaction[-1]
        start = self.chain.clause_break_before(texts, first.start)  # not "opbakning fra K, men kritik fra SF"
        stance, used, strong = self.stance_of(span, texts, slug, None, names, general, within=(start, first.start))
        if not strong or stance == NEUTRAL:
            return None
        sign = first.sign * (1 if stance == FOR else -1)
        return (FOR if sign > 0 else AGAINST), used + [first.text]

    def around_speaker(self, sign: int, used: list[str], first: Cue, texts: list[str], own: range
                       ) -> tuple[int, list[str]]:
        """The sign turned by a negation around the speaker's list: before it ("Hverken V eller K vil støtte
        ...", "Heller ikke DF kan bakke op") or closing the clause after it ("SF vil have den, men det vil Venstre ikke.")."""
        if own and first.start >= own.stop:
            for size in (1, 2):  # "Hverken V eller K vil støtte ...", "Heller ikke DF kan bakke op om ..."
                opening = " ".join(texts[max(0, own.start - size):own.start])
                if own.start >= size and opening in self.cues.list_negators:
                    return -sign, [opening] + used
        if own and first.end <= own.start and not first.negated and self.cues.negation_closes(texts, own.stop):
            return -sign, used + ["[ikke]"]
        return sign, used

    def opens_with_verb(self, cues: list[Cue], texts: list[str], focus: int) -> bool:
        """True for "Det ærgrer SF, at ...": an answering word, the first cue, then the speaker (its subject)."""
        return bool(texts) and texts[0] in self.cues.answers and cues[0].start == 1 and cues[0].end == focus

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

    def find_cues(self, span: Span, texts: list[str], slug: str | None,
                  general: dict[str, list]) -> tuple[list[Cue], set[int]]:
        """All cues, non-overlapping, in text order (issue phrases first, then double negatives, ...), and the
        offsets of the words that name the issue; ``general`` holds the matches of the general cue lists in
        ``span``."""
        issue = self.phrases(slug)
        own = issue.groups.find_in(span.doc, span.start, span.end)
        blocked = {t for m in own["triggers"] for t in m.tokens}
        used: set[int] = set()
        found: list[Cue] = []
        cues = self.cues
        # Tiers, in order: the issue's own phrases; double negatives and strong cues (the longest match
        # first, then the leftmost: "anbefaler et nej" beats "anbefaler", "trækker støtten til" is withdrawn
        # support); weak cues.
        tiers = [[(issue.for_phrases, own["for"], 1, False, set())],
                 [(issue.against_phrases, own["against"], -1, False, set())],
                 [(cues.double_negative, general["double_negative"], 1, False, blocked),
                  (cues.strong_for, general["strong_for"], 1, False, blocked),
                  (cues.strong_against, general["strong_against"], -1, False, blocked)],
                 [(cues.weak_for, general["weak_for"], 1, True, blocked)],
                 [(cues.weak_against, general["weak_against"], -1, True, blocked)]]
        negatable = []  # the cues a negation next to them may turn (not double negatives)
        for k, tier in enumerate(tiers):
            matches = [(m, group) for group in tier for m in group[1]]
            for m, (index, _, sign, weak, no_go) in sorted(matches, key=lambda mg: (-len(mg[0].tokens), mg[0].start)):
                if used.isdisjoint(m.tokens) and not no_go.issuperset(m.tokens) and self.particle_ends(index, m, texts):
                    used.update(m.tokens)
                    term = index.terms[m.key]
                    found.append(Cue(m.start, m.end, m.tokens, sign, weak, term, own=k < 2, act=term in cues.act_terms))
                    negatable.append(index is not self.cues.double_negative)
        # a negation inside a cue that governs the next ("ingen planer om at indføre") is that cue's, not the next's
        held = {t for c in found if texts[c.tokens[-1]] in cues.nesting for t in c.tokens if texts[t] in cues.negators}
        starts = sorted(c.start for c in found if not c.weak)  # (a modal between: "ikke vil arbejde for")
        found = [self.negated(self.against_problem(c, span, texts), span, texts, held, starts) if turn else c
                 for c, turn in zip(found, negatable)]
        found = self.at_reduced_thing(sorted(found, key=lambda c: c.start), issue, own["triggers"], texts)
        return self.after_cleft(found, texts), blocked

    def after_cleft(self, cues: list[Cue], texts: list[str]) -> list[Cue]:
        """The first strong cue of the relative clause after a negated cleft turned around ("Det er ikke noget,
        vi vil være med til"; ``clefts``), when no cue stands in the cleft itself ("Det er ikke rimeligt, at
        ...") and the clause after the comma is no "at"/"hvis" clause."""
        first = next((k for k, t in enumerate(texts) if t not in PUNCT and t != "-"), len(texts))
        cleft = next((c for c in self.cues.clefts if tuple(texts[first:first + len(c)]) == c), None)
        after = first + len(cleft) if cleft else len(texts)
        if after >= len(texts) or texts[after] in self.cues.cleft_exceptions:
            return cues
        comma = next((k for k in range(after, len(texts)) if texts[k] == ","), None)
        if comma is None or comma + 1 >= len(texts) or texts[comma + 1] in self.cues.subordinators \
                or any(c.start < comma for c in cues):
            return cues
        end = next((k for k in range(comma + 1, len(texts)) if texts[k] in PUNCT), len(texts))
        target = next((c for c in cues if comma < c.start < end and not c.weak and not c.negated), None)
        return [replace(c, sign=-c.sign, text="ikke " + c.text, negated=True) if c is target else c for c in cues]

    def at_reduced_thing(self, cues: list[Cue], issue, triggers: list, texts: list[str]) -> list[Cue]:
        """A strong general cue aimed at the thing a reducing issue wants less of turns around (``[reduction]``
        of the cue lists): "imod arveafgiften", "forsvarer topskatten", "arveafgiften er urimelig". The thing
        stands at most two words from the cue, and the cue is the only one of its clause (no "imod at sænke X",
        no "ser X fjernet", no "en afskaffelse af X er uansvarlig": there the cues combine)."""
        if not issue.label or issue.label.split()[0].lower() not in self.cues.reducing_openers:
            return cues

        def measure(start: int, end: int) -> bool:  # "burkaforbuddet", "billige billetter": the measure itself
            return any(w in texts[k] for k in range(start, end) for w in self.cues.measures)

        things = [m for m in triggers if not measure(m.start, m.end)]
        turned = []
        for cue in cues:
            first, last = _clause_around(texts, cue.start)
            alone = not any(other is not cue and not other.weak and first <= other.start < last for other in cues)
            aimed = any(first <= m.start and m.end <= last and (
                cue.end <= m.start < cue.end + REDUCED_REACH and not measure(cue.end, m.start)
                or cue.start - REDUCED_REACH < m.end <= cue.start and not measure(m.end, cue.start)) for m in things)
            if aimed and alone and not cue.own and not cue.weak and not cue.text.endswith("[problem]"):
                cue = replace(cue, sign=-cue.sign, text=cue.text + " [reduced]")
            turned.append(cue)
        return turned

    def particle_ends(self, index, match, texts: list[str]) -> bool:
        """False for a particle verb ("sige fra") whose particle is a preposition here: "siger fra talerstolen".
        The particle must end the clause or be followed by one of ``particle_followers`` ("siger fra over for")."""
        if index.terms[match.key] not in self.cues.particle_verbs:
            return True
        after = texts[match.end] if match.end < len(texts) else "."
        return after in PUNCT or after in self.cues.particle_followers

    def negated(self, cue: Cue, span: Span, lower: list[str], held: set[int] = frozenset(),
                starts: list[int] = ()) -> Cue:
        """The cue, turned around when a negation stands next to it (or inside it) in the same clause, and no
        other cue (``starts``) between them: "vil ikke være med til at hæve" negates "være med til" only. A
        negation with "endnu"/"stadig" describes a fact ("har endnu ikke indført afgiften"): such a cue
        counts only when an earlier cue governs it ("det er et svigt, at de endnu ikke har indført ...")."""
        inside = range(cue.start, cue.end)
        window = self.before_window(cue, lower) + list(range(cue.end, min(len(lower), cue.end + self.cues.after)))
        window += self.final_negation(cue, lower)
        for i in list(inside) + window:
            if i in cue.tokens or i in held or any(i < start < cue.start for start in starts):
                continue
            if lower[i] in self.cues.negators and not _punct_between(lower, i, cue.start):
                fact = self.cues.fact_adverbs.intersection(lower[max(0, i - 1):i + 2])
                return replace(cue, sign=-cue.sign, text=("endnu ikke " if fact else "ikke ") + cue.text,
                               negated=True, leads=not fact)
        if self.raised_negation(cue, span, lower):
            return replace(cue, sign=-cue.sign, text="mener ikke, at " + cue.text, negated=True)
        return cue

    def before_window(self, cue: Cue, lower: list[str]) -> list[int]:
        """The offsets before a cue where a negation turns it: ``before`` words, not counting the transparent
        ones ("kommer ikke til at lægge mandater til")."""
        window, i, counted = [], cue.start - 1, 0
        while i >= 0 and counted < self.cues.before:
            window.append(i)
            counted += lower[i] not in self.cues.transparent
            i -= 1
        return window

    def final_negation(self, cue: Cue, lower: list[str]) -> list[int]:
        """The offset of a negation that ends the clause within ``final`` words after the cue ("afviser med
        andre ord ikke."), else none."""
        for i in range(cue.end, min(len(lower), cue.end + self.cues.final_negation)):
            if lower[i] in PUNCT:
                return []
            if self.cues.negation_closes(lower, i):
                return [i]
        return []

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
            return replace(cue, sign=1, text=cue.text + " [problem]")
        return cue



def _clause_around(lower: list[str], i: int) -> tuple[int, int]:
    """The offsets of the clause (between punctuation marks) holding offset i."""
    first = next((k + 1 for k in range(i - 1, -1, -1) if lower[k] in PUNCT), 0)
    last = next((k for k in range(i, len(lower)) if lower[k] in PUNCT), len(lower))
    return first, last


def _punct_between(lower: list[str], i: int, j: int) -> bool:
    """True when a clause-ending punctuation mark stands between positions i and j."""
    lo, hi = sorted((i, j))
    return any(t in PUNCT for t in lower[lo + 1:hi])
