"""Overviews: a heading that states a position, then a paragraph that only lists who holds it.

    Her er et overblik over, hvad partierne mener:
    * Ønsker ikke at hæve afgiften:
    Venstre, Konservative og Liberal Alliance.

Every party (or person with a party) in the list holds the heading's position: one statement each, whose
evidence runs from the heading to the end of the list, so that the issue and stance stages read the heading.
"""

from __future__ import annotations

import re

from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.model import PARTY, SPEAKER, StatementCandidate

BULLETS = "*-•–·"  # a heading may open with a list bullet
# What may stand between the names of a list: separators, and names nobody knows (capitalised words).
SEPARATORS = re.compile(r"[,.;&]|\b(?:og|samt)\b")
NAME = re.compile(r"(?:[A-ZÆØÅ][\w'-]*\.?\s*)+")
MAX_HEADING = 200  # characters: a longer paragraph is prose, not a heading


def only_joiners(text: str) -> bool:
    """True when the text between two names of a list holds only separators and capitalised names."""
    return all(not piece.strip() or NAME.fullmatch(piece.strip()) for piece in SEPARATORS.split(text))


class Overviews:
    """The overview statements of one article."""

    def __init__(self, article: ArticleText, score: float):
        self.article, self.score = article, score

    def statements(self) -> list[StatementCandidate]:
        found, paragraphs = [], self.article.paragraphs
        for (h_start, h_end), (l_start, l_end) in zip(paragraphs, paragraphs[1:]):
            heading = self.heading(h_start, h_end)
            if heading is None:
                continue
            names = self.name_list(l_start, l_end)
            if names:
                found += [self.candidate(who, heading, l_end) for who in names]
        return found

    def heading(self, start: int, end: int) -> int | None:
        """Where the heading's words start, when the paragraph is a short line ending in a colon."""
        text = self.article.text[start:end].rstrip()
        if not text.endswith(":") or len(text) > MAX_HEADING or self.article.mentions_in(start, end):
            return None
        stripped = text.lstrip(BULLETS + " \t")
        return start + len(text) - len(stripped) if len(stripped) > 1 else None

    def name_list(self, start: int, end: int) -> list:
        """The parties and people with a party that make up the whole paragraph, else []."""
        mentions = [m for m in self.article.mentions_in(start, end) if m.end_char <= end]
        if not mentions:
            return []
        text, position, holders = self.article.text, start, []
        for m in mentions:
            if m.start_char < position:  # nested mentions: the outer one counts
                continue
            if not only_joiners(text[position:m.start_char]):
                return []
            position = m.end_char
            if m.kind == PARTY or (m.kind == SPEAKER and m.party):
                holders.append(m)
        return holders if only_joiners(text[position:end]) else []

    def candidate(self, who, start: int, end: int) -> StatementCandidate:
        text = self.article.text
        while end > start and text[end - 1].isspace():
            end -= 1
        person = who.kind == SPEAKER
        return StatementCandidate(
            party=who.party, kind="indirect", evidence=text[start:end], start_char=start, end_char=end,
            speaker=who.name if person else None, politician_key=who.politician_key if person else None,
            role=who.role if person else None, discovered=who.discovered if person else False,
            confidence=self.score, scores={"attribution": self.score}, extra={"cue": "overview", "at": start})
