"""Party letters outside brackets, where the sentence is about parties: "V og K vil sænke skatten" (joined to
another party), "Nej, siger LA" / "mener V" (after a speech verb), "K afviser forslaget" (first in a line or
sentence, before a lower-case word). A letter anywhere else ("plan B", "Christian V", "Anders K. Holm",
"VLAK-regeringen") is no party."""

from __future__ import annotations

import re

from tracker.nlp.model import Mention
from tracker.nlp.mentions.parties import party_mention

BARE_LETTER = re.compile(r"(?<![\w(\-/.'’])([A-ZÆØÅ])(?![\w\-'’)]|\.\w)")
CAPITALISED_BEFORE = re.compile(r"[A-ZÆØÅ][\wæøå]*\s$")


class PartyLetters:
    """Finds the bare party letters of a text (``words``: the lists of ``function_words.toml``)."""

    def __init__(self, lists: dict):
        self.letters = frozenset(lists["party_letters"])
        self.initial_letters = self.letters - frozenset(lists["word_letters"])
        self.joiners = tuple(lists["letter_joiners"])
        self.cues = frozenset(lists["letter_cues"])

    def find(self, text: str, parties: list[Mention], party_named) -> list[Mention]:
        """Party mentions for the bare letters that the rules accept; ``parties`` are those found already,
        ``party_named`` gives the party record of a letter (or None)."""
        candidates = {}
        for match in BARE_LETTER.finditer(text):
            letter = match.group(1)
            record = party_named(letter) if letter in self.letters else None
            if record is not None and getattr(record, "scope", "national") == "national" \
                    and not self.after_name(text, match.start()):
                candidates[match.start()] = record.name
        if not candidates:
            return []
        ends = {p.end_char for p in parties} | {start + 1 for start in candidates}
        starts = {p.start_char for p in parties} | set(candidates)
        found = []
        for start, name in candidates.items():
            letter = text[start]
            if self.joined(text, start, starts, ends, letter) or self.after_cue(text, start, letter) \
                    or self.opens_line(text, start, letter):
                found.append(party_mention(start, letter, name))
        return found

    @staticmethod
    def after_name(text: str, start: int) -> bool:
        """True after a capitalised word inside a sentence ("kong Christian V", "Anders K. Holm"), not after
        the first word of a sentence ("Både V og K")."""
        word = CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
        if word is None:
            return False
        before = text[max(0, word.start() - 2):word.start()].rstrip(" ")
        return bool(before) and before[-1] not in ".!?:\n"

    def joined(self, text: str, start: int, starts: set[int], ends: set[int], letter: str) -> bool:
        """"V og K", "S, R og SF": a party starts right after the letter, or ends right before it, across a
        joiner; a word letter ("I") only beside another party."""
        for joiner in self.joiners:
            if start + 1 + len(joiner) in starts and text.startswith(joiner, start + 1):
                return True
            if start - len(joiner) in ends and text.startswith(joiner, start - len(joiner)):
                return True
        return False

    def after_cue(self, text: str, start: int, letter: str) -> bool:
        """"siger V.", "mener K", "ifølge S": a speech verb or preposition of source right before."""
        if letter not in self.initial_letters:
            return False
        words = text[max(0, start - 20):start].split()
        return bool(words) and words[-1].lower() in self.cues

    def opens_line(self, text: str, start: int, letter: str) -> bool:
        """"K afviser ...": first in a line or after a full stop, before a lower-case word."""
        if letter not in self.initial_letters:
            return False
        before = text[max(0, start - 2):start]
        first = start == 0 or before.endswith("\n") or before in (". ", "! ", "? ")
        return first and bool(re.match(r" [a-zæøå]", text[start + 1:start + 3]))
