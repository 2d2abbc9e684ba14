"""Words that refer back to a politician named before: "han"/"hun" (the last person named who fits),
role nouns ("formanden", "SF-formanden"), party nouns ("partiet") and collective nouns ("kvintetten",
"de to"). Each look-up is a bisection in a list made once per article, so none grows with the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Span

from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.attribution.quotes import Quotes
from tracker.nlp.model import PARTY, SPEAKER, Mention
from tracker.nlp.ranges import Ordered

NAME_LIKE = re.compile(r"(?<![\w.])([A-ZÆØÅ][a-zæøå]+)\s(?:[A-ZÆØÅ]\.\s)?[A-ZÆØÅ][a-zæøå]+")


class References:
    """Resolves the words that refer back, for one article."""

    def __init__(self, article: ArticleText, quotes: Quotes, first_names: dict[str, str],
                 row_parties: set[str] | None):
        self.article, self.quotes, self.words = article, quotes, article.words
        self.first_names = first_names  # first name -> "M" / "F" (from the registry)
        self.row_parties = row_parties  # parties that may have rows of their own (national ones)
        self.people = [m for m in article.mentions if m.kind == SPEAKER]
        self._fitting: dict[str, Ordered] = {}
        self._with_role: dict[str, Ordered] = {}
        self._names_from: dict[int, NamesFrom] = {}
        self._holders: Ordered | None = None

    def resolve_pronoun(self, pos: int, gender: str) -> Mention | None:
        """The last politician named before pos (outside quotes) who fits the pronoun's gender."""
        if gender not in self._fitting:
            self._fitting[gender] = Ordered(
                [m for m in self.people if not self.quotes.is_quoted(m.start_char)
                 and m.gender in (None, gender)], key=lambda m: m.start_char)
        last = self._fitting[gender].last_before(pos)
        if last is None:
            return None
        if self.other_person_between(last.end_char, pos, gender) or last.party is None:
            return None
        return last

    def other_person_between(self, start: int, end: int, gender: str) -> bool:
        """True when a person who is no politician ("Anna Jensen, direktør") is named in between."""
        if start not in self._names_from:
            self._names_from[start] = NamesFrom(self, start)
        return self._names_from[start].block(end, gender)

    def blocks(self, match: re.Match, gender: str | None = None) -> str | None:
        """The gender of a name-like match that is no mention and not quoted (None if it has none)."""
        found = self.first_names.get(match.group(1))
        if found is None or (gender is not None and found != gender):
            return None
        if self.quotes.is_quoted(match.start()) or self.article.in_mention_of(None, match.start()):
            return None
        return found

    def resolve_role_noun(self, token) -> Mention | None:
        """"formanden", "SF-formanden", "ministeren": the last person named with that role."""
        word = token.lower_
        if not word.endswith("en") or not self.words.is_role_word(word[:-2]):
            return None
        head = word[:-2].split("-")[-1]
        if head not in self._with_role:
            self._with_role[head] = Ordered(
                [m for m in self.people if m.role and m.role.split("-")[-1].endswith(head) and m.party],
                key=lambda m: m.start_char)
        return self._with_role[head].last_before(token.idx)

    def resolve_party_noun(self, token) -> Mention | None:
        """"partiet", "partiets": the party named last before (or the party of the person named last)."""
        if self._holders is None:
            rows = self.row_parties
            self._holders = Ordered(
                [m for m in self.article.mentions if not self.quotes.is_quoted(m.start_char) and m.party
                 and (m.kind == SPEAKER or rows is None or m.party in rows)], key=lambda m: m.start_char)
        mention = self._holders.last_before(token.idx)
        if mention is None:
            return None
        return Mention(PARTY, token.idx, token.idx + len(token.text), token.text, name=mention.party,
                       party=mention.party, party_source="context")

    def party_noun_at(self, token) -> bool:
        """"partiet", "partiets" standing for the party, not "andre i partiet" (some of its members)."""
        before = self.article.doc[token.i - 1].lower_ if token.i > 0 else ""
        return token.lower_ in self.words["party_nouns"] and before not in self.words["inside"]

    def collective_at(self, token, sentence: Span) -> bool:
        """"Kvintetten", "de to", "De tre partier": a noun for the actors of the previous sentence."""
        article, words, i = self.article, self.words, token.i
        if token.lower_ in words["collective"]:
            return True
        if i + 1 >= len(article) or f"{token.lower_} {article.lower(i + 1)}" not in words["collective"]:
            return False
        after = article.doc[i + 2] if i + 2 < len(article) else None
        return after is None or not after.is_alpha or after.lower_ in words["collective_nouns"] or (
            words.has(after, "position") or words.has(after, "filler"))


class NamesFrom:
    """The name-like word pairs (NAME_LIKE) from one position on, found only as far as asked.

    ``block(end, gender)`` is ``any(...)`` over ``NAME_LIKE.finditer(text, start, end)`` for a blocking name of
    that gender: the matches of the search cut at ``end`` are those of the uncut search that end by ``end``,
    plus at most the uncut match that crosses ``end``, cut short (the pattern has no look-ahead, and a cut
    can only shorten its last word), so one scan serves every ``end``."""

    def __init__(self, references: References, start: int):
        self.references, self.found, self.ends = references, [], []
        self.first_block: dict[str, int] = {}  # gender -> end of the first blocking match
        self.matches = NAME_LIKE.finditer(references.article.text, start)
        self.next = next(self.matches, None)

    def block(self, end: int, gender: str) -> bool:
        while self.next is not None and self.next.end() <= end:
            found = self.references.blocks(self.next)
            if found is not None:
                self.first_block.setdefault(found, self.next.end())
            self.found.append(self.next)
            self.ends.append(self.next.end())
            self.next = next(self.matches, None)
        if self.first_block.get(gender, end + 1) <= end:
            return True
        k = bisect_right(self.ends, end)
        crossing = self.found[k] if k < len(self.found) else self.next
        if crossing is None or crossing.start() >= end:
            return False
        cut = NAME_LIKE.match(self.references.article.text, crossing.start(), end)
        return cut is not None and self.references.blocks(cut, gender) is not None
