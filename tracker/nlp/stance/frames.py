"""Where the speaker stands in the sentence: the list of names the speaker belongs to ("X, Y og Z"), what
comes before that list (an agent marker: "kritik fra X", "kolliderer med X"; an exception: "alle partier med
undtagelse af X"), and the speaker's own relative clause after it ("..., der trak sig fra forhandlingerne")."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.nlp.stance.cues import PUNCT, CueBook

AGENT, EXCEPTION = "agent", "exception"
AUTHOR_REACH = 3  # the proposal's own words: cues starting at most this many words after its noun ("forslag om at afskaffe")


@dataclass(frozen=True)
class Frame:
    """The speaker's place: the name list (token offsets ``start``..``end``), the marker before it (AGENT,
    EXCEPTION or None) and the speaker's own relative clause (``clause``: offsets, or None)."""

    start: int
    end: int
    marker: str | None
    clause: tuple[int, int] | None


class FrameReader:
    def __init__(self, cues: CueBook):
        self.cues = cues
        self.exceptions = [term.lower().split() for term in cues.exceptions]

    def frame(self, texts: list[str], focus: int | None, names) -> Frame | None:
        """The frame of the speaker named at ``focus`` (None when the speaker is not named)."""
        if focus is None:
            return None
        start = focus
        while start > 0 and (start - 1 in names or texts[start - 1] in self.cues.list_words):
            start -= 1
        end = self.list_end(texts, focus, names)
        return Frame(start, end, self.marker(texts, start), self.relative_clause(texts, end))

    def list_end(self, texts: list[str], focus: int, names) -> int:
        """Offset after the list of names that holds ``focus``, with bracketed party letters ("(SF)")."""
        i = focus
        while i < len(texts):
            if i in names or (texts[i] in self.cues.list_words and i + 1 in names):
                i += 1
            elif texts[i] == "(" and ")" in texts[i + 1:i + 4]:
                i = texts.index(")", i) + 1
            else:
                break
        return i

    def marker(self, texts: list[str], start: int) -> str | None:
        """EXCEPTION after "med undtagelse af", "undtagen", "bortset fra", "på nær"; AGENT after "fra", "af",
        "med" ("kritik fra X", "kolliderer med X"); else None."""
        for words in self.exceptions:
            if texts[max(0, start - len(words)):start] == words:
                return EXCEPTION
        if start > 0 and texts[start - 1] in self.cues.agent_markers and not self.speech_tag_before(texts, start - 1):
            return AGENT
        return None

    def speech_tag_before(self, texts: list[str], marker: int) -> bool:
        """True when "lyder det" or the like stands right before the marker ("Det er en dårlig idé, lyder det
        fra X"): X said what comes before, and reacts to nothing."""
        return any(tuple(texts[max(0, marker - len(words)):marker]) == words for words in self.cues.sounds_from)

    def authored(self, texts: list[str], frame: Frame) -> tuple[int, int] | None:
        """The offsets of a proposal's own words when the speaker's list is in the genitive before a proposal
        noun ("kritiserer SF's forslag om en sukkerafgift": SF is the author, not the critic), else None. Only
        the words right after "om"/"til"/... are the proposal's ("forslag om at afskaffe X")."""
        noun = frame.end
        if noun >= len(texts) or not self.cues.proposals.fits(texts[noun]) or not texts[noun - 1].endswith("s"):
            return None
        start = noun + 1
        if start < len(texts) and texts[start] in self.cues.nesting:
            return start, min(len(texts), start + AUTHOR_REACH)
        return start, start

    def relative_clause(self, texts: list[str], end: int) -> tuple[int, int] | None:
        """The relative clause opened right after the name list (", som ...", ", der ..."), up to the next
        punctuation mark (a comma before "at"/"om" does not end it: "som kræver, at ...")."""
        i = end + 1 if end < len(texts) and texts[end] == "," else end
        if i >= len(texts) or texts[i] not in self.cues.relatives:
            return None
        j = i + 1
        while j < len(texts) and not (texts[j] in PUNCT and not (
                texts[j] == "," and texts[j + 1:j + 2] and texts[j + 1] in self.cues.nesting)):
            j += 1
        return (i + 1, j) if j > i + 1 else None

