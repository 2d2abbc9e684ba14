"""Cues that are not the speaker's own position: what the speaker puts aside with "i stedet for" / "frem for"
(the issue itself there is rejected), and another actor's act reported in a clause of its own ("..., at Dansk
Folkeparti træder ud af aftalen")."""

from __future__ import annotations

from tracker.nlp.stance.cues import AGAINST, FOR, PUNCT, Cue, CueBook


class Aside:
    def __init__(self, cues: CueBook):
        self.cues = cues

    def speakers_list(self, texts: list[str], focus: int | None, names) -> range:
        """The offsets of the list of names that holds the speaker's ("A, B og C"); empty when not named."""
        if focus is None:
            return range(0)
        start, end = focus, focus
        while start > 0 and (start - 1 in names or texts[start - 1] in self.cues.list_words):
            start -= 1
        while end < len(texts) and (end in names or texts[end] in self.cues.list_words):
            end += 1
        return range(start, end)

    def others_act(self, cue: Cue, texts: list[str], names, own: range) -> bool:
        """True when the cue is what another actor does, reported in a clause of its own: its subject, right
        before it (after at most a few auxiliaries: "at Dansk Folkeparti nu vil træde ud af aftalen", "hvis
        regeringen indfører ..."), names another party or person than the speaker (the speaker's own party is
        no other actor: "X (S) siger, at Socialdemokratiet ikke går til valg på ...", nor is "partiet"), or an
        actor such as "regeringen", and opens the clause. Not with a modal of obligation ("at regeringen skal afskaffe
        ...": the speaker's own demand)."""
        i, steps = cue.start - 1, 0
        while i >= 0 and steps < 3 and texts[i] in self.cues.auxiliaries:
            if texts[i] in self.cues.obligation:
                return False
            i, steps = i - 1, steps + 1
        if i < 0 or i in own or names.owns(i) or texts[i] in self.cues.own_references:
            return False
        if i in names:
            while i - 1 in names and i - 1 not in own:
                i -= 1
        elif texts[i] not in self.cues.actors:
            return False
        return i > 0 and texts[i - 1] in self.cues.subordinators

    def after_instead(self, texts: list[str], start: int, reach: int | None = None) -> bool:
        """True when offset ``start`` stands in the words right after "i stedet for" / "frem for" (at most
        ``reach`` words, by default ``predicate_gap + 1``, within the clause): what the speaker puts aside."""
        for back in range(1, (reach or self.cues.predicate_gap + 1) + 1):
            i = start - back
            if i < 0 or texts[i] in PUNCT:
                return False
            if any(tuple(texts[max(0, i - len(m) + 1):i + 1]) == m for m in self.cues.instead):
                return True
        return False

    def rejected_instead(self, cues: list[Cue], texts: list[str], triggers: set[int]):
        """(stance, cues, True) when the issue itself is what the speaker puts aside ("i stedet for et
        forbud mener partiet, at ...", "i stedet for at sænke topskatten vil vi ..."): against the issue
        when its own for phrase or the words naming it follow the marker, for when its against phrase does;
        None otherwise (general cues put aside are only left out: they are about the alternative)."""
        for cue in cues:
            if cue.own and self.after_instead(texts, cue.start):
                return (AGAINST if cue.sign > 0 else FOR), ["i stedet for " + cue.text], True
        if any(self.after_instead(texts, t, reach=2) for t in triggers):  # "i stedet for et tørklædeforbud"
            return AGAINST, ["i stedet for [sagen]"], True
        return None

