"""How the cues of one statement combine: a cue aimed at an actor says nothing about the issue ("kritik af
regeringen"), a cue governs the next one through "at"/"om"/"for" ("imod at afskaffe"), and an evaluative
predicate judges the cue of its subject ("en afskaffelse af topskatten er uansvarlig", "kalder afskaffelsen
uansvarlig"): the signs multiply along the chain. After "men" the last clause decides, unless openness and
reservations stand on its two sides ("positiv, men har forbehold": neutral)."""

from __future__ import annotations

from tracker.nlp.stance.cues import PUNCT, Cue, CueBook

ANSWER_REACH = 6  # ", men det kan SF ikke acceptere": the speaker at most this many words after the comma


class CueChain:
    """The relations between the cues of a statement (lower-case ``texts``, ``names`` = offsets of
    tokens naming a politician or party)."""

    def __init__(self, cues: CueBook):
        self.cues = cues

    def drop_actor_cues(self, cues: list[Cue], texts: list[str], names: set[int], speaker: range = range(0)
                        ) -> list[Cue]:
        """Leading cues aimed at an actor rather than at the issue ("kritik af regeringen", "kritiserer
        Venstre") are dropped unless they govern a following cue ("kritiserer regeringen for at ville
        afskaffe ...": kept, the chain decides)."""
        while cues and self.aims_at_actor(cues[0], texts, names, speaker):
            nxt = cues[1] if len(cues) > 1 else None
            between = texts[cues[0].end:nxt.start] if nxt else []
            if nxt and len(between) <= self.cues.nesting_gap and self.cues.nesting.intersection(between) \
                    and not any(t in PUNCT for t in between if t != ","):
                return cues
            cues = cues[1:]
        return cues

    def aims_at_actor(self, cue: Cue, texts: list[str], names: set[int], speaker: range = range(0)) -> bool:
        """True when the cue is directly followed (after at most one preposition) by an actor:
        a word such as "regeringen" or the name of a politician or party."""
        return self.actor_end(cue, texts, names, speaker) is not None

    def actor_end(self, cue: Cue, texts: list[str], names: set[int], speaker: range = range(0)) -> int | None:
        """Offset just after the actor the cue aims at ("kritik af regeringen"), or None. An actor after
        "fra" ("et krav fra X") or after a participle or passive and "af" ("kritiseret af X", "kritiseres af
        X") is the one who speaks, and so is the ``speaker`` right after the cue ("Det afviser Venstre": the
        subject after its verb, also with an actor noun in apposition: "Det afviser ministeren, X") or after its
        preposition ("høster kritik af Venstre", said of Venstre); a party
        or person in the genitive before a proposal ("kritiserer Venstres forslag") is the owner of what the cue
        aims at, not its target."""
        i = cue.end
        if i in speaker:
            return None
        if cue.text.split()[-1] in self.cues.agent_markers:
            return None
        if i < len(texts) and texts[i] in self.cues.actor_prepositions:
            if texts[i] in self.cues.agent_markers and texts[cue.end - 1].endswith(("t", "es")):
                return None
            i += 1
            if i in speaker:
                return None  # "får kritik af SF", said of SF: the speaker reacts, it is not the target
        if i < len(texts) and texts[i] in self.cues.actors:
            if texts[i + 1:i + 2] == [","] and i + 2 in speaker:
                return None  # "Det afviser ministeren, Anna Holm (S)": the actor is the speaker, in apposition
            return i + 1
        if i in names:
            while i in names:
                i += 1
            if self.proposal_at(texts, i):
                return None
            return i
        return None

    def proposal_at(self, texts: list[str], i: int) -> bool:
        """True when a proposal noun ("forslag", "udspil", "planen") stands at offset ``i``."""
        return i < len(texts) and self.cues.proposals.fits(texts[i])

    def after_agent(self, cue: Cue, texts: list[str], names) -> int:
        """Offset after the speakers named right after the cue with an agent marker ("kritik fra SF og EL for
        at nøle": the criticism governs "nøle" across its speakers), else the cue's end."""
        i = cue.end
        if i < len(texts) and texts[i] in self.cues.agent_markers and i + 1 in names:
            i += 1
            while i < len(texts) and (i in names or (texts[i] in self.cues.list_words and i + 1 in names)):
                i += 1
        return i

    def after_proposal(self, texts: list[str], start: int) -> int:
        """Offset after the proposal noun that the words from ``start`` name ("Venstres forslag", "regeringens
        nye udspil", "forslaget"), or ``start`` when they name none."""
        for i in range(start, min(len(texts), start + 3)):
            if texts[i] in PUNCT or self.cues.nesting.intersection(texts[i:i + 1]):
                break
            if self.proposal_at(texts, i):
                return i + 1
        return start

    def governing_sign(self, cues: list[Cue], texts: list[str], names: set[int] = frozenset(),
                       things: set[int] = frozenset()) -> tuple[int, list[str]]:
        """Sign of the first cue, multiplied by the cues it governs in a chain: a cue governs the next one
        when "at"/"om"/"til"/"for" follows it directly (after an optional comma, after the actor it
        aims at, or after a proposal noun: "imod at afskaffe", "kritiserer, at regeringen vil fjerne",
        "kritiserer regeringen for at ville fjerne", "kritiserer Venstres forslag om at fjerne"), and an
        evaluative predicate governs the cue of its subject ("en afskaffelse af X er uansvarlig"). A
        negated cue does not govern a clause about a named person or party ("ser det ikke som
        problematisk, at X er gået imod" only tolerates X's position). When the issue's thing (offsets
        ``things``) is the subject of the governed clause, the governed cue judges it (``judges_thing``)."""
        sign, used, current = cues[0].sign, [cues[0].text], cues[0]
        for nxt in cues[1:]:
            governed = self.governs(current, nxt, texts, names)
            if not (governed or self.predicates(current, nxt, texts)):
                break
            if governed and self.judges_thing(current, nxt, texts, things):  # "frygter, at afgiften vil skade"
                sign *= current.sign * (-1 if current.negated else 1)
            sign *= nxt.sign
            used.append(nxt.text)
            current = nxt
        return sign, used

    def judges_thing(self, current: Cue, nxt: Cue, texts: list[str], things: set[int]) -> bool:
        """True when an against cue ``nxt`` says what the issue's thing does: the thing is the subject of the
        clause ``current`` governs (right after its "at": "frygter, at en afgift vil ramme de fattigste"; or the
        one criticised: "kritiserer afgiften for at ramme ..."), and ``nxt`` is active, not what is done to the
        thing ("at afgiften afskaffes", "bliver afskaffet"); not after a denial ("afviser, at ...")."""
        if nxt.sign > 0 or self.cues.denials.fits(current.text.removeprefix("ikke ").split()[0]):
            return False
        first = next((k for k in range(current.end, nxt.start) if texts[k] in self.cues.nesting), None)
        if first is None:
            return False
        last = first
        while last + 1 < nxt.start and (texts[last + 1] in self.cues.nesting or texts[last + 1] == ","):
            last += 1  # "advarer om, at en afgift ..."
        subject = set(range(current.end, first)) | set(range(last + 1, min(last + 4, nxt.start)))
        if not things.intersection(subject):
            return False
        return not (texts[nxt.start].endswith("es") or texts[nxt.start - 1] in self.cues.passive_auxiliaries)

    def governs(self, current: Cue, nxt: Cue, texts: list[str], names: set[int]) -> bool:
        """True when ``current`` governs ``nxt`` through a nesting word ("imod at afskaffe"), or wants it right
        after it ("vil have fjernet")."""
        start = self.actor_end(current, texts, names) or self.after_agent(current, texts, names)
        while start < len(texts) and start in names:  # the speaker after its verb: "Det ærgrer SF, at ..."
            start += 1
        start = self.after_proposal(texts, start)
        between = texts[start:nxt.start]
        if not between and current.text.removeprefix("ikke ") in self.cues.wanting:
            return True  # "vil have fjernet afgiften"
        opener = [t for t in between[:2] if t != ","][:1]
        if len(between) > self.cues.nesting_gap or not self.cues.nesting.intersection(opener):
            return False
        if any(t in PUNCT for t in between if t != ","):
            return False
        if any(t == "," and nxt_word in self.cues.clause_breaks for t, nxt_word in zip(between, between[1:])):
            return False  # "SF bakker op om afgiften, mens Venstre er imod"
        return not (current.negated and names.intersection(range(start, nxt.start)))

    def predicates(self, subject: Cue, predicate: Cue, texts: list[str]) -> bool:
        """True when ``predicate`` is an evaluative predicate of the phrase that holds ``subject``: after a
        copula ("afskaffelsen af topskatten er uansvarlig", "at hæve skatten vil være en fejl", "..., hvilket
        er forkert"), or both inside a naming frame ("kalder afskaffelsen af topskatten uansvarlig").
        Not when the copula opens a relative clause ("topskatten, som er dårlig" judges the tax itself)."""
        between = texts[subject.end:predicate.start]
        if len(between) > self.cues.nesting_gap:
            return False
        if self.cues.coordination.intersection(between):
            return False  # "vil sænke skatten og styrke velfærden": two wishes, not a judgement
        copula = [k for k, t in enumerate(between) if t in self.cues.copulas]
        if not copula:
            return not any(t in PUNCT for t in between) and self.named_frame(subject, texts)
        before, after = between[:copula[0]], between[copula[0] + 1:]
        if len(after) > self.cues.predicate_gap or any(t in PUNCT for t in after):
            return False
        if before[-2:-1] == [","] and before[-1] in self.cues.clause_relatives:
            before = before[:-2]  # "..., hvilket er forkert": the whole clause is judged
        elif before and before[-1] in self.cues.relatives:
            return False
        return not any(t in PUNCT for t in before)

    def named_frame(self, subject: Cue, texts: list[str]) -> bool:
        """True when a naming verb ("kalder", "betegner") stands before ``subject`` in its clause."""
        for i in range(subject.start - 1, max(-1, subject.start - 1 - self.cues.nesting_gap), -1):
            if texts[i] in PUNCT:
                return False
            if self.cues.naming.fits(texts[i]):
                return texts[i + 1] not in self.cues.nesting and texts[i + 1] != "på"  # not "kalder på"
        return False

    def in_balance(self, cues: list[Cue], texts: list[str]) -> list[str] | None:
        """The cue texts when openness and reservations stand on the two sides of "men" ("positiv over for
        forslaget, men har forbehold", "skeptisk, men åben over for at se på det"): explicitly neither for
        nor against. None otherwise."""
        marks = [i for i, t in enumerate(texts) if t in self.cues.contrast]
        if not marks:
            return None
        mark = marks[-1]
        sides = [[c for c in cues if c.start < mark], [c for c in cues if c.start > mark]]
        kinds = [self.kind(side) for side in sides]
        if set(kinds) == {"openness", "reservation"}:
            return [c.text for c in cues] + ["[afvejet]"]
        return None

    def kind(self, cues: list[Cue]) -> str | None:
        """ "openness" or "reservation" when all the cues are of that kind (and not negated), else None."""
        for kind, terms in (("openness", self.cues.openness), ("reservation", self.cues.reservations)):
            if cues and all(not c.negated and c.text in terms for c in cues):
                return kind
        return None

    def after_contrast(self, cues: list[Cue], texts: list[str], names=frozenset(), own: range = range(0)
                       ) -> list[Cue]:
        """Only the cues after the last contrast word ("men") that is followed by a cue (not reservations alone
        after an act of support: "stemmer for, men med forbehold"); but a speaker named
        before it keeps its own cues when another name stands between the contrast and that cue ("Venstre vil
        afskaffe afgiften, men det kan SF ikke acceptere": SF's clause), or in the speech tag that closes the clause
        ("..., men det er uansvarligt, siger X")."""
        marks = [i for i, t in enumerate(texts) if t in self.cues.contrast]
        for mark in reversed(marks):
            later = [c for c in cues if c.start > mark]
            earlier = [c for c in cues if c.start < mark]
            if later and self.kind(later) == "reservation" and any(c.act and c.sign > 0 for c in earlier):
                return earlier  # "stemmer for, men med store forbehold": conditional support is support
            if later:
                if own and own.stop <= mark and set(names.intersection(range(mark, self.tagged_end(texts, mark)))) \
                        - set(own):
                    return [c for c in cues if c.start < mark] or cues
                return later
        return cues

    def tagged_end(self, texts: list[str], start: int) -> int:
        """The end of the clause opened at ``start``, with the speech tag that closes it (", siger X")."""
        end = self.clause_end(texts, start)
        if texts[end:end + 1] == [","] and texts[end + 1:end + 2] and texts[end + 1] in self.cues.speech_tags:
            return self.clause_end(texts, end + 1)
        return end

    @staticmethod
    def clause_end(texts: list[str], start: int) -> int:
        """The offset of the punctuation mark that ends the clause opened at ``start``."""
        return next((i for i in range(start + 1, len(texts)) if texts[i] in PUNCT), len(texts))

    def clause_break_after(self, texts: list[str], start: int) -> int:
        """The offset of the first ", mens" / ", men" / ", hvorimod" at or after ``start`` (a clause with a
        subject of its own), else the end."""
        for i in range(start, len(texts) - 1):
            if texts[i] == "," and texts[i + 1] in self.cues.clause_breaks:
                return i
        return len(texts)

    def fronted_contrast(self, texts: list[str], focus: int | None, names) -> tuple[int, int] | None:
        """(0, its comma) when the statement opens with a contrasting clause ("Mens", "Hvorimod", after at most
        an "Og") that names the speaker and another actor is named after its comma: "Mens SF er for, er
        Venstre imod" is SF's for. None otherwise."""
        opening = 1 if texts[:1] == ["og"] else 0
        if focus is None or opening >= len(texts) or texts[opening] not in self.cues.fronted_contrasts:
            return None
        comma = next((i for i in range(opening + 1, len(texts)) if texts[i] == ","), None)
        if comma is None or not opening < focus < comma:
            return None
        return (0, comma) if names.intersection(range(comma + 1, self.clause_end(texts, comma))) else None

    def others_clause_after(self, texts: list[str], focus: int | None, names) -> tuple[int, int] | None:
        """(0, its comma) when a ", mens" / ", hvorimod" clause after the speaker names another actor: "Ifølge SF
        er afgiften den rette løsning, mens Venstre kalder den ødelæggende" (Venstre's cue is not SF's). None
        otherwise."""
        if focus is None:
            return None
        for i in range(focus + 1, len(texts) - 1):
            if texts[i] == "," and texts[i + 1] in self.cues.clause_breaks and texts[i + 1] not in self.cues.contrast:
                return (0, i) if names.intersection(range(i + 2, self.clause_end(texts, i + 1))) else None
        return None

    def clause_break_before(self, texts: list[str], end: int) -> int:
        """The offset just after the last ", mens" / ", men" / ", hvorimod" before ``end``, else 0."""
        for i in range(end - 2, -1, -1):
            if texts[i] == "," and texts[i + 1] in self.cues.clause_breaks:
                return i + 2
        return 0

    def answering_clause(self, texts: list[str], own: range) -> int | None:
        """The offset of the comma before ", men det <verb> X" / ", og det <verb> X" when the speaker's list
        (``own``) stands a few words after it: the clause answers the words before the comma."""
        if not own:
            return None
        for mark in range(max(0, own.start - ANSWER_REACH), own.start):
            if texts[mark] == "," and texts[mark + 1:mark + 2] and texts[mark + 1] in self.cues.answering_conjunctions \
                    and texts[mark + 2:mark + 3] and texts[mark + 2] in self.cues.answers:
                return mark
        return None
